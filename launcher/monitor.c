#include "launcher/monitor.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/signame.h"
#include "base/timer.h"
#include "base/units.h"
#include "cgroup/cgroup.h"
#include "launcher/channel.h"
#include "launcher/environ.h"
#include "launcher/pty.h"
#include "launcher/relay.h"
#include "launcher/restart.h"
#include "launcher/sandbox.h"
#include "launcher/spawn.h"
#include "launcher/state.h"
#include "launcher/stats_line.h"
#include "ns/userns.h"
#include "security/kill_log.h"
#include "security/privileges.h"

/* How long after the grace the monitor waits for init to end the run before
 * it kills init itself (and with it, by the kernel, the whole namespace). */
#define BACKSTOP_NS (2 * NSEC_PER_SEC)

/* One sandbox: what the monitor knows of it while it runs. */
struct run {
	struct channel channel;
	int init_pidfd;
	pid_t init_pid;
	bool init_exited;
	struct relay_target command;
	bool command_started;
	bool command_exited;
	int command_status;
	bool setup_failed;
	bool exec_failed;
	bool terminating;
	bool channel_open;
	uint64_t start_ns;
};

enum monitor_state {
	RUNNING, /* a sandbox runs */
	BACKOFF, /* between two runs of a service */
	DONE,
};

struct monitor {
	const struct launch_config *cfg;
	const struct caller_signals *signals;
	struct run_result *r;
	pid_t self;
	int sigfd;
	int ready_fd;
	struct lx_timers timers;
	struct lx_timer timeout;
	struct lx_timer backstop;
	struct lx_timer backoff;
	struct lx_timer stats_tick;
	struct pty pty;
	struct cgroup_run cg;
	bool userns; /* the sandbox has a user namespace of its own */
	struct idmap idmap;
	struct privileges privileges;
	char **envp;
	int kill_log; /* the kernel's log, for a seccomp kill; -1 */
	struct stats_line stats;
	struct restart_state restarts;
	enum monitor_state state;
	bool stopping;           /* asked to stop (SIGTERM, SIGINT): no restart */
	uint64_t oom_kills_seen; /* the cgroup's count after the last run */
	int state_fd;            /* the name's registration (launcher/state.h), -1 */
	uint64_t start_ns;
	struct run run;
};

/* ---- job control -------------------------------------------------------- */

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
	relay_send(&m->run.command, SIGCONT);
}

/* The command's last output, written as the pseudo-terminal's rules say:
 * from the background with tostop set, launch stops first. */
static void drain_pty(struct monitor *m)
{
	enum pty_event e;
	while ((e = pty_drain(&m->pty)) != PTY_OK)
		if (!stop_self(m, SIGTTOU))
			pty_give_up(&m->pty, e);
}

/* ---- one run ------------------------------------------------------------- */

/* Ends the run: init sends the stop signal to everything and SIGKILL after
 * the grace; the backstop covers an init that cannot. */
static void terminate(struct monitor *m)
{
	struct run *run = &m->run;
	if (run->terminating)
		return;
	run->terminating = true;
	channel_send(run->channel.monitor, MSG_TERMINATE, 0, -1, 0);
	lx_timer_arm_in(&m->timers, &m->backstop, m->cfg->profile.grace_ns + BACKSTOP_NS);
}

/* Everything in the sandbox, now: the cgroup's processes, and init, whose
 * end takes the whole namespace with it. For an init that did not end the
 * run in time. */
static void kill_now(struct monitor *m)
{
	cgroup_kill(&m->cg);
	syscall(SYS_pidfd_send_signal, m->run.init_pidfd, SIGKILL, NULL, 0);
}

/* The first run's command has exec'd: the caller of a daemon may go. */
static void tell_ready(struct monitor *m)
{
	if (m->ready_fd < 0)
		return;
	if (write(m->ready_fd, "", 1) < 0) {
		/* the daemon's parent is gone: nobody to tell */
	}
	close(m->ready_fd);
	m->ready_fd = -1;
}

