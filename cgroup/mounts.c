#include "cgroup/mounts.h"

#include <errno.h>
#include <linux/magic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/vfs.h>

#include "base/cleanup.h"

static const struct {
	const char *name;
	enum cg_controller bit;
} v1_controllers[] = {
	{ "memory", CG_MEMORY },   { "pids", CG_PIDS },     { "cpu", CG_CPU },
	{ "cpuacct", CG_CPUACCT }, { "cpuset", CG_CPUSET }, { "blkio", CG_BLKIO },
};

/* mountinfo escapes blanks and backslashes in paths as \ooo (octal) */
static void unescape(char *dst, size_t size, const char *src, size_t len)
{
	size_t o = 0;
	for (size_t i = 0; i < len && o + 1 < size; i++) {
		if (src[i] == '\\' && i + 3 < len && src[i + 1] >= '0' && src[i + 1] <= '3') {
			dst[o++] = (char)(((src[i + 1] - '0') << 6) | ((src[i + 2] - '0') << 3) |
			                  (src[i + 3] - '0'));
			i += 3;
		} else {
			dst[o++] = src[i];
		}
	}
	dst[o] = '\0';
}

/* The n-th blank-separated field of a line (0-based): start and length. */
static bool field(const char *line, size_t n, const char **start, size_t *len)
{
	const char *p = line;
	for (size_t i = 0;; i++) {
		while (*p == ' ')
			p++;
		if (!*p || *p == '\n')
			return false;
		const char *end = p;
		while (*end && *end != ' ' && *end != '\n')
			end++;
		if (i == n) {
			*start = p;
			*len = (size_t)(end - p);
			return true;
		}
		p = end;
	}
}

static unsigned controllers_of(const char *opts, size_t len)
{
	unsigned bits = 0;
	const char *p = opts, *end = opts + len;
	while (p < end) {
		const char *comma = memchr(p, ',', (size_t)(end - p));
		size_t n = comma ? (size_t)(comma - p) : (size_t)(end - p);
		for (size_t i = 0; i < ARRAY_SIZE(v1_controllers); i++)
			if (strlen(v1_controllers[i].name) == n &&
			    memcmp(p, v1_controllers[i].name, n) == 0)
				bits |= v1_controllers[i].bit;
		p += n + 1;
	}
	return bits;
}

/* ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE
 * SUPEROPTIONS */
static void parse_line(const char *line, struct cg_mounts *m)
{
	const char *root, *dir, *fstype, *super, *f;
	size_t root_len, dir_len, fstype_len, super_len, len;
	if (!field(line, 3, &root, &root_len) || !field(line, 4, &dir, &dir_len))
		return;
	size_t sep = 6;
	while (field(line, sep, &f, &len) && !(len == 1 && f[0] == '-'))
		sep++;
	if (!field(line, sep + 1, &fstype, &fstype_len) ||
	    !field(line, sep + 3, &super, &super_len))
		return;

	struct cg_mount *mount = NULL;
	if (fstype_len == 7 && memcmp(fstype, "cgroup2", 7) == 0) {
		if (m->has_unified)
			return; /* the first one counts */
		m->has_unified = true;
		mount = &m->unified;
	} else if (fstype_len == 6 && memcmp(fstype, "cgroup", 6) == 0) {
		unsigned bits = controllers_of(super, super_len);
		if (!bits || m->n_v1 >= CG_MAX_V1)
			return; /* named hierarchies (name=systemd) hold no controller */
		mount = &m->v1[m->n_v1++];
		mount->controllers = bits;
	} else {
		return;
	}
	unescape(mount->dir, sizeof(mount->dir), dir, dir_len);
	unescape(mount->root, sizeof(mount->root), root, root_len);
}

void cg_parse_mountinfo(const char *text, struct cg_mounts *m)
{
	memset(m, 0, sizeof(*m));
	for (const char *line = text; line && *line;) {
		parse_line(line, m);
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	if (m->n_v1 > 0)
		m->version = m->has_unified ? CG_HYBRID : CG_V1;
	else
		m->version = m->has_unified ? CG_V2 : CG_NONE;
}

int cg_read_mounts(struct cg_mounts *m, struct lx_error *e)
{
	/* Pure v2, most hosts: statfs proves it in one call, where the
	 * kernel takes 0.15 ms to write mountinfo out (make bench). Its root
	 * is taken as "/": a cgroup namespace shows it so; only a bind mount
	 * of a subtree would differ, and that changes no more than the path
	 * in the report. */
	struct statfs sfs;
	if (statfs(CG_DEFAULT_ROOT, &sfs) == 0 && sfs.f_type == CGROUP2_SUPER_MAGIC) {
		memset(m, 0, sizeof(*m));
		m->version = CG_V2;
		m->has_unified = true;
		snprintf(m->unified.dir, sizeof(m->unified.dir), "%s", CG_DEFAULT_ROOT);
		snprintf(m->unified.root, sizeof(m->unified.root), "/");
		return 0;
	}

	_cleanup_free_ char *text = NULL;
	size_t size = 0;
	FILE *f = fopen("/proc/self/mountinfo", "re");
	if (!f)
		return lx_error_errno(e, errno, "read /proc/self/mountinfo");
	/* getdelim with '\0' reads the whole file: it holds no NUL */
	ssize_t n = getdelim(&text, &size, '\0', f);
	int err = n < 0 && ferror(f) ? errno : 0;
	fclose(f);
	if (err)
		return lx_error_errno(e, err, "read /proc/self/mountinfo");
	cg_parse_mountinfo(text ? text : "", m);
	return 0;
}

const struct cg_mount *cg_v1_mount(const struct cg_mounts *m, enum cg_controller c)
{
	for (size_t i = 0; i < m->n_v1; i++)
		if (m->v1[i].controllers & c)
			return &m->v1[i];
	return NULL;
}

const char *cg_version_name(enum cg_version v)
{
	switch (v) {
	case CG_V2:
		return "v2";
	case CG_HYBRID:
		return "hybrid";
	case CG_V1:
		return "v1";
	default:
		return "none";
	}
}
