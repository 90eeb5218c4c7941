/* init: PID 1 of the sandbox's PID namespace and leader of its session.
 *
 * It sets up the namespace's view (private mounts, a fresh /proc), starts
 * the command, and then only waits: one poll over a signalfd (SIGCHLD), the
 * channel (the monitor asks it to end the run) and a timerfd (the grace).
 * Every process that ends in the namespace is reaped, however it got here,
 * by waitpid(-1, WNOHANG) until nothing is left to reap: SIGCHLDs coalesce.
 *
 * The command's process group is made here too (setpgid from the parent's
 * side, as shells do), before the monitor hears of it: a signal it relays
 * can never miss the group.
 *
 * When the command has ended (or the monitor asks), what is left gets the
 * stop signal and SIGCONT, then SIGKILL when the grace runs out; init exits
 * once it has no child left, which in a PID namespace means nothing of the
 * run is left. Signals sent to init from inside are read and dropped. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/pidfd.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/fd.h"
#include "base/timer.h"
#include "launcher/channel.h"
#include "launcher/outcome.h"
#include "launcher/sandbox.h"
#include "ns/mount.h"
#include "ns/net.h"
#include "ns/path.h"
#include "ns/view.h"
#include "profiles/rules.h"

enum init_phase {
	PHASE_RUNNING, /* the command runs */
	PHASE_ENDING,  /* stop signal sent, waiting out the grace */
	PHASE_KILLING, /* SIGKILL sent to what was left */
};

struct init_state {
	const struct sandbox_args *a;
	pid_t command;
	bool command_done;
	enum init_phase phase;
	struct lx_timers timers;
	struct lx_timer grace;
};

static noreturn void fail(const struct sandbox_args *a, const struct lx_error *e)
{
	channel_send_error(a->sock, MSG_SETUP_FAILED, e);
	_exit(EXIT_SETUP);
}

static void kill_all(struct init_state *s)
{
	s->phase = PHASE_KILLING;
	lx_timer_disarm(&s->timers, &s->grace);
	kill(-1, SIGKILL);
}

/* The run is over: the stop signal to every process left in the namespace
 * (kill(-1) from PID 1 reaches all of them but init), SIGCONT so stopped
 * ones can act on it, and the grace before SIGKILL. */
static void end_run(struct init_state *s)
{
	const struct profile *p = &s->a->cfg->profile;
	if (s->phase != PHASE_RUNNING)
		return;
	s->phase = PHASE_ENDING;
	if (kill(-1, p->stop_signal) < 0)
		return; /* ESRCH: nothing is left */
	if (p->stop_signal != SIGCONT)
		kill(-1, SIGCONT);
	if (p->grace_ns == 0 || lx_timer_arm_in(&s->timers, &s->grace, p->grace_ns) < 0)
		kill_all(s);
}

static void report_command(struct init_state *s, int status)
{
	int sock = s->a->sock;
	if (WIFSTOPPED(status)) {
		/* the monitor stops too: it must hear of this now */
		channel_send(sock, MSG_CMD_STOPPED, WSTOPSIG(status), -1, 0);
		channel_ring(s->a->bell_ring);
	} else if (!WIFCONTINUED(status)) {
		s->command_done = true;
		channel_send(sock, MSG_CMD_EXITED, status, -1, 0);
		end_run(s);
	}
}

/* Reaps until nothing more can be reaped; true when init has no child left
 * (and the command has ended): the run is over. */
static bool reap(struct init_state *s)
{
	for (;;) {
		int status;
		pid_t pid = waitpid(-1, &status, WNOHANG | WUNTRACED | WCONTINUED);
		if (pid > 0) {
			if (pid == s->command)
				report_command(s, status);
			continue;
		}
		if (pid < 0 && errno == EINTR)
			continue;
		return pid < 0 && errno == ECHILD && s->command_done;
	}
}

static void drain_signals(int sigfd)
{
	struct signalfd_siginfo si[16];
	while (read(sigfd, si, sizeof(si)) > 0)
		;
}

static void read_channel(struct init_state *s, bool *channel_open)
{
	struct channel_msg msg;
	int fd;
	pid_t pid;
	for (;;) {
		int r = channel_recv(s->a->sock, &msg, &fd, &pid);
		if (fd >= 0)
			close(fd);
		if (r == 0)
			return;
		if (r < 0) {
			/* the monitor is gone: PR_SET_PDEATHSIG is killing us;
			 * end the run ourselves in case it cannot */
			*channel_open = false;
			end_run(s);
			kill_all(s);
			return;
		}
		if (msg.type == MSG_TERMINATE)
			end_run(s);
		if (msg.type == MSG_KILL) {
			end_run(s);
			kill_all(s);
		}
	}
}

/* Waits for the monitor's go: init runs nothing of its own before it is in
 * every cgroup of the run (on v1, memory charged before would stay with
 * the monitor's cgroup). The monitor gone, or a failed placement (the
 * monitor then kills init), ends here. */