static void handle_message(struct monitor *m, struct channel_msg *msg, int *fd, pid_t pid)
{
	struct run *run = &m->run;
	struct run_result *r = m->r;
	switch (msg->type) {
	case MSG_SETUP_FAILED:
		if (!run->setup_failed)
			r->error = msg->error;
		run->setup_failed = true;
		break;
	case MSG_CMD_STARTED:
		run->command.pidfd = TAKE_FD(*fd);
		run->command.pgid = pid;
		r->command_pid = pid;
		run->command_started = true;
		/* the command's exec failure, if any, was sent before this */
		if (!run->exec_failed)
			tell_ready(m);
		break;
	case MSG_EXEC_FAILED:
		run->exec_failed = true;
		r->outcome.exec_errno = msg->value;
		r->error = msg->error;
		break;
	case MSG_CMD_STOPPED:
		follow_command_stop(m, msg->value);
		break;
	case MSG_CMD_EXITED:
		run->command_exited = true;
		run->command_status = msg->value;
		break;
	default:
		break;
	}
}

static void read_channel(struct monitor *m)
{
	struct run *run = &m->run;
	while (run->channel_open) {
		struct channel_msg msg;
		int fd;
		pid_t pid;
		int r = channel_recv(run->channel.monitor, &msg, &fd, &pid);
		if (r > 0)
			handle_message(m, &msg, &fd, pid);
		if (fd >= 0)
			close(fd);
		if (r == 0)
			return;
		if (r < 0) {
			run->channel_open = false;
			return;
		}
	}
}

/* Blocks until the command's process group exists (init says so right
 * after the fork) or the sandbox is gone: a signal to relay waits for it. */
static void wait_for_start(struct monitor *m)
{
	struct run *run = &m->run;
	read_channel(m);
	while (!run->command_started && run->channel_open) {
		struct pollfd p = { .fd = run->channel.monitor, .events = POLLIN };
		if (poll(&p, 1, -1) < 0 && errno != EINTR)
			return;
		read_channel(m);
	}
}

/* Starts a sandbox. A failure is the run's outcome (RUN_SETUP_ERROR). */
static int start_run(struct monitor *m)
{
	struct run *run = &m->run;
	struct run_result *r = m->r;
	*run = (struct run){ .channel = { -1, -1, -1, -1 },
		             .init_pidfd = -1,
		             .command = { .pidfd = -1 },
		             .channel_open = true };
	memset(&r->outcome, 0, sizeof(r->outcome));
	r->outcome.end = RUN_SETUP_ERROR;
	/* every filter of a profile kills: what its default "kill" refuses,
	 * and under any default a call through another architecture's entry
	 * point (security/seccomp.h) */
	r->outcome.seccomp_kills = m->privileges.seccomp.len > 0;
	r->command_pid = 0;
	r->seccomp_syscall[0] = '\0';
	lx_error_clear(&r->error);

	int err = channel_open(&run->channel);
	if (err < 0)
		return lx_error_errno(&r->error, err, "open the channel to the sandbox");
	if (m->pty.master >= 0 && m->pty.slave < 0 && pty_reopen_slave(&m->pty, &r->error) < 0)
		return -r->error.code;
	struct sandbox_args args = {
		.cfg = m->cfg,
		.signals = m->signals,
		.sock = run->channel.sandbox,
		.bell_ring = run->channel.bell_ring,
		.pty_slave = m->pty.slave,
		.userns = m->userns ? &m->idmap : NULL,
		.privileges = &m->privileges,
		.envp = m->envp,
		.output_fd = m->cfg->log ? m->cfg->log->write : -1,
	};
	memcpy(args.on_pty, m->pty.on_pty, sizeof(args.on_pty));
	struct spawn_request req = {
		.cg = &m->cg,
		.userns = args.userns,
		.namespaces = m->cfg->profile.namespaces,
		.go_sock = run->channel.monitor,
	};

	run->start_ns = monotonic_ns();
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	if (r->n_runs == 0) {
		m->start_ns = run->start_ns;
		r->started_at = now;
	}
	struct run_record *rec = &r->runs[r->n_runs % RUNS_KEPT];
	memset(rec, 0, sizeof(*rec));
	rec->started_at = now;
	r->n_runs++;

	/* a daemon is in "/": the sandbox starts in its caller's directory */
	if (m->cfg->cwd_fd >= 0 && fchdir(m->cfg->cwd_fd) < 0)
		return lx_error_errno(&r->error, errno, "working directory");
	pid_t pid = spawn_sandbox(&req, &args, &run->init_pidfd, &r->error);
	if (m->cfg->cwd_fd >= 0 && chdir("/") < 0) {
		/* "/" is always there */
	}
	if (pid < 0)
		return (int)pid;
	run->init_pid = pid;
	/* the doorbell's writing end stays open here: the kernel rings a pipe
	 * (SIGIO) when its last writer closes, and that would be init's exit,
	 * an extra wake-up of every run for nothing */
	close(TAKE_FD(run->channel.sandbox));
	pty_close_slave(&m->pty);
	pty_enter_raw(&m->pty);
	m->state = RUNNING;
	if (m->cfg->profile.timeout_ns > 0 &&
	    lx_timer_arm_in(&m->timers, &m->timeout, m->cfg->profile.timeout_ns) < 0) {
		/* no time limit is worse than no run: end it now */
		r->outcome.timed_out = true;
		terminate(m);
	}
	/* a daemon's caller waits for the command's exec: learn it now */
	if (m->ready_fd >= 0)
		wait_for_start(m);
	return 0;
}

