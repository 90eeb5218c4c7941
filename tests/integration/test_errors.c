/* Errors (issue 2, item 8): exec failures give 126/127 with the path and
 * the reason; setup failures give 125; each is one "launch: ..." line. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "harness.h"

TestSuite(errors, .fini = h_cleanup, .timeout = 60);

static void expect_one_line(const char *argv[], int code, const char *line)
{
	struct result r;
	h_run(&r, 10, argv);
	cr_expect_eq(r.code, code, "%s: exit %d, stderr %s", argv[1], r.code, r.err);
	cr_expect_str_eq(r.err, line);
	cr_expect_str_eq(r.out, "");
	h_result_free(&r);
}

static const char *make_file(const char *name, const char *content, mode_t mode)
{
	static char path[256];
	snprintf(path, sizeof(path), "%s/%s", h_tmpdir(), name);
	FILE *f = fopen(path, "w");
	cr_assert(f);
	fputs(content, f);
	fclose(f);
	chmod(path, mode);
	return path;
}

Test(errors, command_not_in_path_is_127)
{
	const char *argv[] = { launch_bin(), "--", "no-such-command-xyz", NULL };
	expect_one_line(argv, 127, "launch: exec no-such-command-xyz: command not found in PATH\n");
}

Test(errors, missing_path_is_127)
{
	const char *argv[] = { launch_bin(), "--", "/no/such/file", NULL };
	expect_one_line(argv, 127, "launch: exec /no/such/file: No such file or directory\n");
}

Test(errors, file_without_execute_permission_is_126)
{
	const char *path = make_file("plain", "#!/bin/sh\n", 0644);
	char line[512];
	snprintf(line, sizeof(line), "launch: exec %s: Permission denied\n", path);
	const char *argv[] = { launch_bin(), "--", path, NULL };
	expect_one_line(argv, 126, line);
}

Test(errors, file_that_is_not_a_program_is_126)
{
	const char *path = make_file("garbage", "this is not a program\n", 0755);
	char line[512];
	snprintf(line, sizeof(line), "launch: exec %s: Exec format error\n", path);
	const char *argv[] = { launch_bin(), "--", path, NULL };
	expect_one_line(argv, 126, line);
}

Test(errors, directory_is_126)
{
	const char *argv[] = { launch_bin(), "--", "/tmp", NULL };
	expect_one_line(argv, 126, "launch: exec /tmp: Permission denied\n");
}

Test(errors, no_command_is_125)
{
	const char *argv[] = { launch_bin(), NULL };
	expect_one_line(argv, 125, "launch: no command given (try --help)\n");
}

Test(errors, unknown_option_is_125)
{
	const char *argv[] = { launch_bin(), "--frobnicate", "--", "/bin/true", NULL };
	expect_one_line(argv, 125, "launch: unknown option '--frobnicate' (try --help)\n");
}

Test(errors, option_without_value_is_125)
{
	const char *argv[] = { launch_bin(), "--timeout", NULL };
	expect_one_line(argv, 125, "launch: option '--timeout' needs a value\n");
}

Test(errors, bad_stop_signal_is_125)
{
	const char *argv[] = { launch_bin(), "--stop-signal", "SIGNOPE", "--", "/bin/true", NULL };
	expect_one_line(argv, 125, "launch: --stop-signal: unknown signal 'SIGNOPE'\n");
}

/* The command inherits the caller's working directory as it is, even one
 * that was removed, as any child process would: no path is looked up. */
Test(errors, vanished_working_directory_is_inherited_as_it_is)
{
	struct result r;
	char dir[256];
	snprintf(dir, sizeof(dir), "%s/gone", h_tmpdir());
	cr_assert(mkdir(dir, 0755) == 0);
	const char *argv[] = {
		"/bin/sh",    "-c",        "cd \"$2\" && rmdir \"$2\" && exec \"$0\" -- \"$1\" cwd",
		launch_bin(), probe_bin(), dir,
		NULL
	};
	h_run(&r, 10, argv);
	cr_expect_eq(r.code, 0, "%s", r.err);
	char expect[300];
	snprintf(expect, sizeof(expect), "%s (deleted)\n", dir);
	cr_expect_str_eq(r.out, expect);
	h_result_free(&r);
}

Test(errors, options_of_the_command_are_not_launchs)
{
	struct result r;
	const char *argv[] = { launch_bin(), "/bin/echo", "--timeout", "x", NULL };
	h_run(&r, 10, argv);
	cr_expect_eq(r.code, 0, "%s", r.err);
	cr_expect_str_eq(r.out, "--timeout x\n");
	h_result_free(&r);
}
