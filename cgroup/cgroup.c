#include "cgroup/cgroup.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "cgroup/fs.h"

/* How long destroy waits for "populated 0", and how often rmdir is retried
 * on EBUSY (with a doubling pause from 1 ms, about a second in all). */
#define EMPTY_WAIT_MS 5000
#define RMDIR_TRIES 10

/* Controllers joined for accounting alone, by kind of host. */
#define ACCOUNTING_V2 (CG_MEMORY | CG_PIDS | CG_BLKIO)
#define ACCOUNTING_HYBRID (CG_MEMORY | CG_PIDS | CG_BLKIO)
#define ACCOUNTING_V1 (CG_MEMORY | CG_PIDS | CG_BLKIO | CG_CPUACCT)

static const char *controller_name(enum cg_controller c, bool v2)
{
	switch (c) {
	case CG_MEMORY:
		return "memory";
	case CG_PIDS:
		return "pids";
	case CG_CPU:
		return "cpu";
	case CG_CPUACCT:
		return "cpuacct";
	case CG_CPUSET:
		return "cpuset";
	case CG_BLKIO:
		return v2 ? "io" : "blkio";
	}
	return "?";
}

static void join_path(char *buf, size_t size, const char *a, const char *b)
{
	int n = snprintf(buf, size, "%s/%s", a, b);
	if (n < 0 || (size_t)n >= size)
		buf[0] = '\0'; /* callers check: an empty path fails to open */
}

/* ---- choosing the hierarchies ---------------------------------------- */

static struct cg_dir *add_dir(struct cgroup_run *cg, const struct cg_mount *m, bool unified)
{
	for (size_t i = 0; i < cg->n_dirs; i++)
		if (strcmp(cg->dirs[i].mount.dir, m->dir) == 0)
			return &cg->dirs[i]; /* co-mounted controllers: one hierarchy */
	struct cg_dir *d = &cg->dirs[cg->n_dirs++];
	memset(d, 0, sizeof(*d));
	d->mount = *m;
	d->unified = unified;
	d->fd = -1;
	if (unified)
		cg->unified = (int)(d - cg->dirs);
	return d;
}

/* The limits' controllers must be there; accounting ones are joined when
 * they are. */
static int choose_dirs(struct cgroup_run *cg, const struct cg_mounts *m, struct lx_error *e)
{
	if (m->has_unified)
		add_dir(cg, &m->unified, true);
	if (cg->version == CG_V2)
		return 0;
	unsigned accounting = cg->version == CG_HYBRID ? ACCOUNTING_HYBRID : ACCOUNTING_V1;
	for (unsigned bit = 1; bit <= CG_BLKIO; bit <<= 1) {
		if (!((cg->plan.controllers | accounting) & bit))
			continue;
		const struct cg_mount *mount = cg_v1_mount(m, bit);
		if (mount) {
			add_dir(cg, mount, false);
		} else if (cg->plan.controllers & bit) {
			for (size_t i = 0; i < cg->plan.n; i++)
				if (cg->plan.w[i].controller == bit) {
					lx_error_msg(
					        e, ENOTSUP,
					        "limits.%s: the cgroup v1 %s controller is not "
					        "mounted",
					        cg->plan.w[i].limit, controller_name(bit, false));
					break;
				}
			return -ENOTSUP;
		}
	}
	return 0;
}

/* ---- parents ---------------------------------------------------------- */

/* A new v1 cpuset has no CPUs and no memory nodes: it takes its parent's. */
static int inherit_cpuset(const char *dir, const char *parent, struct lx_error *e)
{
	static const char *const files[] = { "cpuset.cpus", "cpuset.mems" };
	char value[256];
	_cleanup_close_ int pfd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	_cleanup_close_ int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (pfd < 0 || dfd < 0)
		return lx_error_errno(e, errno, "open %s", dir);
	for (size_t i = 0; i < ARRAY_SIZE(files); i++) {
		ssize_t n = cg_read(pfd, files[i], value, sizeof(value));
		if (n < 0)
			return lx_error_errno(e, (int)-n, "read %s/%s", parent, files[i]);
		int r = cg_write(dfd, files[i], value);
		if (r < 0)
			return lx_error_errno(e, -r, "write %s/%s", dir, files[i]);
	}
	return 0;
}