static void add_rusage(struct rusage *sum, const struct rusage *ru)
{
	timeradd(&sum->ru_utime, &ru->ru_utime, &sum->ru_utime);
	timeradd(&sum->ru_stime, &ru->ru_stime, &sum->ru_stime);
	if (ru->ru_maxrss > sum->ru_maxrss)
		sum->ru_maxrss = ru->ru_maxrss;
	sum->ru_minflt += ru->ru_minflt;
	sum->ru_majflt += ru->ru_majflt;
	sum->ru_nvcsw += ru->ru_nvcsw;
	sum->ru_nivcsw += ru->ru_nivcsw;
	sum->ru_inblock += ru->ru_inblock;
	sum->ru_oublock += ru->ru_oublock;
}

/* The cgroup's OOM kills: those since the last count are the last run's. */
static void count_oom_kills(struct monitor *m)
{
	struct run_result *r = m->r;
	struct cgroup_stats st;
	cgroup_read_stats(&m->cg, &st);
	r->outcome.oom_killed = st.oom_kills.known && st.oom_kills.v > m->oom_kills_seen;
	m->oom_kills_seen = st.oom_kills.v;
}

/* The last run's outcome, as it stands, into its record. */
static void record_run(struct monitor *m)
{
	struct run_result *r = m->r;
	if (r->n_runs == 0)
		return;
	struct run_record *rec = &r->runs[(r->n_runs - 1) % RUNS_KEPT];
	rec->outcome = r->outcome;
	if (!rec->wall_ns)
		rec->wall_ns = monotonic_ns() - m->run.start_ns;
	memcpy(rec->seccomp_syscall, r->seccomp_syscall, sizeof(rec->seccomp_syscall));
}

