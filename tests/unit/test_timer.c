/* base/timer.h: the timer list (order, equal deadlines in arming order,
 * re-arming, removal, popping what is due) and the same timers behind a
 * real timerfd: it wakes a poll for the soonest deadline, never before it,
 * hands the timers out in order, and is not readable when nothing is armed.
 * Only ordering and "not before the deadline" are asserted, no durations. */
#include <criterion/criterion.h>
#include <poll.h>
#include <stddef.h>
#include <stdint.h>

#include "base/cleanup.h"
#include "base/timer.h"
#include "base/units.h"

/* Generous: a poll that should see the fd readable waits this long. */
#define WAIT_MS 5000

static size_t list_length(const struct lx_timer *head)
{
	size_t n = 0;
	for (; head; head = head->next)
		n++;
	return n;
}

/* The list must hold exactly want[0..n), in that order, all armed. */
static void expect_list(struct lx_timer *head, struct lx_timer *const *want, size_t n)
{
	struct lx_timer *t = head;
	for (size_t i = 0; i < n; i++, t = t->next) {
		cr_assert_not_null(t, "list ends after %zu timers, want %zu", i, n);
		cr_expect_eq(t, want[i], "timer %zu is not the expected one", i);
		cr_expect(t->armed, "timer %zu in the list is not armed", i);
	}
	cr_expect_null(t, "list is longer than %zu", n);
}

TestSuite(timer, .timeout = 30);

Test(timer, insert_keeps_deadline_order)
{
	struct lx_timer a = { 0 }, b = { 0 }, c = { 0 }, *head = NULL;
	lx_timer_list_insert(&head, &c, 30);
	lx_timer_list_insert(&head, &a, 10);
	lx_timer_list_insert(&head, &b, 20);
	expect_list(head, (struct lx_timer *[]){ &a, &b, &c }, 3);
	cr_expect_eq(a.deadline_ns, 10);
	cr_expect_eq(b.deadline_ns, 20);
	cr_expect_eq(c.deadline_ns, 30);
}

Test(timer, equal_deadlines_fire_in_arming_order)
{
	struct lx_timer a = { 0 }, b = { 0 }, c = { 0 }, x = { 0 }, y = { 0 }, *head = NULL;
	lx_timer_list_insert(&head, &y, 20);
	lx_timer_list_insert(&head, &a, 10);
	lx_timer_list_insert(&head, &x, 5);
	lx_timer_list_insert(&head, &b, 10);
	lx_timer_list_insert(&head, &c, 10);
	expect_list(head, (struct lx_timer *[]){ &x, &a, &b, &c, &y }, 5);

	cr_expect_eq(lx_timer_list_pop_expired(&head, 10), &x);
	cr_expect_eq(lx_timer_list_pop_expired(&head, 10), &a);
	cr_expect_eq(lx_timer_list_pop_expired(&head, 10), &b);
	cr_expect_eq(lx_timer_list_pop_expired(&head, 10), &c);
	cr_expect_null(lx_timer_list_pop_expired(&head, 10));
	expect_list(head, (struct lx_timer *[]){ &y }, 1);
}

Test(timer, rearming_moves_a_timer)
{
	struct lx_timer a = { 0 }, b = { 0 }, c = { 0 }, *head = NULL;
	lx_timer_list_insert(&head, &a, 10);
	lx_timer_list_insert(&head, &b, 20);
	lx_timer_list_insert(&head, &c, 30);

	lx_timer_list_insert(&head, &a, 25); /* head to the middle */
	expect_list(head, (struct lx_timer *[]){ &b, &a, &c }, 3);
	cr_expect_eq(a.deadline_ns, 25);

	lx_timer_list_insert(&head, &c, 1); /* tail to the head */
	expect_list(head, (struct lx_timer *[]){ &c, &b, &a }, 3);

	lx_timer_list_insert(&head, &b, 20); /* same deadline: after its equals */
	expect_list(head, (struct lx_timer *[]){ &c, &b, &a }, 3);
	lx_timer_list_insert(&head, &c, 25); /* an equal deadline: after a */
	expect_list(head, (struct lx_timer *[]){ &b, &a, &c }, 3);
}

