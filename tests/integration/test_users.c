/* Users (issue 5): user.uid, user.gid and user.groups as root; "user" in
 * the namespaces as root (the sandbox's root is nobody to the host's
 * files); and rootless runs, as nobody through setpriv: everything but
 * cgroup limits works through the user namespace launch makes by itself,
 * limits fail with the hint, or work on a parent delegated to the user,
 * --summary and --report warn, user.groups is refused. Ownership is judged on the host's side. (The
 * namespace and view suites run most of their tests as nobody too.) */
#include <criterion/criterion.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "isolation.h"

TestSuite(users, .fini = h_cleanup, .timeout = 60);

/* The owner of a file on the host, as "uid:gid"; "missing" if none. */
static const char *owner(const char *path)
{
	static char buf[32];
	struct stat st;
	if (lstat(path, &st) < 0)
		return "missing";
	snprintf(buf, sizeof(buf), "%u:%u", (unsigned)st.st_uid, (unsigned)st.st_gid);
	return buf;
}

Test(users, ids_and_groups_are_taken_as_root)
{
	iso_require_root();
	char dir[256], made[300];
	snprintf(dir, sizeof(dir), "%s", iso_dir("w", 0777));
	snprintf(made, sizeof(made), "%s/made", dir);
	const char *profile = iso_profile("{ \"user\": { \"uid\": 1234, \"gid\": 2345, "
	                                  "\"groups\": [3456, 4567] } }");
	struct result r;
	const char *args[] = {
		"--profile", profile,
		"--",        "/bin/sh",
		"-c",        "grep -E '^(Uid|Gid|Groups):' /proc/self/status; \"$0\" write made 1",
		probe_bin(), NULL
	};
	iso_run(&r, dir, args);
	cr_assert_eq(r.code, 0, "%s", r.err);
	cr_expect_str_eq(r.out, "Uid:\t1234\t1234\t1234\t1234\nGid:\t2345\t2345\t2345\t2345\n"
	                        "Groups:\t3456 4567 \nwrite=ok\n");
	cr_expect_str_eq(owner(made), "1234:2345");
	h_result_free(&r);

	/* a new uid without groups: the caller's (root's) are dropped */
	profile = iso_profile("{ \"user\": { \"uid\": 1234, \"gid\": 2345 } }");
	const char *cleared[] = { "--profile",         profile, "--", "/bin/grep", "^Groups:",
		                  "/proc/self/status", NULL };
	iso_run(&r, dir, cleared);
	cr_assert_eq(r.code, 0, "%s", r.err);
	cr_expect_str_eq(r.out, "Groups:\t \n");
	h_result_free(&r);
}

Test(users, user_namespace_as_root_makes_root_nobody_to_the_host)
{
	iso_require_root();
	char dir[256], made[300], theirs[300];
	snprintf(dir, sizeof(dir), "%s", iso_dir("w", 0777));
	snprintf(made, sizeof(made), "%s/made", dir);
	snprintf(theirs, sizeof(theirs), "%s", iso_file("w/roots", "root's\n", 0644));
	const char *profile = iso_profile("{ \"namespaces\": [\"pid\", \"mount\", \"user\"] }");
	struct result r;
	const char *args[] = { "--profile",
		               profile,
		               "--",
		               "/bin/sh",
		               "-c",
		               "read m < /proc/self/uid_map; echo $m; id -u; \"$0\" write made 1; "
		               "\"$0\" write roots 1",
		               probe_bin(),
		               NULL };
	iso_run(&r, dir, args);
	FILE *f = fopen(theirs, "r");
	char content[64] = "";
	cr_assert(f && fgets(content, sizeof(content), f));
	fclose(f);
	cr_assert_eq(r.code, 0, "%s", r.err);
	cr_expect_str_eq(r.out, "0 65534 1\n0\nwrite=ok\nwrite=EACCES\n");
	cr_expect_str_eq(owner(made), "65534:65534", "root inside is nobody outside");
	cr_expect_str_eq(content, "root's\n", "the sandbox's root wrote a file of root's");
	h_result_free(&r);
}

/* Everything but cgroups, without root: the namespaces, a read-only view
 * of its own with a tmpfs and binds, the loopback, a host name, a pty. */
