/* launcher/options.h: the command line. Every option and its effect on the
 * configuration, where the command starts ("--", the first non-option,
 * options after it belong to it), and the exact message for each kind of
 * mistake. The configuration starts as launcher/main.c sets it up. */
#include <criterion/criterion.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "base/units.h"
#include "launcher/options.h"

struct parsed {
	int r;
	struct launch_config cfg;
	enum launch_action action;
	struct lx_error error;
};

/* argv must end with NULL, as a real one does. */
static void parse(struct parsed *p, char **argv)
{
	int argc = 0;
	while (argv[argc])
		argc++;
	memset(p, 0, sizeof(*p));
	p->cfg = (struct launch_config){ .profile_name = "default", .tty = TTY_AUTO };
	profile_init(&p->cfg.overrides);
	p->action = (enum launch_action) - 1;
	p->r = options_parse(argc, argv, &p->cfg, &p->action, &p->error);
}

static void expect_ok(const struct parsed *p)
{
	cr_assert_eq(p->r, 0, "options_parse failed: %s", p->error.message);
	cr_expect_not(lx_error_is_set(&p->error), "error set on success: %s", p->error.message);
}

static void expect_error(char **argv, const char *message)
{
	struct parsed p;
	parse(&p, argv);
	cr_expect_eq(p.r, -EINVAL, "options_parse = %d, want -EINVAL", p.r);
	cr_expect_eq(p.error.code, EINVAL);
	cr_expect_str_eq(p.error.message, message, "got \"%s\", want \"%s\"", p.error.message,
	                 message);
}

/* The command found must be exactly want (NULL-terminated). */
static void expect_command(const struct parsed *p, const char *const *want)
{
	cr_assert_not_null(p->cfg.command);
	size_t i = 0;
	for (; want[i]; i++) {
		cr_assert_not_null(p->cfg.command[i], "command ends at %zu", i);
		cr_expect_str_eq(p->cfg.command[i], want[i], "command word %zu", i);
	}
	cr_expect_null(p->cfg.command[i], "command is longer than expected");
}

TestSuite(options);

Test(options, defaults_and_command)
{
	struct parsed p;
	char *argv[] = { "launch", "cmd", "arg", NULL };
	parse(&p, argv);
	expect_ok(&p);
	cr_expect_eq(p.action, ACTION_RUN);
	cr_expect_eq(p.cfg.command, argv + 1, "the command points into argv");
	expect_command(&p, (const char *[]){ "cmd", "arg", NULL });
	const struct profile *o = &p.cfg.overrides;
	cr_expect_not(o->has_timeout || o->has_grace || o->has_stop_signal || o->has_report,
	              "no option, no override");
	cr_expect_not(profile_has_limits(&o->limits));
	cr_expect_not(o->has_mounts || o->has_network || o->has_cwd || o->has_hostname);
	cr_expect_eq(o->n_env_set, 0);
	cr_expect_null(p.cfg.profile_spec);
	cr_expect_not(p.cfg.summary);
	cr_expect_eq(p.cfg.tty, TTY_AUTO);
	cr_expect_eq(p.cfg.n_pass_fds, 0);
	cr_expect_str_eq(p.cfg.profile_name, "default");
}

Test(options, report)
{
	struct parsed p;
	char *a1[] = { "launch", "--report", "/tmp/r.json", "cmd", NULL };
	parse(&p, a1);
	expect_ok(&p);
	cr_expect_str_eq(p.cfg.overrides.report, "/tmp/r.json");
	expect_command(&p, (const char *[]){ "cmd", NULL });

	char *a2[] = { "launch", "--report=out.json", "cmd", NULL };
	parse(&p, a2);
	expect_ok(&p);
	cr_expect_str_eq(p.cfg.overrides.report, "out.json");

	char *a3[] = { "launch", "--report", "a", "--report", "b", "cmd", NULL };
	parse(&p, a3);
	expect_ok(&p);
	cr_expect_str_eq(p.cfg.overrides.report, "b", "the last one wins");
}