/* init has ended: how the run went. */
static void collect_run(struct monitor *m)
{
	struct run *run = &m->run;
	struct run_result *r = m->r;
	siginfo_t info = { 0 };
	struct rusage ru;

	read_channel(m); /* init's last words are still queued */
	/* waitid's rusage of init covers every process init reaped */
	if (syscall(SYS_waitid, P_PIDFD, run->init_pidfd, &info, WEXITED, &ru) == 0) {
		add_rusage(&r->rusage, &ru);
		r->have_rusage = true;
	}
	if (run->setup_failed) {
		r->outcome.end = RUN_SETUP_ERROR;
	} else if (run->exec_failed) {
		r->outcome.end = RUN_EXEC_ERROR;
	} else if (run->command_exited) {
		r->outcome.end = RUN_FINISHED;
		r->outcome.wait_status = run->command_status;
		if (r->outcome.seccomp_kills && WIFSIGNALED(run->command_status) &&
		    WTERMSIG(run->command_status) == SIGSYS && m->kill_log >= 0)
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
	/* a service decides on a restart now, so it needs to know now
	 * whether this run was OOM-killed; a single run learns it with the
	 * cgroup's other figures at the end (collect_cgroup) */
	if (m->cg.active && m->cfg->profile.restart_policy != RESTART_NO)
		count_oom_kills(m);
	record_run(m);

	lx_timer_disarm(&m->timers, &m->timeout);
	lx_timer_disarm(&m->timers, &m->backstop);
	channel_close(&run->channel);
	if (run->init_pidfd >= 0)
		close(run->init_pidfd);
	if (run->command.pidfd >= 0)
		close(run->command.pidfd);
	run->init_pidfd = run->command.pidfd = -1;
}

/* After a run: the next one, after the backoff, if the policy says so. */
static void after_run(struct monitor *m)
{
	struct run_result *r = m->r;
	const struct run_record *rec = &r->runs[(r->n_runs - 1) % RUNS_KEPT];
	uint64_t delay;
	if (m->stopping) {
		m->state = DONE;
		return;
	}
	switch (restart_decide(&m->cfg->profile, &m->restarts, &r->outcome, rec->wall_ns,
	                       monotonic_ns(), &delay)) {
	case RESTART_AFTER:
		m->state = BACKOFF;
		if (lx_timer_arm_in(&m->timers, &m->backoff, delay ? delay : 1) < 0)
			m->state = DONE;
		break;
	case RESTART_GIVE_UP:
		r->gave_up = true;
		m->state = DONE;
		break;
	default:
		m->state = DONE;
		break;
	}
}

/* ---- events ---------------------------------------------------------------- */

/* SIGTERM and SIGINT stop the service gracefully: the profile's stop
 * signal to everything in the sandbox, SIGKILL after the grace, no
 * restart. A second one does not wait for the grace. */
static void stop_service(struct monitor *m)
{
	if (m->state == BACKOFF) {
		lx_timer_disarm(&m->timers, &m->backoff);
		m->state = DONE;
		m->stopping = true;
		return;
	}
	if (m->stopping) {
		/* init kills everything and still says how the command ended */
		channel_send(m->run.channel.monitor, MSG_KILL, 0, -1, 0);
		return;
	}
	m->stopping = true;
	terminate(m);
}

/* What one signal read from the signalfd means. Besides the signals to
 * relay, two come from the sandbox: SIGCHLD when init ends, and the
 * doorbell's SIGIO (si_code POLL_IN, si_fd the doorbell). */
static void handle_signal(struct monitor *m, const struct signalfd_siginfo *si)
{
	struct run *run = &m->run;
	int sig = (int)si->ssi_signo;

	if (sig == SIGCHLD) {
		if (m->state == RUNNING && (pid_t)si->ssi_pid == run->init_pid &&
		    (si->ssi_code == CLD_EXITED || si->ssi_code == CLD_KILLED ||
		     si->ssi_code == CLD_DUMPED))
			run->init_exited = true;
		return;
	}
	if (sig == CHANNEL_BELL_SIGNAL && si->ssi_code == POLL_IN) {
		if (m->state == RUNNING && (int)si->ssi_fd == run->channel.bell) {
			channel_answer(run->channel.bell);
			read_channel(m);
		}
		return;
	}
	/* SIGPIPE from launch's own write to a closed pipe is not the user's
	 * to relay */
	if ((pid_t)si->ssi_pid == m->self && si->ssi_code == SI_USER)
		return;
	if (!relay_wants(sig))
		return;
	if (sig == SIGTERM || sig == SIGINT) {
		stop_service(m);
		return;
	}
	/* logrotate's signal: the log again, by name; relayed all the same */
	if (sig == SIGHUP && m->cfg->log)
		logfile_reopen(m->cfg->log, NULL);
	if (m->state != RUNNING)
		return; /* between runs there is nobody to relay to */
	if (sig == SIGWINCH && m->pty.master >= 0) {
		/* the kernel signals the pty's foreground group */
		pty_resize(&m->pty);
		return;
	}
	if (sig == SIGCONT) {
		pty_enter_raw(&m->pty);
		pty_resize(&m->pty);
	}
	if (!run->command_started)
		wait_for_start(m);
	relay_send(&run->command, sig);
}

static void handle_timers(struct monitor *m)
{
	struct lx_timer *t;
	while ((t = lx_timers_take_expired(&m->timers))) {
		if (t == &m->timeout) {
			m->r->outcome.timed_out = true;
			terminate(m);
		} else if (t == &m->backstop) {
			kill_now(m);
		} else if (t == &m->backoff) {
			/* counted when made: not one that a stop cancelled */
			m->r->restarts++;
			if (start_run(m) < 0) {
				record_run(m);
				m->state = DONE; /* a setup failure is not restarted */
			}
		} else if (t == &m->stats_tick) {
			stats_line_write(&m->stats);
			lx_timer_arm_in(&m->timers, &m->stats_tick, m->cfg->stats_interval_ns);
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
	const struct logfile *log = m->cfg->log;
	*n_pty = 0;
	*timer_ready = false;
	if (m->timers.fd < 0 && m->pty.master < 0 && !log)
		return wait_signal(si);

	fds[0] = (struct pollfd){ .fd = m->sigfd, .events = POLLIN };
	fds[1] = (struct pollfd){ .fd = m->timers.fd, .events = POLLIN };
	fds[2] = (struct pollfd){ .fd = log ? log->read : -1, .events = POLLIN };
	*n_pty = m->state == RUNNING ? pty_poll_add(&m->pty, fds, 3) : 0;
	if (poll(fds, 3 + *n_pty, -1) < 0)
		return 0;
	*timer_ready = fds[1].revents != 0;
	if (fds[2].revents)
		logfile_pump(m->cfg->log);
	if (!fds[0].revents)
		return 0;
	ssize_t n = read(m->sigfd, si, max * sizeof(*si));
	return n > 0 ? (size_t)n / sizeof(*si) : 0;
}

/* Wait, collect events, act; at the end of each run, collect it and let
 * the restart policy decide. */
static void loop(struct monitor *m)
{
	while (m->state != DONE) {
		struct signalfd_siginfo si[16];
		struct pollfd fds[3 + PTY_MAX_POLLFDS];
		size_t n_pty;
		bool timer_ready;

		size_t n = wait_events(m, si, ARRAY_SIZE(si), fds, &n_pty, &timer_ready);
		for (size_t i = 0; i < n; i++)
			handle_signal(m, &si[i]);
		if (n_pty > 0) {
			/* launch uses the terminal from the background: it stops
			 * as any program would, and the kernel's EIO if it cannot */
			enum pty_event e = pty_handle(&m->pty, fds);
			if (e != PTY_OK &&
			    !stop_self(m, e == PTY_READ_IN_BACKGROUND ? SIGTTIN : SIGTTOU))
				pty_give_up(&m->pty, e);
		}
		if (m->state == RUNNING && m->run.init_exited) {
			collect_run(m);
			drain_pty(m);
			after_run(m);
		}
		if (timer_ready)
			handle_timers(m);
	}
}

/* ---- the service ------------------------------------------------------------ */

/* The run's cgroup. Limits (or a parent asked for) make it necessary.
 * Without them it only accounts, so it is made when its figures are wanted
 * (a report, a summary, live statistics): the PID namespace alone already
 * ends everything, and a cgroup costs about a millisecond (make bench). A
 * host where it cannot be made (no permission, no cgroup filesystem) then
 * runs without, with a warning. One cgroup serves every run of a service:
 * the same limits, and figures for the whole of it. */
static int setup_cgroup(struct monitor *m)
{
	const struct launch_config *cfg = m->cfg;
	bool needed = profile_has_limits(&cfg->profile.limits) || cfg->cgroup_parent;
	if (!needed && !cfg->summary && !cfg->profile.report && !cfg->stats_interval_ns &&
	    !cfg->name)
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

/* --name: the sandbox is found by name while it runs. */
static int register_name(struct monitor *m)
{
	const struct launch_config *cfg = m->cfg;
	struct state_entry entry = { .pid = getpid(),
		                     .stop_ns = cfg->profile.grace_ns + BACKSTOP_NS };
	snprintf(entry.name, sizeof(entry.name), "%s", cfg->name);
	snprintf(entry.profile, sizeof(entry.profile), "%s", cfg->profile_name);
	clock_gettime(CLOCK_REALTIME, &entry.started_at);
	if (m->cg.active)
		snprintf(entry.cgroup, sizeof(entry.cgroup), "%s", m->cg.path);
	m->state_fd = state_register(&entry, cfg->command, &m->r->error);
	return m->state_fd < 0 ? -1 : 0;
}

/* What every run shares, made once: the signalfd, the terminal, the
 * identity and privileges the command will take, its environment, the
 * cgroup. A mistake here stops launch before anything runs. */
static int prepare(struct monitor *m)
{
	const struct launch_config *cfg = m->cfg;
	struct run_result *r = m->r;
	sigset_t all;
	sigfillset(&all);
	m->sigfd = signalfd(-1, &all, SFD_CLOEXEC | SFD_NONBLOCK);
	if (m->sigfd < 0)
		return lx_error_errno(&r->error, errno, "signalfd");
	if (pty_setup(&m->pty, cfg->tty, &r->error) < 0)
		return -1;
	/* without root, only a user namespace lets launch make the others */
	bool privileged = geteuid() == 0;
	m->userns = (cfg->profile.namespaces & NS_USER) || !privileged;
	if (m->userns &&
	    idmap_plan(privileged, geteuid(), getegid(), &cfg->profile, &m->idmap, &r->error) < 0)
		return -1;
	if (privileges_plan(&cfg->profile, m->userns ? &m->idmap : NULL, &m->privileges,
	                    &r->error) < 0)
		return -1;
	if (m->privileges.seccomp.len > 0) /* it may kill (start_run) */
		m->kill_log = kill_log_open();
	m->envp = environ_build(&cfg->profile, environ);
	if (!m->envp)
		return lx_error_errno(&r->error, ENOMEM, "the command's environment");
	if (setup_cgroup(m) < 0)
		return -1;
	if (cfg->name && register_name(m) < 0)
		return -1;
	if (cfg->stats_interval_ns && m->cg.active) {
		stats_line_start(&m->stats, cfg->stats_fd, &m->cg);
		lx_timer_arm_in(&m->timers, &m->stats_tick, cfg->stats_interval_ns);
	}
	return 0;
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
	if (r->outcome.end == RUN_FINISHED && m->cfg->profile.restart_policy == RESTART_NO) {
		r->outcome.oom_killed = r->cgroup.oom_kills.known && r->cgroup.oom_kills.v > 0;
		record_run(m);
	}
	if (m->cfg->stats_interval_ns) {
		stats_line_write(&m->stats); /* the last line: the end */
		stats_line_stop(&m->stats);
	}
	if (cgroup_destroy(&m->cg, &r->warning) < 0)
		lx_error_prefix(&r->warning, "clean up");
}

const struct run_record *run_result_run(const struct run_result *r, unsigned i)
{
	unsigned first = r->n_runs > RUNS_KEPT ? r->n_runs - RUNS_KEPT : 0;
	return &r->runs[(first + i) % RUNS_KEPT];
}

unsigned run_result_kept(const struct run_result *r)
{
	return r->n_runs < RUNS_KEPT ? r->n_runs : RUNS_KEPT;
}

void monitor_run(const struct launch_config *cfg, const struct caller_signals *signals,
                 int ready_fd, struct run_result *r)
{
	struct monitor m = {
		.cfg = cfg,
		.signals = signals,
		.r = r,
		.self = getpid(),
		.sigfd = -1,
		.ready_fd = ready_fd,
		.timers = LX_TIMERS_INIT,
		.kill_log = -1,
		.state_fd = -1,
		.state = DONE,
		.run = { .channel = { -1, -1, -1, -1 },
		         .init_pidfd = -1,
		         .command = { .pidfd = -1 } },
	};

	memset(r, 0, sizeof(*r));
	r->outcome.end = RUN_SETUP_ERROR;
	m.pty.master = m.pty.slave = -1;

	if (prepare(&m) == 0 && start_run(&m) == 0)
		loop(&m);
	else
		record_run(&m);
	r->wall_ns = r->n_runs ? monotonic_ns() - m.start_ns : 0;
	collect_cgroup(&m);

	r->started = m.ready_fd < 0; /* told, or nobody to tell */
	privileges_free(&m.privileges);
	state_unregister(cfg->name, m.state_fd);
	free(m.envp);
	if (m.kill_log >= 0)
		close(m.kill_log);
	pty_close(&m.pty);
	cgroup_destroy(&m.cg, NULL);
	channel_close(&m.run.channel);
	if (m.sigfd >= 0)
		close(m.sigfd);
	if (m.run.init_pidfd >= 0)
		close(m.run.init_pidfd);
	if (m.run.command.pidfd >= 0)
		close(m.run.command.pidfd);
	lx_timers_close(&m.timers);
}
