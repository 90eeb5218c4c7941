/* Daemons and names (issue 7): --daemon detaches once the command has
 * started, or says in the caller's terminal why it could not; --pidfile is
 * held locked, so a second start is refused, and a killed launch's is taken
 * over; --log is appended to and reopened on SIGHUP (logrotate); --name
 * registers the run for --list, --stats and --stop, which waits until the
 * sandbox is gone; a name left by a launch that was killed is found stale
 * and removed by whoever looks. Every daemon dies with the test
 * (tests/integration/services.h). */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"
#include "services.h"

TestSuite(daemons, .init = svc_setup, .fini = svc_teardown, .timeout = 120);

/* `launch ARGS...` to the end, without a command: --list, --stats, --stop */
static void control(struct result *r, const char *action, const char *name)
{
	const char *argv[] = { launch_bin(), action, name, NULL };
	h_run(r, 20, argv);
}

static const char *state_file(char *buf, const char *name)
{
	char file[128];
	snprintf(file, sizeof(file), "state/%s.json", name);
	return svc_path(buf, file);
}

/* Whether another open description holds an OFD lock on the file. */
static bool locked(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	struct flock l = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	bool held = fcntl(fd, F_OFD_GETLK, &l) == 0 && l.l_type != F_UNLCK;
	close(fd);
	return held;
}

/* A status line of /proc/PID/status ("Umask:"), its value, into buf. */
static const char *proc_status(pid_t pid, const char *key, char *buf, size_t size)
{
	char path[64], line[256];
	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	FILE *f = fopen(path, "r");
	buf[0] = '\0';
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, key, strlen(key))) {
			snprintf(buf, size, "%s", line + strlen(key) + 1);
			buf[strcspn(buf, "\n")] = '\0';
		}
	if (f)
		fclose(f);
	return buf;
}

static const char *link_of(pid_t pid, const char *what, char *buf, size_t size)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/%s", pid, what);
	ssize_t n = readlink(path, buf, size - 1);
	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

/* ---- --daemon, --pidfile, --log ---------------------------------------------- */

/* The caller returns once the command runs; the daemon is in a session of
 * its own, in "/", umask 022, stdin /dev/null, output in the log; the
 * command starts in the caller's directory. --stop ends it gracefully:
 * the pidfile and the name are gone with it. */
Test(daemons, detaches_once_started_with_pidfile_name_and_log)
{
	char pidfile[PATH_MAX], log[PATH_MAX], state[PATH_MAX], buf[PATH_MAX];
	svc_path(pidfile, "d.pid");
	svc_path(log, "d.log");
	state_file(state, "d");
	const char *argv[] = { launch_bin(), "--daemon",
		               "--pidfile",  pidfile,
		               "--log",      log,
		               "--name",     "d",
		               "--timeout",  "60s",
		               "--",         "/bin/sh",
		               "-c",         "echo \"cwd $(pwd)\"; echo err >&2; exec sleep 60",
		               NULL };
	double t0 = now_s();
	pid_t pid = svc_start_daemon(argv, pidfile, h_tmpdir());
	cr_expect_lt(now_s() - t0, 5.0);
	cr_expect(svc_alive(pid), "the daemon is not running");
	cr_expect(locked(pidfile), "the pidfile is not locked");
	cr_expect(locked(state), "the name is not locked");
	cr_expect_eq(getsid(pid), pid, "the daemon is not in a session of its own");
	cr_expect_str_eq(link_of(pid, "cwd", buf, sizeof(buf)), "/");
	cr_expect_str_eq(link_of(pid, "fd/0", buf, sizeof(buf)), "/dev/null");
	char out[PATH_MAX];
	cr_expect_str_eq(link_of(pid, "fd/1", out, sizeof(out)), log);
	cr_expect_str_eq(link_of(pid, "fd/2", buf, sizeof(buf)), log);
	cr_expect_str_eq(proc_status(pid, "Umask:", buf, sizeof(buf)), "0022");
	char want[PATH_MAX + 8];
	snprintf(want, sizeof(want), "cwd %s\n", h_tmpdir());
	cr_expect(svc_wait_for_text(log, want, 10), "the log lacks '%s'", want);
	cr_expect(svc_wait_for_text(log, "err\n", 10), "stderr is not in the log");

	struct result r;
	control(&r, "--stop", "d");
	cr_expect_eq(r.code, 0, "--stop: exit %d, %s", r.code, r.err);
	int status = 0;
	/* --stop returned after the daemon ended: it is there to reap now */
	cr_expect(svc_reap(pid, 0.05, &status), "--stop returned before the daemon ended");
	cr_expect(WIFEXITED(status) && WEXITSTATUS(status) == 128 + SIGTERM,
	          "the daemon ended with status 0x%x", status);
	cr_expect_not(svc_exists(pidfile), "the pidfile is left");
	cr_expect_not(svc_exists(state), "the name is left");
	h_result_free(&r);
}

