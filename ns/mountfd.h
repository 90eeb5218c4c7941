/* Mounts as file descriptors (the mount API of Linux 5.2, mount_setattr of
 * 5.12): a filesystem or a copy of a tree is made detached, shaped, then
 * attached onto a target that was resolved inside the sandbox's root
 * (openat2 RESOLVE_IN_ROOT), so a symbolic link in a root directory can
 * never send a mount outside it. Each failure names what was mounted,
 * where, and why (with the kernel's own words for a filesystem's options,
 * read from the filesystem context). */
#ifndef LAUNCH_NS_MOUNTFD_H
#define LAUNCH_NS_MOUNTFD_H

#include <stdbool.h>
#include <sys/mount.h> /* MOUNT_ATTR_RDONLY, ... for attrs */

#include "base/error.h"

/* A new filesystem of type ("tmpfs", "proc", "devpts", ...) with options
 * "key=value,flag,..." (NULL for none), detached, with attrs (MOUNT_ATTR_*,
 * as fsmount takes them). what names it
 * in messages ("tmpfs on /tmp"). A mount fd, or -errno. */
int mnt_new(const char *type, const char *options, unsigned attrs, const char *what,
            struct lx_error *e);

/* A detached copy of the tree at path (recursive: the mounts below it
 * too), as bind mounts make. dirfd as for openat. A mount fd, or -errno. */
int mnt_clone(int dirfd, const char *path, bool recursive, const char *what, struct lx_error *e);

/* Sets attrs (MOUNT_ATTR_*) on the mount fd refers to (and the mounts
 * below it). */
int mnt_set(int fd, unsigned attrs, bool recursive, const char *what, struct lx_error *e);

/* Attaches the detached mount mfd onto target_fd (an O_PATH descriptor of
 * the mount point). */
int mnt_attach(int mfd, int target_fd, const char *what, struct lx_error *e);

/* openat2(dirfd, path, O_PATH) resolved as if dirfd were the root: ".."
 * and absolute symbolic links stay inside it. -errno. */
int mnt_open_in_root(int rootfd, const char *path);

/* The id of the mount fd is on (statx STATX_MNT_ID), 0 if unknown. */
unsigned long long mnt_id(int fd);

#endif
