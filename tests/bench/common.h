/* What the benchmark's parts share: the options, the commands under test
 * and their samples, spawning, statistics and the seeded shuffle. */
#ifndef LAUNCH_BENCH_COMMON_H
#define LAUNCH_BENCH_COMMON_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdnoreturn.h>
#include <sys/types.h>

#define TRUE_BIN "/bin/true"
#define MAX_ARGS 12
#define MAX_SUBJECTS 8
#define READY_TIMEOUT_MS 5000
#define ANSWER_TIMEOUT_MS 1000
#define STOP_TIMEOUT_MS 5000

struct options {
	const char *launch, *floor, *cgfloor, *probe;
	long rounds, warmup, samples, pause_us, stats_rounds;
	uint64_t seed;
	bool markdown, startup, relay, limits, stats, pin;
};

/* One command under test: a start-up command or a relay wrapper. */
struct subject {
	char label[96];
	char *argv[MAX_ARGS];
	char skip[192]; /* why it does not run; empty when it does */
	double *v;      /* samples: ms for start-up, us for relay, CPU ms for stats */
	size_t n;
	long failures; /* non-zero exits; relay: lost signals */
	/* relay only */
	pid_t pid;
	int fd; /* read end of the receiver's stdout */
	char buf[256];
	size_t len;
};

struct summary {
	double p10, median, p90;
};

noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
uint64_t now_ns(void);
/* a seeded generator: the shuffled orders of a run can be replayed */
void rng_seed(uint64_t seed);
uint64_t rng_next(void);
void pause_us(long us);
void shuffle(size_t *order, size_t n);
int cmp_double(const void *a, const void *b);
double percentile(const double *sorted, size_t n, double p);
struct summary summarize_values(double *v, size_t n); /* sorts v */
struct summary summarize(struct subject *s);
bool find_in_path(const char *name, char *buf, size_t size);
void set_argv(struct subject *s, const char *const argv[]);
void set_tool_argv(struct subject *s, const char *package, const char *const argv[]);
pid_t spawn(char *const argv[], int in, int out, int err);
int wait_status(pid_t pid);
void describe_status(int status, char *buf, size_t size);
void print_skips(struct subject *s, size_t n);
const struct subject *find_label(const struct subject *s, size_t n, const char *prefix);
void print_ratio(double x, double base, bool markdown);
/* set by SIGINT, SIGTERM or SIGHUP once catch_stop() ran; stop_if_asked()
 * then ends the bench by that signal */
extern volatile sig_atomic_t stop_signal;
void catch_stop(void);
void stop_if_asked(void);
/* start-up runs: one untimed trial (a failure skips the subject, with
 * why), and one timed run, spawn to waitpid, kept when keep is true */
void check_run(struct subject *s, int devnull);
void time_run(struct subject *s, int devnull, bool keep);

/* Tries each command once (a failing one is skipped with its reason),
 * makes room for its samples; the indexes of those that run go to order,
 * their number is returned. */
size_t prepare_subjects(struct subject *s, size_t n, long rounds, int devnull, size_t *order);

/* the four benchmarks */
void bench_startup(const struct options *o, int devnull);
void bench_relay(const struct options *o, int devnull);
void bench_limits(const struct options *o, int devnull);
void bench_stats(const struct options *o, int devnull);

#endif
