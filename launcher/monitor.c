#include "launcher/monitor.h"

#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/clone.h"
#include "base/cleanup.h"
#include "base/signame.h"
#include "base/timer.h"
#include "base/units.h"
#include "launcher/channel.h"
#include "launcher/pty.h"
#include "launcher/relay.h"
#include "launcher/sandbox.h"

/* How long after the grace the monitor waits for init to end the run before
 * it kills init itself (and with it, by the kernel, the whole namespace). */
#define BACKSTOP_NS (2 * NSEC_PER_SEC)

#define MAX_POLLFDS (4 + PTY_MAX_POLLFDS)

struct monitor {
	const struct launch_config *cfg;
	struct run_result *r;
	int sock;
	int sigfd;
	int init_pidfd;
	struct lx_timers timers;
	struct lx_timer timeout;
	struct lx_timer backstop;
	struct pty pty;
	struct relay_target command;
	bool command_started;
	bool command_exited;
	int command_status;
	bool setup_failed;
	bool exec_failed;
	bool terminating;
	bool channel_open;
	bool init_exited;
};

/* The command stopped (SIGTSTP, SIGTTIN, SIGTTOU, SIGSTOP): launch stops
 * too, with the same signal, so the caller's shell sees the job stop. The
 * SIGCONT that resumes launch is then relayed to the command. */
static void stop_self(struct monitor *m, int sig)
{
	pty_leave_raw(&m->pty);
	if (sig == SIGSTOP) {
		kill(getpid(), SIGSTOP);
		return;
	}
	struct sigaction sa;
	/* a caller that ignores the signal does not want launch stopped */
	if (sigaction(sig, NULL, &sa) < 0 || sa.sa_handler == SIG_IGN)
		return;
	sigset_t one;
	sigemptyset(&one);
	sigaddset(&one, sig);
	/* a copy already queued for relay would stop launch a second time
	 * after it resumes: it is this same stop, drop it */
	struct timespec zero = { 0 };
	sigtimedwait(&one, NULL, &zero);
	sigprocmask(SIG_UNBLOCK, &one, NULL);
	kill(getpid(), sig); /* launch stops here until SIGCONT */
	sigprocmask(SIG_BLOCK, &one, NULL);
}

/* Ends the run: init sends the stop signal to everything and SIGKILL after
 * the grace; the backstop covers an init that cannot. */
static void terminate(struct monitor *m)
{
	if (m->terminating)
		return;
	m->terminating = true;
	channel_send(m->sock, MSG_TERMINATE, 0, -1);
	lx_timer_arm_in(&m->timers, &m->backstop, m->cfg->profile.grace_ns + BACKSTOP_NS);
}

static void handle_message(struct monitor *m, struct channel_msg *msg, int *fd, pid_t sender)
{
	struct run_result *r = m->r;
	switch (msg->type) {
	case MSG_SETUP_FAILED:
		if (!m->setup_failed)
			r->error = msg->error;
		m->setup_failed = true;
		break;
	case MSG_CMD_STARTED:
		m->command.pidfd = TAKE_FD(*fd);
		m->command.pgid = sender;
		r->command_pid = sender;
		m->command_started = true;
		break;
	case MSG_EXEC_FAILED:
		m->exec_failed = true;
		r->outcome.exec_errno = msg->value;
		r->error = msg->error;
		break;
	case MSG_CMD_STOPPED:
		stop_self(m, msg->value);
		break;
	case MSG_CMD_EXITED:
		m->command_exited = true;
		m->command_status = msg->value;
		break;
	default:
		break;
	}
}

static void read_channel(struct monitor *m)
{
	for (;;) {
		struct channel_msg msg;
		int fd;
		pid_t sender;
		int r = channel_recv(m->sock, &msg, &fd, &sender);
		if (r > 0)
			handle_message(m, &msg, &fd, sender);
		if (fd >= 0)
			close(fd);
		if (r == 0)
			return;
		if (r < 0) {
			m->channel_open = false;
			return;
		}
	}
}

