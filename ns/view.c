#include "ns/view.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "ns/mountfd.h"
#include "ns/path.h"

#define STAGING "/proc"
#define MAX_MADE 64

struct view {
	const struct profile *p;
	const struct view_context *c;
	int root; /* the new root's tree, attached at STAGING */
	/* the mounts launch made (tmpfs): the only places where it creates
	 * a missing mount point */
	unsigned long long made[MAX_MADE];
	size_t n_made;
};

static void remember_made(struct view *v, int mfd)
{
	unsigned long long id = mnt_id(mfd);
	if (id && v->n_made < MAX_MADE)
		v->made[v->n_made++] = id;
}

static bool on_made_mount(const struct view *v, int fd)
{
	unsigned long long id = mnt_id(fd);
	for (size_t i = 0; id && i < v->n_made; i++)
		if (v->made[i] == id)
			return true;
	return false;
}

/* The mount point target (absolute, inside the new root), created as a
 * directory or an empty file when it is missing and its parent is on a
 * mount launch made. */
static int open_target(struct view *v, const char *target, bool dir, struct lx_error *e)
{
	int fd = mnt_open_in_root(v->root, target);
	if (fd >= 0 || fd != -ENOENT) {
		if (fd < 0)
			lx_error_errno(e, -fd, "mount point %s", target);
		return fd;
	}
	char parent[PATH_MAX];
	snprintf(parent, sizeof(parent), "%s", target);
	char *slash = strrchr(parent, '/');
	const char *name = slash ? slash + 1 : parent;
	if (!slash || !name[0] || strcmp(name, "..") == 0 || strcmp(name, ".") == 0)
		return lx_error_errno(e, ENOENT, "mount point %s", target);
	*slash = '\0';
	_cleanup_close_ int pfd = open_target(v, parent[0] ? parent : "/", true, e);
	if (pfd < 0)
		return pfd;
	if (!on_made_mount(v, pfd))
		return lx_error_msg(e, ENOENT,
		                    "mount point %s does not exist in the sandbox (launch creates "
		                    "mount points only inside a tmpfs of its own, never on the "
		                    "host's files)",
		                    target);
	int r;
	if (dir) {
		r = mkdirat(pfd, name, 0755);
	} else {
		r = openat(pfd, name, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0644);
		if (r >= 0)
			close(r);
	}
	if (r < 0 && errno != EEXIST)
		return lx_error_errno(e, errno, "create mount point %s", target);
	fd = mnt_open_in_root(v->root, target);
	if (fd < 0)
		lx_error_errno(e, -fd, "mount point %s", target);
	return fd;
}

/* Attaches mfd at target; a tmpfs of launch's may hold new mount points. */
static int attach(struct view *v, int mfd, const char *target, bool dir, bool made,
                  const char *what, struct lx_error *e)
{
	_cleanup_close_ int tfd = open_target(v, target, dir, e);
	if (tfd < 0) {
		lx_error_prefix(e, "%s", what);
		return tfd;
	}
	/* the kernel's EINVAL would not say it: a directory goes on a
	 * directory, anything else on a file */
	struct stat st;
	if (fstat(tfd, &st) == 0 && S_ISDIR(st.st_mode) != dir)
		return lx_error_msg(e, dir ? ENOTDIR : EISDIR, "%s: %s", what,
		                    dir ? "a directory cannot go on a file"
		                        : "a file cannot go on a directory");
	int r = mnt_attach(mfd, tfd, what, e);
	if (r == 0 && made)
		remember_made(v, mfd);
	return r;
}

static int mount_new(struct view *v, const char *type, const char *options, unsigned attrs,
                     const char *target, struct lx_error *e)
{
	char what[PATH_MAX + 32];
	snprintf(what, sizeof(what), "%s on %s", type, target);
	_cleanup_close_ int mfd = mnt_new(type, options, attrs, what, e);
	if (mfd < 0)
		return mfd;
	return attach(v, mfd, target, true, strcmp(type, "tmpfs") == 0, what, e);
}

/* A copy of the host's source (recursive), read-only or not: a mount fd. */
static int bind_copy(const char *source, bool read_only, const char *what, struct lx_error *e)
{
	_cleanup_close_ int mfd = mnt_clone(AT_FDCWD, source, true, what, e);
	if (mfd < 0)
		return mfd;
	if (read_only && mnt_set(mfd, MOUNT_ATTR_RDONLY, true, what, e) < 0)
		return -e->code;
	return TAKE_FD(mfd);
}

