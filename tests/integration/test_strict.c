/* The shipped strict profile against the attacks of issue 6, one test per
 * attack, each judged from outside the sandbox where the attack would leave
 * a trace there (a host process still alive and untraced, no file written
 * through a read-only mount, the command still in the run's cgroup and the
 * host's user namespace, no connection on a host listener, no descriptor
 * of the caller's), and by what tests/probe/escape.c saw where it would
 * not. Next to each: the option that loosens strict on that point, to show
 * both that the probe would have seen the attack work and which key of
 * the profile stops it.
 *
 * The kernel interfaces that leave no trace outside (keyrings, bpf, perf,
 * modules, kexec, reboot, swap, the clock, raw I/O) are checked layer by
 * layer: strict refuses each (EPERM); with a distinctive errno for the
 * profile's filter, each answer is that errno (the filter refused it, the
 * kernel never saw it); with the filter taken away, each privileged one
 * is still refused (no capabilities); and the embedded default, as root,
 * shows each attempt reaching the kernel. */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include "privs.h"

TestSuite(strict, .fini = h_cleanup, .timeout = 60);

static const struct pv_run strict = { .profile = "strict" };

#define MIB (1024.0 * 1024.0)

static void run_ok(struct result *r, const struct pv_run *how, const char *const args[])
{
	pv_run(r, how, args);
	cr_assert_eq(r->code, 0, "launch exited %d; stdout:\n%s\nstderr:\n%s", r->code, r->out,
	             r->err);
}

/* ---- host processes --------------------------------------------------------- */

/* A process of the host (the test's) is invisible: /proc has no entry of
 * its number, kill and ptrace find nothing. Judged outside: it is alive
 * and untraced. The embedded default, as root with every capability and
 * no seccomp filter, has the same PID namespace and the same result. */
Test(strict, host_processes_cannot_be_seen_signalled_or_traced)
{
	pv_require_root();
	struct child victim;
	const char *vargv[] = { probe_bin(), "sleep", "60", NULL };
	h_spawn(&victim, NULL, vargv);
	char pid[16];
	snprintf(pid, sizeof(pid), "%d", victim.pid);
	const char *args[] = { "see", pid, "kill", pid, "ptrace", pid, NULL };
	static const struct pv_run root_default = { .profile = NULL };
	const struct pv_run *runs[] = { &strict, &root_default };
	for (size_t i = 0; i < 2; i++) {
		struct result r;
		run_ok(&r, runs[i], args);
		pv_expect(r.out, "see", "ENOENT");
		pv_expect(r.out, "kill", "ESRCH");
		pv_expect_refused(r.out, "ptrace");
		cr_expect_eq(kill(victim.pid, 0), 0, "the host's process is gone");
		cr_expect_neq(h_proc_state(victim.pid), 'Z', "the host's process was killed");
		char *tracer = pv_status(victim.pid, "TracerPid");
		cr_expect_str_eq(tracer ? tracer : "?", "0", "the host's process was traced");
		free(tracer);
		h_result_free(&r);
	}
	kill(victim.pid, SIGKILL);
	struct result vr;
	h_wait(&victim, 10, &vr);
	h_result_free(&vr);
}

/* ---- ptrace ------------------------------------------------------------------- */

/* strict denies @debug: no PTRACE_ATTACH even to a child of its own, no
 * PTRACE_TRACEME, no perf_event_open. A profile that extends strict and
 * allows @debug (taking it out of deny) gets them back. */
Test(strict, ptrace_needs_debug)
{
	pv_require_root();
	const char *args[] = { "ptrace-child", "traceme", "perf", NULL };
	struct result r;
	run_ok(&r, &strict, args);
	pv_expect(r.out, "ptrace-child", "EPERM");
	pv_expect(r.out, "traceme", "EPERM");
	pv_expect(r.out, "perf", "EPERM");
	h_result_free(&r);

	struct pv_run debug = {
		.profile = pv_profile(
		        "{ \"extends\": \"strict\", \"seccomp\": {"
		        " \"allow\": [\"@system-service\", \"@debug\"],"
		        " \"deny\": [\"@privileged\", \"@mount\", \"@keyring\", \"@obsolete\"] } }"),
	};
	run_ok(&r, &debug, args);
	pv_expect(r.out, "ptrace-child", "ok");
	pv_expect(r.out, "traceme", "ok");
	/* perf_event_paranoid decides for an unprivileged user: past the
	 * filter, the answer is the kernel's, never the filter's EPERM */
	char *perf = pv_value(r.out, "perf");
	cr_expect(perf && strcmp(perf, "EPERM") != 0, "perf=%s", perf ? perf : "(missing)");
	free(perf);
	h_result_free(&r);
}