static void wait_for_go(const struct sandbox_args *a)
{
	for (;;) {
		struct pollfd p = { .fd = a->sock, .events = POLLIN };
		struct channel_msg msg;
		int fd;
		pid_t pid;
		if (poll(&p, 1, -1) < 0 && errno != EINTR)
			_exit(EXIT_SETUP);
		int r = channel_recv(a->sock, &msg, &fd, &pid);
		if (fd >= 0)
			close(fd);
		if (r < 0)
			_exit(EXIT_SETUP);
		if (r > 0 && msg.type == MSG_GO)
			return;
	}
}

/* The working directory launch started in, for ${PWD} and for the command
 * in a view of its own; NULL if it was removed. */
static const char *launch_cwd(char *buf, size_t size)
{
	if (!getcwd(buf, size) || buf[0] != '/')
		return NULL;
	return buf;
}

/* The namespaces' contents, in init, before anything of the command runs.
 * The cgroup namespace is made here, not by clone: init is in the run's
 * cgroup only now (the monitor may have placed it after clone), and the
 * namespace's root is where its maker stands. */
static void setup_namespaces(const struct sandbox_args *a, const char *pwd, struct lx_error *e)
{
	const struct profile *p = &a->cfg->profile;

	if ((p->namespaces & NS_CGROUP) && unshare(CLONE_NEWCGROUP) < 0) {
		lx_error_errno(e, errno, "create the cgroup namespace");
		fail(a, e);
	}
	if (p->hostname && sethostname(p->hostname, strlen(p->hostname)) < 0) {
		lx_error_errno(e, errno, "hostname %s", p->hostname);
		fail(a, e);
	}
	if (p->network == NET_LOOPBACK && net_loopback_up(e) < 0)
		fail(a, e);
	/* a fresh /proc only in a mount namespace of the sandbox's own: never
	 * over the host's */
	if (!(p->namespaces & NS_MOUNT))
		return;
	if (ns_mount_make_private(e) < 0)
		fail(a, e);
	if (!profile_builds_view(p)) {
		if (ns_mount_proc("/proc", e) < 0)
			fail(a, e);
		return;
	}
	struct view_context c = {
		.pwd = pwd,
		.host_ids = !a->userns,
		.cgroup_ns = p->namespaces & NS_CGROUP,
	};
	if (view_build(p, &c, e) < 0)
		fail(a, e);
}

static void setup(const struct sandbox_args *a, const char *pwd, struct lx_error *e)
{
	/* the sandbox dies with the monitor, even by SIGKILL */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0) {
		lx_error_errno(e, errno, "prctl(PR_SET_PDEATHSIG)");
		fail(a, e);
	}
	/* ... and if it died before that call, its end of the channel is
	 * closed already (init closed its own copy just before) */
	struct pollfd pfd = { .fd = a->sock, .events = POLLIN };
	if (poll(&pfd, 1, 0) == 1 && (pfd.revents & POLLHUP))
		_exit(EXIT_SETUP);
	if (a->wait_for_go)
		wait_for_go(a);
	/* in a user namespace, init takes the ids it maps: the files it makes
	 * (mount points in a tmpfs) need an owner the namespace knows; its
	 * capabilities there stay, as they belong to the namespace's maker */
	if (a->userns && (setresgid(a->userns->gid, a->userns->gid, a->userns->gid) < 0 ||
	                  setresuid(a->userns->uid, a->userns->uid, a->userns->uid) < 0)) {
		lx_error_errno(e, errno, "take the ids of the user namespace");
		fail(a, e);
	}

	prctl(PR_SET_NAME, "launch-init");
	if (setsid() < 0) {
		lx_error_errno(e, errno, "setsid");
		fail(a, e);
	}
	if (a->pty_slave >= 0 && ioctl(a->pty_slave, TIOCSCTTY, 0) < 0) {
		lx_error_errno(e, errno, "make the pseudo-terminal the sandbox's terminal");
		fail(a, e);
	}
	setup_namespaces(a, pwd, e);
}

/* Where the command starts: the profile's cwd; in a view of its own, the
 * path launch started in (the command changes to it once it has its
 * identity, whose rights count); else launch's own directory, through a
 * descriptor (opened in the new mount namespace: its copy of that
 * directory, even a removed one). init pins no mount: it goes to "/". */
