/* Limits: a run with three limits against cgfloor, which makes the same
 * cgroup system calls and nothing else; for context the floor, cgfloor
 * without limits and launch with an accounting cgroup and no limits (what
 * --summary or --report gives a run). Interleaved and timed as start-up:
 * spawn to waitpid. */
#include "common.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define LIMITS_ARGS "--memory", "512M", "--cpus", "1", "--pids", "256"
#define LIMITS_TEXT "--memory 512M --cpus 1 --pids 256"
#define FLOOR_PARENT "launch-bench-floor"
#define LAUNCH_PARENT "launch"
#define LABEL_WIDTH 54

enum {
	FLOOR,
	CGFLOOR_BARE,
	LAUNCH_BARE,
	CGFLOOR,
	LAUNCH,
	N_SUBJECTS
};

/* Where launch's and cgfloor's parents are made: the root of a v2 host, or
 * the unified tree and the v1 hierarchies a run with limits uses. */
static const char *const cg_mounts[] = {
	"/sys/fs/cgroup",      "/sys/fs/cgroup/unified", "/sys/fs/cgroup/memory",
	"/sys/fs/cgroup/pids", "/sys/fs/cgroup/cpu",     "/sys/fs/cgroup/blkio",
};
#define N_MOUNTS (sizeof(cg_mounts) / sizeof(cg_mounts[0]))

static size_t limits_subjects(const struct options *o, struct subject *s)
{
	snprintf(s[FLOOR].label, sizeof(s[FLOOR].label), "floor " TRUE_BIN);
	set_argv(&s[FLOOR], (const char *[]){ o->floor, TRUE_BIN, NULL });
	snprintf(s[CGFLOOR_BARE].label, sizeof(s[CGFLOOR_BARE].label), "cgfloor " TRUE_BIN);
	set_argv(&s[CGFLOOR_BARE], (const char *[]){ o->cgfloor, TRUE_BIN, NULL });
	snprintf(s[LAUNCH_BARE].label, sizeof(s[LAUNCH_BARE].label),
	         "launch --summary -- " TRUE_BIN);
	set_argv(&s[LAUNCH_BARE], (const char *[]){ o->launch, "--summary", "--", TRUE_BIN, NULL });
	snprintf(s[CGFLOOR].label, sizeof(s[CGFLOOR].label), "cgfloor " LIMITS_TEXT " " TRUE_BIN);
	set_argv(&s[CGFLOOR], (const char *[]){ o->cgfloor, LIMITS_ARGS, TRUE_BIN, NULL });
	snprintf(s[LAUNCH].label, sizeof(s[LAUNCH].label), "launch " LIMITS_TEXT " -- " TRUE_BIN);
	set_argv(&s[LAUNCH], (const char *[]){ o->launch, LIMITS_ARGS, "--", TRUE_BIN, NULL });
	if (!o->cgfloor) {
		snprintf(s[CGFLOOR_BARE].skip, sizeof(s[0].skip), "no --cgfloor PATH given");
		snprintf(s[CGFLOOR].skip, sizeof(s[0].skip), "no --cgfloor PATH given");
	}
	return N_SUBJECTS;
}

/* ---- the parents ---- */

/* The hierarchies where launch's parent is there now, as a list. */
static void launch_parents(char *list, size_t size, bool there[N_MOUNTS])
{
	list[0] = '\0';
	for (size_t i = 0; i < N_MOUNTS; i++) {
		char path[256];
		struct stat st;
		snprintf(path, sizeof(path), "%s/" LAUNCH_PARENT, cg_mounts[i]);
		there[i] = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
		if (there[i])
			snprintf(list + strlen(list), size - strlen(list), "%s%s",
			         list[0] ? ", " : "", cg_mounts[i]);
	}
}

/* launch makes its parent ("launch") where it is missing and removes it
 * when its run was the last one in it; a parent another run still used
 * stays (launch's own runs elsewhere, such as tests, leave it). cgfloor
 * does the same with its own parent. Each mkdir and rmdir of a cgroup
 * costs tens of microseconds, so the bench makes cgfloor's parent where
 * launch's is there, and holds it for this benchmark: both make, or both
 * skip, the same ones. held[i]: the bench made it, and removes it, at the
 * end or at exit (die). */
static bool held[N_MOUNTS];

static void release_floor_parents(void)
{
	for (size_t i = 0; i < N_MOUNTS; i++) {
		char path[256];
		snprintf(path, sizeof(path), "%s/" FLOOR_PARENT, cg_mounts[i]);
		if (held[i] && rmdir(path) < 0)
			fprintf(stderr, "bench: rmdir %s: %s\n", path, strerror(errno));
		held[i] = false;
	}
}

