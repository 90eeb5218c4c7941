/* Live statistics of a running sandbox (--stats-interval, --stats-file):
 * every interval one line of JSON, appended, with what its cgroup uses
 * right now, so that a monitoring system can follow a long-running
 * service without polling the kernel itself:
 *
 *   {"time": "2026-11-21T15:00:01.000Z", "memory_bytes": 10485760,
 *    "cpu_percent": 12.5, "cpu_usage_s": 3.25, "pids": 4,
 *    "io_read_bytes": 0, "io_write_bytes": 4096}
 *
 * cpu_percent is the CPU time used since the previous line over the wall
 * time between them (100 is one CPU's worth); cpu_usage_s and the I/O
 * bytes count from the start of the service, so the last line, written
 * when it ends, agrees with the report. A figure the kernel does not give
 * is null. Each line is one write(2): readers never see half a line. */
#ifndef LAUNCH_LAUNCHER_STATS_LINE_H
#define LAUNCH_LAUNCHER_STATS_LINE_H

#include <stdbool.h>
#include <stdint.h>

#include "cgroup/cgroup.h"
#include "cgroup/live.h"

struct stats_line {
	int fd; /* -1: off */
	struct cg_live_dirs dirs;
	uint64_t last_ns;
	uint64_t last_cpu_us;
	bool have_last;
};

struct json_writer;
/* The usage keys of a line: now's figures, and the CPU percentage since
 * before (NULL: unknown) over wall_us. */
void stats_usage_json(struct json_writer *w, const struct cg_live *now,
                      const struct cg_live *before, uint64_t wall_us);

void stats_line_start(struct stats_line *s, int fd, const struct cgroup_run *cg);
void stats_line_write(struct stats_line *s);
void stats_line_stop(struct stats_line *s);

#endif