Test(users, rootless_runs_everything_but_cgroups)
{
	struct runner rl;
	runner_nobody(&rl);
	char rw[256], made[300], json[2048];
	snprintf(rw, sizeof(rw), "%s", iso_dir("rw", 0777));
	snprintf(made, sizeof(made), "%s/made", rw);
	/* /tmp is the sandbox's own: the probe is bound where it was */
	snprintf(json, sizeof(json),
	         "{ \"namespaces\": [\"pid\", \"mount\", \"ipc\", \"uts\", \"net\", \"cgroup\"], "
	         "\"hostname\": \"rootless\", \"network\": \"loopback\", \"cwd\": \"/\", "
	         "\"filesystem\": { \"read_only\": true, \"dev\": \"minimal\", \"mounts\": ["
	         "{ \"type\": \"tmpfs\", \"target\": \"/tmp\", \"size\": \"1M\" },"
	         "{ \"type\": \"bind\", \"source\": \"%s\", \"target\": \"%s\", "
	         "\"read_only\": true },"
	         "{ \"type\": \"bind\", \"source\": \"%s\", \"target\": \"/tmp/rw\" } ] } }",
	         rl.dir, rl.dir, rw);
	struct child host;
	const char *sleeper[] = { "/bin/sleep", "30", NULL };
	h_spawn(&host, NULL, sleeper);
	/* /proc/sys: for nobody, EACCES comes before the mount's EROFS, so its
	 * options tell; the cgroup tree on top of /sys/fs/cgroup is the cgroup
	 * namespace's, read-only, and /proc/self/cgroup is all "/" */
	char script[1024];
	snprintf(script, sizeof(script),
	         "P=$0; id -u; hostname; $P ifaces; $P tcpself; $P write /x 1; "
	         "$P write /tmp/rw/made 1; $P write /tmp/t 1; $P openpty; "
	         "grep -c ' /proc/sys ro,' /proc/self/mountinfo; $P signal %d 15; "
	         "set -- /proc/[0-9]*; echo $#; awk '$5 == \"/sys/fs/cgroup\" { m = $4 \" \" "
	         "substr($6, 1, 3) \" \" $8 } END { print m }' /proc/self/mountinfo; "
	         "awk -F: '$3 != \"/\"' /proc/self/cgroup | wc -l",
	         (int)host.pid);
	struct result r;
	const char *args[] = { "--profile", iso_profile(json), "--", "/bin/sh", "-c",
		               script,      rl.probe,          NULL };
	runner_run(&rl, &r, NULL, args);
	char state = h_proc_state(host.pid);
	kill(host.pid, SIGKILL);
	char expect[512];
	snprintf(expect, sizeof(expect),
	         "%d\nrootless\nlo:up\ntcpself=ok\nwrite=EROFS\nwrite=ok\nwrite=ok\nopenpty=ok\n"
	         "1\nsignal=ESRCH\n2\n/ ro, cgroup2\n0\n",
	         (int)rl.uid);
	cr_assert_eq(r.code, 0, "%s", r.err);
	cr_expect_str_eq(r.out, expect);
	cr_expect_str_eq(r.err, "");
	char ids[32];
	snprintf(ids, sizeof(ids), "%d:%d", (int)rl.uid, (int)rl.gid);
	cr_expect_str_eq(owner(made), ids);
	cr_expect(state != 'Z' && state != '?', "the host's process ended (state %c)", state);
	h_result_free(&r);
}

Test(users, rootless_root_inside_is_the_caller_outside)
{
	struct runner rl;
	runner_nobody(&rl);
	char rw[256], made[300];
	snprintf(rw, sizeof(rw), "%s", iso_dir("rw", 0777));
	snprintf(made, sizeof(made), "%s/made", rw);
	const char *profile = iso_profile("{ \"user\": { \"uid\": 0, \"gid\": 0 } }");
	char target[300];
	snprintf(target, sizeof(target), "%s/made", rw);
	struct result r;
	const char *args[] = { "--profile", profile, "--",
		               "/bin/sh",   "-c",    "id -u; id -g; \"$0\" write \"$1\" 1",
		               rl.probe,    target,  NULL };
	runner_run(&rl, &r, NULL, args);
	cr_assert_eq(r.code, 0, "%s", r.err);
	cr_expect_str_eq(r.out, "0\n0\nwrite=ok\n");
	char ids[32];
	snprintf(ids, sizeof(ids), "%d:%d", (int)rl.uid, (int)rl.gid);
	cr_expect_str_eq(owner(made), ids);
	h_result_free(&r);
}

Test(users, rootless_limits_fail_with_the_hint)
{
	struct runner rl;
	runner_nobody(&rl);
	char rw[256], ran[300];
	snprintf(rw, sizeof(rw), "%s", iso_dir("rw", 0777));
	snprintf(ran, sizeof(ran), "%s/ran", rw);
	struct result r;
	const char *args[] = { "--memory", "64M", "--", rl.probe, "write", ran, "1", NULL };
	runner_run(&rl, &r, NULL, args);
	cr_expect_eq(r.code, 125, "%s", r.err);
	cr_expect(strncmp(r.err, "launch: limits.memory: ", 23) == 0, "%s", r.err);
	cr_expect(h_contains(r.err, ": Permission denied (hint: cgroups need root, or a delegated "
	                            "parent given with --cgroup-parent)\n"),
	          "%s", r.err);
	cr_expect_eq(h_count(r.err, "\n"), 1, "one line: %s", r.err);
	cr_expect_not(iso_exists(ran), "the command ran");
	h_result_free(&r);
}

