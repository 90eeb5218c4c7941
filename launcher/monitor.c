#include "launcher/monitor.h"

#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/clone.h"
#include "base/signame.h"
#include "base/timer.h"
#include "base/units.h"
#include "cgroup/cgroup.h"
#include "launcher/channel.h"
#include "launcher/environ.h"
#include "launcher/pty.h"
#include "launcher/relay.h"
#include "launcher/sandbox.h"
#include "ns/userns.h"
#include "security/kill_log.h"

/* How long after the grace the monitor waits for init to end the run before
 * it kills init itself (and with it, by the kernel, the whole namespace). */
#define BACKSTOP_NS (2 * NSEC_PER_SEC)

struct monitor {
	const struct launch_config *cfg;
	struct run_result *r;
	pid_t self;
	struct channel channel;
	int sigfd;
	int init_pidfd;
	struct lx_timers timers;
	struct lx_timer timeout;
	struct lx_timer backstop;
	struct pty pty;
	struct cgroup_run cg;
	struct relay_target command;
	bool command_started;
	bool command_exited;
	int command_status;
	bool setup_failed;
	bool exec_failed;
	bool terminating;
	bool channel_open;
	pid_t init_pid;
	bool init_exited;
	bool userns;  /* the sandbox has a user namespace of its own */
	int kill_log; /* the kernel's log, for a seccomp kill; -1 */
	struct idmap idmap;
};

/* Stops launch with sig; true if it did stop (and has been resumed since),
 * false if it could not: the caller ignores sig, or launch's process group
 * is orphaned (ssh -t host launch ..., a terminal emulator running launch
 * directly), where the kernel discards SIGTSTP, SIGTTIN and SIGTTOU. */
static bool stop_with(int sig)
{
	sigset_t one, pending;
	struct sigaction sa;
	if (sig != SIGSTOP && (sigaction(sig, NULL, &sa) < 0 || sa.sa_handler == SIG_IGN))
		return false;
	sigemptyset(&one);
	sigaddset(&one, sig);
	/* a copy already queued for relay would stop launch a second time
	 * after it resumes: it is this same stop, drop it */
	struct timespec zero = { 0 };
	sigtimedwait(&one, NULL, &zero);
	sigprocmask(SIG_UNBLOCK, &one, NULL);
	kill(getpid(), sig); /* launch stops here until SIGCONT */
	sigprocmask(SIG_BLOCK, &one, NULL);
	/* what resumed launch is queued (SIGCONT is blocked like the rest) */
	return sigpending(&pending) == 0 && sigismember(&pending, SIGCONT);
}

/* Stops launch, the caller's terminal as the caller left it meanwhile. */
static bool stop_self(struct monitor *m, int sig)
{
	pty_leave_raw(&m->pty);
	if (stop_with(sig))
		return true;
	pty_enter_raw(&m->pty);
	return false;
}

/* The command stopped (SIGTSTP, SIGTTIN, SIGTTOU, SIGSTOP): launch stops
 * too, with the same signal, so the caller's shell sees the job stop; the
 * SIGCONT that resumes launch is then relayed to the command. When launch
 * cannot stop, it resumes the command at once, as the kernel would have
 * ignored the stop for a process in launch's place (sudo does the same). */
static void follow_command_stop(struct monitor *m, int sig)
{
	if (stop_self(m, sig))
		return;
	pty_resize(&m->pty);
	relay_send(&m->command, SIGCONT);
}

/* Ends the run: init sends the stop signal to everything and SIGKILL after
 * the grace; the backstop covers an init that cannot. */
static void terminate(struct monitor *m)
{
	if (m->terminating)
		return;
	m->terminating = true;
	channel_send(m->channel.monitor, MSG_TERMINATE, 0, -1, 0);
	lx_timer_arm_in(&m->timers, &m->backstop, m->cfg->profile.grace_ns + BACKSTOP_NS);
}

