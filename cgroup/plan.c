#include "cgroup/plan.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static struct cg_write *add(struct cg_plan *p, const char *limit, enum cg_controller c,
                            const char *file)
{
	struct cg_write *w = &p->w[p->n++];
	memset(w, 0, sizeof(*w));
	w->limit = limit;
	w->controller = c;
	w->file = file;
	p->controllers |= c;
	return w;
}

static void add_u64(struct cg_plan *p, const char *limit, enum cg_controller c, const char *file,
                    uint64_t v)
{
	struct cg_write *w = add(p, limit, c, file);
	snprintf(w->value, sizeof(w->value), "%" PRIu64, v);
}

void cg_cpu_quota(uint64_t cpus, uint64_t *quota_us, uint64_t *period_us)
{
	*period_us = CG_CPU_PERIOD_US;
	*quota_us = cpus * CG_CPU_PERIOD_US / CPUS_UNIT;
	if (*quota_us < CG_CPU_QUOTA_MIN_US) {
		*period_us = CG_CPU_PERIOD_LONG_US;
		*quota_us = cpus * CG_CPU_PERIOD_LONG_US / CPUS_UNIT;
	}
}

uint64_t cg_weight_to_shares(uint64_t weight)
{
	uint64_t shares = weight * 1024 / 100;
	return shares < 2 ? 2 : shares;
}

uint64_t cg_weight_to_blkio(uint64_t weight)
{
	uint64_t w = weight * 500 / 100;
	return w < 10 ? 10 : w > 1000 ? 1000 : w;
}

bool cg_cpuset_valid(const char *text)
{
	const char *p = text;
	if (!p || !*p)
		return false;
	for (;;) {
		unsigned long a = 0, b;
		if (*p < '0' || *p > '9')
			return false;
		while (*p >= '0' && *p <= '9')
			if ((a = a * 10 + (unsigned long)(*p++ - '0')) > 65535)
				return false;
		if (*p == '-') {
			p++;
			if (*p < '0' || *p > '9')
				return false;
			b = 0;
			while (*p >= '0' && *p <= '9')
				if ((b = b * 10 + (unsigned long)(*p++ - '0')) > 65535)
					return false;
			if (b < a)
				return false;
		}
		if (*p == '\0')
			return true;
		if (*p++ != ',')
			return false;
	}
}

/* Ranges a profile can hold at all, whatever the host. */
static int check_ranges(const struct profile_limits *l, struct lx_error *e)
{
	if (l->has_cpus && l->cpus * CG_CPU_PERIOD_LONG_US / CPUS_UNIT < CG_CPU_QUOTA_MIN_US)
		return lx_error_msg(e, EINVAL, "limits.cpus: at least 0.001 CPU");
	if (l->has_cpu_weight && (l->cpu_weight < 1 || l->cpu_weight > 10000))
		return lx_error_msg(e, EINVAL, "limits.cpu_weight: %" PRIu64 " is not in 1..10000",
		                    l->cpu_weight);
	if (l->has_io_weight && (l->io_weight < 1 || l->io_weight > 10000))
		return lx_error_msg(e, EINVAL, "limits.io_weight: %" PRIu64 " is not in 1..10000",
		                    l->io_weight);
	if (l->has_memory && l->memory == 0)
		return lx_error_msg(e, EINVAL, "limits.memory: 0 is not a limit");
	if (l->has_memory_high && l->memory_high == 0)
		return lx_error_msg(e, EINVAL, "limits.memory_high: 0 is not a limit");
	if (l->has_pids && l->pids == 0)
		return lx_error_msg(e, EINVAL, "limits.pids: 0 is not a limit");
	if (l->cpuset && !cg_cpuset_valid(l->cpuset))
		return lx_error_msg(e, EINVAL, "limits.cpuset: '%s' is not a CPU list (e.g. 0-1,3)",
		                    l->cpuset);
	return 0;
}