static void hold_floor_parents(const bool there[N_MOUNTS])
{
	atexit(release_floor_parents);
	for (size_t i = 0; i < N_MOUNTS; i++) {
		char path[256];
		snprintf(path, sizeof(path), "%s/" FLOOR_PARENT, cg_mounts[i]);
		held[i] = there[i] && mkdir(path, 0755) == 0;
		if (there[i] && !held[i] && errno != EEXIST)
			fprintf(stderr, "bench: mkdir %s: %s\n", path, strerror(errno));
	}
}

/* ---- the report ---- */

static void limits_report(const struct options *o, struct subject *s, size_t n)
{
	struct summary sum[N_SUBJECTS];
	double med[N_SUBJECTS] = { 0 };
	for (size_t i = 0; i < n; i++) {
		sum[i] = summarize(&s[i]);
		if (!s[i].skip[0] && s[i].n > 0)
			med[i] = sum[i].median;
	}

	printf("\n%-*s %9s %9s %9s %9s %9s %7s\n", LABEL_WIDTH, "command", "median ms", "p10 ms",
	       "p90 ms", "x cgfloor", "x floor", "failed");
	for (size_t i = 0; i < n; i++) {
		if (s[i].skip[0])
			continue;
		printf("%-*s %9.3f %9.3f %9.3f", LABEL_WIDTH, s[i].label, sum[i].median, sum[i].p10,
		       sum[i].p90);
		print_ratio(sum[i].median, med[CGFLOOR], false);
		print_ratio(sum[i].median, med[FLOOR], false);
		printf(" %7ld\n", s[i].failures);
	}
	if (med[LAUNCH] > 0 && med[CGFLOOR] > 0) {
		double r = med[LAUNCH] / med[CGFLOOR];
		printf("goal: launch with limits within 25%% of the cgroup floor: %.2f x cgfloor, %s\n",
		       r, r <= 1.25 ? "met" : "NOT met");
	} else {
		printf("goal: launch with limits within 25%% of the cgroup floor: not checked "
		       "(a command was skipped or always failed)\n");
	}
	if (med[LAUNCH_BARE] > 0 && med[CGFLOOR_BARE] > 0)
		printf("launch with an accounting cgroup, no limits (--summary): %.2f x cgfloor "
		       "without limits\n",
		       med[LAUNCH_BARE] / med[CGFLOOR_BARE]);
	if (!o->markdown)
		return;
	printf("\n| command | median ms | p10 | p90 | ratio to cgfloor | ratio to floor |\n");
	printf("| --- | ---: | ---: | ---: | ---: | ---: |\n");
	for (size_t i = 0; i < n; i++) {
		if (s[i].skip[0])
			continue;
		printf("| `%s` | %.2f | %.2f | %.2f |", s[i].label, sum[i].median, sum[i].p10,
		       sum[i].p90);
		print_ratio(sum[i].median, med[CGFLOOR], true);
		print_ratio(sum[i].median, med[FLOOR], true);
		printf("\n");
	}
}

void bench_limits(const struct options *o, int devnull)
{
	struct subject s[N_SUBJECTS] = { 0 };
	size_t n = limits_subjects(o, s);
	size_t order[N_SUBJECTS], active = 0;
	bool there[N_MOUNTS], there_after[N_MOUNTS];
	char parents[512], parents_after[512];

	catch_stop();
	launch_parents(parents, sizeof(parents), there);
	hold_floor_parents(there);
	active = prepare_subjects(s, n, o->rounds, devnull, order);
	printf("\n== limits: %ld rounds (after %ld warm-up rounds, discarded), "
	       "%zu commands shuffled each round, spawn to waitpid ==\n",
	       o->rounds, o->warmup, active);
	if (parents[0])
		printf("cgroup parents: launch's is there in %s; cgfloor's is held there too "
		       "for this benchmark\n",
		       parents);
	else
		printf("cgroup parents: launch's is nowhere; each run makes and removes its own\n");
	print_skips(s, n);
	fflush(stdout);

	long total = o->warmup + o->rounds;
	for (long round = 0; round < total && !stop_signal; round++) {
		shuffle(order, active);
		for (size_t k = 0; k < active && !stop_signal; k++)
			time_run(&s[order[k]], devnull, round >= o->warmup);
		if ((round + 1) % 100 == 0)
			fprintf(stderr, "bench: limits round %ld/%ld\n", round + 1, total);
	}
	release_floor_parents();
	stop_if_asked();
	/* another launch (a test suite, say) can make or remove launch's
	 * parent meanwhile: the figures then compare unlike runs */
	launch_parents(parents_after, sizeof(parents_after), there_after);
	if (strcmp(parents, parents_after))
		printf("note: launch's parent changed during the benchmark: now %s\n",
		       parents_after[0] ? parents_after : "nowhere");
	limits_report(o, s, n);
	for (size_t i = 0; i < n; i++)
		free(s[i].v);
}
