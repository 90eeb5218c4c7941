/* Time (issue 2, item 7): --timeout and --grace, exit 124. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

TestSuite(time, .fini = h_cleanup, .timeout = 60);

Test(time, timeout_ends_the_run_with_124)
{
	struct result r;
	const char *argv[] = { launch_bin(), "--timeout", "300ms", "--",
		               probe_bin(),  "sleep",     "20",    NULL };
	h_run(&r, 20, argv);
	cr_expect_eq(r.code, 124, "%s", r.err);
	cr_expect_geq(r.seconds, 0.3);
	cr_expect_lt(r.seconds, 3.0);
	h_result_free(&r);
}

Test(time, timeout_then_sigkill_after_the_grace)
{
	struct result r;
	/* the command ignores SIGTERM (and so do its children) */
	const char *argv[] = { launch_bin(), "--timeout", "200ms",
		               "--grace",    "500ms",     "--",
		               "/bin/sh",    "-c",        "trap '' TERM; sleep 20",
		               NULL };
	h_run(&r, 20, argv);
	cr_expect_eq(r.code, 124, "%s", r.err);
	cr_expect_geq(r.seconds, 0.7, "SIGKILL came before timeout + grace");
	cr_expect_lt(r.seconds, 4.0);
	h_result_free(&r);
}

Test(time, stop_signal_is_what_the_timeout_sends)
{
	struct result r;
	/* the probe reports SIGUSR1 (10) and the SIGCONT (18) that follows
	 * every stop signal; SIGKILL ends it after the grace */
	const char *argv[] = { launch_bin(), "--timeout",     "200ms",   "--grace",
		               "300ms",      "--stop-signal", "SIGUSR1", "--",
		               probe_bin(),  "signals",       "15",      NULL };
	h_run(&r, 20, argv);
	cr_expect_eq(r.code, 124, "%s", r.err);
	cr_expect_str_eq(r.out, "ready\n10\n18\n");
	h_result_free(&r);
}

Test(time, command_done_before_the_timeout_keeps_its_status)
{
	struct result r;
	const char *argv[] = { launch_bin(), "--timeout", "10s", "--",
		               probe_bin(),  "exit",      "3",   NULL };
	h_run(&r, 20, argv);
	cr_expect_eq(r.code, 3);
	cr_expect_lt(r.seconds, 2.0);
	h_result_free(&r);
}

Test(time, zero_grace_kills_at_once)
{
	struct result r;
	const char *argv[] = { launch_bin(), "--grace", "0",      "--", probe_bin(),
		               "leave",      "3",       "ignore", NULL };
	h_run(&r, 20, argv);
	cr_expect_eq(r.code, 0, "%s", r.err);
	cr_expect_lt(r.seconds, 2.0);
	h_result_free(&r);
}

Test(time, bad_durations_are_rejected)
{
	static const char *bad[] = { "abc", "-1", "1x", "5M", "", "1.", "99999999999999999999" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct result r;
		const char *argv[] = { launch_bin(), "--timeout", bad[i], "--", "/bin/true", NULL };
		h_run(&r, 10, argv);
		cr_expect_eq(r.code, 125, "'%s' accepted", bad[i]);
		cr_expect(h_contains(r.err, "launch: --timeout: "), "%s", r.err);
		cr_expect_eq(h_count(r.err, "\n"), 1, "one line: %s", r.err);
		h_result_free(&r);
	}
}
