/* Terminal behaviour (SPEC "Process model": Terminal): the command's own
 * pseudo-terminal, raw mode, the relay, the window size, the caller's
 * settings put back on every way out, --no-tty and --tty, TIOCSTI.
 *
 * Each test makes its own pseudo-terminal (term.h) and plays the user on
 * it: the master is the user's keyboard and screen, the slave is the
 * caller's terminal that launch gets as stdin/stdout/stderr (and, through
 * spawn_opts.tty_fd, as its controlling terminal in a new session, as a
 * login shell would have it). Everything the inner programs write ends up
 * on the master, with the inner pty's CRLF translation and, for bash,
 * escape sequences: the reader drops '\r' and escape sequences and matches
 * strings with a deadline instead of sleeping. */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "harness.h"
#include "term.h"

TestSuite(tty, .init = term_user_signals, .fini = h_cleanup, .timeout = 60);

static const char *field(const char *s, const char *key)
{
	static char value[128];
	size_t klen = strlen(key);
	value[0] = '\0';
	for (const char *p = s; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (strncmp(p, key, klen) || p[klen] != '=')
			continue;
		size_t n = strcspn(p + klen + 1, "\n");
		if (n >= sizeof(value))
			n = sizeof(value) - 1;
		memcpy(value, p + klen + 1, n);
		value[n] = '\0';
		break;
	}
	return value;
}

static bool parse_rdev(const char *s, const char *key, dev_t *dev)
{
	unsigned int maj, min;
	if (sscanf(field(s, key), "%u:%u", &maj, &min) != 2)
		return false;
	*dev = makedev(maj, min);
	return true;
}

/* How /proc/PID/stat encodes a terminal (tty_nr, field 7). */
static long tty_nr_of(dev_t dev)
{
	unsigned long maj = major(dev), min = minor(dev);
	return (long)((min & 0xff) | (maj << 8) | ((min & ~0xffUL) << 12));
}

static dev_t rdev_of(int fd)
{
	struct stat st;
	cr_assert(fstat(fd, &st) == 0);
	return st.st_rdev;
}

/* 1. The command's stdio is a new terminal, and its controlling one. */
Test(tty, command_gets_its_own_pty_as_controlling_terminal)
{
	struct term t;
	struct result r;
	term_open(&t, 24, 80);
	const char *argv[] = { launch_bin(), "--", probe_bin(), "tty", NULL };
	term_run(&t, argv, 10, &r);
	cr_assert_eq(r.code, 0, "screen: %s", t.out);

	cr_expect_str_eq(field(t.out, "isatty"), "111", "screen: %s", t.out);
	dev_t rdev[3], caller = rdev_of(t.slave);
	for (int fd = 0; fd < 3; fd++) {
		char key[16];
		snprintf(key, sizeof(key), "rdev%d", fd);
		cr_assert(parse_rdev(t.out, key, &rdev[fd]), "no %s: %s", key, t.out);
		cr_expect_neq(rdev[fd], caller, "fd %d is the caller's terminal", fd);
		cr_expect_eq(rdev[fd], rdev[0], "fd %d is not the pty of fd 0", fd);
	}
	/* the sandbox's pty is init's controlling terminal, which the command
	 * inherited: /proc/PID/stat shows it */
	long tty_nr = atol(field(t.out, "tty_nr"));
	cr_expect_neq(tty_nr, 0, "no controlling terminal: %s", t.out);
	cr_expect_eq(tty_nr, tty_nr_of(rdev[0]), "tty_nr %ld, fd 0 is %ld", tty_nr,
	             tty_nr_of(rdev[0]));
	term_expect_restored(&t, "after the run");
	h_result_free(&r);
	term_close(&t);
}

