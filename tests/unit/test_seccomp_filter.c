/* security/seccomp.h: the profile's seccomp key as a BPF program. Built for
 * a few profiles (none when nothing is filtered), then loaded for real in
 * a forked child, which makes the calls and reports what it got: the
 * chosen errno, kill, log, deny over allow, @default implied, no new
 * namespaces, and calls through i386's int 0x80 killed. The shipped
 * strict profile's filter is loaded the same way. */
#include <criterion/criterion.h>
#include <errno.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "profiles/load.h"
#include "profiles/profile.h"
#include "security/seccomp.h"

static void build(const struct profile *p, struct sock_fprog *prog)
{
	struct lx_error e = { 0 };
	cr_assert_eq(seccomp_build(p, prog, &e), 0, "%s", e.message);
}

/* The call body makes, as 0 or its errno. */
typedef int (*call_fn)(void);

static int call_ptrace(void)
{
	/* about itself, which it does not trace: ESRCH when allowed */
	return ptrace(PTRACE_CONT, getpid(), NULL, NULL) < 0 ? errno : 0;
}

static int call_personality(void)
{
	return personality(0xffffffff) < 0 ? errno : 0;
}

static int call_getpid(void)
{
	return syscall(SYS_getpid) > 0 ? 0 : errno;
}

static int call_mount(void)
{
	return mount("none", "/nonexistent-launch-test", "tmpfs", 0, NULL) < 0 ? errno : 0;
}

static int call_unshare_user(void)
{
	return unshare(CLONE_NEWUSER) < 0 ? errno : 0;
}

static int call_unshare_net(void)
{
	return unshare(CLONE_NEWNET) < 0 ? errno : 0;
}

static int call_unshare_nothing(void)
{
	return unshare(0) < 0 ? errno : 0;
}

static int call_setns(void)
{
	return setns(-1, 0) < 0 ? errno : 0;
}

static int call_clone3(void)
{
	/* size 0 is invalid: EINVAL from the kernel, ENOSYS from the filter */
	return syscall(SYS_clone3, NULL, 0) < 0 ? errno : 0;
}

static int call_clone_user(void)
{
	long pid = syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, NULL, NULL, NULL, 0);
	if (pid == 0)
		syscall(SYS_exit, 0);
	if (pid < 0)
		return errno;
	waitpid((pid_t)pid, NULL, 0);
	return 0;
}

static int call_write(void)
{
	return write(-1, "", 0) < 0 ? errno : 0;
}

/* getpid through int 0x80: i386's table (20) */
static int call_i386_getpid(void)
{
	long ret;
	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(20L) : "memory", "r8", "r9", "r10", "r11");
	return ret > 0 ? 0 : (int)-ret;
}

/* The wait status of a child that loads prog and exits with what each call
 * returned (errno), one call a child. 200: the filter did not load. */
static int run_filtered(const struct sock_fprog *prog, call_fn call)
{
	fflush(NULL);
	pid_t pid = fork();
	cr_assert(pid >= 0);
	if (pid == 0) {
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
		    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, prog) < 0)
			_exit(200);
		/* not _exit: a sanitizer's would check for leaks first, with
		 * calls the filter refuses */
		syscall(SYS_exit_group, call());
	}
	int status;
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	cr_assert(!WIFEXITED(status) || WEXITSTATUS(status) != 200, "the filter did not load");
	return status;
}