Test(options, summary)
{
	struct parsed p;
	char *argv[] = { "launch", "--summary", "cmd", NULL };
	parse(&p, argv);
	expect_ok(&p);
	cr_expect(p.cfg.summary);
	expect_command(&p, (const char *[]){ "cmd", NULL });
}

Test(options, timeout_and_grace)
{
	struct parsed p;
	char *a1[] = { "launch", "--timeout", "250ms", "--grace", "2s", "cmd", NULL };
	parse(&p, a1);
	expect_ok(&p);
	cr_expect_eq(p.cfg.overrides.timeout_ns, 250 * NSEC_PER_MSEC);
	cr_expect_eq(p.cfg.overrides.grace_ns, 2 * NSEC_PER_SEC);

	char *a2[] = { "launch", "--timeout=5m", "--grace=0", "cmd", NULL };
	parse(&p, a2);
	expect_ok(&p);
	cr_expect_eq(p.cfg.overrides.timeout_ns, 300 * NSEC_PER_SEC);
	cr_expect_eq(p.cfg.overrides.grace_ns, 0);

	char *a3[] = { "launch", "--timeout", "1.5", "cmd", NULL };
	parse(&p, a3);
	expect_ok(&p);
	cr_expect_eq(p.cfg.overrides.timeout_ns, 1500 * NSEC_PER_MSEC);

	char *a4[] = { "launch", "--timeout", "2h", "--timeout", "0", "cmd", NULL };
	parse(&p, a4);
	expect_ok(&p);
	cr_expect_eq(p.cfg.overrides.timeout_ns, PROFILE_NONE, "the last one wins: 0 is none");
}