/* ---- mounts ------------------------------------------------------------------- */

/* The mount options (6th field) of the mount at target in a mountinfo
 * text, malloc'd; NULL if nothing is mounted there. The last such line:
 * the one on top. */
static char *mount_options(const char *mountinfo, const char *target)
{
	char *found = NULL;
	char *copy = strdup(mountinfo);
	for (char *line = strtok(copy, "\n"); line; line = strtok(NULL, "\n")) {
		char point[4096], options[1024];
		if (sscanf(line, "%*s %*s %*s %*s %4095s %1023s", point, options) == 2 &&
		    strcmp(point, target) == 0) {
			free(found);
			found = strdup(options);
		}
	}
	free(copy);
	return found;
}

/* strict: no mount (a tmpfs on /tmp), no remount of the read-only root or
 * of a read-only bind read-write, so no file appears in the host's
 * directory behind that bind. Judged outside: the command's mount table
 * (/proc/PID/mountinfo) has no new mount and the bind is still read-only;
 * the host's directory is empty. Loosened: root with CAP_SYS_ADMIN and
 * @mount allowed (what strict takes away) remounts and writes. */
Test(strict, mount_and_remount_change_nothing)
{
	pv_require_root();
	char target[4096];
	snprintf(target, sizeof(target), "%s", pv_path("ro"));
	cr_assert(mkdir(target, 0777) == 0 && chmod(target, 0777) == 0);
	char escaped[4200];
	snprintf(escaped, sizeof(escaped), "%s/escaped", target);
	const char *opts[] = { "--ro-bind", target, NULL };
	/* remount first: the tmpfs on /tmp would hide the target */
	const char *args[] = { "remount", target, "mount", NULL };

	struct pv_run how = strict;
	how.opts = opts;
	struct pv_held h;
	pv_hold(&h, &how, args);
	pv_expect(h.out, "mount", "EPERM");
	pv_expect(h.out, "remount", "EPERM");
	pv_expect(h.out, "write", "EROFS");
	char *mountinfo = pv_proc_file(h.pid, "mountinfo");
	cr_expect(!h_contains(mountinfo, "escape-mount"), "a tmpfs was mounted:\n%s", mountinfo);
	char *options = mount_options(mountinfo, target);
	cr_expect(options && strncmp(options, "ro", 2) == 0 && (options[2] == ',' || !options[2]),
	          "%s is mounted %s", target, options ? options : "(not at all)");
	char *root = mount_options(mountinfo, "/");
	cr_expect(root && strncmp(root, "ro", 2) == 0, "/ is mounted %s", root ? root : "?");
	free(root);
	free(options);
	free(mountinfo);
	struct result r;
	pv_release(&h, &r);
	cr_expect_eq(r.code, 0, "%s", r.err);
	cr_expect_eq(access(escaped, F_OK), -1, "the command wrote %s", escaped);
	h_result_free(&r);

	struct pv_run loose = {
		.profile = pv_profile(
		        "{ \"extends\": \"strict\", \"user\": { \"uid\": 0, \"gid\": 0 },"
		        " \"capabilities\": { \"keep\": [\"CAP_SYS_ADMIN\"] },"
		        " \"seccomp\": { \"allow\": [\"@system-service\", \"@mount\"],"
		        " \"deny\": [\"@privileged\", \"@debug\", \"@keyring\", \"@obsolete\"] } }"),
		.opts = opts,
	};
	run_ok(&r, &loose, args);
	pv_expect(r.out, "mount", "ok");
	pv_expect(r.out, "remount", "ok");
	pv_expect(r.out, "write", "ok");
	cr_expect_eq(access(escaped, F_OK), 0, "the loosened run could not write %s", escaped);
	h_result_free(&r);
}

/* ---- user namespaces ------------------------------------------------------------ */

/* strict (restrict_namespaces): no user namespace, by unshare, clone or
 * clone3, so none gives capabilities back. Judged outside: the command is
 * still in the host's user namespace. Loosened: restrict_namespaces false
 * lets nobody make one, and the command is then in another. */
