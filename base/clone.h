/* clone3(2) used like fork(2): the child continues on a copy of the
 * caller's stack. The C library has no wrapper; its own bookkeeping is not
 * run for the child, which therefore must not create threads and must end
 * with _exit(). */
#ifndef LAUNCH_BASE_CLONE_H
#define LAUNCH_BASE_CLONE_H

#include <stdint.h>
#include <sys/types.h>

/* flags: CLONE_NEW* and friends. *pidfd gets a pidfd for the child
 * (close-on-exec). cgroup_fd >= 0 starts the child in that cgroup
 * (CLONE_INTO_CGROUP). Returns the pid in the parent, 0 in the child,
 * -errno on failure. */
pid_t clone3_fork(uint64_t flags, int *pidfd, int cgroup_fd);

#endif
