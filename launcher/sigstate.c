#include "launcher/sigstate.h"

#include <errno.h>
#include <string.h>

int caller_signals_take(struct caller_signals *cs)
{
	sigset_t all;
	struct sigaction sa;

	sigfillset(&all);
	if (sigprocmask(SIG_SETMASK, &all, &cs->mask) < 0)
		return -errno;
	if (sigaction(SIGCHLD, NULL, &sa) < 0)
		return -errno;
	cs->chld_ignored = sa.sa_handler == SIG_IGN;
	if (cs->chld_ignored) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = SIG_DFL;
		if (sigaction(SIGCHLD, &sa, NULL) < 0)
			return -errno;
	}
	return 0;
}

int caller_signals_restore(const struct caller_signals *cs)
{
	if (cs->chld_ignored) {
		struct sigaction sa;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = SIG_IGN;
		if (sigaction(SIGCHLD, &sa, NULL) < 0)
			return -errno;
	}
	if (sigprocmask(SIG_SETMASK, &cs->mask, NULL) < 0)
		return -errno;
	return 0;
}