/* A copy made by bind_copy at target: a directory or a file, as it is. */
static int attach_copy(struct view *v, int mfd, const char *target, const char *what,
                       struct lx_error *e)
{
	struct stat st;
	bool dir = fstat(mfd, &st) < 0 || S_ISDIR(st.st_mode);
	return attach(v, mfd, target, dir, false, what, e);
}

/* A copy of the host's source at target. Only for sources the staging
 * point does not cover (see plan_mounts). */
static int mount_bind(struct view *v, const char *source, const char *target, bool read_only,
                      struct lx_error *e)
{
	char what[2 * PATH_MAX + 16];
	snprintf(what, sizeof(what), "bind %s on %s", source, target);
	_cleanup_close_ int mfd = bind_copy(source, read_only, what, e);
	if (mfd < 0)
		return mfd;
	return attach_copy(v, mfd, target, what, e);
}

/* ---- /dev ---------------------------------------------------------------- */

static int populate_dev(struct view *v, struct lx_error *e)
{
	static const char *const nodes[] = { "null", "zero", "full", "random", "urandom", "tty" };
	for (size_t i = 0; i < ARRAY_SIZE(nodes); i++) {
		char host[32], target[32];
		snprintf(host, sizeof(host), "/dev/%s", nodes[i]);
		snprintf(target, sizeof(target), "/dev/%s", nodes[i]);
		_cleanup_close_ int mfd = mnt_clone(AT_FDCWD, host, false, target, e);
		if (mfd < 0)
			return mfd;
		int r = attach(v, mfd, target, false, false, host, e);
		if (r < 0)
			return r;
	}
	/* a devpts of the sandbox's own: its ptys are not the host's; gid 5
	 * (tty) only where the host's ids are the sandbox's */
	const char *pts_options = v->c->host_ids ? "newinstance,ptmxmode=0666,mode=0620,gid=5"
	                                         : "newinstance,ptmxmode=0666,mode=0620";
	if (mount_new(v, "devpts", pts_options, MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOEXEC, "/dev/pts",
	              e) < 0 ||
	    mount_new(v, "tmpfs", "mode=1777", MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV, "/dev/shm",
	              e) < 0)
		return -e->code;
	if ((v->p->namespaces & NS_IPC) &&
	    mount_new(v, "mqueue", NULL, MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC,
	              "/dev/mqueue", e) < 0)
		return -e->code;

	_cleanup_close_ int dev = mnt_open_in_root(v->root, "/dev");
	if (dev < 0)
		return lx_error_errno(e, -dev, "/dev");
	static const char *const links[][2] = {
		{ "ptmx", "pts/ptmx" },          { "fd", "/proc/self/fd" },
		{ "stdin", "/proc/self/fd/0" },  { "stdout", "/proc/self/fd/1" },
		{ "stderr", "/proc/self/fd/2" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(links); i++)
		if (symlinkat(links[i][1], dev, links[i][0]) < 0)
			return lx_error_errno(e, errno, "symlink /dev/%s", links[i][0]);
	return 0;
}

static int make_dev(struct view *v, struct lx_error *e)
{
	switch (v->p->dev) {
	case DEV_MINIMAL:
		if (mount_new(v, "tmpfs", "mode=0755,size=1m",
		              MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOEXEC, "/dev", e) < 0)
			return -e->code;
		return populate_dev(v, e);
	case DEV_NONE:
		return mount_new(v, "tmpfs", "mode=0755,size=4k",
		                 MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV |
		                         MOUNT_ATTR_NOEXEC,
		                 "/dev", e);
	default:
		return 0; /* the root's own /dev */
	}
}

/* ---- /proc and /sys ------------------------------------------------------ */

/* What container runtimes hide from a sandbox (runc's and podman's
 * defaults): kernel memory and debugging files behind an empty file, some
 * directories behind an empty tmpfs, knobs of the whole machine read-only.
 * A path this kernel lacks is skipped. */
static const char *const masked_files[] = {
	"/proc/kcore",      "/proc/keys",        "/proc/latency_stats",
	"/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug",
};
static const char *const masked_dirs[] = {
	"/proc/acpi",
	"/proc/asound",
	"/proc/scsi",
	"/sys/firmware",
	"/sys/devices/virtual/powercap",
};
static const char *const read_only_paths[] = {
	"/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger",
};

static bool exists(struct view *v, const char *path)
{
	int fd = mnt_open_in_root(v->root, path);
	if (fd < 0)
		return false;
	close(fd);
	return true;
}

static int mask(struct view *v, struct lx_error *e)
{
	for (size_t i = 0; i < ARRAY_SIZE(masked_files); i++)
		if (exists(v, masked_files[i]) &&
		    mount_bind(v, "/dev/null", masked_files[i], true, e) < 0)
			return -e->code;
	for (size_t i = 0; i < ARRAY_SIZE(masked_dirs); i++)
		if (exists(v, masked_dirs[i]) &&
		    mount_new(v, "tmpfs", "mode=0555,size=4k",
		              MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV |
		                      MOUNT_ATTR_NOEXEC,
		              masked_dirs[i], e) < 0)
			return -e->code;
	for (size_t i = 0; i < ARRAY_SIZE(read_only_paths); i++) {
		const char *path = read_only_paths[i];
		if (!exists(v, path))
			continue;
		char what[64];
		snprintf(what, sizeof(what), "read-only %s", path);
		_cleanup_close_ int mfd = mnt_clone(v->root, path + 1, true, what, e);
		if (mfd < 0 || mnt_set(mfd, MOUNT_ATTR_RDONLY, true, what, e) < 0)
			return -e->code;
		struct stat st;
		bool dir = fstat(mfd, &st) < 0 || S_ISDIR(st.st_mode);
		if (attach(v, mfd, path, dir, false, what, e) < 0)
			return -e->code;
	}
	return 0;
}

static int make_proc_sys(struct view *v, struct lx_error *e)
{
	const unsigned secure = MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC;
	if (mount_new(v, "proc", NULL, secure, "/proc", e) < 0)
		return -e->code;
	/* a sysfs shows the network devices of the namespace that mounts it:
	 * a fresh one in the sandbox's own, else a read-only copy of the
	 * host's */
	if (v->p->namespaces & NS_NET) {
		if (mount_new(v, "sysfs", NULL, secure | MOUNT_ATTR_RDONLY, "/sys", e) < 0)
			return -e->code;
	} else if (mount_bind(v, "/sys", "/sys", true, e) < 0) {
		return -e->code;
	}
	if (v->c->cgroup_ns &&
	    mount_new(v, "cgroup2", NULL, secure | MOUNT_ATTR_RDONLY, "/sys/fs/cgroup", e) < 0)
		return -e->code;
	return mask(v, e);
}

/* ---- the profile's mounts ------------------------------------------------ */

struct planned_mount {
	const struct profile_mount *m;
	char source[PATH_MAX];
	char target[PATH_MAX];
	size_t depth;
	size_t index;
	int copy; /* a bind's copy of its source; -1 for none */
};

struct mount_plan {
	struct planned_mount *m;
	size_t n;
};

static void mount_plan_free(struct mount_plan *plan)
{
	for (size_t i = 0; plan->m && i < plan->n; i++)
		if (plan->m[i].copy >= 0)
			close(plan->m[i].copy);
	free(plan->m);
}

static int by_depth(const void *a, const void *b)
{
	const struct planned_mount *x = a, *y = b;
	if (x->depth != y->depth)
		return x->depth < y->depth ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

static int expand(const char *key, const char *path, const char *pwd, char *out, struct lx_error *e)
{
	int r = path_expand(path, pwd, out, PATH_MAX);
	if (r == -ENOENT)
		return lx_error_msg(e, ENOENT,
		                    "%s %s: launch's working directory is gone (removed "
		                    "since), so ${PWD} has no meaning",
		                    key, path);
	if (r < 0)
		return lx_error_errno(e, -r, "%s %s", key, path);
	return 0;
}

/* The profile's mounts in the order they are made, parents first, with a
 * copy of each bind's source. The copies are made before the new root
 * covers the staging point: a source is the host's path even under /proc
 * (else /proc/sys/kernel would be the new root's /sys/kernel). */
static int plan_mounts(const struct profile *p, const char *pwd, struct mount_plan *plan,
                       struct lx_error *e)
{
	size_t n = p->n_mounts;
	if (n == 0)
		return 0;
	plan->m = calloc(n, sizeof(*plan->m));
	if (!plan->m)
		return lx_error_errno(e, ENOMEM, "filesystem.mounts");
	plan->n = n;
	for (size_t i = 0; i < n; i++)
		plan->m[i].copy = -1;
	for (size_t i = 0; i < n; i++) {
		const struct profile_mount *m = &p->mounts[i];
		struct planned_mount *pm = &plan->m[i];
		pm->m = m;
		pm->index = i;
		if (expand("mount", m->target, pwd, pm->target, e) < 0 ||
		    (m->source && expand("bind", m->source, pwd, pm->source, e) < 0))
			return -e->code;
		pm->depth = path_depth(pm->target);
	}
	/* parents first: a tmpfs on /tmp never hides a bind to /tmp/work */
	qsort(plan->m, n, sizeof(*plan->m), by_depth);
	for (size_t i = 0; i < n; i++) {
		struct planned_mount *pm = &plan->m[i];
		if (pm->m->type != MOUNT_BIND ||
		    (pm->m->optional && access(pm->source, F_OK) < 0 && errno == ENOENT))
			continue;
		char what[2 * PATH_MAX + 16];
		snprintf(what, sizeof(what), "bind %s on %s", pm->source, pm->target);
		pm->copy = bind_copy(pm->source, pm->m->read_only, what, e);
		if (pm->copy < 0)
			return pm->copy;
	}
	return 0;
}

static int make_mount(struct view *v, const struct planned_mount *pm, struct lx_error *e)
{
	const struct profile_mount *m = pm->m;
	unsigned ro = m->read_only ? MOUNT_ATTR_RDONLY : 0;
	char options[64];
	char what[2 * PATH_MAX + 16];
	switch (m->type) {
	case MOUNT_BIND:
		if (pm->copy < 0) /* optional, and its source is missing */
			return 0;
		snprintf(what, sizeof(what), "bind %s on %s", pm->source, pm->target);
		return attach_copy(v, pm->copy, pm->target, what, e);
	case MOUNT_TMPFS:
		if (m->has_size)
			snprintf(options, sizeof(options), "mode=1777,size=%llu",
			         (unsigned long long)m->size);
		else
			snprintf(options, sizeof(options), "mode=1777");
		return mount_new(v, "tmpfs", options, ro | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV,
		                 pm->target, e);
	default:
		return mount_new(v, "proc", NULL,
		                 ro | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC,
		                 pm->target, e);
	}
}

static int make_mounts(struct view *v, const struct mount_plan *plan, struct lx_error *e)
{
	for (size_t i = 0; i < plan->n; i++) {
		int r = make_mount(v, &plan->m[i], e);
		if (r == -ENOENT && plan->m[i].m->optional) {
			lx_error_clear(e);
			continue;
		}
		if (r < 0)
			return r;
	}
	return 0;
}

/* ---- the whole view ------------------------------------------------------ */

/* pivot_root(".", "."): the new root goes under the old one, which is then
 * detached (pivot_root(2)); no directory is needed to park the old root. */
static int enter(struct view *v, struct lx_error *e)
{
	if (fchdir(v->root) < 0)
		return lx_error_errno(e, errno, "enter the new root");
	if (syscall(SYS_pivot_root, ".", ".") < 0)
		return lx_error_errno(e, errno, "pivot_root into the new root");
	if (umount2(".", MNT_DETACH) < 0)
		return lx_error_errno(e, errno, "detach the old root");
	if (chdir("/") < 0)
		return lx_error_errno(e, errno, "chdir /");
	return 0;
}

int view_build(const struct profile *p, const struct view_context *c, struct lx_error *e)
{
	struct view v = { .p = p, .c = c, .root = -1 };
	char root[PATH_MAX];
	if (expand("filesystem.root", p->root ? p->root : "/", c->pwd, root, e) < 0)
		return -e->code;
	char what[PATH_MAX + 16];
	snprintf(what, sizeof(what), "filesystem.root %s", root);
	_cleanup_close_ int tree = mnt_clone(AT_FDCWD, root, true, what, e);
	if (tree < 0)
		return tree;
	struct stat st;
	if (fstat(tree, &st) == 0 && !S_ISDIR(st.st_mode))
		return lx_error_errno(e, ENOTDIR, "%s", what);
	if (p->read_only && mnt_set(tree, MOUNT_ATTR_RDONLY, true, what, e) < 0)
		return -e->code;
	_cleanup_(mount_plan_free) struct mount_plan plan = { 0 };
	if (plan_mounts(p, c->pwd, &plan, e) < 0)
		return -e->code;
	_cleanup_close_ int staging = open(STAGING, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (staging < 0)
		return lx_error_errno(e, errno, "open " STAGING " to build the sandbox's root");
	if (mnt_attach(tree, staging, what, e) < 0)
		return -e->code;
	v.root = tree;

	if (make_dev(&v, e) < 0 || make_proc_sys(&v, e) < 0 || make_mounts(&v, &plan, e) < 0 ||
	    enter(&v, e) < 0)
		return -e->code;
	return 0;
}
