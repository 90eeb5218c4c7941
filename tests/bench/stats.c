/* Statistics: what one sample of live statistics (--stats-interval,
 * --stats-file: a line of JSON read from the cgroup's files) costs launch.
 * Each round runs "sleep 1" four times, in a shuffled order, every run
 * with an accounting cgroup (--summary makes one, as --stats-file does), so
 * that the runs differ in the sampling alone: without statistics, with an
 * interval longer than the run (statistics on, and only the last line, at
 * the end), with a line every 100 ms and with one every 10 ms.
 *
 * Measured per run: the CPU time, user + system, of launch and of
 * everything it reaped (wait4's rusage: its init, which reaped sleep; both
 * use next to nothing, and the same in every run), the lines the run wrote
 * and, for context, the wall time. Wall time would mostly show the second
 * of sleep and the machine's other load; CPU time is what leaving the
 * statistics on costs. */
#include "common.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define SLEEP_BIN "/bin/sleep"
#define SLEEP_SECONDS "1"
#define LABEL_WIDTH 70

enum {
	NONE,
	AT_THE_END,
	EVERY_100MS,
	EVERY_10MS,
	N_SUBJECTS
};

static const char *const interval[N_SUBJECTS] = { NULL, "1h", "100ms", "10ms" };

/* What a run gives besides its CPU time (subject.v), at the same index. */
struct run_extras {
	double *wall_ms;
	double *lines;
};

/* The --stats-file of each subject (empty: none) in a temporary directory;
 * all are removed at the end, and at exit (die) when the bench fails. */
static char temp_dir[64];
static char stats_file[N_SUBJECTS][128];

static void remove_temp(void)
{
	for (size_t i = 0; i < N_SUBJECTS; i++)
		if (stats_file[i][0] && unlink(stats_file[i]) < 0 && errno != ENOENT)
			fprintf(stderr, "bench: unlink %s: %s\n", stats_file[i], strerror(errno));
	if (temp_dir[0] && rmdir(temp_dir) < 0)
		fprintf(stderr, "bench: rmdir %s: %s\n", temp_dir, strerror(errno));
	temp_dir[0] = '\0';
}

static void make_temp(void)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(temp_dir, sizeof(temp_dir), "%s/launch-bench-stats.XXXXXX",
	         tmp && *tmp && strlen(tmp) < 32 ? tmp : "/tmp");
	if (!mkdtemp(temp_dir)) {
		int err = errno;
		temp_dir[0] = '\0';
		die("mkdtemp: %s", strerror(err));
	}
	atexit(remove_temp);
}

static size_t stats_subjects(const struct options *o, struct subject *s)
{
	for (size_t i = 0; i < N_SUBJECTS; i++) {
		if (!interval[i]) {
			snprintf(s[i].label, sizeof(s[i].label),
			         "launch --summary -- " SLEEP_BIN " " SLEEP_SECONDS);
			set_argv(&s[i], (const char *[]){ o->launch, "--summary", "--", SLEEP_BIN,
			                                  SLEEP_SECONDS, NULL });
			continue;
		}
		snprintf(stats_file[i], sizeof(stats_file[i]), "%s/%s.jsonl", temp_dir,
		         interval[i]);
		snprintf(s[i].label, sizeof(s[i].label),
		         "launch --summary --stats-interval %s --stats-file F -- " SLEEP_BIN
		         " " SLEEP_SECONDS,
		         interval[i]);
		set_argv(&s[i], (const char *[]){ o->launch, "--summary", "--stats-interval",
		                                  interval[i], "--stats-file", stats_file[i], "--",
		                                  SLEEP_BIN, SLEEP_SECONDS, NULL });
	}
	return N_SUBJECTS;
}

/* The lines a run wrote into its statistics file, which then goes: launch
 * appends, and each run must count its own. */
static long take_lines(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		die("%s: %s", path, strerror(errno));
	}
	char buf[16384];
	long lines = 0;
	ssize_t got;
	while ((got = read(fd, buf, sizeof(buf))) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			die("read %s: %s", path, strerror(errno));
		for (ssize_t i = 0; i < got; i++)
			lines += buf[i] == '\n';
	}
	close(fd);
	if (unlink(path) < 0)
		die("unlink %s: %s", path, strerror(errno));
	return lines;
}

static double timeval_ms(struct timeval tv)
{
	return (double)tv.tv_sec * 1e3 + (double)tv.tv_usec / 1e3;
}

