/* Start-up: every command once per round, in a shuffled order, spawn to
 * waitpid. */
#include "common.h"

#include <stdio.h>
#include <stdlib.h>

static size_t startup_subjects(const struct options *o, struct subject *s)
{
	size_t n = 0;

	snprintf(s[n].label, sizeof(s[n].label), "bare " TRUE_BIN);
	set_argv(&s[n++], (const char *[]){ TRUE_BIN, NULL });
	snprintf(s[n].label, sizeof(s[n].label), "floor " TRUE_BIN);
	set_argv(&s[n++], (const char *[]){ o->floor, TRUE_BIN, NULL });
	snprintf(s[n].label, sizeof(s[n].label), "floor --namespaces " TRUE_BIN);
	set_argv(&s[n++], (const char *[]){ o->floor, "--namespaces", TRUE_BIN, NULL });
	snprintf(s[n].label, sizeof(s[n].label), "launch -- " TRUE_BIN);
	set_argv(&s[n++], (const char *[]){ o->launch, "--", TRUE_BIN, NULL });
	/* tini needs -s (subreaper) when it is not PID 1 */
	snprintf(s[n].label, sizeof(s[n].label), "tini -s -- " TRUE_BIN);
	set_tool_argv(&s[n++], "tini", (const char *[]){ "tini", "-s", "--", TRUE_BIN, NULL });
	snprintf(s[n].label, sizeof(s[n].label), "dumb-init " TRUE_BIN);
	set_tool_argv(&s[n++], "dumb-init", (const char *[]){ "dumb-init", TRUE_BIN, NULL });
	snprintf(s[n].label, sizeof(s[n].label), "catatonit -- " TRUE_BIN);
	set_tool_argv(&s[n++], "catatonit", (const char *[]){ "catatonit", "--", TRUE_BIN, NULL });
	snprintf(s[n].label, sizeof(s[n].label), "bwrap --unshare-pid " TRUE_BIN);
	set_tool_argv(&s[n++], "bubblewrap",
	              (const char *[]){ "bwrap", "--dev-bind", "/", "/", "--unshare-pid", "--",
	                                TRUE_BIN, NULL });
	return n;
}

static void startup_report(const struct options *o, struct subject *s, size_t n)
{
	struct summary sum[MAX_SUBJECTS];
	for (size_t i = 0; i < n; i++)
		sum[i] = summarize(&s[i]);
	const struct subject *floor = find_label(s, n, "floor " TRUE_BIN);
	const struct subject *floor_mount = find_label(s, n, "floor --namespaces");
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
		/* what the default profile's namespaces and /proc cost the kernel,
		 * apart from what launch adds */
		if (floor_mount && sum[floor_mount - s].median > 0)
			printf("launch against the floor with the default's namespaces and /proc: %.2f x\n",
			       sum[launch - s].median / sum[floor_mount - s].median);
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

void bench_startup(const struct options *o, int devnull)
{
	struct subject s[MAX_SUBJECTS] = { 0 };
	size_t n = startup_subjects(o, s);
	size_t order[MAX_SUBJECTS], active = 0;

	active = prepare_subjects(s, n, o->rounds, devnull, order);
	printf("\n== start-up: %ld rounds (after %ld warm-up rounds, discarded), "
	       "%zu commands shuffled each round, spawn to waitpid ==\n",
	       o->rounds, o->warmup, active);
	print_skips(s, n);
	fflush(stdout);

	long total = o->warmup + o->rounds;
	for (long round = 0; round < total; round++) {
		shuffle(order, active);
		for (size_t k = 0; k < active; k++)
			time_run(&s[order[k]], devnull, round >= o->warmup);
		if ((round + 1) % 100 == 0)
			fprintf(stderr, "bench: start-up round %ld/%ld\n", round + 1, total);
	}
	startup_report(o, s, n);
	for (size_t i = 0; i < n; i++)
		free(s[i].v);
}
