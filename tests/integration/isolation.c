#include "isolation.h"

#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define NOBODY 65534

const char *iso_path(const char *name)
{
	static char bufs[8][PATH_MAX];
	static unsigned next;
	char *b = bufs[next++ % 8];
	snprintf(b, PATH_MAX, "%s/%s", h_tmpdir(), name);
	return b;
}

const char *iso_file(const char *name, const char *text, mode_t mode)
{
	const char *path = iso_path(name);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	cr_assert(fd >= 0, "%s: %s", path, strerror(errno));
	size_t len = strlen(text);
	cr_assert(write(fd, text, len) == (ssize_t)len, "%s: %s", path, strerror(errno));
	close(fd);
	cr_assert(chmod(path, mode) == 0);
	return path;
}

const char *iso_dir(const char *name, mode_t mode)
{
	const char *path = iso_path(name);
	cr_assert(mkdir(path, mode) == 0 || errno == EEXIST, "%s: %s", path, strerror(errno));
	cr_assert(chmod(path, mode) == 0);
	return path;
}

const char *iso_profile(const char *json)
{
	static unsigned n;
	char name[32];
	snprintf(name, sizeof(name), "profile%u.json", n++);
	return iso_file(name, json, 0644);
}

bool iso_exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return type == FTW_DP ? rmdir(path) : unlink(path);
}

bool iso_remove_tree(const char *path)
{
	if (!iso_exists(path))
		return false;
	cr_assert(nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS) == 0, "remove %s: %s", path,
	          strerror(errno));
	return true;
}

static void launch_argv(const char *argv[], size_t max, const char *first[], size_t n_first,
                        const char *const args[])
{
	size_t n = 0;
	for (size_t i = 0; i < n_first; i++)
		argv[n++] = first[i];
	for (size_t i = 0; args[i]; i++) {
		cr_assert_lt(n, max - 1, "too many arguments");
		argv[n++] = args[i];
	}
	argv[n] = NULL;
}

void iso_spawn(struct child *c, const char *cwd, const char *const args[])
{
	const char *argv[64];
	const char *first[] = { launch_bin() };
	launch_argv(argv, 64, first, 1, args);
	struct spawn_opts o = { .tty_fd = -1, .stdin_pipe = true, .cwd = cwd };
	h_spawn(c, &o, argv);
}

void iso_run(struct result *r, const char *cwd, const char *const args[])
{
	const char *argv[64];
	const char *first[] = { launch_bin() };
	launch_argv(argv, 64, first, 1, args);
	struct spawn_opts o = { .tty_fd = -1, .cwd = cwd };
	struct child c;
	h_spawn(&c, &o, argv);
	h_wait(&c, 20, r);
}

void iso_require_root(void)
{
	if (geteuid() != 0)
		cr_skip_test("needs root (the test runs as uid %d)", (int)geteuid());
}

/* ---- runs as nobody ------------------------------------------------------ */

static const char *setpriv_bin(void)
{
	static const char *const paths[] = { "/usr/bin/setpriv", "/bin/setpriv" };
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		if (access(paths[i], X_OK) != 0)
			continue;
		/* busybox's setpriv has no --reuid */
		struct result r;
		const char *argv[] = { paths[i],         "--reuid=65534", "--regid=65534",
			               "--clear-groups", "/bin/true",     NULL };
		h_run(&r, 10, argv);
		int code = r.code;
		h_result_free(&r);
		if (code == 0)
			return paths[i];
	}
	return NULL;
}

