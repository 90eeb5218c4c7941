/* The user's side of a terminal, for the terminal tests: a pseudo-terminal
 * made with openpty() whose master is the user's keyboard and screen and
 * whose slave is the caller's terminal launch gets; and a tiny job-control
 * shell that runs launch as a job on it, as a real shell would. */
#ifndef LAUNCH_TESTS_TERM_H
#define LAUNCH_TESTS_TERM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdnoreturn.h>
#include <sys/types.h>
#include <termios.h>

#include "harness.h"

enum esc_state {
	ESC_NONE,
	ESC_START, /* after ESC */
	ESC_CSI,   /* ESC [ ... final byte */
	ESC_OSC,   /* ESC ] ... BEL or ESC \ */
};

struct term {
	int master;
	int slave;
	struct termios orig; /* the slave's settings before launch ran */
	char *out;           /* all the master read, without '\r' and escapes */
	size_t len;
	size_t seen; /* term_expect matched up to here */
	enum esc_state esc;
};

struct shell {
	pid_t pid;
	pid_t job;    /* launch */
	int events;   /* from the shell: the job's wait statuses */
	int commands; /* to the shell: 'f' = fg, 'b' = bg */
	bool ended;   /* shell_event reported the job's end */
};

/* The processes started here inherit the test's signal dispositions, and
 * launch hands ignored ones down to the command (SPEC). A user at a terminal
 * has the terminal's signals at their defaults; a test runner started in
 * the background by a non-interactive shell has SIGINT and SIGQUIT
 * ignored, and Ctrl-C would then kill nothing. */
void term_user_signals(void);

void term_open(struct term *t, unsigned short rows, unsigned short cols);

/* Makes these the caller's settings, and what later checks compare with. */
void term_set(struct term *t, const struct termios *tio);

void term_close(struct term *t);

/* Reads what the master has, waiting up to timeout_s for the first byte. */
void term_pump(struct term *t, double timeout_s);

/* Waits until s shows up after the last match; true if it did. */
bool term_expect(struct term *t, const char *s, double timeout_s);

/* Typing on the user's keyboard; a long text waits for room, reading the
 * screen meanwhile (the echo would fill it otherwise). */
void term_type(struct term *t, const char *s);

void term_spawn(struct term *t, struct child *c, const char *const argv[]);

/* Waits for launch to end while reading the screen: launch blocks on a
 * full terminal if nobody reads it, as it would with a real user. */
void term_wait(struct term *t, struct child *c, double timeout_s, struct result *r);

/* The end of a test's run: launch exits with code, the caller's settings
 * are back, the terminal is closed. */
void term_finish(struct term *t, struct child *c, int code, const char *when);

void term_run(struct term *t, const char *const argv[], double timeout_s, struct result *r);

bool term_is_raw(const struct term *t);

/* launch enters raw mode right after it started the sandbox: poll for it. */
bool term_wait_raw(struct term *t, double timeout_s);

void term_expect_restored(const struct term *t, const char *when);

/* Bytes waiting to be read on the caller's terminal (its input queue). */
int term_queued_input(const struct term *t);

/* Waits until a process named comm, somewhere below launch, runs as the
 * foreground group of its terminal (the sandbox's pty): only then does a
 * Ctrl-C or Ctrl-Z typed by the user reach it rather than the shell.
 * Other tests run in parallel, hence the ancestry. */
bool term_wait_foreground(pid_t launch, const char *comm, double timeout_s);

/* Waits for the process to stop; its wait status, or -1 if it ended or
 * the deadline came. An exit is left for h_wait to collect. */
int term_wait_stopped(pid_t pid, struct term *t, double timeout_s);

void shell_start(struct shell *s, struct term *t, bool foreground, int ignore,
                 const char *const argv[]);

/* The job's next wait status as the shell saw it, or -1 at the deadline;
 * the screen is read meanwhile. */
int shell_event(struct shell *s, struct term *t, double timeout_s);

void shell_fg(struct shell *s);

/* The job's next state must be: stopped (by sig, or by anything for 0),
 * continued, exited with code. */
void shell_expect_stopped(struct shell *s, struct term *t, int sig);
void shell_expect_continued(struct shell *s, struct term *t);
void shell_expect_exit(struct shell *s, struct term *t, int code);

void shell_bg(struct shell *s);

/* Ends the job if it still runs (a failed test), so that the shell reaps
 * it, then the shell. */
void shell_end(struct shell *s);

#endif
