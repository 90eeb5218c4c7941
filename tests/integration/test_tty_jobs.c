/* Job control through the terminal (SPEC "Process model": Job control):
 * bash's own job control inside the sandbox, and launch as a job of the
 * caller's shell: it stops when the command stops, with the same signal,
 * resumes with fg/bg, stops for background reads and (with tostop) writes,
 * and never leaves the command stopped when it cannot stop itself. The
 * tests play the user on a pseudo-terminal and the caller's shell (term.h). */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "harness.h"
#include "term.h"

TestSuite(tty_jobs, .init = term_user_signals, .fini = h_cleanup, .timeout = 60);

/* 5. An interactive bash inside: Ctrl-C, Ctrl-Z and fg work as at a plain
 * terminal, because the sandbox's pty is bash's controlling terminal and
 * launch passes the control characters on as bytes. */
Test(tty_jobs, bash_job_control_inside)
{
	struct term t;
	struct result r;
	struct child c;
	term_open(&t, 24, 80);
	/* a prompt to wait for; TERM=dumb keeps readline's escapes few */
	const char *argv[] = { launch_bin(), "--",     "/usr/bin/env", "PS1=tt> ", "TERM=dumb",
		               "/bin/bash",  "--norc", "--noprofile",  "-i",       NULL };
	term_spawn(&t, &c, argv);
	cr_assert(term_expect(&t, "tt> ", 10), "no prompt: %s", t.out);

	/* Ctrl-C ends the foreground job; bash survives */
	term_type(&t, "sleep 100\n");
	cr_assert(term_wait_foreground(c.pid, "sleep", 10), "sleep never ran in the foreground: %s",
	          t.out);
	term_type(&t, "\x03");
	cr_assert(term_expect(&t, "tt> ", 10), "no prompt after Ctrl-C: %s", t.out);
	term_type(&t, "echo rc=$?\n");
	cr_assert(term_expect(&t, "rc=130\n", 10), "screen: %s", t.out);
	cr_assert(term_expect(&t, "tt> ", 10), "screen: %s", t.out);

	/* Ctrl-Z stops it, bash says so; fg brings it back; Ctrl-C again */
	term_type(&t, "sleep 100\n");
	cr_assert(term_wait_foreground(c.pid, "sleep", 10), "screen: %s", t.out);
	term_type(&t, "\x1a");
	cr_assert(term_expect(&t, "Stopped", 10), "no job stop: %s", t.out);
	cr_assert(term_expect(&t, "tt> ", 10), "screen: %s", t.out);
	term_type(&t, "fg\n");
	cr_assert(term_wait_foreground(c.pid, "sleep", 10), "fg did not resume it: %s", t.out);
	term_type(&t, "\x03");
	cr_assert(term_expect(&t, "tt> ", 10), "no prompt after Ctrl-C: %s", t.out);
	term_type(&t, "echo rc=$?\n");
	cr_assert(term_expect(&t, "rc=130\n", 10), "screen: %s", t.out);
	cr_assert(term_expect(&t, "tt> ", 10), "screen: %s", t.out);

	term_type(&t, "exit 7\n");
	term_wait(&t, &c, 10, &r);
	cr_expect_eq(r.code, 7, "screen: %s", t.out);
	cr_expect(!h_contains(t.out, "no job control"), "screen: %s", t.out);
	cr_expect(!h_contains(t.out, "terminal process group"), "screen: %s", t.out);
	term_expect_restored(&t, "after bash");
	h_result_free(&r);
	term_close(&t);
}

/* 8. Job control seen from the caller: the command stops, launch stops with
 * it (with the caller's settings back); SIGCONT resumes both. */
Test(tty_jobs, command_stop_stops_launch_and_sigcont_resumes)
{
	struct term t;
	struct child c;
	term_open(&t, 24, 80);
	const char *argv[] = { launch_bin(), "--", probe_bin(), "stop", NULL };
	term_spawn(&t, &c, argv);
	int status = term_wait_stopped(c.pid, &t, 10);
	cr_assert(status != -1 && WIFSTOPPED(status), "launch did not stop (status %#x)", status);
	cr_expect_eq(WSTOPSIG(status), SIGSTOP);
	/* the user is back at the shell: the terminal must be usable */
	term_expect_restored(&t, "while launch is stopped");
	cr_expect(!h_contains(t.out, "continued"), "screen: %s", t.out);

	kill(c.pid, SIGCONT);
	cr_expect(term_expect(&t, "continued\n", 10), "screen: %s", t.out);
	term_finish(&t, &c, 0, "after the run");
}

