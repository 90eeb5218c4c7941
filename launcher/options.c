#include "launcher/options.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/signame.h"
#include "base/units.h"
#include "cgroup/plan.h"

enum {
	OPT_REPORT = 0x100,
	OPT_SUMMARY,
	OPT_TIMEOUT,
	OPT_GRACE,
	OPT_STOP_SIGNAL,
	OPT_PASS_FD,
	OPT_TTY,
	OPT_NO_TTY,
	OPT_VERSION,
	OPT_MEMORY,
	OPT_MEMORY_HIGH,
	OPT_SWAP,
	OPT_CPUS,
	OPT_CPU_WEIGHT,
	OPT_PIDS,
	OPT_IO_WEIGHT,
	OPT_CPUSET,
	OPT_CGROUP_PARENT,
};

static const struct option long_options[] = {
	{ "report", required_argument, NULL, OPT_REPORT },
	{ "summary", no_argument, NULL, OPT_SUMMARY },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "grace", required_argument, NULL, OPT_GRACE },
	{ "stop-signal", required_argument, NULL, OPT_STOP_SIGNAL },
	{ "pass-fd", required_argument, NULL, OPT_PASS_FD },
	{ "tty", no_argument, NULL, OPT_TTY },
	{ "no-tty", no_argument, NULL, OPT_NO_TTY },
	{ "memory", required_argument, NULL, OPT_MEMORY },
	{ "memory-high", required_argument, NULL, OPT_MEMORY_HIGH },
	{ "swap", required_argument, NULL, OPT_SWAP },
	{ "cpus", required_argument, NULL, OPT_CPUS },
	{ "cpu-weight", required_argument, NULL, OPT_CPU_WEIGHT },
	{ "pids", required_argument, NULL, OPT_PIDS },
	{ "io-weight", required_argument, NULL, OPT_IO_WEIGHT },
	{ "cpuset", required_argument, NULL, OPT_CPUSET },
	{ "cgroup-parent", required_argument, NULL, OPT_CGROUP_PARENT },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

static const char help_text[] =
        "Usage: launch [OPTIONS] [--] COMMAND [ARG...]\n"
        "\n"
        "Run COMMAND in a sandbox: a new session and PID namespace with launch's init as\n"
        "PID 1, a private mount namespace with a fresh /proc, and a cgroup that accounts\n"
        "what the run uses and enforces the limits below. Signals sent to launch are\n"
        "relayed to COMMAND's process group; launch exits with COMMAND's status.\n"
        "\n"
        "Options:\n"
        "  --report FILE      write a JSON report of the run to FILE when it ends\n"
        "  --summary          print a short account of the run on stderr when it ends\n"
        "  --timeout DUR      wall-clock limit: then the stop signal, then SIGKILL after\n"
        "                     the grace; launch exits 124 (0 = no limit, the default)\n"
        "  --grace DUR        time between the stop signal and SIGKILL (default 10s)\n"
        "  --stop-signal SIG  signal that ends the run's processes (default SIGTERM)\n"
        "  --memory SIZE      memory limit (cgroup); the kernel's OOM killer ends the run\n"
        "                     beyond it, and launch exits 137 and reports \"oom\"\n"
        "  --memory-high SIZE memory above which the kernel throttles and reclaims\n"
        "                     (cgroup v2 only)\n"
        "  --swap SIZE        swap the run may use (0: none; on cgroup v1 with --memory)\n"
        "  --cpus N           CPU time as a number of CPUs (0.5, 2; a CFS quota)\n"
        "  --cpu-weight N     CPU share against other cgroups, 1..10000 (default 100)\n"
        "  --pids N           the most processes and threads at once\n"
        "  --io-weight N      block I/O share, 1..10000 (default 100)\n"
        "  --cpuset LIST      the CPUs the run may use (0-1,3)\n"
        "  --cgroup-parent P  create the run's cgroup below P (relative to the cgroup\n"
        "                     root; default: launch)\n"
        "  --pass-fd N        let file descriptor N through to COMMAND (repeatable);\n"
        "                     0, 1 and 2 always pass, no other descriptor does\n"
        "  --tty              give COMMAND a pseudo-terminal even when stdin is not a\n"
        "                     terminal (all of its stdin, stdout, stderr go through it)\n"
        "  --no-tty           never give COMMAND a pseudo-terminal\n"
        "  -h, --help         show this help and exit\n"
        "  --version          show the version and exit\n"
        "\n"
        "DUR is 250ms, 30s, 5m, 2h, or a number of seconds (decimals allowed).\n"
        "SIZE is bytes or a number with K, M, G, T (or KiB...TiB): 512M = 512 MiB.\n"
        "SIG is a name (SIGTERM, TERM, SIGRTMIN+2) or a number.\n"
        "\n"
        "When stdin is a terminal, COMMAND gets its own pseudo-terminal: launch puts\n"
        "the terminal in raw mode while COMMAND runs, relays the bytes and the window\n"
        "size, and restores the terminal when it ends.\n"
        "\n"
        "Exit status: COMMAND's own code; 128+N if it was killed by signal N (137 and\n"
        "\"oom\" in the report for the kernel's OOM killer); 124 if\n"
        "the time limit ended it; 125 if launch itself failed; 126 if COMMAND could\n"
        "not be executed; 127 if it was not found.\n";

