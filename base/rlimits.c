#include "base/rlimits.h"

#include <string.h>
#include <sys/resource.h>

#define N_RLIMITS 16

static const struct {
	const char *name;
	int resource;
} rlimits[N_RLIMITS] = {
	{ "as", RLIMIT_AS },
	{ "core", RLIMIT_CORE },
	{ "cpu", RLIMIT_CPU },
	{ "data", RLIMIT_DATA },
	{ "fsize", RLIMIT_FSIZE },
	{ "locks", RLIMIT_LOCKS },
	{ "memlock", RLIMIT_MEMLOCK },
	{ "msgqueue", RLIMIT_MSGQUEUE },
	{ "nice", RLIMIT_NICE },
	{ "nofile", RLIMIT_NOFILE },
	{ "nproc", RLIMIT_NPROC },
	{ "rss", RLIMIT_RSS },
	{ "rtprio", RLIMIT_RTPRIO },
	{ "rttime", RLIMIT_RTTIME },
	{ "sigpending", RLIMIT_SIGPENDING },
	{ "stack", RLIMIT_STACK },
};

int name_rlimit(const char *name)
{
	for (size_t i = 0; i < N_RLIMITS; i++)
		if (strcmp(name, rlimits[i].name) == 0)
			return rlimits[i].resource;
	return -1;
}

const char *rlimit_name(int resource)
{
	for (size_t i = 0; i < N_RLIMITS; i++)
		if (rlimits[i].resource == resource)
			return rlimits[i].name;
	return "?";
}

const char *const *names_rlimits(size_t *n)
{
	static const char *names[N_RLIMITS];
	for (size_t i = 0; i < N_RLIMITS; i++)
		names[i] = rlimits[i].name;
	*n = N_RLIMITS;
	return names;
}
