/* bench: launch against the floor and the usual inits, interleaved in one
 * run, reported as medians and ratios. Timings are printed, never asserted.
 *
 *   bench --launch BIN --floor BIN --probe BIN [--rounds N] [--warmup N]
 *         [--samples N] [--pause-us N] [--seed N] [--only startup|relay]
 *         [--no-pin] [--markdown]
 *
 * Start-up: every command runs once per round, in an order shuffled anew
 * each round, so that drift (frequency, cache, other load) lands on all of
 * them alike. Each run is posix_spawn (no shell) to waitpid, on
 * CLOCK_MONOTONIC, with 0-2 on /dev/null.
 *
 * Relay: each wrapper runs "probe latency" (which sigwaits SIGUSR1 and
 * prints the CLOCK_MONOTONIC time it got it); the bench stamps the time,
 * sends SIGUSR1 to the wrapper's pid and reads the stamp back. All wrappers
 * run at once; each round signals them one at a time, in shuffled order, and
 * waits for the answer (so signals never coalesce). Before each signal the
 * wrapper must be asleep again, and a short spin separates the samples. See
 * README.md here. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdnoreturn.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TRUE_BIN "/bin/true"
#define MAX_ARGS 12
#define MAX_SUBJECTS 8
#define READY_TIMEOUT_MS 5000
#define ANSWER_TIMEOUT_MS 1000
#define STOP_TIMEOUT_MS 5000

extern char **environ;

struct options {
	const char *launch, *floor, *probe;
	long rounds, warmup, samples, pause_us;
	uint64_t seed;
	bool markdown, startup, relay, pin;
};

/* One command under test: a start-up command or a relay wrapper. */
struct subject {
	char label[96];
	char *argv[MAX_ARGS];
	char skip[192]; /* why it does not run; empty when it does */
	double *v;      /* samples: ms for start-up, us for relay */
	size_t n;
	long failures;  /* start-up: non-zero exits; relay: lost signals */
	/* relay only */
	pid_t pid;
	int fd; /* read end of the receiver's stdout */
	char buf[256];
	size_t len;
};

struct summary {
	double p10, median, p90;
};

static noreturn void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "bench: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	exit(1);
}

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/* A spin, not nanosleep: a sleep of a few us lasts the timer slack (50 us)
 * longer, and lets the bench's CPU go idle, whose wake-up would then be
 * part of what is measured. */
static void pause_us(long us)
{
	uint64_t end = now_ns() + (uint64_t)us * 1000;
	while (now_ns() < end)
		;
}

/* xorshift64*: a fixed seed gives the same orders on every run */
static uint64_t rng_state;

