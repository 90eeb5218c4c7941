#include "term.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* The processes started here inherit the test's signal dispositions, and
 * launch hands ignored ones down to the command (SPEC). A user at a terminal
 * has the terminal's signals at their defaults; a test runner started in
 * the background by a non-interactive shell has SIGINT and SIGQUIT
 * ignored, and Ctrl-C would then kill nothing. */
void term_user_signals(void)
{
	static const int sigs[] = { SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU, SIGHUP };
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		signal(sigs[i], SIG_DFL);
}

/* ---- the test's terminal ------------------------------------------------ */

void term_open(struct term *t, unsigned short rows, unsigned short cols)
{
	struct winsize ws = { .ws_row = rows, .ws_col = cols };
	memset(t, 0, sizeof(*t));
	cr_assert(openpty(&t->master, &t->slave, NULL, NULL, &ws) == 0, "openpty: %s",
	          strerror(errno));
	/* nothing started later may hold the master (the user's side) or
	 * keep the slave beyond its stdio */
	fcntl(t->master, F_SETFD, FD_CLOEXEC);
	fcntl(t->slave, F_SETFD, FD_CLOEXEC);
	fcntl(t->master, F_SETFL, O_NONBLOCK);
	cr_assert(tcgetattr(t->slave, &t->orig) == 0);
	t->out = calloc(1, 1);
	cr_assert(t->out);
}

/* Makes these the caller's settings, and what later checks compare with. */
void term_set(struct term *t, const struct termios *tio)
{
	cr_assert(tcsetattr(t->slave, TCSANOW, tio) == 0);
	cr_assert(tcgetattr(t->slave, &t->orig) == 0);
}

void term_close(struct term *t)
{
	if (t->master >= 0)
		close(t->master);
	close(t->slave);
	free(t->out);
}

static void keep_byte(struct term *t, char ch)
{
	switch (t->esc) {
	case ESC_NONE:
		if (ch == '\033')
			t->esc = ESC_START;
		else if (ch != '\r') {
			t->out[t->len++] = ch;
			t->out[t->len] = '\0';
		}
		return;
	case ESC_START:
		t->esc = ch == '[' ? ESC_CSI : ch == ']' ? ESC_OSC : ESC_NONE;
		return;
	case ESC_CSI:
		if (ch >= 0x40 && ch <= 0x7e)
			t->esc = ESC_NONE;
		return;
	case ESC_OSC:
		if (ch == '\a')
			t->esc = ESC_NONE;
		else if (ch == '\033')
			t->esc = ESC_START; /* ESC \ ends it: '\' is then dropped */
		return;
	}
}

/* Reads what the master has, waiting up to timeout_s for the first byte. */
void term_pump(struct term *t, double timeout_s)
{
	struct pollfd p = { .fd = t->master, .events = POLLIN };
	if (poll(&p, 1, (int)(timeout_s * 1000)) <= 0)
		return;
	char buf[4096];
	ssize_t n;
	while ((n = read(t->master, buf, sizeof(buf))) > 0) {
		t->out = realloc(t->out, t->len + (size_t)n + 1);
		cr_assert(t->out);
		for (ssize_t i = 0; i < n; i++)
			keep_byte(t, buf[i]);
	}
}

/* Waits until s shows up after the last match; true if it did. */
bool term_expect(struct term *t, const char *s, double timeout_s)
{
	double deadline = now_s() + timeout_s;
	for (;;) {
		char *hit = strstr(t->out + t->seen, s);
		if (hit) {
			t->seen = (size_t)(hit - t->out) + strlen(s);
			return true;
		}
		double left = deadline - now_s();
		if (left <= 0)
			return false;
		term_pump(t, left);
	}
}

/* Typing on the user's keyboard; a long text waits for room, reading the
 * screen meanwhile (the echo would fill it otherwise). */
void term_type(struct term *t, const char *s)
{
	size_t n = strlen(s), done = 0;
	double deadline = now_s() + 10;
	while (done < n) {
		ssize_t w = write(t->master, s + done, n - done);
		if (w > 0)
			done += (size_t)w;
		else
			cr_assert(w < 0 && errno == EAGAIN && now_s() < deadline,
			          "type: %s (%zu of %zu bytes)", strerror(errno), done, n);
		term_pump(t, w > 0 ? 0 : 0.01);
	}
}