/* ---- a delegated cgroup parent -------------------------------------------- */

/* What systemd's Delegate=yes gives a user, made by hand in every cgroup
 * hierarchy this host has: a parent owned by nobody (the directory and its
 * files), and in it a leaf, "caller", that the rootless launch starts in.
 * cgroup v2 lets a process move another only within a subtree whose
 * common cgroup.procs it may write; on v1 the destination's is enough. */
#define DELEG_MAX 16
static char deleg_parent[64];
static char deleg_dirs[DELEG_MAX][512]; /* the parent in each hierarchy */
static size_t n_deleg;

static void chown_tree_level(const char *dir)
{
	char cmd[1200];
	/* the directory and the files in it, not what is below */
	snprintf(cmd, sizeof(cmd), "chown 65534:65534 '%s' '%s'/*", dir, dir);
	cr_assert_eq(system(cmd), 0, "%s", cmd);
}

static void copy_line(const char *from, const char *to)
{
	char buf[256] = "";
	FILE *f = fopen(from, "r");
	cr_assert(f, "%s: %s", from, strerror(errno));
	cr_assert(fgets(buf, sizeof(buf), f), "%s: empty", from);
	fclose(f);
	f = fopen(to, "w");
	cr_assert(f && fputs(buf, f) >= 0 && fclose(f) == 0, "%s: %s", to, strerror(errno));
}

static void delegate_to_nobody(void)
{
	snprintf(deleg_parent, sizeof(deleg_parent), "launch-test-delegated-%d", (int)getpid());
	FILE *mi = fopen("/proc/self/mountinfo", "r");
	cr_assert(mi);
	char line[4096];
	while (fgets(line, sizeof(line), mi) && n_deleg < DELEG_MAX) {
		char mnt[256], fstype[64], opts[1024];
		/* id parent major:minor root mount-point options ... - fstype source super-options
		 */
		const char *dash = strstr(line, " - ");
		if (!dash || sscanf(line, "%*s %*s %*s %*s %255s", mnt) != 1 ||
		    sscanf(dash, " - %63s %*s %1023s", fstype, opts) != 2)
			continue;
		if (strcmp(fstype, "cgroup") != 0 && strcmp(fstype, "cgroup2") != 0)
			continue;
		char *dir = deleg_dirs[n_deleg];
		snprintf(dir, sizeof(deleg_dirs[0]), "%s/%s", mnt, deleg_parent);
		cr_assert(mkdir(dir, 0755) == 0, "mkdir %s: %s", dir, strerror(errno));
		n_deleg++;
		char leaf[600];
		snprintf(leaf, sizeof(leaf), "%s/caller", dir);
		cr_assert(mkdir(leaf, 0755) == 0, "mkdir %s: %s", leaf, strerror(errno));
		if (strstr(opts, "cpuset")) { /* a new v1 cpuset has no CPUs yet */
			char from[700], to[700];
			const char *files[] = { "cpuset.cpus", "cpuset.mems" };
			for (size_t i = 0; i < 2; i++) {
				snprintf(from, sizeof(from), "%s/%s", mnt, files[i]);
				snprintf(to, sizeof(to), "%s/%s", dir, files[i]);
				copy_line(from, to);
				snprintf(from, sizeof(from), "%s/%s", leaf, files[i]);
				copy_line(to, from);
			}
		}
		chown_tree_level(dir);
		chown_tree_level(leaf);
	}
	fclose(mi);
	cr_assert(n_deleg > 0, "no cgroup hierarchy mounted");
}

/* The processes first (h_cleanup), then every cgroup below the parents,
 * deepest first: a killed launch may have left its run's. */
static void delegated_cleanup(void)
{
	h_cleanup();
	for (size_t i = 0; i < n_deleg; i++) {
		char cmd[2 * sizeof(deleg_dirs) + 256]; /* what gcc reckons */
		snprintf(cmd, sizeof(cmd),
		         "for i in 1 2 3 4 5 6 7 8 9 10; do find '%s' -depth -type d "
		         "-exec rmdir {} + 2>/dev/null; [ -d '%s' ] || exit 0; sleep 0.1; done; "
		         "exit 1",
		         deleg_dirs[i], deleg_dirs[i]);
		if (system(cmd) != 0)
			fprintf(stderr, "test_users: could not remove %s\n", deleg_dirs[i]);
	}
	n_deleg = 0;
}

/* Rootless, with a parent delegated to the user: the limits are set and
 * enforced (a fork loop stops at --pids), the run's cgroup is below the
 * parent, and it is gone afterwards. */