static uint64_t rng_next(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

static void shuffle(size_t *order, size_t n)
{
	for (size_t i = n; i > 1; i--) {
		size_t j = (size_t)(rng_next() % i);
		size_t t = order[i - 1];
		order[i - 1] = order[j];
		order[j] = t;
	}
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* linear interpolation between the closest ranks */
static double percentile(const double *sorted, size_t n, double p)
{
	double rank = p * (double)(n - 1);
	size_t lo = (size_t)rank;
	if (lo + 1 >= n)
		return sorted[n - 1];
	return sorted[lo] + (rank - (double)lo) * (sorted[lo + 1] - sorted[lo]);
}

static struct summary summarize(struct subject *s)
{
	struct summary sum = { 0 };
	if (s->n == 0)
		return sum;
	qsort(s->v, s->n, sizeof(double), cmp_double);
	sum.p10 = percentile(s->v, s->n, 0.10);
	sum.median = percentile(s->v, s->n, 0.50);
	sum.p90 = percentile(s->v, s->n, 0.90);
	return sum;
}

static bool find_in_path(const char *name, char *buf, size_t size)
{
	const char *path = getenv("PATH");
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (const char *p = path; *p;) {
		const char *end = strchrnul(p, ':');
		int n = snprintf(buf, size, "%.*s/%s", (int)(end - p), p, name);
		if (n > 0 && (size_t)n < size && access(buf, X_OK) == 0)
			return true;
		p = *end ? end + 1 : end;
	}
	return false;
}

static void set_argv(struct subject *s, const char *const argv[])
{
	size_t i;
	for (i = 0; argv[i] && i + 1 < MAX_ARGS; i++)
		s->argv[i] = (char *)argv[i];
	s->argv[i] = NULL;
	s->fd = -1;
}

/* A subject run by a tool from PATH; skipped, with the reason, when the
 * tool is not installed. argv[0] is the tool's name. */
static void set_tool_argv(struct subject *s, const char *package, const char *const argv[])
{
	char path[4096];
	set_argv(s, argv);
	if (!find_in_path(argv[0], path, sizeof(path))) {
		snprintf(s->skip, sizeof(s->skip), "%s not found in PATH (apt-get install %s)",
			 argv[0], package);
		return;
	}
	s->argv[0] = strdup(path);
	if (!s->argv[0])
		die("out of memory");
}

/* fd 0-2 of the child from in/out/err; everything the bench holds is
 * O_CLOEXEC, so the child gets nothing else (launch would close it anyway,
 * the other tools would not). */
static pid_t spawn(char *const argv[], int in, int out, int err)
{
	posix_spawn_file_actions_t fa;
	const int from[3] = { in, out, err };
	pid_t pid;

	posix_spawn_file_actions_init(&fa);
	for (int fd = 0; fd < 3; fd++)
		if (from[fd] != fd)
			posix_spawn_file_actions_adddup2(&fa, from[fd], fd);
	int r = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (r != 0) {
		errno = r;
		return -1;
	}
	return pid;
}

static int wait_status(pid_t pid)
{
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			die("waitpid: %s", strerror(errno));
	return status;
}

static void describe_status(int status, char *buf, size_t size)
{
	if (WIFEXITED(status))
		snprintf(buf, size, "exited with %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, size, "killed by %s", sigabbrev_np(WTERMSIG(status)) ?: "a signal");
	else
		snprintf(buf, size, "status 0x%x", status);
}

static void print_skips(struct subject *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i].skip[0])
			printf("skipped: %s: %s\n", s[i].label, s[i].skip);
}

/* ---- start-up ---- */

static size_t startup_subjects(const struct options *o, struct subject *s)
{
	size_t n = 0;

	snprintf(s[n].label, sizeof(s[n].label), "bare " TRUE_BIN);
	set_argv(&s[n++], (const char *[]){ TRUE_BIN, NULL });
	snprintf(s[n].label, sizeof(s[n].label), "floor " TRUE_BIN);
	set_argv(&s[n++], (const char *[]){ o->floor, TRUE_BIN, NULL });
	snprintf(s[n].label, sizeof(s[n].label), "launch -- " TRUE_BIN);
	set_argv(&s[n++], (const char *[]){ o->launch, "--", TRUE_BIN, NULL });
	/* tini needs -s (subreaper) when it is not PID 1 */
	snprintf(s[n].label, sizeof(s[n].label), "tini -s -- " TRUE_BIN);
	set_tool_argv(&s[n++], "tini", (const char *[]){ "tini", "-s", "--", TRUE_BIN, NULL });
	snprintf(s[n].label, sizeof(s[n].label), "dumb-init " TRUE_BIN);
	set_tool_argv(&s[n++], "dumb-init", (const char *[]){ "dumb-init", TRUE_BIN, NULL });
	snprintf(s[n].label, sizeof(s[n].label), "catatonit -- " TRUE_BIN);
	set_tool_argv(&s[n++], "catatonit",
		      (const char *[]){ "catatonit", "--", TRUE_BIN, NULL });
	snprintf(s[n].label, sizeof(s[n].label), "bwrap --unshare-pid " TRUE_BIN);
	set_tool_argv(&s[n++], "bubblewrap",
		      (const char *[]){ "bwrap", "--dev-bind", "/", "/", "--unshare-pid", "--",
					TRUE_BIN, NULL });
	return n;
}

/* One untimed run with stderr shown: a command that cannot run here (no
 * privileges for namespaces, say) is skipped with its own message above
 * the reason, not timed as a fast failure. */
static void startup_check(struct subject *s, int devnull)
{
	if (s->skip[0])
		return;
	pid_t pid = spawn(s->argv, devnull, devnull, STDERR_FILENO);
	if (pid < 0) {
		snprintf(s->skip, sizeof(s->skip), "spawn %s: %s", s->argv[0], strerror(errno));
		return;
	}
	int status = wait_status(pid);
	if (status != 0) {
		char what[64];
		describe_status(status, what, sizeof(what));
		snprintf(s->skip, sizeof(s->skip), "%s on a trial run", what);
	}
}

static void startup_run_one(struct subject *s, int devnull, bool keep)
{
	uint64_t start = now_ns();
	pid_t pid = spawn(s->argv, devnull, devnull, devnull);
	if (pid < 0)
		die("spawn %s: %s", s->argv[0], strerror(errno));
	int status = wait_status(pid);
	uint64_t end = now_ns();
	if (!keep)
		return;
	if (status != 0) {
		s->failures++;
		return;
	}
	s->v[s->n++] = (double)(end - start) / 1e6;
}

static const struct subject *find_label(const struct subject *s, size_t n, const char *prefix)
{
	for (size_t i = 0; i < n; i++)
		if (!s[i].skip[0] && s[i].n > 0 && !strncmp(s[i].label, prefix, strlen(prefix)))
			return &s[i];
	return NULL;
}

static void print_ratio(double x, double base, bool markdown)
{
	if (base > 0)
		printf(markdown ? " %.2f |" : " %9.2f", x / base);
	else
		printf(markdown ? " - |" : " %9s", "-");
}

static void startup_report(const struct options *o, struct subject *s, size_t n)
{
	struct summary sum[MAX_SUBJECTS];
	for (size_t i = 0; i < n; i++)
		sum[i] = summarize(&s[i]);
	const struct subject *floor = find_label(s, n, "floor");
	const struct subject *bare = find_label(s, n, "bare");
	double floor_med = floor ? sum[floor - s].median : 0;
	double bare_med = bare ? sum[bare - s].median : 0;

	printf("\n%-32s %9s %9s %9s %9s %9s %7s\n", "command", "median ms", "p10 ms", "p90 ms",
	       "x floor", "x bare", "failed");
	for (size_t i = 0; i < n; i++) {
		if (s[i].skip[0])
			continue;
		printf("%-32s %9.3f %9.3f %9.3f", s[i].label, sum[i].median, sum[i].p10,
		       sum[i].p90);
		print_ratio(sum[i].median, floor_med, false);
		print_ratio(sum[i].median, bare_med, false);
		printf(" %7ld\n", s[i].failures);
	}
	const struct subject *launch = find_label(s, n, "launch");
	if (launch && floor_med > 0) {
		double r = sum[launch - s].median / floor_med;
		printf("goal: launch within 25%% of the floor: %.2f x floor, %s\n", r,
		       r <= 1.25 ? "met" : "NOT met");
	}
	if (!o->markdown)
		return;
	printf("\n| command | median ms | p10 | p90 | ratio to floor | ratio to bare |\n");
	printf("| --- | ---: | ---: | ---: | ---: | ---: |\n");
	for (size_t i = 0; i < n; i++) {
		if (s[i].skip[0])
			continue;
		printf("| `%s` | %.2f | %.2f | %.2f |", s[i].label, sum[i].median, sum[i].p10,
		       sum[i].p90);
		print_ratio(sum[i].median, floor_med, true);
		print_ratio(sum[i].median, bare_med, true);
		printf("\n");
	}
}

static void bench_startup(const struct options *o, int devnull)
{
	struct subject s[MAX_SUBJECTS] = { 0 };
	size_t n = startup_subjects(o, s);
	size_t order[MAX_SUBJECTS], active = 0;

	for (size_t i = 0; i < n; i++) {
		startup_check(&s[i], devnull);
		if (s[i].skip[0])
			continue;
		s[i].v = calloc((size_t)o->rounds, sizeof(double));
		if (!s[i].v)
			die("out of memory");
		order[active++] = i;
	}
	printf("\n== start-up: %ld rounds (after %ld warm-up rounds, discarded), "
	       "%zu commands shuffled each round, spawn to waitpid ==\n",
	       o->rounds, o->warmup, active);
	print_skips(s, n);
	fflush(stdout);

	long total = o->warmup + o->rounds;
	for (long round = 0; round < total; round++) {
		shuffle(order, active);
		for (size_t k = 0; k < active; k++)
			startup_run_one(&s[order[k]], devnull, round >= o->warmup);
		if ((round + 1) % 100 == 0)
			fprintf(stderr, "bench: start-up round %ld/%ld\n", round + 1, total);
	}
	startup_report(o, s, n);
	for (size_t i = 0; i < n; i++)
		free(s[i].v);
}

/* ---- relay latency ---- */

static size_t relay_subjects(const struct options *o, struct subject *s)
{
	size_t n = 0;

	snprintf(s[n].label, sizeof(s[n].label), "direct (probe, no init)");
	set_argv(&s[n++], (const char *[]){ o->probe, "latency", NULL });
	snprintf(s[n].label, sizeof(s[n].label), "launch -- probe");
	set_argv(&s[n++], (const char *[]){ o->launch, "--", o->probe, "latency", NULL });
	/* dumb-init's default (setsid mode) signals the child's group */
	snprintf(s[n].label, sizeof(s[n].label), "dumb-init probe");
	set_tool_argv(&s[n++], "dumb-init",
		      (const char *[]){ "dumb-init", o->probe, "latency", NULL });
	/* -g: to the child's group, as launch and dumb-init do */
	snprintf(s[n].label, sizeof(s[n].label), "tini -s -g -- probe");
	set_tool_argv(&s[n++], "tini",
		      (const char *[]){ "tini", "-s", "-g", "--", o->probe, "latency", NULL });
	return n;
}

/* One line from the receiver into line (without the newline): 1, or 0 when
 * none came within timeout_ms, or -1 at end of file. */
static int read_line(struct subject *s, char *line, size_t size, int timeout_ms)
{
	uint64_t deadline = now_ns() + (uint64_t)timeout_ms * 1000000ULL;
	for (;;) {
		char *nl = memchr(s->buf, '\n', s->len);
		if (nl) {
			size_t len = (size_t)(nl - s->buf);
			snprintf(line, size, "%.*s", (int)len, s->buf);
			s->len -= len + 1;
			memmove(s->buf, nl + 1, s->len);
			return 1;
		}
		if (s->len == sizeof(s->buf))
			s->len = 0; /* no line is this long: drop the garbage */
		uint64_t now = now_ns();
		if (now >= deadline)
			return 0;
		struct pollfd pfd = { .fd = s->fd, .events = POLLIN };
		int r = poll(&pfd, 1, (int)((deadline - now + 999999) / 1000000));
		if (r < 0 && errno != EINTR)
			die("poll: %s", strerror(errno));
		if (r <= 0)
			continue;
		ssize_t got = read(s->fd, s->buf + s->len, sizeof(s->buf) - s->len);
		if (got < 0 && errno != EINTR && errno != EAGAIN)
			die("read: %s", strerror(errno));
		if (got == 0)
			return -1;
		if (got > 0)
			s->len += (size_t)got;
	}
}

/* Until pid sleeps (state S: back in its poll or sigwait), at most 100 ms:
 * a signal that finds the wrapper still busy with the last one would skip
 * the wake-up and look faster than it is. */
static void wait_asleep(pid_t pid)
{
	char path[64], buf[512];
	uint64_t deadline = now_ns() + 100000000ULL;
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	while (now_ns() < deadline) {
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return;
		ssize_t n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		buf[n > 0 ? n : 0] = '\0';
		/* the state follows the command name, which may hold ") " */
		char *p = strrchr(buf, ')');
		if (!p || p[1] != ' ' || p[2] == 'S')
			return;
		pause_us(1);
	}
}

/* Ends a wrapper: SIGTERM, relayed to the receiver, which exits 0 and so
 * does the wrapper; SIGKILL if that takes too long. The exit status, when
 * it is not 0, is worth a note: the wrapper did not relay SIGTERM. */
static void relay_stop(struct subject *s)
{
	if (s->pid <= 0)
		return;
	int pidfd = pidfd_open(s->pid, 0);
	kill(s->pid, SIGTERM);
	struct pollfd pfd = { .fd = pidfd, .events = POLLIN };
	if (pidfd < 0 || poll(&pfd, 1, STOP_TIMEOUT_MS) != 1) {
		printf("note: %s: no exit %d ms after SIGTERM, killed\n", s->label,
		       STOP_TIMEOUT_MS);
		kill(s->pid, SIGKILL);
	}
	if (pidfd >= 0)
		close(pidfd);
	int status = wait_status(s->pid);
	if (status != 0) {
		char what[64];
		describe_status(status, what, sizeof(what));
		printf("note: %s: %s after SIGTERM\n", s->label, what);
	}
	s->pid = 0;
	close(s->fd);
	s->fd = -1;
}

/* Starts the wrapper and waits for the receiver's "ready": from then on,
 * SIGUSR1 is blocked in the receiver and cannot kill it. */
static void relay_start(struct subject *s, int devnull)
{
	int p[2];
	char line[64];

	if (s->skip[0])
		return;
	if (pipe2(p, O_CLOEXEC) < 0)
		die("pipe: %s", strerror(errno));
	s->pid = spawn(s->argv, devnull, p[1], STDERR_FILENO);
	close(p[1]);
	s->fd = p[0];
	if (s->pid < 0) {
		snprintf(s->skip, sizeof(s->skip), "spawn %s: %s", s->argv[0], strerror(errno));
		s->pid = 0;
		close(s->fd);
		return;
	}
	int r = read_line(s, line, sizeof(line), READY_TIMEOUT_MS);
	if (r == 1 && !strcmp(line, "ready"))
		return;
	if (r >= 0) /* not at end of file: it may still run */
		kill(s->pid, SIGKILL);
	char what[64];
	describe_status(wait_status(s->pid), what, sizeof(what));
	snprintf(s->skip, sizeof(s->skip), "receiver not ready (%s)", what);
	s->pid = 0;
	close(s->fd);
}

static void relay_sample(struct subject *s, bool keep)
{
	char line[64];
	wait_asleep(s->pid);
	uint64_t sent = now_ns();
	if (kill(s->pid, SIGUSR1) < 0)
		die("kill %s: %s", s->label, strerror(errno));
	int r = read_line(s, line, sizeof(line), ANSWER_TIMEOUT_MS);
	if (r < 0) {
		snprintf(s->skip, sizeof(s->skip), "receiver ended after %zu samples", s->n);
		return;
	}
	if (!keep)
		return;
	if (r == 0) {
		s->failures++;
		return;
	}
	long long got = strtoll(line, NULL, 10);
	if (got < (long long)sent) {
		s->failures++; /* a late answer to an earlier, lost signal */
		return;
	}
	s->v[s->n++] = (double)((uint64_t)got - sent) / 1e3;
}

static void relay_report(const struct options *o, struct subject *s, size_t n)
{
	struct summary sum[MAX_SUBJECTS];
	for (size_t i = 0; i < n; i++)
		sum[i] = summarize(&s[i]);
	const struct subject *di = find_label(s, n, "dumb-init");
	const struct subject *direct = find_label(s, n, "direct");
	double di_med = di ? sum[di - s].median : 0;
	double direct_med = direct ? sum[direct - s].median : 0;

	printf("\n%-32s %9s %9s %9s %9s %9s %7s\n", "signal path", "median us", "p10 us",
	       "p90 us", "x dumb-in", "x direct", "lost");
	for (size_t i = 0; i < n; i++) {
		if (!s[i].v)
			continue;
		printf("%-32s %9.1f %9.1f %9.1f", s[i].label, sum[i].median, sum[i].p10,
		       sum[i].p90);
		print_ratio(sum[i].median, di_med, false);
		print_ratio(sum[i].median, direct_med, false);
		printf(" %7ld\n", s[i].failures);
	}
	const struct subject *launch = find_label(s, n, "launch");
	if (launch && di_med > 0)
		printf("goal: launch's relay no slower than dumb-init's: %.1f us vs %.1f us, %s\n",
		       sum[launch - s].median, di_med,
		       sum[launch - s].median <= di_med ? "met" : "NOT met");
	if (!o->markdown)
		return;
	printf("\n| signal path | median µs | p10 | p90 | ratio to dumb-init | lost |\n");
	printf("| --- | ---: | ---: | ---: | ---: | ---: |\n");
	for (size_t i = 0; i < n; i++) {
		if (!s[i].v)
			continue;
		printf("| `%s` | %.1f | %.1f | %.1f |", s[i].label, sum[i].median, sum[i].p10,
		       sum[i].p90);
		print_ratio(sum[i].median, di_med, true);
		printf(" %ld |\n", s[i].failures);
	}
}

/* The relay's figures depend on where the scheduler puts each wrapper: one
 * sharing the bench's CPU must preempt it, one on an idle CPU must wake
 * that CPU, and where each lands stays put for the whole run. So the
 * wrappers, their inits and receivers (which inherit the mask) get one CPU
 * and the bench another: every path then pays the same cross-CPU wake-up
 * to the wrapper and the same same-CPU hop to the receiver. Returns false,
 * unpinned, when fewer than two CPUs are allowed. */
static bool pin_split(cpu_set_t *bench, cpu_set_t *wrappers)
{
	cpu_set_t allowed;
	int cpu[2], n = 0;
	if (sched_getaffinity(0, sizeof(allowed), &allowed) < 0)
		return false;
	for (int c = 0; c < CPU_SETSIZE && n < 2; c++)
		if (CPU_ISSET(c, &allowed))
			cpu[n++] = c;
	if (n < 2)
		return false;
	CPU_ZERO(bench);
	CPU_SET(cpu[0], bench);
	CPU_ZERO(wrappers);
	CPU_SET(cpu[1], wrappers);
	return true;
}

static int sched_first(const cpu_set_t *set)
{
	for (int c = 0; c < CPU_SETSIZE; c++)
		if (CPU_ISSET(c, set))
			return c;
	return -1;
}

static void set_affinity(const cpu_set_t *set)
{
	if (sched_setaffinity(0, sizeof(*set), set) < 0)
		die("sched_setaffinity: %s", strerror(errno));
}

static void bench_relay(const struct options *o, int devnull)
{
	struct subject s[MAX_SUBJECTS] = { 0 };
	size_t n = relay_subjects(o, s);
	size_t order[MAX_SUBJECTS], active = 0;
	cpu_set_t saved, bench_cpu, wrapper_cpu;
	bool pinned = o->pin && sched_getaffinity(0, sizeof(saved), &saved) == 0 &&
		      pin_split(&bench_cpu, &wrapper_cpu);

	if (pinned)
		set_affinity(&wrapper_cpu); /* inherited by what is spawned now */
	for (size_t i = 0; i < n; i++) {
		relay_start(&s[i], devnull);
		if (s[i].skip[0])
			continue;
		s[i].v = calloc((size_t)o->samples, sizeof(double));
		if (!s[i].v)
			die("out of memory");
		order[active++] = i;
	}
	if (pinned)
		set_affinity(&bench_cpu);
	printf("\n== relay latency: %ld samples per signal path (after %ld warm-up, "
	       "discarded), SIGUSR1 to the wrapper's pid until the receiver's sigwaitinfo "
	       "returns, %ld us pause, paths shuffled each round ==\n",
	       o->samples, o->warmup, o->pause_us);
	if (pinned)
		printf("pinned: the bench on CPU %d, wrappers and receivers on CPU %d\n",
		       sched_first(&bench_cpu), sched_first(&wrapper_cpu));
	else
		printf("not pinned%s\n", o->pin ? " (fewer than two CPUs allowed)" : " (--no-pin)");
	print_skips(s, n);
	fflush(stdout);

	long total = o->warmup + o->samples;
	for (long round = 0; round < total; round++) {
		shuffle(order, active);
		for (size_t k = 0; k < active; k++) {
			struct subject *x = &s[order[k]];
			if (x->skip[0])
				continue;
			relay_sample(x, round >= o->warmup);
			pause_us(o->pause_us);
		}
		if ((round + 1) % 500 == 0)
			fprintf(stderr, "bench: relay round %ld/%ld\n", round + 1, total);
	}
	for (size_t i = 0; i < n; i++)
		if (s[i].skip[0] && s[i].v) /* ended half-way: say so */
			printf("note: %s: %s\n", s[i].label, s[i].skip);
	for (size_t i = 0; i < n; i++)
		relay_stop(&s[i]);
	if (pinned)
		set_affinity(&saved);
	relay_report(o, s, n);
	for (size_t i = 0; i < n; i++)
		free(s[i].v);
}

/* ---- the machine ---- */

static void first_line(char *const argv[], int devnull, char *buf, size_t size)
{
	int p[2];
	snprintf(buf, size, "?");
	if (pipe2(p, O_CLOEXEC) < 0)
		return;
	pid_t pid = spawn(argv, devnull, p[1], p[1]);
	close(p[1]);
	if (pid > 0) {
		ssize_t got = read(p[0], buf, size - 1);
		buf[got > 0 ? got : 0] = '\0';
		buf[strcspn(buf, "\n")] = '\0';
		wait_status(pid);
	}
	close(p[0]);
}

static void print_machine(const struct options *o, int devnull)
{
	struct utsname u;
	char cpu[256] = "?", line[512];
	FILE *f = fopen("/proc/cpuinfo", "re");
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "model name : %255[^\n]", cpu) == 1)
			break;
	if (f)
		fclose(f);
	uname(&u);
	printf("machine: %ld CPUs online (%s), %s %s %s\n", sysconf(_SC_NPROCESSORS_ONLN), cpu,
	       u.sysname, u.release, u.machine);

	char version[128], path[4096];
	first_line((char *[]){ (char *)o->launch, "--version", NULL }, devnull, version,
		   sizeof(version));
	printf("versions: %s", version);
	const char *tools[] = { "tini", "dumb-init", "catatonit", "bwrap" };
	for (size_t i = 0; i < sizeof(tools) / sizeof(tools[0]); i++) {
		if (!find_in_path(tools[i], path, sizeof(path)))
			continue;
		first_line((char *[]){ path, "--version", NULL }, devnull, version,
			   sizeof(version));
		printf("; %s", version);
	}
	printf("\nseed: %" PRIu64 "\n", o->seed);
}

