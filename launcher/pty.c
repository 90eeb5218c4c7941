#include "launcher/pty.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "base/fd.h"

static bool is_terminal(int fd)
{
	return isatty(fd) == 1;
}

static bool writable(int fd)
{
	int flags = fcntl(fd, F_GETFL);
	return flags >= 0 && (flags & O_ACCMODE) != O_RDONLY;
}

/* Where the pty's output goes: with --tty, stdout; otherwise the caller's
 * terminal, through the first of stdout, stderr or stdin that is on it. */
static int output_fd(const struct pty *p, enum tty_mode mode)
{
	if (mode == TTY_FORCE || p->on_pty[1])
		return 1;
	if (p->on_pty[2])
		return 2;
	return writable(0) ? 0 : 1;
}

int pty_setup(struct pty *p, enum tty_mode mode, struct lx_error *e)
{
	memset(p, 0, sizeof(*p));
	p->master = p->slave = p->in_fd = p->out_fd = p->term_fd = -1;
	for (size_t i = 0; i < PTY_MAX_POLLFDS; i++)
		p->poll_index[i] = -1;

	bool stdin_tty = is_terminal(0);
	if (mode == TTY_NEVER || (mode == TTY_AUTO && !stdin_tty))
		return 0;

	for (int fd = 0; fd < 3; fd++)
		p->on_pty[fd] = mode == TTY_FORCE || is_terminal(fd);
	for (int fd = 0; fd < 3 && p->term_fd < 0; fd++)
		if (is_terminal(fd))
			p->term_fd = fd;

	p->master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (p->master < 0)
		return lx_error_errno(e, errno, "open a pseudo-terminal");
	if (grantpt(p->master) < 0 || unlockpt(p->master) < 0)
		return lx_error_errno(e, errno, "set up a pseudo-terminal");
	/* TIOCGPTPEER opens the slave through the master itself: no path
	 * lookup in /dev/pts that another devpts mount could shadow */
	p->slave = ioctl(p->master, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (p->slave < 0)
		return lx_error_errno(e, errno, "open the pseudo-terminal's slave");
	if (fcntl(p->master, F_SETFL, O_NONBLOCK) < 0)
		return lx_error_errno(e, errno, "set up a pseudo-terminal");

	if (p->term_fd >= 0 && tcgetattr(p->term_fd, &p->saved) == 0) {
		p->saved_valid = true;
		tcsetattr(p->slave, TCSANOW, &p->saved);
		struct winsize ws;
		if (ioctl(p->term_fd, TIOCGWINSZ, &ws) == 0)
			ioctl(p->slave, TIOCSWINSZ, &ws);
	}
	p->in_fd = 0;
	p->in_is_tty = stdin_tty;
	p->in_open = true;
	p->out_fd = output_fd(p, mode);
	p->out_is_tty = is_terminal(p->out_fd);
	p->master_open = true;
	p->out_open = true;
	return 0;
}

int pty_reopen_slave(struct pty *p, struct lx_error *e)
{
	p->slave = ioctl(p->master, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (p->slave < 0)
		return lx_error_errno(e, errno, "open the pseudo-terminal's slave");
	p->master_open = true;
	return 0;
}

void pty_close_slave(struct pty *p)
{
	if (p->slave >= 0)
		close(p->slave);
	p->slave = -1;
}

static bool in_foreground(const struct pty *p)
{
	return p->term_fd >= 0 && tcgetpgrp(p->term_fd) == getpgrp();
}

/* A background job that writes to a terminal with tostop set is stopped by
 * the kernel with SIGTTOU; launch keeps SIGTTOU blocked (to relay it), so
 * the kernel lets its writes through, and launch checks for itself. */
static bool write_would_stop(const struct pty *p)
{
	struct termios t;
	return p->out_is_tty && tcgetpgrp(p->out_fd) != getpgrp() &&
	       tcgetattr(p->out_fd, &t) == 0 && (t.c_lflag & TOSTOP);
}

void pty_enter_raw(struct pty *p)
{
	/* only the terminal launch reads from is made raw; and not from a
	 * background job, which would take the terminal from the shell */
	if (p->master < 0 || !p->saved_valid || !p->in_is_tty || p->raw || !in_foreground(p))
		return;
	struct termios raw = p->saved;
	cfmakeraw(&raw);
	if (tcsetattr(p->term_fd, TCSADRAIN, &raw) == 0)
		p->raw = true;
}

void pty_leave_raw(struct pty *p)
{
	if (!p->raw)
		return;
	tcsetattr(p->term_fd, TCSADRAIN, &p->saved);
	p->raw = false;
}

void pty_resize(struct pty *p)
{
	struct winsize ws;
	if (p->master >= 0 && p->term_fd >= 0 && ioctl(p->term_fd, TIOCGWINSZ, &ws) == 0)
		ioctl(p->master, TIOCSWINSZ, &ws);
}

static void add(struct pty *p, struct pollfd *fds, size_t *n, int slot, int fd, short events)
{
	fds[*n] = (struct pollfd){ .fd = fd, .events = events };
	p->poll_index[slot] = (int)*n;
	(*n)++;
}

size_t pty_poll_add(struct pty *p, struct pollfd *fds, size_t first)
{
	size_t n = first;
	for (size_t i = 0; i < PTY_MAX_POLLFDS; i++)
		p->poll_index[i] = -1;
	if (p->master < 0)
		return 0;
	if (p->in_open && p->to_pty.len < PTY_BUF_SIZE)
		add(p, fds, &n, 0, p->in_fd, POLLIN);
	short master_events = 0;
	if (p->master_open && p->to_out.len < PTY_BUF_SIZE)
		master_events |= POLLIN;
	if (p->to_pty.len > 0)
		master_events |= POLLOUT;
	if (master_events)
		add(p, fds, &n, 1, p->master, master_events);
	if (p->to_out.len > 0 && p->out_open)
		add(p, fds, &n, 2, p->out_fd, POLLOUT);
	return n - first;
}

static short revents(const struct pty *p, const struct pollfd *fds, int slot)
{
	return p->poll_index[slot] < 0 ? 0 : fds[p->poll_index[slot]].revents;
}

static void consume(struct pty_buf *b, size_t n)
{
	memmove(b->data, b->data + n, b->len - n);
	b->len -= n;
}

/* stdin ended (a pipe with --tty): tell the pty with its end-of-file
 * character, twice if a partial line is pending, as a user would type it. */
static void send_eof(struct pty *p)
{
	struct termios t;
	if (p->eof_sent || p->to_pty.len > 0)
		return;
	p->eof_sent = true;
	if (tcgetattr(p->master, &t) < 0 || !(t.c_lflag & ICANON))
		return;
	char eof[2] = { (char)t.c_cc[VEOF], (char)t.c_cc[VEOF] };
	(void)!write(p->master, eof, p->last_to_pty && p->last_to_pty != '\n' ? 2 : 1);
}

enum pty_event pty_handle(struct pty *p, const struct pollfd *fds)
{
	enum pty_event event = PTY_OK;
	ssize_t n;

	if (revents(p, fds, 0)) {
		n = read(p->in_fd, p->to_pty.data + p->to_pty.len, PTY_BUF_SIZE - p->to_pty.len);
		if (n > 0)
			p->to_pty.len += (size_t)n;
		else if (n < 0 && errno == EIO && p->in_is_tty && !in_foreground(p))
			event = PTY_READ_IN_BACKGROUND;
		else if (n == 0 || (errno != EINTR && errno != EAGAIN))
			p->in_open = false; /* end of input, or the terminal hung up */
	}

	short m = revents(p, fds, 1);
	if (m & POLLOUT) {
		n = write(p->master, p->to_pty.data, p->to_pty.len);
		if (n > 0) {
			p->last_to_pty = p->to_pty.data[n - 1];
			consume(&p->to_pty, (size_t)n);
		} else if (n < 0 && errno != EAGAIN && errno != EINTR)
			p->to_pty.len = 0; /* nobody holds the pty: input is lost */
	}
	if (m & (POLLIN | POLLHUP | POLLERR)) {
		n = read(p->master, p->to_out.data + p->to_out.len, PTY_BUF_SIZE - p->to_out.len);
		if (n > 0)
			p->to_out.len += (size_t)n;
		else if (n == 0 || (errno != EAGAIN && errno != EINTR))
			p->master_open = false; /* EIO: no process holds the pty now;
			                           what is left is read in pty_drain */
	}

	if (revents(p, fds, 2) && write_would_stop(p)) {
		event = PTY_WRITE_IN_BACKGROUND;
	} else if (revents(p, fds, 2)) {
		/* a blocking descriptor shared with the caller: write no more
		 * than poll promised room for */
		size_t chunk = p->to_out.len < 512 ? p->to_out.len : 512;
		n = write(p->out_fd, p->to_out.data, chunk);
		if (n > 0)
			consume(&p->to_out, (size_t)n);
		else if (n < 0 && errno != EAGAIN && errno != EINTR) {
			p->out_open = false; /* reader gone: output is dropped */
			p->to_out.len = 0;
		}
	}
	if (!p->out_open)
		p->to_out.len = 0;
	if (!p->in_open && !p->in_is_tty)
		send_eof(p);
	return event;
}

void pty_give_up(struct pty *p, enum pty_event event)
{
	if (event == PTY_READ_IN_BACKGROUND)
		p->in_open = false;
	else if (event == PTY_WRITE_IN_BACKGROUND) {
		p->out_open = false;
		p->to_out.len = 0;
	}
}

enum pty_event pty_drain(struct pty *p)
{
	if (p->master < 0)
		return PTY_OK;
	for (;;) {
		if (p->out_open && p->to_out.len > 0) {
			/* the rule of pty_handle holds to the last byte */
			if (write_would_stop(p))
				return PTY_WRITE_IN_BACKGROUND;
			if (fd_write_all(p->out_fd, p->to_out.data, p->to_out.len) < 0)
				p->out_open = false;
		}
		p->to_out.len = 0;
		ssize_t n = read(p->master, p->to_out.data, PTY_BUF_SIZE);
		if (n <= 0)
			return PTY_OK; /* EIO: every holder of the slave is gone */
		p->to_out.len = (size_t)n;
	}
}

void pty_close(struct pty *p)
{
	pty_leave_raw(p);
	pty_close_slave(p);
	if (p->master >= 0)
		close(p->master);
	p->master = -1;
}