Test(timer, remove)
{
	struct lx_timer a = { 0 }, b = { 0 }, c = { 0 }, d = { 0 }, *head = NULL;
	lx_timer_list_insert(&head, &a, 10);
	lx_timer_list_insert(&head, &b, 20);
	lx_timer_list_insert(&head, &c, 30);
	lx_timer_list_insert(&head, &d, 40);

	lx_timer_list_remove(&head, &a); /* the head */
	expect_list(head, (struct lx_timer *[]){ &b, &c, &d }, 3);
	cr_expect_not(a.armed);
	cr_expect_null(a.next);

	lx_timer_list_remove(&head, &c); /* the middle */
	expect_list(head, (struct lx_timer *[]){ &b, &d }, 2);
	cr_expect_not(c.armed);

	lx_timer_list_remove(&head, &d); /* the tail */
	expect_list(head, (struct lx_timer *[]){ &b }, 1);

	lx_timer_list_remove(&head, &a); /* not in the list: nothing changes */
	expect_list(head, (struct lx_timer *[]){ &b }, 1);

	lx_timer_list_remove(&head, &b);
	cr_expect_null(head);
	cr_expect_not(b.armed);
}

Test(timer, pop_expired)
{
	struct lx_timer a = { 0 }, b = { 0 }, *head = NULL;
	cr_expect_null(lx_timer_list_pop_expired(&head, UINT64_MAX), "empty list");

	lx_timer_list_insert(&head, &a, 100);
	lx_timer_list_insert(&head, &b, 200);
	cr_expect_null(lx_timer_list_pop_expired(&head, 0));
	cr_expect_null(lx_timer_list_pop_expired(&head, 99));
	cr_expect_eq(list_length(head), 2, "a pop before the deadline takes nothing");

	cr_expect_eq(lx_timer_list_pop_expired(&head, 100), &a, "due at its deadline");
	cr_expect_not(a.armed);
	cr_expect_null(a.next);
	cr_expect_null(lx_timer_list_pop_expired(&head, 199));
	cr_expect_eq(lx_timer_list_pop_expired(&head, UINT64_MAX), &b);
	cr_expect_null(head);
}

/* Waits for the timerfd; returns whether it became readable. */
static bool wait_readable(int fd, int timeout_ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int n = poll(&p, 1, timeout_ms);
	cr_assert_geq(n, 0, "poll");
	return n == 1 && (p.revents & POLLIN);
}

Test(timer, timerfd_fires_in_order_and_not_early)
{
	struct lx_timers t;
	struct lx_timer first = { 0 }, second = { 0 };
	struct lx_timer *order[2] = { NULL, NULL };
	size_t n = 0;

	cr_assert_eq(lx_timers_open(&t), 0);
	cr_assert_geq(t.fd, 0);
	cr_expect_not(wait_readable(t.fd, 0), "nothing armed yet");
	cr_expect_null(lx_timers_take_expired(&t), "nothing armed yet");

	/* armed in the opposite order of their deadlines */
	cr_assert_eq(lx_timer_arm_in(&t, &second, 40 * NSEC_PER_MSEC), 0);
	cr_assert_eq(lx_timer_arm_in(&t, &first, 20 * NSEC_PER_MSEC), 0);
	cr_expect_eq(t.head, &first);

	while (n < 2) {
		cr_assert(wait_readable(t.fd, WAIT_MS), "timerfd never became readable");
		uint64_t woke = monotonic_ns();
		/* the fd fires for the head, so never before the first deadline
		 * still pending */
		struct lx_timer *pending = n == 0 ? &first : &second;
		cr_expect_geq(woke, pending->deadline_ns, "woke %llu ns before the deadline",
		              (unsigned long long)(pending->deadline_ns - woke));
		struct lx_timer *tm;
		while ((tm = lx_timers_take_expired(&t))) {
			cr_assert_lt(n, 2, "more timers came out than were armed");
			cr_expect_not(tm->armed, "a taken timer is disarmed");
			cr_expect_geq(monotonic_ns(), tm->deadline_ns);
			order[n++] = tm;
		}
	}
	cr_expect_eq(order[0], &first);
	cr_expect_eq(order[1], &second);
	cr_expect_null(t.head);
	cr_expect_not(wait_readable(t.fd, 0), "nothing armed: not readable");
	lx_timers_close(&t);
	cr_expect_eq(t.fd, -1);
}

