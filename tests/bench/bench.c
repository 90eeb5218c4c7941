/* bench: launch against the floor and the usual inits, interleaved in one
 * run, reported as medians and ratios. Timings are printed, never asserted.
 *
 *   bench --launch BIN --floor BIN --probe BIN [--cgfloor BIN] [--rounds N]
 *         [--warmup N] [--samples N] [--pause-us N] [--stats-rounds N]
 *         [--seed N] [--only startup|relay|limits|stats] [--no-pin]
 *         [--markdown]
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
 * wrapper must be asleep again, and a short spin separates the samples.
 *
 * Limits: as start-up, launch with --memory, --cpus and --pids against
 * cgfloor, which makes the same cgroup system calls and nothing else.
 *
 * Stats: what a sample of live statistics costs. launch runs "sleep 1"
 * with a cgroup, without statistics and with --stats-interval 1h (only the
 * last line), 100ms and 10ms, interleaved as start-up; each run's CPU time
 * comes from wait4's rusage and its samples are the lines of its
 * --stats-file. The extra CPU over the extra samples is the cost of one.
 * See README.md here. */
#include "common.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/utsname.h>
#include <unistd.h>

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
	fprintf(f,
	        "usage: bench --launch BIN --floor BIN --probe BIN [--cgfloor BIN] [--rounds N]\n"
	        "             [--warmup N] [--samples N] [--pause-us N] [--stats-rounds N]\n"
	        "             [--seed N] [--only startup|relay|limits|stats] [--no-pin]\n"
	        "             [--markdown]\n");
}

static void parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "launch", required_argument, NULL, 'l' },
		{ "floor", required_argument, NULL, 'f' },
		{ "cgfloor", required_argument, NULL, 'c' },
		{ "probe", required_argument, NULL, 'p' },
		{ "rounds", required_argument, NULL, 'r' },
		{ "warmup", required_argument, NULL, 'w' },
		{ "samples", required_argument, NULL, 'n' },
		{ "pause-us", required_argument, NULL, 'u' },
		{ "stats-rounds", required_argument, NULL, 'S' },
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
		case 'c':
			o->cgfloor = optarg;
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
		case 'S':
			o->stats_rounds = parse_count("--stats-rounds", optarg, 1);
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
			o->limits = !strcmp(optarg, "limits");
			o->stats = !strcmp(optarg, "stats");
			if (!o->startup && !o->relay && !o->limits && !o->stats)
				die("--only: bad value '%s' (startup, relay, limits or stats)",
				    optarg);
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
		/* each round runs four commands of a second */
		.stats_rounds = 20,
		.seed = 1,
		.startup = true,
		.relay = true,
		.limits = true,
		.stats = true,
		.pin = true,
	};
	parse_options(argc, argv, &o);
	rng_seed(o.seed);
	setvbuf(stdout, NULL, _IOLBF, 0);

	int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (devnull < 0)
		die("/dev/null: %s", strerror(errno));
	print_machine(&o, devnull);
	if (o.startup)
		bench_startup(&o, devnull);
	if (o.relay)
		bench_relay(&o, devnull);
	if (o.limits)
		bench_limits(&o, devnull);
	if (o.stats)
		bench_stats(&o, devnull);
	close(devnull);
	return 0;
}