/* 2. The window size: copied at start, and on every SIGWINCH, once. */
Test(tty, window_size_at_start_and_on_sigwinch)
{
	struct term t;
	struct result r;
	term_open(&t, 33, 101);
	const char *tty_argv[] = { launch_bin(), "--", probe_bin(), "tty", NULL };
	term_run(&t, tty_argv, 10, &r);
	cr_assert_eq(r.code, 0, "screen: %s", t.out);
	cr_expect_str_eq(field(t.out, "rows"), "33", "screen: %s", t.out);
	cr_expect_str_eq(field(t.out, "cols"), "101", "screen: %s", t.out);
	h_result_free(&r);

	struct child c;
	const char *argv[] = { launch_bin(), "--", probe_bin(), "winch", NULL };
	term_spawn(&t, &c, argv);
	cr_assert(term_expect(&t, "ready\n", 10), "screen: %s", t.out);
	size_t start = t.seen;

	const struct winsize sizes[] = { { .ws_row = 40, .ws_col = 120 },
		                         { .ws_row = 50, .ws_col = 130 } };
	for (size_t i = 0; i < 2; i++) {
		/* the kernel sends launch (the foreground group of the
		 * caller's terminal) a SIGWINCH for the change; a second one
		 * from us must not make a second report: launch copies the
		 * size, it does not relay the signal */
		cr_assert(ioctl(t.master, TIOCSWINSZ, &sizes[i]) == 0);
		kill(c.pid, SIGWINCH);
		char line[32];
		snprintf(line, sizeof(line), "%d %d\n", sizes[i].ws_row, sizes[i].ws_col);
		cr_expect(term_expect(&t, line, 10), "no \"%s\": %s", line, t.out + start);
	}
	/* no change, no report: let a wrong one arrive before looking */
	kill(c.pid, SIGWINCH);
	term_pump(&t, 0.3);
	kill(c.pid, SIGTERM); /* relayed: probe winch ends with 0 */
	term_wait(&t, &c, 10, &r);
	cr_expect_eq(r.code, 0, "screen: %s", t.out);
	cr_expect_str_eq(t.out + start, "40 120\n50 130\n", "reports after ready");
	h_result_free(&r);
	term_close(&t);
}

/* 3. The caller's settings come back whichever way the run ends. The
 * caller's terminal starts from settings a terminal does not have by
 * default, so resetting it to defaults would not pass for restoring it. */
static void expect_restored_after(const char *how, const char *const argv[], int code,
                                  bool check_raw)
{
	struct term t;
	struct result r;
	struct child c;
	term_open(&t, 24, 80);
	struct termios tio = t.orig;
	tio.c_iflag &= ~(tcflag_t)IXON;
	tio.c_lflag &= ~(tcflag_t)ECHOCTL;
	tio.c_cc[VERASE] = 010;
	tio.c_cc[VKILL] = 025;
	term_set(&t, &tio);

	term_spawn(&t, &c, argv);
	if (check_raw)
		cr_expect(term_wait_raw(&t, 10), "not raw while running");
	term_wait(&t, &c, 20, &r);
	cr_expect_eq(r.code, code, "%s: exit %d; screen: %s", how, r.code, t.out);
	term_expect_restored(&t, how);
	h_result_free(&r);
	term_close(&t);
}

Test(tty, settings_restored_after_normal_exit)
{
	const char *argv[] = { launch_bin(), "--", probe_bin(), "exit", "3", NULL };
	expect_restored_after("normal exit", argv, 3, false);
}

Test(tty, settings_restored_after_command_killed)
{
	const char *argv[] = { launch_bin(), "--", probe_bin(), "kill", "9", NULL };
	expect_restored_after("killed by SIGKILL", argv, 128 + SIGKILL, false);
}

Test(tty, settings_restored_after_exec_failure)
{
	const char *argv[] = { launch_bin(), "--", "/nonexistent/command", "exec-failure", NULL };
	expect_restored_after("exec failure", argv, 127, false);
}

Test(tty, settings_restored_after_timeout)
{
	const char *argv[] = { launch_bin(), "--timeout", "1s",  "--",
		               probe_bin(),  "sleep",     "100", NULL };
	expect_restored_after("timeout", argv, 124, true);
}

/* 4. Raw mode while the command runs; what the user types reaches it. */
Test(tty, raw_mode_while_running_and_input_relayed)
{
	struct term t;
	struct child c;
	term_open(&t, 24, 80);
	const char *argv[] = { launch_bin(), "--", "/bin/cat", NULL };
	term_spawn(&t, &c, argv);
	cr_assert(term_wait_raw(&t, 10), "the caller's terminal is not raw while cat runs");
	struct termios now;
	cr_assert(tcgetattr(t.slave, &now) == 0);
	cr_expect(!(now.c_lflag & ICANON) && !(now.c_lflag & ECHO), "c_lflag %#x", now.c_lflag);

	/* no newline: in raw mode launch gets the bytes at once, and the
	 * sandbox's pty (canonical, echoing, as the caller's was) echoes them */
	term_type(&t, "abc");
	cr_expect(term_expect(&t, "abc", 10), "no echo of a partial line: %s", t.out);
	term_type(&t, "def\n");
	/* the pty's echo of the line, then cat's copy of it */
	cr_expect(term_expect(&t, "def\nabcdef\n", 10), "screen: %s", t.out);
	/* Ctrl-D passes as a byte, too: the sandbox's pty makes it cat's EOF */
	term_type(&t, "\x04");
	term_finish(&t, &c, 0, "after cat");
}

