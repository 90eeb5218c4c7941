/* The effective settings of a sandbox, as a profile describes them (SPEC
 * "Profiles"). Command-line options override fields of this struct; the run
 * reads only this. */
#ifndef LAUNCH_PROFILES_PROFILE_H
#define LAUNCH_PROFILES_PROFILE_H

#include <stdbool.h>
#include <stdint.h>

#define PROFILE_DEFAULT_GRACE_NS (10ULL * 1000000000ULL)

/* CPUs are counted in millionths: 1.5 CPUs is 1500000. */
#define CPUS_UNIT 1000000ULL

/* cgroup limits ("limits" in a profile); each applies only when set. */
struct profile_limits {
	bool has_memory, has_memory_high, has_swap, has_cpus, has_cpu_weight, has_pids,
		has_io_weight;
	uint64_t memory;      /* bytes, > 0 */
	uint64_t memory_high; /* bytes, > 0 */
	uint64_t swap;        /* bytes, 0 = no swap */
	uint64_t cpus;        /* in CPUS_UNIT, >= 0.001 CPU */
	uint64_t cpu_weight;  /* 1..10000 */
	uint64_t pids;        /* > 0 */
	uint64_t io_weight;   /* 1..10000 */
	const char *cpuset;   /* "0-1,3", NULL = unset */
};

struct profile {
	uint64_t timeout_ns; /* wall-clock limit; 0 = none */
	uint64_t grace_ns;   /* stop signal -> SIGKILL */
	int stop_signal;
	const char *report; /* report path, NULL = none */
	struct profile_limits limits;
};

void profile_init_defaults(struct profile *p);
/* Any limit set? */
bool profile_has_limits(const struct profile_limits *l);
/* The key of the first limit set ("memory"), NULL if none. */
const char *profile_first_limit(const struct profile_limits *l);

#endif
