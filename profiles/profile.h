/* The effective settings of a sandbox, as a profile describes them (SPEC
 * "Profiles"). Command-line options override fields of this struct; the run
 * reads only this. */
#ifndef LAUNCH_PROFILES_PROFILE_H
#define LAUNCH_PROFILES_PROFILE_H

#include <stdint.h>

#define PROFILE_DEFAULT_GRACE_NS (10ULL * 1000000000ULL)

struct profile {
	uint64_t timeout_ns; /* wall-clock limit; 0 = none */
	uint64_t grace_ns;   /* stop signal -> SIGKILL */
	int stop_signal;
	const char *report; /* report path, NULL = none */
};

void profile_init_defaults(struct profile *p);

#endif
