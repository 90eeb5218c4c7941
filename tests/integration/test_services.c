/* Services (issue 7): the restart policy, the graceful stop, live
 * statistics. A command that crashes every time restarts after growing
 * waits and launch gives up after restart.max; "always" restarts after a
 * clean exit; each restart is a fresh sandbox with the same cgroup and
 * limits; the report keeps every run; SIGTERM and SIGINT stop the service
 * with the stop signal and no restart follows, and during a backoff they end
 * launch at once; the monitor does not wake while it waits; the statistics
 * lines parse and their last one is the report's figures. Timing is
 * asserted loosely (other tests run beside these): waits at least 0.8 of
 * what they should be, and growing. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "services.h"

TestSuite(services, .init = svc_setup, .fini = svc_teardown, .timeout = 120);

/* A profile with only a restart policy, written to the test's directory as
 * NAME.json; its path into buf. */
static const char *restart_profile(char *buf, const char *name, const char *policy, int max,
                                   const char *backoff, const char *backoff_max)
{
	char file[64], text[512];
	snprintf(file, sizeof(file), "%s.json", name);
	snprintf(text, sizeof(text),
	         "{ \"restart\": { \"policy\": \"%s\", \"max\": %d, \"window\": \"60s\", "
	         "\"backoff\": \"%s\", \"backoff_max\": \"%s\" } }\n",
	         policy, max, backoff, backoff_max);
	svc_write(svc_path(buf, file), text);
	return buf;
}

static char *report_get(const char *report, const char *path)
{
	char *v = h_json_get(report, path);
	cr_assert_not_null(v, "%s: no %s", report, path);
	return v;
}

static void expect_report(const char *report, const char *path, const char *want)
{
	char *v = report_get(report, path);
	cr_expect_str_eq(v, want, "%s: %s is %s, want %s", report, path, v, want);
	free(v);
}

/* Each run's exit code in the report is want. */
static void expect_runs(const char *report, int n, const char *status, const char *code)
{
	cr_expect_eq(h_json_count(report, "/runs"), n, "%d runs, want %d",
	             h_json_count(report, "/runs"), n);
	for (int i = 0; i < n; i++) {
		char path[64];
		snprintf(path, sizeof(path), "/runs/%d/exit/status", i);
		expect_report(report, path, status);
		snprintf(path, sizeof(path), "/runs/%d/exit/code", i);
		expect_report(report, path, code);
	}
}

/* A command that printed "run" each time was restarted n times, then
 * launch gave up and exited with its last status (code, as in the report). */
static void expect_gave_up(const struct result *r, const char *report, int n, int exit_code,
                           const char *code)
{
	char runs[64] = "", text[64], restarts[16];
	for (int i = 0; i <= n; i++)
		strcat(runs, "run\n");
	cr_expect_eq(r->code, exit_code, "exit %d: %s", r->code, r->err);
	cr_expect_str_eq(r->out, runs);
	snprintf(text, sizeof(text), "giving up after %d restarts", n);
	cr_expect(h_contains(r->err, text), "%s", r->err);
	snprintf(restarts, sizeof(restarts), "%d", n);
	expect_report(report, "/restarts", restarts);
	expect_report(report, "/gave_up", "true");
	expect_runs(report, n + 1, "exited", code);
}

/* ---- the restart policy --------------------------------------------------- */

/* Exits 3 at once, every time: restarts after 300, 600 and 1200 ms (long
 * enough that an emulated guest's 150 ms of start-up cannot hide the
 * growth), then the fourth restart would be more than max 3 within the
 * window: launch gives up, says so, and exits with the last run's status. */
