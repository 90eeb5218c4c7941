#include "launcher/restart.h"

#include <sys/wait.h>

static bool failed(const struct run_outcome *o)
{
	return o->timed_out || o->oom_killed || !WIFEXITED(o->wait_status) ||
	       WEXITSTATUS(o->wait_status) != 0;
}

/* Forgets the restarts that left the window. */
static void prune(const struct profile *p, struct restart_state *s, uint64_t now_ns)
{
	unsigned kept = 0;
	for (unsigned i = 0; i < s->n_times; i++)
		if (now_ns - s->times_ns[i] < p->restart_window_ns)
			s->times_ns[kept++] = s->times_ns[i];
	s->n_times = kept;
}

enum restart_decision restart_decide(const struct profile *p, struct restart_state *s,
                                     const struct run_outcome *o, uint64_t run_ns, uint64_t now_ns,
                                     uint64_t *delay_ns)
{
	*delay_ns = 0;
	if (p->restart_policy == RESTART_NO || o->end != RUN_FINISHED)
		return RESTART_END;
	if (p->restart_policy == RESTART_ON_FAILURE && !failed(o))
		return RESTART_END;
	prune(p, s, now_ns);
	if (s->n_times >= p->restart_max)
		return RESTART_GIVE_UP;
	if (run_ns >= p->restart_window_ns)
		s->streak = 0;
	uint64_t delay = p->restart_backoff_ns;
	/* doubling a wait near the top of the range must not wrap around to a
	 * short one */
	for (unsigned i = 0; i < s->streak && delay < p->restart_backoff_max_ns; i++)
		delay = delay > UINT64_MAX / 2 ? UINT64_MAX : delay * 2;
	*delay_ns = delay < p->restart_backoff_max_ns ? delay : p->restart_backoff_max_ns;
	s->streak++;
	s->total++;
	if (s->n_times < RESTART_MAX_REMEMBERED)
		s->times_ns[s->n_times++] = now_ns;
	return RESTART_AFTER;
}
