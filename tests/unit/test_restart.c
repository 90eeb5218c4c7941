/* launcher/restart.h: after each run of a service, whether to restart and
 * after how long. Every policy against every way a run can end, the give-up
 * boundary at restart.max, restarts leaving the window, the backoff doubling
 * up to backoff_max, and a healthy run (one that lasted a whole window)
 * starting the waits over. The clock is the test's. */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>

#include "launcher/restart.h"

#define MS 1000000ULL
#define S (1000 * MS)

static struct profile profile(enum profile_restart policy, uint64_t max)
{
	struct profile p;
	profile_init_defaults(&p);
	p.restart_policy = policy;
	p.restart_max = max;
	p.restart_window_ns = 60 * S;
	p.restart_backoff_ns = 100 * MS;
	p.restart_backoff_max_ns = 1 * S;
	return p;
}

static struct run_outcome exited(int code)
{
	return (struct run_outcome){ .end = RUN_FINISHED, .wait_status = code << 8 };
}

static struct run_outcome killed(int sig)
{
	return (struct run_outcome){ .end = RUN_FINISHED, .wait_status = sig };
}

/* A short run (10 ms) ending with o at now_ns: the decision, *delay_ns. */
static enum restart_decision decide(const struct profile *p, struct restart_state *s,
                                    struct run_outcome o, uint64_t now_ns, uint64_t *delay_ns)
{
	return restart_decide(p, s, &o, 10 * MS, now_ns, delay_ns);
}

TestSuite(restart);

Test(restart, policy_no_never_restarts)
{
	struct profile p = profile(RESTART_NO, 5);
	struct restart_state s = { 0 };
	uint64_t delay = 7;
	cr_expect_eq(decide(&p, &s, exited(1), S, &delay), RESTART_END);
	cr_expect_eq(delay, 0);
	cr_expect_eq(decide(&p, &s, killed(SIGKILL), S, &delay), RESTART_END);
	cr_expect_eq(decide(&p, &s, exited(0), S, &delay), RESTART_END);
	cr_expect_eq(s.total, 0);
}

Test(restart, on_failure_restarts_after_every_kind_of_failure)
{
	struct profile p = profile(RESTART_ON_FAILURE, 100);
	struct restart_state s = { 0 };
	uint64_t delay;
	struct run_outcome timeout = exited(0), oom = killed(SIGKILL), sigsys = killed(SIGSYS);
	timeout.timed_out = true; /* it handled the stop signal and exited 0 */
	oom.oom_killed = true;
	sigsys.seccomp_kills = true;
	const struct run_outcome failures[] = { exited(1),       exited(255), killed(SIGTERM),
		                                killed(SIGSEGV), timeout,     oom,
		                                sigsys };
	for (size_t i = 0; i < sizeof(failures) / sizeof(failures[0]); i++)
		cr_expect_eq(decide(&p, &s, failures[i], S, &delay), RESTART_AFTER, "failure %zu",
		             i);
	cr_expect_eq(s.total, 7);
}

Test(restart, on_failure_ends_after_a_clean_exit)
{
	struct profile p = profile(RESTART_ON_FAILURE, 5);
	struct restart_state s = { 0 };
	uint64_t delay;
	cr_expect_eq(decide(&p, &s, exited(0), S, &delay), RESTART_END);
	cr_expect_eq(s.total, 0);
	cr_expect_eq(s.n_times, 0, "a run that is not restarted counts for nothing");
}

Test(restart, always_restarts_after_a_clean_exit_too)
{
	struct profile p = profile(RESTART_ALWAYS, 5);
	struct restart_state s = { 0 };
	uint64_t delay;
	cr_expect_eq(decide(&p, &s, exited(0), S, &delay), RESTART_AFTER);
	cr_expect_eq(delay, 100 * MS);
	cr_expect_eq(decide(&p, &s, exited(3), 2 * S, &delay), RESTART_AFTER);
	cr_expect_eq(decide(&p, &s, killed(SIGKILL), 3 * S, &delay), RESTART_AFTER);
}

/* A mistake to fix, not a failure to retry; and a run launch was asked to
 * stop is over (the monitor does not even ask then). */
