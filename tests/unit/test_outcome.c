/* launcher/outcome.h: how a run's end maps to the report's "exit" object and
 * launch's exit status (SPEC "Exit status"): every exit code, every
 * standard signal, the time limit, the OOM killer, setup and exec errors,
 * and a sandbox that ended without the command's status. */
#include <criterion/criterion.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "launcher/outcome.h"

/* waitpid() statuses, built as the kernel does */
static int exited(int code)
{
	return (code & 0xff) << 8;
}

static int killed(int sig)
{
	return sig & 0x7f;
}

static struct exit_verdict verdict_of(struct run_outcome o)
{
	struct exit_verdict v;
	memset(&v, 0x5a, sizeof(v)); /* every field must be written */
	v.status = "garbage";
	outcome_verdict(&o, &v);
	return v;
}

static void expect_verdict(struct exit_verdict v, const char *status, int code, int sig,
                           int launch_exit_code)
{
	cr_expect_str_eq(v.status, status);
	cr_expect_eq(v.code, code, "code %d, want %d", v.code, code);
	cr_expect_eq(v.signal, sig, "signal %d, want %d", v.signal, sig);
	cr_expect_eq(v.launch_exit_code, launch_exit_code, "launch exits %d, want %d",
	             v.launch_exit_code, launch_exit_code);
}

TestSuite(outcome);

Test(outcome, every_exit_code_passes_through)
{
	for (int code = 0; code <= 255; code++) {
		struct run_outcome o = { .end = RUN_FINISHED, .wait_status = exited(code) };
		struct exit_verdict v = verdict_of(o);
		cr_assert_str_eq(v.status, "exited", "code %d", code);
		cr_assert_eq(v.code, code);
		cr_assert_eq(v.signal, 0, "code %d: no signal", code);
		cr_assert_eq(v.launch_exit_code, code);
	}
}

Test(outcome, every_signal_is_128_plus_n)
{
	for (int sig = 1; sig <= 31; sig++) {
		struct run_outcome o = { .end = RUN_FINISHED, .wait_status = killed(sig) };
		struct exit_verdict v = verdict_of(o);
		cr_assert_str_eq(v.status, "signaled", "signal %d", sig);
		cr_assert_eq(v.code, -1, "signal %d: code is null", sig);
		cr_assert_eq(v.signal, sig);
		cr_assert_eq(v.launch_exit_code, 128 + sig);
	}
}

Test(outcome, core_dump_flag_is_ignored)
{
	struct run_outcome o = { .end = RUN_FINISHED, .wait_status = killed(SIGSEGV) | 0x80 };
	cr_assert(WCOREDUMP(o.wait_status));
	expect_verdict(verdict_of(o), "signaled", -1, SIGSEGV, 139);
}

Test(outcome, realtime_signal)
{
	struct run_outcome o = { .end = RUN_FINISHED, .wait_status = killed(SIGRTMIN + 2) };
	expect_verdict(verdict_of(o), "signaled", -1, SIGRTMIN + 2, 128 + SIGRTMIN + 2);
}

Test(outcome, timeout_keeps_how_the_command_ended)
{
	struct run_outcome o = { .end = RUN_FINISHED,
		                 .wait_status = killed(SIGTERM),
		                 .timed_out = true };
	expect_verdict(verdict_of(o), "timeout", -1, SIGTERM, EXIT_TIMEOUT);

	o.wait_status = killed(SIGKILL);
	expect_verdict(verdict_of(o), "timeout", -1, SIGKILL, 124);

	/* it caught the stop signal and exited on its own */
	o.wait_status = exited(3);
	expect_verdict(verdict_of(o), "timeout", 3, 0, 124);
	o.wait_status = exited(0);
	expect_verdict(verdict_of(o), "timeout", 0, 0, 124);

	/* the limit wins over the OOM killer too */
	o.wait_status = killed(SIGKILL);
	o.oom_killed = true;
	expect_verdict(verdict_of(o), "timeout", -1, SIGKILL, 124);
}

Test(outcome, oom_kill)
{
	struct run_outcome o = { .end = RUN_FINISHED,
		                 .wait_status = killed(SIGKILL),
		                 .oom_killed = true };
	expect_verdict(verdict_of(o), "oom", -1, SIGKILL, 137);
}

