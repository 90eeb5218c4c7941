/* Relaying a signal from the monitor to the command's process group in one
 * hop. The group is addressed through a pidfd of the command (Linux 6.9's
 * PIDFD_SIGNAL_PROCESS_GROUP): a pidfd pins the pid, so the signal can never
 * reach an unrelated group that got the same number after the command's
 * group ended. Older kernels get kill(-pgid). */
#ifndef LAUNCH_LAUNCHER_RELAY_H
#define LAUNCH_LAUNCHER_RELAY_H

#include <stdbool.h>
#include <sys/types.h>

struct relay_target {
	int pidfd;  /* the command's pidfd, -1 before it started */
	pid_t pgid; /* its pid (= its group) as the monitor sees it */
};

/* Every catchable signal but SIGCHLD; not the two real-time signals below
 * SIGRTMIN that the C library keeps for itself. */
bool relay_wants(int sig);
/* 0, or -errno (-ESRCH once the group is empty). */
int relay_send(const struct relay_target *t, int sig);

#endif
