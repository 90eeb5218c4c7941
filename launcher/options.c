#include "launcher/options.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/signame.h"
#include "base/units.h"
#include "base/cleanup.h"
#include "cgroup/plan.h"
#include "launcher/state.h"
#include "profiles/names.h"

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
	OPT_PROFILE,
	OPT_CHECK,
	OPT_SHOW,
	OPT_NET,
	OPT_BIND,
	OPT_RO_BIND,
	OPT_TMPFS,
	OPT_ENV,
	OPT_CWD,
	OPT_HOSTNAME,
	OPT_NAME,
	OPT_DAEMON,
	OPT_LOG,
	OPT_PIDFILE,
	OPT_STATS_INTERVAL,
	OPT_STATS_FILE,
	OPT_LIST,
	OPT_STATS,
	OPT_STOP,
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
	{ "profile", required_argument, NULL, OPT_PROFILE },
	{ "check", no_argument, NULL, OPT_CHECK },
	{ "show", no_argument, NULL, OPT_SHOW },
	{ "net", required_argument, NULL, OPT_NET },
	{ "bind", required_argument, NULL, OPT_BIND },
	{ "ro-bind", required_argument, NULL, OPT_RO_BIND },
	{ "tmpfs", required_argument, NULL, OPT_TMPFS },
	{ "env", required_argument, NULL, OPT_ENV },
	{ "cwd", required_argument, NULL, OPT_CWD },
	{ "hostname", required_argument, NULL, OPT_HOSTNAME },
	{ "name", required_argument, NULL, OPT_NAME },
	{ "daemon", no_argument, NULL, OPT_DAEMON },
	{ "log", required_argument, NULL, OPT_LOG },
	{ "pidfile", required_argument, NULL, OPT_PIDFILE },
	{ "stats-interval", required_argument, NULL, OPT_STATS_INTERVAL },
	{ "stats-file", required_argument, NULL, OPT_STATS_FILE },
	{ "list", no_argument, NULL, OPT_LIST },
	{ "stats", required_argument, NULL, OPT_STATS },
	{ "stop", required_argument, NULL, OPT_STOP },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

