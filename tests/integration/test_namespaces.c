/* Namespaces (issue 5): each one selectable; the command cannot see or
 * signal the host's processes, reach a listener on the host's loopback
 * (network "none" or "loopback"), see the host's System V IPC objects or
 * change its host name; its cgroup namespace has the run's cgroup as root;
 * mounts propagate neither way; and after a run no mount, namespace or
 * process of it is left on the host. Judged from outside wherever the host
 * can tell. Most run twice, as root and as nobody (NAME_rootless). */
#include <criterion/criterion.h>
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mount.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "isolation.h"

TestSuite(namespaces, .fini = h_cleanup, .timeout = 60);

/* The inode of one of the test's own namespaces. */
static unsigned long own_ns(const char *type)
{
	char path[64];
	struct stat st;
	snprintf(path, sizeof(path), "/proc/self/ns/%s", type);
	cr_assert(stat(path, &st) == 0, "%s: %s", path, strerror(errno));
	return (unsigned long)st.st_ino;
}

/* The value of "type=" in the probe's ns output, 0 if absent. */
static unsigned long probe_ns(const char *out, const char *type)
{
	char key[32];
	snprintf(key, sizeof(key), "%s=", type);
	for (const char *p = out; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (strncmp(p, key, strlen(key)) == 0)
			return strtoul(p + strlen(key), NULL, 10);
	return 0;
}

ISO_TEST_TWICE(namespaces, each_namespace_is_selectable)
{
	/* the profile's name of each and /proc's */
	static const struct {
		const char *profile, *proc, *extra;
	} kinds[] = {
		{ NULL, NULL, "" }, /* pid alone */
		{ "mount", "mnt", "" },     { "ipc", "ipc", "" },
		{ "uts", "uts", "" },       { "net", "net", ", \"network\": \"none\"" },
		{ "cgroup", "cgroup", "" }, { "user", "user", "" },
	};
	static const char *const types[] = { "pid", "mnt", "ipc", "uts", "net", "cgroup", "user" };
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		char json[256];
		if (kinds[k].profile)
			snprintf(json, sizeof(json), "{ \"namespaces\": [\"pid\", \"%s\"]%s }",
			         kinds[k].profile, kinds[k].extra);
		else
			snprintf(json, sizeof(json), "{ \"namespaces\": [\"pid\"] }");
		struct result r;
		const char *args[] = { "--profile", iso_profile(json), "--", u->probe, "ns", NULL };
		runner_run(u, &r, NULL, args);
		cr_assert_eq(r.code, 0, "%s: %s", json, r.err);
		for (size_t t = 0; t < sizeof(types) / sizeof(types[0]); t++) {
			/* without root, launch always makes the user namespace */
			bool want_new = strcmp(types[t], "pid") == 0 ||
			                (kinds[k].proc && strcmp(types[t], kinds[k].proc) == 0) ||
			                (u->rootless && strcmp(types[t], "user") == 0);
			unsigned long inside = probe_ns(r.out, types[t]);
			cr_assert_neq(inside, 0, "%s: no %s in %s", json, types[t], r.out);
			if (want_new)
				cr_expect_neq(inside, own_ns(types[t]), "%s: %s is the host's",
				              json, types[t]);
			else
				cr_expect_eq(inside, own_ns(types[t]), "%s: %s is not the host's",
				             json, types[t]);
		}
		h_result_free(&r);
	}
}

ISO_TEST_TWICE(namespaces, command_cannot_see_or_signal_host_processes)
{
	/* a process of the host's, which the sandbox must not reach */
	struct child host;
	const char *sleeper[] = { "/bin/sleep", "30", NULL };
	h_spawn(&host, NULL, sleeper);
	char pid[16], script[512];
	snprintf(pid, sizeof(pid), "%d", (int)host.pid);
	snprintf(script, sizeof(script),
	         "test -e /proc/%s && echo seen || echo unseen; \"$0\" signal %s 15; "
	         "\"$0\" signal %s 9; set -- /proc/[0-9]*; echo $#",
	         pid, pid, pid);
	struct result r;
	const char *args[] = { "--", "/bin/sh", "-c", script, u->probe, NULL };
	runner_run(u, &r, NULL, args);
	char state = h_proc_state(host.pid);
	kill(host.pid, SIGKILL);
	cr_assert_eq(r.code, 0, "%s", r.err);
	/* kill finds no such process; /proc holds init and the shell */
	cr_expect_str_eq(r.out, "unseen\nsignal=ESRCH\nsignal=ESRCH\n2\n");
	cr_expect(state != 'Z' && state != '?', "the host's process ended (state %c)", state);
	h_result_free(&r);
}