Test(services, a_crashing_command_restarts_with_growing_waits_then_gives_up)
{
	char profile[PATH_MAX], report[PATH_MAX];
	restart_profile(profile, "crash", "on-failure", 3, "300ms", "10s");
	svc_path(report, "report.json");
	struct child c;
	struct result r;
	const char *argv[] = { launch_bin(), "--profile", profile, "--report",         report,
		               "--",         "/bin/sh",   "-c",    "echo run; exit 3", NULL };
	h_spawn(&c, NULL, argv);
	double at[4];
	for (int i = 0; i < 4; i++) {
		char *line = h_readline(&c, 10);
		at[i] = now_s();
		cr_assert(line && !strcmp(line, "run"), "run %d: %s", i + 1, line ? line : "EOF");
		free(line);
	}
	h_wait(&c, 10, &r);
	cr_expect_eq(r.code, 3, "exit %d: %s", r.code, r.err);
	cr_expect_str_eq(r.out, "", "a fifth run: %s", r.out);
	cr_expect(h_contains(r.err, "launch: restart: giving up after 3 restarts: another would "
	                            "be more than 3 within 1m (restart.max, restart.window); "
	                            "the last run exited with code 3, launch exits 3\n"),
	          "%s", r.err);

	const double want[3] = { 0.3, 0.6, 1.2 };
	for (int i = 0; i < 3; i++) {
		double gap = at[i + 1] - at[i];
		cr_log_info("restart %d: %.0f ms after the run before (backoff %.0f ms)", i + 1,
		            gap * 1e3, want[i] * 1e3);
		cr_expect_geq(gap, 0.8 * want[i], "restart %d came after %.3f s, backoff %.1f s",
		              i + 1, gap, want[i]);
		cr_expect_lt(gap, want[i] + 2.0, "restart %d came after %.3f s", i + 1, gap);
		if (i > 0)
			cr_expect_gt(gap, at[i] - at[i - 1],
			             "the waits do not grow: %.3f then %.3f", at[i] - at[i - 1],
			             gap);
	}
	expect_report(report, "/restarts", "3");
	expect_report(report, "/gave_up", "true");
	expect_report(report, "/exit/code", "3");
	expect_runs(report, 4, "exited", "3");
	h_result_free(&r);
}

/* The shipped web profile restarts a service that fails, and gives up
 * after its 5 restarts within a minute: a profile extending it shortens
 * only the waits (objects merge key by key), so the policy and the limit
 * are web's own. */
Test(services, web_restarts_a_failing_service_and_gives_up_after_five)
{
	char profile[PATH_MAX], report[PATH_MAX];
	svc_write(svc_path(profile, "web-fast.json"),
	          "{ \"extends\": \"web\", "
	          "\"restart\": { \"backoff\": \"10ms\", \"backoff_max\": \"20ms\" } }\n");
	svc_path(report, "web-report.json");
	struct result r;
	/* web's /tmp is its own: the checkout may be under the host's */
	const char *argv[] = {
		launch_bin(), "--profile", profile, "--report",         report, "--cwd", "/",
		"--",         "/bin/sh",   "-c",    "echo run; exit 7", NULL
	};
	h_run(&r, 30, argv);
	expect_gave_up(&r, report, 5, 7, "7");
	h_result_free(&r);
}

/* "always" restarts after exit 0 too; "on-failure" does not. */
Test(services, always_restarts_after_a_clean_exit)
{
	char profile[PATH_MAX], report[PATH_MAX];
	struct result r;
	restart_profile(profile, "always", "always", 2, "50ms", "1s");
	svc_path(report, "always-report.json");
	const char *argv[] = { launch_bin(), "--profile", profile, "--report", report,
		               "--",         "/bin/sh",   "-c",    "echo run", NULL };
	h_run(&r, 20, argv);
	expect_gave_up(&r, report, 2, 0, "0");
	h_result_free(&r);

	restart_profile(profile, "on-failure", "on-failure", 2, "50ms", "1s");
	h_run(&r, 20, argv);
	cr_expect_eq(r.code, 0, "exit %d: %s", r.code, r.err);
	cr_expect_str_eq(r.out, "run\n", "restarted after exit 0");
	cr_expect_str_eq(r.err, "");
	expect_report(report, "/restarts", "0");
	expect_report(report, "/gave_up", "false");
	expect_runs(report, 1, "exited", "0");
	h_result_free(&r);
}

