#include "common.h"

#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

noreturn void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "bench: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	exit(1);
}

uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/* A spin, not nanosleep: a sleep of a few us lasts the timer slack (50 us)
 * longer, and lets the bench's CPU go idle, whose wake-up would then be
 * part of what is measured. */
void pause_us(long us)
{
	uint64_t end = now_ns() + (uint64_t)us * 1000;
	while (now_ns() < end)
		;
}

/* xorshift64*: a fixed seed gives the same orders on every run */
static uint64_t rng_state;

void rng_seed(uint64_t seed)
{
	rng_state = seed;
}

uint64_t rng_next(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

void shuffle(size_t *order, size_t n)
{
	for (size_t i = n; i > 1; i--) {
		size_t j = (size_t)(rng_next() % i);
		size_t t = order[i - 1];
		order[i - 1] = order[j];
		order[j] = t;
	}
}

int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* linear interpolation between the closest ranks */
double percentile(const double *sorted, size_t n, double p)
{
	double rank = p * (double)(n - 1);
	size_t lo = (size_t)rank;
	if (lo + 1 >= n)
		return sorted[n - 1];
	return sorted[lo] + (rank - (double)lo) * (sorted[lo + 1] - sorted[lo]);
}

struct summary summarize_values(double *v, size_t n)
{
	struct summary sum = { 0 };
	if (n == 0)
		return sum;
	qsort(v, n, sizeof(double), cmp_double);
	sum.p10 = percentile(v, n, 0.10);
	sum.median = percentile(v, n, 0.50);
	sum.p90 = percentile(v, n, 0.90);
	return sum;
}

struct summary summarize(struct subject *s)
{
	return summarize_values(s->v, s->n);
}

bool find_in_path(const char *name, char *buf, size_t size)
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

void set_argv(struct subject *s, const char *const argv[])
{
	size_t i;
	for (i = 0; argv[i] && i + 1 < MAX_ARGS; i++)
		s->argv[i] = (char *)argv[i];
	s->argv[i] = NULL;
	s->fd = -1;
}

/* A subject run by a tool from PATH; skipped, with the reason, when the
 * tool is not installed. argv[0] is the tool's name. */
void set_tool_argv(struct subject *s, const char *package, const char *const argv[])
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
pid_t spawn(char *const argv[], int in, int out, int err)
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

int wait_status(pid_t pid)
{
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			die("waitpid: %s", strerror(errno));
	return status;
}

void describe_status(int status, char *buf, size_t size)
{
	if (WIFEXITED(status))
		snprintf(buf, size, "exited with %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, size, "killed by %s", sigabbrev_np(WTERMSIG(status)) ?: "a signal");
	else
		snprintf(buf, size, "status 0x%x", status);
}

void print_skips(struct subject *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i].skip[0])
			printf("skipped: %s: %s\n", s[i].label, s[i].skip);
}

const struct subject *find_label(const struct subject *s, size_t n, const char *prefix)
{
	for (size_t i = 0; i < n; i++)
		if (!s[i].skip[0] && s[i].n > 0 && !strncmp(s[i].label, prefix, strlen(prefix)))
			return &s[i];
	return NULL;
}

void print_ratio(double x, double base, bool markdown)
{
	if (base > 0)
		printf(markdown ? " %.2f |" : " %9.2f", x / base);
	else
		printf(markdown ? " - |" : " %9s", "-");
}

/* What a benchmark holds (cgroup parents, a temporary directory) must go
 * even when the bench is stopped: SIGINT, SIGTERM and SIGHUP end the
 * rounds, the benchmark lets go of it, then the bench ends by the same
 * signal. */
volatile sig_atomic_t stop_signal;

static void on_stop(int sig)
{
	stop_signal = sig;
}

void catch_stop(void)
{
	struct sigaction sa = { .sa_handler = on_stop };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

void stop_if_asked(void)
{
	if (!stop_signal)
		return;
	signal(stop_signal, SIG_DFL);
	raise(stop_signal);
}

/* One untimed run with stderr shown: a command that cannot run here (no
 * privileges for namespaces, say) is skipped with its own message above
 * the reason, not timed as a fast failure. */
void check_run(struct subject *s, int devnull)
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

void time_run(struct subject *s, int devnull, bool keep)
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

size_t prepare_subjects(struct subject *s, size_t n, long rounds, int devnull, size_t *order)
{
	size_t active = 0;
	for (size_t i = 0; i < n; i++) {
		check_run(&s[i], devnull);
		if (s[i].skip[0])
			continue;
		s[i].v = calloc((size_t)rounds, sizeof(double));
		if (!s[i].v)
			die("out of memory");
		order[active++] = i;
	}
	return active;
}