static const char help_text[] =
        "Usage: launch [OPTIONS] [--] COMMAND [ARG...]\n"
        "       launch --check PROFILE...     check profiles: every problem, exit 0 or 125\n"
        "       launch --show [OPTIONS]       print the effective profile as JSON\n"
        "       launch --list                 the sandboxes running with --name\n"
        "       launch --stats NAME           one of them's usage now, as JSON\n"
        "       launch --stop NAME            stop it gracefully and wait for its end\n"
        "\n"
        "Run COMMAND in a sandbox: a new session and PID namespace with launch's init as\n"
        "PID 1, the namespaces, filesystem view, identity, capabilities and seccomp\n"
        "filter of its profile, and a cgroup that accounts what the run uses and enforces\n"
        "the limits below. Signals sent to launch are relayed to COMMAND's process group,\n"
        "but SIGTERM and SIGINT, which stop it gracefully (the stop signal, SIGKILL after\n"
        "the grace); launch exits with COMMAND's status. The profile's restart policy\n"
        "may start it again.\n"
        "\n"
        "Options (each overrides the profile's value):\n"
        "  --profile NAME     a JSON profile: a file, or the name of a shipped one\n"
        "                     (default, ci, web, strict); without it: default\n"
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
        "  --net MODE         network: none (no interfaces), loopback (only lo, up),\n"
        "                     or host (the host's network, the default)\n"
        "  --bind SRC[:DST]   bind SRC (a path on the host) at DST (default: SRC);\n"
        "                     repeatable, added after the profile's mounts\n"
        "  --ro-bind SRC[:DST] the same, read-only\n"
        "  --tmpfs DST        an empty tmpfs at DST\n"
        "  --env NAME=VALUE   set a variable in COMMAND's environment (repeatable)\n"
        "  --cwd DIR          COMMAND's working directory\n"
        "  --hostname NAME    the host name in the sandbox's own UTS namespace\n"
        "  --pass-fd N        let file descriptor N through to COMMAND (repeatable);\n"
        "                     0, 1 and 2 always pass, no other descriptor does\n"
        "  --tty              give COMMAND a pseudo-terminal even when stdin is not a\n"
        "                     terminal (all of its stdin, stdout, stderr go through it)\n"
        "  --no-tty           never give COMMAND a pseudo-terminal\n"
        "  --name NAME        register the run by name, for --list, --stats, --stop\n"
        "  --daemon           detach once the command has started (exit 0), or say why\n"
        "                     it could not (exit 125)\n"
        "  --log FILE         a daemon's output and messages, appended; SIGHUP reopens it\n"
        "  --pidfile FILE     launch's pid, in a file held locked while it runs\n"
        "  --stats-interval DUR  append a JSON line of live usage every DUR ...\n"
        "  --stats-file FILE  ... to FILE\n"
        "  -h, --help         show this help and exit\n"
        "  --version          show the version and exit\n"
        "\n"
        "DUR is 250ms, 30s, 5m, 2h, or a number of seconds (decimals allowed).\n"
        "SIZE is bytes or a number with K, M, G, T (or KiB...TiB): 512M = 512 MiB.\n"
        "SIG is a name (SIGTERM, TERM, SIGRTMIN+2) or a number.\n"
        "A relative SRC or DIR is relative to the directory launch starts in; DST is\n"
        "absolute (or ${PWD}/...).\n"
        "\n"
        "When stdin is a terminal, COMMAND gets its own pseudo-terminal: launch puts\n"
        "the terminal in raw mode while COMMAND runs, relays the bytes and the window\n"
        "size, and restores the terminal when it ends.\n"
        "\n"
        "Exit status: COMMAND's own code; 128+N if it was killed by signal N (137 and\n"
        "\"oom\" in the report for the kernel's OOM killer, 159 and \"seccomp\" for its\n"
        "seccomp filter); 124 if the time limit ended it; 125 if launch itself failed;\n"
        "126 if COMMAND could not be executed; 127 if it was not found. After restarts,\n"
        "the last run's status.\n";

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
		                    "--%s: invalid size '%s' (expected bytes or e.g. 512M, 2G)",
		                    name, value);
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
	struct profile_limits *l = &cfg->overrides.limits;
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
			return lx_error_msg(e, EINVAL,
			                    "--cpuset: '%s' is not a CPU list (e.g. 0-1,3)", arg);
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

/* A path as a profile holds it: absolute, or relative to launch's working
 * directory, which a profile spells "${PWD}" (resolved when the run
 * starts). */
static const char *profile_path(struct profile *p, const char *name, const char *path,
                                struct lx_error *e)
{
	if (!path[0]) {
		lx_error_msg(e, EINVAL, "--%s: empty path", name);
		return NULL;
	}
	if (name_path_valid(path))
		return path;
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	bool here = strcmp(path, ".") == 0 || !path[0];
	size_t size = strlen("${PWD}/") + strlen(path) + 1;
	char *out = arena_alloc(&p->arena, size);
	if (!out) {
		lx_error_errno(e, ENOMEM, "--%s", name);
		return NULL;
	}
	snprintf(out, size, here ? "${PWD}" : "${PWD}/%s", path);
	return out;
}

/* --bind SRC[:DST], --ro-bind SRC[:DST], --tmpfs DST */
static int add_mount(int opt, const char *arg, struct profile *p, struct lx_error *e)
{
	const char *name = opt == OPT_BIND ? "bind" : opt == OPT_RO_BIND ? "ro-bind" : "tmpfs";
	struct profile_mount m = { .type = opt == OPT_TMPFS ? MOUNT_TMPFS : MOUNT_BIND,
		                   .read_only = opt == OPT_RO_BIND };
	const char *colon = opt == OPT_TMPFS ? NULL : strchr(arg, ':');
	const char *target = colon ? colon + 1 : arg;
	if (opt != OPT_TMPFS) {
		char *source =
		        arena_strndup(&p->arena, arg, colon ? (size_t)(colon - arg) : strlen(arg));
		if (!source)
			return lx_error_errno(e, ENOMEM, "--%s", name);
		if (!(m.source = profile_path(p, name, source, e)))
			return -EINVAL;
		if (!colon)
			target = m.source;
	}
	if (!target[0])
		return lx_error_msg(e, EINVAL, "--%s: empty path", name);
	if (!name_path_valid(target))
		return lx_error_msg(e, EINVAL, "--%s: '%s' is not an absolute path", name, target);
	m.target = target;
	p->has_mounts = p->add_mounts = true;
	profile_add_mount(p, &m);
	return profile_failed(p) ? lx_error_errno(e, ENOMEM, "--%s", name) : 0;
}