void term_spawn(struct term *t, struct child *c, const char *const argv[])
{
	struct spawn_opts o = { .tty_fd = t->slave };
	h_spawn(c, &o, argv);
}

/* Waits for launch to end while reading the screen: launch blocks on a
 * full terminal if nobody reads it, as it would with a real user. */
void term_wait(struct term *t, struct child *c, double timeout_s, struct result *r)
{
	double deadline = now_s() + timeout_s;
	for (;;) {
		double left = deadline - now_s();
		struct pollfd p[2] = {
			{ .fd = t->master, .events = POLLIN },
			{ .fd = c->pidfd, .events = POLLIN },
		};
		if (left <= 0 || poll(p, 2, (int)(left * 1000) + 1) < 0)
			break;
		if (p[0].revents)
			term_pump(t, 0);
		if (p[1].revents)
			break;
	}
	h_wait(c, 1, r);    /* reaps; kills it if the deadline above ran out */
	term_pump(t, 0.05); /* what launch drained just before it ended */
}

void term_finish(struct term *t, struct child *c, int code, const char *when)
{
	struct result r;
	term_wait(t, c, 10, &r);
	cr_expect_eq(r.code, code, "screen: %s", t->out);
	term_expect_restored(t, when);
	h_result_free(&r);
	term_close(t);
}

void term_run(struct term *t, const char *const argv[], double timeout_s, struct result *r)
{
	struct child c;
	term_spawn(t, &c, argv);
	term_wait(t, &c, timeout_s, r);
}

bool term_is_raw(const struct term *t)
{
	struct termios now;
	cr_assert(tcgetattr(t->slave, &now) == 0);
	return !(now.c_lflag & (ICANON | ECHO | ISIG));
}

/* launch enters raw mode right after it started the sandbox: poll for it. */
bool term_wait_raw(struct term *t, double timeout_s)
{
	double deadline = now_s() + timeout_s;
	while (!term_is_raw(t)) {
		if (now_s() > deadline)
			return false;
		term_pump(t, 0.005);
	}
	return true;
}

void term_expect_restored(const struct term *t, const char *when)
{
	struct termios now;
	cr_assert(tcgetattr(t->slave, &now) == 0);
	cr_expect_eq(now.c_iflag, t->orig.c_iflag, "%s: c_iflag %#x, was %#x", when, now.c_iflag,
	             t->orig.c_iflag);
	cr_expect_eq(now.c_oflag, t->orig.c_oflag, "%s: c_oflag %#x, was %#x", when, now.c_oflag,
	             t->orig.c_oflag);
	cr_expect_eq(now.c_lflag, t->orig.c_lflag, "%s: c_lflag %#x, was %#x", when, now.c_lflag,
	             t->orig.c_lflag);
	cr_expect_eq(now.c_cflag, t->orig.c_cflag, "%s: c_cflag %#x, was %#x", when, now.c_cflag,
	             t->orig.c_cflag);
	cr_expect(memcmp(now.c_cc, t->orig.c_cc, NCCS) == 0, "%s: c_cc differs", when);
}

/* Bytes waiting to be read on the caller's terminal (its input queue). */
int term_queued_input(const struct term *t)
{
	int n = -1;
	cr_assert(ioctl(t->slave, FIONREAD, &n) == 0);
	return n;
}

/* ---- what the command reports ------------------------------------------- */

/* The value after "key=" at the start of a line of s, or "" (static). */
/* ---- processes inside the sandbox, seen from the host ------------------- */

struct pstat {
	char comm[64];
	char state;
	pid_t ppid, pgrp;
	int tpgid;
};

static bool read_pstat(pid_t pid, struct pstat *ps)
{
	char path[64], buf[1024];
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return false;
	bool ok = fgets(buf, sizeof(buf), f) != NULL;
	fclose(f);
	char *open = strchr(buf, '('), *close_ = strrchr(buf, ')');
	if (!ok || !open || !close_)
		return false;
	size_t n = (size_t)(close_ - open - 1);
	if (n >= sizeof(ps->comm))
		n = sizeof(ps->comm) - 1;
	memcpy(ps->comm, open + 1, n);
	ps->comm[n] = '\0';
	int session, tty_nr;
	return sscanf(close_ + 2, "%c %d %d %d %d %d", &ps->state, &ps->ppid, &ps->pgrp, &session,
	              &tty_nr, &ps->tpgid) == 6;
}