/* A second start with the same pidfile, or the same name, is refused in
 * the caller's terminal, and leaves the first alone. */
Test(daemons, a_second_start_is_refused)
{
	char pidfile[PATH_MAX], other[PATH_MAX], want[PATH_MAX + 128];
	svc_path(pidfile, "one.pid");
	svc_path(other, "two.pid");
	const char *argv[] = {
		launch_bin(), "--daemon", "--pidfile", pidfile,      "--name", "one",
		"--timeout",  "60s",      "--",        "/bin/sleep", "60",     NULL
	};
	pid_t pid = svc_start_daemon(argv, pidfile, NULL);

	struct result r;
	const char *same_pidfile[] = { launch_bin(), "--daemon", "--pidfile",  pidfile, "--name",
		                       "two",        "--",       "/bin/sleep", "60",    NULL };
	h_run(&r, 20, same_pidfile);
	cr_expect_eq(r.code, 125, "exit %d", r.code);
	snprintf(want, sizeof(want), "launch: --pidfile %s: already running (pid %d)\n", pidfile,
	         pid);
	cr_expect_str_eq(r.err, want);
	h_result_free(&r);

	const char *same_name[] = { launch_bin(), "--daemon", "--pidfile",  other, "--name",
		                    "one",        "--",       "/bin/sleep", "60",  NULL };
	h_run(&r, 20, same_name);
	cr_expect_eq(r.code, 125, "exit %d", r.code);
	snprintf(want, sizeof(want),
	         "launch: --name one: a sandbox of that name is running (launch pid %d)\n", pid);
	cr_expect_str_eq(r.err, want);
	cr_expect_not(svc_exists(other), "the refused start left %s", other);
	h_result_free(&r);

	/* without --daemon, the same */
	const char *attached[] = { launch_bin(), "--pidfile", pidfile, "--", "/bin/true", NULL };
	h_run(&r, 20, attached);
	cr_expect_eq(r.code, 125, "exit %d", r.code);
	cr_expect_eq(svc_read_pid(pidfile), pid, "the pidfile changed");
	cr_expect(svc_alive(pid), "the first daemon is gone");
	h_result_free(&r);

	control(&r, "--stop", "one");
	cr_expect_eq(r.code, 0, "--stop: %s", r.err);
	cr_expect(svc_reap(pid, 5, NULL));
	h_result_free(&r);
}

/* Waits for the daemons a failed start left (children of this subreaper)
 * to end: none may stay. */
static void expect_no_daemon_left(void)
{
	double deadline = now_s() + 5;
	int status;
	pid_t pid;
	while ((pid = waitpid(-1, &status, WNOHANG)) >= 0 && now_s() < deadline)
		if (pid == 0)
			h_sleep(0.01);
	cr_expect_lt(pid, 0, "a daemon is still there");
}

/* Every way the start can fail is said in the caller's terminal, with exit
 * 125, whether before the fork (a bad profile, a log that cannot be
 * opened) or after it (a command not found, a mount that failed); nothing
 * is left: no daemon, pidfile or name. */
