#include "security/privileges.h"

#include <errno.h>
#include <grp.h>
#include <unistd.h>

/* Supplementary groups: the profile's list; none when the uid changes and
 * the profile gives no list (the caller's, root's above all, would go with
 * the new user); else the caller's. In a user namespace without root the
 * kernel denies setgroups: the caller's stay (ns/userns.h). */
static int set_groups(const struct profile *p, bool uid_changes, const struct idmap *userns,
                      struct lx_error *e)
{
	if (userns && userns->deny_setgroups)
		return 0;
	if (p->groups) {
		if (setgroups(p->n_groups, (const gid_t *)p->groups) < 0)
			return lx_error_errno(e, errno, "user.groups: setgroups");
	} else if (uid_changes && setgroups(0, NULL) < 0) {
		return lx_error_errno(e, errno, "clear the supplementary groups");
	}
	return 0;
}

int privileges_drop(const struct profile *p, const struct idmap *userns, struct lx_error *e)
{
	bool set_uid = userns || p->uid != PROFILE_NO_ID;
	bool set_gid = userns || p->gid != PROFILE_NO_ID;
	uid_t uid = userns ? userns->uid : p->uid;
	gid_t gid = userns ? userns->gid : p->gid;
	int r = set_groups(p, set_uid, userns, e);
	if (r < 0)
		return r;
	if (set_gid && setresgid(gid, gid, gid) < 0)
		return lx_error_errno(e, errno, "user.gid %u: setresgid", gid);
	if (set_uid && setresuid(uid, uid, uid) < 0)
		return lx_error_errno(e, errno, "user.uid %u: setresuid", uid);
	return 0;
}