Test(strict, no_user_namespace_gives_privileges_back)
{
	pv_require_root();
	/* Debian's switch for unprivileged user namespaces (off: the
	 * loosened run could not show anything) */
	FILE *f = fopen("/proc/sys/kernel/unprivileged_userns_clone", "r");
	int allowed = 1;
	if (f) {
		if (fscanf(f, "%d", &allowed) != 1)
			allowed = 1;
		fclose(f);
	}
	if (!allowed)
		cr_skip_test("kernel.unprivileged_userns_clone is 0: no user may make a user "
		             "namespace here, with or without launch");
	/* userns last: it moves escape itself into the new namespace */
	const char *args[] = { "clone-userns", "clone3-userns", "userns", NULL };
	char *host = pv_ns(getpid(), "user");
	cr_assert(host);

	struct pv_held h;
	pv_hold(&h, &strict, args);
	pv_expect(h.out, "clone-userns", "EPERM");
	pv_expect(h.out, "clone3-userns", "ENOSYS");
	pv_expect(h.out, "userns", "EPERM");
	char *ns = pv_ns(h.pid, "user");
	cr_expect_str_eq(ns ? ns : "?", host, "the command left the host's user namespace");
	free(ns);
	struct result r;
	pv_release(&h, &r);
	cr_expect_eq(r.code, 0, "%s", r.err);
	h_result_free(&r);

	struct pv_run loose = {
		.profile = pv_profile("{ \"extends\": \"strict\","
		                      " \"seccomp\": { \"restrict_namespaces\": false } }"),
	};
	pv_hold(&h, &loose, args);
	pv_expect(h.out, "clone-userns", "ok");
	pv_expect(h.out, "clone3-userns", "ok");
	pv_expect(h.out, "userns", "ok");
	ns = pv_ns(h.pid, "user");
	cr_expect(ns && strcmp(ns, host) != 0, "the loosened run is still in %s", host);
	free(ns);
	pv_release(&h, &r);
	h_result_free(&r);
	free(host);
}

/* ---- setuid programs -------------------------------------------------------------- */

/* A setuid-root copy of escape, run by strict's nobody: no_new_privs (and
 * the filter, which implies it) keep every id at 65534. Loosened (no
 * filter, no no_new_privs): the setuid bit works, euid 0, yet no
 * capability comes with it, since strict emptied the bounding set. */
Test(strict, setuid_root_program_gives_nothing)
{
	pv_require_root();
	struct statvfs vfs;
	cr_assert(statvfs(pv_dir(), &vfs) == 0);
	if (vfs.f_flag & ST_NOSUID)
		cr_skip_test("%s is on a nosuid mount: a setuid program cannot be made there",
		             pv_dir());
	const char *suid = pv_copy("suid", 04755);
	const char *args[] = { "ids", "caps", NULL };
	struct pv_run how = { .profile = "strict", .program = suid };
	struct result r;
	run_ok(&r, &how, args);
	pv_expect(r.out, "uid", "65534,65534,65534");
	pv_expect(r.out, "capprm", "0000000000000000");
	pv_expect(r.out, "capeff", "0000000000000000");
	pv_expect(r.out, "no_new_privs", "1");
	h_result_free(&r);

	how.profile = pv_profile("{ \"extends\": \"strict\", \"no_new_privs\": false,"
	                         " \"seccomp\": { \"default_action\": \"allow\", \"allow\": [],"
	                         " \"deny\": [], \"restrict_namespaces\": false } }");
	run_ok(&r, &how, args);
	pv_expect(r.out, "uid", "65534,0,0");
	pv_expect(r.out, "capprm", "0000000000000000");
	pv_expect(r.out, "capeff", "0000000000000000");
	pv_expect(r.out, "capbnd", "0000000000000000");
	pv_expect(r.out, "no_new_privs", "0");
	h_result_free(&r);
}

/* ---- kernel interfaces -------------------------------------------------------------- */

static const char *const interfaces[] = { "keyring", "bpf",  "perf",  "module", "kexec",
	                                  "reboot",  "swap", "clock", "rawio",  NULL };