/* The call's result under prog: its errno (0: success), -SIGNAL if killed. */
static int result(const struct sock_fprog *prog, call_fn call)
{
	int status = run_filtered(prog, call);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

#define expect_result(prog, call, want)                                                  \
	do {                                                                             \
		int got_ = result((prog), (call));                                       \
		cr_expect_eq(got_, (want), "%s: got %d (%s), want %d (%s)", #call, got_, \
		             got_ > 0   ? strerrorname_np(got_)                          \
		             : got_ < 0 ? "killed"                                       \
		                        : "ok",                                          \
		             (want),                                                     \
		             (want) > 0   ? strerrorname_np(want)                        \
		             : (want) < 0 ? "killed"                                     \
		                          : "ok");                                       \
	} while (0)

TestSuite(seccomp_filter);

Test(seccomp_filter, nothing_to_filter_is_no_program)
{
	struct profile p;
	profile_init_defaults(&p);
	struct sock_fprog prog = { .len = 99, .filter = (void *)&p };
	build(&p, &prog);
	cr_expect_eq(prog.len, 0);
	cr_expect_null(prog.filter);
	seccomp_program_free(&prog);
	/* allow with an empty deny list is still nothing */
	static const char *none[] = { NULL };
	p.seccomp_deny = none;
	p.n_seccomp_deny = 0;
	build(&p, &prog);
	cr_expect_eq(prog.len, 0);
	profile_free(&p);
}

Test(seccomp_filter, deny_alone_filters)
{
	struct profile p;
	profile_init_defaults(&p);
	static const char *deny[] = { "ptrace" };
	p.seccomp_deny = deny;
	p.n_seccomp_deny = 1;
	struct sock_fprog prog;
	build(&p, &prog);
	cr_assert_gt(prog.len, 0);
	expect_result(&prog, call_ptrace, EPERM);
	expect_result(&prog, call_personality, 0);
	expect_result(&prog, call_getpid, 0);
	seccomp_program_free(&prog);
	cr_expect_null(prog.filter);
	profile_free(&p);
}

Test(seccomp_filter, errno_default_with_the_chosen_errno)
{
	struct profile p;
	profile_init_defaults(&p);
	static const char *allow[] = { "@system-service" };
	p.seccomp_default = SECCOMP_ERRNO;
	p.seccomp_errno = EACCES;
	p.seccomp_allow = allow;
	p.n_seccomp_allow = 1;
	struct sock_fprog prog;
	build(&p, &prog);
	expect_result(&prog, call_ptrace, EACCES);
	expect_result(&prog, call_mount, EACCES);
	expect_result(&prog, call_personality, 0);
	expect_result(&prog, call_write, EBADF);
	seccomp_program_free(&prog);
	profile_free(&p);
}

Test(seccomp_filter, deny_wins_over_allow)
{
	struct profile p;
	profile_init_defaults(&p);
	static const char *allow[] = { "@system-service", "ptrace" };
	static const char *deny[] = { "personality", "ptrace" };
	p.seccomp_default = SECCOMP_ERRNO;
	p.seccomp_errno = ENOSYS;
	p.seccomp_allow = allow;
	p.n_seccomp_allow = 2;
	p.seccomp_deny = deny;
	p.n_seccomp_deny = 2;
	struct sock_fprog prog;
	build(&p, &prog);
	expect_result(&prog, call_personality, ENOSYS);
	expect_result(&prog, call_ptrace, ENOSYS);
	seccomp_program_free(&prog);

	/* with kill, a denied call kills too */
	p.seccomp_default = SECCOMP_KILL;
	build(&p, &prog);
	expect_result(&prog, call_personality, -SIGSYS);
	expect_result(&prog, call_getpid, 0);
	seccomp_program_free(&prog);
	profile_free(&p);
}

Test(seccomp_filter, kill_and_log)
{
	struct profile p;
	profile_init_defaults(&p);
	static const char *allow[] = { "@system-service" };
	p.seccomp_allow = allow;
	p.n_seccomp_allow = 1;
	struct sock_fprog prog;
	p.seccomp_default = SECCOMP_KILL;
	build(&p, &prog);
	expect_result(&prog, call_ptrace, -SIGSYS);
	expect_result(&prog, call_personality, 0);
	seccomp_program_free(&prog);

	p.seccomp_default = SECCOMP_LOG;
	build(&p, &prog);
	expect_result(&prog, call_ptrace, ESRCH);
	seccomp_program_free(&prog);
	profile_free(&p);
}

/* An allow list that names nothing still has @default: the process can
 * exit, and ask its pid, not write. */
Test(seccomp_filter, default_group_is_implied)
{
	struct profile p;
	profile_init_defaults(&p);
	static const char *none[] = { NULL };
	p.seccomp_default = SECCOMP_KILL;
	p.seccomp_allow = none;
	p.n_seccomp_allow = 0;
	struct sock_fprog prog;
	build(&p, &prog);
	expect_result(&prog, call_getpid, 0);
	expect_result(&prog, call_write, -SIGSYS);
	seccomp_program_free(&prog);
	profile_free(&p);
}

Test(seccomp_filter, no_new_namespaces)
{
	struct profile p;
	profile_init_defaults(&p);
	p.seccomp_restrict_ns = true;
	struct sock_fprog prog;
	build(&p, &prog);
	cr_assert_gt(prog.len, 0);
	expect_result(&prog, call_unshare_user, EPERM);
	expect_result(&prog, call_unshare_net, EPERM);
	expect_result(&prog, call_clone_user, EPERM);
	expect_result(&prog, call_setns, EPERM);
	expect_result(&prog, call_clone3, ENOSYS);
	/* unshare without a new namespace is not refused */
	expect_result(&prog, call_unshare_nothing, 0);
	seccomp_program_free(&prog);

	/* the same under an allow list that names them, with another errno */
	static const char *allow[] = { "@system-service" };
	p.seccomp_default = SECCOMP_ERRNO;
	p.seccomp_errno = EACCES;
	p.seccomp_allow = allow;
	p.n_seccomp_allow = 1;
	build(&p, &prog);
	expect_result(&prog, call_unshare_user, EPERM);
	expect_result(&prog, call_clone3, ENOSYS);
	expect_result(&prog, call_unshare_nothing, 0);
	expect_result(&prog, call_ptrace, EACCES);
	seccomp_program_free(&prog);
	profile_free(&p);
}

/* Can this machine run i386 calls at all? */
static bool i386_works(void)
{
	pid_t pid = fork();
	cr_assert(pid >= 0);
	if (pid == 0)
		_exit(call_i386_getpid());
	int status;
	waitpid(pid, &status, 0);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

Test(seccomp_filter, foreign_entry_point_is_killed)
{
	if (!i386_works())
		cr_skip_test("this machine runs no i386 calls (IA32 emulation off)");
	struct profile p;
	profile_init_defaults(&p);
	static const char *deny[] = { "ptrace" };
	p.seccomp_deny = deny;
	p.n_seccomp_deny = 1;
	struct sock_fprog prog;
	build(&p, &prog);
	expect_result(&prog, call_getpid, 0);
	expect_result(&prog, call_i386_getpid, -SIGSYS);
	seccomp_program_free(&prog);
	profile_free(&p);
}

Test(seccomp_filter, unknown_group_is_an_error)
{
	struct profile p;
	profile_init_defaults(&p);
	static const char *allow[] = { "@no-such-group" };
	p.seccomp_default = SECCOMP_ERRNO;
	p.seccomp_allow = allow;
	p.n_seccomp_allow = 1;
	struct sock_fprog prog;
	struct lx_error e = { 0 };
	cr_expect_eq(seccomp_build(&p, &prog, &e), -ENOENT);
	cr_expect_str_eq(e.message,
	                 "seccomp.allow: group @no-such-group: No such file or directory");
	cr_expect_eq(prog.len, 0);
	profile_free(&p);
}

/* The shipped strict profile (profiles/strict.json, read from the source
 * tree: the tests run from its top) on the embedded default's keys. */
Test(seccomp_filter, strict_profile_filter)
{
	struct profile file;
	struct profile_extends ext;
	struct strbuf problems = STRBUF_INIT;
	struct profile_diag d = { .out = &problems };
	profile_init(&file);
	if (access("profiles/strict.json", R_OK) != 0)
		cr_skip_test("profiles/strict.json is not here (the tests run from %s)",
		             getcwd((char[4096]){ 0 }, 4096));
	cr_assert_eq(profile_parse_file("profiles/strict.json", &file, &ext, &d), 0, "%s",
	             problems.data);
	struct profile p;
	profile_init_defaults(&p);
	profile_merge(&p, &file);
	profile_normalize(&p);
	struct sock_fprog prog;
	build(&p, &prog);
	expect_result(&prog, call_ptrace, EPERM);
	expect_result(&prog, call_mount, EPERM);
	expect_result(&prog, call_unshare_user, EPERM);
	expect_result(&prog, call_clone3, ENOSYS);
	expect_result(&prog, call_personality, 0);
	expect_result(&prog, call_getpid, 0);
	if (i386_works())
		expect_result(&prog, call_i386_getpid, -SIGSYS);
	seccomp_program_free(&prog);
	profile_free(&p);
	profile_free(&file);
	strbuf_free(&problems);
}