/* Bulk both ways: nothing lost or stuck when the user pastes more than the
 * buffers hold and the command writes more than the screen takes at once.
 * The sandbox's pty does not echo here: the kernel drops echo bytes when
 * the echo buffer overruns (n_tty), which says nothing about launch. */
Test(tty, bulk_input_and_output_relayed_whole)
{
	struct term t;
	struct result r;
	struct child c;
	term_open(&t, 24, 80);
	const char *argv[] = {
		launch_bin(), "--", "/bin/sh", "-c", "stty -echo; echo ready; wc -c; seq 1 30000",
		NULL
	};
	term_spawn(&t, &c, argv);
	cr_assert(term_expect(&t, "ready\n", 10), "screen: %s", t.out);
	size_t start = t.seen;
	/* 1000 lines of 50 bytes */
	char *text = malloc(1000 * 50 + 1);
	cr_assert(text);
	for (int i = 0; i < 1000; i++)
		snprintf(text + i * 50, 51, "%049d\n", i);
	term_type(&t, text);
	free(text);
	term_type(&t, "\x04");
	term_wait(&t, &c, 30, &r);
	cr_expect_eq(r.code, 0, "screen: ...%s", t.out + (t.len > 200 ? t.len - 200 : 0));

	/* wc's count, then all of seq's lines, and nothing else */
	size_t cap = 8 + 30000 * 6 + 1, len = 0;
	char *want = malloc(cap);
	cr_assert(want);
	len += (size_t)snprintf(want + len, cap - len, "50000\n");
	for (int i = 1; i <= 30000; i++)
		len += (size_t)snprintf(want + len, cap - len, "%d\n", i);
	size_t got = t.len - start;
	cr_expect(got == len && memcmp(t.out + start, want, len) == 0,
	          "%zu bytes, want %zu; starts \"%.20s\", ends \"%s\"", got, len, t.out + start,
	          t.out + (t.len > 20 ? t.len - 20 : 0));
	free(want);
	term_expect_restored(&t, "after the run");
	h_result_free(&r);
	term_close(&t);
}

/* Only the caller's descriptors that are terminals become the sandbox's
 * pty: a redirected stdout stays the file it was. */
Test(tty, only_terminal_stdio_goes_through_the_pty)
{
	struct term t;
	struct result r;
	term_open(&t, 24, 80);
	char dir[] = "/tmp/launch-tty-XXXXXX", file[64];
	cr_assert(mkdtemp(dir));
	snprintf(file, sizeof(file), "%s/out", dir);
	/* exec: launch still leads the terminal's session, as in the others */
	const char *argv[] = { "/bin/sh",    "-c",        "exec \"$0\" -- \"$1\" tty >\"$2\"",
		               launch_bin(), probe_bin(), file,
		               NULL };
	term_run(&t, argv, 10, &r);
	cr_expect_eq(r.code, 0, "screen: %s", t.out);
	char out[512] = "";
	FILE *f = fopen(file, "r");
	cr_assert(f);
	size_t n = fread(out, 1, sizeof(out) - 1, f);
	out[n] = '\0';
	fclose(f);
	unlink(file);
	rmdir(dir);
	cr_expect_str_eq(field(out, "isatty"), "101", "%s", out);
	cr_expect(!h_contains(out, "\r"), "stdout went through a pty: %s", out);
	dev_t rdev0, rdev2;
	cr_assert(parse_rdev(out, "rdev0", &rdev0) && parse_rdev(out, "rdev2", &rdev2), "%s", out);
	cr_expect_eq(rdev0, rdev2, "fds 0 and 2 are not the same pty");
	cr_expect_neq(rdev0, rdev_of(t.slave), "fd 0 is the caller's terminal");
	cr_expect_eq(atol(field(out, "tty_nr")), tty_nr_of(rdev0), "%s", out);
	term_expect_restored(&t, "after the run");
	h_result_free(&r);
	term_close(&t);
}

/* 6. --no-tty: the caller's terminal as it is, never as the controlling
 * terminal, never made raw. */
