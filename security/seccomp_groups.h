/* Seccomp syscall groups: "@mount", "@system-service", ... with systemd's
 * names and meanings (SPEC "Profiles"), as data. Pure: no libseccomp, no
 * kernel, so the profile loader can check names and the unit tests can
 * check the table. The seccomp filter turns an expansion into rules. */
#ifndef LAUNCH_SECURITY_SECCOMP_GROUPS_H
#define LAUNCH_SECURITY_SECCOMP_GROUPS_H

#include <stdbool.h>
#include <stddef.h>

/* More names than any group expands to (@known, the largest, has about
 * 620); a unit test checks it. */
#define SECCOMP_GROUP_EXPAND_MAX 1024

struct seccomp_group {
	const char *name;    /* with the '@': "@mount" */
	const char *summary; /* one line, for help and error messages */
	/* NULL-terminated, never NULL; either may be empty */
	const char *const *includes; /* other groups, by name: "@chown" */
	const char *const *syscalls; /* system call names, sorted */
};

/* The group called name ("@mount", with the '@'), or NULL. */
const struct seccomp_group *seccomp_group_find(const char *name);
bool seccomp_group_name_valid(const char *name);

/* All groups, in the table's order (alphabetical, @known last), e.g. for
 * the closest name in an error message: i < seccomp_group_count(). */
size_t seccomp_group_count(void);
const struct seccomp_group *seccomp_group_at(size_t i);

/* Every system call in g and in the groups it includes, however deeply,
 * each name once, sorted by strcmp. Returns how many it stored in out;
 * -ENOENT if an include names no group, -E2BIG past the bound: table bugs
 * that the unit tests rule out. A group included twice is expanded once,
 * so the expansion ends even if includes formed a cycle; the unit tests
 * rule cycles out too. */
int seccomp_group_expand(const struct seccomp_group *g, const char *out[SECCOMP_GROUP_EXPAND_MAX]);

/* Where a name in the table is a system call. The groups are systemd's,
 * for every architecture; launch's filter is built for the native one,
 * and libseccomp gives a name that the architecture lacks a negative
 * "pseudo" number, or none at all (__NR_SCMP_ERROR) for a name it does not
 * know. Relative to x86-64, the architecture launch is built and tested
 * on; a unit test holds each name to libseccomp's own tables. */
enum seccomp_syscall_where {
	/* a system call on x86-64 */
	SECCOMP_SYSCALL_X86_64,
	/* not on x86-64, but libseccomp knows it: the 32-bit ABIs' calls
	 * (chown32, mmap2, *_time64, socketcall, ...) and those of other
	 * architectures it supports (arm's set_tls, ppc's rtas, ...) */
	SECCOMP_SYSCALL_OTHER_ARCH,
	/* libseccomp (2.5.4, Debian 12) has no number for it anywhere: calls
	 * of architectures it cannot filter (alpha, arc, csky, ia64, m68k,
	 * openrisc, sparc) and riscv_hwprobe, newer than it */
	SECCOMP_SYSCALL_NOT_IN_LIBSECCOMP,
};

/* For a name in the table; SECCOMP_SYSCALL_X86_64 for any other. */
enum seccomp_syscall_where seccomp_syscall_where(const char *name);

#endif
