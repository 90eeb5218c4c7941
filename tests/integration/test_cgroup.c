/* cgroups (issue 3): limits and exact accounting on pure v2 and hybrid
 * hosts, the run's cgroup removed afterwards, stale ones of a killed
 * monitor removed by the next run, a limit the host cannot enforce refused
 * with nothing left behind. The same tests run here (hybrid) and in the
 * pure v2 VM (make test-vm); what differs is which files hold a limit. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cgroup/mounts.h"
#include "harness.h"

TestSuite(cgroup, .fini = h_cleanup, .timeout = 120);

#define MIB (1024.0 * 1024.0)

static void require_root(void)
{
	if (geteuid() != 0)
		cr_skip_test("cgroups need root");
}

static enum cg_version host_version(void)
{
	struct cg_mounts m;
	cr_assert_eq(cg_read_mounts(&m, NULL), 0);
	return m.version;
}

static const char *report_path(void)
{
	static char path[256];
	snprintf(path, sizeof(path), "%s/report.json", h_tmpdir());
	return path;
}

/* launch --report R EXTRA... ; the exit code */
static int run(const char *const extra[], struct result *out)
{
	const char *argv[40] = { launch_bin(), "--report", report_path() };
	size_t n = 3;
	for (size_t i = 0; extra[i] && n < 39; i++)
		argv[n++] = extra[i];
	argv[n] = NULL;
	struct result r;
	h_run(&r, 60, argv);
	int code = r.code;
	if (out)
		*out = r;
	else
		h_result_free(&r);
	return code;
}

static double number(const char *path)
{
	char *v = h_json_get(report_path(), path);
	cr_assert(v && strcmp(v, "null") != 0, "%s is %s", path, v ? v : "missing");
	double d = strtod(v, NULL);
	free(v);
	return d;
}

static void expect_null(const char *path)
{
	char *v = h_json_get(report_path(), path);
	cr_expect(v && strcmp(v, "null") == 0, "%s is %s, not null", path, v ? v : "missing");
	free(v);
}

/* Whether a cgroup (relative to the hierarchy roots) exists in any
 * hierarchy of this host. */
static bool cgroup_exists(const char *rel)
{
	struct cg_mounts m;
	char path[1024];
	struct stat st;
	cr_assert_eq(cg_read_mounts(&m, NULL), 0);
	if (m.has_unified) {
		snprintf(path, sizeof(path), "%s%s", m.unified.dir, rel);
		if (stat(path, &st) == 0)
			return true;
	}
	for (size_t i = 0; i < m.n_v1; i++) {
		snprintf(path, sizeof(path), "%s%s", m.v1[i].dir, rel);
		if (stat(path, &st) == 0)
			return true;
	}
	return false;
}

/* The run's cgroup path from the report, and that it is gone. */
static void expect_removed(void)
{
	char *path = h_json_get(report_path(), "/cgroup/path");
	cr_assert(path && strncmp(path, "/launch/run-", 12) == 0, "path %s", path ? path : "-");
	cr_expect(!cgroup_exists(path), "%s is still there", path);
	free(path);
}

/* Without limits and without anyone wanting the figures, no cgroup: the
 * PID namespace alone ends everything, a millisecond sooner. */
Test(cgroup, no_cgroup_when_nothing_needs_one)
{
	require_root();
	struct result r;
	const char *argv[] = { launch_bin(), "--", "/bin/sh", "-c", "cat /proc/self/cgroup", NULL };
	h_run(&r, 20, argv);
	cr_assert_eq(r.code, 0, "%s", r.err);
	cr_expect(!h_contains(r.out, "/launch/"), "%s", r.out);
	h_result_free(&r);
}

Test(cgroup, accounting_without_limits)
{
	require_root();
	const char *cmd[] = { "--", probe_bin(), "exit", "0", NULL };
	cr_assert_eq(run(cmd, NULL), 0);
	char *version = h_json_get(report_path(), "/cgroup/version");
	cr_expect_str_eq(version, host_version() == CG_V2 ? "v2" : "hybrid");
	free(version);
	cr_expect_gt(number("/cgroup/memory/peak_bytes"), 0);
	cr_expect_eq(number("/cgroup/memory/oom_kills"), 0);
	cr_expect_geq(number("/cgroup/cpu/usage_s"), 0);
	cr_expect_geq(number("/cgroup/pids/peak"), 2, "init and the command");
	cr_expect_geq(number("/cgroup/io/read_bytes"), 0);
	expect_null("/cgroup/memory/limit_bytes");
	expect_null("/cgroup/pids/limit");
	expect_null("/cgroup/cpu/throttled_s"); /* no quota, nothing to throttle */
	expect_removed();
}

