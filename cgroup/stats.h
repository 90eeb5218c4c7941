/* What a run's cgroup used, as the report's "cgroup" object has it. A
 * figure the kernel does not give (an old kernel, a controller the run did
 * not join) stays unknown and is reported as null, never as a made-up 0. */
#ifndef LAUNCH_CGROUP_STATS_H
#define LAUNCH_CGROUP_STATS_H

#include <stdbool.h>
#include <stdint.h>

struct cg_value {
	bool known;
	uint64_t v;
};

struct cgroup_stats {
	struct cg_value memory_peak_bytes, memory_limit_bytes, oom_kills;
	struct cg_value cpu_usage_us, cpu_user_us, cpu_system_us, cpu_throttled_us;
	struct cg_value pids_peak, pids_limit;
	struct cg_value io_read_bytes, io_write_bytes;
};

struct json_writer;
/* "key": the value, or null when the kernel did not give it. */
void cg_value_json(struct json_writer *w, const char *key, struct cg_value v);
/* "key": microseconds as seconds (1.234567), or null. */
void cg_seconds_json(struct json_writer *w, const char *key, struct cg_value us);

/* The value of "KEY VALUE" in a file of such lines (cpu.stat,
 * memory.events, memory.oom_control). */
bool cg_keyed(const char *text, const char *key, uint64_t *v);
/* A file holding one number ("max" is not one). */
bool cg_number(const char *text, uint64_t *v);
/* Sums of rbytes= and wbytes= over the devices of a v2 io.stat. */
bool cg_io_stat(const char *text, uint64_t *read, uint64_t *write);
/* Sums of the "Read" and "Write" lines over the devices of a v1
 * blkio.throttle.io_service_bytes. */
bool cg_blkio_bytes(const char *text, uint64_t *read, uint64_t *write);

#endif