/* One run, spawn to wait4; its figures are kept when keep is true and it
 * exited with 0. */
static void run_once(struct subject *s, struct run_extras *x, const char *file, int devnull,
                     bool keep)
{
	struct rusage ru;
	int status;
	uint64_t start = now_ns();
	pid_t pid = spawn(s->argv, devnull, devnull, devnull);
	if (pid < 0)
		die("spawn %s: %s", s->argv[0], strerror(errno));
	while (wait4(pid, &status, 0, &ru) < 0)
		if (errno != EINTR)
			die("wait4: %s", strerror(errno));
	uint64_t end = now_ns();
	long lines = file[0] ? take_lines(file) : 0;
	if (!keep)
		return;
	if (status != 0) {
		s->failures++;
		return;
	}
	x->wall_ms[s->n] = (double)(end - start) / 1e6;
	x->lines[s->n] = (double)lines;
	s->v[s->n++] = timeval_ms(ru.ru_utime) + timeval_ms(ru.ru_stime);
}

/* ---- the report ---- */

/* The CPU a run with more samples used beyond one with fewer, per extra
 * sample; per_run: the fewer has no statistics and the more one sample,
 * so the figure is what turning them on costs a run, not a rate. */
struct cost {
	const char *what, *against;
	double extra_ms, samples, per_sample_us;
	bool per_run;
};

static bool cost_of(const struct subject *s, const struct summary *cpu, const struct summary *lines,
                    size_t more, size_t fewer, struct cost *c)
{
	if (s[more].skip[0] || s[more].n == 0 || s[fewer].skip[0] || s[fewer].n == 0)
		return false;
	c->what = interval[more];
	c->against = interval[fewer] ? interval[fewer] : "none";
	c->extra_ms = cpu[more].median - cpu[fewer].median;
	c->samples = lines[more].median - lines[fewer].median;
	if (c->samples <= 0)
		return false;
	c->per_sample_us = c->extra_ms * 1e3 / c->samples;
	c->per_run = more == AT_THE_END;
	return true;
}

