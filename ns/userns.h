/* The sandbox's user namespace: who the command is inside, and which host
 * ids that is. launch makes one when the profile lists "user", and always
 * when it does not run as root (rootless: the namespace is what lets it
 * make the others). One uid and one gid are mapped:
 *
 * - without root, the kernel allows nothing else: the caller's own ids, seen
 *   inside as user.uid and user.gid (else as themselves); setgroups is
 *   denied, as the kernel requires before an unprivileged gid_map, so the
 *   caller's supplementary groups stay (and the profile may not set any);
 * - as root, user.uid and user.gid as themselves, else root inside and
 *   nobody (65534) outside: the sandbox's root has its capabilities only
 *   over what the namespace owns, and to the host's files it is nobody
 *   (an identity map would leave it root to every file root owns). */
#ifndef LAUNCH_NS_USERNS_H
#define LAUNCH_NS_USERNS_H

#include <stdbool.h>
#include <sys/types.h>

#include "base/error.h"
#include "profiles/profile.h"

struct idmap {
	char uid_map[64];
	char gid_map[64];
	bool deny_setgroups;
	uid_t uid; /* the ids the command takes inside */
	gid_t gid;
};

#define IDMAP_NOBODY 65534

/* The maps for a caller with these ids; privileged: launch runs as root.
 * -EPERM with e for what a rootless namespace cannot do (supplementary
 * groups). Pure. */
int idmap_plan(bool privileged, uid_t uid, gid_t gid, const struct profile *p, struct idmap *out,
               struct lx_error *e);

/* Writes the maps of process pid's user namespace (from its parent's). */
int idmap_write(pid_t pid, const struct idmap *m, struct lx_error *e);

#endif
