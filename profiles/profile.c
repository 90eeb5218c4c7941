#include "profiles/profile.h"

#include <signal.h>
#include <string.h>

void profile_init_defaults(struct profile *p)
{
	memset(p, 0, sizeof(*p));
	p->grace_ns = PROFILE_DEFAULT_GRACE_NS;
	p->stop_signal = SIGTERM;
}
