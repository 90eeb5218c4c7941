/* --log FILE for a daemon: everything the command writes on its stdout
 * and stderr, and launch's own messages, appended to FILE. The command
 * writes into a pipe that launch reads (in the monitor's poll loop) and
 * copies to the file, so that on SIGHUP launch can reopen FILE by name
 * (after logrotate renamed it) and go on in the new one; SIGHUP is still
 * relayed to the command as every signal is. */
#ifndef LAUNCH_LAUNCHER_LOGFILE_H
#define LAUNCH_LAUNCHER_LOGFILE_H

#include <stdbool.h>

#include "base/error.h"

struct logfile {
	const char *path;
	int fd;    /* the file, O_APPEND; -1 */
	int read;  /* the pipe's reading end (non-blocking); -1 */
	int write; /* its writing end, for the command's 1 and 2; -1 */
};

/* Opens path for appending (created 0640) and the pipe. */
int logfile_open(struct logfile *l, const char *path, struct lx_error *e);
/* Copies what the pipe holds now into the file. */
void logfile_pump(struct logfile *l);
/* Opens path again and goes on in the new file; launch's own stderr too. */
int logfile_reopen(struct logfile *l, struct lx_error *e);
void logfile_close(struct logfile *l);

#endif