static bool descends_from(pid_t pid, pid_t ancestor)
{
	struct pstat ps;
	for (int depth = 0; depth < 16 && pid > 1; depth++) {
		if (!read_pstat(pid, &ps))
			return false;
		if (ps.ppid == ancestor)
			return true;
		pid = ps.ppid;
	}
	return false;
}

/* Waits until a process named comm, somewhere below launch, runs as the
 * foreground group of its terminal (the sandbox's pty): only then does a
 * Ctrl-C or Ctrl-Z typed by the user reach it rather than the shell.
 * Other tests run in parallel, hence the ancestry. */
bool term_wait_foreground(pid_t launch, const char *comm, double timeout_s)
{
	double deadline = now_s() + timeout_s;
	do {
		DIR *d = opendir("/proc");
		struct dirent *de;
		cr_assert(d);
		while ((de = readdir(d))) {
			struct pstat ps;
			pid_t pid = atoi(de->d_name);
			if (pid <= 0 || !read_pstat(pid, &ps) || strcmp(ps.comm, comm))
				continue;
			if (ps.tpgid == ps.pgrp && ps.state != 'T' && descends_from(pid, launch)) {
				closedir(d);
				return true;
			}
		}
		closedir(d);
		h_sleep(0.005);
	} while (now_s() < deadline);
	return false;
}

/* Waits for the process to stop; its wait status, or -1 if it ended or
 * the deadline came. An exit is left for h_wait to collect. */
int term_wait_stopped(pid_t pid, struct term *t, double timeout_s)
{
	double deadline = now_s() + timeout_s;
	while (now_s() < deadline) {
		siginfo_t si = { 0 };
		if (waitid(P_PID, (id_t)pid, &si, WSTOPPED | WNOHANG) < 0)
			return -1;
		if (si.si_pid == pid)
			return W_STOPCODE(si.si_status);
		si.si_pid = 0;
		if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) < 0 ||
		    si.si_pid == pid)
			return -1;
		term_pump(t, 0.005);
	}
	return -1;
}

/* ---- a tiny job-control shell --------------------------------------------
 * A real shell leads the session of the terminal and runs launch as a job
 * in its own process group, in the foreground or in the background; a
 * stopped job hands the terminal back to the shell; `fg` gives it to the
 * job again and sends SIGCONT. The harness can make launch the session
 * leader only, and then launch's group is orphaned (its parent is in
 * another session): the kernel does not stop an orphaned group for
 * SIGTSTP/SIGTTIN/SIGTTOU. So these tests fork this shell themselves. */

/* ignore: a signal the job starts with ignored, or 0 */
static noreturn void shell_main(int tty, bool foreground, int ignore, const char *const argv[],
                                int events, int commands)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	/* as shells do: tcsetpgrp from the background must not stop us */
	signal(SIGTTOU, SIG_IGN);
	sigset_t chld;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	int sigfd = signalfd(-1, &chld, SFD_CLOEXEC);
	if (setsid() < 0 || ioctl(tty, TIOCSCTTY, 0) < 0 || sigfd < 0)
		_exit(90);

	pid_t job = fork();
	if (job < 0)
		_exit(91);
	if (job == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		setpgid(0, 0);
		if (foreground)
			tcsetpgrp(tty, getpid());
		signal(SIGTTOU, SIG_DFL);
		if (ignore)
			signal(ignore, SIG_IGN);
		sigprocmask(SIG_UNBLOCK, &chld, NULL);
		dup2(tty, 0);
		dup2(tty, 1);
		dup2(tty, 2);
		execv(argv[0], (char *const *)argv);
		_exit(96);
	}
	/* both sides set the group and the terminal, whichever runs first */
	setpgid(job, job);
	if (foreground)
		tcsetpgrp(tty, job);
	if (write(events, &job, sizeof(job)) != sizeof(job))
		_exit(92);

	for (;;) {
		struct pollfd p[2] = {
			{ .fd = sigfd, .events = POLLIN },
			{ .fd = commands, .events = POLLIN },
		};
		if (poll(p, 2, -1) < 0)
			continue;
		if (p[1].revents) {
			char cmd;
			if (read(commands, &cmd, 1) != 1)
				_exit(0); /* the test is gone */
			if (cmd == 'f')
				tcsetpgrp(tty, job);
			if (cmd == 'f' || cmd == 'b')
				kill(-job, SIGCONT);
		}
		if (p[0].revents) {
			struct signalfd_siginfo si;
			int status;
			(void)!read(sigfd, &si, sizeof(si));
			while (waitpid(job, &status, WNOHANG | WUNTRACED | WCONTINUED) == job) {
				if (WIFSTOPPED(status))
					tcsetpgrp(tty, getpgrp()); /* back to the shell */
				if (write(events, &status, sizeof(status)) != sizeof(status))
					_exit(93);
				if (WIFEXITED(status) || WIFSIGNALED(status))
					_exit(0);
			}
		}
	}
}