/* ... and after SIGCONT the terminal is raw again for the command. */
Test(tty_jobs, sigcont_reenters_raw_mode)
{
	struct term t;
	struct child c;
	term_open(&t, 24, 80);
	const char *argv[] = { launch_bin(),
		               "--",
		               "/bin/sh",
		               "-c",
		               "kill -STOP $$; echo continued; read x; echo got=$x",
		               NULL };
	term_spawn(&t, &c, argv);
	int status = term_wait_stopped(c.pid, &t, 10);
	cr_assert(status != -1 && WIFSTOPPED(status), "launch did not stop (status %#x)", status);
	term_expect_restored(&t, "while launch is stopped");
	kill(c.pid, SIGCONT);
	cr_assert(term_expect(&t, "continued\n", 10), "screen: %s", t.out);
	cr_expect(term_wait_raw(&t, 10), "not raw again after SIGCONT");
	term_type(&t, "yes\n");
	cr_expect(term_expect(&t, "got=yes\n", 10), "screen: %s", t.out);
	term_finish(&t, &c, 0, "after the run");
}

/* Ctrl-Z typed at a shell's foreground job: the byte goes to the sandbox's
 * pty, which stops the command with SIGTSTP; launch stops with SIGTSTP, the
 * shell takes the terminal back (non-raw); fg gives it back (raw). */
Test(tty_jobs, ctrl_z_stops_launch_and_fg_resumes)
{
	struct term t;
	struct shell s;
	term_open(&t, 24, 80);
	const char *argv[] = { launch_bin(), "--", "/bin/cat", NULL };
	shell_start(&s, &t, true, 0, argv);
	cr_assert(term_wait_raw(&t, 10), "not raw in the foreground");
	term_type(&t, "one\n");
	cr_assert(term_expect(&t, "one\none\n", 10), "screen: %s", t.out);

	term_type(&t, "\x1a");
	shell_expect_stopped(&s, &t, SIGTSTP);
	term_expect_restored(&t, "while launch is stopped");

	shell_fg(&s);
	shell_expect_continued(&s, &t);
	cr_expect(term_wait_raw(&t, 10), "not raw again after fg");
	term_type(&t, "two\n");
	cr_expect(term_expect(&t, "two\ntwo\n", 10), "cat did not resume: %s", t.out);
	term_type(&t, "\x04");
	shell_expect_exit(&s, &t, 0);
	term_expect_restored(&t, "after the run");
	shell_end(&s);
	term_close(&t);
}

/* bg after Ctrl-Z: launch runs on in the background, the command too, the
 * terminal stays as the shell wants it; reading it then stops launch with
 * SIGTTIN until fg. */
Test(tty_jobs, ctrl_z_then_bg_stays_cooked_until_fg)
{
	struct term t;
	struct shell s;
	term_open(&t, 24, 80);
	const char *argv[] = { launch_bin(), "--", "/bin/cat", NULL };
	shell_start(&s, &t, true, 0, argv);
	cr_assert(term_wait_raw(&t, 10), "not raw in the foreground");
	term_type(&t, "one\n");
	cr_assert(term_expect(&t, "one\none\n", 10), "screen: %s", t.out);
	term_type(&t, "\x1a");
	shell_expect_stopped(&s, &t, 0);

	shell_bg(&s);
	shell_expect_continued(&s, &t);
	term_pump(&t, 0.2);
	term_expect_restored(&t, "launch in the background after bg");

	term_type(&t, "x\n");
	shell_expect_stopped(&s, &t, SIGTTIN);

	shell_fg(&s);
	shell_expect_continued(&s, &t);
	cr_expect(term_wait_raw(&t, 10), "not raw after fg");
	/* the shell's terminal echoed it, then the sandbox's pty, then cat */
	cr_expect(term_expect(&t, "x\nx\nx\n", 10), "screen: %s", t.out);
	term_type(&t, "\x04");
	shell_expect_exit(&s, &t, 0);
	term_expect_restored(&t, "after the run");
	shell_end(&s);
	term_close(&t);
}

/* A background job that reads the terminal stops with SIGTTIN, as any
 * program would; it never makes the terminal raw behind the shell's back;
 * fg lets it read. */
