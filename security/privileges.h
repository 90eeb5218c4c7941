/* What the command may do, taken away in one place and one written-down
 * order (STYLE.md item 8). The plan is made before the sandbox starts (by
 * the monitor: every mistake is an error before anything runs); the
 * command's process applies it just before exec with system calls only
 * (it runs as a vfork child of init: no library that allocates).
 *
 * The order, and why:
 *  1. rlimits, while raising a hard limit is still allowed;
 *  2. the terminal guard (security/tty_guard.h), while the process may
 *     still load a filter without no_new_privs: every command gets it,
 *     and it must not force no_new_privs on a profile that allows setuid
 *     programs;
 *  3. the bounding set: what is not kept can never come back;
 *  4. keep the permitted set across the identity change (if any is kept);
 *  5. supplementary groups, gid, uid (groups and gid first: after the uid
 *     changes, the right to change them is gone);
 *  6. the working directory, with the new identity's rights;
 *  7. permitted, effective, inheritable and ambient capabilities: exactly
 *     the kept ones;
 *  8. no_new_privs;
 *  9. the profile's seccomp filter, last: nothing above needs a call it
 *     may refuse. Loading it without CAP_SYS_ADMIN needs no_new_privs,
 *     which it then implies, as systemd's SystemCallFilter= does. */
#ifndef LAUNCH_SECURITY_PRIVILEGES_H
#define LAUNCH_SECURITY_PRIVILEGES_H

#include <linux/filter.h>
#include <stdbool.h>
#include <sys/resource.h>
#include <sys/types.h>

#include "base/error.h"
#include "ns/userns.h"
#include "profiles/profile.h"
#include "security/caps.h"

#define PRIVILEGES_MAX_RLIMITS 16

struct privileges {
	struct {
		int resource;
		struct rlimit value;
	} rlimits[PRIVILEGES_MAX_RLIMITS];
	size_t n_rlimits;
	bool set_groups; /* to groups (none if n_groups is 0) */
	const gid_t *groups;
	size_t n_groups;
	bool set_gid, set_uid;
	gid_t gid;
	uid_t uid;
	struct caps_plan caps;
	bool no_new_privs;
	struct sock_fprog seccomp; /* len 0: none */
};

/* userns: the sandbox's user namespace, NULL without one: the command then
 * takes the ids it maps (ns/userns.h). */
int privileges_plan(const struct profile *p, const struct idmap *userns, struct privileges *out,
                    struct lx_error *e);
void privileges_free(struct privileges *pv);

/* The command's working directory: path, or fd when path is NULL (shown
 * names it in messages); inherited when it is the directory launch runs
 * in, not one the profile or --cwd chose. */
struct workdir {
	const char *path;
	int fd;
	const char *shown;
	bool inherited;
};

/* In the command's process: steps 1-9 above. */
int privileges_apply(const struct privileges *pv, const struct workdir *wd, struct lx_error *e);

#endif
