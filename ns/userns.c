#include "ns/userns.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/fd.h"

int idmap_plan(bool privileged, uid_t uid, gid_t gid, const struct profile *p, struct idmap *out,
               struct lx_error *e)
{
	memset(out, 0, sizeof(*out));
	uid_t outside_uid = uid;
	gid_t outside_gid = gid;
	if (privileged) {
		out->uid = p->uid != PROFILE_NO_ID ? p->uid : 0;
		out->gid = p->gid != PROFILE_NO_ID ? p->gid : 0;
		outside_uid = p->uid != PROFILE_NO_ID ? p->uid : IDMAP_NOBODY;
		outside_gid = p->gid != PROFILE_NO_ID ? p->gid : IDMAP_NOBODY;
	} else {
		if (p->groups)
			return lx_error_msg(
			        e, EPERM,
			        "user.groups: without root, supplementary groups "
			        "cannot be set (the kernel denies setgroups in the user "
			        "namespace); set \"groups\": null");
		out->uid = p->uid != PROFILE_NO_ID ? p->uid : uid;
		out->gid = p->gid != PROFILE_NO_ID ? p->gid : gid;
		out->deny_setgroups = true;
	}
	snprintf(out->uid_map, sizeof(out->uid_map), "%u %u 1\n", out->uid, outside_uid);
	snprintf(out->gid_map, sizeof(out->gid_map), "%u %u 1\n", out->gid, outside_gid);
	return 0;
}

static int write_file(pid_t pid, const char *name, const char *text, struct lx_error *e)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, name);
	_cleanup_close_ int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return lx_error_errno(e, errno, "user namespace: open %s", path);
	ssize_t n = fd_write_all(fd, text, strlen(text));
	if (n < 0)
		return lx_error_errno(e, (int)-n, "user namespace: write %s %.*s", name,
		                      (int)strcspn(text, "\n"), text);
	return 0;
}

int idmap_write(pid_t pid, const struct idmap *m, struct lx_error *e)
{
	int r = m->deny_setgroups ? write_file(pid, "setgroups", "deny\n", e) : 0;
	if (r == 0)
		r = write_file(pid, "uid_map", m->uid_map, e);
	if (r == 0)
		r = write_file(pid, "gid_map", m->gid_map, e);
	return r;
}