/* Each limit lands in the file that holds it on this kind of host. */
Test(cgroup, limits_are_written_where_the_host_keeps_them)
{
	require_root();
	bool v2 = host_version() == CG_V2;
	struct result r;
	const char *v2_cmd[] = { "--memory",
		                 "100M",
		                 "--memory-high",
		                 "80M",
		                 "--swap",
		                 "0",
		                 "--cpus",
		                 "1.5",
		                 "--cpu-weight",
		                 "50",
		                 "--pids",
		                 "77",
		                 "--io-weight",
		                 "30",
		                 "--cpuset",
		                 "0",
		                 "--",
		                 probe_bin(),
		                 "cgread",
		                 "memory.max",
		                 "memory.high",
		                 "memory.swap.max",
		                 "cpu.max",
		                 "cpu.weight",
		                 "pids.max",
		                 "io.weight",
		                 "cpuset.cpus",
		                 NULL };
	const char *v1_cmd[] = { "--memory",
		                 "100M",
		                 "--swap",
		                 "10M",
		                 "--cpus",
		                 "1.5",
		                 "--cpu-weight",
		                 "50",
		                 "--pids",
		                 "77",
		                 "--io-weight",
		                 "30",
		                 "--cpuset",
		                 "0",
		                 "--",
		                 probe_bin(),
		                 "cgread",
		                 "memory.limit_in_bytes",
		                 "memory.memsw.limit_in_bytes",
		                 "cpu.cfs_quota_us",
		                 "cpu.cfs_period_us",
		                 "cpu.shares",
		                 "pids.max",
		                 "blkio.bfq.weight",
		                 "cpuset.cpus",
		                 "cpuset.mems",
		                 NULL };
	cr_assert_eq(run(v2 ? v2_cmd : v1_cmd, &r), 0, "%s", r.err);
	if (v2)
		cr_expect_str_eq(r.out, "memory.max=104857600\nmemory.high=83886080\n"
		                        "memory.swap.max=0\ncpu.max=150000 100000\ncpu.weight=50\n"
		                        "pids.max=77\nio.weight=default 30\ncpuset.cpus=0\n");
	else
		cr_expect_str_eq(r.out, "memory.limit_in_bytes=104857600\n"
		                        "memory.memsw.limit_in_bytes=115343360\n"
		                        "cpu.cfs_quota_us=150000\ncpu.cfs_period_us=100000\n"
		                        "cpu.shares=512\npids.max=77\nblkio.bfq.weight=150\n"
		                        "cpuset.cpus=0\ncpuset.mems=0\n");
	cr_expect_eq(number("/cgroup/memory/limit_bytes"), 100 * MIB);
	cr_expect_eq(number("/cgroup/pids/limit"), 77);
	h_result_free(&r);
	expect_removed();
}

/* The way kernels before 5.7 take (clone3 without CLONE_INTO_CGROUP; init
 * waits until the monitor has written it into cgroup.procs): the same
 * placement, before the command runs anything. */
Test(cgroup, placement_without_clone_into_cgroup)
{
	require_root();
	static const char *const env[] = { "LAUNCH_CLONE_INTO_CGROUP=0", NULL };
	struct spawn_opts o = { .tty_fd = -1, .env = env };
	struct child c;
	struct result r;
	const char *argv[] = { launch_bin(), "--report", report_path(), "--pids",       "9", "--",
		               probe_bin(),  "cgread",   "pids.max",    "cgroup.procs", NULL };
	h_spawn(&c, &o, argv);
	h_wait(&c, 30, &r);
	cr_assert_eq(r.code, 0, "%s", r.err);
	/* in the pids hierarchy (v1 or v2) with its limit, and in the unified
	 * tree, where the command sees init (1) and itself (2) */
	cr_expect(h_contains(r.out, "pids.max=9\n"), "%s", r.out);
	cr_expect(h_contains(r.out, "cgroup.procs=1\n"), "%s", r.out);
	cr_expect_eq(number("/cgroup/pids/peak"), 2);
	h_result_free(&r);
	expect_removed();
}