void options_print_help(FILE *out)
{
	fputs(help_text, out);
}

/* The long option with this value that takes no argument, or NULL. */
static const char *flag_name(int val)
{
	for (const struct option *o = long_options; o->name; o++)
		if (o->val == val && o->has_arg == no_argument)
			return o->name;
	return NULL;
}

static int parse_duration_option(const char *name, const char *value, uint64_t *ns,
                                 struct lx_error *e)
{
	int r = parse_duration(value, ns);
	if (r == -ERANGE)
		return lx_error_msg(e, EINVAL, "--%s: duration '%s' is too large", name, value);
	if (r < 0)
		return lx_error_msg(
		        e, EINVAL, "--%s: invalid duration '%s' (expected e.g. 250ms, 30s, 5m, 2h)",
		        name, value);
	return 0;
}

/* A whole number in min..max, digits only. */
static int parse_count(const char *name, const char *value, uint64_t min, uint64_t max,
                       uint64_t *out, struct lx_error *e)
{
	char *end;
	errno = 0;
	/* strtoull also skips leading white space and takes a sign: digits only */
	unsigned long long n = strtoull(value, &end, 10);
	if (errno || end == value || *end || value[0] < '0' || value[0] > '9')
		return lx_error_msg(e, EINVAL, "--%s: '%s' is not a whole number", name, value);
	if (n < min || n > max)
		return lx_error_msg(e, EINVAL, "--%s: %s is not in %llu..%llu", name, value,
		                    (unsigned long long)min, (unsigned long long)max);
	*out = n;
	return 0;
}

static int parse_fd(const char *value, int *fd, struct lx_error *e)
{
	uint64_t n;
	if (parse_count("pass-fd", value, 0, INT_MAX, &n, e) < 0)
		return lx_error_msg(e, EINVAL, "--pass-fd: invalid file descriptor '%s'", value);
	*fd = (int)n;
	return 0;
}

static int parse_size_option(const char *name, const char *value, bool zero_ok, bool *has,
                             uint64_t *bytes, struct lx_error *e)
{
	int r = parse_size(value, bytes);
	if (r == 0 && *bytes == 0 && !zero_ok)
		return lx_error_msg(e, EINVAL, "--%s: 0 is not a limit", name);
	if (r == -ERANGE)
		return lx_error_msg(e, EINVAL, "--%s: size '%s' is too large", name, value);
	if (r < 0)
		return lx_error_msg(e, EINVAL,
		                    "--%s: invalid size '%s' (expected bytes or e.g. 512M, 2G)", name,
		                    value);
	*has = true;
	return 0;
}

static int parse_cpus(const char *value, struct profile_limits *l, struct lx_error *e)
{
	if (parse_fixed(value, 6, &l->cpus) < 0 || l->cpus == 0)
		return lx_error_msg(e, EINVAL, "--cpus: '%s' is not a number of CPUs (e.g. 0.5, 2)",
		                    value);
	if (l->cpus < CPUS_UNIT / 1000)
		return lx_error_msg(e, EINVAL, "--cpus: at least 0.001 CPU");
	l->has_cpus = true;
	return 0;
}

static int add_pass_fd(struct launch_config *cfg, int fd, struct lx_error *e)
{
	if (fd <= 2)
		return 0; /* always passed */
	for (size_t i = 0; i < cfg->n_pass_fds; i++)
		if (cfg->pass_fds[i] == fd)
			return 0;
	if (cfg->n_pass_fds >= LAUNCH_MAX_PASS_FDS)
		return lx_error_msg(e, EINVAL, "--pass-fd: at most %d descriptors can be passed",
		                    LAUNCH_MAX_PASS_FDS);
	cfg->pass_fds[cfg->n_pass_fds++] = fd;
	return 0;
}

