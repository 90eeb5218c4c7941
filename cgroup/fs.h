/* Reading and writing cgroup files relative to a cgroup's directory fd. */
#ifndef LAUNCH_CGROUP_FS_H
#define LAUNCH_CGROUP_FS_H

#include <stddef.h>
#include <sys/types.h>

/* One write(2) of the whole value, as cgroup files want; -errno. */
int cg_write(int dirfd, const char *file, const char *value);
/* The file's content, NUL-terminated; its length or -errno. */
ssize_t cg_read(int dirfd, const char *file, char *buf, size_t size);

#endif
