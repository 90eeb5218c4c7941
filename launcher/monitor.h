/* The monitor: launch's own process, outside the sandbox. It starts init in
 * new namespaces, then sleeps in one poll loop (channel, signalfd, init's
 * pidfd, timerfd, the pseudo-terminal) until init has ended, relaying
 * signals to the command's group, following the command's job-control
 * stops, and enforcing the wall-clock limit. */
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

struct run_result {
	struct run_outcome outcome;
	struct lx_error error; /* why, for a setup or exec error */
	bool have_rusage;
	struct rusage rusage;       /* init's, which covers everything it reaped */
	uint64_t wall_ns;           /* from starting the sandbox to its end */
	struct timespec started_at; /* CLOCK_REALTIME, when the sandbox started */
	pid_t command_pid;          /* as the host sees it; 0 if it never started */
	bool have_cgroup;           /* the run had a cgroup: the figures below */
	enum cg_version cgroup_version;
	char cgroup_path[CG_PATH_MAX];
	struct cgroup_stats cgroup;
	struct lx_error warning;  /* what launch could not do, and did without */
	char seccomp_syscall[32]; /* the call a seccomp kill was for, "" unknown */
};

/* Runs the command in its sandbox; r says how it went (a failure to set up
 * is an outcome too, RUN_SETUP_ERROR with r->error filled). */
void monitor_run(const struct launch_config *cfg, const struct caller_signals *signals,
                 struct run_result *r);

#endif
