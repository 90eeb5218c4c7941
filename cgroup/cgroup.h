/* A run's cgroup, on a pure cgroup v2 host or a hybrid/v1 one, behind one
 * interface: create it (with the profile's limits), place the sandbox's
 * init in it before it runs, read what it used, kill what is left, remove
 * it.
 *
 * Where: below a parent launch creates and owns, "launch" below the root of
 * each hierarchy by default (another with --cgroup-parent), as
 * PARENT/run-PID-RANDOM, the same relative path in every hierarchy. launch
 * writes only into cgroups it created, and into the subtree_control of a
 * parent named with --cgroup-parent (naming it delegates it). The default
 * parent is launch's: the last run to leave it removes it. A parent named
 * with --cgroup-parent is the user's place: launch creates what is missing
 * and leaves it. A run whose monitor died leaves an empty cgroup, which the
 * next run removes.
 *
 * Which hierarchies: on v2 the one tree, with the controllers the limits
 * need plus memory, pids and io for accounting; on hybrid hosts the unified
 * tree (tracking, cgroup.kill, CPU time) and the v1 hierarchies of memory,
 * pids and blkio (accounting) and of cpu and cpuset when limits need them;
 * on v1-only hosts the same with cpuacct for CPU time. */
#ifndef LAUNCH_CGROUP_CGROUP_H
#define LAUNCH_CGROUP_CGROUP_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "base/error.h"
#include "cgroup/mounts.h"
#include "cgroup/plan.h"
#include "cgroup/stats.h"
#include "profiles/profile.h"

#define CG_DEFAULT_PARENT "launch"
#define CG_MAX_DIRS 8

struct cg_dir {
	struct cg_mount mount;
	bool unified;
	int fd;                   /* the run's cgroup directory, -1 */
	char parent[CG_PATH_MAX]; /* the parent's absolute path, once known */
	char run[CG_PATH_MAX];    /* the run's, once made */
	size_t created_parents;   /* components of the parent launch made now */
};

struct cgroup_run {
	bool active;
	enum cg_version version;
	char path[CG_PATH_MAX]; /* relative to each hierarchy's root */
	struct cg_dir dirs[CG_MAX_DIRS];
	size_t n_dirs;
	int unified;     /* index of the unified tree in dirs, -1 */
	bool own_parent; /* the default parent: removed by the last run out */
	struct cg_plan plan;
	const struct profile_limits *limits;
};

struct cgroup_request {
	const struct profile_limits *limits;
	const char *parent; /* relative to each hierarchy's root; NULL: the default */
};

/* Creates the run's cgroup in every hierarchy it uses and applies the
 * limits. On failure nothing is left behind. */
int cgroup_create(struct cgroup_run *cg, const struct cgroup_request *req, struct lx_error *e);
/* The unified tree's directory, for clone3's CLONE_INTO_CGROUP; -1. */
int cgroup_clone_fd(const struct cgroup_run *cg);
/* Whether pid must still be written into some hierarchy (every v1 one, and
 * the unified tree when clone3 could not place it). */
bool cgroup_needs_attach(const struct cgroup_run *cg, bool cloned_into);
int cgroup_attach(struct cgroup_run *cg, pid_t pid, bool cloned_into, struct lx_error *e);
/* SIGKILL to everything in the cgroup (cgroup.kill); -ENOTSUP without it. */
int cgroup_kill(struct cgroup_run *cg);
void cgroup_read_stats(struct cgroup_run *cg, struct cgroup_stats *st);
/* Waits until the cgroup is empty, removes it, and the parents launch
 * created if no other run uses them. */
int cgroup_destroy(struct cgroup_run *cg, struct lx_error *e);

#endif