/* the lines they print */
static const char *const calls[] = {
	"keyctl",          "add_key",      "bpf",           "perf",
	"init_module",     "finit_module", "delete_module", "kexec_load",
	"kexec_file_load", "reboot",       "swapon",        "swapoff",
	"clock_settime",   "settimeofday", "adjtimex",      "iopl",
	"ioperm",          NULL,
};
/* those that need a capability whatever the filter says */
static const char *const privileged[] = {
	"init_module", "finit_module", "delete_module", "kexec_load", "kexec_file_load", "reboot",
	"swapon",      "swapoff",      "settimeofday",  "iopl",       "ioperm",          NULL,
};

/* keyctl, add_key, bpf, perf_event_open, module loading, kexec, reboot,
 * swap, clock changes, raw I/O: each refused by strict, and by its filter
 * before the kernel sees it; still refused without the filter where a
 * capability is needed; and each reaching the kernel (an answer only the
 * kernel gives) in the embedded default as root. */
Test(strict, kernel_interfaces_are_refused)
{
	pv_require_root();
	struct result r;
	run_ok(&r, &strict, interfaces);
	for (size_t i = 0; calls[i]; i++)
		pv_expect(r.out, calls[i], "EPERM");
	pv_expect_refused(r.out, "devmem");
	h_result_free(&r);

	struct pv_run marked = {
		.profile = pv_profile("{ \"extends\": \"strict\","
		                      " \"seccomp\": { \"errno\": \"ENOTRECOVERABLE\" } }"),
	};
	run_ok(&r, &marked, interfaces);
	for (size_t i = 0; calls[i]; i++)
		pv_expect(r.out, calls[i], "ENOTRECOVERABLE");
	h_result_free(&r);
	/* mount and ptrace too: the filter refuses them before the missing
	 * capability or ownership would */
	const char *more[] = { "mount", "ptrace-child", "traceme", NULL };
	run_ok(&r, &marked, more);
	for (size_t i = 0; more[i]; i++)
		pv_expect(r.out, more[i], "ENOTRECOVERABLE");
	h_result_free(&r);

	struct pv_run unfiltered = {
		.profile = pv_profile("{ \"extends\": \"strict\", \"seccomp\": {"
		                      " \"default_action\": \"allow\", \"allow\": [], \"deny\": [],"
		                      " \"restrict_namespaces\": false } }"),
	};
	run_ok(&r, &unfiltered, interfaces);
	for (size_t i = 0; privileged[i]; i++)
		pv_expect_refused(r.out, privileged[i]);
	/* the clock's invalid time is refused by the kernel itself: the
	 * call got through, as it does for anyone */
	pv_expect(r.out, "clock_settime", "EINVAL");
	h_result_free(&r);

	/* what the probe sees when a call is not stopped: the answers only
	 * the kernel gives (ENOSYS where this kernel lacks the call) */
	static const struct pv_run root_default = { .profile = NULL };
	run_ok(&r, &root_default, interfaces);
	pv_expect(r.out, "keyctl", "ok");
	pv_expect(r.out, "add_key", "ok");
	pv_expect(r.out, "bpf", "ok");
	pv_expect(r.out, "reboot", "EINVAL");
	pv_expect(r.out, "swapon", "ENOENT");
	pv_expect(r.out, "clock_settime", "EINVAL");
	pv_expect(r.out, "settimeofday", "ok");
	pv_expect(r.out, "adjtimex", "ok");
	for (size_t i = 0; calls[i]; i++) {
		char *v = pv_value(r.out, calls[i]);
		cr_expect(v && strcmp(v, "EPERM") != 0, "%s=%s as root without a filter", calls[i],
		          v ? v : "(missing)");
		free(v);
	}
	h_result_free(&r);
}

/* /proc/kcore cannot be read (strict hides it behind an empty file) and
 * /proc/sysrq-trigger cannot be opened for writing (read-only /proc
 * entry, and nobody). Nothing is ever written to it. The control is
 * escape as root on the host's /proc. */
