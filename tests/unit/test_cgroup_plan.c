/* cgroup/plan: what each limit becomes in cgroup files, on v2 and v1, and
 * what is refused. */
#include <criterion/criterion.h>
#include <errno.h>
#include <string.h>

#include "cgroup/plan.h"

static struct profile_limits all_v2(void)
{
	struct profile_limits l = { 0 };
	l.has_memory = l.has_memory_high = l.has_swap = l.has_cpus = l.has_cpu_weight = l.has_pids =
	        l.has_io_weight = true;
	l.memory = 512ULL << 20;
	l.memory_high = 400ULL << 20;
	l.swap = 0;
	l.cpus = 1500000;
	l.cpu_weight = 50;
	l.pids = 256;
	l.io_weight = 30;
	l.cpuset = "0-1";
	return l;
}

static void expect_write(const struct cg_plan *p, size_t i, const char *file, const char *value)
{
	cr_assert_lt(i, p->n);
	cr_expect_str_eq(p->w[i].file, file);
	cr_expect_str_eq(p->w[i].value, value, "%s", file);
}

Test(cgroup_plan, every_limit_on_v2)
{
	struct profile_limits l = all_v2();
	struct cg_plan p;
	cr_assert_eq(cg_plan_v2(&l, &p, NULL), 0);
	cr_assert_eq(p.n, 8);
	expect_write(&p, 0, "memory.max", "536870912");
	expect_write(&p, 1, "memory.high", "419430400");
	expect_write(&p, 2, "memory.swap.max", "0");
	expect_write(&p, 3, "cpu.max", "150000 100000");
	expect_write(&p, 4, "cpu.weight", "50");
	expect_write(&p, 5, "pids.max", "256");
	expect_write(&p, 6, "io.weight", "default 30");
	expect_write(&p, 7, "cpuset.cpus", "0-1");
	cr_expect_eq(p.controllers, CG_MEMORY | CG_CPU | CG_PIDS | CG_BLKIO | CG_CPUSET);
	cr_expect_str_eq(p.w[3].limit, "cpus");
}

Test(cgroup_plan, v1_orders_and_maps)
{
	struct profile_limits l = all_v2();
	l.has_memory_high = false;
	l.swap = 64ULL << 20;
	struct cg_plan p;
	cr_assert_eq(cg_plan_v1(&l, &p, NULL), 0);
	/* memory before memsw (memory + swap); period before quota */
	expect_write(&p, 0, "memory.limit_in_bytes", "536870912");
	expect_write(&p, 1, "memory.memsw.limit_in_bytes", "603979776");
	expect_write(&p, 2, "cpu.cfs_period_us", "100000");
	expect_write(&p, 3, "cpu.cfs_quota_us", "150000");
	expect_write(&p, 4, "cpu.shares", "512");
	expect_write(&p, 5, "pids.max", "256");
	expect_write(&p, 6, "blkio.weight", "150");
	expect_write(&p, 7, "cpuset.cpus", "0-1");
	cr_expect_str_eq(p.w[8].file, "cpuset.mems");
	cr_expect(p.w[8].copy_from_parent);
	cr_expect_eq(p.n, 9);
}

Test(cgroup_plan, v1_refuses_what_it_cannot_do)
{
	struct lx_error e = { 0 };
	struct cg_plan p;
	struct profile_limits l = { .has_memory_high = true, .memory_high = 1 << 20 };
	cr_expect_eq(cg_plan_v1(&l, &p, &e), -ENOTSUP);
	cr_expect_str_eq(e.message, "limits.memory_high: cgroup v1 has no memory.high");
	l = (struct profile_limits){ .has_swap = true, .swap = 1 << 20 };
	cr_expect_eq(cg_plan_v1(&l, &p, &e), -ENOTSUP);
	cr_expect(strstr(e.message, "limits.swap:") == e.message, "%s", e.message);
}

Test(cgroup_plan, ranges)
{
	struct lx_error e = { 0 };
	struct cg_plan p;
	struct profile_limits l = { .has_cpu_weight = true, .cpu_weight = 10001 };
	cr_expect_eq(cg_plan_v2(&l, &p, &e), -EINVAL);
	cr_expect_str_eq(e.message, "limits.cpu_weight: 10001 is not in 1..10000");
	l = (struct profile_limits){ .has_memory = true, .memory = 0 };
	cr_expect_eq(cg_plan_v2(&l, &p, &e), -EINVAL);
	l = (struct profile_limits){ .has_pids = true, .pids = 0 };
	cr_expect_eq(cg_plan_v1(&l, &p, &e), -EINVAL);
	l = (struct profile_limits){ .has_cpus = true, .cpus = 999 };
	cr_expect_eq(cg_plan_v2(&l, &p, &e), -EINVAL);
	cr_expect_str_eq(e.message, "limits.cpus: at least 0.001 CPU");
	l = (struct profile_limits){ .cpuset = "1-0" };
	cr_expect_eq(cg_plan_v2(&l, &p, &e), -EINVAL);
	l = (struct profile_limits){ 0 };
	cr_expect_eq(cg_plan_v2(&l, &p, &e), 0);
	cr_expect_eq(p.n, 0);
	cr_expect_eq(p.controllers, 0);
}

Test(cgroup_plan, cpu_quota_stays_above_the_kernel_minimum)
{
	uint64_t quota, period;
	cg_cpu_quota(500000, &quota, &period); /* 0.5 */
	cr_expect_eq(quota, 50000);
	cr_expect_eq(period, 100000);
	cg_cpu_quota(5000, &quota, &period); /* 0.005: 500 us would be too little */
	cr_expect_eq(quota, 5000);
	cr_expect_eq(period, 1000000);
	cg_cpu_quota(1000, &quota, &period); /* 0.001, the least */
	cr_expect_eq(quota, 1000);
	cg_cpu_quota(64000000, &quota, &period); /* 64 CPUs */
	cr_expect_eq(quota, 6400000);
}

Test(cgroup_plan, weight_mappings)
{
	cr_expect_eq(cg_weight_to_shares(100), 1024);
	cr_expect_eq(cg_weight_to_shares(1), 10);
	cr_expect_eq(cg_weight_to_shares(10000), 102400);
	cr_expect_eq(cg_weight_to_blkio(100), 500);
	cr_expect_eq(cg_weight_to_blkio(1), 10);
	cr_expect_eq(cg_weight_to_blkio(10000), 1000);
}

Test(cgroup_plan, cpuset_syntax)
{
	static const char *good[] = { "0", "0-1", "0,2", "0-3,5,7-8", "65535" };
	static const char *bad[] = { "",      "-1",  "1-", "a",  "0,,1",
		                     "0-1-2", "3-1", "1,", " 1", "65536" };
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		cr_expect(cg_cpuset_valid(good[i]), "%s", good[i]);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		cr_expect(!cg_cpuset_valid(bad[i]), "%s", bad[i]);
	cr_expect(!cg_cpuset_valid(NULL));
}
