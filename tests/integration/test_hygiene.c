/* Hygiene (issue 2, item 6): no descriptor of launch reaches the command
 * but 0-2 and --pass-fd ones; the caller's signal mask and ignored signals
 * arrive unchanged; the command runs in the caller's directory, init in /;
 * standard streams pass byte for byte. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"

TestSuite(hygiene, .fini = h_cleanup, .timeout = 60);

/* Three descriptors on /dev/null at free numbers (close-on-exec in the
 * test; the harness hands them to launch without the flag). */
static void open_three(int keep[3])
{
	for (int i = 0; i < 3; i++) {
		int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
		cr_assert(fd >= 0);
		keep[i] = fcntl(fd, F_DUPFD_CLOEXEC, 100 + 17 * i);
		cr_assert(keep[i] >= 0);
		close(fd);
	}
}

Test(hygiene, only_standard_descriptors_reach_the_command)
{
	int keep[3];
	open_three(keep);
	struct spawn_opts o = { .tty_fd = -1, .keep_fds = keep, .n_keep_fds = 3 };
	struct child c;
	struct result r;
	const char *argv[] = { launch_bin(), "--", probe_bin(), "fds", NULL };
	h_spawn(&c, &o, argv);
	h_wait(&c, 10, &r);
	cr_assert_eq(r.code, 0, "%s", r.err);
	cr_expect_str_eq(r.out, "0 1 2\n");
	h_result_free(&r);
}

Test(hygiene, pass_fd_lets_exactly_those_through)
{
	int keep[3];
	open_three(keep);
	struct spawn_opts o = { .tty_fd = -1, .keep_fds = keep, .n_keep_fds = 3 };
	struct child c;
	struct result r;
	char a[16], b[16], expect[64];
	snprintf(a, sizeof(a), "%d", keep[1]);
	snprintf(b, sizeof(b), "%d", keep[2]);
	snprintf(expect, sizeof(expect), "0 1 2 %d %d\n", keep[1], keep[2]);
	const char *argv[] = { launch_bin(), "--pass-fd", a,     "--pass-fd", b,
		               "--",         probe_bin(), "fds", NULL };
	h_spawn(&c, &o, argv);
	h_wait(&c, 10, &r);
	cr_assert_eq(r.code, 0, "%s", r.err);
	cr_expect_str_eq(r.out, expect);
	h_result_free(&r);
}

Test(hygiene, pass_fd_that_is_not_open_is_an_error)
{
	struct result r;
	const char *argv[] = { launch_bin(), "--pass-fd", "977", "--", "/bin/true", NULL };
	h_run(&r, 10, argv);
	cr_expect_eq(r.code, 125);
	cr_expect_str_eq(r.err, "launch: --pass-fd 977: Bad file descriptor\n");
	h_result_free(&r);
}

Test(hygiene, closed_standard_streams_stay_closed)
{
	struct result r;
	/* the caller closed stdin: the command must not find a descriptor of
	 * launch's there */
	const char *argv[] = { "/bin/sh",    "-c",        "exec \"$0\" -- \"$1\" fds <&-",
		               launch_bin(), probe_bin(), NULL };
	h_run(&r, 10, argv);
	cr_assert_eq(r.code, 0, "%s", r.err);
	cr_expect_str_eq(r.out, "1 2\n");
	h_result_free(&r);
}

/* SigIgn of this test process: ignored signals are inherited through fork
 * and exec, so the caller launch sees has these plus the ones the harness
 * adds (the environment may bring some: make runs tests with signal 32
 * ignored). */
static unsigned long long own_ignored(void)
{
	char line[256];
	unsigned long long ignored = 0;
	FILE *f = fopen("/proc/self/status", "r");
	cr_assert(f);
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "SigIgn: %llx", &ignored) == 1)
			break;
	fclose(f);
	return ignored;
}

