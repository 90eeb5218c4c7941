/* launcher/report.h: the --report JSON and the --summary lines, rendered
 * from fabricated results. The JSON is compared as a whole, so field order,
 * indentation, number formats (6 decimals for seconds, ISO 8601 UTC with
 * milliseconds), nulls and escaping are all pinned down. */
#include <criterion/criterion.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "base/strbuf.h"
#include "launcher/outcome.h"
#include "launcher/report.h"

#ifndef LAUNCH_VERSION
#define LAUNCH_VERSION "unknown"
#endif

/* 2026-11-21T15:00:00Z */
#define SOME_TIME 1795273200

/* A command that exited 3 after 12.345678901 s, with every rusage field
 * distinct. */
static void finished_run(struct run_result *r)
{
	memset(r, 0, sizeof(*r));
	r->outcome.end = RUN_FINISHED;
	r->outcome.wait_status = 3 << 8;
	r->started_at.tv_sec = SOME_TIME;
	r->started_at.tv_nsec = 123456789;
	r->wall_ns = 12345678901ULL;
	r->have_rusage = true;
	r->rusage.ru_utime.tv_sec = 1;
	r->rusage.ru_utime.tv_usec = 200000;
	r->rusage.ru_stime.tv_sec = 0;
	r->rusage.ru_stime.tv_usec = 300001;
	r->rusage.ru_maxrss = 20480;
	r->rusage.ru_minflt = 1;
	r->rusage.ru_majflt = 2;
	r->rusage.ru_nvcsw = 3;
	r->rusage.ru_nivcsw = 4;
	r->rusage.ru_inblock = 5;
	r->rusage.ru_oublock = 6;
	r->command_pid = 1234;
}

static char *sh_command[] = { "sh", "-c", "exit 3", NULL };

/* Renders with the verdict outcome_verdict() gives for r. */
static void render_json(const struct run_result *r, char *const *command, unsigned restarts,
                        struct strbuf *out)
{
	struct exit_verdict v;
	outcome_verdict(&r->outcome, &v);
	static struct run_result copy;
	copy = *r;
	copy.restarts = restarts;
	struct report_input in = {
		.profile = "default",
		.command = command,
		.result = &copy,
		.verdict = &v,
	};
	report_render_json(&in, out);
	cr_assert_not(strbuf_failed(out));
}

static void render_summary(const struct run_result *r, struct strbuf *out)
{
	struct exit_verdict v;
	outcome_verdict(&r->outcome, &v);
	struct report_input in = {
		.profile = "default",
		.command = sh_command,
		.result = r,
		.verdict = &v,
	};
	report_render_summary(&in, out);
	cr_assert_not(strbuf_failed(out));
}

static void expect_summary(const struct run_result *r, const char *want)
{
	struct strbuf sb = STRBUF_INIT;
	render_summary(r, &sb);
	cr_expect_str_eq(sb.data, want, "got:\n%swant:\n%s", sb.data, want);
	strbuf_free(&sb);
}

TestSuite(report);

