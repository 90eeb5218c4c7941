/* The caller's signal state, taken over by launch at start and handed back
 * to the command just before it execs. launch blocks every signal first
 * thing, so a signal that arrives while the sandbox is being built waits in
 * the queue and is relayed once the command's process group exists
 * (KERNEL-NOTES: relaying earlier loses it). Dispositions are left as the
 * caller set them, except SIGCHLD: ignoring it would make the kernel reap
 * launch's children behind its back. */
#ifndef LAUNCH_LAUNCHER_SIGSTATE_H
#define LAUNCH_LAUNCHER_SIGSTATE_H

#include <signal.h>
#include <stdbool.h>

struct caller_signals {
	sigset_t mask;     /* the caller's blocked set */
	bool chld_ignored; /* the caller had SIGCHLD set to SIG_IGN */
};

/* Blocks every signal and saves what the caller had. */
int caller_signals_take(struct caller_signals *cs);
/* Restores the caller's SIGCHLD disposition and mask (the mask last: a
 * pending signal is delivered by that call, as it would be after exec). */
int caller_signals_restore(const struct caller_signals *cs);

#endif
