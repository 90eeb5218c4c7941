/* Starting one sandbox: init cloned into new namespaces (and, where the
 * kernel can, straight into the run's cgroup), then placed in every cgroup
 * hierarchy and given its user namespace's maps before it goes on. */
#ifndef LAUNCH_LAUNCHER_SPAWN_H
#define LAUNCH_LAUNCHER_SPAWN_H

#include <stdbool.h>
#include <sys/types.h>

#include "base/error.h"
#include "cgroup/cgroup.h"
#include "launcher/sandbox.h"
#include "ns/userns.h"

struct spawn_request {
	struct cgroup_run *cg;
	const struct idmap *userns; /* NULL: no user namespace */
	unsigned namespaces;        /* enum profile_ns bits */
	int go_sock;                /* the monitor's end of the channel */
};

/* Clones init (args->wait_for_go is set here); returns its pid with
 * *pidfd, or -errno with e filled. When this returns a pid, init is
 * running free: in every cgroup, with its maps. On a failure after the
 * clone, init is killed and reaped before this returns. */
pid_t spawn_sandbox(const struct spawn_request *req, struct sandbox_args *args, int *pidfd,
                    struct lx_error *e);

#endif