Test(strict, kcore_and_sysrq_trigger)
{
	pv_require_root();
	bool kcore = access("/proc/kcore", F_OK) == 0;
	bool sysrq = access("/proc/sysrq-trigger", F_OK) == 0;
	if (!kcore && !sysrq)
		cr_skip_test("this kernel has neither /proc/kcore nor /proc/sysrq-trigger "
		             "(CONFIG_PROC_KCORE, CONFIG_MAGIC_SYSRQ): nothing to attack");
	const char *args[] = { "kcore", "sysrq", NULL };
	struct result r;
	run_ok(&r, &strict, args);
	char *v = pv_value(r.out, "kcore");
	if (kcore)
		cr_expect(v && (strcmp(v, "read:0") == 0 || strncmp(v, "E", 1) == 0), "kcore=%s",
		          v ? v : "(missing)");
	free(v);
	if (sysrq)
		pv_expect_refused(r.out, "sysrq");
	h_result_free(&r);

	/* the same as root on the host's /proc, without launch (any view of
	 * launch's own, the embedded default's with a bind too, hides them):
	 * the probe would see it */
	const char *control[] = { pv_escape(), "kcore", "sysrq", NULL };
	h_run(&r, 10, control);
	v = pv_value(r.out, "kcore");
	if (kcore)
		cr_expect(v && strncmp(v, "read:", 5) == 0 && strcmp(v, "read:0") != 0,
		          "kcore=%s as root", v ? v : "(missing)");
	free(v);
	if (sysrq)
		pv_expect(r.out, "sysrq", "ok");
	h_result_free(&r);
	if (!kcore)
		cr_log_warn("no /proc/kcore on this kernel: only sysrq-trigger was tried");
	if (!sysrq)
		cr_log_warn("no /proc/sysrq-trigger on this kernel: only kcore was tried");
}

/* ---- cgroups and resources ------------------------------------------------------------ */

/* The command writes its pid into every cgroup.procs it can find (the
 * cgroup namespace shows it its own cgroup as the root, read-only) and
 * tries to mount cgroup hierarchies. Judged outside: it is still in
 * exactly the cgroups of init, the run's. */
Test(strict, cgroup_cannot_be_left)
{
	pv_require_root();
	const char *args[] = { "cgroup", NULL };
	struct pv_held h;
	pv_hold(&h, &strict, args);
	pv_expect_refused(h.out, "cgroup-procs");
	pv_expect(h.out, "cgroup-mount", "EPERM");
	pid_t init = h_init_pid(h.launch.pid, 5);
	char *mine = pv_proc_file(h.pid, "cgroup");
	char *runs = pv_proc_file(init, "cgroup");
	cr_expect_str_eq(mine, runs, "the command is elsewhere than init");
	cr_expect(h_contains(runs, "/launch/run-"), "init is not in a run's cgroup:\n%s", runs);
	free(mine);
	free(runs);
	struct result r;
	pv_release(&h, &r);
	cr_expect_eq(r.code, 0, "%s", r.err);
	h_result_free(&r);
}

/* Fork until it fails: strict's 64 processes at most (init counts), and
 * a lower --pids holds the same way. Judged outside: the cgroup's peak. */
Test(strict, fork_bomb_stops_at_the_pids_limit)
{
	pv_require_root();
	const char *args[] = { "forkbomb", NULL };
	struct {
		const char *const *opts;
		int limit;
	} cases[] = {
		{ NULL, 64 },
		{ (const char *const[]){ "--pids", "12", NULL }, 12 },
	};
	for (size_t i = 0; i < 2; i++) {
		struct pv_run how = strict;
		how.opts = cases[i].opts;
		struct result r;
		run_ok(&r, &how, args);
		char *v = pv_value(r.out, "forkbomb");
		int forked = -1;
		char err[32] = "";
		cr_expect(v && sscanf(v, "%d:%31s", &forked, err) == 2, "forkbomb=%s",
		          v ? v : "(missing)");
		free(v);
		cr_expect_str_eq(err, "EAGAIN");
		cr_expect_leq(forked, cases[i].limit - 2, "forked %d under a limit of %d", forked,
		              cases[i].limit);
		cr_expect_gt(forked, 0);
		cr_expect_leq(pv_report_number("/cgroup/pids/peak"), cases[i].limit);
		cr_expect_eq(pv_report_number("/cgroup/pids/limit"), cases[i].limit);
		h_result_free(&r);
	}
}

/* Allocate until the OOM killer comes: strict's memory limit (made small
 * here, 32 MiB, so that the run is quick) ends it, reported as "oom";
 * the cgroup never held more, swap included (strict sets swap 0). */
