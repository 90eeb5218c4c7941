/* What a run that is a service needs around it, before and after the
 * monitor: the live statistics file, the name checked (launcher/state.h),
 * the pidfile locked, the daemon detached (launcher/daemon.h) with its log.
 * Everything that can fail does so here, before detaching, so the caller
 * hears of it. */
#ifndef LAUNCH_LAUNCHER_SERVICE_H
#define LAUNCH_LAUNCHER_SERVICE_H

#include <limits.h>

#include "base/error.h"
#include "launcher/config.h"
#include "launcher/logfile.h"
#include "launcher/monitor.h"

struct service {
	int pidfile_fd;
	int ready_fd; /* a daemon's word to its caller, -1 */
	struct logfile log;
	/* a daemon's relative --pidfile and --log, made absolute: it works in
	 * "/", and removes the one and reopens the other by name */
	char pidfile[PATH_MAX];
	char log_file[PATH_MAX];
};

/* Before the run. In daemon mode the caller's process does not return from
 * here: it exits when the daemon says the command started (0) or why not
 * (125). */
int service_prepare(struct launch_config *cfg, struct service *s, struct lx_error *e);
/* After the run: a daemon's caller hears why the start failed, if it did;
 * the pidfile and the statistics file are let go. */
void service_finish(struct launch_config *cfg, struct service *s, const struct run_result *r);

#endif
