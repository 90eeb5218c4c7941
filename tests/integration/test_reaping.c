/* Reaping (issue 2, item 4): every process that ends in the namespace is
 * reaped promptly, however it got there; init and the monitor sleep without
 * periodic wakeups. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

TestSuite(reaping, .fini = h_cleanup, .timeout = 240);

Test(reaping, hundred_double_forked_orphans_leave_no_zombie)
{
	struct result r;
	const char *argv[] = { launch_bin(), "--", probe_bin(), "orphans", "100", NULL };
	h_run(&r, 20, argv);
	cr_assert_eq(r.code, 0, "%s", r.err);
	cr_expect_str_eq(r.out, "zombies=0\n");
	h_result_free(&r);
}

/* catatonit hung when SIGCHLDs coalesced: 200 orphans exiting in the same
 * instant, many times over; every run must end. */
Test(reaping, coalesced_sigchld_never_hangs)
{
	for (int i = 0; i < 50; i++) {
		struct result r;
		const char *argv[] = { launch_bin(), "--", probe_bin(), "storm", "200", NULL };
		h_run(&r, 20, argv);
		cr_assert(!r.killed, "run %d hung", i);
		cr_assert_eq(r.code, 0, "run %d: %s", i, r.err);
		h_result_free(&r);
	}
}

/* While the command sleeps, neither the monitor nor init wakes up: their
 * context-switch counters stay where they are. */
Test(reaping, no_periodic_wakeups)
{
	struct child c;
	struct result r;
	const char *argv[] = { launch_bin(), "--", probe_bin(), "sleep", "3", NULL };
	h_spawn(&c, NULL, argv);
	pid_t init = h_init_pid(c.pid, 5);
	cr_assert(init > 0);
	h_sleep(0.5);
	long monitor_before = h_ctxt_switches(c.pid), init_before = h_ctxt_switches(init);
	h_sleep(1.5);
	long monitor_after = h_ctxt_switches(c.pid), init_after = h_ctxt_switches(init);
	cr_expect_eq(monitor_after, monitor_before, "the monitor woke up %ld times",
	             monitor_after - monitor_before);
	cr_expect_eq(init_after, init_before, "init woke up %ld times", init_after - init_before);
	h_wait(&c, 10, &r);
	cr_expect_eq(r.code, 0);
	h_result_free(&r);
}