Test(cgroup, memory_peak_within_five_percent)
{
	require_root();
	const char *cmd[] = { "--", probe_bin(), "touch", "200", NULL };
	cr_assert_eq(run(cmd, NULL), 0);
	double peak = number("/cgroup/memory/peak_bytes") / MIB;
	cr_log_info("200 MiB touched: memory peak %.2f MiB", peak);
	cr_expect(peak >= 200 * 0.95 && peak <= 200 * 1.05, "peak %.2f MiB", peak);
}

Test(cgroup, cpu_usage_within_five_percent)
{
	require_root();
	const char *cmd[] = { "--", probe_bin(), "burn", "1.0", NULL };
	cr_assert_eq(run(cmd, NULL), 0);
	double usage = number("/cgroup/cpu/usage_s");
	double sum = number("/cgroup/cpu/user_s") + number("/cgroup/cpu/system_s");
	/* wait4's account of the same tree, kept apart by the kernel */
	double rusage = number("/rusage/user_s") + number("/rusage/system_s");
	cr_log_info("1.0 s burned: cgroup CPU usage %.3f s (user + system %.3f s), wait4 %.3f s",
	            usage, sum, rusage);
	cr_expect(usage >= 0.95 && usage <= 1.05, "usage %.3f s", usage);
	cr_expect(sum >= 0.95 * usage && sum <= 1.05 * usage, "user+system %.3f s", sum);
	cr_expect(rusage >= 0.95 * usage && rusage <= 1.05 * usage, "wait4 %.3f s", rusage);
}

Test(cgroup, half_a_cpu_for_two_busy_threads)
{
	require_root();
	const char *cmd[] = { "--cpus", "0.5", "--", probe_bin(), "threads", "2", "3", NULL };
	cr_assert_eq(run(cmd, NULL), 0);
	double ratio = number("/cgroup/cpu/usage_s") / number("/wall_time_s");
	cr_log_info("--cpus 0.5, two busy threads for 3 s: CPU usage over wall time %.3f", ratio);
	cr_expect(ratio >= 0.45 && ratio <= 0.55, "usage/wall %.3f", ratio);
	cr_expect_gt(number("/cgroup/cpu/throttled_s"), 0);
}

/* init, the probe and 30 children make 32: the 33rd process is refused,
 * and only inside: the host forks on as before. */
Test(cgroup, pids_limit_refuses_the_33rd_process_only_inside)
{
	require_root();
	struct result r;
	const char *cmd[] = { "--pids", "32", "--", probe_bin(), "forkloop", NULL };
	cr_assert_eq(run(cmd, &r), 0, "%s", r.err);
	cr_expect_str_eq(r.out, "forked=30 error=EAGAIN\n");
	cr_expect_eq(number("/cgroup/pids/peak"), 32);
	cr_expect_eq(number("/cgroup/pids/limit"), 32);
	h_result_free(&r);
	pid_t kids[100];
	int forked = 0;
	for (; forked < 100; forked++) {
		kids[forked] = fork();
		if (kids[forked] == 0)
			_exit(0);
		if (kids[forked] < 0)
			break;
	}
	for (int i = 0; i < forked; i++)
		waitpid(kids[i], NULL, 0);
	cr_expect_eq(forked, 100, "the host could fork only %d", forked);
	expect_removed();
}

Test(cgroup, oom_kill_is_reported_as_oom)
{
	require_root();
	const char *cmd[] = { "--memory", "64M", "--", probe_bin(), "touch", "256", NULL };
	cr_assert_eq(run(cmd, NULL), 137);
	char *status = h_json_get(report_path(), "/exit/status");
	cr_expect_str_eq(status, "oom");
	free(status);
	cr_expect_geq(number("/cgroup/memory/oom_kills"), 1);
	cr_expect_leq(number("/cgroup/memory/peak_bytes"), 64 * MIB);
	expect_removed();
}

Test(cgroup, oom_in_the_summary)
{
	require_root();
	struct result r;
	const char *argv[] = { launch_bin(), "--summary", "--memory", "64M", "--",
		               probe_bin(),  "touch",     "256",      NULL };
	h_run(&r, 60, argv);
	cr_expect_eq(r.code, 137);
	cr_expect(h_contains(r.err, "out of memory"), "%s", r.err);
	h_result_free(&r);
}

/* No leftover of a refused run: its name starts with launch's pid. */
static void expect_no_run_of(pid_t launch)
{
	char prefix[64];
	snprintf(prefix, sizeof(prefix), "/launch/run-%d-", launch);
	struct cg_mounts m;
	cr_assert_eq(cg_read_mounts(&m, NULL), 0);
	char cmd[2048];
	snprintf(cmd, sizeof(cmd), "find /sys/fs/cgroup -maxdepth 4 -path '*%s*' | grep -q .",
	         prefix);
	cr_expect_neq(system(cmd), 0, "a cgroup %s* was left behind", prefix);
}