ISO_TEST_TWICE(namespaces, system_v_ipc_is_private_with_ipc)
{
	key_t key = (key_t)(0x4c000000 | (getpid() & 0xffffff));
	int id = shmget(key, 4096, IPC_CREAT | IPC_EXCL | 0600);
	cr_assert(id >= 0, "shmget: %s", strerror(errno));
	char k[32];
	snprintf(k, sizeof(k), "%d", (int)key);
	struct result with, without;
	const char *a1[] = { "--", u->probe, "shm", k, NULL };
	runner_run(u, &with, NULL, a1);
	const char *a2[] = { "--profile", iso_profile("{ \"namespaces\": [\"pid\", \"mount\"] }"),
		             "--",        u->probe,
		             "shm",       k,
		             NULL };
	runner_run(u, &without, NULL, a2);
	shmctl(id, IPC_RMID, NULL);
	cr_assert_eq(with.code, 0, "%s", with.err);
	cr_expect_str_eq(with.out, "shm=no\n", "the host's segment is visible with ipc");
	cr_assert_eq(without.code, 0, "%s", without.err);
	cr_expect_str_eq(without.out, "shm=yes\n", "the probe cannot see the host's segment");
	h_result_free(&with);
	h_result_free(&without);
}

ISO_TEST_TWICE(namespaces, hostname_is_the_sandboxs_and_the_host_keeps_its_own)
{
	char before[256], after[256];
	cr_assert(gethostname(before, sizeof(before)) == 0);
	struct result r;
	const char *args[] = { "--hostname", "sandbox-1", "--",
		               "/bin/sh",    "-c",        "hostname; cat /proc/sys/kernel/hostname",
		               NULL };
	runner_run(u, &r, NULL, args);
	cr_assert(gethostname(after, sizeof(after)) == 0);
	cr_assert_eq(r.code, 0, "%s", r.err);
	cr_expect_str_eq(r.out, "sandbox-1\nsandbox-1\n");
	cr_expect_str_eq(after, before);
	h_result_free(&r);

	/* without --hostname, the host's name, in a namespace of its own */
	const char *plain[] = { "--", "/bin/hostname", NULL };
	runner_run(u, &r, NULL, plain);
	char expect[300];
	snprintf(expect, sizeof(expect), "%s\n", before);
	cr_expect_str_eq(r.out, expect);
	h_result_free(&r);
}

/* The probe's "connect" to the host's listener with --net mode; whether the
 * listener saw a connection. */
static bool connect_with(const struct runner *u, const char *mode, int listener, int port,
                         const char *expect)
{
	char p[16];
	snprintf(p, sizeof(p), "%d", port);
	struct result r;
	const char *args[] = { "--net", mode, "--", u->probe, "connect", "127.0.0.1", p, NULL };
	runner_run(u, &r, NULL, args);
	cr_assert_eq(r.code, 0, "--net %s: %s", mode, r.err);
	cr_expect_str_eq(r.out, expect, "--net %s", mode);
	h_result_free(&r);
	return iso_accepted(listener, 0.1);
}

ISO_TEST_TWICE(namespaces, none_and_loopback_cannot_reach_the_hosts_loopback)
{
	int port;
	int listener = iso_listen(&port);
	cr_expect_not(connect_with(u, "none", listener, port, "connect=ENETUNREACH\n"),
	              "--net none reached the host's listener");
	cr_expect_not(connect_with(u, "loopback", listener, port, "connect=ECONNREFUSED\n"),
	              "--net loopback reached the host's listener");
	/* the same probe does reach it on the host's network: the test can
	 * tell */
	cr_expect(connect_with(u, "host", listener, port, "connect=ok\n"),
	          "--net host did not reach the host's listener");
	close(listener);
}

