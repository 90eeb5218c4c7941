/* cgroup/stats: reading the kernel's statistics files. */
#include <criterion/criterion.h>

#include "cgroup/stats.h"

Test(cgroup_stats, keyed_files)
{
	const char *cpu = "usage_usec 1002156\nuser_usec 1000000\nsystem_usec 2156\n"
	                  "nr_periods 10\nnr_throttled 5\nthrottled_usec 250000\n";
	uint64_t v = 0;
	cr_expect(cg_keyed(cpu, "usage_usec", &v));
	cr_expect_eq(v, 1002156);
	cr_expect(cg_keyed(cpu, "throttled_usec", &v));
	cr_expect_eq(v, 250000);
	/* a key that is the prefix of another is not that one */
	cr_expect(!cg_keyed(cpu, "usage", &v));
	cr_expect(!cg_keyed(cpu, "missing", &v));
	cr_expect(cg_keyed("oom_kill_disable 0\nunder_oom 0\noom_kill 3\n", "oom_kill", &v));
	cr_expect_eq(v, 3);
	cr_expect(!cg_keyed("", "oom_kill", &v));
}

Test(cgroup_stats, single_numbers)
{
	uint64_t v = 0;
	cr_expect(cg_number("209715200\n", &v));
	cr_expect_eq(v, 209715200);
	cr_expect(cg_number("0", &v));
	cr_expect(!cg_number("max\n", &v));
	cr_expect(!cg_number("", &v));
	cr_expect(!cg_number("12 34\n", &v));
	cr_expect(!cg_number("99999999999999999999999\n", &v));
}

Test(cgroup_stats, v2_io_stat_sums_devices)
{
	uint64_t r = 1, w = 1;
	cr_expect(cg_io_stat("8:0 rbytes=4096 wbytes=8192 rios=1 wios=2 dbytes=0 dios=0\n"
	                     "253:0 rbytes=100 wbytes=0 rios=1 wios=0 dbytes=5 dios=1\n",
	                     &r, &w));
	cr_expect_eq(r, 4196);
	cr_expect_eq(w, 8192);
	cr_expect(cg_io_stat("", &r, &w));
	cr_expect_eq(r, 0);
	cr_expect_eq(w, 0);
}

Test(cgroup_stats, v1_blkio_bytes_sums_read_and_write)
{
	uint64_t r = 1, w = 1;
	cr_expect(cg_blkio_bytes("8:0 Read 4096\n8:0 Write 512\n8:0 Sync 4608\n8:0 Async 0\n"
	                         "8:0 Discard 0\n8:0 Total 4608\n8:16 Read 100\n8:16 Write 0\n"
	                         "Total 4708\n",
	                         &r, &w));
	cr_expect_eq(r, 4196);
	cr_expect_eq(w, 512);
	cr_expect(cg_blkio_bytes("Total 0\n", &r, &w));
	cr_expect_eq(r, 0);
}