Test(cgroup, limit_the_host_refuses_is_an_error_and_leaves_nothing)
{
	require_root();
	struct child c;
	struct result r;
	/* CPU 63 does not exist on the test machines */
	const char *argv[] = { launch_bin(), "--cpuset", "63", "--", "/bin/true", NULL };
	h_spawn(&c, NULL, argv);
	h_wait(&c, 20, &r);
	cr_expect_eq(r.code, 125);
	cr_expect(h_contains(r.err, "launch: limits.cpuset: write 63 to "), "%s", r.err);
	cr_expect(h_contains(r.err, "/cpuset.cpus: "), "%s", r.err);
	cr_expect_eq(h_count(r.err, "\n"), 1, "one line: %s", r.err);
	expect_no_run_of(c.pid);
	h_result_free(&r);
}

/* Without the right to make cgroups, a limit is an error that names it,
 * the cgroup and the reason, with a hint. */
Test(cgroup, limit_without_permission_names_the_limit)
{
	require_root();
	if (access("/usr/bin/setpriv", X_OK) != 0)
		cr_skip_test("needs setpriv (util-linux) to run launch as nobody");
	struct result r;
	const char *argv[] = { "/usr/bin/setpriv", "--reuid",    "65534",    "--regid", "65534",
		               "--clear-groups",   launch_bin(), "--memory", "64M",     "--",
		               "/bin/true",        NULL };
	h_run(&r, 20, argv);
	cr_expect_eq(r.code, 125);
	/* on v2, when another run has made /sys/fs/cgroup/launch, nobody is
	 * refused one step earlier: enabling the controller there */
	cr_expect(h_contains(r.err, "launch: limits.memory: create cgroup /sys/fs/cgroup/") ||
	                  h_contains(r.err, "launch: limits.memory: enable the memory controller "
	                                    "in /sys/fs/cgroup/"),
	          "%s", r.err);
	cr_expect(h_contains(r.err, ": Permission denied (hint: cgroups need root, or a delegated "
	                            "parent given with --cgroup-parent)\n"),
	          "%s", r.err);
	cr_expect_eq(h_count(r.err, "\n"), 1, "%s", r.err);
	h_result_free(&r);
}

Test(cgroup, limit_v1_cannot_enforce_names_itself)
{
	require_root();
	if (host_version() == CG_V2)
		cr_skip_test("cgroup v2 enforces memory_high; this is a v1/hybrid refusal");
	struct child c;
	struct result r;
	const char *argv[] = { launch_bin(), "--memory-high", "100M", "--", "/bin/true", NULL };
	h_spawn(&c, NULL, argv);
	h_wait(&c, 20, &r);
	cr_expect_eq(r.code, 125);
	cr_expect_str_eq(r.err, "launch: limits.memory_high: cgroup v1 has no memory.high (hint: "
	                        "use limits.memory, or a host with cgroup v2)\n");
	expect_no_run_of(c.pid);
	h_result_free(&r);
}

/* A monitor killed by SIGKILL leaves its (empty) cgroup; the next run
 * removes it. */