Test(strict, memory_is_bounded)
{
	pv_require_root();
	const char *opts[] = { "--memory", "32M", NULL };
	const char *args[] = { "oom", NULL };
	struct pv_run how = strict;
	how.opts = opts;
	struct result r;
	pv_run(&r, &how, args);
	cr_expect_eq(r.code, 137, "launch exited %d; %s%s", r.code, r.out, r.err);
	cr_expect(!h_contains(r.out, "oom="), "the allocation went on: %s", r.out);
	char *status = pv_report_get("/exit/status");
	cr_expect_str_eq(status ? status : "?", "oom");
	free(status);
	cr_expect_geq(pv_report_number("/cgroup/memory/oom_kills"), 1);
	cr_expect_leq(pv_report_number("/cgroup/memory/peak_bytes"), 32 * MIB);
	cr_expect_eq(pv_report_number("/cgroup/memory/limit_bytes"), 32 * MIB);
	h_result_free(&r);
}

/* ---- descriptors and the network ------------------------------------------------------- */

/* launch's caller leaks a descriptor of a secret file (not close-on-exec);
 * the command has only 0, 1 and 2 and cannot read that number. Judged
 * outside: /proc/PID/fd of the command. Loosened: --pass-fd hands it over
 * and the probe reads it. */
Test(strict, inherited_descriptors_are_closed)
{
	pv_require_root();
	const char *secret = pv_path("secret");
	int w = open(secret, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	cr_assert(w >= 0 && write(w, "secret", 6) == 6);
	close(w);
	int fd = open(secret, O_RDONLY | O_CLOEXEC);
	cr_assert(fd >= 0);
	int leaked = fcntl(fd, F_DUPFD_CLOEXEC, 77);
	cr_assert(leaked >= 0);
	close(fd);
	char num[16];
	snprintf(num, sizeof(num), "%d", leaked);
	const char *args[] = { "fds", "readfd", num, NULL };

	struct pv_run how = strict;
	how.keep_fds = &leaked;
	how.n_keep_fds = 1;
	struct pv_held h;
	pv_hold(&h, &how, args);
	pv_expect(h.out, "fds", "0,1,2");
	pv_expect(h.out, "readfd", "EBADF");
	char *fds = pv_fds(h.pid);
	cr_expect_str_eq(fds, "0,1,2", "the command's descriptors, seen from outside");
	free(fds);
	struct result r;
	pv_release(&h, &r);
	h_result_free(&r);

	const char *pass[] = { "--pass-fd", num, NULL };
	how.opts = pass;
	run_ok(&r, &how, args);
	pv_expect(r.out, "readfd", "read:6");
	h_result_free(&r);
	close(leaked);
}

/* A connection that reached the listener waits in its queue. */
static bool accepted(int s)
{
	int c = accept4(s, NULL, NULL, SOCK_CLOEXEC);
	if (c >= 0)
		close(c);
	return c >= 0;
}

static int listener(int *port)
{
	int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	cr_assert(s >= 0);
	struct sockaddr_in sa = { .sin_family = AF_INET,
		                  .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(sa);
	cr_assert(bind(s, (struct sockaddr *)&sa, len) == 0 && listen(s, 8) == 0);
	cr_assert(getsockname(s, (struct sockaddr *)&sa, &len) == 0);
	*port = ntohs(sa.sin_port);
	/* the host itself must reach it, or nothing can be shown */
	int c = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	cr_assert(c >= 0);
	if (connect(c, (struct sockaddr *)&sa, len) < 0)
		cr_skip_test("the host cannot reach its own 127.0.0.1 (%s): its loopback is down",
		             strerror(errno));
	close(c);
	cr_assert(accepted(s), "the host's own connection did not arrive");
	return s;
}

/* strict has no network: a connection to a listener on the host's
 * loopback fails. Judged by the listener: nothing arrived. Loosened:
 * --net host connects. */
Test(strict, host_network_is_unreachable)
{
	pv_require_root();
	int port;
	int s = listener(&port);
	char num[16];
	snprintf(num, sizeof(num), "%d", port);
	const char *args[] = { "connect", num, NULL };
	struct result r;
	run_ok(&r, &strict, args);
	pv_expect_refused(r.out, "connect");
	cr_expect_not(accepted(s), "the listener got a connection from strict");
	h_result_free(&r);

	const char *opts[] = { "--net", "host", NULL };
	struct pv_run how = strict;
	how.opts = opts;
	run_ok(&r, &how, args);
	pv_expect(r.out, "connect", "ok");
	cr_expect(accepted(s), "the listener got nothing from --net host");
	h_result_free(&r);
	close(s);
}
