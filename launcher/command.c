/* The command's process between fork (by init) and exec. Order matters:
 * the process group first (init makes it too, from its side, before it
 * tells the monitor: whichever runs first creates it, as shells do for a
 * job); then the terminal, the descriptors and the caller's signal mask
 * (a signal relayed from now on acts as it would on the command: what ends
 * or stops a process does so before exec as after); then everything the
 * profile takes away, in security/privileges.c's order, the working
 * directory among it (with the new identity's rights) and the seccomp
 * filter last, so that exec is the only call left: a failure is left in
 * init's memory for init to send (sandbox.h). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "base/error.h"
#include "base/fd.h"
#include "launcher/channel.h"
#include "launcher/exec.h"
#include "launcher/outcome.h"
#include "launcher/sandbox.h"
#include "security/privileges.h"

/* Leaves the failure in init's memory (sandbox.h: the seccomp filter may
 * refuse a send) and exits; init sends it. */
static noreturn void leave(const struct sandbox_args *a, enum channel_msg_type type,
                           const struct lx_error *e, int code)
{
	a->failure->error = *e;
	a->failure->type = type;
	_exit(code);
}

static noreturn void fail(const struct sandbox_args *a, const struct lx_error *e)
{
	leave(a, MSG_SETUP_FAILED, e, EXIT_SETUP);
}

static int take_terminal(const struct sandbox_args *a, struct lx_error *e)
{
	for (int fd = 0; fd < 3; fd++)
		if (a->on_pty[fd] && dup2(a->pty_slave, fd) < 0)
			return lx_error_errno(e, errno, "attach the pseudo-terminal");
	/* the command's group becomes the terminal's foreground group, so
	 * Ctrl-C and Ctrl-Z reach it (SIGTTOU is blocked: no stop here) */
	if (tcsetpgrp(a->pty_slave, getpid()) < 0)
		return lx_error_errno(e, errno, "give the pseudo-terminal to the command");
	close(a->pty_slave);
	return 0;
}

static int keep_only_passed_fds(const struct sandbox_args *a, struct lx_error *e)
{
	const struct launch_config *cfg = a->cfg;
	for (size_t i = 0; i < cfg->n_pass_fds; i++)
		if (fd_set_cloexec(cfg->pass_fds[i], false) < 0)
			return lx_error_errno(e, errno, "--pass-fd %d", cfg->pass_fds[i]);
	/* everything else launch holds goes at exec (the channel must stay
	 * open until then, to report an exec failure) */
	int r = fd_close_all_except(cfg->pass_fds, cfg->n_pass_fds, FD_CLOSE_ON_EXEC);
	if (r < 0)
		return lx_error_errno(e, -r, "close launch's file descriptors");
	return 0;
}

noreturn void command_main(const struct sandbox_args *a)
{
	struct lx_error e = { 0 };

	if (setpgid(0, 0) < 0) {
		lx_error_errno(&e, errno, "create the command's process group");
		fail(a, &e);
	}
	if (a->pty_slave >= 0 && take_terminal(a, &e) < 0)
		fail(a, &e);
	if (a->output_fd >= 0 &&
	    (dup2(a->output_fd, STDOUT_FILENO) < 0 || dup2(a->output_fd, STDERR_FILENO) < 0)) {
		lx_error_errno(&e, errno, "the command's output to the log");
		fail(a, &e);
	}
	if (keep_only_passed_fds(a, &e) < 0)
		fail(a, &e);
	if (caller_signals_restore(a->signals) < 0) {
		lx_error_errno(&e, errno, "restore the signal mask");
		fail(a, &e);
	}
	if (privileges_apply(a->privileges, &a->cwd, &e) < 0)
		fail(a, &e);
	int err = exec_command(a->cfg->command, a->envp, &e);
	leave(a, MSG_EXEC_FAILED, &e, exec_errno_exit_code(err));
}
