#include "harness.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <libfyaml.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/pidfd.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_REGISTERED 256
static pid_t registered[MAX_REGISTERED];

/* An absolute path, so tests may change directory before running it. */
static const char *absolute(const char *env, const char *fallback, char *buf)
{
	const char *p = getenv(env);
	if (!buf[0] && !realpath(p ? p : fallback, buf))
		cr_assert_fail("%s: %s", p ? p : fallback, strerror(errno));
	return buf;
}

const char *launch_bin(void)
{
	static char path[PATH_MAX];
	return absolute("LAUNCH_BIN", "build/launch", path);
}

const char *probe_bin(void)
{
	static char path[PATH_MAX];
	return absolute("LAUNCH_PROBE", "build/tests/probe", path);
}

double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void h_sleep(double s)
{
	struct timespec ts = { (time_t)s, (long)((s - (double)(time_t)s) * 1e9) };
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

bool h_contains(const char *s, const char *sub)
{
	return s && strstr(s, sub) != NULL;
}

/* cr_skip_test() ends the test's process without its .fini, but through
 * exit(): h_cleanup runs at exit too, once anything is there to clean. */
static void cleanup_at_exit(void)
{
	static bool registered_at_exit;
	if (!registered_at_exit && atexit(h_cleanup) == 0)
		registered_at_exit = true;
}

static void do_register(pid_t pid)
{
	cleanup_at_exit();
	for (size_t i = 0; i < MAX_REGISTERED; i++)
		if (registered[i] == 0) {
			registered[i] = pid;
			return;
		}
}

static void unregister(pid_t pid)
{
	for (size_t i = 0; i < MAX_REGISTERED; i++)
		if (registered[i] == pid)
			registered[i] = 0;
}

static char tmpdir[64];

const char *h_tmpdir(void)
{
	if (!tmpdir[0]) {
		snprintf(tmpdir, sizeof(tmpdir), "/tmp/launch-test.XXXXXX");
		cr_assert(mkdtemp(tmpdir), "mkdtemp: %s", strerror(errno));
		cleanup_at_exit();
	}
	return tmpdir;
}

void h_cleanup(void)
{
	if (tmpdir[0]) {
		char cmd[128];
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
		if (system(cmd) != 0)
			fprintf(stderr, "harness: could not remove %s\n", tmpdir);
		tmpdir[0] = '\0';
	}
	for (size_t i = 0; i < MAX_REGISTERED; i++)
		if (registered[i] > 0) {
			kill(registered[i], SIGKILL);
			waitpid(registered[i], NULL, 0);
			registered[i] = 0;
		}
}

static void child_setup(const struct spawn_opts *o, int in, int out, int err)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (o->tty_fd >= 0) {
		setsid();
		ioctl(o->tty_fd, TIOCSCTTY, 0);
		in = out = err = o->tty_fd;
	} else if (o->own_group) {
		setpgid(0, 0);
	}
	/* the keep-list first: it may sit on the numbers the pipes use */
	int keep_copies[64];
	for (size_t i = 0; i < o->n_keep_fds; i++)
		keep_copies[i] = fcntl(o->keep_fds[i], F_DUPFD_CLOEXEC, 100);
	dup2(in, 0);
	dup2(out, 1);
	dup2(err, 2);
	for (size_t i = 0; i < o->n_keep_fds; i++)
		dup2(keep_copies[i], o->keep_fds[i]); /* dup2 clears CLOEXEC */
	for (size_t i = 0; i < o->n_ignore; i++)
		signal(o->ignore[i], SIG_IGN);
	sigset_t empty;
	sigemptyset(&empty);
	sigprocmask(SIG_SETMASK, o->mask ? o->mask : &empty, NULL);
	if (o->cwd && chdir(o->cwd) < 0)
		_exit(97);
	for (size_t i = 0; o->env && o->env[i]; i++)
		putenv((char *)o->env[i]);
}

