/* Any number of deadlines behind one timerfd (CLOCK_MONOTONIC). Timers are
 * embedded in their owners and kept in a list, soonest first; the timerfd is
 * always armed for the head, so a poll loop sleeps until the next deadline
 * and never wakes up periodically. Every deadline in launch (timeout, grace,
 * restart backoff, statistics intervals) goes through here. The timerfd is
 * created with the first timer armed: a run without deadlines has none. */
#ifndef LAUNCH_BASE_TIMER_H
#define LAUNCH_BASE_TIMER_H

#include <stdbool.h>
#include <stdint.h>

struct lx_timer {
	uint64_t deadline_ns; /* CLOCK_MONOTONIC, valid while armed */
	bool armed;
	struct lx_timer *next;
};

struct lx_timers {
	int fd;                /* the timerfd, -1 until a timer is first armed */
	struct lx_timer *head; /* armed timers, soonest first */
};

#define LX_TIMERS_INIT   \
	{                \
		-1, NULL \
	}

uint64_t monotonic_ns(void);

/* Creates the timerfd now (arming creates it when needed). */
int lx_timers_open(struct lx_timers *t);
void lx_timers_close(struct lx_timers *t);

/* Arms (or re-arms) tm for an absolute CLOCK_MONOTONIC deadline. */
int lx_timer_arm_at(struct lx_timers *t, struct lx_timer *tm, uint64_t deadline_ns);
/* Arms tm delay_ns from now. */
int lx_timer_arm_in(struct lx_timers *t, struct lx_timer *tm, uint64_t delay_ns);
int lx_timer_disarm(struct lx_timers *t, struct lx_timer *tm);

/* After t->fd polled readable: the next timer whose deadline has passed,
 * disarmed, or NULL when none is left (the timerfd is then re-armed for the
 * new head). Call until NULL. */
struct lx_timer *lx_timers_take_expired(struct lx_timers *t);

/* The list operations without a timerfd, for the unit tests and for the
 * functions above: insert keeps the order, remove unlinks, pop_expired takes
 * the head if its deadline is <= now. */
void lx_timer_list_insert(struct lx_timer **head, struct lx_timer *tm, uint64_t deadline_ns);
void lx_timer_list_remove(struct lx_timer **head, struct lx_timer *tm);
struct lx_timer *lx_timer_list_pop_expired(struct lx_timer **head, uint64_t now_ns);

#endif
