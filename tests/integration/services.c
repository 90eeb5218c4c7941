#include "services.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

#define MAX_DAEMONS 32

static struct {
	pid_t pid;
	int pidfd;
} daemons[MAX_DAEMONS];

void svc_setup(void)
{
	char dir[PATH_MAX];
	cr_assert(prctl(PR_SET_CHILD_SUBREAPER, 1) == 0, "subreaper: %s", strerror(errno));
	cr_assert(setenv("LAUNCH_STATE_DIR", svc_path(dir, "state"), 1) == 0);
}

static void track(pid_t pid)
{
	for (size_t i = 0; i < MAX_DAEMONS; i++)
		if (daemons[i].pid == 0) {
			daemons[i].pid = pid;
			daemons[i].pidfd = pidfd_open(pid, 0);
			return;
		}
	cr_assert_fail("more than %d daemons", MAX_DAEMONS);
}

static void untrack(pid_t pid)
{
	for (size_t i = 0; i < MAX_DAEMONS; i++)
		if (daemons[i].pid == pid) {
			if (daemons[i].pidfd >= 0)
				close(daemons[i].pidfd);
			daemons[i].pid = 0;
			daemons[i].pidfd = -1;
		}
}

/* Every child of the test process now, into pids; how many. */
static size_t children(pid_t *pids, size_t max)
{
	size_t n = 0;
	DIR *d = opendir("/proc/self/task");
	struct dirent *de;
	if (!d)
		return 0;
	while ((de = readdir(d)) && n < max) {
		char path[300];
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/self/task/%s/children", de->d_name);
		FILE *f = fopen(path, "r");
		int pid;
		while (f && n < max && fscanf(f, "%d", &pid) == 1)
			pids[n++] = pid;
		if (f)
			fclose(f);
	}
	closedir(d);
	return n;
}

void svc_teardown(void)
{
	/* the daemons first, by pidfd: their pid cannot be another's */
	for (size_t i = 0; i < MAX_DAEMONS; i++)
		if (daemons[i].pid > 0) {
			if (daemons[i].pidfd >= 0)
				syscall(SYS_pidfd_send_signal, daemons[i].pidfd, SIGKILL, NULL, 0);
			waitpid(daemons[i].pid, NULL, 0);
			untrack(daemons[i].pid);
		}
	/* then anything else a daemon's caller left to this subreaper (a
	 * daemon whose pidfile was never read) */
	pid_t left[64];
	size_t n = children(left, 64);
	for (size_t i = 0; i < n; i++) {
		kill(left[i], SIGKILL);
		waitpid(left[i], NULL, 0);
	}
	h_cleanup();
}

const char *svc_path(char *buf, const char *name)
{
	snprintf(buf, PATH_MAX, "%s/%s", h_tmpdir(), name);
	return buf;
}

void svc_write(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	cr_assert(f, "%s: %s", path, strerror(errno));
	fputs(text, f);
	cr_assert(fclose(f) == 0, "%s: %s", path, strerror(errno));
}

char *svc_read(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		fwrite(buf, 1, n, out);
	fclose(f);
	fclose(out);
	return text;
}

bool svc_exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

bool svc_wait_for_text(const char *path, const char *text, double timeout_s)
{
	double deadline = now_s() + timeout_s;
	for (;;) {
		char *content = svc_read(path);
		bool found = content && strstr(content, text);
		free(content);
		if (found)
			return true;
		if (now_s() > deadline)
			return false;
		h_sleep(0.01);
	}
}

pid_t svc_read_pid(const char *pidfile)
{
	char *text = svc_read(pidfile);
	pid_t pid = text ? (pid_t)atoi(text) : 0;
	free(text);
	return pid;
}

pid_t svc_start_daemon(const char *const argv[], const char *pidfile, const char *cwd)
{
	struct child c;
	struct result r;
	struct spawn_opts o = { .tty_fd = -1, .cwd = cwd };
	h_spawn(&c, &o, argv);
	h_wait(&c, 20, &r);
	pid_t pid = svc_read_pid(pidfile);
	if (pid > 0)
		track(pid);
	cr_assert_eq(r.code, 0, "the daemon did not start: exit %d, %s", r.code, r.err);
	cr_assert_gt(pid, 0, "no pid in %s", pidfile);
	h_result_free(&r);
	return pid;
}

bool svc_reap(pid_t pid, double timeout_s, int *status)
{
	int fd = pidfd_open(pid, 0);
	if (fd >= 0) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		int n = poll(&p, 1, (int)(timeout_s * 1000));
		close(fd);
		if (n <= 0)
			return false;
	}
	int st;
	if (waitpid(pid, &st, 0) != pid)
		return false;
	if (status)
		*status = st;
	untrack(pid);
	return true;
}

/* The run's cgroup, below each hierarchy's root, of a process in it. */
static bool run_cgroup(pid_t pid, char *path, size_t size)
{
	char file[64], line[512];
	snprintf(file, sizeof(file), "/proc/%d/cgroup", pid);
	FILE *f = fopen(file, "r");
	bool found = false;
	while (f && !found && fgets(line, sizeof(line), f)) {
		char *p = strstr(line, ":/launch/run-");
		if (p) {
			snprintf(path, size, "%s", p + 1);
			path[strcspn(path, "\n")] = '\0';
			found = true;
		}
	}
	if (f)
		fclose(f);
	return found;
}

void svc_crash_daemon(pid_t pid)
{
	char cgroup[PATH_MAX] = "";
	pid_t init = h_child_of(pid);
	cr_assert_gt(init, 0, "daemon %d has no sandbox", pid);
	bool has_cgroup = run_cgroup(init, cgroup, sizeof(cgroup)); /* if it needs one */
	kill(pid, SIGKILL);
	cr_assert(svc_reap(pid, 5, NULL), "daemon %d did not die", pid);
	/* init, orphaned, is this subreaper's now: it ends once the last
	 * process of its namespace has */
	cr_assert_eq(waitpid(init, NULL, 0), init, "init %d: %s", init, strerror(errno));
	if (!has_cgroup)
		return;
	DIR *d = opendir("/sys/fs/cgroup");
	struct dirent *de;
	char dir[2 * PATH_MAX];
	snprintf(dir, sizeof(dir), "/sys/fs/cgroup%s", cgroup); /* pure v2 */
	rmdir(dir);
	while (d && (de = readdir(d))) /* each v1 hierarchy, and hybrid's unified */
		if (de->d_name[0] != '.') {
			snprintf(dir, sizeof(dir), "/sys/fs/cgroup/%s%s", de->d_name, cgroup);
			rmdir(dir);
		}
	if (d)
		closedir(d);
}

bool svc_alive(pid_t pid)
{
	char state = h_proc_state(pid);
	return state != '?' && state != 'Z' && state != 'X';
}

struct fy_document *svc_json(const char *text)
{
	static const struct fy_parse_cfg cfg = { .flags = FYPCF_JSON_FORCE | FYPCF_QUIET };
	return fy_document_build_from_string(&cfg, text, FY_NT);
}

const char *svc_json_scalar(struct fy_document *doc, const char *path)
{
	struct fy_node *n = fy_node_by_path(fy_document_root(doc), path, FY_NT, FYNWF_DONT_FOLLOW);
	return n && fy_node_is_scalar(n) ? fy_node_get_scalar0(n) : NULL;
}