Test(tty, no_tty_passes_the_terminal_without_controlling_it)
{
	struct term t;
	struct result r;
	struct child c;
	term_open(&t, 24, 80);
	const char *argv[] = { launch_bin(), "--no-tty", "--", probe_bin(), "tty", NULL };
	term_run(&t, argv, 10, &r);
	cr_assert_eq(r.code, 0, "screen: %s", t.out);
	dev_t rdev0;
	cr_assert(parse_rdev(t.out, "rdev0", &rdev0), "screen: %s", t.out);
	cr_expect_eq(rdev0, rdev_of(t.slave), "fd 0 is not the caller's terminal");
	cr_expect_str_eq(field(t.out, "tty_nr"), "0", "a controlling terminal: %s", t.out);
	cr_expect_str_eq(field(t.out, "isatty"), "111", "screen: %s", t.out);
	term_expect_restored(&t, "after --no-tty");
	h_result_free(&r);

	/* while it runs: the terminal stays canonical and echoing, the
	 * command reads whole lines straight from it */
	const char *read_argv[] = { launch_bin(), "--no-tty", "--",
		                    "/bin/sh",    "-c",       "echo ready; read x; echo got=$x",
		                    NULL };
	term_spawn(&t, &c, read_argv);
	cr_assert(term_expect(&t, "ready\n", 10), "screen: %s", t.out);
	term_expect_restored(&t, "during --no-tty");
	term_type(&t, "hi\n");
	cr_expect(term_expect(&t, "got=hi\n", 10), "screen: %s", t.out);
	term_finish(&t, &c, 0, "after --no-tty");
}

/* 7. --tty without a terminal: a pty all the same, and the end of stdin
 * becomes the pty's end-of-file. */
Test(tty, forced_tty_with_piped_stdin)
{
	struct child c;
	struct result r;
	struct spawn_opts o = { .tty_fd = -1, .stdin_pipe = true };
	const char *argv[] = { launch_bin(), "--tty", "--", "/bin/cat", NULL };
	h_spawn(&c, &o, argv);
	cr_assert_eq(write(c.in, "hello\n", 6), 6);
	h_wait(&c, 10, &r); /* closes stdin first */
	cr_expect_eq(r.code, 0, "stderr: %s", r.err);
	cr_expect(!r.killed, "cat never saw the end of its input");
	/* "\r\n": the pty's output translation */
	cr_expect(h_contains(r.out, "hello\r\n"), "stdout: %s", r.out);
	h_result_free(&r);

	const char *tty_argv[] = { launch_bin(), "--tty", "--", probe_bin(), "tty", NULL };
	h_spawn(&c, &o, tty_argv);
	h_wait(&c, 10, &r);
	cr_expect_eq(r.code, 0, "stderr: %s", r.err);
	cr_expect(h_contains(r.out, "isatty=111\r\n"), "stdout: %s", r.out);
	cr_expect(!h_contains(r.out, "tty_nr=0\r\n"), "no controlling terminal: %s", r.out);
	h_result_free(&r);
}

/* The user closes the terminal window (the master goes away): launch, the
 * session leader, gets SIGHUP and relays it; the run ends at once instead
 * of relaying into a dead terminal. */
Test(tty, terminal_hangup_ends_the_run)
{
	struct term t;
	struct result r;
	struct child c;
	term_open(&t, 24, 80);
	const char *argv[] = { launch_bin(), "--", "/bin/cat", NULL };
	term_spawn(&t, &c, argv);
	cr_assert(term_wait_raw(&t, 10), "not raw");
	close(t.master);
	t.master = -1;
	h_wait(&c, 10, &r);
	cr_expect(!r.killed, "launch did not end after the hangup");
	cr_expect_eq(r.code, 128 + SIGHUP, "exit %d", r.code);
	h_result_free(&r);
	term_close(&t);
}

/* 9. TIOCSTI (CVE-2017-5226): a sandboxed process pushes "X" with TIOCSTI
 * on every terminal it has; none of it becomes input of the caller's
 * terminal.
 *
 * What is asserted: the number of bytes in the input queue of the caller's
 * terminal (FIONREAD on the test's slave) is 0 after the injection, while
 * the same check sees the bytes when a process that does share the
 * caller's terminal does the same (the control run, without launch).
 *
 * Why that shows the protection: while launch runs in the foreground it
 * reads the caller's terminal itself, so a byte injected there would be
 * consumed by launch and passed on to the sandbox's pty, looking exactly
 * like a byte injected into the sandbox's pty: "nothing queued after the
 * run" would prove nothing. So the injection happens while launch is
 * stopped (the command stopped itself, launch followed it), when nobody
 * reads the caller's terminal and anything injected into it would stay in
 * its queue, as it would for the shell the user returns to. The caller's
 * terminal is non-canonical here so that FIONREAD counts a partial line
 * (in canonical mode it counts complete lines only). As root, TIOCSTI
 * works on any terminal a process has open (CAP_SYS_ADMIN), not only its
 * controlling one. Two things protect: no descriptor of the command, and
 * not its controlling terminal, is the caller's terminal (test 1), and
 * launch's terminal guard (a seccomp filter every command gets) refuses
 * TIOCSTI on every terminal, the sandbox's own pty too: each attempt fails
 * with EPERM and nothing reaches either terminal. */