Test(restart, setup_exec_and_unknown_ends_are_never_restarted)
{
	const enum profile_restart policies[] = { RESTART_ON_FAILURE, RESTART_ALWAYS };
	const enum run_end ends[] = { RUN_SETUP_ERROR, RUN_EXEC_ERROR, RUN_UNKNOWN };
	for (size_t i = 0; i < 2; i++)
		for (size_t j = 0; j < 3; j++) {
			struct profile p = profile(policies[i], 5);
			struct restart_state s = { 0 };
			struct run_outcome o = { .end = ends[j], .exec_errno = 2 };
			uint64_t delay;
			cr_expect_eq(restart_decide(&p, &s, &o, MS, S, &delay), RESTART_END,
			             "policy %d, end %d", policies[i], ends[j]);
		}
}

/* max restarts within the window are made; the (max + 1)th is not. */
Test(restart, gives_up_at_the_restart_after_max)
{
	for (uint64_t max = 0; max <= 4; max++) {
		struct profile p = profile(RESTART_ON_FAILURE, max);
		struct restart_state s = { 0 };
		uint64_t delay, now = S;
		for (uint64_t i = 0; i < max; i++, now += S)
			cr_expect_eq(decide(&p, &s, exited(1), now, &delay), RESTART_AFTER,
			             "max %llu: restart %llu", (unsigned long long)max,
			             (unsigned long long)i + 1);
		cr_expect_eq(decide(&p, &s, exited(1), now, &delay), RESTART_GIVE_UP,
		             "max %llu: one more", (unsigned long long)max);
		cr_expect_eq(delay, 0);
		cr_expect_eq(s.total, max);
	}
}

Test(restart, the_largest_max_is_remembered_in_full)
{
	struct profile p = profile(RESTART_ALWAYS, RESTART_MAX_LIMIT);
	p.restart_backoff_ns = 0;
	struct restart_state s = { 0 };
	uint64_t delay;
	for (unsigned i = 0; i < RESTART_MAX_LIMIT; i++)
		cr_assert_eq(decide(&p, &s, exited(0), S + i, &delay), RESTART_AFTER, "restart %u",
		             i + 1);
	cr_expect_eq(decide(&p, &s, exited(0), 2 * S, &delay), RESTART_GIVE_UP);
}

/* Restarts older than the window no longer count towards max. */
Test(restart, restarts_leave_the_window)
{
	struct profile p = profile(RESTART_ON_FAILURE, 2);
	p.restart_window_ns = 10 * S;
	struct restart_state s = { 0 };
	uint64_t delay;
	cr_expect_eq(decide(&p, &s, exited(1), 1 * S, &delay), RESTART_AFTER);
	cr_expect_eq(decide(&p, &s, exited(1), 5 * S, &delay), RESTART_AFTER);
	/* both within 10 s of now: a third would be one too many */
	cr_expect_eq(decide(&p, &s, exited(1), 10 * S, &delay), RESTART_GIVE_UP);
	/* 11 s: the first (at 1 s) has left the window exactly now */
	struct restart_state t = { 0 };
	cr_expect_eq(decide(&p, &t, exited(1), 1 * S, &delay), RESTART_AFTER);
	cr_expect_eq(decide(&p, &t, exited(1), 5 * S, &delay), RESTART_AFTER);
	cr_expect_eq(decide(&p, &t, exited(1), 11 * S, &delay), RESTART_AFTER);
	cr_expect_eq(t.n_times, 2, "the one at 1 s is forgotten");
	cr_expect_eq(decide(&p, &t, exited(1), 11 * S + 1, &delay), RESTART_GIVE_UP);
	cr_expect_eq(decide(&p, &t, exited(1), 15 * S, &delay), RESTART_AFTER);
}

Test(restart, backoff_doubles_up_to_the_cap)
{
	struct profile p = profile(RESTART_ALWAYS, 100);
	struct restart_state s = { 0 };
	const uint64_t want[] = { 100 * MS, 200 * MS, 400 * MS, 800 * MS, 1 * S, 1 * S, 1 * S };
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		uint64_t delay;
		cr_expect_eq(decide(&p, &s, exited(1), (i + 1) * S, &delay), RESTART_AFTER);
		cr_expect_eq(delay, want[i], "restart %zu: %llu ns, want %llu", i + 1,
		             (unsigned long long)delay, (unsigned long long)want[i]);
	}
}

