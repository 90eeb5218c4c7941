#include "launcher/outcome.h"

#include <errno.h>
#include <signal.h>
#include <sys/wait.h>

int exec_errno_exit_code(int err)
{
	return err == ENOENT || err == ENOTDIR ? EXIT_NOT_FOUND : EXIT_CANNOT_EXECUTE;
}

void outcome_verdict(const struct run_outcome *o, struct exit_verdict *v)
{
	v->code = -1;
	v->signal = 0;

	switch (o->end) {
	case RUN_SETUP_ERROR:
		v->status = "setup_error";
		v->launch_exit_code = EXIT_SETUP;
		return;
	case RUN_EXEC_ERROR:
		/* what a shell reports for the same failure: the command
		 * "exited" 126 or 127 */
		v->status = "exited";
		v->code = exec_errno_exit_code(o->exec_errno);
		v->launch_exit_code = v->code;
		return;
	case RUN_UNKNOWN:
		v->status = o->timed_out ? "timeout" : "setup_error";
		v->launch_exit_code = o->timed_out ? EXIT_TIMEOUT : EXIT_SETUP;
		return;
	case RUN_FINISHED:
		break;
	}

	if (WIFEXITED(o->wait_status)) {
		v->status = "exited";
		v->code = WEXITSTATUS(o->wait_status);
		v->launch_exit_code = v->code;
	} else {
		v->status = "signaled";
		v->signal = WTERMSIG(o->wait_status);
		v->launch_exit_code = 128 + v->signal;
	}
	if (o->oom_killed && v->signal == SIGKILL) {
		v->status = "oom";
		v->launch_exit_code = 128 + SIGKILL;
	}
	/* SIGSYS is what a seccomp filter kills with */
	if (o->seccomp_kills && v->signal == SIGSYS)
		v->status = "seccomp";
	/* the limit is what ended it, however the command then died */
	if (o->timed_out) {
		v->status = "timeout";
		v->launch_exit_code = EXIT_TIMEOUT;
	}
}
