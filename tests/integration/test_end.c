/* End of run (issue 2, item 5): when the command exits, what is left gets
 * the stop signal, then SIGKILL after the grace; launch exits only when
 * nothing of the run is left, with the SPEC's status; if the monitor is
 * SIGKILLed, the sandbox dies with it. */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "harness.h"

TestSuite(end, .fini = h_cleanup, .timeout = 240);

Test(end, exit_codes_0_to_255)
{
	for (int code = 0; code < 256; code++) {
		char arg[16];
		struct result r;
		snprintf(arg, sizeof(arg), "%d", code);
		const char *argv[] = { launch_bin(), "--", probe_bin(), "exit", arg, NULL };
		h_run(&r, 10, argv);
		cr_expect_eq(r.code, code, "exit %d gave %d", code, r.code);
		cr_expect(WIFEXITED(r.status));
		h_result_free(&r);
	}
}

Test(end, death_by_each_common_signal)
{
	static const int sigs[] = { SIGHUP,  SIGINT,  SIGQUIT, SIGILL,  SIGABRT,
		                    SIGFPE,  SIGKILL, SIGSEGV, SIGPIPE, SIGALRM,
		                    SIGTERM, SIGUSR1, SIGUSR2, SIGBUS,  SIGSYS };
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		char arg[16];
		struct result r;
		snprintf(arg, sizeof(arg), "%d", sigs[i]);
		const char *argv[] = { launch_bin(), "--", probe_bin(), "kill", arg, NULL };
		h_run(&r, 10, argv);
		/* launch exits 128+N itself: it is not killed by the signal */
		cr_expect(WIFEXITED(r.status), "signal %d", sigs[i]);
		cr_expect_eq(r.code, 128 + sigs[i], "signal %d gave %d", sigs[i], r.code);
		h_result_free(&r);
	}
}

Test(end, leftovers_get_the_stop_signal_at_once)
{
	struct result r;
	/* the leftovers sit in their own sessions: only init's kill reaches
	 * them; they die of SIGTERM, long before the 10 s grace */
	const char *argv[] = { launch_bin(), "--", "/bin/sh", "-c", "\"$0\" leave 5; exit 3",
		               probe_bin(),  NULL };
	h_run(&r, 20, argv);
	cr_expect_eq(r.code, 3, "%s", r.err);
	cr_expect_lt(r.seconds, 2.0, "the grace is an upper bound, not a wait");
	h_result_free(&r);
}

Test(end, leftovers_ignoring_the_stop_signal_die_after_the_grace)
{
	struct result r;
	const char *argv[] = { launch_bin(), "--grace", "400ms",  "--", probe_bin(),
		               "leave",      "3",       "ignore", NULL };
	h_run(&r, 20, argv);
	cr_expect_eq(r.code, 0, "%s", r.err);
	cr_expect_geq(r.seconds, 0.4, "SIGKILL came before the grace ended");
	cr_expect_lt(r.seconds, 5.0);
	h_result_free(&r);
}

/* Reads the sandbox's PID namespace while it runs (the command prints a
 * line when it is ready), then checks nothing of it is left after the end. */
static unsigned long watch_namespace(struct child *c)
{
	char *line = h_readline(c, 20);
	cr_assert(line && !strcmp(line, "left"), "%s", line ? line : "EOF");
	free(line);
	pid_t init = h_init_pid(c->pid, 5);
	cr_assert(init > 0);
	unsigned long ns = h_pidns(init);
	cr_assert(ns != 0);
	cr_assert_gt(h_pidns_members(ns), 1);
	return ns;
}

static void expect_namespace_empty(unsigned long ns)
{
	int members = -1;
	/* the kernel may still be tearing the namespace down after the
	 * monitor's exit was reported; give it a moment */
	for (int i = 0; i < 500 && members != 0; i++) {
		members = h_pidns_members(ns);
		if (members)
			h_sleep(0.01);
	}
	cr_expect_eq(members, 0, "%d processes of the sandbox are left", members);
}

Test(end, thousand_leftovers_are_gone_when_launch_exits)
{
	struct child c;
	struct result r;
	const char *argv[] = { launch_bin(), "--", "/bin/sh", "-c", "\"$0\" leave 1000; sleep 0.5",
		               probe_bin(),  NULL };
	h_spawn(&c, NULL, argv);
	unsigned long ns = watch_namespace(&c);
	h_wait(&c, 60, &r);
	cr_expect_eq(r.code, 0, "%s", r.err);
	/* launch has exited: nothing may be left, not even for a moment */
	cr_expect_eq(h_pidns_members(ns), 0);
	h_result_free(&r);
}

Test(end, sigkill_of_the_monitor_leaves_nothing)
{
	struct child c;
	struct result r;
	const char *argv[] = {
		launch_bin(), "--", "/bin/sh", "-c", "\"$0\" leave 50 ignore; sleep 100",
		probe_bin(),  NULL
	};
	h_spawn(&c, NULL, argv);
	unsigned long ns = watch_namespace(&c);
	kill(c.pid, SIGKILL);
	h_wait(&c, 10, &r);
	cr_expect_eq(r.code, 128 + SIGKILL);
	expect_namespace_empty(ns);
	h_result_free(&r);
}
