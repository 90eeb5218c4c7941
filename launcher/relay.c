#include "launcher/relay.h"

#include <errno.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef PIDFD_SIGNAL_PROCESS_GROUP
#define PIDFD_SIGNAL_PROCESS_GROUP (1U << 2)
#endif

bool relay_wants(int sig)
{
	if (sig <= 0 || sig >= NSIG)
		return false;
	if (sig == SIGKILL || sig == SIGSTOP || sig == SIGCHLD)
		return false;
	return sig < 32 || sig >= SIGRTMIN;
}

int relay_send(const struct relay_target *t, int sig)
{
	/* -1 unknown, 0 the kernel lacks the flag, 1 it works */
	static int group_flag = -1;

	if (t->pidfd < 0)
		return -ESRCH;
	if (group_flag != 0) {
		if (syscall(SYS_pidfd_send_signal, t->pidfd, sig, NULL,
		            PIDFD_SIGNAL_PROCESS_GROUP) == 0) {
			group_flag = 1;
			return 0;
		}
		if (errno != EINVAL || group_flag == 1)
			return -errno;
		group_flag = 0;
	}
	if (t->pgid <= 0)
		return -ESRCH;
	return kill(-t->pgid, sig) < 0 ? -errno : 0;
}
