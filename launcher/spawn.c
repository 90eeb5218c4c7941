#include "launcher/spawn.h"

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/clone.h"
#include "launcher/channel.h"
#include "profiles/profile.h"

static void spawn_hint(struct lx_error *e, int err)
{
	if ((err == EPERM || err == EACCES) && geteuid() != 0)
		lx_error_hint(e,
		              "this system does not let users create user namespaces: see "
		              "sysctl user.max_user_namespaces, kernel.unprivileged_userns_clone "
		              "or kernel.apparmor_restrict_unprivileged_userns");
	else if (err == EPERM)
		lx_error_hint(e, "creating namespaces needs root (CAP_SYS_ADMIN)");
	else if (err == ENOSYS)
		lx_error_hint(e, "launch needs Linux 5.10 or newer");
	else if (err == ENOSPC || err == EUSERS)
		lx_error_hint(e,
		              "a namespace limit was reached: see /proc/sys/user/max_*_namespaces");
}

/* clone3 into the run's cgroup; where the kernel cannot place a child that
 * way, a plain clone3 whose child waits until the monitor has placed it.
 * LAUNCH_CLONE_INTO_CGROUP=0 takes the second way from the start: kernels
 * before 5.7 do, and the tests check it on every kernel. */
static pid_t clone_init(const struct spawn_request *req, struct sandbox_args *args, int *pidfd,
                        bool *cloned_into)
{
	const char *env = getenv("LAUNCH_CLONE_INTO_CGROUP");
	int fd = env && strcmp(env, "0") == 0 ? -1 : cgroup_clone_fd(req->cg);
	unsigned ns = req->namespaces;
	bool userns = req->userns != NULL;
	/* the user namespace first (clone makes it first): the others are
	 * then its own, which is what lets launch make them without root */
	uint64_t flags = (userns ? CLONE_NEWUSER : 0) | CLONE_NEWPID |
	                 (ns & NS_MOUNT ? CLONE_NEWNS : 0) | (ns & NS_IPC ? CLONE_NEWIPC : 0) |
	                 (ns & NS_UTS ? CLONE_NEWUTS : 0) | (ns & NS_NET ? CLONE_NEWNET : 0);
	*cloned_into = fd >= 0;
	args->wait_for_go = cgroup_needs_attach(req->cg, *cloned_into) || userns;
	pid_t pid = clone3_fork(flags, pidfd, fd);
	if (pid == 0)
		init_main(args);
	if (pid < 0 && fd >= 0 &&
	    (pid == -ENOSYS || pid == -EOPNOTSUPP || pid == -EBUSY || pid == -EBADF ||
	     pid == -EINVAL)) {
		*cloned_into = false;
		args->wait_for_go = cgroup_needs_attach(req->cg, false) || userns;
		pid = clone3_fork(flags, pidfd, -1);
		if (pid == 0)
			init_main(args);
	}
	return pid;
}

/* The sandbox is in every hierarchy of its cgroup, and its user namespace
 * maps its ids, before init goes on. */
static int place_init(const struct spawn_request *req, pid_t pid, bool cloned_into,
                      struct lx_error *e)
{
	int r = cgroup_attach(req->cg, pid, cloned_into, e);
	if (r < 0)
		return r;
	if (req->userns && (r = idmap_write(pid, req->userns, e)) < 0)
		return r;
	if (channel_send(req->go_sock, MSG_GO, 0, -1, 0) < 0)
		return lx_error_errno(e, errno, "start the sandbox");
	return 0;
}

pid_t spawn_sandbox(const struct spawn_request *req, struct sandbox_args *args, int *pidfd,
                    struct lx_error *e)
{
	bool cloned_into;
	pid_t pid = clone_init(req, args, pidfd, &cloned_into);
	if (pid < 0) {
		lx_error_errno(e, -pid, "create the sandbox's namespaces (clone3)");
		spawn_hint(e, -pid);
		return pid;
	}
	if (args->wait_for_go) {
		int r = place_init(req, pid, cloned_into, e);
		if (r < 0) {
			/* nothing has run: init waits; it goes, and the cgroup
			 * with it */
			syscall(SYS_pidfd_send_signal, *pidfd, SIGKILL, NULL, 0);
			siginfo_t info;
			syscall(SYS_waitid, P_PIDFD, *pidfd, &info, WEXITED, NULL);
			close(*pidfd);
			*pidfd = -1;
			return r;
		}
	}
	return pid;
}
