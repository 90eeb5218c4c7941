#include "ns/mountfd.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "base/cleanup.h"

static void hint_for(struct lx_error *e, int err)
{
	if (err == ENOSYS)
		lx_error_hint(e, "a filesystem view needs Linux 5.12 or newer");
	else if (err == EPERM)
		lx_error_hint(e, "mounting needs root (CAP_SYS_ADMIN) in the sandbox's namespaces");
}

static int fail(struct lx_error *e, int err, const char *what)
{
	lx_error_errno(e, err, "%s", what);
	hint_for(e, err);
	return -err;
}

/* The kernel explains a rejected option in the context's log ("e tmpfs:
 * Bad value for 'size'"); its words are clearer than EINVAL's. */
static int fail_context(int fsfd, struct lx_error *e, int err, const char *what)
{
	char log[256];
	ssize_t n = read(fsfd, log, sizeof(log) - 1);
	if (n > 2 && (log[0] == 'e' || log[0] == 'w') && log[1] == ' ') {
		log[n] = '\0';
		log[strcspn(log, "\n")] = '\0';
		return lx_error_msg(e, err, "%s: %s", what, log + 2);
	}
	return fail(e, err, what);
}

static int configure(int fsfd, const char *options, const char *what, struct lx_error *e)
{
	char buf[256];
	if (!options)
		return 0;
	if (snprintf(buf, sizeof(buf), "%s", options) >= (int)sizeof(buf))
		return lx_error_msg(e, E2BIG, "%s: options too long", what);
	char *save = NULL;
	for (char *opt = strtok_r(buf, ",", &save); opt; opt = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(opt, '=');
		int r;
		if (eq) {
			*eq = '\0';
			r = fsconfig(fsfd, FSCONFIG_SET_STRING, opt, eq + 1, 0);
		} else {
			r = fsconfig(fsfd, FSCONFIG_SET_FLAG, opt, NULL, 0);
		}
		if (r < 0)
			return fail_context(fsfd, e, errno, what);
	}
	return 0;
}

int mnt_new(const char *type, const char *options, unsigned attrs, const char *what,
            struct lx_error *e)
{
	_cleanup_close_ int fsfd = fsopen(type, FSOPEN_CLOEXEC);
	if (fsfd < 0)
		return fail(e, errno, what);
	int r = configure(fsfd, options, what, e);
	if (r < 0)
		return r;
	if (fsconfig(fsfd, FSCONFIG_CMD_CREATE, NULL, NULL, 0) < 0)
		return fail_context(fsfd, e, errno, what);
	int mfd = fsmount(fsfd, FSMOUNT_CLOEXEC, attrs);
	if (mfd < 0)
		return fail_context(fsfd, e, errno, what);
	return mfd;
}

int mnt_clone(int dirfd, const char *path, bool recursive, const char *what, struct lx_error *e)
{
	int fd = open_tree(dirfd, path,
	                   OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | (recursive ? AT_RECURSIVE : 0));
	if (fd < 0)
		return fail(e, errno, what);
	return fd;
}

int mnt_set(int fd, unsigned attrs, bool recursive, const char *what, struct lx_error *e)
{
	struct mount_attr attr = { .attr_set = attrs };
	if (mount_setattr(fd, "", AT_EMPTY_PATH | (recursive ? AT_RECURSIVE : 0), &attr,
	                  sizeof(attr)) < 0) {
		lx_error_errno(e, errno, "%s: %s", what,
		               attrs == MOUNT_ATTR_RDONLY ? "make read-only" : "set attributes");
		hint_for(e, errno);
		return -e->code;
	}
	return 0;
}

int mnt_attach(int mfd, int target_fd, const char *what, struct lx_error *e)
{
	if (move_mount(mfd, "", target_fd, "", MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH) <
	    0)
		return fail(e, errno, what);
	return 0;
}

int mnt_open_in_root(int rootfd, const char *path)
{
	struct open_how how = {
		.flags = O_PATH | O_CLOEXEC,
		.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
	};
	while (path[0] == '/')
		path++;
	int fd = (int)syscall(SYS_openat2, rootfd, path[0] ? path : ".", &how, sizeof(how));
	return fd < 0 ? -errno : fd;
}

unsigned long long mnt_id(int fd)
{
	struct statx st;
	if (statx(fd, "", AT_EMPTY_PATH, STATX_MNT_ID, &st) < 0 || !(st.stx_mask & STATX_MNT_ID))
		return 0;
	return st.stx_mnt_id;
}
