/* The sandbox's own pseudo-terminal, as sudo's use_pty mode does it: the
 * command never holds the caller's terminal, so it cannot push input into
 * it (TIOCSTI, CVE-2017-5226). launch puts the caller's terminal in raw mode
 * while the command runs in the foreground, relays bytes both ways, keeps
 * the window size in step and restores the terminal on every way out. */
#ifndef LAUNCH_LAUNCHER_PTY_H
#define LAUNCH_LAUNCHER_PTY_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <termios.h>

#include "base/error.h"
#include "launcher/config.h"

#define PTY_BUF_SIZE 4096
#define PTY_MAX_POLLFDS 3

struct pty_buf {
	char data[PTY_BUF_SIZE];
	size_t len;
};

struct pty {
	int master;     /* -1: this run has no pseudo-terminal */
	int slave;      /* the monitor's copy, closed once the sandbox has one */
	bool on_pty[3]; /* which of the command's fds 0, 1, 2 are the pty */
	int in_fd;      /* caller's fd whose input goes to the pty, or -1 */
	int out_fd;     /* caller's fd that gets the pty's output */
	int term_fd;    /* caller's terminal (settings, window size), or -1 */
	bool in_is_tty;
	bool out_is_tty;
	bool in_open;     /* still reading in_fd */
	bool eof_sent;    /* in_fd ended and the pty was told (VEOF) */
	bool master_open; /* the pty may still produce output */
	bool out_open;    /* out_fd still takes output */
	char last_to_pty;
	bool saved_valid;
	struct termios saved; /* the caller's terminal settings */
	bool raw;
	struct pty_buf to_pty, to_out;
	int poll_index[PTY_MAX_POLLFDS]; /* in, master, out in the pollfd array */
};

enum pty_event {
	PTY_OK,
	PTY_READ_IN_BACKGROUND,  /* launch read the terminal from a background
	                            job: it should stop with SIGTTIN */
	PTY_WRITE_IN_BACKGROUND, /* it would write to a terminal with tostop
	                            set from a background job: SIGTTOU */
};

/* Decides whether this run gets a pseudo-terminal (mode, and whether stdin
 * is a terminal) and opens it. p->master < 0 when it does not. */
int pty_setup(struct pty *p, enum tty_mode mode, struct lx_error *e);
/* After the sandbox has its copy of the slave. */
void pty_close_slave(struct pty *p);
/* For the next sandbox of a service: the slave again, through the master. */
int pty_reopen_slave(struct pty *p, struct lx_error *e);
/* Raw mode on the caller's terminal, when launch is in the foreground. */
void pty_enter_raw(struct pty *p);
void pty_leave_raw(struct pty *p);
/* Copies the caller's window size to the pty (the kernel then sends
 * SIGWINCH to the pty's foreground group if it changed). */
void pty_resize(struct pty *p);
/* Adds the descriptors to watch; returns how many were added. */
size_t pty_poll_add(struct pty *p, struct pollfd *fds, size_t first);
enum pty_event pty_handle(struct pty *p, const struct pollfd *fds);
/* launch could not stop for a background read or write (its process group
 * is orphaned, or the caller ignores the signal): as the kernel fails such
 * a read or write with EIO, input ends or output is dropped. */
void pty_give_up(struct pty *p, enum pty_event event);
/* The sandbox ended: passes on all output that is left; or says that
 * launch must stop first (a write from the background with tostop set),
 * to be called again once it has, or after pty_give_up. */
enum pty_event pty_drain(struct pty *p);
/* Restores the caller's terminal and closes everything. */
void pty_close(struct pty *p);

#endif