/* The time limit is a failure: each run gets its own. */
Test(services, the_time_limit_is_a_failure_and_each_run_has_its_own)
{
	char profile[PATH_MAX], report[PATH_MAX];
	struct result r;
	restart_profile(profile, "timeout", "on-failure", 1, "50ms", "1s");
	svc_path(report, "timeout-report.json");
	const char *argv[] = { launch_bin(),
		               "--profile",
		               profile,
		               "--report",
		               report,
		               "--timeout",
		               "200ms",
		               "--",
		               "/bin/sh",
		               "-c",
		               "echo run; exec sleep 10",
		               NULL };
	h_run(&r, 20, argv);
	cr_expect_eq(r.code, 124, "exit %d: %s", r.code, r.err);
	cr_expect_str_eq(r.out, "run\nrun\n");
	cr_expect_geq(r.seconds, 0.4 + 0.05, "two runs of 200 ms and a wait: %.3f s", r.seconds);
	cr_expect_eq(h_json_count(report, "/runs"), 2);
	for (int i = 0; i < 2; i++) {
		char path[64];
		snprintf(path, sizeof(path), "/runs/%d/exit/status", i);
		expect_report(report, path, "timeout");
		snprintf(path, sizeof(path), "/runs/%d/wall_time_s", i);
		char *wall = report_get(report, path);
		cr_expect_geq(atof(wall), 0.19, "run %d lasted %s s", i + 1, wall);
		free(wall);
	}
	h_result_free(&r);
}

/* A command that cannot be executed, or a sandbox that cannot be set up,
 * is a mistake to fix: never restarted, even under "always". */
Test(services, setup_and_exec_errors_are_not_restarted)
{
	char profile[PATH_MAX], report[PATH_MAX];
	struct result r;
	restart_profile(profile, "mistake", "always", 5, "50ms", "1s");
	svc_path(report, "mistake-report.json");
	const char *argv[] = { launch_bin(), "--profile",        profile, "--report", report,
		               "--",         "/nonexistent/cmd", NULL };
	h_run(&r, 20, argv);
	cr_expect_eq(r.code, 127, "exit %d: %s", r.code, r.err);
	cr_expect_eq(h_count(r.err, "launch: exec /nonexistent/cmd"), 1, "%s", r.err);
	expect_report(report, "/restarts", "0");
	expect_runs(report, 1, "exited", "127");
	h_result_free(&r);

	const char *argv2[] = { launch_bin(),
		                "--profile",
		                profile,
		                "--report",
		                report,
		                "--bind",
		                "/nonexistent-source:/mnt",
		                "--",
		                "/bin/true",
		                NULL };
	h_run(&r, 20, argv2);
	cr_expect_eq(r.code, 125, "exit %d: %s", r.code, r.err);
	cr_expect_eq(h_count(r.err, "bind /nonexistent-source on /mnt"), 1, "%s", r.err);
	expect_report(report, "/restarts", "0");
	expect_report(report, "/exit/status", "setup_error");
	h_result_free(&r);
}

/* The inode of a namespace of a process, and a descriptor that keeps the
 * namespace (and so its inode number) from being freed and reused. */
static unsigned long hold_ns(pid_t pid, const char *ns, int *fd)
{
	char path[64];
	struct stat st;
	snprintf(path, sizeof(path), "/proc/%d/ns/%s", pid, ns);
	*fd = open(path, O_RDONLY | O_CLOEXEC);
	cr_assert(*fd >= 0, "%s", path);
	cr_assert(fstat(*fd, &st) == 0);
	return (unsigned long)st.st_ino;
}

/* Each restart is a new sandbox: a PID and a mount namespace of its own
 * (held open from outside, so that a freed one's inode number cannot come
 * back as the next one's), the same cgroup, the same limits inside. */