/* Can uid make a user namespace? 0, or the errno of unshare. */
static int userns_allowed(uid_t uid, gid_t gid)
{
	pid_t pid = fork();
	cr_assert(pid >= 0);
	if (pid == 0) {
		if (geteuid() == 0 && (setgroups(0, NULL) < 0 || setresgid(gid, gid, gid) < 0 ||
		                       setresuid(uid, uid, uid) < 0))
			_exit(EPERM);
		_exit(unshare(CLONE_NEWUSER) < 0 ? errno : 0);
	}
	int status;
	cr_assert(waitpid(pid, &status, 0) == pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : EINVAL;
}

static void copy_file(const char *from, const char *to)
{
	int in = open(from, O_RDONLY | O_CLOEXEC);
	int out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
	cr_assert(in >= 0 && out >= 0, "copy %s to %s: %s", from, to, strerror(errno));
	char buf[65536];
	ssize_t n;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		cr_assert(write(out, buf, (size_t)n) == n, "write %s: %s", to, strerror(errno));
	cr_assert(n == 0);
	close(in);
	close(out);
	cr_assert(chmod(to, 0755) == 0);
}

static void set_probe_dir(struct runner *u)
{
	snprintf(u->probe_dir, sizeof(u->probe_dir), "%s", u->probe);
	char *slash = strrchr(u->probe_dir, '/');
	cr_assert(slash && slash != u->probe_dir, "probe %s", u->probe);
	*slash = '\0';
}

void runner_root(struct runner *u)
{
	iso_require_root();
	memset(u, 0, sizeof(*u));
	/* the runs' cwd: a sandbox whose root is nobody must enter it too */
	cr_assert(chmod(h_tmpdir(), 0755) == 0);
	snprintf(u->launch, sizeof(u->launch), "%s", launch_bin());
	snprintf(u->probe, sizeof(u->probe), "%s", probe_bin());
	snprintf(u->dir, sizeof(u->dir), "%s", h_tmpdir());
	set_probe_dir(u);
}

void runner_nobody(struct runner *u)
{
	memset(u, 0, sizeof(*u));
	u->rootless = true;
	if (geteuid() != 0) {
		u->uid = getuid();
		u->gid = getgid();
		snprintf(u->launch, sizeof(u->launch), "%s", launch_bin());
		snprintf(u->probe, sizeof(u->probe), "%s", probe_bin());
		snprintf(u->dir, sizeof(u->dir), "%s", h_tmpdir());
	} else {
		u->setpriv = setpriv_bin();
		if (!u->setpriv)
			cr_skip_test("no setpriv of util-linux (with --reuid) to run as nobody");
		u->uid = NOBODY;
		u->gid = NOBODY;
		/* nobody must reach the copies: the temporary directory is 0700 */
		cr_assert(chmod(h_tmpdir(), 0755) == 0);
		snprintf(u->dir, sizeof(u->dir), "%s", iso_dir("rootless", 0755));
		snprintf(u->launch, sizeof(u->launch), "%s/launch", u->dir);
		snprintf(u->probe, sizeof(u->probe), "%s/probe", u->dir);
		copy_file(launch_bin(), u->launch);
		copy_file(probe_bin(), u->probe);
	}
	set_probe_dir(u);
	int err = userns_allowed(u->uid, u->gid);
	if (err)
		cr_skip_test("this system does not let uid %d make user namespaces: "
		             "unshare(CLONE_NEWUSER): %s",
		             (int)u->uid, strerror(err));
}

void runner_argv(const struct runner *u, const char *argv[], size_t max, const char *const args[])
{
	if (u->setpriv) {
		const char *first[] = { u->setpriv, "--reuid=65534", "--regid=65534",
			                "--clear-groups", u->launch };
		launch_argv(argv, max, first, 5, args);
	} else {
		const char *first[] = { u->launch };
		launch_argv(argv, max, first, 1, args);
	}
}

void runner_spawn(const struct runner *u, struct child *c, const char *cwd,
                  const char *const args[])
{
	const char *argv[64];
	struct spawn_opts o = { .tty_fd = -1, .stdin_pipe = true, .cwd = cwd ? cwd : u->dir };
	runner_argv(u, argv, 64, args);
	h_spawn(c, &o, argv);
}

void runner_run(const struct runner *u, struct result *r, const char *cwd, const char *const args[])
{
	struct child c;
	runner_spawn(u, &c, cwd, args);
	h_wait(&c, 20, r);
}

/* ---- the host from outside ----------------------------------------------- */

char *iso_mountinfo(void)
{
	FILE *f = fopen("/proc/self/mountinfo", "r");
	cr_assert(f);
	char *text = NULL;
	size_t len = 0, size = 0;
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		if (len + n + 1 > size) {
			size = (len + n + 1) * 2;
			text = realloc(text, size);
			cr_assert(text);
		}
		memcpy(text + len, buf, n);
		len += n;
	}
	fclose(f);
	if (!text)
		text = calloc(1, 1);
	else
		text[len] = '\0';
	return text;
}

