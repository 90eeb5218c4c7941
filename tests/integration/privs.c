#include "privs.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *escape_bin(void)
{
	static char path[PATH_MAX];
	const char *p = getenv("LAUNCH_ESCAPE");
	if (!path[0] && !realpath(p ? p : "build/tests/escape", path))
		cr_assert_fail("%s: %s", p ? p : "build/tests/escape", strerror(errno));
	return path;
}

static void copy_file(const char *from, const char *to, mode_t mode)
{
	int in = open(from, O_RDONLY | O_CLOEXEC);
	int out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	cr_assert(in >= 0 && out >= 0, "copy %s to %s: %s", from, to, strerror(errno));
	char buf[65536];
	ssize_t n;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		cr_assert(write(out, buf, (size_t)n) == n, "write %s: %s", to, strerror(errno));
	cr_assert(n == 0, "read %s: %s", from, strerror(errno));
	close(in);
	close(out);
	cr_assert(chmod(to, mode) == 0, "chmod %s: %s", to, strerror(errno));
}

const char *pv_dir(void)
{
	const char *dir = h_tmpdir();
	cr_assert(chmod(dir, 0755) == 0, "chmod %s: %s", dir, strerror(errno));
	return dir;
}

const char *pv_path(const char *name)
{
	static char bufs[8][PATH_MAX];
	static unsigned next;
	char *b = bufs[next++ % 8];
	snprintf(b, PATH_MAX, "%s/%s", pv_dir(), name);
	return b;
}

const char *pv_escape(void)
{
	static char path[PATH_MAX];
	if (!path[0] || access(path, X_OK) != 0) {
		snprintf(path, sizeof(path), "%s", pv_path("escape"));
		copy_file(escape_bin(), path, 0755);
	}
	return path;
}

const char *pv_copy(const char *name, mode_t mode)
{
	const char *path = pv_path(name);
	copy_file(escape_bin(), path, 0700);
	cr_assert(chown(path, 0, 0) == 0, "chown %s: %s", path, strerror(errno));
	cr_assert(chmod(path, mode) == 0, "chmod %s: %s", path, strerror(errno));
	return path;
}

const char *pv_profile(const char *json)
{
	static unsigned n;
	static char path[8][PATH_MAX];
	char name[32];
	snprintf(name, sizeof(name), "profile%u.json", n);
	char *p = path[n++ % 8];
	snprintf(p, PATH_MAX, "%s", pv_path(name));
	int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	cr_assert(fd >= 0, "%s: %s", p, strerror(errno));
	size_t len = strlen(json);
	cr_assert(write(fd, json, len) == (ssize_t)len);
	close(fd);
	return p;
}

const char *pv_report(void)
{
	static char path[PATH_MAX];
	if (!path[0])
		snprintf(path, sizeof(path), "%s", pv_path("report.json"));
	return path;
}

char *pv_report_get(const char *path)
{
	return h_json_get(pv_report(), path);
}

double pv_report_number(const char *path)
{
	char *v = pv_report_get(path);
	cr_assert(v && strcmp(v, "null") != 0, "report %s is %s", path, v ? v : "missing");
	double d = strtod(v, NULL);
	free(v);
	return d;
}

static void build_argv(const char *argv[], size_t max, const struct pv_run *how, bool hold,
                       const char *const args[])
{
	size_t n = 0;
#define ADD(s)                                                  \
	do {                                                    \
		cr_assert_lt(n, max - 1, "too many arguments"); \
		argv[n++] = (s);                                \
	} while (0)
	ADD(launch_bin());
	ADD("--report");
	ADD(pv_report());
	if (how && how->profile) {
		ADD("--profile");
		ADD(how->profile);
	}
	ADD("--ro-bind");
	ADD(pv_dir());
	for (size_t i = 0; how && how->opts && how->opts[i]; i++)
		ADD(how->opts[i]);
	ADD("--");
	ADD(how && how->program ? how->program : pv_escape());
	if (hold)
		ADD("--hold");
	for (size_t i = 0; args && args[i]; i++)
		ADD(args[i]);
	argv[n] = NULL;
#undef ADD
}

static void spawn(struct child *c, const struct pv_run *how, bool hold, const char *const args[])
{
	const char *argv[96];
	build_argv(argv, 96, how, hold, args);
	/* the copy first: it also makes the directory 0755 */
	(void)pv_escape();
	struct spawn_opts o = {
		.tty_fd = -1,
		.stdin_pipe = hold,
		.stdin_path = how ? how->stdin_path : NULL,
		.keep_fds = how ? how->keep_fds : NULL,
		.n_keep_fds = how ? how->n_keep_fds : 0,
		.cwd = pv_dir(),
		.env = how ? how->env : NULL,
	};
	h_spawn(c, &o, argv);
}