static int set_env(const char *arg, struct profile *p, struct lx_error *e)
{
	const char *eq = strchr(arg, '=');
	if (!eq)
		return lx_error_msg(e, EINVAL, "--env: '%s' is not NAME=VALUE", arg);
	char *name = arena_strndup(&p->arena, arg, (size_t)(eq - arg));
	if (!name)
		return lx_error_errno(e, ENOMEM, "--env");
	if (!name_env_valid(name))
		return lx_error_msg(e, EINVAL,
		                    "--env: '%s' is not a variable name (letters, digits and '_', "
		                    "not first a digit)",
		                    name);
	profile_set_env(p, name, eq + 1);
	return profile_failed(p) ? lx_error_errno(e, ENOMEM, "--env") : 0;
}

/* The options for what the command sees: network, files, environment. */
static int apply_view(int opt, const char *arg, struct launch_config *cfg, struct lx_error *e)
{
	struct profile *p = &cfg->overrides;
	static const char *const networks[] = { "host", "none", "loopback" };
	switch (opt) {
	case OPT_NET:
		for (size_t i = 0; i < ARRAY_SIZE(networks); i++)
			if (strcmp(arg, networks[i]) == 0) {
				p->has_network = true;
				p->network = (enum profile_network)i;
				return 0;
			}
		return lx_error_msg(e, EINVAL, "--net: '%s' is not one of none, loopback, host",
		                    arg);
	case OPT_BIND:
	case OPT_RO_BIND:
	case OPT_TMPFS:
		return add_mount(opt, arg, p, e);
	case OPT_ENV:
		return set_env(arg, p, e);
	case OPT_CWD:
		if (!(p->cwd = profile_path(p, "cwd", arg, e)))
			return -EINVAL;
		p->has_cwd = true;
		return 0;
	case OPT_HOSTNAME:
		if (!name_hostname_valid(arg))
			return lx_error_msg(e, EINVAL,
			                    "--hostname: '%s' is not a host name (letters, digits, "
			                    "'-' and '.', at most 64)",
			                    arg);
		p->has_hostname = true;
		p->hostname = arg;
		return 0;
	default:
		return apply_limit(opt, arg, cfg, e);
	}
}

static int file_option(const char *name, const char *arg, const char **out, struct lx_error *e)
{
	if (!arg[0])
		return lx_error_msg(e, EINVAL, "--%s: empty file name", name);
	*out = arg;
	return 0;
}

/* The options of services: names, daemon mode, live statistics. */
static int apply_service(int opt, const char *arg, struct launch_config *cfg, struct lx_error *e)
{
	switch (opt) {
	case OPT_NAME:
		if (!state_name_valid(arg))
			return lx_error_msg(e, EINVAL,
			                    "--name: '%s' is not a name (1 to 64 letters, digits, "
			                    "'.', '_' and '-', not first '.' or '-')",
			                    arg);
		cfg->name = arg;
		return 0;
	case OPT_DAEMON:
		cfg->daemon = true;
		return 0;
	case OPT_LOG:
		return file_option("log", arg, &cfg->log_file, e);
	case OPT_PIDFILE:
		return file_option("pidfile", arg, &cfg->pidfile, e);
	case OPT_STATS_INTERVAL: {
		int r = parse_duration_option("stats-interval", arg, &cfg->stats_interval_ns, e);
		if (r == 0 && cfg->stats_interval_ns < NSEC_PER_MSEC * 10)
			return lx_error_msg(e, EINVAL, "--stats-interval: at least 10ms");
		return r;
	}
	case OPT_STATS_FILE:
		return file_option("stats-file", arg, &cfg->stats_file, e);
	default:
		return apply_view(opt, arg, cfg, e);
	}
}