Test(tty_jobs, background_read_stops_launch_with_sigttin)
{
	struct term t;
	struct shell s;
	term_open(&t, 24, 80);
	const char *argv[] = { launch_bin(), "--", "/bin/cat", NULL };
	shell_start(&s, &t, false, 0, argv);
	pid_t init = h_init_pid(s.job, 10);
	cr_assert(init > 0, "no sandbox");
	cr_assert(term_wait_foreground(s.job, "cat", 10), "cat never ran");
	term_pump(&t, 0.2);
	term_expect_restored(&t, "launch in the background");

	/* the shell's terminal, canonical: the line reaches launch's poll */
	term_type(&t, "bg\n");
	shell_expect_stopped(&s, &t, SIGTTIN);
	term_expect_restored(&t, "while launch is stopped");

	shell_fg(&s);
	shell_expect_continued(&s, &t);
	cr_expect(term_wait_raw(&t, 10), "not raw after fg");
	/* the line typed in the background is read now: the shell's
	 * terminal echoed it then, the sandbox's pty and cat now */
	cr_expect(term_expect(&t, "bg\nbg\nbg\n", 10), "screen: %s", t.out);
	term_type(&t, "\x04");
	shell_expect_exit(&s, &t, 0);
	term_expect_restored(&t, "after the run");
	shell_end(&s);
	term_close(&t);
}

/* A background job that writes to a terminal with tostop set is stopped
 * with SIGTTOU; launch, which keeps SIGTTOU blocked to relay it, must stop
 * the same way before it writes the command's output, and write it after
 * fg. */
Test(tty_jobs, background_write_with_tostop_stops_launch_with_sigttou)
{
	struct term t;
	struct shell s;
	struct termios tio;
	term_open(&t, 24, 80);
	cr_assert(tcgetattr(t.slave, &tio) == 0);
	tio.c_lflag |= TOSTOP;
	term_set(&t, &tio);
	const char *argv[] = {
		launch_bin(), "--", "/bin/sh", "-c", "sleep 0.3; echo out-put", NULL
	};
	shell_start(&s, &t, false, 0, argv);

	shell_expect_stopped(&s, &t, SIGTTOU);
	cr_expect(!h_contains(t.out, "out-put"), "written from the background: %s", t.out);
	term_expect_restored(&t, "while launch is stopped");

	shell_fg(&s);
	shell_expect_continued(&s, &t);
	cr_expect(term_expect(&t, "out-put", 10), "screen: %s", t.out);
	shell_expect_exit(&s, &t, 0);
	term_expect_restored(&t, "after the run");
	shell_end(&s);
	term_close(&t);
}

/* When launch cannot stop, the command must not stay stopped. launch does
 * not always stop when the command does:
 *  - the kernel discards SIGTSTP, SIGTTIN and SIGTTOU for a process in an
 *    orphaned process group (kernel/signal.c, get_signal:
 *    is_current_pgrp_orphaned). launch's group is orphaned whenever launch
 *    leads the session: `ssh -t host launch -- vim` (bash -c execs it),
 *    a terminal emulator running launch, `exec launch` from a login shell;
 *  - the caller may ignore the signal.
 * Left there, Ctrl-Z in vim would hang the session. As at a plain terminal
 * (where the orphaned group's Ctrl-Z does nothing) and as sudo does it
 * (exec_pty.c, suspend_sudo_pty), launch then enters raw mode again and
 * resumes the command with SIGCONT. */
static void expect_command_resumed_after_ctrl_z(struct term *t)
{
	cr_assert(term_expect(t, "ready\n", 10), "screen: %s", t->out);
	cr_assert(term_wait_raw(t, 10), "not raw");
	term_type(t, "one\n");
	cr_assert(term_expect(t, "got=one\n", 10), "screen: %s", t->out);
	/* the command stops; launch does not: the command must go on. Were
	 * it left stopped, it would never print this */
	term_type(t, "\x1a");
	term_type(t, "two\n");
	cr_expect(term_expect(t, "got=two\n", 5), "the command was left stopped: %s", t->out);
	cr_expect(term_wait_raw(t, 5), "the terminal was left cooked");
}

Test(tty_jobs, ctrl_z_when_launch_cannot_stop_resumes_the_command)
{
	struct term t;
	struct child c;
	term_open(&t, 24, 80);
	/* launch leads the session of its terminal: its group is orphaned */
	const char *argv[] = { launch_bin(), "--", probe_bin(), "lines", NULL };
	term_spawn(&t, &c, argv);
	expect_command_resumed_after_ctrl_z(&t);
	term_type(&t, "\x04");
	term_finish(&t, &c, 0, "after the run");
}

Test(tty_jobs, ctrl_z_with_sigtstp_ignored_resumes_the_command)
{
	struct term t;
	struct shell s;
	term_open(&t, 24, 80);
	/* a job of a shell (not orphaned), started with SIGTSTP ignored:
	 * launch must not stop; the command resets it and stops */
	const char *argv[] = { launch_bin(), "--", probe_bin(), "lines", NULL };
	shell_start(&s, &t, true, SIGTSTP, argv);
	expect_command_resumed_after_ctrl_z(&t);
	term_type(&t, "\x04");
	shell_expect_exit(&s, &t, 0);
	term_expect_restored(&t, "after the run");
	shell_end(&s);
	term_close(&t);
}
