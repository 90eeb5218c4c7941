#include "base/timer.h"

#include <errno.h>
#include <stddef.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "base/units.h"

uint64_t monotonic_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * NSEC_PER_SEC + (uint64_t)ts.tv_nsec;
}

void lx_timer_list_remove(struct lx_timer **head, struct lx_timer *tm)
{
	for (struct lx_timer **p = head; *p; p = &(*p)->next)
		if (*p == tm) {
			*p = tm->next;
			break;
		}
	tm->next = NULL;
	tm->armed = false;
}

void lx_timer_list_insert(struct lx_timer **head, struct lx_timer *tm, uint64_t deadline_ns)
{
	if (tm->armed)
		lx_timer_list_remove(head, tm);
	struct lx_timer **p = head;
	/* after equal deadlines, so timers armed for the same instant fire in
	 * the order they were armed */
	while (*p && (*p)->deadline_ns <= deadline_ns)
		p = &(*p)->next;
	tm->deadline_ns = deadline_ns;
	tm->armed = true;
	tm->next = *p;
	*p = tm;
}

struct lx_timer *lx_timer_list_pop_expired(struct lx_timer **head, uint64_t now_ns)
{
	struct lx_timer *tm = *head;
	if (!tm || tm->deadline_ns > now_ns)
		return NULL;
	lx_timer_list_remove(head, tm);
	return tm;
}

/* Programs the timerfd for the head of the list, or disarms it. */
static int program(struct lx_timers *t)
{
	struct itimerspec its = { 0 };
	if (t->head) {
		uint64_t d = t->head->deadline_ns;
		/* it_value 0 would disarm: a deadline of 0 means "already due" */
		if (d == 0)
			d = 1;
		its.it_value.tv_sec = (time_t)(d / NSEC_PER_SEC);
		its.it_value.tv_nsec = (long)(d % NSEC_PER_SEC);
	}
	if (timerfd_settime(t->fd, TFD_TIMER_ABSTIME, &its, NULL) < 0)
		return -errno;
	return 0;
}

int lx_timers_open(struct lx_timers *t)
{
	t->head = NULL;
	t->fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	return t->fd < 0 ? -errno : 0;
}

void lx_timers_close(struct lx_timers *t)
{
	while (t->head)
		lx_timer_list_remove(&t->head, t->head);
	if (t->fd >= 0)
		close(t->fd);
	t->fd = -1;
}

int lx_timer_arm_at(struct lx_timers *t, struct lx_timer *tm, uint64_t deadline_ns)
{
	if (t->fd < 0) {
		struct lx_timer *head = t->head;
		int r = lx_timers_open(t);
		t->head = head;
		if (r < 0)
			return r;
	}
	lx_timer_list_insert(&t->head, tm, deadline_ns);
	return program(t);
}

int lx_timer_arm_in(struct lx_timers *t, struct lx_timer *tm, uint64_t delay_ns)
{
	uint64_t now = monotonic_ns();
	uint64_t deadline = delay_ns > UINT64_MAX - now ? UINT64_MAX : now + delay_ns;
	return lx_timer_arm_at(t, tm, deadline);
}

int lx_timer_disarm(struct lx_timers *t, struct lx_timer *tm)
{
	if (!tm->armed || t->fd < 0)
		return 0;
	bool was_head = t->head == tm;
	lx_timer_list_remove(&t->head, tm);
	return was_head ? program(t) : 0;
}

struct lx_timer *lx_timers_take_expired(struct lx_timers *t)
{
	uint64_t expirations;
	/* drain the expiration count; EAGAIN just means it was already read */
	(void)!read(t->fd, &expirations, sizeof(expirations));
	struct lx_timer *tm = lx_timer_list_pop_expired(&t->head, monotonic_ns());
	if (!tm)
		(void)program(t);
	return tm;
}