Test(services, each_restart_is_a_fresh_sandbox_with_the_same_cgroup_and_limits)
{
	char profile[PATH_MAX];
	restart_profile(profile, "fresh", "always", 2, "50ms", "1s");
	struct child c;
	struct result r;
	struct spawn_opts o = { .tty_fd = -1, .stdin_pipe = true };
	/* what it sees, then it waits for a line on stdin: each run reads one */
	const char *script = "\"$0\" cgread pids.max memory.max memory.limit_in_bytes; "
	                     "echo \"ns $(readlink /proc/self/ns/pid)\"; "
	                     "echo \"cgroup $(cat /proc/self/cgroup | tr '\\n' ' ')\"; "
	                     "echo ready; read x";
	const char *argv[] = { launch_bin(), "--profile", profile, "--pids",  "17",
		               "--memory",   "64M",       "--",    "/bin/sh", "-c",
		               script,       probe_bin(), NULL };
	h_spawn(&c, &o, argv);
	unsigned long pidns[3], mntns[3];
	int fds[6];
	char *cgroup[3] = { NULL, NULL, NULL };
	for (int run = 0; run < 3; run++) {
		bool pids = false, memory = false;
		char seen_ns[64] = "";
		for (;;) {
			char *line = h_readline(&c, 10);
			cr_assert_not_null(line, "run %d: EOF", run + 1);
			if (!strcmp(line, "ready")) {
				free(line);
				break;
			}
			if (!strncmp(line, "pids.max=", 9)) {
				cr_expect_str_eq(line + 9, "17", "run %d: %s", run + 1, line);
				pids = true;
			}
			/* v2 has memory.max, v1 memory.limit_in_bytes */
			if (!strcmp(line, "memory.max=67108864") ||
			    !strcmp(line, "memory.limit_in_bytes=67108864"))
				memory = true;
			if (!strncmp(line, "ns ", 3))
				snprintf(seen_ns, sizeof(seen_ns), "%s", line + 3);
			if (!strncmp(line, "cgroup ", 7))
				cgroup[run] = strdup(line + 7);
			free(line);
		}
		cr_expect(pids, "run %d: no pids.max", run + 1);
		cr_expect(memory, "run %d: no 64 MiB memory limit", run + 1);
		pid_t init = h_init_pid(c.pid, 5);
		cr_assert_gt(init, 0);
		pidns[run] = hold_ns(init, "pid", &fds[2 * run]);
		mntns[run] = hold_ns(init, "mnt", &fds[2 * run + 1]);
		char want[64];
		snprintf(want, sizeof(want), "pid:[%lu]", pidns[run]);
		cr_expect_str_eq(seen_ns, want, "the command is in init's PID namespace");
		cr_assert(write(c.in, "\n", 1) == 1);
	}
	h_wait(&c, 20, &r);
	cr_expect_eq(r.code, 0, "exit %d: %s", r.code, r.err);
	for (int i = 0; i < 3; i++)
		for (int j = i + 1; j < 3; j++) {
			cr_expect_neq(pidns[i], pidns[j], "runs %d and %d share a PID namespace",
			              i + 1, j + 1);
			cr_expect_neq(mntns[i], mntns[j], "runs %d and %d share a mount namespace",
			              i + 1, j + 1);
		}
	cr_assert(cgroup[0] && cgroup[1] && cgroup[2]);
	cr_expect(h_contains(cgroup[0], "/launch/run-"), "%s", cgroup[0]);
	cr_expect_str_eq(cgroup[1], cgroup[0], "another cgroup for run 2");
	cr_expect_str_eq(cgroup[2], cgroup[0], "another cgroup for run 3");
	for (int i = 0; i < 6; i++)
		close(fds[i]);
	for (int i = 0; i < 3; i++)
		free(cgroup[i]);
	h_result_free(&r);
}

/* ---- stopping a service --------------------------------------------------- */

static void read_expect(struct child *c, const char *want)
{
	char *line = h_readline(c, 10);
	cr_assert(line && !strcmp(line, want), "want %s, got %s", want, line ? line : "EOF");
	free(line);
}

/* SIGTERM and SIGINT reach the command as the stop signal (here SIGQUIT,
 * as nginx wants), and no restart follows even under "always"; SIGHUP and
 * the other signals are relayed as they are. */
Test(services, sigterm_and_sigint_stop_the_service_other_signals_are_relayed)
{
	char profile[PATH_MAX], report[PATH_MAX];
	restart_profile(profile, "stop", "always", 5, "50ms", "1s");
	svc_path(report, "stop-report.json");
	const int asks[] = { SIGTERM, SIGINT };
	for (size_t i = 0; i < 2; i++) {
		struct child c;
		struct result r;
		const char *argv[] = { launch_bin(), "--profile",     profile,   "--report",
			               report,       "--stop-signal", "SIGQUIT", "--",
			               probe_bin(),  "signals",       "3",       NULL };
		h_spawn(&c, NULL, argv);
		read_expect(&c, "ready");
		kill(c.pid, SIGHUP);
		read_expect(&c, "1");
		kill(c.pid, SIGUSR1);
		read_expect(&c, "10");
		kill(c.pid, asks[i]);
		h_wait(&c, 10, &r);
		cr_expect_eq(r.code, 0, "signal %d: exit %d, %s", asks[i], r.code, r.err);
		cr_expect_str_eq(r.out, "3\n", "signal %d: the command got %s", asks[i], r.out);
		cr_expect_lt(r.seconds, 5.0);
		expect_report(report, "/restarts", "0");
		expect_report(report, "/gave_up", "false");
		expect_runs(report, 1, "exited", "0");
		h_result_free(&r);
	}
}