Test(hygiene, signal_mask_and_ignored_signals_reach_the_command)
{
	sigset_t mask;
	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR1);
	sigaddset(&mask, SIGRTMIN + 1);
	static const int ignore[] = { SIGUSR2, SIGPIPE, SIGCHLD };
	struct spawn_opts o = { .tty_fd = -1, .mask = &mask, .ignore = ignore, .n_ignore = 3 };
	struct child c;
	struct result r;
	const char *argv[] = { launch_bin(), "--", probe_bin(), "sigstate", NULL };
	h_spawn(&c, &o, argv);
	h_wait(&c, 10, &r);
	cr_assert_eq(r.code, 0, "%s", r.err);
	unsigned long long blocked = (1ULL << (SIGUSR1 - 1)) | (1ULL << (SIGRTMIN + 1 - 1));
	unsigned long long ignored = own_ignored() | (1ULL << (SIGUSR2 - 1)) |
	                             (1ULL << (SIGPIPE - 1)) | (1ULL << (SIGCHLD - 1));
	char expect[128];
	snprintf(expect, sizeof(expect), "blocked=%016llx ignored=%016llx\n", blocked, ignored);
	cr_expect_str_eq(r.out, expect);
	h_result_free(&r);
}

Test(hygiene, command_runs_in_the_callers_directory_and_init_in_root)
{
	struct spawn_opts o = { .tty_fd = -1, .cwd = h_tmpdir() };
	struct child c;
	struct result r;
	const char *argv[] = { launch_bin(), "--", "/bin/sh", "-c", "pwd; sleep 0.5", NULL };
	h_spawn(&c, &o, argv);
	/* once the command runs, init has long moved to / */
	char *line = h_readline(&c, 10);
	char expect[128];
	snprintf(expect, sizeof(expect), "%s", h_tmpdir());
	cr_expect_str_eq(line ? line : "EOF", expect);
	free(line);
	pid_t init = h_init_pid(c.pid, 5);
	cr_assert(init > 0);
	char path[64], target[4096] = "";
	snprintf(path, sizeof(path), "/proc/%d/cwd", init);
	ssize_t n = readlink(path, target, sizeof(target) - 1);
	cr_assert(n > 0);
	target[n] = '\0';
	cr_expect_str_eq(target, "/");
	h_wait(&c, 10, &r);
	cr_assert_eq(r.code, 0, "%s", r.err);
	h_result_free(&r);
}

static void random_file(const char *path, size_t size)
{
	FILE *in = fopen("/dev/urandom", "r"), *out = fopen(path, "w");
	cr_assert(in && out);
	char buf[65536];
	for (size_t done = 0; done < size; done += sizeof(buf)) {
		cr_assert(fread(buf, 1, sizeof(buf), in) == sizeof(buf));
		cr_assert(fwrite(buf, 1, sizeof(buf), out) == sizeof(buf));
	}
	fclose(in);
	fclose(out);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "r");
	cr_assert(f);
	fseek(f, 0, SEEK_END);
	*len = (size_t)ftell(f);
	rewind(f);
	char *data = malloc(*len);
	cr_assert(data && fread(data, 1, *len, f) == *len);
	fclose(f);
	return data;
}

Test(hygiene, standard_streams_pass_byte_for_byte)
{
	char path[256];
	size_t len;
	snprintf(path, sizeof(path), "%s/random", h_tmpdir());
	random_file(path, 4 << 20);
	char *data = slurp(path, &len);

	struct spawn_opts o = { .tty_fd = -1, .stdin_path = path };
	struct child c;
	struct result r;
	/* stdout and stderr both: the same bytes through each */
	const char *argv[] = { launch_bin(), "--", "/bin/sh", "-c", "tee /dev/stderr", NULL };
	h_spawn(&c, &o, argv);
	h_wait(&c, 30, &r);
	cr_assert_eq(r.code, 0);
	cr_assert_eq(r.out_len, len);
	cr_assert_eq(r.err_len, len);
	cr_expect(memcmp(r.out, data, len) == 0, "stdout differs");
	cr_expect(memcmp(r.err, data, len) == 0, "stderr differs");
	free(data);
	h_result_free(&r);
}