void shell_start(struct shell *s, struct term *t, bool foreground, int ignore,
                 const char *const argv[])
{
	int ev[2], cmd[2];
	cr_assert(pipe2(ev, O_CLOEXEC) == 0 && pipe2(cmd, O_CLOEXEC) == 0);
	s->pid = fork();
	cr_assert(s->pid >= 0);
	if (s->pid == 0)
		shell_main(t->slave, foreground, ignore, argv, ev[1], cmd[0]);
	close(ev[1]);
	close(cmd[0]);
	s->events = ev[0];
	s->commands = cmd[1];
	s->job = 0;
	s->ended = false;
	struct pollfd p = { .fd = s->events, .events = POLLIN };
	cr_assert(poll(&p, 1, 5000) == 1 &&
	                  read(s->events, &s->job, sizeof(s->job)) == (ssize_t)sizeof(s->job),
	          "the shell did not start its job");
}

/* The job's next wait status as the shell saw it, or -1 at the deadline;
 * the screen is read meanwhile. */
int shell_event(struct shell *s, struct term *t, double timeout_s)
{
	double deadline = now_s() + timeout_s;
	while (now_s() < deadline) {
		struct pollfd p = { .fd = s->events, .events = POLLIN };
		if (poll(&p, 1, 5) == 1) {
			int status;
			if (read(s->events, &status, sizeof(status)) != (ssize_t)sizeof(status))
				return -1;
			if (WIFEXITED(status) || WIFSIGNALED(status))
				s->ended = true;
			return status;
		}
		term_pump(t, 0);
	}
	return -1;
}

void shell_expect_stopped(struct shell *s, struct term *t, int sig)
{
	int status = shell_event(s, t, 10);
	cr_assert(status != -1 && WIFSTOPPED(status), "launch did not stop (status %#x)", status);
	if (sig)
		cr_expect_eq(WSTOPSIG(status), sig, "stopped by %d, not %d", WSTOPSIG(status), sig);
}

void shell_expect_continued(struct shell *s, struct term *t)
{
	int status = shell_event(s, t, 10);
	cr_expect(status != -1 && WIFCONTINUED(status), "not continued (status %#x)", status);
}

void shell_expect_exit(struct shell *s, struct term *t, int code)
{
	int status = shell_event(s, t, 10);
	cr_expect(status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == code,
	          "status %#x, not an exit with %d; screen: %s", status, code, t->out);
}

void shell_fg(struct shell *s)
{
	cr_assert_eq(write(s->commands, "f", 1), 1);
}

void shell_bg(struct shell *s)
{
	cr_assert_eq(write(s->commands, "b", 1), 1);
}

/* Ends the job if it still runs (a failed test), so that the shell reaps
 * it, then the shell. */
void shell_end(struct shell *s)
{
	int status;
	bool ended = false;
	struct pollfd p = { .fd = s->events, .events = POLLIN };
	while (!ended && poll(&p, 1, 0) == 1 &&
	       read(s->events, &status, sizeof(status)) == (ssize_t)sizeof(status))
		ended = WIFEXITED(status) || WIFSIGNALED(status);
	if (!ended && !s->ended)
		kill(s->job, SIGKILL); /* still unreaped: the pid is still its */
	double deadline = now_s() + 5;
	while (waitpid(s->pid, NULL, WNOHANG) == 0) {
		if (now_s() > deadline) {
			kill(s->pid, SIGKILL);
			waitpid(s->pid, NULL, 0);
			break;
		}
		h_sleep(0.005);
	}
	close(s->events);
	close(s->commands);
}
