/* cgfloor: the least a launcher can do to run a command in a cgroup with
 * limits, as the yardstick of launch's cgroup cost (make bench, "limits").
 *
 *   cgfloor [--memory BYTES[K|M|G|T]] [--cpus N] [--pids N] CMD [ARGS...]
 *
 * It makes the cgroup system calls launch makes for the same limits
 * (cgroup/cgroup.c, cgroup/plan.c; launcher/monitor.c: setup_cgroup,
 * spawn_init, place_init, collect_cgroup), in the same order, and the
 * floor's PID namespace and reaping init (floor.c), and nothing else:
 *
 * - the kind of host from statfs: cgroup2 on /sys/fs/cgroup is pure v2;
 *   cgroup2 on /sys/fs/cgroup/unified is hybrid. Anything else is refused.
 *   (launch reads /proc/self/mountinfo: it must find hierarchies mounted
 *   anywhere; the floor assumes the usual places.)
 * - the hierarchies: v2, the one tree; hybrid, the unified tree and the v1
 *   memory, pids and blkio hierarchies (launch's accounting), and cpu when
 *   --cpus is given.
 * - in each: mkdir of the parent PARENT (EEXIST is fine), on v2 a read of
 *   the parent's cgroup.subtree_control and a write of each controller
 *   missing from it (+memory +pids +cpu +io, cpu only for --cpus), mkdir of
 *   PARENT/run-PID, and an open of it (O_DIRECTORY).
 * - the limits, each an openat + write + close in the run's directory:
 *   v2 memory.max, cpu.max, pids.max; v1 memory.limit_in_bytes,
 *   cpu.cfs_period_us then cpu.cfs_quota_us, pids.max.
 * - clone3(CLONE_NEWPID | CLONE_INTO_CGROUP) into the unified directory.
 *   On hybrid hosts the child then waits on a socket (a SOCK_SEQPACKET
 *   pair, as launch's channel) until the parent has written its pid into
 *   cgroup.procs of each v1 hierarchy and sent one "go" byte.
 * - init forks, the grandchild execs CMD, init reaps until ECHILD.
 * - after it: each statistics file launch reads, once (openat, read to end
 *   of file, close): v2 cpu.stat, memory.peak, memory.events, pids.peak,
 *   io.stat; hybrid the unified cpu.stat, memory.max_usage_in_bytes,
 *   memory.oom_control, the v1 cpu.stat (with --cpus), pids.peak,
 *   blkio.throttle.io_service_bytes. The values are not looked at.
 * - rmdir of each run directory (retried on EBUSY as launch does), and of
 *   the parent where cgfloor made it (EBUSY: another run is in it).
 *
 * Not mirrored, on purpose, since it is what launch adds: the scan of the
 * parent for runs left by a killed monitor, the mount namespace and /proc,
 * the channel's other messages, signal relay, on v2 the read of the
 * subtree_control above a parent it made, the check of cgroup.events
 * before rmdir (when waitpid returns, init has reaped everything), second
 * reads of a file, the report. launch's parent
 * is "launch"; cgfloor's is "launch-bench-floor", so that neither ever
 * sees the other's runs. cgfloor writes only into directories it made and
 * into its parent's subtree_control (v2), and removes what it made on
 * every path but SIGKILL: SIGINT, SIGTERM, SIGHUP and SIGQUIT are blocked
 * while its cgroups exist and take effect once they are gone.
 *
 * Exit status: CMD's (128 + N for signal N), 125 when cgfloor failed. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <linux/magic.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef CLONE_INTO_CGROUP
#define CLONE_INTO_CGROUP 0x200000000ULL
#endif

#define CG_ROOT "/sys/fs/cgroup"
#define PARENT "launch-bench-floor"
#define MAX_DIRS 5
#define RMDIR_TRIES 10

struct dir {
	const char *mount; /* the hierarchy's mount point */
	char parent[256], run[256];
	bool made_parent, made_run;
	int fd;
};

static struct dir dirs[MAX_DIRS];
static size_t n_dirs;
static bool v2;
/* indexes in dirs of the v1 hierarchies (hybrid), -1 when not used */
static int memory = -1, pids = -1, cpu = -1, blkio = -1;

struct limits {
	bool has_memory, has_cpus, has_pids;
	unsigned long long memory, quota, period, pids;
};

static int fail(const char *what, int err)
{
	fprintf(stderr, "cgfloor: %s: %s\n", what, strerror(err));
	return -1;
}

