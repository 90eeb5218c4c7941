/* Relay latency: kill(wrapper) to the receiver's sigwaitinfo, one signal
 * at a time, the wrappers pinned apart from the bench. */
#include "common.h"

#include <errno.h>
#include <poll.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/wait.h>

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

	printf("\n%-32s %9s %9s %9s %9s %9s %7s\n", "signal path", "median us", "p10 us", "p90 us",
	       "x dumb-in", "x direct", "lost");
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

void bench_relay(const struct options *o, int devnull)
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
