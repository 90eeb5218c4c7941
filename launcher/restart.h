/* The restart policy of a service (the profile's "restart"): after each run
 * of the command, whether to start a new sandbox, and after how long.
 *
 * - policy "no": never; "on-failure": when the command did not exit 0 (a
 *   signal, the time limit, the OOM killer, a seccomp kill); "always":
 *   after any exit. A run that launch could not set up, or whose command
 *   could not be executed, is not restarted: that is a mistake to fix, not
 *   a failure to retry. Neither is a run that launch was asked to stop.
 * - backoff: the first restart waits "backoff", each next one twice as
 *   long as the one before, up to "backoff_max"; a run that lasted a whole
 *   "window" was healthy, and the next wait is "backoff" again.
 * - give up: a restart that would be the (max + 1)th within "window" is not
 *   made; the service ends with the last run's status.
 * Pure: the caller passes the clock. */
#ifndef LAUNCH_LAUNCHER_RESTART_H
#define LAUNCH_LAUNCHER_RESTART_H

#include <stdbool.h>
#include <stdint.h>

#include "launcher/outcome.h"
#include "profiles/profile.h"

#define RESTART_MAX_REMEMBERED (RESTART_MAX_LIMIT + 1)

struct restart_state {
	uint64_t times_ns[RESTART_MAX_REMEMBERED]; /* when each restart in the window was made */
	unsigned n_times;
	unsigned streak; /* restarts since the last healthy run */
	unsigned total;
};

enum restart_decision {
	RESTART_END,     /* the policy does not restart after this run */
	RESTART_AFTER,   /* restart after *delay_ns */
	RESTART_GIVE_UP, /* too many restarts within the window */
};

enum restart_decision restart_decide(const struct profile *p, struct restart_state *s,
                                     const struct run_outcome *o, uint64_t run_ns, uint64_t now_ns,
                                     uint64_t *delay_ns);

#endif