Test(outcome, oom_event_but_not_killed_by_it)
{
	/* the OOM killer took another process; the command ended by itself */
	struct run_outcome o = { .end = RUN_FINISHED,
		                 .wait_status = exited(0),
		                 .oom_killed = true };
	expect_verdict(verdict_of(o), "exited", 0, 0, 0);

	o.wait_status = exited(1);
	expect_verdict(verdict_of(o), "exited", 1, 0, 1);

	o.wait_status = killed(SIGTERM);
	expect_verdict(verdict_of(o), "signaled", -1, SIGTERM, 143);
}

Test(outcome, setup_error)
{
	struct run_outcome o = { .end = RUN_SETUP_ERROR };
	expect_verdict(verdict_of(o), "setup_error", -1, 0, EXIT_SETUP);
	cr_expect_eq(EXIT_SETUP, 125);

	/* a setup error is that, whatever else is set */
	o.wait_status = exited(7);
	o.timed_out = true;
	o.oom_killed = true;
	expect_verdict(verdict_of(o), "setup_error", -1, 0, 125);
}

Test(outcome, exec_errors)
{
	static const struct {
		int err;
		int want;
	} cases[] = {
		{ ENOENT, 127 }, { ENOTDIR, 127 }, { EACCES, 126 },  { ENOEXEC, 126 },
		{ EISDIR, 126 }, { EPERM, 126 },   { ETXTBSY, 126 }, { ELOOP, 126 },
		{ E2BIG, 126 },  { ENOMEM, 126 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run_outcome o = { .end = RUN_EXEC_ERROR, .exec_errno = cases[i].err };
		struct exit_verdict v = verdict_of(o);
		cr_expect_str_eq(v.status, "exited", "%s", strerror(cases[i].err));
		cr_expect_eq(v.code, cases[i].want, "%s: code %d", strerror(cases[i].err), v.code);
		cr_expect_eq(v.signal, 0);
		cr_expect_eq(v.launch_exit_code, cases[i].want);
		cr_expect_eq(exec_errno_exit_code(cases[i].err), cases[i].want);
	}
	cr_expect_eq(EXIT_NOT_FOUND, 127);
	cr_expect_eq(EXIT_CANNOT_EXECUTE, 126);
}

Test(outcome, unknown_end)
{
	struct run_outcome o = { .end = RUN_UNKNOWN };
	expect_verdict(verdict_of(o), "setup_error", -1, 0, 125);

	o.timed_out = true;
	expect_verdict(verdict_of(o), "timeout", -1, 0, 124);
}

/* A seccomp filter of the profile kills with SIGSYS: "seccomp", 159. */
Test(outcome, seccomp_kill)
{
	struct run_outcome o = { .end = RUN_FINISHED,
		                 .wait_status = killed(SIGSYS),
		                 .seccomp_kills = true };
	expect_verdict(verdict_of(o), "seccomp", -1, SIGSYS, 128 + SIGSYS);
	/* with a core dump flag too (SIGSYS dumps core by default) */
	o.wait_status = killed(SIGSYS) | 0x80;
	expect_verdict(verdict_of(o), "seccomp", -1, SIGSYS, 128 + SIGSYS);
}

Test(outcome, sigsys_without_a_filter_is_a_signal)
{
	struct run_outcome o = { .end = RUN_FINISHED, .wait_status = killed(SIGSYS) };
	expect_verdict(verdict_of(o), "signaled", -1, SIGSYS, 159);
}

Test(outcome, filter_but_another_end)
{
	struct run_outcome o = { .end = RUN_FINISHED,
		                 .wait_status = killed(SIGKILL),
		                 .seccomp_kills = true };
	expect_verdict(verdict_of(o), "signaled", -1, SIGKILL, 137);
	o.wait_status = exited(31);
	expect_verdict(verdict_of(o), "exited", 31, 0, 31);
	/* the time limit is what ended it, whatever the command died of */
	o.wait_status = killed(SIGSYS);
	o.timed_out = true;
	expect_verdict(verdict_of(o), "timeout", -1, SIGSYS, 124);
}
