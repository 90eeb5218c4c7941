#include "launcher/state.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libfyaml.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/fd.h"
#include "base/json.h"
#include "base/strbuf.h"
#include "base/units.h"

#define SUFFIX ".json"

bool state_name_valid(const char *name)
{
	size_t len = strlen(name);
	if (len == 0 || len > STATE_NAME_MAX || name[0] == '.' || name[0] == '-')
		return false;
	for (size_t i = 0; i < len; i++)
		if (!isalnum((unsigned char)name[i]) && !strchr("._-", name[i]))
			return false;
	return true;
}

int state_dir(char *buf, size_t size, bool create, struct lx_error *e)
{
	const char *env = getenv("LAUNCH_STATE_DIR");
	const char *runtime = getenv("XDG_RUNTIME_DIR");
	int n;
	if (env && env[0])
		n = snprintf(buf, size, "%s", env);
	else if (geteuid() == 0)
		n = snprintf(buf, size, "/run/launch");
	else if (runtime && runtime[0] == '/')
		n = snprintf(buf, size, "%s/launch", runtime);
	else
		return lx_error_msg(e, ENOENT,
		                    "no state directory for names: XDG_RUNTIME_DIR is not set (or "
		                    "set LAUNCH_STATE_DIR)");
	if (n < 0 || (size_t)n >= size)
		return lx_error_errno(e, ENAMETOOLONG, "state directory");
	if (create && mkdir(buf, 0700) < 0 && errno != EEXIST)
		return lx_error_errno(e, errno, "create the state directory %s", buf);
	return 0;
}

static int entry_path(const char *name, char *buf, size_t size, bool create, struct lx_error *e)
{
	char dir[512];
	int r = state_dir(dir, sizeof(dir), create, e);
	if (r < 0)
		return r;
	if (snprintf(buf, size, "%s/%s" SUFFIX, dir, name) >= (int)size)
		return lx_error_errno(e, ENAMETOOLONG, "state of %s", name);
	return 0;
}

static void render(const struct state_entry *entry, char *const *command, struct strbuf *out)
{
	struct json_writer w;
	char started[40];
	format_utc_time(&entry->started_at, started, sizeof(started));
	json_init(&w, out, true);
	json_begin_object(&w);
	json_key(&w, "name");
	json_string(&w, entry->name);
	json_key(&w, "pid");
	json_int(&w, entry->pid);
	json_key(&w, "profile");
	json_string(&w, entry->profile);
	json_key(&w, "started_at");
	json_string(&w, started);
	json_key(&w, "started_at_s");
	json_uint(&w, (uint64_t)entry->started_at.tv_sec);
	json_key(&w, "cgroup");
	if (entry->cgroup[0])
		json_string(&w, entry->cgroup);
	else
		json_null(&w);
	json_key(&w, "stop_s");
	json_uint(&w, entry->stop_ns / 1000000000ULL);
	json_key(&w, "command");
	json_begin_array(&w);
	for (size_t i = 0; command && command[i]; i++)
		json_string(&w, command[i]);
	json_end_array(&w);
	json_end_object(&w);
	json_finish(&w);
}

int state_register(const struct state_entry *entry, char *const *command, struct lx_error *e)
{
	char path[600];
	int r = entry_path(entry->name, path, sizeof(path), true, e);
	if (r < 0)
		return r;
	for (int attempt = 0; attempt < 8; attempt++) {
		int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
		if (fd < 0)
			return lx_error_errno(e, errno, "register %s: %s", entry->name, path);
		int err = -fd_lock(fd);
		if (err) {
			close(fd);
			if (err == EAGAIN) {
				struct state_entry other;
				if (state_find(entry->name, &other, NULL) == 1)
					return lx_error_msg(e, EEXIST,
					                    "--name %s: a sandbox of that name is "
					                    "running (launch pid %d)",
					                    entry->name, (int)other.pid);
				continue; /* it ended meanwhile */
			}
			return lx_error_errno(e, err, "register %s: lock %s", entry->name, path);
		}
		if (!fd_is_at(fd, path)) {
			close(fd); /* removed as stale meanwhile: again */
			continue;
		}
		struct strbuf text = STRBUF_INIT;
		render(entry, command, &text);
		if (strbuf_failed(&text) || ftruncate(fd, 0) < 0 ||
		    fd_write_all(fd, text.data, text.len) < 0) {
			strbuf_free(&text);
			unlink(path);
			close(fd);
			return lx_error_errno(e, errno ? errno : ENOMEM, "register %s: write %s",
			                      entry->name, path);
		}
		strbuf_free(&text);
		return fd;
	}
	return lx_error_msg(e, EAGAIN, "register %s: %s keeps changing", entry->name, path);
}

