/* The filesystem the command sees, built from the profile's "filesystem"
 * keys in init's new mount namespace, then made its root.
 *
 * 1. A recursive copy of the root (the host's "/", or a directory), made
 *    read-only as a whole when the profile says so, is attached at the
 *    staging point: the host's /proc, which exists wherever launch runs
 *    and which nothing in the sandbox needs (it gets its own).
 * 2. Onto it, every target resolved inside it (a symbolic link in a root
 *    directory cannot lead outside): /dev (minimal: a tmpfs with null,
 *    zero, full, random, urandom and tty from the host, its own devpts and
 *    shm, and mqueue with an IPC namespace; none: an empty read-only
 *    tmpfs), a fresh /proc with the paths container runtimes hide masked
 *    or read-only, /sys read-only (a fresh one in a network namespace of
 *    the sandbox's own), the cgroup2 tree seen from the sandbox's cgroup
 *    namespace, then the profile's mounts, parents first.
 * 3. pivot_root into it; the old root is detached: nothing of the host
 *    stays reachable but what was mounted.
 *
 * launch never writes to a filesystem it did not make: a mount point that
 * does not exist is created only inside a tmpfs of launch's (else the
 * mount fails, naming the target), so a run leaves no trace on the host or
 * in a root directory. */
#ifndef LAUNCH_NS_VIEW_H
#define LAUNCH_NS_VIEW_H

#include <stdbool.h>

#include "base/error.h"
#include "profiles/profile.h"

struct view_context {
	const char *pwd; /* launch's working directory, for ${PWD}; NULL if gone */
	bool host_ids;   /* the host's ids are mapped (root): devpts may use gid 5 */
	bool cgroup_ns;  /* the sandbox has its own cgroup namespace */
};

/* Builds the view of p and makes it the root; the caller's working
 * directory is then "/". */
int view_build(const struct profile *p, const struct view_context *c, struct lx_error *e);

#endif