static int apply_limit(int opt, const char *arg, struct launch_config *cfg, struct lx_error *e)
{
	struct profile_limits *l = &cfg->profile.limits;
	switch (opt) {
	case OPT_MEMORY:
		return parse_size_option("memory", arg, false, &l->has_memory, &l->memory, e);
	case OPT_MEMORY_HIGH:
		return parse_size_option("memory-high", arg, false, &l->has_memory_high,
		                         &l->memory_high, e);
	case OPT_SWAP:
		return parse_size_option("swap", arg, true, &l->has_swap, &l->swap, e);
	case OPT_CPUS:
		return parse_cpus(arg, l, e);
	case OPT_CPU_WEIGHT:
		l->has_cpu_weight = true;
		return parse_count("cpu-weight", arg, 1, 10000, &l->cpu_weight, e);
	case OPT_PIDS:
		l->has_pids = true;
		return parse_count("pids", arg, 1, UINT32_MAX, &l->pids, e);
	case OPT_IO_WEIGHT:
		l->has_io_weight = true;
		return parse_count("io-weight", arg, 1, 10000, &l->io_weight, e);
	case OPT_CPUSET:
		if (!cg_cpuset_valid(arg))
			return lx_error_msg(e, EINVAL, "--cpuset: '%s' is not a CPU list (e.g. 0-1,3)",
			                    arg);
		l->cpuset = arg;
		return 0;
	case OPT_CGROUP_PARENT:
		if (!arg[0] || strstr(arg, ".."))
			return lx_error_msg(e, EINVAL, "--cgroup-parent: '%s' is not a cgroup path",
			                    arg);
		cfg->cgroup_parent = arg;
		return 0;
	default:
		return lx_error_msg(e, EINVAL, "unhandled option");
	}
}

static int apply(int opt, const char *arg, struct launch_config *cfg, struct lx_error *e)
{
	int fd = -1, r;
	switch (opt) {
	case OPT_REPORT:
		if (!arg[0])
			return lx_error_msg(e, EINVAL, "--report: empty file name");
		cfg->profile.report = arg;
		return 0;
	case OPT_SUMMARY:
		cfg->summary = true;
		return 0;
	case OPT_TIMEOUT:
		return parse_duration_option("timeout", arg, &cfg->profile.timeout_ns, e);
	case OPT_GRACE:
		return parse_duration_option("grace", arg, &cfg->profile.grace_ns, e);
	case OPT_STOP_SIGNAL:
		r = signal_from_name(arg);
		if (r < 0)
			return lx_error_msg(e, EINVAL, "--stop-signal: unknown signal '%s'", arg);
		cfg->profile.stop_signal = r;
		return 0;
	case OPT_PASS_FD:
		r = parse_fd(arg, &fd, e);
		return r < 0 ? r : add_pass_fd(cfg, fd, e);
	case OPT_TTY:
		cfg->tty = TTY_FORCE;
		return 0;
	case OPT_NO_TTY:
		cfg->tty = TTY_NEVER;
		return 0;
	default:
		return apply_limit(opt, arg, cfg, e);
	}
}

int options_parse(int argc, char **argv, struct launch_config *cfg, enum launch_action *action,
                  struct lx_error *e)
{
	*action = ACTION_RUN;
	opterr = 0;
	optind = 0; /* GNU: start over (the unit tests parse many times) */
	for (;;) {
		int index = -1;
		/* "+": options end at the command, whose own options are its */
		int opt = getopt_long(argc, argv, "+:h", long_options, &index);
		if (opt == -1)
			break;
		const char *shown = argv[optind - 1];
		if (opt == 'h') {
			*action = ACTION_HELP;
			return 0;
		}
		if (opt == OPT_VERSION) {
			*action = ACTION_VERSION;
			return 0;
		}
		if (opt == '?') {
			/* glibc's optopt: the option's value for a known long
			 * option given a value it does not take ("--summary=x"),
			 * the character of an unknown short option, 0 for an
			 * unknown long option */
			const char *flag = optopt ? flag_name(optopt) : NULL;
			if (flag)
				return lx_error_msg(e, EINVAL, "option '--%s' takes no value",
				                    flag);
			if (optopt)
				return lx_error_msg(e, EINVAL, "unknown option '-%c' (try --help)",
				                    optopt);
			return lx_error_msg(e, EINVAL, "unknown option '%s' (try --help)", shown);
		}
		if (opt == ':')
			return lx_error_msg(e, EINVAL, "option '%s' needs a value", shown);
		int r = apply(opt, optarg, cfg, e);
		if (r < 0)
			return r;
	}
	if (optind >= argc)
		return lx_error_msg(e, EINVAL, "no command given (try --help)");
	cfg->command = argv + optind;
	return 0;
}