void h_spawn(struct child *c, const struct spawn_opts *o, const char *const argv[])
{
	static const struct spawn_opts defaults = { .tty_fd = -1 };
	int inp[2] = { -1, -1 }, outp[2], errp[2];
	if (!o)
		o = &defaults;
	memset(c, 0, sizeof(*c));
	c->in = -1;
	/* O_NOCTTY: a test that leads its session (Criterion's workers do)
	 * must not make a terminal it hands a child its own */
	if (o->stdin_pipe)
		cr_assert(pipe2(inp, O_CLOEXEC) == 0);
	else if (o->stdin_path)
		cr_assert((inp[0] = open(o->stdin_path, O_RDONLY | O_NOCTTY | O_CLOEXEC)) >= 0);
	else
		cr_assert((inp[0] = open("/dev/null", O_RDONLY | O_CLOEXEC)) >= 0);
	cr_assert(pipe2(outp, O_CLOEXEC) == 0 && pipe2(errp, O_CLOEXEC) == 0);

	c->started = now_s();
	pid_t pid = fork();
	cr_assert(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		child_setup(o, inp[0], outp[1], errp[1]);
		execv(argv[0], (char *const *)argv);
		_exit(96);
	}
	do_register(pid);
	c->pid = pid;
	c->pidfd = pidfd_open(pid, 0);
	close(inp[0]);
	close(outp[1]);
	close(errp[1]);
	c->in = inp[1];
	c->out = outp[0];
	c->err = errp[0];
}

static void append(char **buf, size_t *len, const char *data, size_t n)
{
	*buf = realloc(*buf, *len + n + 1);
	cr_assert(*buf);
	memcpy(*buf + *len, data, n);
	*len += n;
	(*buf)[*len] = '\0';
}

/* Reads what is there from fd into buf; closes fd at EOF. */
static void pump(int *fd, char **buf, size_t *len)
{
	char chunk[8192];
	ssize_t n = read(*fd, chunk, sizeof(chunk));
	if (n > 0)
		append(buf, len, chunk, (size_t)n);
	else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
		close(*fd);
		*fd = -1;
	}
}

void h_wait(struct child *c, double timeout_s, struct result *r)
{
	memset(r, 0, sizeof(*r));
	if (c->in >= 0) {
		close(c->in);
		c->in = -1;
	}
	if (c->outbuf) {
		append(&r->out, &r->out_len, c->outbuf, c->outlen);
		free(c->outbuf);
		c->outbuf = NULL;
		c->outlen = 0;
	}
	double deadline = now_s() + timeout_s;
	bool exited = false;
	while (!exited || c->out >= 0 || c->err >= 0) {
		double left = deadline - now_s();
		if (left <= 0 && !r->killed) {
			kill(c->pid, SIGKILL);
			r->killed = true;
			deadline = now_s() + 5; /* for the pipes to drain */
			continue;
		}
		if (left <= 0)
			break; /* something else holds the pipes open */
		struct pollfd fds[3] = {
			{ .fd = c->out, .events = POLLIN },
			{ .fd = c->err, .events = POLLIN },
			{ .fd = exited ? -1 : c->pidfd, .events = POLLIN },
		};
		poll(fds, 3, (int)(left * 1000) + 1);
		if (fds[0].revents)
			pump(&c->out, &r->out, &r->out_len);
		if (fds[1].revents)
			pump(&c->err, &r->err, &r->err_len);
		if (fds[2].revents)
			exited = true;
	}
	waitpid(c->pid, &r->status, 0);
	r->seconds = now_s() - c->started;
	unregister(c->pid);
	if (c->out >= 0)
		close(c->out);
	if (c->err >= 0)
		close(c->err);
	close(c->pidfd);
	if (!r->out)
		append(&r->out, &r->out_len, "", 0);
	if (!r->err)
		append(&r->err, &r->err_len, "", 0);
	r->code = WIFEXITED(r->status) ? WEXITSTATUS(r->status) : 128 + WTERMSIG(r->status);
}

void h_run(struct result *r, double timeout_s, const char *const argv[])
{
	struct child c;
	h_spawn(&c, NULL, argv);
	h_wait(&c, timeout_s, r);
}