Test(options, stop_signal)
{
	static const struct {
		char *value;
		int sig;
	} cases[] = {
		{ "SIGINT", SIGINT }, { "hup", SIGHUP }, { "9", SIGKILL },
		{ "USR1", SIGUSR1 },  { "RTMIN+1", 35 }, { "SIGRTMAX", 64 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct parsed p;
		char *argv[] = { "launch", "--stop-signal", cases[i].value, "cmd", NULL };
		parse(&p, argv);
		expect_ok(&p);
		cr_expect_eq(p.cfg.overrides.stop_signal, cases[i].sig, "--stop-signal %s",
		             cases[i].value);
	}
}

Test(options, pass_fd)
{
	struct parsed p;
	char *argv[] = {
		"launch",    "--pass-fd", "3",         "--pass-fd=5", "--pass-fd", "3",
		"--pass-fd", "0",         "--pass-fd", "1",           "--pass-fd", "2",
		"--pass-fd", "1000",      "cmd",       NULL,
	};
	parse(&p, argv);
	expect_ok(&p);
	cr_assert_eq(p.cfg.n_pass_fds, 3, "0-2 and duplicates are not listed");
	cr_expect_eq(p.cfg.pass_fds[0], 3);
	cr_expect_eq(p.cfg.pass_fds[1], 5);
	cr_expect_eq(p.cfg.pass_fds[2], 1000);
}

/* "launch --pass-fd 3 ... --pass-fd (3+n-1) cmd" in bufs. */
static void pass_fd_argv(char **argv, char (*bufs)[16], int n)
{
	int a = 0;
	argv[a++] = "launch";
	for (int i = 0; i < n; i++) {
		snprintf(bufs[i], sizeof(bufs[i]), "%d", 3 + i);
		argv[a++] = "--pass-fd";
		argv[a++] = bufs[i];
	}
	argv[a++] = "cmd";
	argv[a] = NULL;
}

Test(options, pass_fd_limit)
{
	char bufs[LAUNCH_MAX_PASS_FDS + 1][16];
	char *argv[2 * (LAUNCH_MAX_PASS_FDS + 1) + 3];
	struct parsed p;

	pass_fd_argv(argv, bufs, LAUNCH_MAX_PASS_FDS);
	parse(&p, argv);
	expect_ok(&p);
	cr_expect_eq(p.cfg.n_pass_fds, LAUNCH_MAX_PASS_FDS);
	cr_expect_eq(p.cfg.pass_fds[LAUNCH_MAX_PASS_FDS - 1], 3 + LAUNCH_MAX_PASS_FDS - 1);

	pass_fd_argv(argv, bufs, LAUNCH_MAX_PASS_FDS + 1);
	expect_error(argv, "--pass-fd: at most 32 descriptors can be passed");
}

Test(options, tty)
{
	struct parsed p;
	char *a1[] = { "launch", "--tty", "cmd", NULL };
	parse(&p, a1);
	expect_ok(&p);
	cr_expect_eq(p.cfg.tty, TTY_FORCE);

	char *a2[] = { "launch", "--no-tty", "cmd", NULL };
	parse(&p, a2);
	expect_ok(&p);
	cr_expect_eq(p.cfg.tty, TTY_NEVER);

	char *a3[] = { "launch", "--no-tty", "--tty", "cmd", NULL };
	parse(&p, a3);
	expect_ok(&p);
	cr_expect_eq(p.cfg.tty, TTY_FORCE, "the last one wins");
}

Test(options, help_and_version)
{
	struct parsed p;
	char *a1[] = { "launch", "-h", NULL };
	parse(&p, a1);
	expect_ok(&p);
	cr_expect_eq(p.action, ACTION_HELP);

	char *a2[] = { "launch", "--summary", "--help", "cmd", NULL };
	parse(&p, a2);
	expect_ok(&p);
	cr_expect_eq(p.action, ACTION_HELP);

	char *a3[] = { "launch", "--version", NULL };
	parse(&p, a3);
	expect_ok(&p);
	cr_expect_eq(p.action, ACTION_VERSION);

	/* after the command they are the command's */
	char *a4[] = { "launch", "cmd", "--help", "--version", "-h", NULL };
	parse(&p, a4);
	expect_ok(&p);
	cr_expect_eq(p.action, ACTION_RUN);
	expect_command(&p, (const char *[]){ "cmd", "--help", "--version", "-h", NULL });
}

Test(options, options_after_the_command_are_its_own)
{
	struct parsed p;
	char *argv[] = { "launch", "--summary", "ls", "-l", "--timeout", "5", "--", "x", NULL };
	parse(&p, argv);
	expect_ok(&p);
	cr_expect(p.cfg.summary);
	cr_expect_not(p.cfg.overrides.has_timeout);
	expect_command(&p, (const char *[]){ "ls", "-l", "--timeout", "5", "--", "x", NULL });
}

Test(options, double_dash_ends_the_options)
{
	struct parsed p;
	char *a1[] = { "launch", "--", "--summary", "-h", NULL };
	parse(&p, a1);
	expect_ok(&p);
	cr_expect_eq(p.action, ACTION_RUN);
	cr_expect_not(p.cfg.summary);
	expect_command(&p, (const char *[]){ "--summary", "-h", NULL });

	char *a2[] = { "launch", "--no-tty", "--", "cmd", "--", NULL };
	parse(&p, a2);
	expect_ok(&p);
	cr_expect_eq(p.cfg.tty, TTY_NEVER);
	expect_command(&p, (const char *[]){ "cmd", "--", NULL });

	/* a lone "-" is not an option */
	char *a3[] = { "launch", "-", "x", NULL };
	parse(&p, a3);
	expect_ok(&p);
	expect_command(&p, (const char *[]){ "-", "x", NULL });
}

Test(options, parses_again_from_the_start)
{
	struct parsed p;
	char *a1[] = { "launch", "--summary", "-x", "cmd", NULL };
	parse(&p, a1);
	cr_expect_eq(p.r, -EINVAL);
	/* a second parse must not resume where the first one stopped */
	char *a2[] = { "launch", "--tty", "cmd", NULL };
	parse(&p, a2);
	expect_ok(&p);
	cr_expect_eq(p.cfg.tty, TTY_FORCE);
	expect_command(&p, (const char *[]){ "cmd", NULL });
}

Test(options, unknown_option)
{
	expect_error((char *[]){ "launch", "--bogus", "cmd", NULL },
	             "unknown option '--bogus' (try --help)");
	expect_error((char *[]){ "launch", "--bogus=1", "cmd", NULL },
	             "unknown option '--bogus=1' (try --help)");
	expect_error((char *[]){ "launch", "-x", "cmd", NULL }, "unknown option '-x' (try --help)");
	expect_error((char *[]){ "launch", "--summary", "-q", "cmd", NULL },
	             "unknown option '-q' (try --help)");
	/* the unknown one in a cluster is named, not the argument before */
	expect_error((char *[]){ "launch", "--summary", "-xh", "cmd", NULL },
	             "unknown option '-x' (try --help)");
}

Test(options, value_given_to_a_flag)
{
	expect_error((char *[]){ "launch", "--summary=yes", "cmd", NULL },
	             "option '--summary' takes no value");
	expect_error((char *[]){ "launch", "--tty=1", "cmd", NULL },
	             "option '--tty' takes no value");
	expect_error((char *[]){ "launch", "--help=x", "cmd", NULL },
	             "option '--help' takes no value");
	expect_error((char *[]){ "launch", "--version=2", NULL },
	             "option '--version' takes no value");
	expect_error((char *[]){ "launch", "--no-tty=", "cmd", NULL },
	             "option '--no-tty' takes no value");
}

Test(options, missing_value)
{
	static const char *const opts[] = { "--report", "--timeout", "--grace", "--stop-signal",
		                            "--pass-fd" };
	for (size_t i = 0; i < sizeof(opts) / sizeof(opts[0]); i++) {
		char want[64];
		snprintf(want, sizeof(want), "option '%s' needs a value", opts[i]);
		expect_error((char *[]){ "launch", (char *)opts[i], NULL }, want);
	}
}

Test(options, empty_report_name)
{
	expect_error((char *[]){ "launch", "--report", "", "cmd", NULL },
	             "--report: empty file name");
	expect_error((char *[]){ "launch", "--report=", "cmd", NULL }, "--report: empty file name");
}

Test(options, bad_duration)
{
	expect_error((char *[]){ "launch", "--timeout", "5x", "cmd", NULL },
	             "--timeout: invalid duration '5x' (expected e.g. 250ms, 30s, 5m, 2h)");
	expect_error((char *[]){ "launch", "--timeout=", "cmd", NULL },
	             "--timeout: invalid duration '' (expected e.g. 250ms, 30s, 5m, 2h)");
	expect_error((char *[]){ "launch", "--grace", "-1", "cmd", NULL },
	             "--grace: invalid duration '-1' (expected e.g. 250ms, 30s, 5m, 2h)");
	expect_error((char *[]){ "launch", "--grace", "5M", "cmd", NULL },
	             "--grace: invalid duration '5M' (expected e.g. 250ms, 30s, 5m, 2h)");
	expect_error((char *[]){ "launch", "--timeout", "99999999999", "cmd", NULL },
	             "--timeout: duration '99999999999' is too large");
	expect_error((char *[]){ "launch", "--grace", "9999999h", "cmd", NULL },
	             "--grace: duration '9999999h' is too large");
}

Test(options, bad_signal)
{
	expect_error((char *[]){ "launch", "--stop-signal", "SIGFOO", "cmd", NULL },
	             "--stop-signal: unknown signal 'SIGFOO'");
	expect_error((char *[]){ "launch", "--stop-signal", "0", "cmd", NULL },
	             "--stop-signal: unknown signal '0'");
	expect_error((char *[]){ "launch", "--stop-signal", "65", "cmd", NULL },
	             "--stop-signal: unknown signal '65'");
	expect_error((char *[]){ "launch", "--stop-signal=", "cmd", NULL },
	             "--stop-signal: unknown signal ''");
}

Test(options, bad_fd)
{
	static const char *const bad[] = {
		"abc", "-1",  "+3",          " 3",         "3 ",  "",
		"0x3", "3.0", "99999999999", "2147483648", "\t3", "\n3",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char arg[64], want[128];
		snprintf(arg, sizeof(arg), "--pass-fd=%s", bad[i]);
		snprintf(want, sizeof(want), "--pass-fd: invalid file descriptor '%s'", bad[i]);
		expect_error((char *[]){ "launch", arg, "cmd", NULL }, want);
	}
}

Test(options, no_command)
{
	expect_error((char *[]){ "launch", NULL }, "no command given (try --help)");
	expect_error((char *[]){ "launch", "--summary", NULL }, "no command given (try --help)");
	expect_error((char *[]){ "launch", "--", NULL }, "no command given (try --help)");
	expect_error((char *[]){ "launch", "--timeout", "1s", "--", NULL },
	             "no command given (try --help)");
}

Test(options, help_text)
{
	char buf[8192] = "";
	FILE *f = fmemopen(buf, sizeof(buf) - 1, "w");
	cr_assert_not_null(f);
	options_print_help(f);
	fclose(f);
	const char *usage = "Usage: launch [OPTIONS] [--] COMMAND [ARG...]\n";
	cr_expect_eq(strncmp(buf, usage, strlen(usage)), 0, "help starts: %.60s", buf);
	static const char *const mentioned[] = {
		"--report FILE",
		"--summary",
		"--timeout DUR",
		"--grace DUR",
		"--stop-signal SIG",
		"--pass-fd N",
		"--tty",
		"--no-tty",
		"-h, --help",
		"--version",
		"--profile NAME",
		"--check PROFILE",
		"--show",
		"--net MODE",
		"--bind SRC[:DST]",
		"--ro-bind SRC[:DST]",
		"--tmpfs DST",
		"--env NAME=VALUE",
		"--cwd DIR",
		"--hostname NAME",
		"--memory SIZE",
		"--cpus N",
		"--pids N",
	};
	for (size_t i = 0; i < sizeof(mentioned) / sizeof(mentioned[0]); i++)
		cr_expect_not_null(strstr(buf, mentioned[i]), "help does not mention %s",
		                   mentioned[i]);
}

Test(options, limits)
{
	struct parsed p;
	char *argv[] = { "launch", "--memory",    "512M", "--memory-high", "400M", "--swap",
		         "0",      "--cpus",      "1.5",  "--cpu-weight",  "200",  "--pids",
		         "64",     "--io-weight", "50",   "--cpuset",      "0-1",  "cmd",
		         NULL };
	parse(&p, argv);
	expect_ok(&p);
	const struct profile_limits *l = &p.cfg.overrides.limits;
	cr_expect(l->has_memory && l->memory == 512ULL << 20);
	cr_expect(l->has_memory_high && l->memory_high == 400ULL << 20);
	cr_expect(l->has_swap && l->swap == 0);
	cr_expect(l->has_cpus && l->cpus == 1500000);
	cr_expect(l->has_cpu_weight && l->cpu_weight == 200);
	cr_expect(l->has_pids && l->pids == 64);
	cr_expect(l->has_io_weight && l->io_weight == 50);
	cr_expect_str_eq(l->cpuset, "0-1");
}

Test(options, bad_limits)
{
	expect_error((char *[]){ "launch", "--memory", "0", "cmd", NULL },
	             "--memory: 0 is not a limit");
	expect_error((char *[]){ "launch", "--memory", "-1", "cmd", NULL },
	             "--memory: invalid size '-1' (expected bytes or e.g. 512M, 2G)");
	expect_error((char *[]){ "launch", "--pids", "0", "cmd", NULL },
	             "--pids: 0 is not in 1..4294967295");
	expect_error((char *[]){ "launch", "--cpus", "0", "cmd", NULL },
	             "--cpus: '0' is not a number of CPUs (e.g. 0.5, 2)");
	expect_error((char *[]){ "launch", "--cpu-weight", "10001", "cmd", NULL },
	             "--cpu-weight: 10001 is not in 1..10000");
	expect_error((char *[]){ "launch", "--cpuset", "1-", "cmd", NULL },
	             "--cpuset: '1-' is not a CPU list (e.g. 0-1,3)");
}

Test(options, network_and_host_name)
{
	struct parsed p;
	char *argv[] = { "launch", "--net", "none", "--hostname", "box.local", "cmd", NULL };
	parse(&p, argv);
	expect_ok(&p);
	cr_expect(p.cfg.overrides.has_network);
	cr_expect_eq(p.cfg.overrides.network, NET_NONE);
	cr_expect_str_eq(p.cfg.overrides.hostname, "box.local");
	char *a2[] = { "launch", "--net", "loopback", "cmd", NULL };
	parse(&p, a2);
	expect_ok(&p);
	cr_expect_eq(p.cfg.overrides.network, NET_LOOPBACK);
	expect_error((char *[]){ "launch", "--net", "bridge", "cmd", NULL },
	             "--net: 'bridge' is not one of none, loopback, host");
	expect_error((char *[]){ "launch", "--hostname", "-x", "cmd", NULL },
	             "--hostname: '-x' is not a host name (letters, digits, '-' and '.', at "
	             "most 64)");
}

Test(options, mounts_are_added_in_order)
{
	struct parsed p;
	char *argv[] = { "launch", "--bind", ".:/work",        "--ro-bind", "/usr", "--tmpfs",
		         "/tmp",   "--bind", "src/x:${PWD}/y", "cmd",       NULL };
	parse(&p, argv);
	expect_ok(&p);
	const struct profile *o = &p.cfg.overrides;
	cr_expect(o->has_mounts && o->add_mounts, "added to the profile's, not in their place");
	cr_assert_eq(o->n_mounts, 4);
	cr_expect_eq(o->mounts[0].type, MOUNT_BIND);
	cr_expect_str_eq(o->mounts[0].source, "${PWD}");
	cr_expect_str_eq(o->mounts[0].target, "/work");
	cr_expect_not(o->mounts[0].read_only);
	cr_expect_str_eq(o->mounts[1].source, "/usr");
	cr_expect_str_eq(o->mounts[1].target, "/usr", "DST defaults to SRC");
	cr_expect(o->mounts[1].read_only);
	cr_expect_eq(o->mounts[2].type, MOUNT_TMPFS);
	cr_expect_null(o->mounts[2].source);
	cr_expect_str_eq(o->mounts[2].target, "/tmp");
	cr_expect_str_eq(o->mounts[3].source, "${PWD}/src/x");
	cr_expect_str_eq(o->mounts[3].target, "${PWD}/y");
	profile_free(&p.cfg.overrides);

	expect_error((char *[]){ "launch", "--tmpfs", "tmp", "cmd", NULL },
	             "--tmpfs: 'tmp' is not an absolute path");
	expect_error((char *[]){ "launch", "--bind", "/a:b", "cmd", NULL },
	             "--bind: 'b' is not an absolute path");
	expect_error((char *[]){ "launch", "--ro-bind", "", "cmd", NULL }, "--ro-bind: empty path");
	expect_error((char *[]){ "launch", "--bind", "/a:", "cmd", NULL }, "--bind: empty path");
}

Test(options, environment_and_directory)
{
	struct parsed p;
	char *argv[] = { "launch", "--env", "A=1", "--env", "B=", "--env",
		         "A=x=y",  "--cwd", "sub", "cmd",   NULL };
	parse(&p, argv);
	expect_ok(&p);
	const struct profile *o = &p.cfg.overrides;
	cr_assert_eq(o->n_env_set, 2, "one A: the last one wins");
	cr_expect_str_eq(o->env_set[0].name, "A");
	cr_expect_str_eq(o->env_set[0].value, "x=y");
	cr_expect_str_eq(o->env_set[1].name, "B");
	cr_expect_str_eq(o->env_set[1].value, "");
	cr_expect_str_eq(o->cwd, "${PWD}/sub");
	profile_free(&p.cfg.overrides);
	expect_error((char *[]){ "launch", "--env", "A", "cmd", NULL },
	             "--env: 'A' is not NAME=VALUE");
	expect_error((char *[]){ "launch", "--env", "1A=b", "cmd", NULL },
	             "--env: '1A' is not a variable name (letters, digits and '_', not first a "
	             "digit)");
}

Test(options, check_and_show)
{
	struct parsed p;
	char *a1[] = { "launch", "--check", "a.json", "b.json", NULL };
	parse(&p, a1);
	expect_ok(&p);
	cr_expect_eq(p.action, ACTION_CHECK);
	expect_command(&p, (const char *[]){ "a.json", "b.json", NULL });
	char *a2[] = { "launch", "--show", "--profile", "ci", "--memory", "1G", NULL };
	parse(&p, a2);
	expect_ok(&p);
	cr_expect_eq(p.action, ACTION_SHOW);
	cr_expect_str_eq(p.cfg.profile_spec, "ci");
	cr_expect(p.cfg.overrides.limits.has_memory);
	expect_error((char *[]){ "launch", "--check", NULL }, "--check: no profile given");
	expect_error((char *[]){ "launch", "--show", "cmd", NULL }, "--show takes no command");
	expect_error((char *[]){ "launch", "--show", "--check", "x", NULL },
	             "--check, --show, --list, --stats and --stop go alone");
	expect_error((char *[]){ "launch", "--profile", "", "cmd", NULL }, "--profile: empty name");
}

/* ---- services ---------------------------------------------------------- */

Test(options, service_options)
{
	struct parsed p;
	char *argv[] = { "launch",
		         "--name",
		         "web-1",
		         "--daemon",
		         "--log",
		         "/var/log/w",
		         "--pidfile",
		         "/run/w.pid",
		         "--stats-interval",
		         "250ms",
		         "--stats-file",
		         "s.jsonl",
		         "nginx",
		         NULL };
	parse(&p, argv);
	expect_ok(&p);
	cr_expect_eq(p.action, ACTION_RUN);
	cr_expect_str_eq(p.cfg.name, "web-1");
	cr_expect(p.cfg.daemon);
	cr_expect_str_eq(p.cfg.log_file, "/var/log/w");
	cr_expect_str_eq(p.cfg.pidfile, "/run/w.pid");
	cr_expect_eq(p.cfg.stats_interval_ns, 250 * NSEC_PER_MSEC);
	cr_expect_str_eq(p.cfg.stats_file, "s.jsonl");
	cr_expect_null(p.cfg.control_name);
	expect_command(&p, (const char *[]){ "nginx", NULL });

	/* none of them by default */
	char *plain[] = { "launch", "cmd", NULL };
	parse(&p, plain);
	expect_ok(&p);
	cr_expect_null(p.cfg.name);
	cr_expect_not(p.cfg.daemon);
	cr_expect_null(p.cfg.log_file);
	cr_expect_null(p.cfg.pidfile);
	cr_expect_eq(p.cfg.stats_interval_ns, 0);
	cr_expect_null(p.cfg.stats_file);
}

/* A pidfile and statistics work without --daemon too. */
Test(options, pidfile_and_stats_without_daemon)
{
	struct parsed p;
	char *argv[] = { "launch", "--pidfile",    "p", "--stats-interval",
		         "10ms",   "--stats-file", "f", "--name",
		         "a",      "cmd",          NULL };
	parse(&p, argv);
	expect_ok(&p);
	cr_expect_not(p.cfg.daemon);
	cr_expect_eq(p.cfg.stats_interval_ns, 10 * NSEC_PER_MSEC, "10ms is the least");
}

Test(options, list_stats_stop)
{
	struct parsed p;
	char *a1[] = { "launch", "--list", NULL };
	parse(&p, a1);
	expect_ok(&p);
	cr_expect_eq(p.action, ACTION_LIST);
	char *a2[] = { "launch", "--stats", "web", NULL };
	parse(&p, a2);
	expect_ok(&p);
	cr_expect_eq(p.action, ACTION_STATS);
	cr_expect_str_eq(p.cfg.control_name, "web");
	char *a3[] = { "launch", "--stop=db.2", NULL };
	parse(&p, a3);
	expect_ok(&p);
	cr_expect_eq(p.action, ACTION_STOP);
	cr_expect_str_eq(p.cfg.control_name, "db.2");
	/* what only a run uses is not checked for the others */
	char *a4[] = { "launch", "--log", "x", "--list", NULL };
	parse(&p, a4);
	expect_ok(&p);
	cr_expect_eq(p.action, ACTION_LIST);
}

Test(options, list_stats_stop_go_alone)
{
	const char *alone = "--check, --show, --list, --stats and --stop go alone";
	expect_error((char *[]){ "launch", "--list", "--stop", "a", NULL }, alone);
	expect_error((char *[]){ "launch", "--stats", "a", "--stop", "a", NULL }, alone);
	expect_error((char *[]){ "launch", "--show", "--list", NULL }, alone);
	expect_error((char *[]){ "launch", "--list", "--check", "p.json", NULL }, alone);
	const char *no_command = "--list, --stats and --stop take no command";
	expect_error((char *[]){ "launch", "--list", "cmd", NULL }, no_command);
	expect_error((char *[]){ "launch", "--stats", "a", "cmd", NULL }, no_command);
	expect_error((char *[]){ "launch", "--stop", "a", "--", "cmd", NULL }, no_command);
	expect_error((char *[]){ "launch", "--stop", NULL }, "option '--stop' needs a value");
	expect_error((char *[]){ "launch", "--list=x", NULL }, "option '--list' takes no value");
	expect_error((char *[]){ "launch", "--daemon=yes", "cmd", NULL },
	             "option '--daemon' takes no value");
}

Test(options, bad_names)
{
	const char *why = "(1 to 64 letters, digits, '.', '_' and '-', not first '.' or '-')";
	char want[160];
	static const char *const bad[] = { "", "../x", "a/b", ".a", "-a", "a b" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(want, sizeof(want), "--name: '%s' is not a name %s", bad[i], why);
		expect_error((char *[]){ "launch", "--name", (char *)bad[i], "cmd", NULL }, want);
	}
	expect_error((char *[]){ "launch", "--stats", "../etc/passwd", NULL },
	             "--stats: '../etc/passwd' is not a name");
	expect_error((char *[]){ "launch", "--stop=a/b", NULL }, "--stop: 'a/b' is not a name");
	/* the option after --stats is its value, and not a name */
	expect_error((char *[]){ "launch", "--stats", "--list", NULL },
	             "--stats: '--list' is not a name");
}

Test(options, service_combinations)
{
	expect_error((char *[]){ "launch", "--log", "l", "cmd", NULL },
	             "--log needs --daemon (without it the output is the caller's)");
	expect_error((char *[]){ "launch", "--daemon", "--tty", "cmd", NULL },
	             "--daemon and --tty go not together: a daemon has no terminal");
	expect_error((char *[]){ "launch", "--tty", "--daemon", "cmd", NULL },
	             "--daemon and --tty go not together: a daemon has no terminal");
	expect_error((char *[]){ "launch", "--stats-interval", "1s", "cmd", NULL },
	             "--stats-interval needs --stats-file");
	expect_error((char *[]){ "launch", "--stats-file", "f", "cmd", NULL },
	             "--stats-file needs --stats-interval");
	struct parsed p;
	char *ok[] = { "launch", "--daemon", "--no-tty", "--log", "l", "cmd", NULL };
	parse(&p, ok);
	expect_ok(&p);
	cr_expect_eq(p.cfg.tty, TTY_NEVER);
}

Test(options, bad_service_values)
{
	expect_error(
	        (char *[]){ "launch", "--stats-interval", "9ms", "--stats-file", "f", "cmd", NULL },
	        "--stats-interval: at least 10ms");
	expect_error(
	        (char *[]){ "launch", "--stats-interval", "0", "--stats-file", "f", "cmd", NULL },
	        "--stats-interval: at least 10ms");
	expect_error((char *[]){ "launch", "--stats-interval", "often", "--stats-file", "f", "cmd",
	                         NULL },
	             "--stats-interval: invalid duration 'often' (expected e.g. 250ms, 30s, 5m, "
	             "2h)");
	expect_error((char *[]){ "launch", "--daemon", "--log", "", "cmd", NULL },
	             "--log: empty file name");
	expect_error((char *[]){ "launch", "--pidfile=", "cmd", NULL },
	             "--pidfile: empty file name");
	expect_error(
	        (char *[]){ "launch", "--stats-interval", "1s", "--stats-file", "", "cmd", NULL },
	        "--stats-file: empty file name");
}
