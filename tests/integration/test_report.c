/* Report (issue 2, item 9): --report writes the SPEC's JSON; --summary
 * prints a short account on stderr. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"

TestSuite(report, .fini = h_cleanup, .timeout = 60);

static const char *report_path(void)
{
	static char path[256];
	snprintf(path, sizeof(path), "%s/report.json", h_tmpdir());
	return path;
}

static void expect_field(const char *path, const char *key, const char *value)
{
	char *v = h_json_get(report_path(), path);
	cr_expect(v != NULL, "%s missing", path);
	if (v && value)
		cr_expect_str_eq(v, value, "%s", key);
	free(v);
}

static double number(const char *path)
{
	char *v = h_json_get(report_path(), path);
	cr_assert(v, "%s missing", path);
	double d = strtod(v, NULL);
	free(v);
	return d;
}

static void run(const char *const extra[], int code)
{
	const char *argv[32] = { launch_bin(), "--report", report_path() };
	size_t n = 3;
	for (size_t i = 0; extra[i]; i++)
		argv[n++] = extra[i];
	argv[n] = NULL;
	struct result r;
	h_run(&r, 20, argv);
	cr_assert_eq(r.code, code, "exit %d, stderr %s", r.code, r.err);
	h_result_free(&r);
}

Test(report, exited_run_has_every_field)
{
	const char *cmd[] = { "--", probe_bin(), "exit", "3", NULL };
	run(cmd, 3);
	expect_field("/launch_version", "version", "0.1.0");
	expect_field("/profile", "profile", "default");
	cr_expect_eq(h_json_count(report_path(), "/command"), 3);
	expect_field("/command/1", "command", "exit");
	expect_field("/exit/status", "status", "exited");
	expect_field("/exit/code", "code", "3");
	expect_field("/exit/signal", "signal", "null");
	expect_field("/exit/signal_name", "signal_name", "null");
	expect_field("/exit/launch_exit_code", "launch_exit_code", "3");
	expect_field("/error", "error", "null");
	/* accounting without limits: the cgroup is there, limits are null */
	cr_expect_eq(h_json_count(report_path(), "/cgroup"), 6);
	expect_field("/cgroup/memory/limit_bytes", "memory limit", "null");
	expect_field("/cgroup/pids/limit", "pids limit", "null");
	char *path = h_json_get(report_path(), "/cgroup/path");
	cr_expect(path && strncmp(path, "/launch/run-", 12) == 0, "path %s", path ? path : "-");
	free(path);
	expect_field("/restarts", "restarts", "0");
	cr_expect_eq(h_json_count(report_path(), "/rusage"), 9);
	char *started = h_json_get(report_path(), "/started_at");
	cr_assert(started);
	/* 2026-11-21T15:00:00.123Z */
	cr_expect_eq(strlen(started), 24, "%s", started);
	cr_expect_eq(started[10], 'T');
	cr_expect_eq(started[23], 'Z');
	free(started);
	cr_expect_lt(number("/wall_time_s"), 5.0);
}

Test(report, signaled_run)
{
	const char *cmd[] = { "--", probe_bin(), "kill", "9", NULL };
	run(cmd, 137);
	expect_field("/exit/status", "status", "signaled");
	expect_field("/exit/code", "code", "null");
	expect_field("/exit/signal", "signal", "9");
	expect_field("/exit/signal_name", "signal_name", "SIGKILL");
	expect_field("/exit/launch_exit_code", "launch_exit_code", "137");
}

Test(report, timed_out_run)
{
	const char *cmd[] = { "--timeout", "200ms", "--", probe_bin(), "sleep", "10", NULL };
	run(cmd, 124);
	expect_field("/exit/status", "status", "timeout");
	expect_field("/exit/signal_name", "signal_name", "SIGTERM");
	expect_field("/exit/launch_exit_code", "launch_exit_code", "124");
	cr_expect_geq(number("/wall_time_s"), 0.2);
}

Test(report, exec_failure)
{
	const char *cmd[] = { "--", "/no/such/program", NULL };
	run(cmd, 127);
	expect_field("/exit/status", "status", "exited");
	expect_field("/exit/code", "code", "127");
	expect_field("/error", "error", "exec /no/such/program: No such file or directory");
}

/* rusage covers the whole tree: a child the command forks, and an orphan
 * that only init reaps, both burn CPU */
Test(report, rusage_covers_the_whole_tree)
{
	const char *cmd[] = { "--",        "/bin/sh",
		              "-c",        "\"$0\" burn 0.3 & (\"$0\" burn 0.3 &); wait; sleep 0.5",
		              probe_bin(), NULL };
	run(cmd, 0);
	double cpu = number("/rusage/user_s") + number("/rusage/system_s");
	cr_expect_geq(cpu, 0.55, "CPU %.3f s: part of the tree is missing", cpu);
	cr_expect_lt(cpu, 2.0);
	cr_expect_gt(number("/rusage/max_rss_kib"), 100);
	cr_expect_gt(number("/rusage/minor_faults"), 0);
}

Test(report, wall_time_includes_the_grace_of_leftovers)
{
	const char *cmd[] = { "--grace", "400ms", "--", probe_bin(), "leave", "2", "ignore", NULL };
	run(cmd, 0);
	cr_expect_geq(number("/wall_time_s"), 0.4);
}

Test(report, unwritable_report_stops_launch_before_the_run)
{
	char marker[256];
	snprintf(marker, sizeof(marker), "%s/ran", h_tmpdir());
	struct result r;
	const char *argv[] = { launch_bin(), "--report", "/no/such/dir/r.json", "--", "/bin/touch",
		               marker,       NULL };
	h_run(&r, 10, argv);
	cr_expect_eq(r.code, 125);
	cr_expect_str_eq(r.err, "launch: report /no/such/dir/r.json: No such file or directory\n");
	cr_expect(access(marker, F_OK) != 0, "the command ran");
	h_result_free(&r);
}

Test(report, summary_on_stderr)
{
	struct result r;
	const char *argv[] = { launch_bin(), "--summary", "--", probe_bin(), "exit", "4", NULL };
	h_run(&r, 10, argv);
	cr_expect_eq(r.code, 4);
	cr_expect(h_contains(r.err, "launch: command exited with code 4; launch exits 4\n"), "%s",
	          r.err);
	cr_expect(h_contains(r.err, "launch: wall time "), "%s", r.err);
	cr_expect(h_contains(r.err, " user + "), "%s", r.err);
	cr_expect(h_contains(r.err, "launch: cgroup memory peak "), "%s", r.err);
	cr_expect_eq(h_count(r.err, "\n"), 3, "%s", r.err);
	h_result_free(&r);

	const char *killed[] = { launch_bin(), "--summary", "--", probe_bin(), "kill", "15", NULL };
	h_run(&r, 10, killed);
	cr_expect(h_contains(r.err, "launch: command was killed by SIGTERM; launch exits 143\n"),
	          "%s", r.err);
	h_result_free(&r);
}