void state_unregister(const char *name, int fd)
{
	char path[600];
	if (fd < 0)
		return;
	if (entry_path(name, path, sizeof(path), false, NULL) == 0 && fd_is_at(fd, path))
		unlink(path);
	close(fd);
}

static const char *scalar(struct fy_document *doc, const char *path)
{
	struct fy_node *n = fy_node_by_path(fy_document_root(doc), path, FY_NT, FYNWF_DONT_FOLLOW);
	return n && fy_node_is_scalar(n) ? fy_node_get_scalar0(n) : NULL;
}

static bool parse_entry(const char *text, size_t len, struct state_entry *out)
{
	static const struct fy_parse_cfg cfg = { .flags = FYPCF_JSON_FORCE | FYPCF_QUIET };
	struct fy_document *doc = fy_document_build_from_string(&cfg, text, len);
	if (!doc)
		return false;
	const char *name = scalar(doc, "/name"), *pid = scalar(doc, "/pid"),
	           *profile = scalar(doc, "/profile"), *started = scalar(doc, "/started_at_s"),
	           *cgroup = scalar(doc, "/cgroup"), *stop = scalar(doc, "/stop_s");
	bool ok = name && pid && profile && started;
	if (ok) {
		memset(out, 0, sizeof(*out));
		snprintf(out->name, sizeof(out->name), "%s", name);
		out->pid = (pid_t)atoi(pid);
		snprintf(out->profile, sizeof(out->profile), "%s", profile);
		out->started_at.tv_sec = (time_t)strtoll(started, NULL, 10);
		out->stop_ns = stop ? strtoull(stop, NULL, 10) * 1000000000ULL : 0;
		/* null comes back as the scalar "null": no cgroup path is that */
		if (cgroup && cgroup[0] == '/')
			snprintf(out->cgroup, sizeof(out->cgroup), "%s", cgroup);
	}
	fy_document_destroy(doc);
	return ok;
}

/* The entry in file path: 1 if its sandbox runs (its lock is held), 0 if
 * not (the file is removed, as stale), -errno. */
static int read_entry(const char *path, struct state_entry *out)
{
	_cleanup_close_ int fd = open(path, O_RDWR | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return errno == ENOENT ? 0 : -errno;
	int r = fd_lock(fd);
	if (r == 0) {
		/* nobody holds it: its launch is gone */
		if (fd_is_at(fd, path))
			unlink(path);
		return 0;
	}
	if (r != -EAGAIN)
		return r;
	char text[8192];
	ssize_t n = pread(fd, text, sizeof(text) - 1, 0);
	if (n <= 0 || !parse_entry(text, (size_t)n, out))
		return -EBADMSG;
	return 1;
}

int state_find(const char *name, struct state_entry *out, struct lx_error *e)
{
	char path[600];
	int r = entry_path(name, path, sizeof(path), false, e);
	if (r < 0)
		return r;
	r = read_entry(path, out);
	if (r < 0)
		lx_error_errno(e, -r, "state of %s: %s", name, path);
	return r;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct state_entry *)a)->name, ((const struct state_entry *)b)->name);
}

int state_list(struct state_entry *out, size_t max, struct lx_error *e)
{
	char dir[512];
	int r = state_dir(dir, sizeof(dir), false, e);
	if (r < 0)
		return r;
	DIR *d = opendir(dir);
	if (!d)
		return errno == ENOENT ? 0 : lx_error_errno(e, errno, "open %s", dir);
	size_t n = 0;
	struct dirent *de;
	while ((de = readdir(d)) && n < max) {
		size_t len = strlen(de->d_name);
		if (len <= strlen(SUFFIX) || strcmp(de->d_name + len - strlen(SUFFIX), SUFFIX) != 0)
			continue;
		char path[sizeof(dir) + 1 + sizeof(de->d_name)];
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (read_entry(path, &out[n]) == 1)
			n++;
	}
	closedir(d);
	qsort(out, n, sizeof(*out), by_name);
	return (int)n;
}