ISO_TEST_TWICE(namespaces, loopback_has_only_lo_up_and_none_has_it_down)
{
	struct result r;
	const char *up[] = { "--net",   "loopback", "--",
		             "/bin/sh", "-c",       "\"$0\" ifaces; \"$0\" tcpself",
		             u->probe,  NULL };
	runner_run(u, &r, NULL, up);
	cr_assert_eq(r.code, 0, "%s", r.err);
	cr_expect_str_eq(r.out, "lo:up\ntcpself=ok\n");
	h_result_free(&r);
	const char *down[] = { "--net",   "none", "--",
		               "/bin/sh", "-c",   "\"$0\" ifaces; \"$0\" tcpself",
		               u->probe,  NULL };
	runner_run(u, &r, NULL, down);
	cr_assert_eq(r.code, 0, "%s", r.err);
	cr_expect_str_eq(r.out, "lo:down\ntcpself=ENETUNREACH\n");
	h_result_free(&r);
}

/* Every line of /proc/PID/cgroup ends in ":/". */
static bool all_root(const char *text)
{
	int lines = 0;
	for (const char *p = text; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (len < 2 || p[len - 1] != '/' || p[len - 2] != ':')
			return false;
		lines++;
		p += len + (nl ? 1 : 0);
	}
	return lines > 0;
}

Test(namespaces, cgroup_namespace_has_the_runs_cgroup_as_root)
{
	iso_require_root();
	const char *profile =
	        iso_profile("{ \"namespaces\": [\"pid\", \"mount\", \"cgroup\"], "
	                    "\"filesystem\": { \"read_only\": true }, \"cwd\": \"/\" }");
	/* inside: /proc/self/cgroup, then whether init is in the cgroup2 tree's
	 * root and whether that tree can be written */
	const char *args[] = { "--profile",
		               profile,
		               "--report",
		               iso_path("report.json"),
		               "--",
		               "/bin/sh",
		               "-c",
		               "cat /proc/self/cgroup; echo end; "
		               "grep -qx 1 /sys/fs/cgroup/cgroup.procs && echo init-in-root; "
		               "\"$0\" write /sys/fs/cgroup/cgroup.procs 0; read x || true",
		               probe_bin(),
		               NULL };
	struct child c;
	iso_spawn(&c, NULL, args);
	char inside[4096] = "";
	for (char *line; (line = h_readline(&c, 10)) && strcmp(line, "end") != 0; free(line))
		snprintf(inside + strlen(inside), sizeof(inside) - strlen(inside), "%s\n", line);
	char *init_in_root = h_readline(&c, 10), *ro = h_readline(&c, 10);
	/* outside, the command's cgroup is the run's */
	pid_t init = h_init_pid(c.pid, 5);
	pid_t cmd = init > 0 ? h_child_of(init) : 0;
	char path[64], outside[4096] = "";
	snprintf(path, sizeof(path), "/proc/%d/cgroup", (int)cmd);
	FILE *f = fopen(path, "r");
	if (f) {
		size_t n = fread(outside, 1, sizeof(outside) - 1, f);
		outside[n] = '\0';
		fclose(f);
	}
	struct result r;
	h_wait(&c, 10, &r);
	cr_assert_eq(r.code, 0, "%s", r.err);
	cr_expect(all_root(inside), "inside: %s", inside);
	cr_expect(h_contains(outside, "/launch/run-"), "outside: %s", outside);
	cr_expect_str_eq(init_in_root ? init_in_root : "EOF", "init-in-root");
	cr_expect_str_eq(ro ? ro : "EOF", "write=EROFS");
	free(init_in_root);
	free(ro);
	h_result_free(&r);
}

/* The test takes a mount namespace of its own, so that what it mounts
 * hurts no other test; in it, a shared mount (as systemd makes "/") that
 * would carry mounts both ways if launch did not make the sandbox's
 * private. */