/* ---- command line ---- */

static long parse_count(const char *opt, const char *arg, long min)
{
	char *end;
	errno = 0;
	long v = strtol(arg, &end, 10);
	if (errno || end == arg || *end || v < min)
		die("%s: bad value '%s' (an integer >= %ld)", opt, arg, min);
	return v;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: bench --launch BIN --floor BIN --probe BIN [--rounds N] [--warmup N]\n"
		   "             [--samples N] [--pause-us N] [--seed N] [--only startup|relay]\n"
		   "             [--no-pin] [--markdown]\n");
}

static void parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "launch", required_argument, NULL, 'l' },
		{ "floor", required_argument, NULL, 'f' },
		{ "probe", required_argument, NULL, 'p' },
		{ "rounds", required_argument, NULL, 'r' },
		{ "warmup", required_argument, NULL, 'w' },
		{ "samples", required_argument, NULL, 'n' },
		{ "pause-us", required_argument, NULL, 'u' },
		{ "seed", required_argument, NULL, 's' },
		{ "only", required_argument, NULL, 'o' },
		{ "markdown", no_argument, NULL, 'm' },
		{ "no-pin", no_argument, NULL, 'P' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'l':
			o->launch = optarg;
			break;
		case 'f':
			o->floor = optarg;
			break;
		case 'p':
			o->probe = optarg;
			break;
		case 'r':
			o->rounds = parse_count("--rounds", optarg, 1);
			break;
		case 'w':
			o->warmup = parse_count("--warmup", optarg, 0);
			break;
		case 'n':
			o->samples = parse_count("--samples", optarg, 1);
			break;
		case 'u':
			o->pause_us = parse_count("--pause-us", optarg, 0);
			break;
		case 's':
			o->seed = (uint64_t)parse_count("--seed", optarg, 1);
			break;
		case 'm':
			o->markdown = true;
			break;
		case 'P':
			o->pin = false;
			break;
		case 'o':
			o->startup = !strcmp(optarg, "startup");
			o->relay = !strcmp(optarg, "relay");
			if (!o->startup && !o->relay)
				die("--only: bad value '%s' (startup or relay)", optarg);
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			exit(2);
		}
	}
	if (optind < argc || !o->launch || !o->floor || !o->probe) {
		usage(stderr);
		exit(2);
	}
}

int main(int argc, char **argv)
{
	struct options o = {
		.rounds = 1000,
		.warmup = 20,
		.samples = 2000,
		.pause_us = 50,
		.seed = 1,
		.startup = true,
		.relay = true,
		.pin = true,
	};
	parse_options(argc, argv, &o);
	rng_state = o.seed;
	setvbuf(stdout, NULL, _IOLBF, 0);

	int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (devnull < 0)
		die("/dev/null: %s", strerror(errno));
	print_machine(&o, devnull);
	if (o.startup)
		bench_startup(&o, devnull);
	if (o.relay)
		bench_relay(&o, devnull);
	close(devnull);
	return 0;
}
