/* The monitor: launch's own process, outside the sandbox. It starts init in
 * new namespaces, then sleeps in one poll loop (signalfd, timerfd, the
 * pseudo-terminal) until the service is over, relaying signals to the
 * command's group, following the command's job-control stops, enforcing
 * the wall-clock limit, stopping gracefully on SIGTERM and SIGINT, and
 * starting a new sandbox after each run that the restart policy covers
 * (launcher/restart.h), after its backoff, in the same loop. */
#ifndef LAUNCH_LAUNCHER_MONITOR_H
#define LAUNCH_LAUNCHER_MONITOR_H

#include <stdint.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <time.h>

#include "base/error.h"
#include "cgroup/mounts.h"
#include "cgroup/stats.h"
#include "launcher/config.h"
#include "launcher/outcome.h"
#include "launcher/sigstate.h"

/* How many runs the result keeps, the last ones (a service that restarts
 * for months must not grow without bound). */
#define RUNS_KEPT 64

/* One run of the command, in its own sandbox. */
struct run_record {
	struct run_outcome outcome;
	struct timespec started_at;
	uint64_t wall_ns;
	char seccomp_syscall[64]; /* the call a seccomp kill was for, "" unknown */
};

struct run_result {
	/* the last run */
	struct run_outcome outcome;
	struct lx_error error;    /* why, for a setup or exec error */
	pid_t command_pid;        /* as the host sees it; 0 if it never started */
	char seccomp_syscall[64]; /* the call a seccomp kill was for, "" unknown */
	/* every run */
	bool have_rusage;
	struct rusage rusage;       /* init's of each run, summed (maxrss: the largest) */
	uint64_t wall_ns;           /* from starting the first sandbox to the end */
	struct timespec started_at; /* CLOCK_REALTIME, when the first one started */
	unsigned restarts;
	bool gave_up;                      /* too many restarts within the window */
	struct run_record runs[RUNS_KEPT]; /* the last runs, oldest first */
	unsigned n_runs;                   /* how many ran; the last RUNS_KEPT kept */
	bool have_cgroup;                  /* the runs had a cgroup: the figures below */
	enum cg_version cgroup_version;
	char cgroup_path[CG_PATH_MAX];
	struct cgroup_stats cgroup;
	struct lx_error warning; /* what launch could not do, and did without */
	bool started;            /* the ready_fd was told that the first command started */
};

/* The i-th run the result kept, 0 the oldest. */
const struct run_record *run_result_run(const struct run_result *r, unsigned i);
/* How many it kept. */
unsigned run_result_kept(const struct run_result *r);

/* Runs the command in its sandbox, again as the restart policy says; r
 * says how it went (a failure to set up is an outcome too,
 * RUN_SETUP_ERROR with r->error filled). ready_fd >= 0 gets one byte once
 * the first run's command has started (exec'd), and is closed then
 * (r->started); if that never happened it is left open, for the caller to
 * say why: a daemon's parent waits on it (launcher/daemon.h). */
void monitor_run(const struct launch_config *cfg, const struct caller_signals *signals,
                 int ready_fd, struct run_result *r);

#endif