Test(report, json_exited_with_rusage)
{
	struct run_result r;
	struct strbuf sb = STRBUF_INIT;
	finished_run(&r);
	render_json(&r, sh_command, 0, &sb);
	cr_expect_str_eq(sb.data,
	                 "{\n"
	                 "  \"launch_version\": \"" LAUNCH_VERSION "\",\n"
	                 "  \"profile\": \"default\",\n"
	                 "  \"command\": [\n"
	                 "    \"sh\",\n"
	                 "    \"-c\",\n"
	                 "    \"exit 3\"\n"
	                 "  ],\n"
	                 "  \"started_at\": \"2026-11-21T15:00:00.123Z\",\n"
	                 "  \"wall_time_s\": 12.345678,\n"
	                 "  \"exit\": {\n"
	                 "    \"status\": \"exited\",\n"
	                 "    \"code\": 3,\n"
	                 "    \"signal\": null,\n"
	                 "    \"signal_name\": null,\n"
	                 "    \"seccomp_syscall\": null,\n"
	                 "    \"launch_exit_code\": 3\n"
	                 "  },\n"
	                 "  \"error\": null,\n"
	                 "  \"rusage\": {\n"
	                 "    \"user_s\": 1.200000,\n"
	                 "    \"system_s\": 0.300001,\n"
	                 "    \"max_rss_kib\": 20480,\n"
	                 "    \"minor_faults\": 1,\n"
	                 "    \"major_faults\": 2,\n"
	                 "    \"voluntary_ctx_switches\": 3,\n"
	                 "    \"involuntary_ctx_switches\": 4,\n"
	                 "    \"block_in\": 5,\n"
	                 "    \"block_out\": 6\n"
	                 "  },\n"
	                 "  \"cgroup\": null,\n"
	                 "  \"restarts\": 0,\n"
	                 "  \"gave_up\": false,\n"
	                 "  \"runs\": []\n"
	                 "}\n",
	                 "got:\n%s", sb.data);
	strbuf_free(&sb);
}

Test(report, json_oom_killed_without_rusage)
{
	struct run_result r;
	struct strbuf sb = STRBUF_INIT;
	char *command[] = { "stress", "--vm", "1", NULL };
	finished_run(&r);
	r.outcome.wait_status = SIGKILL;
	r.outcome.oom_killed = true;
	r.have_rusage = false;
	r.wall_ns = 999;                  /* under a microsecond */
	r.started_at.tv_nsec = 999999999; /* milliseconds are cut, not rounded */
	lx_error_msg(&r.error, EIO, "sandbox init was killed by SIGKILL");
	render_json(&r, command, 2, &sb);
	cr_expect_str_eq(sb.data,
	                 "{\n"
	                 "  \"launch_version\": \"" LAUNCH_VERSION "\",\n"
	                 "  \"profile\": \"default\",\n"
	                 "  \"command\": [\n"
	                 "    \"stress\",\n"
	                 "    \"--vm\",\n"
	                 "    \"1\"\n"
	                 "  ],\n"
	                 "  \"started_at\": \"2026-11-21T15:00:00.999Z\",\n"
	                 "  \"wall_time_s\": 0.000000,\n"
	                 "  \"exit\": {\n"
	                 "    \"status\": \"oom\",\n"
	                 "    \"code\": null,\n"
	                 "    \"signal\": 9,\n"
	                 "    \"signal_name\": \"SIGKILL\",\n"
	                 "    \"seccomp_syscall\": null,\n"
	                 "    \"launch_exit_code\": 137\n"
	                 "  },\n"
	                 "  \"error\": \"sandbox init was killed by SIGKILL\",\n"
	                 "  \"rusage\": null,\n"
	                 "  \"cgroup\": null,\n"
	                 "  \"restarts\": 2,\n"
	                 "  \"gave_up\": false,\n"
	                 "  \"runs\": []\n"
	                 "}\n",
	                 "got:\n%s", sb.data);
	strbuf_free(&sb);
}