static void handle_signals(struct monitor *m)
{
	struct signalfd_siginfo si[16];
	ssize_t n = read(m->sigfd, si, sizeof(si));
	for (ssize_t i = 0; i < n / (ssize_t)sizeof(si[0]); i++) {
		int sig = (int)si[i].ssi_signo;
		/* SIGPIPE from launch's own write to a closed pipe is not the
		 * user's to relay */
		if ((pid_t)si[i].ssi_pid == getpid() && si[i].ssi_code == SI_USER)
			continue;
		if (!relay_wants(sig))
			continue;
		if (sig == SIGWINCH && m->pty.master >= 0) {
			/* the kernel signals the pty's foreground group */
			pty_resize(&m->pty);
			continue;
		}
		if (sig == SIGCONT) {
			pty_enter_raw(&m->pty);
			pty_resize(&m->pty);
		}
		relay_send(&m->command, sig);
	}
}

static void handle_timers(struct monitor *m)
{
	struct lx_timer *t;
	while ((t = lx_timers_take_expired(&m->timers))) {
		if (t == &m->timeout) {
			m->r->outcome.timed_out = true;
			terminate(m);
		} else if (t == &m->backstop) {
			syscall(SYS_pidfd_send_signal, m->init_pidfd, SIGKILL, NULL, 0);
		}
	}
}

static void add_fd(struct pollfd *fds, size_t *n, int *index, int fd)
{
	*index = -1;
	if (fd < 0)
		return;
	fds[*n] = (struct pollfd){ .fd = fd, .events = POLLIN };
	*index = (int)(*n)++;
}

static bool ready(const struct pollfd *fds, int index)
{
	return index >= 0 && fds[index].revents != 0;
}