Test(namespaces, mounts_propagate_neither_way)
{
	iso_require_root();
	if (unshare(CLONE_NEWNS) < 0)
		cr_skip_test("unshare(CLONE_NEWNS) in the test: %s", strerror(errno));
	cr_assert(mount(NULL, "/", NULL, MS_REC | MS_SLAVE, NULL) == 0);
	char shared[256], in[300], out[300];
	snprintf(shared, sizeof(shared), "%s", iso_dir("shared", 0755));
	cr_assert(mount(shared, shared, NULL, MS_BIND, NULL) == 0);
	cr_assert(mount(NULL, shared, NULL, MS_SHARED, NULL) == 0);
	snprintf(in, sizeof(in), "%s/in", shared);
	snprintf(out, sizeof(out), "%s/out", shared);
	cr_assert(mkdir(in, 0755) == 0 && mkdir(out, 0755) == 0);

	char script[1024];
	snprintf(script, sizeof(script),
	         "mount -t tmpfs sandbox %s && echo mounted; read x; "
	         "grep -c ' %s ' /proc/self/mountinfo || true",
	         out, in);
	const char *args[] = { "--", "/bin/sh", "-c", script, NULL };
	struct child c;
	iso_spawn(&c, NULL, args);
	char *mounted = h_readline(&c, 10);
	/* the sandbox's mount is there: the host must not have it */
	char *host_view = iso_mountinfo();
	char needle[320];
	snprintf(needle, sizeof(needle), " %s ", out);
	bool leaked_out = h_contains(host_view, needle);
	free(host_view);
	/* the host's later mount must not come in */
	int mounted_in = mount("host", in, "tmpfs", 0, NULL);
	cr_assert(write(c.in, "go\n", 3) == 3);
	struct result r;
	h_wait(&c, 10, &r);
	umount2(in, MNT_DETACH);
	umount2(out, MNT_DETACH);
	umount2(shared, MNT_DETACH);
	cr_assert_eq(mounted_in, 0, "mount tmpfs on %s: %s", in, strerror(errno));
	cr_assert_str_eq(mounted ? mounted : "EOF", "mounted", "%s", r.err);
	cr_expect_not(leaked_out, "the sandbox's tmpfs on %s reached the host", out);
	cr_expect_str_eq(r.out, "0\n", "the host's tmpfs on %s reached the sandbox", in);
	cr_expect_eq(r.code, 0, "%s", r.err);
	free(mounted);
	h_result_free(&r);
}

/* A run with every namespace and a view of its own: once it has ended, the
 * host has the same mounts as before, no process of the sandbox's PID
 * namespace, and nothing holds its namespaces. */
ISO_TEST_TWICE(namespaces, nothing_is_left_on_the_host_after_a_run)
{
	const char *profile = iso_profile(
	        "{ \"namespaces\": [\"pid\", \"mount\", \"ipc\", \"uts\", \"net\", \"cgroup\", "
	        "\"user\"], \"hostname\": \"box\", \"network\": \"loopback\", \"cwd\": \"/\", "
	        "\"filesystem\": { \"read_only\": true, \"dev\": \"minimal\", \"mounts\": ["
	        "{ \"type\": \"tmpfs\", \"target\": \"/tmp\", \"size\": \"1M\" },"
	        "{ \"type\": \"bind\", \"source\": \"/etc\", \"target\": \"/tmp/etc\" },"
	        "{ \"type\": \"proc\", \"target\": \"/tmp/proc\" } ] } }");
	char *before = iso_mountinfo();
	/* a leftover that init has to end */
	const char *args[] = { "--profile", profile, "--",
		               "/bin/sh",   "-c",    "sleep 30 & echo ready; read x || true",
		               NULL };
	struct child c;
	runner_spawn(u, &c, NULL, args);
	char *ready = h_readline(&c, 10);
	pid_t init = h_init_pid(c.pid, 5);
	struct ns_set ns;
	bool have_ns = init > 0 && iso_ns_of(init, &ns);
	/* the checks below see the sandbox while it runs */
	char why[256] = "";
	pid_t holder = have_ns ? iso_ns_holder(&ns, why, sizeof(why)) : 0;
	int members = have_ns ? h_pidns_members(ns.ino[4]) : 0;
	struct result r;
	h_wait(&c, 20, &r);
	char *after = iso_mountinfo();
	cr_assert_str_eq(ready ? ready : "EOF", "ready", "%s", r.err);
	cr_assert(have_ns, "could not read the namespaces of init (%d)", (int)init);
	cr_expect_eq(r.code, 0, "%s", r.err);
	cr_expect_eq(h_pidns_members(ns.ino[4]), 0, "processes of the run are left");
	cr_expect_gt(holder, 0, "the run's namespaces were not seen while it ran");
	cr_expect_geq(members, 3, "init, the shell and sleep: %d", members);
	cr_expect_str_eq(after, before, "the host's mounts changed");
	cr_expect_eq(iso_ns_holder(&ns, why, sizeof(why)), 0, "%s", why);
	free(ready);
	free(before);
	free(after);
	h_result_free(&r);
}
