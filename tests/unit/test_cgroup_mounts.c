/* cgroup/mounts: which hierarchies mountinfo shows, on the kinds of host
 * launch meets. */
#include <criterion/criterion.h>
#include <string.h>

#include "cgroup/mounts.h"

static const char hybrid[] =
        "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755\n"
        "32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu\n"
        "33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct\n"
        "34 31 0:31 / /sys/fs/cgroup/cpuset rw,relatime - cgroup cgroup rw,cpuset\n"
        "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n"
        "36 31 0:33 / /sys/fs/cgroup/devices rw,relatime - cgroup cgroup rw,devices\n"
        "38 31 0:35 / /sys/fs/cgroup/blkio rw,relatime - cgroup cgroup rw,blkio\n"
        "39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids\n"
        "40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd\n"
        "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n";

Test(cgroup_mounts, hybrid_host)
{
	struct cg_mounts m;
	cg_parse_mountinfo(hybrid, &m);
	cr_expect_eq(m.version, CG_HYBRID);
	cr_expect(m.has_unified);
	cr_expect_str_eq(m.unified.dir, "/sys/fs/cgroup/unified");
	/* cpu cpuacct cpuset memory blkio pids; not devices, not name=systemd */
	cr_expect_eq(m.n_v1, 6);
	cr_expect_str_eq(cg_v1_mount(&m, CG_MEMORY)->dir, "/sys/fs/cgroup/memory");
	cr_expect_str_eq(cg_v1_mount(&m, CG_PIDS)->dir, "/sys/fs/cgroup/pids");
	cr_expect_str_eq(cg_v1_mount(&m, CG_CPUACCT)->dir, "/sys/fs/cgroup/cpuacct");
	cr_expect_str_eq(cg_v1_mount(&m, CG_MEMORY)->root, "/");
}

Test(cgroup_mounts, pure_v2_host)
{
	struct cg_mounts m;
	cg_parse_mountinfo("25 21 0:23 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - "
	                   "cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot\n",
	                   &m);
	cr_expect_eq(m.version, CG_V2);
	cr_expect_str_eq(m.unified.dir, "/sys/fs/cgroup");
	cr_expect_eq(m.n_v1, 0);
	cr_expect_null(cg_v1_mount(&m, CG_MEMORY));
}

Test(cgroup_mounts, comounted_v1_controllers_and_optional_fields)
{
	struct cg_mounts m;
	cg_parse_mountinfo("30 25 0:26 / /sys/fs/cgroup/cpu,cpuacct rw shared:10 master:2 - cgroup "
	                   "cgroup rw,cpu,cpuacct\n"
	                   "31 25 0:27 /docker/abc /sys/fs/cgroup/memory rw - cgroup cgroup "
	                   "rw,memory\n",
	                   &m);
	cr_expect_eq(m.version, CG_V1);
	cr_expect_eq(m.n_v1, 2);
	cr_expect_eq(cg_v1_mount(&m, CG_CPU), cg_v1_mount(&m, CG_CPUACCT));
	cr_expect_str_eq(cg_v1_mount(&m, CG_CPU)->dir, "/sys/fs/cgroup/cpu,cpuacct");
	cr_expect_str_eq(cg_v1_mount(&m, CG_MEMORY)->root, "/docker/abc");
}

Test(cgroup_mounts, escaped_mount_points)
{
	struct cg_mounts m;
	cg_parse_mountinfo("41 31 0:38 / /mnt/my\\040cgroups rw - cgroup2 cgroup2 rw\n", &m);
	cr_expect_str_eq(m.unified.dir, "/mnt/my cgroups");
}

Test(cgroup_mounts, no_cgroups_and_garbage)
{
	struct cg_mounts m;
	cg_parse_mountinfo("", &m);
	cr_expect_eq(m.version, CG_NONE);
	cg_parse_mountinfo("garbage\n1 2 3\n\n- - -\n", &m);
	cr_expect_eq(m.version, CG_NONE);
	cr_expect_str_eq(cg_version_name(CG_HYBRID), "hybrid");
	cr_expect_str_eq(cg_version_name(CG_NONE), "none");
}