static int exit_code(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return 125;
}

/* ---- the command line ---- */

/* A positive number, with a binary suffix when units is true. */
static bool parse_number(const char *text, bool units, unsigned long long *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(text, &end, 10);
	int shift = 0;
	if (errno || end == text || *text == '-' || (*end && !units))
		return false;
	if (*end) {
		const char *p = strchr("KMGT", *end & ~0x20);
		if (!p || end[1])
			return false;
		shift = 10 * (int)(p - "KMGT" + 1);
	}
	if (v == 0 || v > (~0ULL >> shift))
		return false;
	*out = v << shift;
	return true;
}

/* The quota as launch computes it (cg_cpu_quota): a 100 ms period, or 1 s
 * when the quota would fall below the kernel's minimum of 1 ms. */
static bool parse_cpus(const char *text, struct limits *l)
{
	char *end;
	double cpus = strtod(text, &end);
	if (end == text || *end || !(cpus >= 0.001 && cpus <= 1e6))
		return false;
	l->period = 100000;
	l->quota = (unsigned long long)(cpus * 100000);
	if (l->quota < 1000) {
		l->period = 1000000;
		l->quota = (unsigned long long)(cpus * 1000000);
	}
	return true;
}

static char **parse_options(int argc, char **argv, struct limits *l)
{
	static const struct option longopts[] = {
		{ "memory", required_argument, NULL, 'm' },
		{ "cpus", required_argument, NULL, 'c' },
		{ "pids", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	/* "+": the options end at CMD */
	while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		bool ok = false;
		if (c == 'm')
			ok = l->has_memory = parse_number(optarg, true, &l->memory);
		else if (c == 'c')
			ok = l->has_cpus = parse_cpus(optarg, l);
		else if (c == 'p')
			ok = l->has_pids = parse_number(optarg, false, &l->pids);
		if (!ok)
			break;
	}
	if (c != -1 || optind >= argc) {
		if (c != -1 && c != '?')
			fprintf(stderr, "cgfloor: bad value '%s'\n", optarg);
		fprintf(stderr, "usage: cgfloor [--memory BYTES[K|M|G|T]] [--cpus N] [--pids N] "
		                "CMD [ARGS...]\n");
		exit(125);
	}
	return argv + optind;
}

/* ---- cgroup files ---- */

static int write_file(int dirfd, const char *file, const char *value)
{
	int fd = openat(dirfd, file, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ssize_t n = write(fd, value, strlen(value));
	int err = n < 0 ? errno : 0;
	close(fd);
	return -err;
}

/* To the end of the file, as launch's cg_read: two reads for these. */
static int read_file(int dirfd, const char *file, char *buf, size_t size)
{
	int fd = openat(dirfd, file, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	size_t len = 0;
	ssize_t n;
	while (len + 1 < size && (n = read(fd, buf + len, size - 1 - len)) > 0)
		len += (size_t)n;
	buf[len] = '\0';
	close(fd);
	return 0;
}

static int write_u64(int i, const char *file, unsigned long long v)
{
	char value[32];
	snprintf(value, sizeof(value), "%llu", v);
	int r = write_file(dirs[i].fd, file, value);
	return r < 0 ? fail(file, -r) : 0;
}

/* ---- the hierarchies ---- */

static bool is_cgroup2(const char *path)
{
	struct statfs s;
	return statfs(path, &s) == 0 && s.f_type == CGROUP2_SUPER_MAGIC;
}

static int add_dir(const char *mount)
{
	struct dir *d = &dirs[n_dirs];
	d->mount = mount;
	d->fd = -1;
	return (int)n_dirs++;
}

/* In launch's order: the unified tree, then the v1 hierarchies by
 * controller (memory, pids, cpu, blkio). */
static int choose_dirs(const struct limits *l)
{
	if (is_cgroup2(CG_ROOT)) {
		v2 = true;
		add_dir(CG_ROOT);
		return 0;
	}
	if (!is_cgroup2(CG_ROOT "/unified")) {
		fprintf(stderr, "cgfloor: neither cgroup v2 on " CG_ROOT " nor a hybrid host "
		                "(cgroup2 on " CG_ROOT "/unified)\n");
		return -1;
	}
	add_dir(CG_ROOT "/unified");
	memory = add_dir(CG_ROOT "/memory");
	pids = add_dir(CG_ROOT "/pids");
	if (l->has_cpus)
		cpu = add_dir(CG_ROOT "/cpu");
	blkio = add_dir(CG_ROOT "/blkio");
	return 0;
}

/* Whether the blank-separated list holds the word. */
static bool has_word(const char *list, const char *word)
{
	size_t len = strlen(word);
	for (const char *p = strstr(list, word); p; p = strstr(p + 1, word))
		if ((p == list || p[-1] == ' ') && (p[len] == ' ' || p[len] == '\n' || !p[len]))
			return true;
	return false;
}

/* v2: the controllers launch enables in its parent, those missing only,
 * one write each, in launch's order. */
static int enable_controllers(struct dir *d, const struct limits *l)
{
	const char *wanted[] = { "memory", "pids", l->has_cpus ? "cpu" : NULL, "io" };
	char enabled[256] = "", add[16];
	int fd = open(d->parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return fail(d->parent, errno);
	read_file(fd, "cgroup.subtree_control", enabled, sizeof(enabled));
	for (size_t i = 0; i < sizeof(wanted) / sizeof(wanted[0]); i++) {
		if (!wanted[i] || has_word(enabled, wanted[i]))
			continue;
		snprintf(add, sizeof(add), "+%s", wanted[i]);
		int r = write_file(fd, "cgroup.subtree_control", add);
		if (r < 0) {
			close(fd);
			return fail("enable a controller in " PARENT "/cgroup.subtree_control", -r);
		}
	}
	close(fd);
	return 0;
}

static int make_dirs(const struct limits *l)
{
	pid_t self = getpid();
	for (size_t i = 0; i < n_dirs; i++) {
		struct dir *d = &dirs[i];
		snprintf(d->parent, sizeof(d->parent), "%s/" PARENT, d->mount);
		snprintf(d->run, sizeof(d->run), "%s/run-%d", d->parent, (int)self);
		if (mkdir(d->parent, 0755) == 0)
			d->made_parent = true;
		else if (errno != EEXIST)
			return fail(d->parent, errno);
		if (v2 && enable_controllers(d, l) < 0)
			return -1;
		/* EEXIST: not ours (a cgfloor killed by SIGKILL), left alone */
		if (mkdir(d->run, 0755) < 0)
			return fail(d->run, errno);
		d->made_run = true;
		d->fd = open(d->run, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (d->fd < 0)
			return fail(d->run, errno);
	}
	return 0;
}

/* In launch's order (cg_plan_v2, cg_plan_v1). */
static int write_limits(const struct limits *l)
{
	if (v2) {
		char value[64];
		int r = 0;
		if (l->has_memory && write_u64(0, "memory.max", l->memory) < 0)
			return -1;
		snprintf(value, sizeof(value), "%llu %llu", l->quota, l->period);
		if (l->has_cpus && (r = write_file(dirs[0].fd, "cpu.max", value)) < 0)
			return fail("cpu.max", -r);
		if (l->has_pids && write_u64(0, "pids.max", l->pids) < 0)
			return -1;
		return 0;
	}
	if (l->has_memory && write_u64(memory, "memory.limit_in_bytes", l->memory) < 0)
		return -1;
	/* the period first: the quota is checked against it */
	if (l->has_cpus && (write_u64(cpu, "cpu.cfs_period_us", l->period) < 0 ||
	                    write_u64(cpu, "cpu.cfs_quota_us", l->quota) < 0))
		return -1;
	if (l->has_pids && write_u64(pids, "pids.max", l->pids) < 0)
		return -1;
	return 0;
}

/* What launch reads after the run (cgroup_read_stats), each file once. */
static void read_stats(void)
{
	char buf[4096];
	read_file(dirs[0].fd, "cpu.stat", buf, sizeof(buf));
	if (v2) {
		static const char *const files[] = { "memory.peak", "memory.events", "pids.peak",
			                             "io.stat" };
		for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
			read_file(dirs[0].fd, files[i], buf, sizeof(buf));
		return;
	}
	read_file(dirs[memory].fd, "memory.max_usage_in_bytes", buf, sizeof(buf));
	read_file(dirs[memory].fd, "memory.oom_control", buf, sizeof(buf));
	if (cpu >= 0)
		read_file(dirs[cpu].fd, "cpu.stat", buf, sizeof(buf));
	read_file(dirs[pids].fd, "pids.peak", buf, sizeof(buf));
	read_file(dirs[blkio].fd, "blkio.throttle.io_service_bytes", buf, sizeof(buf));
}

/* rmdir, retried while the kernel still holds the cgroup busy, with a
 * doubling pause from 1 ms, as launch's remove_dir. */
static void remove_dir(const char *path)
{
	struct timespec pause = { 0, 1000000 };
	for (int i = 0; rmdir(path) < 0 && errno == EBUSY && i + 1 < RMDIR_TRIES; i++) {
		nanosleep(&pause, NULL);
		pause.tv_nsec *= 2;
	}
}

/* Everything cgfloor made, and nothing else. */
static void remove_dirs(void)
{
	for (size_t i = 0; i < n_dirs; i++) {
		struct dir *d = &dirs[i];
		if (d->fd >= 0)
			close(d->fd);
		if (d->made_run)
			remove_dir(d->run);
		/* EBUSY: another cgfloor's run is in it; the last one out removes it */
		if (d->made_parent)
			rmdir(d->parent);
	}
}

/* ---- the sandbox ---- */

/* PID 1 of the new namespace: waits for the go on hybrid hosts (a closed
 * socket means the parent gave up), then forks CMD and reaps until
 * ECHILD. */
static __attribute__((noreturn)) void init_main(char **argv, int gate, const sigset_t *caller_mask)
{
	char go;
	if (gate >= 0 && read(gate, &go, 1) != 1)
		_exit(125);
	pid_t command = fork();
	if (command < 0) {
		fprintf(stderr, "cgfloor: fork: %s\n", strerror(errno));
		_exit(125);
	}
	if (command == 0) {
		sigprocmask(SIG_SETMASK, caller_mask, NULL);
		execvp(argv[0], argv);
		fprintf(stderr, "cgfloor: exec %s: %s\n", argv[0], strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	int code = 125;
	for (;;) {
		int status;
		pid_t pid = wait(&status);
		if (pid == command)
			code = exit_code(status);
		else if (pid < 0 && errno != EINTR)
			break; /* ECHILD: nothing is left in the namespace */
	}
	_exit(code);
}

/* On hybrid hosts: init into every v1 hierarchy, then the go. */
static int place(pid_t pid, int gate)
{
	char value[32];
	snprintf(value, sizeof(value), "%d", (int)pid);
	for (size_t i = 1; i < n_dirs; i++) {
		int r = write_file(dirs[i].fd, "cgroup.procs", value);
		if (r < 0)
			return fail(dirs[i].run, -r);
	}
	if (write(gate, "g", 1) != 1)
		return fail("send the go", errno);
	return 0;
}

/* 0 when init ran (its status in *status), -1 when it could not. */
static int run(char **argv, const sigset_t *caller_mask, int *status)
{
	int gate[2] = { -1, -1 };
	if (!v2 && socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, gate) < 0)
		return fail("socketpair", errno);

	struct clone_args args;
	memset(&args, 0, sizeof(args));
	args.flags = CLONE_NEWPID | CLONE_INTO_CGROUP;
	args.exit_signal = SIGCHLD;
	args.cgroup = (uint64_t)dirs[0].fd;
	long pid = syscall(SYS_clone3, &args, sizeof(args));
	if (pid == 0) {
		/* the parent's end: init's read must see it close */
		if (gate[0] >= 0)
			close(gate[0]);
		init_main(argv, gate[1], caller_mask);
	}
	int err = errno;
	if (gate[1] >= 0)
		close(gate[1]);
	int r = pid < 0 ? fail("clone3(CLONE_NEWPID | CLONE_INTO_CGROUP)", err)
	        : v2    ? 0
	                : place((pid_t)pid, gate[0]);
	/* after a failed placement this closes the gate: init ends at once */
	if (gate[0] >= 0)
		close(gate[0]);
	if (pid < 0)
		return -1;
	while (waitpid((pid_t)pid, status, 0) < 0)
		if (errno != EINTR)
			return fail("waitpid", errno);
	return r;
}

int main(int argc, char **argv)
{
	struct limits l = { 0 };
	char **command = parse_options(argc, argv, &l);

	/* cleanup first, then these signals (if any came) take effect */
	sigset_t stop, caller_mask;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGHUP);
	sigaddset(&stop, SIGQUIT);
	sigprocmask(SIG_BLOCK, &stop, &caller_mask);

	int code = 125, status;
	if (choose_dirs(&l) == 0 && make_dirs(&l) == 0 && write_limits(&l) == 0 &&
	    run(command, &caller_mask, &status) == 0) {
		read_stats();
		code = exit_code(status);
	}
	remove_dirs();
	sigprocmask(SIG_SETMASK, &caller_mask, NULL);
	return code;
}