Test(users, rootless_limits_on_a_delegated_parent, .fini = delegated_cleanup)
{
	struct runner rl;
	runner_nobody(&rl);
	if (!rl.setpriv)
		cr_skip_test("delegating a cgroup to a user takes root");
	delegate_to_nobody();
	char report[300], procs[DELEG_MAX * 540] = "";
	snprintf(report, sizeof(report), "%s/report.json", iso_dir("rw", 0777));
	for (size_t i = 0; i < n_deleg; i++) {
		size_t len = strlen(procs);
		snprintf(procs + len, sizeof(procs) - len, "%s%s/caller/cgroup.procs", i ? " " : "",
		         deleg_dirs[i]);
	}
	/* the caller moves itself into its leaf, then becomes launch as nobody */
	const char *args[] = {
		"--cgroup-parent", deleg_parent, "--pids", "16",     "--memory", "64M",
		"--report",        report,       "--",     rl.probe, "forkloop", NULL
	};
	const char *argv[32] = { "/bin/sh", "-c",
		                 "for f in $0; do echo $$ > \"$f\" || exit 99; done; exec \"$@\"",
		                 procs };
	runner_argv(&rl, argv + 4, 28, args);
	struct spawn_opts o = { .tty_fd = -1, .cwd = rl.dir };
	struct child c;
	struct result r;
	h_spawn(&c, &o, argv);
	h_wait(&c, 20, &r);
	cr_assert_eq(r.code, 0, "%s", r.err);
	cr_expect_str_eq(r.out, "forked=14 error=EAGAIN\n");
	cr_expect_str_eq(r.err, "");
	char *path = h_json_get(report, "/cgroup/path");
	char *pids = h_json_get(report, "/cgroup/pids/limit");
	char *memory = h_json_get(report, "/cgroup/memory/limit_bytes");
	char expect[96];
	snprintf(expect, sizeof(expect), "/%s/run-", deleg_parent);
	cr_expect(path && strncmp(path, expect, strlen(expect)) == 0, "cgroup %s",
	          path ? path : "missing");
	cr_expect_str_eq(pids ? pids : "missing", "16");
	cr_expect_str_eq(memory ? memory : "missing", "67108864");
	/* the run's cgroup is gone: only the caller's leaf is left */
	for (size_t i = 0; i < n_deleg; i++) {
		char cmd[sizeof(deleg_dirs) + 64];
		snprintf(cmd, sizeof(cmd), "[ \"$(ls -d '%s'/*/ | wc -l)\" = 1 ]", deleg_dirs[i]);
		cr_expect_eq(system(cmd), 0, "a cgroup left in %s", deleg_dirs[i]);
	}
	free(path);
	free(pids);
	free(memory);
	h_result_free(&r);
}

Test(users, rootless_summary_and_report_warn_without_cgroup_figures)
{
	struct runner rl;
	runner_nobody(&rl);
	char rw[256], report[300];
	snprintf(rw, sizeof(rw), "%s", iso_dir("rw", 0777));
	snprintf(report, sizeof(report), "%s/report.json", rw);
	struct result r;
	const char *args[] = { "--summary", "--report", report, "--", "/bin/true", NULL };
	runner_run(&rl, &r, NULL, args);
	cr_assert_eq(r.code, 0, "%s", r.err);
	cr_expect(strncmp(r.err, "launch: cgroup accounting: ", 27) == 0, "%s", r.err);
	cr_expect(h_contains(r.err, "(hint: cgroups need root, or a delegated parent given with "
	                            "--cgroup-parent), ignoring\n"),
	          "%s", r.err);
	cr_expect(h_contains(r.err, "launch: command exited with code 0; launch exits 0\n"), "%s",
	          r.err);
	char *cgroup = h_json_get(report, "/cgroup");
	char *status = h_json_get(report, "/exit/status");
	cr_expect_str_eq(cgroup ? cgroup : "missing", "null");
	cr_expect_str_eq(status ? status : "missing", "exited");
	free(cgroup);
	free(status);
	h_result_free(&r);
}

Test(users, rootless_groups_are_refused)
{
	struct runner rl;
	runner_nobody(&rl);
	const char *profile =
	        iso_profile("{ \"user\": { \"uid\": 0, \"gid\": 0, \"groups\": [] } }");
	struct result r;
	const char *args[] = { "--profile", profile, "--", "/bin/echo", "ran", NULL };
	runner_run(&rl, &r, NULL, args);
	cr_expect_eq(r.code, 125);
	cr_expect_str_eq(r.err, "launch: user.groups: without root, supplementary groups cannot be "
	                        "set (the kernel denies setgroups in the user namespace); set "
	                        "\"groups\": null\n");
	cr_expect_str_eq(r.out, "");
	h_result_free(&r);
}