/* A cap that is not a power of two times the first wait; a first wait
 * longer than the cap (backoff_max given alone) is the cap. */
Test(restart, the_cap_is_exact)
{
	struct profile p = profile(RESTART_ALWAYS, 100);
	p.restart_backoff_max_ns = 350 * MS;
	struct restart_state s = { 0 };
	const uint64_t want[] = { 100 * MS, 200 * MS, 350 * MS, 350 * MS };
	for (size_t i = 0; i < 4; i++) {
		uint64_t delay;
		decide(&p, &s, exited(1), (i + 1) * S, &delay);
		cr_expect_eq(delay, want[i], "restart %zu", i + 1);
	}
	p.restart_backoff_ns = 2 * S;
	struct restart_state t = { 0 };
	uint64_t delay;
	decide(&p, &t, exited(1), S, &delay);
	cr_expect_eq(delay, 350 * MS);
}

/* Waits near the top of the range must not wrap around to short ones. */
Test(restart, huge_waits_do_not_overflow)
{
	struct profile p = profile(RESTART_ALWAYS, 100);
	p.restart_backoff_ns = (UINT64_MAX / 2) + 1; /* 2^63 ns: 292 years */
	p.restart_backoff_max_ns = UINT64_MAX;
	struct restart_state s = { 0 };
	for (int i = 0; i < 4; i++) {
		uint64_t delay;
		decide(&p, &s, exited(1), (uint64_t)(i + 1) * S, &delay);
		cr_expect_geq(delay, p.restart_backoff_ns, "restart %d: %llu ns", i + 1,
		              (unsigned long long)delay);
	}
}

Test(restart, zero_backoff_restarts_at_once)
{
	struct profile p = profile(RESTART_ALWAYS, 100);
	p.restart_backoff_ns = 0;
	struct restart_state s = { 0 };
	for (int i = 0; i < 5; i++) {
		uint64_t delay = 1;
		decide(&p, &s, exited(1), (uint64_t)(i + 1) * S, &delay);
		cr_expect_eq(delay, 0);
	}
}

/* A run that lasted a whole window was healthy: the next wait is the first
 * one again, and it doubles from there. */
Test(restart, a_healthy_run_resets_the_streak)
{
	struct profile p = profile(RESTART_ALWAYS, 100);
	p.restart_window_ns = 10 * S;
	struct restart_state s = { 0 };
	struct run_outcome o = exited(1);
	uint64_t delay, now = S;
	for (int i = 0; i < 4; i++, now += S)
		restart_decide(&p, &s, &o, MS, now, &delay);
	cr_expect_eq(delay, 800 * MS);
	/* just short of the window: not healthy yet */
	restart_decide(&p, &s, &o, 10 * S - 1, now, &delay);
	cr_expect_eq(delay, 1 * S);
	now += 10 * S;
	restart_decide(&p, &s, &o, 10 * S, now, &delay);
	cr_expect_eq(delay, 100 * MS, "after a healthy run");
	restart_decide(&p, &s, &o, MS, now + S, &delay);
	cr_expect_eq(delay, 200 * MS, "and doubling again");
	cr_expect_eq(s.total, 7);
}

/* The window counts restarts, the streak counts them since the last
 * healthy run: a long run frees room in the window as well. */
Test(restart, a_healthy_run_also_leaves_room_in_the_window)
{
	struct profile p = profile(RESTART_ON_FAILURE, 2);
	p.restart_window_ns = 10 * S;
	struct restart_state s = { 0 };
	struct run_outcome o = exited(1);
	uint64_t delay;
	cr_expect_eq(restart_decide(&p, &s, &o, MS, 1 * S, &delay), RESTART_AFTER);
	cr_expect_eq(restart_decide(&p, &s, &o, MS, 2 * S, &delay), RESTART_AFTER);
	/* the next run lasts 10 s: both restarts are out of the window */
	cr_expect_eq(restart_decide(&p, &s, &o, 10 * S, 13 * S, &delay), RESTART_AFTER);
	cr_expect_eq(delay, 100 * MS);
}