static void loop(struct monitor *m)
{
	while (!m->init_exited) {
		struct pollfd fds[MAX_POLLFDS];
		size_t n = 0;
		int i_sock, i_sig, i_timer, i_init;
		add_fd(fds, &n, &i_sock, m->channel_open ? m->sock : -1);
		/* signals wait in the queue until the command's group exists */
		add_fd(fds, &n, &i_sig, m->command_started ? m->sigfd : -1);
		add_fd(fds, &n, &i_timer, m->timers.fd);
		add_fd(fds, &n, &i_init, m->init_pidfd);
		size_t n_pty = pty_poll_add(&m->pty, fds, n);
		n += n_pty;

		if (poll(fds, n, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (ready(fds, i_sock))
			read_channel(m);
		if (ready(fds, i_sig))
			handle_signals(m);
		if (ready(fds, i_timer))
			handle_timers(m);
		if (n_pty > 0 && pty_handle(&m->pty, fds) == PTY_READ_IN_BACKGROUND)
			stop_self(m, SIGTTIN); /* as any program reading its
						  terminal from the background */
		if (ready(fds, i_init))
			m->init_exited = true;
	}
	if (m->channel_open)
		read_channel(m); /* init's last words are still queued */
}

static void collect(struct monitor *m, uint64_t start_ns)
{
	struct run_result *r = m->r;
	siginfo_t info = { 0 };

	/* waitid's rusage of init covers every process init reaped */
	if (syscall(SYS_waitid, P_PIDFD, m->init_pidfd, &info, WEXITED, &r->rusage) == 0)
		r->have_rusage = true;
	r->wall_ns = monotonic_ns() - start_ns;

	if (m->setup_failed) {
		r->outcome.end = RUN_SETUP_ERROR;
	} else if (m->exec_failed) {
		r->outcome.end = RUN_EXEC_ERROR;
	} else if (m->command_exited) {
		r->outcome.end = RUN_FINISHED;
		r->outcome.wait_status = m->command_status;
	} else {
		r->outcome.end = RUN_UNKNOWN;
		char name[SIGNAME_MAX];
		if (info.si_code == CLD_EXITED)
			lx_error_msg(&r->error, EIO, "sandbox init exited with %d before the command ended",
				     info.si_status);
		else
			lx_error_msg(&r->error, EIO, "sandbox init was killed by %s",
				     signal_name(info.si_status, name));
	}
}

static void spawn_hint(struct lx_error *e, int err)
{
	if (err == EPERM)
		lx_error_hint(e, "creating namespaces needs root (CAP_SYS_ADMIN)");
	else if (err == ENOSYS)
		lx_error_hint(e, "launch needs Linux 5.10 or newer");
	else if (err == ENOSPC || err == EUSERS)
		lx_error_hint(e, "a namespace limit was reached: see /proc/sys/user/max_*_namespaces");
}

void monitor_run(const struct launch_config *cfg, const struct caller_signals *signals,
		 struct run_result *r)
{
	struct monitor m = {
		.cfg = cfg,
		.r = r,
		.sock = -1,
		.sigfd = -1,
		.init_pidfd = -1,
		.timers = { .fd = -1 },
		.command = { .pidfd = -1 },
		.channel_open = true,
	};
	int fds[2] = { -1, -1 };
	_cleanup_free_ char *cwd = NULL;

	memset(r, 0, sizeof(*r));
	r->outcome.end = RUN_SETUP_ERROR;
	m.pty.master = m.pty.slave = -1;

	int err = channel_open(fds);
	if (err < 0) {
		lx_error_errno(&r->error, err, "socketpair");
		goto out;
	}
	m.sock = fds[0];
	sigset_t all;
	sigfillset(&all);
	m.sigfd = signalfd(-1, &all, SFD_CLOEXEC | SFD_NONBLOCK);
	if (m.sigfd < 0) {
		lx_error_errno(&r->error, errno, "signalfd");
		goto out;
	}
	err = lx_timers_open(&m.timers);
	if (err < 0) {
		lx_error_errno(&r->error, err, "timerfd");
		goto out;
	}
	if (pty_setup(&m.pty, cfg->tty, &r->error) < 0)
		goto out;
	cwd = getcwd(NULL, 0);
	if (!cwd) {
		lx_error_errno(&r->error, errno, "working directory");
		goto out;
	}

	struct sandbox_args args = {
		.cfg = cfg,
		.signals = signals,
		.sock = fds[1],
		.pty_slave = m.pty.slave,
		.cwd = cwd,
		.envp = environ,
	};
	memcpy(args.on_pty, m.pty.on_pty, sizeof(args.on_pty));

	uint64_t start_ns = monotonic_ns();
	clock_gettime(CLOCK_REALTIME, &r->started_at);
	pid_t pid = clone3_fork(CLONE_NEWPID | CLONE_NEWNS, &m.init_pidfd, -1);
	if (pid == 0)
		init_main(&args);
	if (pid < 0) {
		lx_error_errno(&r->error, -pid, "create the sandbox's namespaces (clone3)");
		spawn_hint(&r->error, -pid);
		goto out;
	}
	close(TAKE_FD(fds[1]));
	pty_close_slave(&m.pty);
	pty_enter_raw(&m.pty);
	if (cfg->profile.timeout_ns > 0)
		lx_timer_arm_in(&m.timers, &m.timeout, cfg->profile.timeout_ns);

	loop(&m);
	collect(&m, start_ns);
	pty_drain(&m.pty);

out:
	pty_close(&m.pty);
	if (fds[1] >= 0)
		close(fds[1]);
	if (m.sock >= 0)
		close(m.sock);
	if (m.sigfd >= 0)
		close(m.sigfd);
	if (m.init_pidfd >= 0)
		close(m.init_pidfd);
	if (m.command.pidfd >= 0)
		close(m.command.pidfd);
	lx_timers_close(&m.timers);
}
