#include "security/privileges.h"

#include <errno.h>
#include <grp.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "profiles/names.h"
#include "security/seccomp.h"
#include "security/tty_guard.h"

/* Supplementary groups: the profile's list; none when the uid changes and
 * the profile gives no list (the caller's, root's above all, would go with
 * the new user); else the caller's. In a user namespace without root the
 * kernel denies setgroups: the caller's stay (ns/userns.h). */
static void plan_identity(const struct profile *p, const struct idmap *userns,
                          struct privileges *out)
{
	out->set_uid = userns || p->uid != PROFILE_NO_ID;
	out->set_gid = userns || p->gid != PROFILE_NO_ID;
	out->uid = userns ? userns->uid : p->uid;
	out->gid = userns ? userns->gid : p->gid;
	if (userns && userns->deny_setgroups)
		return;
	if (p->groups) {
		out->set_groups = true;
		out->groups = (const gid_t *)p->groups;
		out->n_groups = p->n_groups;
	} else if (out->set_uid) {
		out->set_groups = true;
	}
}

int privileges_plan(const struct profile *p, const struct idmap *userns, struct privileges *out,
                    struct lx_error *e)
{
	*out = (struct privileges){ 0 };
	for (size_t i = 0; i < p->n_rlimits && i < PRIVILEGES_MAX_RLIMITS; i++) {
		const struct profile_rlimit *r = &p->rlimits[i];
		out->rlimits[i].resource = r->resource;
		out->rlimits[i].value.rlim_cur =
		        r->soft == RLIMIT_UNLIMITED ? RLIM_INFINITY : r->soft;
		out->rlimits[i].value.rlim_max =
		        r->hard == RLIMIT_UNLIMITED ? RLIM_INFINITY : r->hard;
		out->n_rlimits++;
	}
	plan_identity(p, userns, out);
	int r = caps_plan(p->caps_keep, p->n_caps_keep, &out->caps, e);
	if (r < 0)
		return r;
	out->no_new_privs = p->no_new_privs;
	return seccomp_build(p, &out->seccomp, e);
}

void privileges_free(struct privileges *pv)
{
	seccomp_program_free(&pv->seccomp);
}

static int load_filter(const struct sock_fprog *prog)
{
	return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, prog);
}

static int set_identity(const struct privileges *pv, struct lx_error *e)
{
	if (pv->set_groups && setgroups(pv->n_groups, pv->groups) < 0)
		return lx_error_errno(e, errno, "user.groups: setgroups");
	if (pv->set_gid && setresgid(pv->gid, pv->gid, pv->gid) < 0)
		return lx_error_errno(e, errno, "user.gid %u: setresgid", pv->gid);
	if (pv->set_uid && setresuid(pv->uid, pv->uid, pv->uid) < 0)
		return lx_error_errno(e, errno, "user.uid %u: setresuid", pv->uid);
	return 0;
}

static int seccomp_last(const struct privileges *pv, struct lx_error *e)
{
	if (pv->no_new_privs && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return lx_error_errno(e, errno, "no_new_privs");
	if (pv->seccomp.len == 0)
		return 0;
	if (load_filter(&pv->seccomp) < 0) {
		/* without CAP_SYS_ADMIN the kernel wants no_new_privs first */
		if (errno != EACCES || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
		    load_filter(&pv->seccomp) < 0)
			return lx_error_errno(e, errno, "seccomp: load the filter");
	}
	return 0;
}

int privileges_apply(const struct privileges *pv, const struct workdir *wd, struct lx_error *e)
{
	for (size_t i = 0; i < pv->n_rlimits; i++)
		if (setrlimit(pv->rlimits[i].resource, &pv->rlimits[i].value) < 0)
			return lx_error_errno(e, errno, "rlimits.%s",
			                      rlimit_name(pv->rlimits[i].resource));
	if (load_filter(tty_guard_filter()) < 0)
		return lx_error_errno(e, errno, "seccomp: load the terminal guard");
	int r = caps_drop_bounding(&pv->caps, e);
	if (r == 0)
		r = caps_keep_across_setuid(&pv->caps, e);
	if (r == 0)
		r = set_identity(pv, e);
	if (r < 0)
		return r;
	if (wd->path ? chdir(wd->path) < 0 : fchdir(wd->fd) < 0) {
		int err = errno;
		const char *shown = wd->path ? wd->path : wd->shown;
		lx_error_errno(e, err, "working directory%s%s", shown ? " " : "",
		               shown ? shown : "");
		if (err == EACCES && (pv->set_uid || pv->set_gid))
			lx_error_hint(e, "the command's user may not enter it: set cwd (or --cwd)");
		else if (err == ENOENT && wd->inherited)
			lx_error_hint(e, "the sandbox's view does not have the directory launch "
			                 "runs in: set cwd (or --cwd), or bind it");
		return -err;
	}
	r = caps_set(&pv->caps, e);
	if (r == 0)
		r = seccomp_last(pv, e);
	return r;
}
