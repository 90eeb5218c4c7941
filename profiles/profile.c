#include "profiles/profile.h"

#include <signal.h>
#include <string.h>

void profile_init_defaults(struct profile *p)
{
	memset(p, 0, sizeof(*p));
	p->grace_ns = PROFILE_DEFAULT_GRACE_NS;
	p->stop_signal = SIGTERM;
}

bool profile_has_limits(const struct profile_limits *l)
{
	return l->has_memory || l->has_memory_high || l->has_swap || l->has_cpus ||
	       l->has_cpu_weight || l->has_pids || l->has_io_weight || l->cpuset;
}