static void stats_report(const struct options *o, struct subject *s, struct run_extras *x)
{
	/* lines: the median of an even number of runs can fall between two
	 * counts (100.5), and is printed so */
	struct summary cpu[N_SUBJECTS], wall[N_SUBJECTS], lines[N_SUBJECTS];
	for (size_t i = 0; i < N_SUBJECTS; i++) {
		cpu[i] = summarize(&s[i]);
		wall[i] = summarize_values(x[i].wall_ms, s[i].n);
		lines[i] = summarize_values(x[i].lines, s[i].n);
	}

	printf("\n%-*s %9s %9s %9s %7s %9s %7s\n", LABEL_WIDTH, "command", "CPU ms", "p10 ms",
	       "p90 ms", "samples", "wall ms", "failed");
	for (size_t i = 0; i < N_SUBJECTS; i++) {
		if (s[i].skip[0])
			continue;
		printf("%-*s %9.3f %9.3f %9.3f %7.5g %9.1f %7ld\n", LABEL_WIDTH, s[i].label,
		       cpu[i].median, cpu[i].p10, cpu[i].p90, lines[i].median, wall[i].median,
		       s[i].failures);
	}

	/* Against none: all that statistics cost a run, spread over its
	 * samples. Against an interval longer than the run: a sample alone,
	 * at that spacing (a longer sleep leaves colder caches behind). The
	 * last row: turning statistics on, once per run. */
	static const size_t pairs[][2] = {
		{ EVERY_10MS, NONE }, /* the headline: a rate the issue asks about */
		{ EVERY_100MS, NONE },
		{ EVERY_10MS, AT_THE_END }, /* a sample alone, 10 ms after the last */
		{ EVERY_100MS, AT_THE_END },
		{ AT_THE_END, NONE }, /* on at all: per run */
	};
	struct cost costs[sizeof(pairs) / sizeof(pairs[0])];
	size_t n_costs = 0;
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		if (cost_of(s, cpu, lines, pairs[i][0], pairs[i][1], &costs[n_costs]))
			n_costs++;
	if (n_costs == 0) {
		printf("cost of a sample: not measured (a command was skipped or always failed)\n");
		return;
	}
	bool negative = false;
	for (size_t i = 0; i < n_costs; i++) {
		const struct cost *c = &costs[i];
		negative |= c->per_sample_us < 0;
		if (c->per_run) {
			printf("statistics on, one sample at the end, against none: %+.3f ms CPU "
			       "per run\n",
			       c->extra_ms);
			continue;
		}
		printf("cost of a sample, every %s against %s: %+.3f ms CPU over %.5g samples "
		       "= %.1f us each; a sample a second is %.4f%% of one CPU, one every 10 ms "
		       "%.2f%%\n",
		       c->what, c->against, c->extra_ms, c->samples, c->per_sample_us,
		       c->per_sample_us / 1e4, c->per_sample_us / 1e2);
	}
	if (negative)
		printf("note: a negative cost is below what this run can tell apart (more "
		       "rounds: --stats-rounds)\n");
	if (!o->markdown)
		return;

	printf("\n| command | CPU ms (median) | p10 | p90 | samples | wall ms |\n");
	printf("| --- | ---: | ---: | ---: | ---: | ---: |\n");
	for (size_t i = 0; i < N_SUBJECTS; i++) {
		if (s[i].skip[0])
			continue;
		printf("| `%s` | %.3f | %.3f | %.3f | %.5g | %.1f |\n", s[i].label, cpu[i].median,
		       cpu[i].p10, cpu[i].p90, lines[i].median, wall[i].median);
	}
	printf("\n| statistics every | against | extra CPU ms per run | extra samples | "
	       "µs per sample | one CPU, a sample a second | one CPU, a sample every 10 ms |\n");
	printf("| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
	for (size_t i = 0; i < n_costs; i++) {
		const struct cost *c = &costs[i];
		if (c->per_run) {
			printf("| %s (on, one sample at the end) | %s | %.3f | %.5g | - | - | - |\n",
			       c->what, c->against, c->extra_ms, c->samples);
			continue;
		}
		printf("| %s | %s | %.3f | %.5g | %.1f | %.4f%% | %.2f%% |\n", c->what, c->against,
		       c->extra_ms, c->samples, c->per_sample_us, c->per_sample_us / 1e4,
		       c->per_sample_us / 1e2);
	}
}

/* ---- the benchmark ---- */

void bench_stats(const struct options *o, int devnull)
{
	struct subject s[N_SUBJECTS] = { 0 };
	struct run_extras x[N_SUBJECTS] = { 0 };
	size_t order[N_SUBJECTS], active = 0;

	catch_stop();
	make_temp();
	stats_subjects(o, s);
	prepare_subjects(s, N_SUBJECTS, o->stats_rounds, devnull, order);
	/* a run that could not make its cgroup writes nothing (launch warns
	 * on the trial run, above): there is no sampling to measure */
	for (size_t i = 0; i < N_SUBJECTS; i++) {
		if (stats_file[i][0] && take_lines(stats_file[i]) == 0 && !s[i].skip[0])
			snprintf(s[i].skip, sizeof(s[i].skip),
			         "wrote no statistics on a trial run (no cgroup?)");
		if (s[i].skip[0])
			continue;
		x[i].wall_ms = calloc((size_t)o->stats_rounds, sizeof(double));
		x[i].lines = calloc((size_t)o->stats_rounds, sizeof(double));
		if (!x[i].wall_ms || !x[i].lines)
			die("out of memory");
		order[active++] = i;
	}
	/* a round lasts seconds, and one is enough to bring launch and
	 * sleep into the page cache: the warm-up is one round (none with
	 * --warmup 0), not --warmup rounds */
	long warmup = o->warmup > 0 ? 1 : 0;
	printf("\n== stats: %ld rounds (after %ld warm-up round%s, discarded), "
	       "%zu commands shuffled each round, CPU time (user + system) from wait4 ==\n",
	       o->stats_rounds, warmup, warmup == 1 ? "" : "s", active);
	print_skips(s, N_SUBJECTS);
	fflush(stdout);

	long total = warmup + o->stats_rounds;
	for (long round = 0; round < total && !stop_signal; round++) {
		shuffle(order, active);
		for (size_t k = 0; k < active && !stop_signal; k++)
			run_once(&s[order[k]], &x[order[k]], stats_file[order[k]], devnull,
			         round >= warmup);
		if ((round + 1) % 5 == 0)
			fprintf(stderr, "bench: stats round %ld/%ld\n", round + 1, total);
	}
	remove_temp();
	stop_if_asked();
	stats_report(o, s, x);
	for (size_t i = 0; i < N_SUBJECTS; i++) {
		free(s[i].v);
		free(x[i].wall_ms);
		free(x[i].lines);
	}
}