/* A command that does not end on the stop signal is killed after the
 * grace, and that is not restarted either. */
Test(services, sigkill_after_the_grace_and_no_restart)
{
	char profile[PATH_MAX], report[PATH_MAX];
	restart_profile(profile, "grace", "always", 5, "50ms", "1s");
	svc_path(report, "grace-report.json");
	struct child c;
	struct result r;
	const char *argv[] = { launch_bin(), "--profile", profile, "--report",
		               report,       "--grace",   "300ms", "--",
		               probe_bin(),  "signals",   "10",    NULL };
	h_spawn(&c, NULL, argv);
	read_expect(&c, "ready");
	double t0 = now_s();
	kill(c.pid, SIGTERM);
	h_wait(&c, 10, &r);
	double took = now_s() - t0;
	cr_expect_eq(r.code, 128 + SIGKILL, "exit %d: %s", r.code, r.err);
	/* the stop signal, then SIGCONT (for a stopped process to act on it) */
	cr_expect_str_eq(r.out, "15\n18\n");
	cr_expect(took >= 0.28 && took < 5, "ended %.3f s after SIGTERM, grace 0.3 s", took);
	expect_report(report, "/restarts", "0");
	expect_runs(report, 1, "signaled", "null");
	h_result_free(&r);
}

/* SIGTERM during a 5 s backoff ends launch at once, with the last run's
 * status; the restart that was waiting is not made, nor counted. While it
 * waits, the monitor sleeps: its context switches do not move. */
Test(services, sigterm_during_the_backoff_ends_at_once_and_the_wait_is_asleep)
{
	char profile[PATH_MAX], report[PATH_MAX];
	restart_profile(profile, "backoff", "on-failure", 5, "5s", "10s");
	svc_path(report, "backoff-report.json");
	struct child c;
	struct result r;
	const char *argv[] = { launch_bin(), "--profile", profile, "--report",         report,
		               "--",         "/bin/sh",   "-c",    "echo run; exit 4", NULL };
	h_spawn(&c, NULL, argv);
	read_expect(&c, "run");
	/* the run is over when init is gone */
	double deadline = now_s() + 5;
	while (h_child_of(c.pid) != 0 && now_s() < deadline)
		h_sleep(0.005);
	cr_assert_eq(h_child_of(c.pid), 0, "the run did not end");
	h_sleep(0.2);
	long before = h_ctxt_switches(c.pid);
	h_sleep(1.0);
	long after = h_ctxt_switches(c.pid);
	cr_log_info("context switches of launch during 1 s of backoff: %ld", after - before);
	cr_expect(before >= 0 && after - before <= 2,
	          "launch woke %ld times during 1 s of its backoff", after - before);

	double t0 = now_s();
	kill(c.pid, SIGTERM);
	h_wait(&c, 10, &r);
	double took = now_s() - t0;
	cr_expect_eq(r.code, 4, "exit %d: %s", r.code, r.err);
	cr_expect_lt(took, 1.0, "launch ended %.3f s after SIGTERM, 3.8 s of backoff were left",
	             took);
	cr_expect_str_eq(r.out, "", "restarted after SIGTERM: %s", r.out);
	expect_report(report, "/restarts", "0");
	expect_report(report, "/gave_up", "false");
	expect_runs(report, 1, "exited", "4");
	h_result_free(&r);
}

/* ---- live statistics ------------------------------------------------------- */

static const char *const stats_keys[] = { "time", "memory_bytes",  "cpu_percent",   "cpu_usage_s",
	                                  "pids", "io_read_bytes", "io_write_bytes" };

/* The line's keys, in order, are stats_keys. */
static void expect_stats_keys(struct fy_document *doc, int line)
{
	struct fy_node *root = fy_document_root(doc);
	cr_assert(root && fy_node_is_mapping(root), "line %d is not an object", line);
	void *iter = NULL;
	struct fy_node_pair *pair;
	size_t i = 0;
	while ((pair = fy_node_mapping_iterate(root, &iter))) {
		const char *key = fy_node_get_scalar0(fy_node_pair_key(pair));
		cr_assert_lt(i, sizeof(stats_keys) / sizeof(stats_keys[0]), "line %d: extra %s",
		             line, key);
		cr_expect_str_eq(key, stats_keys[i], "line %d: key %zu", line, i);
		i++;
	}
	cr_expect_eq(i, sizeof(stats_keys) / sizeof(stats_keys[0]), "line %d: %zu keys", line, i);
}

