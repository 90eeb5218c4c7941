/* File descriptor helpers: close everything but a keep-list, standard
 * descriptors that are never confused with launch's own, full writes. */
#ifndef LAUNCH_BASE_FD_H
#define LAUNCH_BASE_FD_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

enum fd_close_mode {
	FD_CLOSE_NOW,     /* close(2) them */
	FD_CLOSE_ON_EXEC, /* mark them close-on-exec, so they go at execve */
};

/* Every descriptor >= 3 that is not in keep[] is closed (or marked
 * close-on-exec); descriptors in keep[] >= 3 are left alone. */
int fd_close_all_except(const int *keep, size_t n_keep, enum fd_close_mode mode);
int fd_set_cloexec(int fd, bool on);
bool fd_is_open(int fd);
/* Any of 0, 1, 2 that is closed gets /dev/null, marked close-on-exec: launch
 * never mistakes its own descriptors for standard streams, and the command
 * still finds the stream closed, as the caller left it. */
int fd_fill_standard_streams(void);
/* write(2) until everything is written; -errno on failure. */
ssize_t fd_write_all(int fd, const void *buf, size_t len);
/* A write lock on the whole file, without waiting; held by the open file
 * description (F_OFD_SETLK), so it survives fork and only the last close
 * releases it. 0, or -errno (-EAGAIN: someone holds it). */
int fd_lock(int fd);
/* Is the file at path still the one fd has open (not removed or replaced
 * meanwhile)? */
bool fd_is_at(int fd, const char *path);

#endif