Test(daemons, a_failure_before_detaching_is_reported_to_the_caller)
{
	char pidfile[PATH_MAX], log[PATH_MAX], profile[PATH_MAX], state[PATH_MAX];
	svc_path(pidfile, "f.pid");
	svc_path(log, "f.log");
	svc_path(profile, "bad.json");
	state_file(state, "f");
	svc_write(profile, "{ \"limits\": { \"memroy\": \"1G\" } }\n");
	struct {
		const char *option, *value, *command, *message;
	} cases[] = {
		{ "--tmpfs", "/tmp", "/nonexistent/cmd",
		  "launch: exec /nonexistent/cmd: No such file or directory\n" },
		{ "--bind", "/nonexistent-source:/mnt", "/bin/true",
		  "launch: bind /nonexistent-source on /mnt: No such file or directory\n" },
		{ "--profile", profile, "/bin/true", "limits.memroy: unknown key" },
		{ "--report", "/nonexistent-dir/report.json", "/bin/true",
		  "launch: report /nonexistent-dir/report.json: No such file or directory\n" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct result r;
		/* --cwd /: a tmpfs on /tmp may hide the checkout */
		const char *argv[] = {
			launch_bin(),    "--cwd",        "/",  "--daemon",       "--pidfile",
			pidfile,         "--log",        log,  "--name",         "f",
			cases[i].option, cases[i].value, "--", cases[i].command, NULL
		};
		h_run(&r, 20, argv);
		cr_expect_eq(r.code, 125, "%s: exit %d, %s", cases[i].option, r.code, r.err);
		cr_expect(h_contains(r.err, cases[i].message), "%s: %s", cases[i].option, r.err);
		cr_expect_eq(h_count(r.err, "launch: "), 1, "one message: %s", r.err);
		cr_expect_lt(r.seconds, 5.0);
		expect_no_daemon_left();
		cr_expect_not(svc_exists(pidfile), "%s: the pidfile is left", cases[i].option);
		cr_expect_not(svc_exists(state), "%s: the name is left", cases[i].option);
		h_result_free(&r);
	}
	/* a log that cannot be opened fails before anything starts */
	struct result r;
	const char *argv[] = { launch_bin(), "--daemon",  "--log", "/nonexistent-dir/x.log",
		               "--",         "/bin/true", NULL };
	h_run(&r, 20, argv);
	cr_expect_eq(r.code, 125);
	cr_expect_str_eq(r.err,
	                 "launch: --log /nonexistent-dir/x.log: No such file or directory\n");
	expect_no_daemon_left();
	h_result_free(&r);
}

/* logrotate: the log is appended to; renamed and SIGHUP'd, launch goes on
 * in a new file of the same name, and the command gets the SIGHUP too.
 * Relative paths are the caller's directory's, though the daemon is in
 * "/". */
Test(daemons, the_log_is_appended_and_reopened_on_sighup)
{
	char log[PATH_MAX], rotated[PATH_MAX], pidfile[PATH_MAX];
	svc_path(log, "service.log");
	svc_path(rotated, "service.log.1");
	svc_path(pidfile, "service.pid");
	svc_write(log, "old\n");
	const char *argv[] = { launch_bin(),  "--daemon",      "--pidfile", "service.pid", "--log",
		               "service.log", "--stop-signal", "SIGQUIT",   "--timeout",   "60s",
		               "--",          probe_bin(),     "signals",   "3",           NULL };
	pid_t pid = svc_start_daemon(argv, pidfile, h_tmpdir());
	cr_assert(svc_wait_for_text(log, "old\nready\n", 10), "not appended: %s", svc_read(log));
	cr_assert(rename(log, rotated) == 0);
	kill(pid, SIGHUP);
	cr_expect(svc_wait_for_text(log, "1\n", 10), "nothing in a new %s", log);
	char *text = svc_read(rotated);
	cr_expect_str_eq(text, "old\nready\n", "the rotated log got more");
	free(text);

	kill(pid, SIGTERM);
	int status = 0;
	cr_expect(svc_reap(pid, 10, &status), "the daemon did not end");
	cr_expect(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status 0x%x", status);
	text = svc_read(log);
	cr_expect_str_eq(text, "1\n3\n", "the new log");
	free(text);
	cr_expect_not(svc_exists(pidfile), "the pidfile is left");
	cr_expect_not(svc_exists("/service.log"), "the log was reopened in /");
}

/* launch's own messages go to the log too, and a daemon restarts as any
 * service: here it gives up, and ends with the last run's status. */
Test(daemons, launch_messages_go_to_the_log)
{
	char log[PATH_MAX], pidfile[PATH_MAX], profile[PATH_MAX];
	svc_path(log, "m.log");
	svc_path(pidfile, "m.pid");
	svc_path(profile, "m.json");
	svc_write(profile, "{ \"restart\": { \"policy\": \"on-failure\", \"max\": 1, "
	                   "\"backoff\": \"50ms\" } }\n");
	const char *argv[] = { launch_bin(), "--daemon", "--pidfile", pidfile,
		               "--log",      log,        "--profile", profile,
		               "--",         "/bin/sh",  "-c",        "echo out; sleep 0.2; exit 2",
		               NULL };
	pid_t pid = svc_start_daemon(argv, pidfile, NULL);
	int status = 0;
	cr_expect(svc_reap(pid, 10, &status), "the daemon did not end");
	cr_expect(WIFEXITED(status) && WEXITSTATUS(status) == 2, "status 0x%x", status);
	char *text = svc_read(log);
	cr_expect_str_eq(text,
	                 "out\nout\nlaunch: restart: giving up after 1 restart: another would be "
	                 "more than 1 within 1m (restart.max, restart.window); the last run "
	                 "exited with code 2, launch exits 2\n",
	                 "the log: %s", text);
	free(text);
}

/* A pidfile left by a launch that was killed is taken over. */
Test(daemons, a_killed_launchs_pidfile_is_taken_over)
{
	char pidfile[PATH_MAX];
	svc_path(pidfile, "k.pid");
	const char *argv[] = { launch_bin(), "--daemon", "--pidfile",  pidfile, "--timeout",
		               "60s",        "--",       "/bin/sleep", "60",    NULL };
	pid_t pid = svc_start_daemon(argv, pidfile, NULL);
	svc_crash_daemon(pid);
	cr_assert(svc_exists(pidfile), "nothing left to take over");
	pid_t again = svc_start_daemon(argv, pidfile, NULL);
	cr_expect_neq(again, pid);
	kill(again, SIGTERM);
	cr_expect(svc_reap(again, 10, NULL));
	cr_expect_not(svc_exists(pidfile));
}

/* ---- names: --list, --stats, --stop ------------------------------------------ */

struct listed {
	char name[80], profile[80], uptime[16], memory[16], cpu[16], pids[16];
	int pid;
};

/* The rows of --list after its header; how many (at most max). */
static int parse_list(const char *out, struct listed *rows, int max)
{
	const char *line = strchr(out, '\n');
	cr_assert(!strncmp(out, "NAME ", 5) && line, "no header: %s", out);
	int n = 0;
	for (line++; *line && n < max; n++) {
		struct listed *l = &rows[n];
		cr_assert_eq(sscanf(line, "%79s %d %79s %15s %15s %15s %15s", l->name, &l->pid,
		                    l->profile, l->uptime, l->memory, l->cpu, l->pids),
		             7, "row: %s", line);
		line = strchr(line, '\n');
		cr_assert_not_null(line);
		line++;
	}
	return n;
}

static const char *const stats_keys[] = { "name",          "pid",          "profile",
	                                  "uptime_s",      "memory_bytes", "cpu_percent",
	                                  "cpu_usage_s",   "pids",         "io_read_bytes",
	                                  "io_write_bytes" };

Test(daemons, list_stats_and_stop_two_named_sandboxes)
{
	char apid[PATH_MAX], bpid[PATH_MAX], blog[PATH_MAX], state[PATH_MAX];
	svc_path(apid, "alpha.pid");
	svc_path(bpid, "beta.pid");
	const char *a[] = { launch_bin(), "--daemon", "--pidfile", apid,         "--name", "alpha",
		            "--timeout",  "60s",      "--",        "/bin/sleep", "60",     NULL };
	svc_path(blog, "beta.log");
	const char *b[] = { launch_bin(), "--daemon",  "--pidfile",
		            bpid,         "--log",     blog,
		            "--name",     "beta",      "--profile",
		            "web",        "--timeout", "60s",
		            "--cwd",      "/",         "--",
		            "/bin/sh",    "-c",        "sleep 60 & sleep 60 & echo up; wait",
		            NULL };
	pid_t alpha = svc_start_daemon(a, apid, NULL);
	pid_t beta = svc_start_daemon(b, bpid, NULL);
	cr_assert(svc_wait_for_text(blog, "up\n", 10), "beta is not up");

	struct result r;
	struct listed rows[4];
	const char *list[] = { launch_bin(), "--list", NULL };
	h_run(&r, 20, list);
	cr_expect_eq(r.code, 0, "%s", r.err);
	cr_assert_eq(parse_list(r.out, rows, 4), 2, "--list:\n%s", r.out);
	cr_expect_str_eq(rows[0].name, "alpha");
	cr_expect_eq(rows[0].pid, alpha);
	cr_expect_str_eq(rows[0].profile, "default");
	cr_expect_str_eq(rows[0].pids, "2", "alpha: init and sleep");
	cr_expect_str_eq(rows[1].name, "beta");
	cr_expect_eq(rows[1].pid, beta);
	cr_expect_str_eq(rows[1].profile, "web");
	cr_expect_str_eq(rows[1].pids, "4", "beta: init, sh and two sleeps");
	for (int i = 0; i < 2; i++) {
		cr_expect(h_contains(rows[i].memory, "M"), "memory %s", rows[i].memory);
		cr_expect(h_contains(rows[i].cpu, "s"), "CPU %s", rows[i].cpu);
		cr_expect(h_contains(rows[i].uptime, "s"), "uptime %s", rows[i].uptime);
	}
	h_result_free(&r);

	control(&r, "--stats", "beta");
	cr_expect_eq(r.code, 0, "%s", r.err);
	cr_expect_geq(r.seconds, 0.25, "the CPU percentage is over a quarter of a second");
	cr_expect_eq(h_count(r.out, "\n"), 1, "one line: %s", r.out);
	struct fy_document *doc = svc_json(r.out);
	cr_assert_not_null(doc, "not JSON: %s", r.out);
	for (size_t i = 0; i < sizeof(stats_keys) / sizeof(stats_keys[0]); i++) {
		char path[64];
		snprintf(path, sizeof(path), "/%s", stats_keys[i]);
		cr_expect_not_null(svc_json_scalar(doc, path), "no %s: %s", stats_keys[i], r.out);
	}
	cr_expect_str_eq(svc_json_scalar(doc, "/name"), "beta");
	cr_expect_eq(atoi(svc_json_scalar(doc, "/pid")), beta);
	cr_expect_str_eq(svc_json_scalar(doc, "/profile"), "web");
	cr_expect_str_eq(svc_json_scalar(doc, "/pids"), "4");
	cr_expect_gt(atof(svc_json_scalar(doc, "/memory_bytes")), 0);
	fy_document_destroy(doc);
	h_result_free(&r);

	/* --stop returns once alpha is gone: its pid is there to reap */
	control(&r, "--stop", "alpha");
	cr_expect_eq(r.code, 0, "--stop: %s", r.err);
	cr_expect(svc_reap(alpha, 0.05, NULL), "--stop returned before alpha ended");
	cr_expect_not(svc_exists(state_file(state, "alpha")));
	h_result_free(&r);
	h_run(&r, 20, list);
	cr_expect_eq(parse_list(r.out, rows, 4), 1, "--list:\n%s", r.out);
	cr_expect_str_eq(rows[0].name, "beta");
	h_result_free(&r);
	control(&r, "--stats", "alpha");
	cr_expect_eq(r.code, 125);
	cr_expect_str_eq(r.err, "launch: no sandbox named alpha is running\n");
	h_result_free(&r);
	control(&r, "--stop", "alpha");
	cr_expect_eq(r.code, 125);
	cr_expect_str_eq(r.err, "launch: no sandbox named alpha is running\n");
	h_result_free(&r);

	control(&r, "--stop", "beta");
	cr_expect_eq(r.code, 0, "--stop: %s", r.err);
	cr_expect(svc_reap(beta, 0.05, NULL), "--stop returned before beta ended");
	h_result_free(&r);
	h_run(&r, 20, list);
	cr_expect_eq(parse_list(r.out, rows, 4), 0, "--list:\n%s", r.out);
	h_result_free(&r);
}

/* --stop waits for the end of a sandbox that takes its time to stop. */
Test(daemons, stop_waits_until_the_sandbox_is_gone)
{
	char pidfile[PATH_MAX], log[PATH_MAX];
	svc_path(pidfile, "slow.pid");
	svc_path(log, "slow.log");
	const char *script = "trap 'sleep 0.6; exit 0' TERM; echo trapped; "
	                     "while :; do sleep 1 & wait $!; done";
	const char *argv[] = { launch_bin(), "--daemon", "--pidfile", pidfile,     "--log",
		               log,          "--name",   "slow",      "--timeout", "60s",
		               "--",         "/bin/sh",  "-c",        script,      NULL };
	pid_t pid = svc_start_daemon(argv, pidfile, NULL);
	cr_assert(svc_wait_for_text(log, "trapped\n", 10), "the trap is not set");
	struct result r;
	control(&r, "--stop", "slow");
	cr_expect_eq(r.code, 0, "--stop: %s", r.err);
	cr_expect_geq(r.seconds, 0.55, "--stop returned after %.3f s", r.seconds);
	int status = 0;
	cr_expect(svc_reap(pid, 0.05, &status), "--stop returned before the end");
	cr_expect(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status 0x%x", status);
	h_result_free(&r);
}

/* Starts a named daemon and SIGKILLs its launch: the name's file stays,
 * its lock with nobody. */
static void kill_named(const char *name)
{
	char pidfile[PATH_MAX], file[64], state[PATH_MAX];
	snprintf(file, sizeof(file), "%s.pid", name);
	svc_path(pidfile, file);
	const char *argv[] = {
		launch_bin(), "--daemon", "--pidfile", pidfile,      "--name", name,
		"--timeout",  "60s",      "--",        "/bin/sleep", "60",     NULL
	};
	pid_t pid = svc_start_daemon(argv, pidfile, NULL);
	svc_crash_daemon(pid);
	cr_assert(svc_exists(state_file(state, name)), "no state left to be stale");
	cr_expect_not(locked(state), "a dead launch's name is locked");
}

/* The name of a launch that died without cleaning up is found stale and
 * removed by --list, by --stats, by --stop, and by a new run of that name. */
Test(daemons, a_killed_launchs_name_is_found_stale_and_removed)
{
	char state[PATH_MAX];
	struct result r;
	state_file(state, "gamma");

	kill_named("gamma");
	const char *list[] = { launch_bin(), "--list", NULL };
	h_run(&r, 20, list);
	cr_expect_eq(r.code, 0);
	cr_expect_not(h_contains(r.out, "gamma"), "--list: %s", r.out);
	cr_expect_not(svc_exists(state), "--list left the stale name");
	h_result_free(&r);

	kill_named("gamma");
	control(&r, "--stats", "gamma");
	cr_expect_eq(r.code, 125);
	cr_expect_str_eq(r.err, "launch: no sandbox named gamma is running\n");
	cr_expect_not(svc_exists(state), "--stats left the stale name");
	h_result_free(&r);

	kill_named("gamma");
	control(&r, "--stop", "gamma");
	cr_expect_eq(r.code, 125);
	cr_expect_not(svc_exists(state), "--stop left the stale name");
	h_result_free(&r);

	kill_named("gamma");
	const char *again[] = { launch_bin(), "--name",     "gamma", "--", "/bin/sh",
		                "-c",         "cat \"$0\"", state,   NULL };
	h_run(&r, 20, again);
	cr_expect_eq(r.code, 0, "a new run of the name: %s", r.err);
	cr_expect(h_contains(r.out, "\"name\": \"gamma\""), "its own state: %s", r.out);
	cr_expect_not(svc_exists(state), "the new run's name is left");
	h_result_free(&r);
}
