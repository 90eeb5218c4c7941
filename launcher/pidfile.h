/* --pidfile FILE: launch's pid in FILE, which launch holds locked while it
 * runs, so a second launch with the same pidfile refuses to start (the
 * lock, not the file's existence, says whether the first still runs: a
 * pidfile left by a launch that was killed is taken over). The file is
 * removed when launch ends. */
#ifndef LAUNCH_LAUNCHER_PIDFILE_H
#define LAUNCH_LAUNCHER_PIDFILE_H

#include <sys/types.h>

#include "base/error.h"

/* Opens and locks path: the descriptor (close-on-exec), or -EEXIST with e
 * naming the pid that holds it. */
int pidfile_acquire(const char *path, struct lx_error *e);
/* Writes pid into it (replacing what was there). */
int pidfile_write(int fd, pid_t pid, const char *path, struct lx_error *e);
void pidfile_release(int fd, const char *path);

#endif
