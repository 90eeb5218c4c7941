/* What a cgroup uses right now (not its peaks: cgroup/stats.h), for the
 * live statistics of a running sandbox (--stats-interval) and for other
 * launch processes looking at it by name (--list, --stats). Read from the
 * cgroup's path, so any process can: memory in use, tasks, CPU time so
 * far, bytes read and written. */
#ifndef LAUNCH_CGROUP_LIVE_H
#define LAUNCH_CGROUP_LIVE_H

#include "base/error.h"
#include "cgroup/mounts.h"
#include "cgroup/stats.h"

struct cg_live {
	struct cg_value memory_bytes;  /* memory.current, memory.usage_in_bytes */
	struct cg_value pids;          /* pids.current */
	struct cg_value cpu_usage_us;  /* cpu.stat usage_usec, cpuacct.usage */
	struct cg_value io_read_bytes; /* io.stat, blkio.throttle.io_service_bytes */
	struct cg_value io_write_bytes;
};

/* The directories that hold those files, opened once. */
struct cg_live_dirs {
	enum cg_version version;
	int unified; /* -1 where absent */
	int memory, pids, cpuacct, blkio;
};

/* path: the cgroup relative to each hierarchy's root ("/launch/run-..."). */
int cg_live_open(const char *path, struct cg_live_dirs *d, struct lx_error *e);
void cg_live_read(const struct cg_live_dirs *d, struct cg_live *l);
void cg_live_close(struct cg_live_dirs *d);

#endif