/* The usual reason why a cgroup may not be changed. */
static void permission_hint(struct lx_error *e)
{
	lx_error_hint(e, "cgroups need root, or a delegated parent given with --cgroup-parent");
}

/* A cgroup directory that could not be made, and the usual reason why. */
static int mkdir_error(struct lx_error *e, int err, const char *path)
{
	lx_error_errno(e, err, "create cgroup %s", path);
	if (err == EACCES || err == EPERM || err == EROFS)
		permission_hint(e);
	return -err;
}

/* mkdir -p of the parent below the mount point, counting what it made; a
 * new v1 cpuset directory gets its parent's CPUs and memory nodes. */
static int make_parent(struct cg_dir *d, const char *parent, struct lx_error *e)
{
	char rel[CG_PATH_MAX];
	char *abs = d->parent;
	size_t size = sizeof(d->parent);
	snprintf(rel, sizeof(rel), "%s", parent);
	snprintf(abs, size, "%s", d->mount.dir);
	d->created_parents = 0;
	for (char *part = strtok(rel, "/"); part; part = strtok(NULL, "/")) {
		char up[CG_PATH_MAX];
		snprintf(up, sizeof(up), "%s", abs);
		join_path(abs, size, up, part);
		if (mkdir(abs, 0755) == 0) {
			d->created_parents++;
			if ((d->mount.controllers & CG_CPUSET) && inherit_cpuset(abs, up, e) < 0)
				return -EIO;
		} else if (errno != EEXIST) {
			return mkdir_error(e, errno, abs);
		}
	}
	return 0;
}

/* Whether the blank-separated list holds the word. */
static bool has_word(const char *list, const char *word)
{
	size_t len = strlen(word);
	for (const char *p = strstr(list, word); p; p = strstr(p + 1, word))
		if ((p == list || p[-1] == ' ') && (p[len] == ' ' || p[len] == '\n' || !p[len]))
			return true;
	return false;
}

/* v2: every controller the run needs enabled from the parent down (the
 * root's own subtree_control is the host's to set, never launch's). */
