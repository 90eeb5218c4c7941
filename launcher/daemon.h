/* --daemon: launch detaches from its caller, and tells the caller whether
 * the service started before it does. The caller's launch forks; the child
 * leaves the caller's session (setsid), sets umask 022, takes /dev/null as
 * stdin and the log (or /dev/null) as stdout and stderr, and writes its pid
 * into the pidfile, locked before the fork so that a second start fails in
 * the caller's own terminal. The parent waits until the child says the
 * command has started (exec'd: exit 0) or why it could not (the message on
 * stderr, exit 125): never a silent daemon that died. The daemon's
 * working directory is "/": it pins no mount; each sandbox still starts
 * in the caller's directory, kept as a descriptor. */
#ifndef LAUNCH_LAUNCHER_DAEMON_H
#define LAUNCH_LAUNCHER_DAEMON_H

#include "base/error.h"
#include "launcher/logfile.h"

/* In the daemon: 0 with *ready_fd, where one byte means "started" and text
 * is the reason it did not (daemon_failed); the caller's process never
 * returns from here. log: opened (or log->fd -1 for /dev/null). */
int daemon_start(const struct logfile *log, int pidfile_fd, const char *pidfile, int *ready_fd,
                 struct lx_error *e);
/* In the daemon, when the start failed: the reason, to the caller. */
void daemon_failed(int ready_fd, const struct lx_error *e);

#endif
