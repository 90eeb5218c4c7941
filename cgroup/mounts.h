/* Which cgroup hierarchies are mounted where, read from mountinfo (never
 * guessed from paths: KERNEL-NOTES). Pure v2: one cgroup2 mount. Hybrid:
 * v1 controllers mounted one per hierarchy (or a few together, as
 * "cpu,cpuacct") and a cgroup2 tree beside them, with no controllers of its
 * own but cgroup.procs, cgroup.kill, cgroup.events and cpu.stat. */
#ifndef LAUNCH_CGROUP_MOUNTS_H
#define LAUNCH_CGROUP_MOUNTS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"

#define CG_PATH_MAX 512
#define CG_DEFAULT_ROOT "/sys/fs/cgroup"
#define CG_MAX_V1 16

enum cg_version {
	CG_NONE,   /* no cgroup filesystem mounted */
	CG_V2,     /* pure cgroup v2 */
	CG_HYBRID, /* v1 controllers and a cgroup2 tree */
	CG_V1,     /* v1 controllers only */
};

/* v1 controllers launch uses, as bits */
enum cg_controller {
	CG_MEMORY = 1 << 0,
	CG_PIDS = 1 << 1,
	CG_CPU = 1 << 2,
	CG_CPUACCT = 1 << 3,
	CG_CPUSET = 1 << 4,
	CG_BLKIO = 1 << 5,
};

struct cg_mount {
	char dir[CG_PATH_MAX];  /* mount point */
	char root[CG_PATH_MAX]; /* cgroup the mount shows at dir ("/" usually) */
	unsigned controllers;   /* v1: enum cg_controller bits */
};

struct cg_mounts {
	enum cg_version version;
	bool has_unified;
	struct cg_mount unified; /* the cgroup2 mount */
	struct cg_mount v1[CG_MAX_V1];
	size_t n_v1;
};

/* Parses the text of /proc/self/mountinfo. Pure. */
void cg_parse_mountinfo(const char *text, struct cg_mounts *m);
/* Reads /proc/self/mountinfo (or, on a pure v2 host, needs only statfs). */
int cg_read_mounts(struct cg_mounts *m, struct lx_error *e);
/* The v1 mount that has the controller, or NULL. */
const struct cg_mount *cg_v1_mount(const struct cg_mounts *m, enum cg_controller c);
const char *cg_version_name(enum cg_version v);

#endif