static int command_cwd(const struct sandbox_args *a, const char *pwd, struct sandbox_args *out,
                       char *buf, size_t size, struct lx_error *e)
{
	const struct profile *p = &a->cfg->profile;
	struct workdir *wd = &out->cwd;
	*wd = (struct workdir){ .fd = -1, .shown = pwd };
	if (p->cwd) {
		int r = path_expand(p->cwd, pwd, buf, size);
		if (r < 0)
			return lx_error_errno(e, -r, "cwd %s", p->cwd);
		wd->path = buf;
	} else if (profile_builds_view(p)) {
		if (!pwd)
			return lx_error_msg(e, ENOENT,
			                    "working directory: the directory launch runs in was "
			                    "removed; set cwd (or --cwd)");
		wd->path = pwd;
		wd->inherited = true;
	} else {
		wd->fd = open(".", O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (wd->fd < 0)
			return lx_error_errno(e, errno, "working directory");
	}
	if (chdir("/") < 0)
		return lx_error_errno(e, errno, "chdir /");
	return 0;
}

/* Starts the command, makes its group and tells the monitor, with a pidfd
 * of the command and its pid, which the kernel translates for the monitor.
 *
 * vfork: the command's process shares init's memory until it execs, as
 * posix_spawn's does, and no page table of init is copied for a process
 * that replaces itself at once (0.14 ms of a 2 ms run, make bench). Until
 * then it only calls functions (never returns from this one), makes
 * system calls and, if it fails, writes the failure into a->failure,
 * which init sends once vfork returns; all signals are blocked, so no
 * handler runs on shared memory. The pidfd is opened afterwards: only
 * init reaps, so the pid is the command's, alive or not yet reaped. */
static pid_t start_command(struct init_state *s, struct lx_error *e)
{
	const struct sandbox_args *a = s->a;
	a->failure->type = 0;
	pid_t pid = vfork();
	if (pid == 0)
		command_main(a);
	if (pid < 0) {
		lx_error_errno(e, errno, "start the command");
		fail(a, e);
	}
	/* it has exec'd or exited: a failure before exec is in our memory */
	if (a->failure->type)
		channel_send_error(a->sock, a->failure->type, &a->failure->error);
	int pidfd = pidfd_open(pid, 0);
	if (pidfd < 0) {
		lx_error_errno(e, errno, "pidfd_open");
		lx_error_hint(e, "launch needs Linux 5.10 or newer");
		kill(pid, SIGKILL);
		fail(a, e);
	}
	/* EACCES: it has exec'd, so made the group itself; ESRCH: it is gone */
	setpgid(pid, pid);
	channel_send(a->sock, MSG_CMD_STARTED, 0, pidfd, pid);
	close(pidfd);
	return pid;
}

noreturn void init_main(const struct sandbox_args *a)
{
	struct lx_error e = { 0 };
	struct init_state s = { .a = a, .phase = PHASE_RUNNING };

	/* keep the channel, the pty and the passed fds; the monitor's own
	 * descriptors (its end of the channel above all) go */
	int keep[LAUNCH_MAX_PASS_FDS + 4];
	size_t n_keep = 0;
	keep[n_keep++] = a->sock;
	keep[n_keep++] = a->bell_ring;
	if (a->pty_slave >= 0)
		keep[n_keep++] = a->pty_slave;
	if (a->output_fd >= 0)
		keep[n_keep++] = a->output_fd;
	for (size_t i = 0; i < a->cfg->n_pass_fds; i++)
		keep[n_keep++] = a->cfg->pass_fds[i];
	if (fd_close_all_except(keep, n_keep, FD_CLOSE_NOW) < 0) {
		lx_error_errno(&e, errno, "close the monitor's file descriptors");
		fail(a, &e);
	}

	char pwd_buf[PATH_MAX], cwd_buf[PATH_MAX];
	const char *pwd = launch_cwd(pwd_buf, sizeof(pwd_buf));
	setup(a, pwd, &e);

	sigset_t all;
	sigfillset(&all);
	int sigfd = signalfd(-1, &all, SFD_CLOEXEC | SFD_NONBLOCK);
	if (sigfd < 0) {
		lx_error_errno(&e, errno, "signalfd");
		fail(a, &e);
	}
	s.timers = (struct lx_timers)LX_TIMERS_INIT;
	struct sandbox_args args = *a;
	struct command_failure failure = { 0 };
	args.failure = &failure;
	if (command_cwd(a, pwd, &args, cwd_buf, sizeof(cwd_buf), &e) < 0)
		fail(a, &e);
	s.a = &args;
	s.command = start_command(&s, &e);
	if (args.cwd.fd >= 0)
		close(args.cwd.fd);
	if (a->pty_slave >= 0)
		close(a->pty_slave);

	bool channel_open = true;
	for (;;) {
		struct pollfd fds[3] = {
			{ .fd = sigfd, .events = POLLIN },
			{ .fd = s.timers.fd, .events = POLLIN },
			{ .fd = channel_open ? a->sock : -1, .events = POLLIN },
		};
		if (poll(fds, 3, -1) < 0 && errno != EINTR)
			break;
		if (fds[2].revents)
			read_channel(&s, &channel_open);
		if (fds[1].revents) {
			while (lx_timers_take_expired(&s.timers))
				kill_all(&s); /* the grace is the only timer */
		}
		if (fds[0].revents) {
			drain_signals(sigfd);
			if (reap(&s))
				break;
		}
	}
	_exit(0);
}