char *h_readline(struct child *c, double timeout_s)
{
	double deadline = now_s() + timeout_s;
	for (;;) {
		char *nl = c->outbuf ? memchr(c->outbuf, '\n', c->outlen) : NULL;
		if (nl) {
			size_t n = (size_t)(nl - c->outbuf);
			char *line = strndup(c->outbuf, n);
			memmove(c->outbuf, nl + 1, c->outlen - n - 1);
			c->outlen -= n + 1;
			return line;
		}
		double left = deadline - now_s();
		if (left <= 0 || c->out < 0)
			return NULL;
		struct pollfd p = { .fd = c->out, .events = POLLIN };
		if (poll(&p, 1, (int)(left * 1000) + 1) > 0)
			pump(&c->out, &c->outbuf, &c->outlen);
	}
}

void h_result_free(struct result *r)
{
	free(r->out);
	free(r->err);
	r->out = r->err = NULL;
}

pid_t h_init_pid(pid_t launch, double timeout_s)
{
	double deadline = now_s() + timeout_s;
	while (now_s() < deadline) {
		pid_t pid = h_child_of(launch);
		if (pid > 0)
			return pid;
		h_sleep(0.001);
	}
	return 0;
}

unsigned long h_pidns(pid_t pid)
{
	char path[64];
	struct stat st;
	snprintf(path, sizeof(path), "/proc/%d/ns/pid", pid);
	return stat(path, &st) == 0 ? (unsigned long)st.st_ino : 0;
}

int h_pidns_members(unsigned long ns)
{
	DIR *d = opendir("/proc");
	struct dirent *de;
	int n = 0;
	cr_assert(d);
	while ((de = readdir(d)))
		if (de->d_name[0] >= '1' && de->d_name[0] <= '9' && h_pidns(atoi(de->d_name)) == ns)
			n++;
	closedir(d);
	return n;
}

long h_ctxt_switches(pid_t pid)
{
	char path[64], line[256];
	long total = 0;
	int found = 0;
	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		long v;
		if (sscanf(line, "voluntary_ctxt_switches: %ld", &v) == 1 ||
		    sscanf(line, "nonvoluntary_ctxt_switches: %ld", &v) == 1) {
			total += v;
			found++;
		}
	}
	fclose(f);
	return found == 2 ? total : -1;
}

int h_count(const char *s, const char *sub)
{
	int n = 0;
	size_t len = strlen(sub);
	for (const char *p = s; p && (p = strstr(p, sub)); p += len)
		n++;
	return n;
}

static struct fy_node *json_node(struct fy_document **doc, const char *file, const char *path)
{
	static const struct fy_parse_cfg cfg = { .flags = FYPCF_JSON_FORCE | FYPCF_QUIET };
	*doc = fy_document_build_from_file(&cfg, file);
	if (!*doc)
		return NULL;
	return fy_node_by_path(fy_document_root(*doc), path, FY_NT, FYNWF_DONT_FOLLOW);
}

char *h_json_get(const char *file, const char *path)
{
	struct fy_document *doc;
	struct fy_node *n = json_node(&doc, file, path);
	char *v = NULL;
	if (n && fy_node_is_scalar(n))
		v = strdup(fy_node_get_scalar0(n));
	fy_document_destroy(doc);
	return v;
}

int h_json_count(const char *file, const char *path)
{
	struct fy_document *doc;
	struct fy_node *n = json_node(&doc, file, path);
	int count = -1;
	if (n && fy_node_is_sequence(n))
		count = fy_node_sequence_item_count(n);
	else if (n && fy_node_is_mapping(n))
		count = fy_node_mapping_item_count(n);
	fy_document_destroy(doc);
	return count;
}

char h_proc_state(pid_t pid)
{
	char path[64], buf[512];
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	FILE *f = fopen(path, "r");
	char state = '?';
	if (!f)
		return state;
	if (fgets(buf, sizeof(buf), f)) {
		char *p = strrchr(buf, ')');
		if (p && p[1] == ' ')
			state = p[2];
	}
	fclose(f);
	return state;
}

pid_t h_child_of(pid_t pid)
{
	char path[64];
	int child = 0;
	snprintf(path, sizeof(path), "/proc/%d/task/%d/children", pid, pid);
	FILE *f = fopen(path, "r");
	if (f) {
		if (fscanf(f, "%d", &child) != 1)
			child = 0;
		fclose(f);
	}
	return child;
}