/* "2026-11-21T18:25:38.022Z" in seconds of the day. */
static double day_seconds(const char *t)
{
	int h, m;
	double s;
	cr_assert(t && strlen(t) == 24 && sscanf(t + 11, "%d:%d:%lfZ", &h, &m, &s) == 3, "time %s",
	          t ? t : "(none)");
	return h * 3600 + m * 60 + s;
}

/* Every line is a JSON object with the documented keys; CPU time only
 * grows, each CPU percentage is the CPU time of its interval, and the last
 * line, written at the end, has the report's own figures. The service
 * restarts once: the figures are of the whole of it. */
Test(services, stats_lines_parse_and_add_up_to_the_report)
{
	char profile[PATH_MAX], report[PATH_MAX], stats[PATH_MAX];
	restart_profile(profile, "stats", "always", 1, "50ms", "1s");
	svc_path(report, "stats-report.json");
	svc_path(stats, "stats.jsonl");
	struct result r;
	const char *argv[] = { launch_bin(),       "--profile", profile,        "--report", report,
		               "--stats-interval", "50ms",      "--stats-file", stats,      "--",
		               probe_bin(),        "burn",      "0.2",          NULL };
	h_run(&r, 30, argv);
	cr_expect_eq(r.code, 0, "exit %d: %s", r.code, r.err);
	expect_report(report, "/restarts", "1");
	char *text = svc_read(stats);
	cr_assert_not_null(text, "no %s", stats);

	int n = 0;
	double last_t = 0, last_cpu = 0;
	char last_cpu_s[32] = "", last_read[32] = "", last_write[32] = "";
	for (char *save, *line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		n++;
		struct fy_document *doc = svc_json(line);
		cr_assert_not_null(doc, "line %d is not JSON: %s", n, line);
		expect_stats_keys(doc, n);
		double t = day_seconds(svc_json_scalar(doc, "/time"));
		const char *cpu_s = svc_json_scalar(doc, "/cpu_usage_s");
		const char *pct = svc_json_scalar(doc, "/cpu_percent");
		cr_assert(cpu_s && strcmp(cpu_s, "null"), "line %d: cpu_usage_s %s", n, cpu_s);
		double cpu = atof(cpu_s);
		if (n > 1) {
			cr_expect_geq(t, last_t, "line %d: time goes back", n);
			cr_expect_geq(cpu, last_cpu, "line %d: CPU time goes back", n);
			/* times are to the millisecond, the percentage is to the
			 * tenth: loosely */
			double dt = t - last_t;
			if (dt >= 0.03 && pct && strcmp(pct, "null")) {
				double want = (cpu - last_cpu) / dt * 100;
				cr_expect(atof(pct) >= want * 0.85 - 3 &&
				                  atof(pct) <= want * 1.15 + 3,
				          "line %d: %s%% CPU, but %.6f s in %.3f s is %.1f%%", n,
				          pct, cpu - last_cpu, dt, want);
			}
		}
		last_t = t;
		last_cpu = cpu;
		snprintf(last_cpu_s, sizeof(last_cpu_s), "%s", cpu_s);
		snprintf(last_read, sizeof(last_read), "%s",
		         svc_json_scalar(doc, "/io_read_bytes"));
		snprintf(last_write, sizeof(last_write), "%s",
		         svc_json_scalar(doc, "/io_write_bytes"));
		fy_document_destroy(doc);
	}
	cr_log_info("%d statistics lines, the last: %.6f s of CPU", n, last_cpu);
	/* 2 runs of at least 0.2 s each, a line every 50 ms, and the last */
	cr_expect_geq(n, 6, "%d lines", n);
	cr_expect_geq(last_cpu, 0.4, "two runs of 0.2 s of CPU: %.6f s", last_cpu);
	expect_report(report, "/cgroup/cpu/usage_s", last_cpu_s);
	expect_report(report, "/cgroup/io/read_bytes", last_read);
	expect_report(report, "/cgroup/io/write_bytes", last_write);
	free(text);
	h_result_free(&r);
}