static int enable_controllers(struct cgroup_run *cg, const char *parent_abs, unsigned wanted,
                              struct lx_error *e)
{
	_cleanup_close_ int fd = open(parent_abs, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return lx_error_errno(e, errno, "open cgroup %s", parent_abs);
	char enabled[256] = "";
	cg_read(fd, "cgroup.subtree_control", enabled, sizeof(enabled));
	for (unsigned bit = 1; bit <= CG_BLKIO; bit <<= 1) {
		if (!(wanted & bit) || has_word(enabled, controller_name(bit, true)))
			continue;
		char add[32];
		snprintf(add, sizeof(add), "+%s", controller_name(bit, true));
		int r = cg_write(fd, "cgroup.subtree_control", add);
		if (r == 0 || !(cg->plan.controllers & bit))
			continue; /* accounting only: without it, its figures are null */
		const char *limit = "?";
		for (size_t i = 0; i < cg->plan.n; i++)
			if (cg->plan.w[i].controller == bit)
				limit = cg->plan.w[i].limit;
		lx_error_errno(e, -r,
		               "limits.%s: enable the %s controller in %s/cgroup.subtree_control",
		               limit, controller_name(bit, true), parent_abs);
		if (r == -EACCES || r == -EPERM)
			permission_hint(e);
		else if (r == -ENOENT)
			lx_error_hint(e, "the parent does not have it: it must be enabled in the "
			                 "cgroup.subtree_control of every cgroup above it");
		else if (r == -EBUSY)
			lx_error_hint(
			        e, "the parent has processes of its own (cgroup v2's no "
			           "internal processes rule): give another with --cgroup-parent");
		return r;
	}
	return 0;
}

/* v2: the controllers of every created level must be enabled top-down; the
 * level above the first one launch created must have them already. */
static int enable_down(struct cgroup_run *cg, struct cg_dir *d, const char *parent_abs,
                       struct lx_error *e)
{
	unsigned wanted = cg->plan.controllers | ACCOUNTING_V2;
	char path[CG_PATH_MAX];
	snprintf(path, sizeof(path), "%s", parent_abs);
	/* the levels to enable: the parent and the created ones above it */
	char *levels[8];
	size_t n = 0;
	levels[n++] = strdup(path);
	for (size_t i = 0; i < d->created_parents && n < ARRAY_SIZE(levels); i++) {
		char *slash = strrchr(path, '/');
		if (!slash)
			break;
		*slash = '\0';
		levels[n++] = strdup(path);
	}
	int r = 0;
	/* top-down: a level can pass on only what its own parent gave it */
	for (size_t i = n; i-- > 0;) {
		if (r == 0 && levels[i])
			r = enable_controllers(cg, levels[i], wanted, e);
		free(levels[i]);
	}
	return r;
}

/* ---- stale runs -------------------------------------------------------- */

/* "run-PID-XXXXXXXX": the pid of the monitor that made it, or 0. */
static pid_t owner_of(const char *name)
{
	unsigned long pid;
	unsigned long tag;
	char end;
	if (sscanf(name, "run-%lu-%lx%c", &pid, &tag, &end) != 2 || pid == 0 || pid > 4194304)
		return 0;
	return (pid_t)pid;
}

/* A run's cgroup is empty only between its mkdir and the clone into it
 * (microseconds) and while it is removed: an empty one this old is stale. */
#define STALE_AGE_S 10

/* A run whose monitor died (SIGKILL) left its empty cgroup behind: remove
 * it from every hierarchy. The owner's pid is as its monitor saw it: a
 * launch in another PID namespace (nested) has pids that mean nothing
 * here, hence the age too; rmdir never removes a cgroup with processes. A
 * pid that was reused keeps a stale one until that process ends, which is
 * harmless. */
static void remove_stale(struct cgroup_run *cg, const char *parent)
{
	char dir[CG_PATH_MAX];
	join_path(dir, sizeof(dir), cg->dirs[0].mount.dir, parent);
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *de;
	while ((de = readdir(d))) {
		pid_t pid = owner_of(de->d_name);
		struct stat st;
		if (pid == 0 || pid == getpid() || kill(pid, 0) == 0 || errno != ESRCH ||
		    fstatat(dirfd(d), de->d_name, &st, 0) < 0 ||
		    time(NULL) - st.st_mtime < STALE_AGE_S)
			continue;
		for (size_t i = 0; i < cg->n_dirs; i++) {
			char stale[CG_PATH_MAX], base[CG_PATH_MAX];
			join_path(base, sizeof(base), cg->dirs[i].mount.dir, parent);
			join_path(stale, sizeof(stale), base, de->d_name);
			rmdir(stale); /* EBUSY: not empty after all; left alone */
		}
	}
	closedir(d);
}

/* ---- creating ---------------------------------------------------------- */

static int apply_write(struct cgroup_run *cg, const struct cg_write *w, struct lx_error *e)
{
	struct cg_dir *d = NULL;
	for (size_t i = 0; i < cg->n_dirs && !d; i++)
		if (cg->version == CG_V2 ? cg->dirs[i].unified
		                         : (cg->dirs[i].mount.controllers & w->controller))
			d = &cg->dirs[i];
	if (!d)
		return lx_error_msg(e, ENOTSUP, "limits.%s: no hierarchy holds %s", w->limit,
		                    w->file);

	char value[CG_VALUE_MAX];
	snprintf(value, sizeof(value), "%s", w->value);
	if (w->copy_from_parent) {
		char parent[CG_PATH_MAX];
		snprintf(parent, sizeof(parent), "%s", d->run);
		*strrchr(parent, '/') = '\0';
		_cleanup_close_ int pfd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (pfd < 0 || cg_read(pfd, w->file, value, sizeof(value)) < 0)
			return lx_error_errno(e, errno, "limits.%s: read %s/%s", w->limit, parent,
			                      w->file);
	}
	const char *file = w->file;
	int r = cg_write(d->fd, file, value);
	/* v1 I/O weight: CFQ had blkio.weight; with BFQ it is blkio.bfq.weight */
	if (r == -ENOENT && strcmp(file, "blkio.weight") == 0) {
		file = "blkio.bfq.weight";
		r = cg_write(d->fd, file, value);
	}
	if (r < 0) {
		lx_error_errno(e, -r, "limits.%s: write %s to %s/%s", w->limit, value, d->run,
		               file);
		if (r == -ENOENT)
			lx_error_hint(e, "this kernel or I/O scheduler does not offer it");
		return r;
	}
	return 0;
}

/* How often the parent is made again when the last run of another launch
 * removed it between its mkdir and ours. */
#define PARENT_TRIES 5

static int make_run_dir(struct cgroup_run *cg, struct cg_dir *d, const char *parent,
                        const char *name, struct lx_error *e)
{
	int r;
	for (int tries = 1;; tries++) {
		r = make_parent(d, parent, e);
		if (r < 0)
			return r;
		if (d->unified && cg->version == CG_V2 &&
		    (r = enable_down(cg, d, d->parent, e)) < 0)
			return r;
		join_path(d->run, sizeof(d->run), d->parent, name);
		if (mkdir(d->run, 0755) == 0)
			break;
		int err = errno;
		if (err != ENOENT || tries == PARENT_TRIES) {
			mkdir_error(e, err, d->run);
			d->run[0] = '\0'; /* not ours to remove */
			return -err;
		}
		d->run[0] = '\0';
	}
	if ((d->mount.controllers & CG_CPUSET) && !cg->limits->cpuset &&
	    inherit_cpuset(d->run, d->parent, e) < 0)
		return -EIO;
	d->fd = open(d->run, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (d->fd < 0)
		return lx_error_errno(e, errno, "open cgroup %s", d->run);
	return 0;
}

/* A name no other run has: the monitor's pid (for stale runs) and bytes the
 * kernel gave this process at exec (AT_RANDOM), no system call needed. */
static void run_name(char *buf, size_t size)
{
	uint32_t tag = 0;
	const unsigned char *random = (const unsigned char *)getauxval(AT_RANDOM);
	if (random)
		memcpy(&tag, random, sizeof(tag));
	snprintf(buf, size, "run-%d-%08" PRIx32, getpid(), tag);
}

int cgroup_create(struct cgroup_run *cg, const struct cgroup_request *req, struct lx_error *e)
{
	struct cg_mounts m;
	char name[64];
	memset(cg, 0, sizeof(*cg));
	cg->unified = -1;
	cg->limits = req->limits;
	cg->own_parent = !req->parent;
	const char *parent = req->parent ? req->parent : CG_DEFAULT_PARENT;
	while (*parent == '/')
		parent++;

	int r = cg_read_mounts(&m, e);
	if (r < 0)
		return r;
	cg->version = m.version;
	if (m.version == CG_NONE)
		return lx_error_msg(e, ENOENT, "cgroups: no cgroup filesystem is mounted");
	r = m.version == CG_V2 ? cg_plan_v2(req->limits, &cg->plan, e)
	                       : cg_plan_v1(req->limits, &cg->plan, e);
	if (r < 0)
		return r;
	r = choose_dirs(cg, &m, e);
	if (r < 0)
		return r;

	run_name(name, sizeof(name));
	const char *root = cg->dirs[0].mount.root;
	int len = snprintf(cg->path, sizeof(cg->path), "%s/%s/%s", strcmp(root, "/") ? root : "",
	                   parent, name);
	if (len < 0 || (size_t)len >= sizeof(cg->path) - 64)
		return lx_error_msg(e, ENAMETOOLONG, "cgroup parent %s: path too long", parent);
	cg->active = true;
	remove_stale(cg, parent);
	for (size_t i = 0; i < cg->n_dirs; i++)
		if ((r = make_run_dir(cg, &cg->dirs[i], parent, name, e)) < 0)
			goto fail;
	for (size_t i = 0; i < cg->plan.n; i++)
		if ((r = apply_write(cg, &cg->plan.w[i], e)) < 0)
			goto fail;
	return 0;
fail:
	cgroup_destroy(cg, NULL);
	return r;
}

/* ---- placing ------------------------------------------------------------ */

int cgroup_clone_fd(const struct cgroup_run *cg)
{
	return cg->active && cg->unified >= 0 ? cg->dirs[cg->unified].fd : -1;
}

bool cgroup_needs_attach(const struct cgroup_run *cg, bool cloned_into)
{
	if (!cg->active)
		return false;
	for (size_t i = 0; i < cg->n_dirs; i++)
		if (!cg->dirs[i].unified || !cloned_into)
			return true;
	return false;
}

int cgroup_attach(struct cgroup_run *cg, pid_t pid, bool cloned_into, struct lx_error *e)
{
	if (!cg->active)
		return 0; /* a run without a cgroup */
	char value[32];
	snprintf(value, sizeof(value), "%d", pid);
	for (size_t i = 0; i < cg->n_dirs; i++) {
		struct cg_dir *d = &cg->dirs[i];
		if (d->unified && cloned_into)
			continue;
		int r = cg_write(d->fd, "cgroup.procs", value);
		if (r < 0) {
			lx_error_errno(e, -r, "place the sandbox in cgroup %s", d->run);
			if (r == -ENOSPC)
				lx_error_hint(e, "a v1 cpuset without CPUs or memory nodes");
			return r;
		}
	}
	return 0;
}

int cgroup_kill(struct cgroup_run *cg)
{
	if (!cg->active || cg->unified < 0)
		return -ENOTSUP;
	return cg_write(cg->dirs[cg->unified].fd, "cgroup.kill", "1");
}

/* ---- statistics --------------------------------------------------------- */

static struct cg_dir *dir_with(struct cgroup_run *cg, enum cg_controller c)
{
	for (size_t i = 0; i < cg->n_dirs; i++)
		if (cg->dirs[i].mount.controllers & c)
			return &cg->dirs[i];
	return NULL;
}

static void read_number(struct cg_dir *d, const char *file, struct cg_value *out)
{
	char buf[64];
	if (d && cg_read(d->fd, file, buf, sizeof(buf)) > 0 && cg_number(buf, &out->v))
		out->known = true;
}

/* One read of a "KEY VALUE" file for up to four keys (NULL ends them). */
static void read_keyed(struct cg_dir *d, const char *file, uint64_t scale_down,
                       const char *const keys[4], struct cg_value *const outs[4])
{
	char buf[1024];
	if (!d || cg_read(d->fd, file, buf, sizeof(buf)) <= 0)
		return;
	for (size_t i = 0; i < 4 && keys[i]; i++) {
		uint64_t v;
		if (cg_keyed(buf, keys[i], &v)) {
			outs[i]->v = v / scale_down;
			outs[i]->known = true;
		}
	}
}

static void read_one_key(struct cg_dir *d, const char *file, const char *key, uint64_t scale_down,
                         struct cg_value *out)
{
	read_keyed(d, file, scale_down, (const char *const[4]){ key },
	           (struct cg_value *const[4]){ out });
}

static void read_v2(struct cgroup_run *cg, struct cgroup_stats *st)
{
	struct cg_dir *d = &cg->dirs[cg->unified];
	char buf[4096];
	read_number(d, "memory.peak", &st->memory_peak_bytes);
	read_one_key(d, "memory.events", "oom_kill", 1, &st->oom_kills);
	read_number(d, "pids.peak", &st->pids_peak);
	if (cg_read(d->fd, "io.stat", buf, sizeof(buf)) >= 0 &&
	    cg_io_stat(buf, &st->io_read_bytes.v, &st->io_write_bytes.v))
		st->io_read_bytes.known = st->io_write_bytes.known = true;
}

static void read_v1(struct cgroup_run *cg, struct cgroup_stats *st)
{
	char buf[4096];
	struct cg_dir *memory = dir_with(cg, CG_MEMORY), *blkio = dir_with(cg, CG_BLKIO);
	read_number(memory, "memory.max_usage_in_bytes", &st->memory_peak_bytes);
	read_one_key(memory, "memory.oom_control", "oom_kill", 1, &st->oom_kills);
	read_one_key(dir_with(cg, CG_CPU), "cpu.stat", "throttled_time", 1000,
	             &st->cpu_throttled_us);
	read_number(dir_with(cg, CG_PIDS), "pids.peak", &st->pids_peak);
	if (blkio && cg_read(blkio->fd, "blkio.throttle.io_service_bytes", buf, sizeof(buf)) >= 0 &&
	    cg_blkio_bytes(buf, &st->io_read_bytes.v, &st->io_write_bytes.v))
		st->io_read_bytes.known = st->io_write_bytes.known = true;
	if (cg->unified < 0) {
		/* v1 only: CPU time from cpuacct, in nanoseconds */
		struct cg_dir *acct = dir_with(cg, CG_CPUACCT);
		read_number(acct, "cpuacct.usage", &st->cpu_usage_us);
		read_number(acct, "cpuacct.usage_user", &st->cpu_user_us);
		read_number(acct, "cpuacct.usage_sys", &st->cpu_system_us);
		st->cpu_usage_us.v /= 1000;
		st->cpu_user_us.v /= 1000;
		st->cpu_system_us.v /= 1000;
	}
}

void cgroup_read_stats(struct cgroup_run *cg, struct cgroup_stats *st)
{
	memset(st, 0, sizeof(*st));
	if (!cg->active)
		return;
	if (cg->unified >= 0) {
		/* the unified tree has cpu.stat's times with or without the
		 * cpu controller; throttling only with it (v2 with a quota) */
		read_keyed(&cg->dirs[cg->unified], "cpu.stat", 1,
		           (const char *const[4]){ "usage_usec", "user_usec", "system_usec",
		                                   cg->version == CG_V2 ? "throttled_usec" : NULL },
		           (struct cg_value *const[4]){ &st->cpu_usage_us, &st->cpu_user_us,
		                                        &st->cpu_system_us,
		                                        &st->cpu_throttled_us });
	}
	if (cg->version == CG_V2)
		read_v2(cg, st);
	else
		read_v1(cg, st);
	const struct profile_limits *l = cg->limits;
	st->memory_limit_bytes = (struct cg_value){ l->has_memory, l->memory };
	st->pids_limit = (struct cg_value){ l->has_pids, l->pids };
}

/* ---- removing ----------------------------------------------------------- */

static bool populated(struct cg_dir *u)
{
	char buf[256];
	uint64_t v;
	return cg_read(u->fd, "cgroup.events", buf, sizeof(buf)) > 0 &&
	       cg_keyed(buf, "populated", &v) && v != 0;
}

/* Waits on cgroup.events (the kernel signals a change of "populated" as a
 * modification of the file) until the cgroup is empty or the time is up. */
static void wait_empty(struct cg_dir *u)
{
	_cleanup_close_ int in = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
	char events[CG_PATH_MAX + 16];
	join_path(events, sizeof(events), u->run, "cgroup.events");
	if (in < 0 || inotify_add_watch(in, events, IN_MODIFY) < 0)
		return;
	struct timespec start, now;
	clock_gettime(CLOCK_MONOTONIC, &start);
	while (populated(u)) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		long left = EMPTY_WAIT_MS - ((now.tv_sec - start.tv_sec) * 1000 +
		                             (now.tv_nsec - start.tv_nsec) / 1000000);
		struct pollfd p = { .fd = in, .events = POLLIN };
		if (left <= 0 || poll(&p, 1, (int)left) <= 0)
			return;
		char buf[4096];
		while (read(in, buf, sizeof(buf)) > 0)
			;
	}
}

/* rmdir, retried while the kernel still holds the cgroup busy (v1 has no
 * event for that), with a doubling pause, about a second in all. */
static int remove_dir(const char *path)
{
	struct timespec pause = { 0, 1000000 };
	for (int i = 0;; i++) {
		if (rmdir(path) == 0 || errno == ENOENT)
			return 0;
		if (errno != EBUSY || i + 1 >= RMDIR_TRIES)
			return -errno;
		nanosleep(&pause, NULL);
		pause.tv_nsec *= 2;
	}
}

int cgroup_destroy(struct cgroup_run *cg, struct lx_error *e)
{
	int first = 0;
	if (!cg->active)
		return 0;
	if (cg->unified >= 0 && cg->dirs[cg->unified].fd >= 0) {
		/* whatever is still in it belongs to the run */
		if (populated(&cg->dirs[cg->unified])) {
			cgroup_kill(cg);
			wait_empty(&cg->dirs[cg->unified]);
		}
	}
	for (size_t i = 0; i < cg->n_dirs; i++) {
		struct cg_dir *d = &cg->dirs[i];
		if (d->fd >= 0)
			close(d->fd);
		d->fd = -1;
		int r = d->run[0] ? remove_dir(d->run) : 0;
		if (r < 0 && first == 0) {
			first = r;
			lx_error_errno(e, -r, "remove cgroup %s", d->run);
		}
		/* the last run out removes launch's own parent (EBUSY while
		 * another run is in it; that one will) */
		if (cg->own_parent && d->parent[0])
			rmdir(d->parent);
	}
	cg->active = false;
	return first;
}