Test(cgroup, stale_cgroup_of_a_killed_monitor_is_removed_by_the_next_run)
{
	require_root();
	struct child c;
	struct result r;
	const char *argv[] = {
		launch_bin(), "--summary", "--", probe_bin(), "signals", "15", NULL
	};
	h_spawn(&c, NULL, argv);
	char *line = h_readline(&c, 20);
	cr_assert(line && !strcmp(line, "ready"));
	free(line);
	pid_t init = h_init_pid(c.pid, 5);
	char procfile[64], cg[1024] = "";
	snprintf(procfile, sizeof(procfile), "/proc/%d/cgroup", init);
	FILE *f = fopen(procfile, "r");
	cr_assert(f);
	char l[1024];
	while (fgets(l, sizeof(l), f))
		if (strncmp(l, "0::", 3) == 0)
			snprintf(cg, sizeof(cg), "%.*s", (int)strcspn(l + 3, "\n"), l + 3);
	fclose(f);
	cr_assert(strncmp(cg, "/launch/run-", 12) == 0, "cgroup %s", cg);

	kill(c.pid, SIGKILL);
	h_wait(&c, 10, &r);
	h_result_free(&r);
	/* the sandbox dies with its init; the empty cgroup stays */
	bool there = false;
	for (int i = 0; i < 200 && !there; i++) {
		there = cgroup_exists(cg);
		if (!there)
			h_sleep(0.01);
	}
	cr_assert(there, "%s is not there to be stale", cg);

	/* fresh, it could still be a run starting in another PID namespace:
	 * it stays */
	const char *cmd[] = { "--summary", "--", "/bin/true", NULL };
	cr_assert_eq(run(cmd, NULL), 0);
	cr_expect(cgroup_exists(cg), "a fresh %s was taken for stale", cg);
	/* ten seconds later it is stale (its time set back, in the tree whose
	 * directory launch reads: the unified one) */
	struct cg_mounts m;
	cr_assert_eq(cg_read_mounts(&m, NULL), 0);
	char dir[2048];
	snprintf(dir, sizeof(dir), "%s%s", m.has_unified ? m.unified.dir : m.v1[0].dir, cg);
	struct timespec old[2] = { { .tv_nsec = UTIME_OMIT }, { .tv_sec = time(NULL) - 3600 } };
	cr_assert_eq(utimensat(AT_FDCWD, dir, old, 0), 0, "utimensat %s", dir);
	cr_assert_eq(run(cmd, NULL), 0);
	cr_expect(!cgroup_exists(cg), "the stale %s was not removed", cg);
}

/* Removes a cgroup (and its parents up to the first component) from every
 * hierarchy; missing ones are fine. */
static void remove_cgroup_tree(const char *rel)
{
	struct cg_mounts m;
	if (cg_read_mounts(&m, NULL) < 0)
		return;
	char path[1024];
	for (size_t i = 0; i <= m.n_v1; i++) {
		const char *dir = i < m.n_v1 ? m.v1[i].dir : m.has_unified ? m.unified.dir : NULL;
		if (!dir)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, rel);
		while (rmdir(path) == 0) {
			char *slash = strrchr(path, '/');
			if (!slash || (size_t)(slash - path) <= strlen(dir))
				break;
			*slash = '\0';
		}
	}
}

/* --cgroup-parent: the run below it; the parent is the user's place, made
 * if missing and left there (this test removes it). */
Test(cgroup, cgroup_parent_is_made_and_left_to_its_owner)
{
	require_root();
	char parent[64], expect[96];
	snprintf(parent, sizeof(parent), "launch-test-%d/sub", getpid());
	const char *cmd[] = { "--cgroup-parent", parent, "--pids", "100", "--", "/bin/true", NULL };
	int code = run(cmd, NULL);
	char *path = h_json_get(report_path(), "/cgroup/path");
	snprintf(expect, sizeof(expect), "/%s", parent);
	bool parent_there = cgroup_exists(expect);
	bool run_there = path && cgroup_exists(path);
	remove_cgroup_tree(parent);
	cr_expect_eq(code, 0);
	snprintf(expect, sizeof(expect), "/%s/run-", parent);
	cr_expect(path && strncmp(path, expect, strlen(expect)) == 0, "path %s", path ? path : "-");
	cr_expect(parent_there, "the parent was removed");
	cr_expect(!run_there, "the run's cgroup was left behind");
	free(path);
}

/* Runs overlapping in time share the default parent, made again by one
 * when the last run of another removed it meanwhile; each removes its own
 * cgroup (and the last one out the parent, which other tests running now
 * may still be using, so it is not checked here). */
Test(cgroup, overlapping_runs_share_the_parent)
{
	require_root();
	char parent[64];
	snprintf(parent, sizeof(parent), "launch-test-%d", getpid());
	struct child c[8];
	for (int i = 0; i < 8; i++) {
		char sleep[16];
		snprintf(sleep, sizeof(sleep), "0.%d", 1 + (i * 7) % 5);
		const char *argv[] = { launch_bin(), "--", probe_bin(), "sleep", sleep, NULL };
		h_spawn(&c[i], NULL, argv);
	}
	for (int i = 0; i < 8; i++) {
		struct result r;
		h_wait(&c[i], 30, &r);
		cr_expect_eq(r.code, 0, "%s", r.err);
		h_result_free(&r);
	}
	/* other tests may run launch meanwhile: only these runs' cgroups
	 * must be gone */
	for (int i = 0; i < 8; i++)
		expect_no_run_of(c[i].pid);
}