Test(report, json_setup_error_before_start)
{
	struct run_result r;
	struct strbuf sb = STRBUF_INIT;
	char *command[] = { "say \"hi\"\\", NULL };
	memset(&r, 0, sizeof(r));
	r.outcome.end = RUN_SETUP_ERROR;
	lx_error_errno(&r.error, EMFILE, "socketpair");
	render_json(&r, command, 0, &sb);
	cr_expect_str_eq(sb.data,
	                 "{\n"
	                 "  \"launch_version\": \"" LAUNCH_VERSION "\",\n"
	                 "  \"profile\": \"default\",\n"
	                 "  \"command\": [\n"
	                 "    \"say \\\"hi\\\"\\\\\"\n"
	                 "  ],\n"
	                 "  \"started_at\": null,\n"
	                 "  \"wall_time_s\": 0.000000,\n"
	                 "  \"exit\": {\n"
	                 "    \"status\": \"setup_error\",\n"
	                 "    \"code\": null,\n"
	                 "    \"signal\": null,\n"
	                 "    \"signal_name\": null,\n"
	                 "    \"seccomp_syscall\": null,\n"
	                 "    \"launch_exit_code\": 125\n"
	                 "  },\n"
	                 "  \"error\": \"socketpair: Too many open files\",\n"
	                 "  \"rusage\": null,\n"
	                 "  \"cgroup\": null,\n"
	                 "  \"restarts\": 0,\n"
	                 "  \"gave_up\": false,\n"
	                 "  \"runs\": []\n"
	                 "}\n",
	                 "got:\n%s", sb.data);
	strbuf_free(&sb);
}

/* The parts that vary, checked in smaller reports. */
static bool contains(const struct strbuf *sb, const char *s)
{
	return sb->data && strstr(sb->data, s);
}