static void handle_message(struct monitor *m, struct channel_msg *msg, int *fd, pid_t pid)
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
		m->command.pgid = pid;
		r->command_pid = pid;
		m->command_started = true;
		break;
	case MSG_EXEC_FAILED:
		m->exec_failed = true;
		r->outcome.exec_errno = msg->value;
		r->error = msg->error;
		break;
	case MSG_CMD_STOPPED:
		follow_command_stop(m, msg->value);
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
	while (m->channel_open) {
		struct channel_msg msg;
		int fd;
		pid_t pid;
		int r = channel_recv(m->channel.monitor, &msg, &fd, &pid);
		if (r > 0)
			handle_message(m, &msg, &fd, pid);
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

/* Blocks until the command's process group exists (init says so right
 * after the fork) or the sandbox is gone: a signal to relay waits for it. */
static void wait_for_start(struct monitor *m)
{
	read_channel(m);
	while (!m->command_started && m->channel_open) {
		struct pollfd p = { .fd = m->channel.monitor, .events = POLLIN };
		if (poll(&p, 1, -1) < 0 && errno != EINTR)
			return;
		read_channel(m);
	}
}

/* What one signal read from the signalfd means. Besides the signals to
 * relay, two come from the sandbox: SIGCHLD when init ends, and the
 * doorbell's SIGIO (si_code POLL_IN, si_fd the doorbell). */
static void handle_signal(struct monitor *m, const struct signalfd_siginfo *si)
{
	int sig = (int)si->ssi_signo;

	if (sig == SIGCHLD) {
		if ((pid_t)si->ssi_pid == m->init_pid &&
		    (si->ssi_code == CLD_EXITED || si->ssi_code == CLD_KILLED ||
		     si->ssi_code == CLD_DUMPED))
			m->init_exited = true;
		return;
	}
	if (sig == CHANNEL_BELL_SIGNAL && si->ssi_code == POLL_IN &&
	    (int)si->ssi_fd == m->channel.bell) {
		channel_answer(m->channel.bell);
		read_channel(m);
		return;
	}
	/* SIGPIPE from launch's own write to a closed pipe is not the user's
	 * to relay */
	if ((pid_t)si->ssi_pid == m->self && si->ssi_code == SI_USER)
		return;
	if (!relay_wants(sig))
		return;
	if (sig == SIGWINCH && m->pty.master >= 0) {
		/* the kernel signals the pty's foreground group */
		pty_resize(&m->pty);
		return;
	}
	if (sig == SIGCONT) {
		pty_enter_raw(&m->pty);
		pty_resize(&m->pty);
	}
	if (!m->command_started)
		wait_for_start(m);
	relay_send(&m->command, sig);
}

static void handle_timers(struct monitor *m)
{
	struct lx_timer *t;
	while ((t = lx_timers_take_expired(&m->timers))) {
		if (t == &m->timeout) {
			m->r->outcome.timed_out = true;
			terminate(m);
		} else if (t == &m->backstop) {
			/* everything in the cgroup, and init, whose end takes
			 * the whole namespace with it */
			cgroup_kill(&m->cg);
			syscall(SYS_pidfd_send_signal, m->init_pidfd, SIGKILL, NULL, 0);
		}
	}
}

/* The fast wait, when signals are all there is to wait for: sigwaitinfo(2)
 * dequeues the next one in the same system call that sleeps (a read of the
 * signalfd measured 2-4% slower per relayed signal; poll + read, 11%). */
static size_t wait_signal(struct signalfd_siginfo *si)
{
	sigset_t all;
	siginfo_t info;
	sigfillset(&all);
	int sig = sigwaitinfo(&all, &info);
	if (sig < 0)
		return 0;
	memset(si, 0, sizeof(*si));
	si->ssi_signo = (uint32_t)sig;
	si->ssi_code = info.si_code;
	si->ssi_pid = (uint32_t)info.si_pid;
	si->ssi_fd = info.si_fd;
	return 1;
}

/* Waits for the next events. Everything the sandbox says comes as a signal
 * (above), so when no timer is armed and no terminal is relayed, signals
 * are all there is to wait for: wait_signal. Otherwise poll(2) watches the
 * signalfd, the timerfd and the terminal. Returns how many signals it put
 * in si. */
static size_t wait_events(struct monitor *m, struct signalfd_siginfo *si, size_t max,
                          struct pollfd *fds, size_t *n_pty, bool *timer_ready)
{
	*n_pty = 0;
	*timer_ready = false;
	if (m->timers.fd < 0 && m->pty.master < 0)
		return wait_signal(si);

	fds[0] = (struct pollfd){ .fd = m->sigfd, .events = POLLIN };
	fds[1] = (struct pollfd){ .fd = m->timers.fd, .events = POLLIN };
	*n_pty = pty_poll_add(&m->pty, fds, 2);
	if (poll(fds, 2 + *n_pty, -1) < 0)
		return 0;
	*timer_ready = fds[1].revents != 0;
	if (!fds[0].revents)
		return 0;
	ssize_t n = read(m->sigfd, si, max * sizeof(*si));
	return n > 0 ? (size_t)n / sizeof(*si) : 0;
}

static void loop(struct monitor *m)
{
	while (!m->init_exited) {
		struct signalfd_siginfo si[16];
		struct pollfd fds[2 + PTY_MAX_POLLFDS];
		size_t n_pty;
		bool timer_ready;

		size_t n = wait_events(m, si, ARRAY_SIZE(si), fds, &n_pty, &timer_ready);
		for (size_t i = 0; i < n; i++)
			handle_signal(m, &si[i]);
		if (timer_ready)
			handle_timers(m);
		if (n_pty > 0) {
			/* launch uses the terminal from the background: it stops
			 * as any program would, and the kernel's EIO if it cannot */
			enum pty_event e = pty_handle(&m->pty, fds);
			if (e != PTY_OK &&
			    !stop_self(m, e == PTY_READ_IN_BACKGROUND ? SIGTTIN : SIGTTOU))
				pty_give_up(&m->pty, e);
		}
	}
	read_channel(m); /* init's last words are still queued */
}

/* What the cgroup used, read once everything in it has ended, then the
 * cgroup is removed. */
static void collect_cgroup(struct monitor *m)
{
	struct run_result *r = m->r;
	if (!m->cg.active)
		return;
	cgroup_read_stats(&m->cg, &r->cgroup);
	r->have_cgroup = true;
	r->outcome.oom_killed = r->cgroup.oom_kills.known && r->cgroup.oom_kills.v > 0;
	if (cgroup_destroy(&m->cg, &r->warning) < 0)
		lx_error_prefix(&r->warning, "clean up");
}

static void collect(struct monitor *m, uint64_t start_ns)
{
	struct run_result *r = m->r;
	siginfo_t info = { 0 };

	/* waitid's rusage of init covers every process init reaped */
	if (syscall(SYS_waitid, P_PIDFD, m->init_pidfd, &info, WEXITED, &r->rusage) == 0)
		r->have_rusage = true;
	r->wall_ns = monotonic_ns() - start_ns;
	collect_cgroup(m);

	if (m->setup_failed) {
		r->outcome.end = RUN_SETUP_ERROR;
	} else if (m->exec_failed) {
		r->outcome.end = RUN_EXEC_ERROR;
	} else if (m->command_exited) {
		r->outcome.end = RUN_FINISHED;
		r->outcome.wait_status = m->command_status;
		if (r->outcome.seccomp_kills && WIFSIGNALED(m->command_status) &&
		    WTERMSIG(m->command_status) == SIGSYS && m->kill_log >= 0)
			kill_log_find(m->kill_log, r->command_pid, r->seccomp_syscall,
			              sizeof(r->seccomp_syscall));
	} else {
		r->outcome.end = RUN_UNKNOWN;
		char name[SIGNAME_MAX];
		if (info.si_code == CLD_EXITED)
			lx_error_msg(&r->error, EIO,
			             "sandbox init exited with %d before the command ended",
			             info.si_status);
		else
			lx_error_msg(&r->error, EIO, "sandbox init was killed by %s",
			             signal_name(info.si_status, name));
	}
}

/* The run's cgroup. Limits (or a parent asked for) make it necessary.
 * Without them it only accounts, so it is made when its figures are wanted
 * (a report, a summary): the PID namespace alone already ends everything,
 * and a cgroup costs about a millisecond (make bench). A host where it
 * cannot be made (no permission, no cgroup filesystem) then runs without,
 * with a warning. */
static int setup_cgroup(struct monitor *m)
{
	const struct launch_config *cfg = m->cfg;
	bool needed = profile_has_limits(&cfg->profile.limits) || cfg->cgroup_parent;
	if (!needed && !cfg->summary && !cfg->profile.report)
		return 0;
	struct cgroup_request req = { .limits = &cfg->profile.limits,
		                      .parent = cfg->cgroup_parent };
	struct lx_error e = { 0 };
	if (cgroup_create(&m->cg, &req, &e) == 0) {
		m->r->cgroup_version = m->cg.version;
		snprintf(m->r->cgroup_path, sizeof(m->r->cgroup_path), "%s", m->cg.path);
		return 0;
	}
	if (needed) {
		/* which limit needed the cgroup, unless the message says it */
		const char *limit = profile_first_limit(&cfg->profile.limits);
		if (limit && strncmp(e.message, "limits.", 7) != 0)
			lx_error_prefix(&e, "limits.%s", limit);
		m->r->error = e;
		return -1;
	}
	m->r->warning = e;
	lx_error_prefix(&m->r->warning, "cgroup accounting");
	return 0;
}

/* clone3 into the run's cgroup; where the kernel cannot place a child that
 * way, a plain clone3 whose child waits until the monitor has placed it.
 * LAUNCH_CLONE_INTO_CGROUP=0 takes the second way from the start: kernels
 * before 5.7 do, and the tests check it on every kernel. */
static pid_t spawn_init(struct monitor *m, struct sandbox_args *args, bool *cloned_into)
{
	const char *env = getenv("LAUNCH_CLONE_INTO_CGROUP");
	int fd = env && strcmp(env, "0") == 0 ? -1 : cgroup_clone_fd(&m->cg);
	unsigned ns = m->cfg->profile.namespaces;
	/* the user namespace first (clone makes it first): the others are
	 * then its own, which is what lets launch make them without root */
	uint64_t flags = (m->userns ? CLONE_NEWUSER : 0) | CLONE_NEWPID |
	                 (ns & NS_MOUNT ? CLONE_NEWNS : 0) | (ns & NS_IPC ? CLONE_NEWIPC : 0) |
	                 (ns & NS_UTS ? CLONE_NEWUTS : 0) | (ns & NS_NET ? CLONE_NEWNET : 0);
	*cloned_into = fd >= 0;
	args->wait_for_go = cgroup_needs_attach(&m->cg, *cloned_into) || m->userns;
	pid_t pid = clone3_fork(flags, &m->init_pidfd, fd);
	if (pid == 0)
		init_main(args);
	if (pid < 0 && fd >= 0 &&
	    (pid == -ENOSYS || pid == -EOPNOTSUPP || pid == -EBUSY || pid == -EBADF ||
	     pid == -EINVAL)) {
		*cloned_into = false;
		args->wait_for_go = cgroup_needs_attach(&m->cg, false) || m->userns;
		pid = clone3_fork(flags, &m->init_pidfd, -1);
		if (pid == 0)
			init_main(args);
	}
	return pid;
}

/* The sandbox is in every hierarchy of its cgroup, and its user namespace
 * maps its ids, before init goes on. */
static int place_init(struct monitor *m, pid_t pid, bool cloned_into)
{
	if (cgroup_attach(&m->cg, pid, cloned_into, &m->r->error) < 0)
		return -1;
	if (m->userns && idmap_write(pid, &m->idmap, &m->r->error) < 0)
		return -1;
	if (channel_send(m->channel.monitor, MSG_GO, 0, -1, 0) < 0) {
		lx_error_errno(&m->r->error, errno, "start the sandbox");
		return -1;
	}
	return 0;
}

static void spawn_hint(struct lx_error *e, int err)
{
	if ((err == EPERM || err == EACCES) && geteuid() != 0)
		lx_error_hint(e,
		              "this system does not let users create user namespaces: see "
		              "sysctl user.max_user_namespaces, kernel.unprivileged_userns_clone "
		              "or kernel.apparmor_restrict_unprivileged_userns");
	else if (err == EPERM)
		lx_error_hint(e, "creating namespaces needs root (CAP_SYS_ADMIN)");
	else if (err == ENOSYS)
		lx_error_hint(e, "launch needs Linux 5.10 or newer");
	else if (err == ENOSPC || err == EUSERS)
		lx_error_hint(e,
		              "a namespace limit was reached: see /proc/sys/user/max_*_namespaces");
}

void monitor_run(const struct launch_config *cfg, const struct caller_signals *signals,
                 struct run_result *r)
{
	struct monitor m = {
		.cfg = cfg,
		.r = r,
		.self = getpid(),
		.channel = { -1, -1, -1, -1 },
		.sigfd = -1,
		.init_pidfd = -1,
		.timers = LX_TIMERS_INIT,
		.command = { .pidfd = -1 },
		.channel_open = true,
		.kill_log = -1,
	};

	struct privileges privileges = { 0 };
	_cleanup_free_ char **envp = NULL;

	memset(r, 0, sizeof(*r));
	r->outcome.end = RUN_SETUP_ERROR;
	m.pty.master = m.pty.slave = -1;

	int err = channel_open(&m.channel);
	if (err < 0) {
		lx_error_errno(&r->error, err, "open the channel to the sandbox");
		goto out;
	}
	sigset_t all;
	sigfillset(&all);
	m.sigfd = signalfd(-1, &all, SFD_CLOEXEC | SFD_NONBLOCK);
	if (m.sigfd < 0) {
		lx_error_errno(&r->error, errno, "signalfd");
		goto out;
	}
	if (pty_setup(&m.pty, cfg->tty, &r->error) < 0)
		goto out;

	struct sandbox_args args = {
		.cfg = cfg,
		.signals = signals,
		.sock = m.channel.sandbox,
		.bell_ring = m.channel.bell_ring,
		.pty_slave = m.pty.slave,
	};
	memcpy(args.on_pty, m.pty.on_pty, sizeof(args.on_pty));

	/* without root, only a user namespace lets launch make the others */
	bool privileged = geteuid() == 0;
	m.userns = (cfg->profile.namespaces & NS_USER) || !privileged;
	if (m.userns) {
		if (idmap_plan(privileged, geteuid(), getegid(), &cfg->profile, &m.idmap,
		               &r->error) < 0)
			goto out;
		args.userns = &m.idmap;
	}
	/* what the command's process will do, worked out while a mistake
	 * can still stop the run before anything starts */
	if (privileges_plan(&cfg->profile, args.userns, &privileges, &r->error) < 0)
		goto out;
	args.privileges = &privileges;
	r->outcome.seccomp_kills = cfg->profile.seccomp_default == SECCOMP_KILL;
	if (r->outcome.seccomp_kills)
		m.kill_log = kill_log_open();
	envp = environ_build(&cfg->profile, environ);
	if (!envp) {
		lx_error_errno(&r->error, ENOMEM, "the command's environment");
		goto out;
	}
	args.envp = envp;

	if (setup_cgroup(&m) < 0)
		goto out;

	bool cloned_into;
	uint64_t start_ns = monotonic_ns();
	clock_gettime(CLOCK_REALTIME, &r->started_at);
	pid_t pid = spawn_init(&m, &args, &cloned_into);
	m.init_pid = pid;
	if (pid < 0) {
		lx_error_errno(&r->error, -pid, "create the sandbox's namespaces (clone3)");
		spawn_hint(&r->error, -pid);
		goto out;
	}
	/* the doorbell's writing end stays open here: the kernel rings a pipe
	 * (SIGIO) when its last writer closes, and that would be init's exit,
	 * an extra wake-up of every run for nothing */
	close(TAKE_FD(m.channel.sandbox));
	if (args.wait_for_go && place_init(&m, pid, cloned_into) < 0) {
		/* nothing has run: init waits; it goes, and the cgroup with it */
		syscall(SYS_pidfd_send_signal, m.init_pidfd, SIGKILL, NULL, 0);
		siginfo_t info;
		syscall(SYS_waitid, P_PIDFD, m.init_pidfd, &info, WEXITED, NULL);
		goto out;
	}
	pty_close_slave(&m.pty);
	pty_enter_raw(&m.pty);
	if (cfg->profile.timeout_ns > 0 &&
	    lx_timer_arm_in(&m.timers, &m.timeout, cfg->profile.timeout_ns) < 0) {
		/* no time limit is worse than no run: end it now */
		r->outcome.timed_out = true;
		terminate(&m);
	}

	loop(&m);
	collect(&m, start_ns);
	pty_drain(&m.pty);

out:
	privileges_free(&privileges);
	if (m.kill_log >= 0)
		close(m.kill_log);
	pty_close(&m.pty);
	cgroup_destroy(&m.cg, NULL);
	channel_close(&m.channel);
	if (m.sigfd >= 0)
		close(m.sigfd);
	if (m.init_pidfd >= 0)
		close(m.init_pidfd);
	if (m.command.pidfd >= 0)
		close(m.command.pidfd);
	lx_timers_close(&m.timers);
}