void pv_run(struct result *r, const struct pv_run *how, const char *const args[])
{
	struct child c;
	spawn(&c, how, false, args);
	h_wait(&c, 60, r);
}

void pv_hold(struct pv_held *h, const struct pv_run *how, const char *const args[])
{
	memset(h, 0, sizeof(*h));
	spawn(&h->launch, how, true, args);
	size_t len = 0;
	h->out = calloc(1, 1);
	for (;;) {
		char *line = h_readline(&h->launch, 20);
		if (!line) {
			struct result r;
			h_wait(&h->launch, 5, &r);
			cr_assert_fail("escape did not get to hold (exit %d); output:\n%s%s\n"
			               "stderr:\n%s",
			               r.code, h->out, r.out, r.err);
		}
		size_t add = strlen(line);
		h->out = realloc(h->out, len + add + 2);
		cr_assert(h->out);
		memcpy(h->out + len, line, add);
		len += add;
		h->out[len++] = '\n';
		h->out[len] = '\0';
		bool held = strncmp(line, "held=", 5) == 0;
		free(line);
		if (held)
			break;
	}
	pid_t init = h_init_pid(h->launch.pid, 5);
	cr_assert(init > 0, "launch has no init");
	h->pid = h_child_of(init);
	cr_assert(h->pid > 0, "init has no child");
}

void pv_release(struct pv_held *h, struct result *r)
{
	h_wait(&h->launch, 20, r);
	free(h->out);
	h->out = NULL;
}

char *pv_value(const char *out, const char *key)
{
	size_t len = strlen(key);
	for (const char *line = out; line && *line;) {
		const char *end = strchr(line, '\n');
		size_t n = end ? (size_t)(end - line) : strlen(line);
		if (n > len && strncmp(line, key, len) == 0 && line[len] == '=')
			return strndup(line + len + 1, n - len - 1);
		line = end ? end + 1 : NULL;
	}
	return NULL;
}

bool pv_is(const char *got, const char *want)
{
	return got && strcmp(got, want) == 0;
}

bool pv_refused(const char *got)
{
	return got && strcmp(got, "ok") != 0;
}

char *pv_proc_file(pid_t pid, const char *file)
{
	char path[128];
	snprintf(path, sizeof(path), "/proc/%d/%s", pid, file);
	FILE *f = fopen(path, "r");
	char *text = calloc(1, 1);
	size_t len = 0;
	cr_assert(text);
	if (!f)
		return text;
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		text = realloc(text, len + n + 1);
		cr_assert(text);
		memcpy(text + len, buf, n);
		len += n;
		text[len] = '\0';
	}
	fclose(f);
	return text;
}

char *pv_status(pid_t pid, const char *field)
{
	char *status = pv_proc_file(pid, "status");
	size_t len = strlen(field);
	char *value = NULL;
	for (char *line = strtok(status, "\n"); line; line = strtok(NULL, "\n"))
		if (strncmp(line, field, len) == 0 && line[len] == ':') {
			const char *v = line + len + 1;
			v += strspn(v, " \t");
			value = strdup(v);
			break;
		}
	free(status);
	return value;
}

char *pv_ns(pid_t pid, const char *name)
{
	char path[128], target[256];
	snprintf(path, sizeof(path), "/proc/%d/ns/%s", pid, name);
	ssize_t n = readlink(path, target, sizeof(target) - 1);
	if (n < 0)
		return NULL;
	target[n] = '\0';
	return strdup(target);
}

static int by_number(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

char *pv_fds(pid_t pid)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/fd", pid);
	DIR *d = opendir(path);
	cr_assert(d, "%s: %s", path, strerror(errno));
	int fds[256];
	size_t n = 0;
	struct dirent *de;
	while ((de = readdir(d)) && n < 256)
		if (de->d_name[0] != '.')
			fds[n++] = atoi(de->d_name);
	closedir(d);
	qsort(fds, n, sizeof(fds[0]), by_number);
	char *text = calloc(1, n * 12 + 1);
	cr_assert(text);
	for (size_t i = 0; i < n; i++)
		sprintf(text + strlen(text), "%s%d", i ? "," : "", fds[i]);
	return text;
}

uint64_t pv_caps_mask(const char *hex)
{
	return hex ? strtoull(hex, NULL, 16) : UINT64_MAX;
}

uint64_t pv_all_caps(void)
{
	int last = 40;
	FILE *f = fopen("/proc/sys/kernel/cap_last_cap", "r");
	if (f) {
		if (fscanf(f, "%d", &last) != 1)
			last = 40;
		fclose(f);
	}
	return last >= 63 ? UINT64_MAX : (1ULL << (last + 1)) - 1;
}

void pv_require_root(void)
{
	if (geteuid() != 0)
		cr_skip_test("needs root (the test runs as uid %d)", (int)geteuid());
}