Test(report, json_started_at_is_utc_iso8601)
{
	static const struct {
		time_t sec;
		long nsec;
		const char *want;
	} cases[] = {
		{ 1, 0, "\"started_at\": \"1970-01-01T00:00:01.000Z\"" },
		{ 951868799, 1000000, "\"started_at\": \"2000-02-29T23:59:59.001Z\"" },
		{ SOME_TIME, 999999, "\"started_at\": \"2026-11-21T15:00:00.000Z\"" },
		{ SOME_TIME + 9 * 3600 + 59 * 60 + 7, 50000000,
		  "\"started_at\": \"2026-11-22T00:59:07.050Z\"" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run_result r;
		struct strbuf sb = STRBUF_INIT;
		finished_run(&r);
		r.started_at.tv_sec = cases[i].sec;
		r.started_at.tv_nsec = cases[i].nsec;
		render_json(&r, sh_command, 0, &sb);
		cr_expect(contains(&sb, cases[i].want), "want %s in:\n%s", cases[i].want, sb.data);
		strbuf_free(&sb);
	}
}

Test(report, json_signaled_and_timeout)
{
	struct run_result r;
	struct strbuf sb = STRBUF_INIT;
	finished_run(&r);
	r.outcome.wait_status = SIGTERM;
	r.outcome.timed_out = true;
	r.wall_ns = 10 * 1000000000ULL + 1000;
	render_json(&r, sh_command, 0, &sb);
	cr_expect(contains(&sb, "  \"wall_time_s\": 10.000001,\n"
	                        "  \"exit\": {\n"
	                        "    \"status\": \"timeout\",\n"
	                        "    \"code\": null,\n"
	                        "    \"signal\": 15,\n"
	                        "    \"signal_name\": \"SIGTERM\",\n"
	                        "    \"seccomp_syscall\": null,\n"
	                        "    \"launch_exit_code\": 124\n"
	                        "  },\n"),
	          "got:\n%s", sb.data);
	strbuf_free(&sb);

	r.outcome.timed_out = false;
	r.outcome.wait_status = SIGRTMIN + 2;
	render_json(&r, sh_command, 0, &sb);
	cr_expect(contains(&sb, "    \"status\": \"signaled\",\n"
	                        "    \"code\": null,\n"
	                        "    \"signal\": 36,\n"
	                        "    \"signal_name\": \"SIGRTMIN+2\",\n"
	                        "    \"seccomp_syscall\": null,\n"
	                        "    \"launch_exit_code\": 164\n"),
	          "got:\n%s", sb.data);
	strbuf_free(&sb);
}

Test(report, json_exec_error)
{
	struct run_result r;
	struct strbuf sb = STRBUF_INIT;
	finished_run(&r);
	r.outcome.end = RUN_EXEC_ERROR;
	r.outcome.exec_errno = ENOENT;
	lx_error_msg(&r.error, ENOENT, "exec nosuch: command not found in PATH");
	render_json(&r, sh_command, 0, &sb);
	cr_expect(contains(&sb, "    \"status\": \"exited\",\n"
	                        "    \"code\": 127,\n"
	                        "    \"signal\": null,\n"
	                        "    \"signal_name\": null,\n"
	                        "    \"seccomp_syscall\": null,\n"
	                        "    \"launch_exit_code\": 127\n"
	                        "  },\n"
	                        "  \"error\": \"exec nosuch: command not found in PATH\",\n"),
	          "got:\n%s", sb.data);
	strbuf_free(&sb);
}

Test(report, json_empty_command)
{
	struct run_result r;
	struct strbuf sb = STRBUF_INIT;
	memset(&r, 0, sizeof(r));
	r.outcome.end = RUN_SETUP_ERROR;
	render_json(&r, NULL, 0, &sb);
	cr_expect(contains(&sb, "  \"command\": [],\n"), "got:\n%s", sb.data);
	cr_expect(contains(&sb, "  \"error\": null,\n"), "got:\n%s", sb.data);
	strbuf_free(&sb);
}

Test(report, summary_exited)
{
	struct run_result r;
	finished_run(&r);
	expect_summary(&r, "launch: command exited with code 3; launch exits 3\n"
	                   "launch: wall time 12.345s, CPU 1.200s user + 0.300s system, "
	                   "largest process 20480 KiB\n");
	r.outcome.wait_status = 0;
	r.have_rusage = false;
	r.wall_ns = 5 * 1000000ULL; /* 5 ms */
	expect_summary(&r, "launch: command exited with code 0; launch exits 0\n"
	                   "launch: wall time 0.005s\n");
}

Test(report, summary_signaled)
{
	struct run_result r;
	finished_run(&r);
	r.outcome.wait_status = SIGINT;
	r.have_rusage = false;
	r.wall_ns = 1500 * 1000000ULL;
	expect_summary(&r, "launch: command was killed by SIGINT; launch exits 130\n"
	                   "launch: wall time 1.500s\n");
	r.outcome.wait_status = SIGKILL;
	r.outcome.oom_killed = true;
	expect_summary(&r, "launch: command was killed by the kernel: out of memory; "
	                   "launch exits 137\n"
	                   "launch: wall time 1.500s\n");
}

Test(report, summary_timeout)
{
	struct run_result r;
	finished_run(&r);
	r.outcome.wait_status = SIGTERM;
	r.outcome.timed_out = true;
	r.have_rusage = false;
	r.wall_ns = 2 * 1000000000ULL;
	expect_summary(&r, "launch: command was killed by SIGTERM after the time limit; "
	                   "launch exits 124\n"
	                   "launch: wall time 2.000s\n");
	/* it handled the stop signal and exited by itself */
	r.outcome.wait_status = 143 << 8;
	expect_summary(&r, "launch: command exited with code 143 after the time limit; "
	                   "launch exits 124\n"
	                   "launch: wall time 2.000s\n");
}

Test(report, summary_setup_and_exec_errors)
{
	struct run_result r;
	memset(&r, 0, sizeof(r));
	r.outcome.end = RUN_SETUP_ERROR;
	expect_summary(&r, "launch: setup failed; launch exits 125\n"
	                   "launch: wall time 0.000s\n");

	finished_run(&r);
	r.outcome.end = RUN_EXEC_ERROR;
	r.outcome.exec_errno = EACCES;
	r.have_rusage = false;
	r.wall_ns = 1000000;
	expect_summary(&r, "launch: command could not be executed (exit 126); launch exits 126\n"
	                   "launch: wall time 0.001s\n");
	r.outcome.exec_errno = ENOENT;
	expect_summary(&r, "launch: command could not be executed (exit 127); launch exits 127\n"
	                   "launch: wall time 0.001s\n");
}

Test(report, summary_unknown_end)
{
	/* init ended (or was killed) before it reported the command's status:
	 * the command did start, so this is not a failed setup */
	struct run_result r;
	finished_run(&r);
	r.outcome.end = RUN_UNKNOWN;
	r.have_rusage = false;
	r.wall_ns = 3 * 1000000000ULL;
	expect_summary(&r, "launch: the sandbox ended without the command's exit status; "
	                   "launch exits 125\n"
	                   "launch: wall time 3.000s\n");
	r.outcome.timed_out = true;
	expect_summary(&r, "launch: the sandbox ended without the command's exit status "
	                   "after the time limit; launch exits 124\n"
	                   "launch: wall time 3.000s\n");
}

/* A seccomp kill: the status, and the call where the kernel's log named
 * it; a name left from another status is not shown. */
Test(report, json_seccomp_kill_names_the_call)
{
	struct run_result r;
	struct strbuf sb = STRBUF_INIT;
	finished_run(&r);
	r.outcome.wait_status = SIGSYS;
	r.outcome.seccomp_kills = true;
	snprintf(r.seccomp_syscall, sizeof(r.seccomp_syscall), "getpid (i386)");
	render_json(&r, sh_command, 0, &sb);
	cr_expect(contains(&sb, "  \"exit\": {\n"
	                        "    \"status\": \"seccomp\",\n"
	                        "    \"code\": null,\n"
	                        "    \"signal\": 31,\n"
	                        "    \"signal_name\": \"SIGSYS\",\n"
	                        "    \"seccomp_syscall\": \"getpid (i386)\",\n"
	                        "    \"launch_exit_code\": 159\n"
	                        "  },\n"),
	          "got:\n%s", sb.data);
	strbuf_free(&sb);

	/* the kernel's log did not say */
	r.seccomp_syscall[0] = '\0';
	render_json(&r, sh_command, 0, &sb);
	cr_expect(contains(&sb, "    \"status\": \"seccomp\",\n"), "got:\n%s", sb.data);
	cr_expect(contains(&sb, "    \"seccomp_syscall\": null,\n"), "got:\n%s", sb.data);
	strbuf_free(&sb);

	/* SIGSYS from elsewhere, without a filter: no status, no name */
	snprintf(r.seccomp_syscall, sizeof(r.seccomp_syscall), "ptrace");
	r.outcome.seccomp_kills = false;
	render_json(&r, sh_command, 0, &sb);
	cr_expect(contains(&sb, "    \"status\": \"signaled\",\n"), "got:\n%s", sb.data);
	cr_expect(contains(&sb, "    \"seccomp_syscall\": null,\n"), "got:\n%s", sb.data);
	strbuf_free(&sb);
}

Test(report, summary_seccomp_kill)
{
	struct run_result r;
	finished_run(&r);
	r.outcome.wait_status = SIGSYS;
	r.outcome.seccomp_kills = true;
	r.have_rusage = false;
	r.wall_ns = 1000000;
	snprintf(r.seccomp_syscall, sizeof(r.seccomp_syscall), "ptrace");
	expect_summary(&r, "launch: command was killed by its seccomp filter (SIGSYS) for "
	                   "calling ptrace; launch exits 159\n"
	                   "launch: wall time 0.001s\n");
	r.seccomp_syscall[0] = '\0';
	expect_summary(&r, "launch: command was killed by its seccomp filter (SIGSYS; the "
	                   "kernel's log does not say for which call); launch exits 159\n"
	                   "launch: wall time 0.001s\n");
	r.outcome.seccomp_kills = false;
	expect_summary(&r, "launch: command was killed by SIGSYS; launch exits 159\n"
	                   "launch: wall time 0.001s\n");
}

/* ---- services: restarts, giving up, each run ------------------------------ */

/* The part of the JSON from "restarts" on. */
static const char *from_restarts(const struct strbuf *sb)
{
	const char *p = strstr(sb->data, "  \"restarts\"");
	cr_assert_not_null(p, "no restarts in:\n%s", sb->data);
	return p;
}

static void add_run(struct run_result *r, struct run_outcome o, time_t at, uint64_t wall_ns)
{
	struct run_record *rec = &r->runs[r->n_runs % RUNS_KEPT];
	memset(rec, 0, sizeof(*rec));
	rec->outcome = o;
	rec->started_at.tv_sec = at;
	rec->started_at.tv_nsec = 5000000;
	rec->wall_ns = wall_ns;
	r->n_runs++;
}

/* Three runs, two restarts, then the policy gave up: each run keeps its
 * own start, duration and exit; the top-level exit is the last run's. */
Test(report, json_runs_restarts_and_gave_up)
{
	struct run_result r;
	struct strbuf sb = STRBUF_INIT;
	finished_run(&r);
	add_run(&r, (struct run_outcome){ .end = RUN_FINISHED, .wait_status = 1 << 8 }, SOME_TIME,
	        1500000);
	add_run(&r, (struct run_outcome){ .end = RUN_FINISHED, .wait_status = SIGSEGV },
	        SOME_TIME + 1, 2000000000ULL);
	add_run(&r,
	        (struct run_outcome){
	                .end = RUN_FINISHED, .wait_status = SIGTERM, .timed_out = true },
	        SOME_TIME + 3, 250000000ULL);
	r.outcome = r.runs[2].outcome;
	r.gave_up = true;
	render_json(&r, sh_command, 2, &sb);
	cr_expect_str_eq(from_restarts(&sb),
	                 "  \"restarts\": 2,\n"
	                 "  \"gave_up\": true,\n"
	                 "  \"runs\": [\n"
	                 "    {\n"
	                 "      \"started_at\": \"2026-11-21T15:00:00.005Z\",\n"
	                 "      \"wall_time_s\": 0.001500,\n"
	                 "      \"exit\": {\n"
	                 "        \"status\": \"exited\",\n"
	                 "        \"code\": 1,\n"
	                 "        \"signal\": null,\n"
	                 "        \"signal_name\": null,\n"
	                 "        \"seccomp_syscall\": null,\n"
	                 "        \"launch_exit_code\": 1\n"
	                 "      }\n"
	                 "    },\n"
	                 "    {\n"
	                 "      \"started_at\": \"2026-11-21T15:00:01.005Z\",\n"
	                 "      \"wall_time_s\": 2.000000,\n"
	                 "      \"exit\": {\n"
	                 "        \"status\": \"signaled\",\n"
	                 "        \"code\": null,\n"
	                 "        \"signal\": 11,\n"
	                 "        \"signal_name\": \"SIGSEGV\",\n"
	                 "        \"seccomp_syscall\": null,\n"
	                 "        \"launch_exit_code\": 139\n"
	                 "      }\n"
	                 "    },\n"
	                 "    {\n"
	                 "      \"started_at\": \"2026-11-21T15:00:03.005Z\",\n"
	                 "      \"wall_time_s\": 0.250000,\n"
	                 "      \"exit\": {\n"
	                 "        \"status\": \"timeout\",\n"
	                 "        \"code\": null,\n"
	                 "        \"signal\": 15,\n"
	                 "        \"signal_name\": \"SIGTERM\",\n"
	                 "        \"seccomp_syscall\": null,\n"
	                 "        \"launch_exit_code\": 124\n"
	                 "      }\n"
	                 "    }\n"
	                 "  ]\n"
	                 "}\n",
	                 "got:\n%s", sb.data);
	cr_expect(strstr(sb.data, "  \"exit\": {\n    \"status\": \"timeout\""),
	          "the top-level exit is the last run's:\n%s", sb.data);
	strbuf_free(&sb);
}

/* A run that could not be set up or executed is in the list too, with the
 * status launch exits with for it. */
Test(report, json_runs_with_an_exec_error)
{
	struct run_result r;
	struct strbuf sb = STRBUF_INIT;
	finished_run(&r);
	add_run(&r, (struct run_outcome){ .end = RUN_FINISHED, .wait_status = 0 }, SOME_TIME, 0);
	add_run(&r, (struct run_outcome){ .end = RUN_EXEC_ERROR, .exec_errno = ENOENT },
	        SOME_TIME + 1, 0);
	r.outcome = r.runs[1].outcome;
	render_json(&r, sh_command, 1, &sb);
	cr_expect(strstr(from_restarts(&sb), "  \"gave_up\": false,\n"), "%s", sb.data);
	cr_expect(strstr(from_restarts(&sb), "        \"status\": \"exited\",\n"
	                                     "        \"code\": 127,\n"),
	          "%s", sb.data);
	strbuf_free(&sb);
}

/* A service that restarts for months keeps the last RUNS_KEPT runs, oldest
 * first. */
Test(report, json_keeps_the_last_runs)
{
	static struct run_result r;
	struct strbuf sb = STRBUF_INIT;
	finished_run(&r);
	for (unsigned i = 0; i < RUNS_KEPT + 6; i++)
		add_run(&r, (struct run_outcome){ .end = RUN_FINISHED, .wait_status = 1 << 8 },
		        SOME_TIME + i, (uint64_t)(i + 1) * 1000000ULL);
	render_json(&r, sh_command, RUNS_KEPT + 5, &sb);
	const char *runs = from_restarts(&sb);
	cr_expect_eq(run_result_kept(&r), RUNS_KEPT);
	int n = 0;
	for (const char *p = runs; (p = strstr(p, "\"started_at\"")); p++)
		n++;
	cr_expect_eq(n, RUNS_KEPT, "%d runs listed", n);
	/* the first kept is the 7th run (7 ms), the last the 70th */
	const char *first = strstr(runs, "\"wall_time_s\"");
	cr_assert_not_null(first);
	const char *want = "\"wall_time_s\": 0.007000,";
	cr_expect(!strncmp(first, want, strlen(want)), "first: %.40s", first);
	cr_expect(strstr(runs, "\"wall_time_s\": 0.070000,"), "the last run is listed");
	cr_expect_not(strstr(runs, "\"wall_time_s\": 0.006000,"), "the 6th run is not");
	cr_expect(strstr(sb.data, "  \"restarts\": 69,\n"), "restarts count them all");
	strbuf_free(&sb);
}

Test(report, summary_restarts_and_giving_up)
{
	struct run_result r;
	finished_run(&r);
	r.have_rusage = false;
	r.wall_ns = 2 * 1000000000ULL;
	r.n_runs = 3;
	r.restarts = 2;
	r.gave_up = true;
	expect_summary(&r, "launch: command exited with code 3; launch exits 3\n"
	                   "launch: 3 runs, 2 restarts; then gave up: too many restarts within "
	                   "the window\n"
	                   "launch: wall time 2.000s\n");
	r.n_runs = 2;
	r.restarts = 1;
	r.gave_up = false;
	expect_summary(&r, "launch: command exited with code 3; launch exits 3\n"
	                   "launch: 2 runs, 1 restart\n"
	                   "launch: wall time 2.000s\n");
	/* restart.max 0: the policy gave up before the first restart */
	r.n_runs = 1;
	r.restarts = 0;
	r.gave_up = true;
	expect_summary(&r, "launch: command exited with code 3; launch exits 3\n"
	                   "launch: 1 run, 0 restarts; then gave up: too many restarts within "
	                   "the window\n"
	                   "launch: wall time 2.000s\n");
	/* a single run says nothing of restarts */
	r.gave_up = false;
	expect_summary(&r, "launch: command exited with code 3; launch exits 3\n"
	                   "launch: wall time 2.000s\n");
}
