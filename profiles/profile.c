#include "profiles/profile.h"

#include <signal.h>
#include <string.h>

void profile_init_defaults(struct profile *p)
{
	memset(p, 0, sizeof(*p));
	p->grace_ns = PROFILE_DEFAULT_GRACE_NS;
	p->stop_signal = SIGTERM;
}

const char *profile_first_limit(const struct profile_limits *l)
{
	return l->has_memory        ? "memory"
	       : l->has_memory_high ? "memory_high"
	       : l->has_swap        ? "swap"
	       : l->has_cpus        ? "cpus"
	       : l->has_cpu_weight  ? "cpu_weight"
	       : l->has_pids        ? "pids"
	       : l->has_io_weight   ? "io_weight"
	       : l->cpuset          ? "cpuset"
	                            : NULL;
}

bool profile_has_limits(const struct profile_limits *l)
{
	return profile_first_limit(l) != NULL;
}