Test(tty, tiocsti_cannot_reach_the_callers_terminal)
{
	struct term t;
	struct result r;
	struct child c;
	term_open(&t, 24, 80);
	struct termios tio = t.orig;
	tio.c_lflag &= ~(tcflag_t)ICANON;
	tio.c_cc[VMIN] = 1;
	tio.c_cc[VTIME] = 0;
	term_set(&t, &tio);

	/* control: probe on the caller's terminal itself injects 3 bytes */
	const char *control_argv[] = { probe_bin(), "tiocsti", NULL };
	term_run(&t, control_argv, 10, &r);
	cr_assert_eq(r.code, 0, "screen: %s", t.out);
	cr_assert(term_expect(&t, "fd0=ok\n", 1), "TIOCSTI does not work here: %s", t.out);
	int queued = term_queued_input(&t);
	cr_assert_eq(queued, 3, "the control injection queued %d bytes", queued);
	char junk[16];
	cr_assert_eq(read(t.slave, junk, sizeof(junk)), 3);
	cr_assert_eq(memcmp(junk, "XXX", 3), 0);
	h_result_free(&r);
	size_t start = t.len;

	/* the real run: the command stops itself (so launch stops); a
	 * process of the sandbox left running injects when told to, through
	 * the stdio it inherited from the command ("<&0": bash would give a
	 * background job /dev/null) and through its controlling terminal
	 * (/dev/tty), and says when it is done */
	int go[2], done[2];
	cr_assert(pipe2(go, O_CLOEXEC) == 0 && pipe2(done, O_CLOEXEC) == 0);
	char go_fd[16], done_fd[16], script[1024];
	snprintf(go_fd, sizeof(go_fd), "%d", go[0]);
	snprintf(done_fd, sizeof(done_fd), "%d", done[1]);
	snprintf(script, sizeof(script),
	         "(read -r x <&%d; %s tiocsti; %s tiocsti </dev/tty >/dev/tty 2>/dev/tty; "
	         "echo done >&%d) <&0 & kill -STOP $$; wait",
	         go[0], probe_bin(), probe_bin(), done[1]);
	const char *argv[] = { launch_bin(), "--pass-fd", go_fd, "--pass-fd", done_fd,
		               "--",         "/bin/bash", "-c",  script,      NULL };
	int keep[] = { go[0], done[1] };
	struct spawn_opts o = { .tty_fd = t.slave, .keep_fds = keep, .n_keep_fds = 2 };
	h_spawn(&c, &o, argv);
	close(go[0]);
	close(done[1]);

	int status = term_wait_stopped(c.pid, &t, 10);
	cr_assert(status != -1 && WIFSTOPPED(status), "launch did not stop (status %#x)", status);
	term_expect_restored(&t, "while launch is stopped");
	cr_assert_eq(write(go[1], "\n", 1), 1);
	struct pollfd p = { .fd = done[0], .events = POLLIN };
	char word[8] = "";
	cr_assert(poll(&p, 1, 10000) == 1 && read(done[0], word, sizeof(word) - 1) > 0,
	          "the injection did not happen");
	cr_assert_str_eq(word, "done\n");

	queued = term_queued_input(&t);
	cr_expect_eq(queued, 0, "%d bytes were pushed into the caller's terminal", queued);
	if (queued > 0)
		(void)!read(t.slave, junk, sizeof(junk));

	kill(c.pid, SIGCONT);
	term_wait(&t, &c, 10, &r);
	cr_expect_eq(r.code, 0, "screen: %s", t.out + start);
	/* the guard refused every attempt, on the sandbox's pty too */
	cr_expect_eq(h_count(t.out + start, "=ok"), 0, "screen: %s", t.out + start);
	cr_expect(h_contains(t.out + start, "fd0=Operation not permitted"), "screen: %s",
	          t.out + start);
	cr_expect_eq(h_count(t.out + start, "X"), 0, "screen: %s", t.out + start);
	term_expect_restored(&t, "after the run");
	close(go[1]);
	close(done[0]);
	h_result_free(&r);
	term_close(&t);
}