static int apply(int opt, const char *arg, struct launch_config *cfg, struct lx_error *e)
{
	int fd = -1, r;
	switch (opt) {
	case OPT_REPORT:
		if (!arg[0])
			return lx_error_msg(e, EINVAL, "--report: empty file name");
		cfg->overrides.has_report = true;
		cfg->overrides.report = arg;
		return 0;
	case OPT_PROFILE:
		if (!arg[0])
			return lx_error_msg(e, EINVAL, "--profile: empty name");
		cfg->profile_spec = arg;
		return 0;
	case OPT_SUMMARY:
		cfg->summary = true;
		return 0;
	case OPT_TIMEOUT:
		cfg->overrides.has_timeout = true;
		r = parse_duration_option("timeout", arg, &cfg->overrides.timeout_ns, e);
		if (r == 0 && cfg->overrides.timeout_ns == 0)
			cfg->overrides.timeout_ns = PROFILE_NONE; /* 0: no limit */
		return r;
	case OPT_GRACE:
		cfg->overrides.has_grace = true;
		return parse_duration_option("grace", arg, &cfg->overrides.grace_ns, e);
	case OPT_STOP_SIGNAL:
		r = signal_from_name(arg);
		if (r < 0)
			return lx_error_msg(e, EINVAL, "--stop-signal: unknown signal '%s'", arg);
		cfg->overrides.has_stop_signal = true;
		cfg->overrides.stop_signal = r;
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
		return apply_service(opt, arg, cfg, e);
	}
}

/* Options that only make sense together, or not together. */
static int check_combinations(const struct launch_config *cfg, enum launch_action action,
                              struct lx_error *e)
{
	if (action != ACTION_RUN)
		return 0;
	if (cfg->log_file && !cfg->daemon)
		return lx_error_msg(e, EINVAL,
		                    "--log needs --daemon (without it the output is the "
		                    "caller's)");
	if (cfg->daemon && cfg->tty == TTY_FORCE)
		return lx_error_msg(e, EINVAL,
		                    "--daemon and --tty go not together: a daemon has "
		                    "no terminal");
	if (cfg->stats_interval_ns && !cfg->stats_file)
		return lx_error_msg(e, EINVAL, "--stats-interval needs --stats-file");
	if (cfg->stats_file && !cfg->stats_interval_ns)
		return lx_error_msg(e, EINVAL, "--stats-file needs --stats-interval");
	return 0;
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
		if (opt == OPT_CHECK || opt == OPT_SHOW || opt == OPT_LIST || opt == OPT_STATS ||
		    opt == OPT_STOP) {
			if (*action != ACTION_RUN)
				return lx_error_msg(
				        e, EINVAL,
				        "--check, --show, --list, --stats and --stop go "
				        "alone");
			*action = opt == OPT_CHECK   ? ACTION_CHECK
			          : opt == OPT_SHOW  ? ACTION_SHOW
			          : opt == OPT_LIST  ? ACTION_LIST
			          : opt == OPT_STATS ? ACTION_STATS
			                             : ACTION_STOP;
			if (opt == OPT_STATS || opt == OPT_STOP) {
				if (!state_name_valid(optarg))
					return lx_error_msg(e, EINVAL, "--%s: '%s' is not a name",
					                    opt == OPT_STATS ? "stats" : "stop",
					                    optarg);
				cfg->control_name = optarg;
			}
			continue;
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
	if (*action == ACTION_SHOW && optind < argc)
		return lx_error_msg(e, EINVAL, "--show takes no command");
	if ((*action == ACTION_LIST || *action == ACTION_STATS || *action == ACTION_STOP) &&
	    optind < argc)
		return lx_error_msg(e, EINVAL, "--list, --stats and --stop take no command");
	if (*action == ACTION_CHECK && optind >= argc)
		return lx_error_msg(e, EINVAL, "--check: no profile given");
	if (*action == ACTION_RUN && optind >= argc)
		return lx_error_msg(e, EINVAL, "no command given (try --help)");
	cfg->command = argv + optind;
	return check_combinations(cfg, *action, e);
}
