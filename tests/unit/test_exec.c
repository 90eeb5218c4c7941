/* launcher/exec.h: where the command is looked for (PATH entries, empty
 * entries as the name alone, the default PATH, candidates too long to try)
 * and, in forked children, what exec_command returns and says when the
 * command is missing, a directory, not executable or not a program, and
 * that it runs the right file when the search succeeds. */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "launcher/exec.h"

/* Each test gets a fresh directory for the files it executes. */
static char tmpdir[64];

static void make_tmpdir(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/launch-unit-exec-XXXXXX");
	cr_assert_not_null(mkdtemp(tmpdir), "mkdtemp: %s", strerror(errno));
}

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	remove(path);
	return 0;
}

static void remove_tmpdir(void)
{
	if (tmpdir[0])
		nftw(tmpdir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
}

/* Creates tmpdir/rel (a file with content and mode, or a directory when
 * content is NULL) and returns its path in buf. */
static const char *make_entry(const char *rel, const char *content, mode_t mode, char *buf,
                              size_t size)
{
	snprintf(buf, size, "%s/%s", tmpdir, rel);
	if (!content) {
		cr_assert_eq(mkdir(buf, mode), 0, "mkdir %s: %s", buf, strerror(errno));
		return buf;
	}
	int fd = open(buf, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	cr_assert_geq(fd, 0, "create %s: %s", buf, strerror(errno));
	cr_assert_eq(write(fd, content, strlen(content)), (ssize_t)strlen(content));
	cr_assert_eq(close(fd), 0);
	cr_assert_eq(chmod(buf, mode), 0); /* whatever the umask */
	return buf;
}

TestSuite(exec, .init = make_tmpdir, .fini = remove_tmpdir, .timeout = 30);

/* --- exec_candidate --- */

/* The candidates for name along path, as one "|"-separated string. */
static void candidates(const char *path, const char *name, char *out, size_t size)
{
	char buf[256];
	out[0] = '\0';
	for (size_t i = 0;; i++) {
		int r = exec_candidate(path, name, i, buf, sizeof(buf));
		cr_assert_geq(r, 0, "candidate %zu of \"%s\": %d", i, path ? path : "(null)", r);
		if (r == 0)
			break;
		cr_assert_eq(r, 1);
		if (i > 0)
			strncat(out, "|", size - strlen(out) - 1);
		strncat(out, buf, size - strlen(out) - 1);
	}
}

static void expect_candidates(const char *path, const char *want)
{
	char got[1024];
	candidates(path, "prog", got, sizeof(got));
	cr_expect_str_eq(got, want, "PATH \"%s\": got \"%s\", want \"%s\"", path ? path : "(null)",
	                 got, want);
}

Test(exec, candidate_splits_path)
{
	expect_candidates("/a", "/a/prog");
	expect_candidates("/a:/b/c", "/a/prog|/b/c/prog");
	expect_candidates("/a/:/b", "/a//prog|/b/prog");
	expect_candidates("relative:./x", "relative/prog|./x/prog");
}

Test(exec, candidate_empty_entries_are_the_name_alone)
{
	expect_candidates("", "prog");
	expect_candidates(":/a", "prog|/a/prog");
	expect_candidates("/a:", "/a/prog|prog");
	expect_candidates("/a::/b", "/a/prog|prog|/b/prog");
	expect_candidates(":", "prog|prog");
}

Test(exec, candidate_default_path)
{
	expect_candidates(NULL, "/usr/local/bin/prog|/usr/bin/prog|/bin/prog");
	cr_expect_str_eq(EXEC_DEFAULT_PATH, "/usr/local/bin:/usr/bin:/bin");
}

Test(exec, candidate_past_the_end)
{
	char buf[64] = "untouched";
	cr_expect_eq(exec_candidate("/a:/b", "prog", 2, buf, sizeof(buf)), 0);
	cr_expect_eq(exec_candidate("/a:/b", "prog", 100, buf, sizeof(buf)), 0);
	cr_expect_eq(exec_candidate(NULL, "prog", 3, buf, sizeof(buf)), 0);
	cr_expect_eq(exec_candidate("", "prog", 1, buf, sizeof(buf)), 0);
	cr_expect_eq(exec_candidate("/a", "prog", SIZE_MAX, buf, sizeof(buf)), 0);
}

Test(exec, candidate_too_long)
{
	char buf[8];
	/* "/b/prog" needs 8 bytes with its NUL: fits exactly */
	cr_expect_eq(exec_candidate("/long/dir:/b", "prog", 0, buf, sizeof(buf)), -ENAMETOOLONG);
	cr_expect_eq(exec_candidate("/long/dir:/b", "prog", 1, buf, sizeof(buf)), 1);
	cr_expect_str_eq(buf, "/b/prog");
	cr_expect_eq(exec_candidate("/long/dir:/b", "prog", 1, buf, 7), -ENAMETOOLONG);
	cr_expect_eq(exec_candidate("/long/dir:/b", "prog", 2, buf, sizeof(buf)), 0);
	cr_expect_eq(exec_candidate("", "longername", 0, buf, sizeof(buf)), -ENAMETOOLONG);
}

/* --- exec_command, in a child --- */

struct exec_report {
	int err;
	char message[LX_ERROR_MESSAGE_MAX];
};

/* Runs exec_command in a child that reports its return through a pipe.
 * Returns true with *r filled when exec_command returned, false when the
 * exec succeeded (the pipe closed on exec), with the program's wait status
 * in *status. */
static bool run_exec(char *const argv[], char *const envp[], struct exec_report *r, int *status)
{
	int fds[2];
	cr_assert_eq(pipe2(fds, O_CLOEXEC), 0);
	pid_t pid = fork();
	cr_assert_geq(pid, 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		struct exec_report rep = { 0 };
		struct lx_error e = { 0 };
		close(fds[0]);
		rep.err = exec_command(argv, envp, &e);
		snprintf(rep.message, sizeof(rep.message), "%s", e.message);
		(void)!write(fds[1], &rep, sizeof(rep));
		_exit(0);
	}
	close(fds[1]);
	size_t got = 0;
	while (got < sizeof(*r)) {
		ssize_t n = read(fds[0], (char *)r + got, sizeof(*r) - got);
		if (n < 0 && errno == EINTR)
			continue;
		cr_assert_geq(n, 0, "read: %s", strerror(errno));
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fds[0]);
	cr_assert_eq(waitpid(pid, status, 0), pid);
	cr_assert(got == 0 || got == sizeof(*r), "short report: %zu bytes", got);
	return got == sizeof(*r);
}

/* exec_command must fail with err and exactly this message. */
static void expect_exec_error(char *const argv[], char *const envp[], int err, const char *message)
{
	struct exec_report r;
	int status;
	cr_assert(run_exec(argv, envp, &r, &status), "exec of \"%s\" succeeded", argv[0]);
	cr_expect_eq(r.err, err, "exec \"%s\": errno %d (%s), want %d (%s)", argv[0], r.err,
	             strerror(r.err), err, strerror(err));
	cr_expect_str_eq(r.message, message, "got \"%s\", want \"%s\"", r.message, message);
}

/* exec_command must succeed: the program ran and exited with code. */
static void expect_exec_runs(char *const argv[], char *const envp[], int code)
{
	struct exec_report r;
	int status;
	bool returned = run_exec(argv, envp, &r, &status);
	cr_assert_not(returned, "exec of \"%s\" failed: %s", argv[0], r.message);
	cr_assert(WIFEXITED(status), "status %#x", status);
	cr_expect_eq(WEXITSTATUS(status), code);
}

Test(exec, command_not_found_in_path)
{
	char *argv[] = { "launch-unit-no-such-command", NULL };
	char *envp[] = { "HOME=/", "PATH=/nonexistent-a:/nonexistent-b", NULL };
	expect_exec_error(argv, envp, ENOENT,
	                  "exec launch-unit-no-such-command: command not found in PATH");
}

Test(exec, command_not_found_in_default_path)
{
	char *argv[] = { "launch-unit-no-such-command", NULL };
	char *envp[] = { "PATHX=/bin", "XPATH=/bin", NULL };
	expect_exec_error(argv, envp, ENOENT,
	                  "exec launch-unit-no-such-command: command not found in the default "
	                  "PATH /usr/local/bin:/usr/bin:/bin");
}

Test(exec, command_empty_name)
{
	char *argv[] = { "", NULL };
	char *envp[] = { "PATH=/bin", NULL };
	expect_exec_error(argv, envp, ENOENT, "exec '': No such file or directory");
}

Test(exec, command_path_that_does_not_exist)
{
	char *argv[] = { "/nonexistent/launch-unit", NULL };
	char *envp[] = { NULL };
	expect_exec_error(argv, envp, ENOENT,
	                  "exec /nonexistent/launch-unit: No such file or directory");
}

Test(exec, command_path_through_a_file)
{
	char path[256], want[512];
	make_entry("file", "x", 0644, path, sizeof(path));
	strcat(path, "/prog");
	snprintf(want, sizeof(want), "exec %s: Not a directory", path);
	char *argv[] = { path, NULL };
	char *envp[] = { NULL };
	expect_exec_error(argv, envp, ENOTDIR, want);
}

Test(exec, command_directory)
{
	char path[256], want[512];
	make_entry("dir", NULL, 0755, path, sizeof(path));
	snprintf(want, sizeof(want), "exec %s: Permission denied", path);
	char *argv[] = { path, NULL };
	char *envp[] = { NULL };
	expect_exec_error(argv, envp, EACCES, want);
}

Test(exec, command_not_executable)
{
	char path[256], want[512];
	/* no execute bit at all: refused even to root */
	make_entry("script", "#!/bin/sh\nexit 0\n", 0644, path, sizeof(path));
	snprintf(want, sizeof(want), "exec %s: Permission denied", path);
	char *argv[] = { path, NULL };
	char *envp[] = { NULL };
	expect_exec_error(argv, envp, EACCES, want);
}

Test(exec, command_not_a_program)
{
	char path[256], want[512];
	/* no "#!": execvp would run it with /bin/sh, exec_command does not */
	make_entry("text", "echo hello\n", 0755, path, sizeof(path));
	snprintf(want, sizeof(want), "exec %s: Exec format error", path);
	char *argv[] = { path, NULL };
	char *envp[] = { NULL };
	expect_exec_error(argv, envp, ENOEXEC, want);
}

Test(exec, command_found_in_path_but_not_executable)
{
	char dir[256], file[256], env[600];
	make_entry("d", NULL, 0755, dir, sizeof(dir));
	make_entry("d/launch-unit-prog", "#!/bin/sh\n", 0644, file, sizeof(file));
	/* a permission error anywhere beats "not found" everywhere else */
	snprintf(env, sizeof(env), "PATH=/nonexistent:%s:/nonexistent-too", dir);
	char *argv[] = { "launch-unit-prog", NULL };
	char *envp[] = { env, NULL };
	expect_exec_error(argv, envp, EACCES,
	                  "exec launch-unit-prog (found in PATH): Permission denied");
}

Test(exec, command_directory_in_path)
{
	char dir[256], sub[256], env[600];
	make_entry("d", NULL, 0755, dir, sizeof(dir));
	make_entry("d/launch-unit-prog", NULL, 0755, sub, sizeof(sub));
	snprintf(env, sizeof(env), "PATH=%s", dir);
	char *argv[] = { "launch-unit-prog", NULL };
	char *envp[] = { env, NULL };
	expect_exec_error(argv, envp, EACCES,
	                  "exec launch-unit-prog (found in PATH): Permission denied");
}

Test(exec, command_format_error_in_path_stops_the_search)
{
	char dir[256], file[256], env[600], want[600];
	make_entry("d", NULL, 0755, dir, sizeof(dir));
	make_entry("d/true", "not a program\n", 0755, file, sizeof(file));
	snprintf(env, sizeof(env), "PATH=%s:/usr/bin:/bin", dir);
	snprintf(want, sizeof(want), "exec %s: Exec format error", file);
	char *argv[] = { "true", NULL };
	char *envp[] = { env, NULL };
	expect_exec_error(argv, envp, ENOEXEC, want);
}

Test(exec, command_search_skips_what_cannot_run)
{
	char dir[256], file[256], env[600];
	make_entry("d", NULL, 0755, dir, sizeof(dir));
	make_entry("d/sh", "#!/bin/false\n", 0644, file, sizeof(file));
	/* a file that is not a directory, a missing one, a non-executable
	 * "sh": the search goes on to the real sh, with argv and envp */
	snprintf(env, sizeof(env), "PATH=/etc/passwd:/nonexistent:%s:/usr/bin:/bin", dir);
	char *argv[] = { "sh", "-c", "exit $CODE", NULL };
	char *envp[] = { env, "CODE=7", NULL };
	expect_exec_runs(argv, envp, 7);
}

Test(exec, command_runs_a_path_with_a_slash)
{
	char path[256];
	make_entry("prog", "#!/bin/sh\nexit 3\n", 0755, path, sizeof(path));
	char *argv[] = { path, NULL };
	char *envp[] = { NULL };
	expect_exec_runs(argv, envp, 3);
}