const char *const iso_ns_names[ISO_NS_TYPES] = {
	"cgroup", "ipc", "mnt", "net", "pid", "user", "uts"
};

bool iso_ns_of(pid_t pid, struct ns_set *out)
{
	for (size_t i = 0; i < ISO_NS_TYPES; i++) {
		char path[64];
		struct stat st;
		snprintf(path, sizeof(path), "/proc/%d/ns/%s", (int)pid, iso_ns_names[i]);
		if (stat(path, &st) < 0)
			return false;
		out->ino[i] = (unsigned long)st.st_ino;
	}
	return true;
}

/* A descriptor of pid that is one of the namespaces in mask. */
static bool holds_fd(pid_t pid, const struct ns_set *s, unsigned mask, char *why, size_t size)
{
	char dir[64];
	snprintf(dir, sizeof(dir), "/proc/%d/fd", (int)pid);
	DIR *d = opendir(dir);
	if (!d)
		return false;
	struct dirent *de;
	bool found = false;
	while (!found && (de = readdir(d))) {
		char path[PATH_MAX], link[256];
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		ssize_t n = readlink(path, link, sizeof(link) - 1);
		if (n <= 0)
			continue;
		link[n] = '\0';
		for (size_t i = 0; i < ISO_NS_TYPES; i++) {
			char expect[64];
			snprintf(expect, sizeof(expect), "%s:[%lu]", iso_ns_names[i], s->ino[i]);
			if ((mask & (1u << i)) && strcmp(link, expect) == 0) {
				snprintf(why, size, "pid %d holds %s as fd %s", (int)pid, link,
				         de->d_name);
				found = true;
			}
		}
	}
	closedir(d);
	return found;
}

pid_t iso_ns_holder(const struct ns_set *s, char *why, size_t size)
{
	struct ns_set own;
	cr_assert(iso_ns_of(getpid(), &own));
	unsigned mask = 0;
	for (size_t i = 0; i < ISO_NS_TYPES; i++)
		if (s->ino[i] != own.ino[i])
			mask |= 1u << i;
	if (!mask)
		return 0;
	DIR *d = opendir("/proc");
	cr_assert(d);
	struct dirent *de;
	pid_t holder = 0;
	while (!holder && (de = readdir(d))) {
		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		pid_t pid = atoi(de->d_name);
		struct ns_set p;
		if (iso_ns_of(pid, &p)) {
			bool all = true;
			for (size_t i = 0; i < ISO_NS_TYPES; i++)
				if ((mask & (1u << i)) && p.ino[i] != s->ino[i])
					all = false;
			if (all) {
				snprintf(why, size, "pid %d is in the sandbox's namespaces",
				         (int)pid);
				holder = pid;
			}
		}
		if (!holder && holds_fd(pid, s, mask, why, size))
			holder = pid;
	}
	closedir(d);
	return holder;
}

int iso_listen(int *port)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	cr_assert(fd >= 0);
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	cr_assert(bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0, "bind: %s", strerror(errno));
	cr_assert(listen(fd, 8) == 0);
	cr_assert(getsockname(fd, (struct sockaddr *)&a, &len) == 0);
	*port = ntohs(a.sin_port);
	int probe = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	cr_assert(probe >= 0);
	if (connect(probe, (struct sockaddr *)&a, sizeof(a)) < 0) {
		int err = errno;
		close(probe);
		close(fd);
		cr_skip_test("the host's loopback does not reach its own listener: %s",
		             strerror(err));
	}
	close(probe);
	cr_assert(iso_accepted(fd, 1), "the host's own connection did not arrive");
	return fd;
}

bool iso_accepted(int listener, double wait_s)
{
	struct pollfd p = { .fd = listener, .events = POLLIN };
	if (poll(&p, 1, (int)(wait_s * 1000)) <= 0)
		return false;
	int fd = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
	if (fd < 0)
		return false;
	close(fd);
	return true;
}