Test(timer, timerfd_disarm_head)
{
	struct lx_timers t;
	struct lx_timer first = { 0 }, second = { 0 };

	cr_assert_eq(lx_timers_open(&t), 0);
	cr_assert_eq(lx_timer_arm_in(&t, &first, 20 * NSEC_PER_MSEC), 0);
	cr_assert_eq(lx_timer_arm_in(&t, &second, 40 * NSEC_PER_MSEC), 0);
	cr_assert_eq(lx_timer_disarm(&t, &first), 0);
	cr_expect_not(first.armed);
	cr_expect_eq(lx_timer_disarm(&t, &first), 0, "disarming twice is harmless");

	cr_assert(wait_readable(t.fd, WAIT_MS));
	cr_expect_geq(monotonic_ns(), second.deadline_ns, "the fd followed the new head");
	cr_expect_eq(lx_timers_take_expired(&t), &second);
	cr_expect_null(lx_timers_take_expired(&t));
	cr_expect_not(wait_readable(t.fd, 0));
	lx_timers_close(&t);
}

Test(timer, timerfd_not_readable_after_disarm)
{
	struct lx_timers t;
	struct lx_timer a = { 0 }, b = { 0 };

	cr_assert_eq(lx_timers_open(&t), 0);
	cr_assert_eq(lx_timer_arm_in(&t, &a, 20 * NSEC_PER_MSEC), 0);
	cr_assert_eq(lx_timer_arm_in(&t, &b, 30 * NSEC_PER_MSEC), 0);
	cr_assert_eq(lx_timer_disarm(&t, &b), 0); /* not the head */
	cr_assert_eq(lx_timer_disarm(&t, &a), 0); /* the head, now the last */
	cr_expect_null(t.head);
	/* well past both deadlines, the fd stays quiet */
	cr_expect_not(wait_readable(t.fd, 200), "readable with nothing armed");
	cr_expect_null(lx_timers_take_expired(&t));
	lx_timers_close(&t);
}

Test(timer, timerfd_disarm_after_it_fired)
{
	struct lx_timers t;
	struct lx_timer a = { 0 };

	cr_assert_eq(lx_timers_open(&t), 0);
	cr_assert_eq(lx_timer_arm_at(&t, &a, 0), 0); /* long due */
	cr_assert(wait_readable(t.fd, WAIT_MS), "a deadline in the past fires at once");
	/* disarmed before the expiration was read: the count goes too */
	cr_assert_eq(lx_timer_disarm(&t, &a), 0);
	cr_expect_not(wait_readable(t.fd, 0));
	cr_expect_null(lx_timers_take_expired(&t));
	lx_timers_close(&t);
}

Test(timer, timerfd_rearm_later)
{
	struct lx_timers t;
	struct lx_timer a = { 0 };

	cr_assert_eq(lx_timers_open(&t), 0);
	cr_assert_eq(lx_timer_arm_in(&t, &a, 10 * NSEC_PER_MSEC), 0);
	cr_assert_eq(lx_timer_arm_in(&t, &a, 60 * NSEC_PER_MSEC), 0);
	cr_expect_eq(list_length(t.head), 1);
	cr_assert(wait_readable(t.fd, WAIT_MS));
	cr_expect_geq(monotonic_ns(), a.deadline_ns, "not before the new deadline");
	cr_expect_eq(lx_timers_take_expired(&t), &a);
	lx_timers_close(&t);
}

Test(timer, close_disarms_everything)
{
	struct lx_timers t;
	struct lx_timer a = { 0 }, b = { 0 };

	cr_assert_eq(lx_timers_open(&t), 0);
	cr_assert_eq(lx_timer_arm_in(&t, &a, 1000 * NSEC_PER_SEC), 0);
	cr_assert_eq(lx_timer_arm_in(&t, &b, UINT64_MAX), 0); /* saturates */
	cr_expect_eq(b.deadline_ns, UINT64_MAX);
	lx_timers_close(&t);
	cr_expect_eq(t.fd, -1);
	cr_expect_null(t.head);
	cr_expect_not(a.armed);
	cr_expect_not(b.armed);
}

/* The timerfd comes with the first armed timer; a run without deadlines
 * never creates one. */
Test(timer, timerfd_is_created_when_first_armed)
{
	struct lx_timers t = LX_TIMERS_INIT;
	struct lx_timer tm = { 0 };
	cr_expect_eq(t.fd, -1);
	cr_expect_eq(lx_timer_disarm(&t, &tm), 0);
	cr_expect_eq(t.fd, -1);
	cr_assert_eq(lx_timer_arm_in(&t, &tm, 1000000000ULL), 0);
	cr_expect_geq(t.fd, 0);
	cr_expect(tm.armed);
	lx_timers_close(&t);
	cr_expect_eq(t.fd, -1);
}
