#include "ns/mount.h"

#include <errno.h>
#include <stddef.h>
#include <sys/mount.h>

static void hint_for(struct lx_error *e, int err)
{
	if (err == EPERM || err == EACCES)
		lx_error_hint(e, "mounting needs root (CAP_SYS_ADMIN) in the sandbox's namespaces");
}

int ns_mount_make_private(struct lx_error *e)
{
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0) {
		int err = errno;
		lx_error_errno(e, err, "make mounts private");
		hint_for(e, err);
		return -err;
	}
	return 0;
}

int ns_mount_proc(const char *target, struct lx_error *e)
{
	if (mount("proc", target, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0) {
		int err = errno;
		lx_error_errno(e, err, "mount proc on %s", target);
		hint_for(e, err);
		return -err;
	}
	return 0;
}
