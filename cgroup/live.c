#include "cgroup/live.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cgroup/fs.h"

/* The cgroup's directory in one hierarchy: the mount point, then the path
 * below the cgroup the mount shows (its root, "/" unless mounted from
 * inside a cgroup namespace). */
static int open_in(const struct cg_mount *mount, const char *path)
{
	const char *rest = path;
	size_t root_len = strlen(mount->root);
	if (strcmp(mount->root, "/") != 0 && strncmp(path, mount->root, root_len) == 0)
		rest = path + root_len;
	char dir[2 * CG_PATH_MAX + 2];
	snprintf(dir, sizeof(dir), "%s/%s", mount->dir, rest[0] == '/' ? rest + 1 : rest);
	return open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
}

static int open_v1(const struct cg_mounts *m, enum cg_controller c, const char *path)
{
	const struct cg_mount *mount = cg_v1_mount(m, c);
	return mount ? open_in(mount, path) : -1;
}

int cg_live_open(const char *path, struct cg_live_dirs *d, struct lx_error *e)
{
	*d = (struct cg_live_dirs){
		.unified = -1, .memory = -1, .pids = -1, .cpuacct = -1, .blkio = -1
	};
	struct cg_mounts m;
	int r = cg_read_mounts(&m, e);
	if (r < 0)
		return r;
	d->version = m.version;
	if (m.has_unified)
		d->unified = open_in(&m.unified, path);
	if (m.version != CG_V2) {
		d->memory = open_v1(&m, CG_MEMORY, path);
		d->pids = open_v1(&m, CG_PIDS, path);
		d->cpuacct = open_v1(&m, CG_CPUACCT, path);
		d->blkio = open_v1(&m, CG_BLKIO, path);
	}
	if (d->unified < 0 && d->memory < 0 && d->pids < 0)
		return lx_error_errno(e, ENOENT, "cgroup %s", path);
	return 0;
}

static void number(int dirfd, const char *file, struct cg_value *out)
{
	char buf[64];
	if (dirfd >= 0 && cg_read(dirfd, file, buf, sizeof(buf)) > 0 && cg_number(buf, &out->v))
		out->known = true;
}

void cg_live_read(const struct cg_live_dirs *d, struct cg_live *l)
{
	char buf[4096];
	memset(l, 0, sizeof(*l));
	if (d->unified >= 0 && cg_read(d->unified, "cpu.stat", buf, sizeof(buf)) > 0 &&
	    cg_keyed(buf, "usage_usec", &l->cpu_usage_us.v))
		l->cpu_usage_us.known = true;
	if (d->version == CG_V2) {
		number(d->unified, "memory.current", &l->memory_bytes);
		number(d->unified, "pids.current", &l->pids);
		if (cg_read(d->unified, "io.stat", buf, sizeof(buf)) >= 0 &&
		    cg_io_stat(buf, &l->io_read_bytes.v, &l->io_write_bytes.v))
			l->io_read_bytes.known = l->io_write_bytes.known = true;
		return;
	}
	number(d->memory, "memory.usage_in_bytes", &l->memory_bytes);
	number(d->pids, "pids.current", &l->pids);
	if (!l->cpu_usage_us.known) {
		number(d->cpuacct, "cpuacct.usage", &l->cpu_usage_us);
		l->cpu_usage_us.v /= 1000; /* nanoseconds */
	}
	if (d->blkio >= 0 &&
	    cg_read(d->blkio, "blkio.throttle.io_service_bytes", buf, sizeof(buf)) >= 0 &&
	    cg_blkio_bytes(buf, &l->io_read_bytes.v, &l->io_write_bytes.v))
		l->io_read_bytes.known = l->io_write_bytes.known = true;
}

void cg_live_close(struct cg_live_dirs *d)
{
	int *fds[] = { &d->unified, &d->memory, &d->pids, &d->cpuacct, &d->blkio };
	for (size_t i = 0; i < sizeof(fds) / sizeof(fds[0]); i++) {
		if (*fds[i] >= 0)
			close(*fds[i]);
		*fds[i] = -1;
	}
}
