/* Process model (issue 2, item 1): init is PID 1 of a new PID namespace and
 * leads a new session; the command has its own process group from its
 * first instruction; it sees a fresh /proc with only the sandbox's
 * processes. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

TestSuite(process, .fini = h_cleanup, .timeout = 60);

Test(process, command_is_pid_2_in_own_group_and_init_session)
{
	struct result r;
	const char *argv[] = { launch_bin(), "--", probe_bin(), "ids", NULL };
	h_run(&r, 10, argv);
	cr_assert_eq(r.code, 0, "stderr: %s", r.err);
	/* init is 1, the command the next pid; the command leads its own
	 * group inside init's session */
	cr_expect(h_contains(r.out, "pid=2\n"), "%s", r.out);
	cr_expect(h_contains(r.out, "ppid=1\n"), "%s", r.out);
	cr_expect(h_contains(r.out, "pgid=2\n"), "%s", r.out);
	cr_expect(h_contains(r.out, "sid=1\n"), "%s", r.out);
	cr_expect(h_contains(r.out, "tty_nr=0\n"), "no controlling terminal: %s", r.out);
	h_result_free(&r);
}

Test(process, fresh_proc_shows_only_the_sandbox)
{
	struct result r;
	/* the shell's own glob: /proc holds init and the shell, nothing else */
	const char *argv[] = { launch_bin(),
		               "--",
		               "/bin/sh",
		               "-c",
		               "set -- /proc/[0-9]*; echo $# $1 $2; read c < /proc/1/comm; echo $c",
		               NULL };
	h_run(&r, 10, argv);
	cr_assert_eq(r.code, 0, "stderr: %s", r.err);
	cr_expect_str_eq(r.out, "2 /proc/1 /proc/2\nlaunch-init\n");
	h_result_free(&r);
}

Test(process, proc_mount_does_not_leak_to_host)
{
	char before[256] = "", after[256] = "";
	FILE *f = popen("grep -c ' /proc ' /proc/self/mountinfo", "r");
	cr_assert(f && fgets(before, sizeof(before), f));
	pclose(f);
	struct result r;
	const char *argv[] = { launch_bin(), "--", "/bin/true", NULL };
	h_run(&r, 10, argv);
	cr_assert_eq(r.code, 0);
	f = popen("grep -c ' /proc ' /proc/self/mountinfo", "r");
	cr_assert(f && fgets(after, sizeof(after), f));
	pclose(f);
	cr_expect_str_eq(after, before);
	h_result_free(&r);
}