int cg_plan_v2(const struct profile_limits *l, struct cg_plan *p, struct lx_error *e)
{
	memset(p, 0, sizeof(*p));
	int r = check_ranges(l, e);
	if (r < 0)
		return r;
	if (l->has_memory)
		add_u64(p, "memory", CG_MEMORY, "memory.max", l->memory);
	if (l->has_memory_high)
		add_u64(p, "memory_high", CG_MEMORY, "memory.high", l->memory_high);
	if (l->has_swap)
		add_u64(p, "swap", CG_MEMORY, "memory.swap.max", l->swap);
	if (l->has_cpus) {
		uint64_t quota, period;
		cg_cpu_quota(l->cpus, &quota, &period);
		struct cg_write *w = add(p, "cpus", CG_CPU, "cpu.max");
		snprintf(w->value, sizeof(w->value), "%" PRIu64 " %" PRIu64, quota, period);
	}
	if (l->has_cpu_weight)
		add_u64(p, "cpu_weight", CG_CPU, "cpu.weight", l->cpu_weight);
	if (l->has_pids)
		add_u64(p, "pids", CG_PIDS, "pids.max", l->pids);
	if (l->has_io_weight) {
		struct cg_write *w = add(p, "io_weight", CG_BLKIO, "io.weight");
		snprintf(w->value, sizeof(w->value), "default %" PRIu64, l->io_weight);
	}
	if (l->cpuset) {
		struct cg_write *w = add(p, "cpuset", CG_CPUSET, "cpuset.cpus");
		snprintf(w->value, sizeof(w->value), "%s", l->cpuset);
	}
	return 0;
}

int cg_plan_v1(const struct profile_limits *l, struct cg_plan *p, struct lx_error *e)
{
	memset(p, 0, sizeof(*p));
	int r = check_ranges(l, e);
	if (r < 0)
		return r;
	if (l->has_memory_high) {
		lx_error_msg(e, ENOTSUP, "limits.memory_high: cgroup v1 has no memory.high");
		lx_error_hint(e, "use limits.memory, or a host with cgroup v2");
		return -ENOTSUP;
	}
	if (l->has_swap && !l->has_memory) {
		lx_error_msg(e, ENOTSUP,
		             "limits.swap: on cgroup v1 swap is limited with memory, "
		             "in memory.memsw.limit_in_bytes");
		lx_error_hint(e, "set limits.memory too");
		return -ENOTSUP;
	}
	/* memory first: memsw (memory + swap) may never be below it */
	if (l->has_memory)
		add_u64(p, "memory", CG_MEMORY, "memory.limit_in_bytes", l->memory);
	if (l->has_swap) {
		if (l->swap > UINT64_MAX - l->memory)
			return lx_error_msg(e, EINVAL, "limits.swap: too large");
		add_u64(p, "swap", CG_MEMORY, "memory.memsw.limit_in_bytes", l->memory + l->swap);
	}
	if (l->has_cpus) {
		uint64_t quota, period;
		cg_cpu_quota(l->cpus, &quota, &period);
		/* the period first: the quota is checked against it */
		add_u64(p, "cpus", CG_CPU, "cpu.cfs_period_us", period);
		add_u64(p, "cpus", CG_CPU, "cpu.cfs_quota_us", quota);
	}
	if (l->has_cpu_weight)
		add_u64(p, "cpu_weight", CG_CPU, "cpu.shares", cg_weight_to_shares(l->cpu_weight));
	if (l->has_pids)
		add_u64(p, "pids", CG_PIDS, "pids.max", l->pids);
	if (l->has_io_weight)
		/* blkio.weight (CFQ) or blkio.bfq.weight: the backend picks */
		add_u64(p, "io_weight", CG_BLKIO, "blkio.weight", cg_weight_to_blkio(l->io_weight));
	if (l->cpuset) {
		struct cg_write *w = add(p, "cpuset", CG_CPUSET, "cpuset.cpus");
		snprintf(w->value, sizeof(w->value), "%s", l->cpuset);
		/* a new v1 cpuset has no memory nodes: attaching fails with
		 * ENOSPC until it has some (KERNEL-NOTES) */
		w = add(p, "cpuset", CG_CPUSET, "cpuset.mems");
		w->copy_from_parent = true;
	}
	return 0;
}
