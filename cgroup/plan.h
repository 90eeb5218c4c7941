/* What a profile's limits mean in cgroup files, for each kind of host: a
 * list of writes in the order they must happen. Pure, so the mapping (and
 * its refusals) is unit-tested without a kernel. */
#ifndef LAUNCH_CGROUP_PLAN_H
#define LAUNCH_CGROUP_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/error.h"
#include "cgroup/mounts.h"
#include "profiles/profile.h"

#define CG_MAX_WRITES 12
#define CG_VALUE_MAX 64

/* cpu.max / cfs period when the quota allows it; a longer one when the
 * quota would fall below the kernel's minimum of 1000 us */
#define CG_CPU_PERIOD_US 100000ULL
#define CG_CPU_PERIOD_LONG_US 1000000ULL
#define CG_CPU_QUOTA_MIN_US 1000ULL

struct cg_write {
	const char *limit;             /* "memory" (the profile's key under "limits") */
	enum cg_controller controller; /* v1: the hierarchy; v2: the controller */
	const char *file;              /* e.g. "memory.max" */
	char value[CG_VALUE_MAX];
	bool copy_from_parent; /* v1 cpuset.mems: the parent's value */
};

struct cg_plan {
	struct cg_write w[CG_MAX_WRITES];
	size_t n;
	unsigned controllers; /* every controller the limits need */
};

/* The writes for a v2 cgroup, or for v1 hierarchies (hybrid and v1 hosts).
 * -ENOTSUP with e naming the limit when the kind of host cannot enforce it,
 * -EINVAL when a value is out of range. */
int cg_plan_v2(const struct profile_limits *l, struct cg_plan *p, struct lx_error *e);
int cg_plan_v1(const struct profile_limits *l, struct cg_plan *p, struct lx_error *e);

/* cpus (in CPUS_UNIT) as a CFS quota and period in microseconds. */
void cg_cpu_quota(uint64_t cpus, uint64_t *quota_us, uint64_t *period_us);
/* systemd's mappings of a weight (1..10000, default 100) to v1 values. */
uint64_t cg_weight_to_shares(uint64_t weight);
uint64_t cg_weight_to_blkio(uint64_t weight);
/* "0-3,5": ascending or not, but numbers and ranges only. */
bool cg_cpuset_valid(const char *text);

#endif
