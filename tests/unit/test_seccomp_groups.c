/* security/seccomp_groups: the table of systemd's syscall groups. Every
 * group is found by its name and nothing else is; includes resolve and
 * form no cycle; expansions hold each name once; the meanings users rely
 * on (what @mount, @privileged and @system-service hold and leave out);
 * and every name is one libseccomp knows, the x86-64 marks agreeing with
 * libseccomp's own tables. */
#include <criterion/criterion.h>
#include <errno.h>
#include <seccomp.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "base/cleanup.h"
#include "security/seccomp_groups.h"

TestSuite(seccomp_groups);

/* systemd v254's groups, which the table must hold, no more, no less */
static const char *const systemd_groups[] = {
	"@aio",        "@basic-io",    "@chown",    "@clock",      "@cpu-emulation",  "@debug",
	"@default",    "@file-system", "@io-event", "@ipc",        "@keyring",        "@known",
	"@memlock",    "@module",      "@mount",    "@network-io", "@obsolete",       "@pkey",
	"@privileged", "@process",     "@raw-io",   "@reboot",     "@resources",      "@sandbox",
	"@setuid",     "@signal",      "@swap",     "@sync",       "@system-service", "@timer",
};

static const struct seccomp_group *group(const char *name)
{
	const struct seccomp_group *g = seccomp_group_find(name);
	cr_assert_not_null(g, "no group %s", name);
	return g;
}

/* g's expansion, which must succeed */
static size_t expand(const struct seccomp_group *g, const char *out[SECCOMP_GROUP_EXPAND_MAX])
{
	int n = seccomp_group_expand(g, out);
	cr_assert_geq(n, 0, "expanding %s: %s", g->name, strerror(-n));
	return (size_t)n;
}

static bool in_list(const char *name, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], name) == 0)
			return true;
	return false;
}

static bool expands_to(const char *group_name, const char *syscall)
{
	const char *out[SECCOMP_GROUP_EXPAND_MAX];
	size_t n = expand(group(group_name), out);
	return in_list(syscall, out, n);
}

static bool includes(const char *group_name, const char *sub)
{
	const struct seccomp_group *g = group(group_name);
	for (const char *const *inc = g->includes; *inc; inc++)
		if (strcmp(*inc, sub) == 0)
			return true;
	return false;
}

static void expect_members(const char *group_name, const char *const *syscalls)
{
	for (const char *const *s = syscalls; *s; s++)
		cr_expect(expands_to(group_name, *s), "%s lacks %s", group_name, *s);
}

#define MEMBERS(...) ((const char *const[]){ __VA_ARGS__, NULL })

Test(seccomp_groups, systemds_groups_are_all_found)
{
	cr_expect_eq(seccomp_group_count(), ARRAY_SIZE(systemd_groups));
	for (size_t i = 0; i < ARRAY_SIZE(systemd_groups); i++) {
		const struct seccomp_group *g = seccomp_group_find(systemd_groups[i]);
		cr_expect_not_null(g, "%s not found", systemd_groups[i]);
		if (g)
			cr_expect_str_eq(g->name, systemd_groups[i]);
		cr_expect(seccomp_group_name_valid(systemd_groups[i]));
	}
	for (size_t i = 0; i < seccomp_group_count(); i++) {
		const struct seccomp_group *g = seccomp_group_at(i);
		cr_expect(in_list(g->name, systemd_groups, ARRAY_SIZE(systemd_groups)),
		          "%s is not one of systemd's groups", g->name);
		cr_expect_eq(seccomp_group_find(g->name), g);
		cr_expect_gt(strlen(g->summary), 0, "%s has no summary", g->name);
	}
	cr_expect_null(seccomp_group_at(seccomp_group_count()));
}

Test(seccomp_groups, other_names_are_unknown)
{
	static const char *const bad[] = {
		"mount",           "@",       "",         "@Mount",     "@mount ",
		" @mount",         "@mounts", "@system",  "@default-",  "@systemservice",
		"@system_service", "@all",    "@network", "@privilege", "@@mount",
		"ptrace",
	};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		cr_expect_null(seccomp_group_find(bad[i]), "\"%s\" found", bad[i]);
		cr_expect_not(seccomp_group_name_valid(bad[i]), "\"%s\" valid", bad[i]);
	}
	cr_expect_null(seccomp_group_find(NULL));
	cr_expect_not(seccomp_group_name_valid(NULL));
}

Test(seccomp_groups, table_is_well_formed)
{
	for (size_t i = 0; i < seccomp_group_count(); i++) {
		const struct seccomp_group *g = seccomp_group_at(i);
		cr_assert_not_null(g->includes, "%s", g->name);
		cr_assert_not_null(g->syscalls, "%s", g->name);
		cr_expect_not_null(g->syscalls[0], "%s lists no system call", g->name);
		if (i > 0 && strcmp(g->name, "@known") != 0)
			cr_expect_lt(strcmp(seccomp_group_at(i - 1)->name, g->name), 0,
			             "%s is out of order", g->name);
		for (const char *const *s = g->syscalls; *s; s++) {
			cr_expect_neq((*s)[0], '@', "%s: group %s among the system calls", g->name,
			              *s);
			cr_expect_eq(strspn(*s, "abcdefghijklmnopqrstuvwxyz0123456789_"),
			             strlen(*s), "%s: \"%s\"", g->name, *s);
			/* sorted, so also without repeats */
			if (s != g->syscalls)
				cr_expect_lt(strcmp(s[-1], *s), 0, "%s: %s after %s", g->name, *s,
				             s[-1]);
		}
	}
	cr_expect_str_eq(seccomp_group_at(seccomp_group_count() - 1)->name, "@known");
}

Test(seccomp_groups, includes_resolve)
{
	for (size_t i = 0; i < seccomp_group_count(); i++) {
		const struct seccomp_group *g = seccomp_group_at(i);
		for (const char *const *inc = g->includes; *inc; inc++) {
			cr_expect_not_null(seccomp_group_find(*inc), "%s includes %s, no group",
			                   g->name, *inc);
			cr_expect_str_neq(*inc, g->name, "%s includes itself", g->name);
			for (const char *const *later = inc + 1; *later; later++)
				cr_expect_str_neq(*inc, *later, "%s includes %s twice", g->name,
				                  *inc);
		}
	}
}

/* Depth-first over the includes: a group met again while it is still on
 * the path is a cycle. */
enum {
	UNSEEN,
	ON_PATH,
	DONE
};

static size_t index_of(const struct seccomp_group *g)
{
	for (size_t i = 0; i < seccomp_group_count(); i++)
		if (seccomp_group_at(i) == g)
			return i;
	cr_assert_fail("%s is not in the table", g->name);
	return 0;
}

static void visit(size_t i, int state[])
{
	const struct seccomp_group *g = seccomp_group_at(i);
	state[i] = ON_PATH;
	for (const char *const *inc = g->includes; *inc; inc++) {
		const struct seccomp_group *sub = seccomp_group_find(*inc);
		if (!sub)
			continue; /* includes_resolve reports it */
		size_t j = index_of(sub);
		cr_assert_neq(state[j], ON_PATH, "cycle: %s includes %s, which leads back", g->name,
		              sub->name);
		if (state[j] == UNSEEN)
			visit(j, state);
	}
	state[i] = DONE;
}

Test(seccomp_groups, includes_form_no_cycle)
{
	int state[64] = { 0 };
	cr_assert_leq(seccomp_group_count(), ARRAY_SIZE(state));
	for (size_t i = 0; i < seccomp_group_count(); i++)
		if (state[i] == UNSEEN)
			visit(i, state);
}

Test(seccomp_groups, expansions_hold_each_name_once)
{
	for (size_t i = 0; i < seccomp_group_count(); i++) {
		const struct seccomp_group *g = seccomp_group_at(i);
		const char *out[SECCOMP_GROUP_EXPAND_MAX];
		size_t n = expand(g, out);
		cr_expect_lt(n, SECCOMP_GROUP_EXPAND_MAX, "%s: raise SECCOMP_GROUP_EXPAND_MAX",
		             g->name);
		for (size_t k = 1; k < n; k++)
			cr_expect_lt(strcmp(out[k - 1], out[k]), 0, "%s: %s then %s", g->name,
			             out[k - 1], out[k]);
		/* the group's own names and its includes' are all there */
		for (const char *const *s = g->syscalls; *s; s++)
			cr_expect(in_list(*s, out, n), "%s: %s missing", g->name, *s);
		for (const char *const *inc = g->includes; *inc; inc++) {
			const char *sub[SECCOMP_GROUP_EXPAND_MAX];
			size_t m = expand(group(*inc), sub);
			for (size_t k = 0; k < m; k++)
				cr_expect(in_list(sub[k], out, n), "%s: %s of %s missing", g->name,
				          sub[k], *inc);
		}
	}
}

/* The expansions' sizes as systemd v254 has them on every architecture
 * (systemd-analyze syscall-filter shows fewer: only the native ones). */
Test(seccomp_groups, expansion_sizes)
{
	static const struct {
		const char *name;
		size_t n;
	} sizes[] = {
		{ "@aio", 10 },
		{ "@mount", 12 },
		{ "@swap", 2 },
		{ "@default", 62 },
		{ "@privileged", 53 },
		{ "@obsolete", 27 },
		{ "@system-service", 374 },
		{ "@known", 617 },
	};
	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
		const char *out[SECCOMP_GROUP_EXPAND_MAX];
		cr_expect_eq(expand(group(sizes[i].name), out), sizes[i].n, "%s", sizes[i].name);
	}
}

Test(seccomp_groups, meanings_users_rely_on)
{
	expect_members("@mount",
	               MEMBERS("mount", "umount2", "pivot_root", "chroot", "fsopen", "fsconfig",
	                       "fsmount", "fspick", "move_mount", "open_tree", "mount_setattr"));
	expect_members("@reboot", MEMBERS("reboot", "kexec_load", "kexec_file_load"));
	expect_members("@swap", MEMBERS("swapon", "swapoff"));
	expect_members("@clock",
	               MEMBERS("settimeofday", "clock_settime", "adjtimex", "clock_adjtime"));
	expect_members("@module", MEMBERS("init_module", "finit_module", "delete_module"));
	expect_members("@raw-io", MEMBERS("ioperm", "iopl", "pciconfig_iobase", "pciconfig_read",
	                                  "pciconfig_write"));
	expect_members("@keyring", MEMBERS("add_key", "keyctl", "request_key"));
	expect_members("@debug", MEMBERS("ptrace", "perf_event_open", "pidfd_getfd"));
	expect_members("@obsolete", MEMBERS("_sysctl", "create_module", "query_module",
	                                    "get_kernel_syms", "uselib", "ustat", "sysfs"));
	expect_members("@cpu-emulation", MEMBERS("modify_ldt", "vm86", "vm86old"));
	expect_members("@sandbox", MEMBERS("seccomp", "landlock_create_ruleset",
	                                   "landlock_add_rule", "landlock_restrict_self"));
	expect_members("@setuid", MEMBERS("setuid", "setgid", "setresuid", "setgroups"));
	expect_members("@default", MEMBERS("execve", "exit_group", "rt_sigreturn", "brk", "mmap",
	                                   "clock_gettime", "futex", "getpid"));
	expect_members("@system-service",
	               MEMBERS("read", "openat", "execve", "clone3", "socket", "epoll_wait",
	                       "io_uring_setup", "rt_sigaction", "fsync", "timerfd_create",
	                       "setuid", "chown", "mlock", "ioctl", "prctl", "add_key"));
}

Test(seccomp_groups, privileged_is_the_administrative_groups)
{
	static const char *const subs[] = { "@chown",  "@clock",  "@module",
		                            "@raw-io", "@reboot", "@swap" };
	for (size_t i = 0; i < ARRAY_SIZE(subs); i++)
		cr_expect(includes("@privileged", subs[i]), "@privileged lacks %s", subs[i]);
	expect_members("@privileged",
	               MEMBERS("chroot", "pivot_root", "bpf", "acct", "capset", "setuid",
	                       "setgroups", "sethostname", "open_by_handle_at", "quotactl",
	                       "reboot", "init_module", "swapon", "settimeofday", "iopl"));
	/* As in systemd, @privileged does not include @mount, only chroot and
	 * pivot_root of it: deny both for a sandbox that may not mount. */
	cr_expect_not(includes("@privileged", "@mount"));
	cr_expect_not(expands_to("@privileged", "mount"));
	cr_expect_not(expands_to("@privileged", "fsopen"));
}

Test(seccomp_groups, system_service_leaves_out_administration)
{
	static const char *const left_out[] = {
		"@mount",  "@module",        "@reboot",   "@swap",       "@clock",   "@debug",
		"@raw-io", "@cpu-emulation", "@obsolete", "@privileged", "@sandbox", "@pkey",
	};
	const char *svc[SECCOMP_GROUP_EXPAND_MAX];
	size_t n = expand(group("@system-service"), svc);
	for (size_t i = 0; i < ARRAY_SIZE(left_out); i++) {
		cr_expect_not(includes("@system-service", left_out[i]), "includes %s", left_out[i]);
		/* @privileged overlaps (@chown, the set*id calls): only the
		 * groups that are all administration must stay wholly out */
		if (strcmp(left_out[i], "@privileged") == 0)
			continue;
		const char *out[SECCOMP_GROUP_EXPAND_MAX];
		size_t m = expand(group(left_out[i]), out);
		for (size_t k = 0; k < m; k++)
			cr_expect_not(in_list(out[k], svc, n), "@system-service has %s of %s",
			              out[k], left_out[i]);
	}
	static const char *const included[] = {
		"@aio",    "@basic-io", "@chown",   "@default",    "@file-system", "@io-event",
		"@ipc",    "@keyring",  "@memlock", "@network-io", "@process",     "@resources",
		"@setuid", "@signal",   "@sync",    "@timer",
	};
	for (size_t i = 0; i < ARRAY_SIZE(included); i++)
		cr_expect(includes("@system-service", included[i]), "lacks %s", included[i]);
}

Test(seccomp_groups, known_holds_every_group)
{
	const char *known[SECCOMP_GROUP_EXPAND_MAX];
	size_t n = expand(group("@known"), known);
	for (size_t i = 0; i < seccomp_group_count(); i++) {
		const struct seccomp_group *g = seccomp_group_at(i);
		const char *out[SECCOMP_GROUP_EXPAND_MAX];
		size_t m = expand(g, out);
		for (size_t k = 0; k < m; k++) {
			/* set_tls is arm's private call, outside the kernel's
			 * syscall tables that @known is made from */
			if (strcmp(out[k], "set_tls") == 0)
				continue;
			cr_expect(in_list(out[k], known, n), "@known lacks %s of %s", out[k],
			          g->name);
		}
	}
}

/* Every name, for the libseccomp tests: the expansion of @known and of
 * every other group, merged. */
static size_t all_names(const char *out[2 * SECCOMP_GROUP_EXPAND_MAX])
{
	size_t n = 0;
	for (size_t i = 0; i < seccomp_group_count(); i++) {
		const char *names[SECCOMP_GROUP_EXPAND_MAX];
		size_t m = expand(seccomp_group_at(i), names);
		for (size_t k = 0; k < m; k++)
			if (!in_list(names[k], out, n)) {
				cr_assert_lt(n, 2 * SECCOMP_GROUP_EXPAND_MAX);
				out[n++] = names[k];
			}
	}
	return n;
}

/* The names the filter will hand libseccomp: each is known to it on this
 * architecture (a number, or a negative pseudo-number for a call the
 * architecture lacks), except those marked as having no number in
 * libseccomp at all. A marked name that a newer libseccomp knows is
 * fine, and said. */
Test(seccomp_groups, names_are_known_to_libseccomp)
{
	const char *names[2 * SECCOMP_GROUP_EXPAND_MAX];
	size_t n = all_names(names);
	size_t unknown = 0;
	for (size_t i = 0; i < n; i++) {
		int nr = seccomp_syscall_resolve_name_arch(SCMP_ARCH_NATIVE, names[i]);
		bool marked = seccomp_syscall_where(names[i]) == SECCOMP_SYSCALL_NOT_IN_LIBSECCOMP;
		if (nr == __NR_SCMP_ERROR) {
			cr_expect(marked, "libseccomp does not know %s, which is not marked",
			          names[i]);
			unknown++;
		} else if (marked) {
			cr_log_info("libseccomp now knows %s, marked as unknown to it", names[i]);
		}
	}
	cr_log_info("%zu names, %zu of them unknown to libseccomp, as marked", n, unknown);
}

/* The marks, both ways, against libseccomp's x86-64 table (whatever the
 * architecture the tests run on): a name with a number there is
 * unmarked; a name with a pseudo-number is marked as another
 * architecture's; a name without either is marked as not in libseccomp. */
Test(seccomp_groups, marks_agree_with_libseccomp_x86_64)
{
	const char *names[2 * SECCOMP_GROUP_EXPAND_MAX];
	size_t n = all_names(names);
	size_t counts[3] = { 0 };
	for (size_t i = 0; i < n; i++) {
		int nr = seccomp_syscall_resolve_name_arch(SCMP_ARCH_X86_64, names[i]);
		enum seccomp_syscall_where where = seccomp_syscall_where(names[i]);
		counts[where]++;
		switch (where) {
		case SECCOMP_SYSCALL_X86_64:
			cr_expect_geq(nr, 0, "%s: not an x86-64 system call (%d), unmarked",
			              names[i], nr);
			break;
		case SECCOMP_SYSCALL_OTHER_ARCH:
			cr_expect(nr < 0 && nr != __NR_SCMP_ERROR,
			          "%s: marked as another architecture's, x86-64 gives %d", names[i],
			          nr);
			break;
		case SECCOMP_SYSCALL_NOT_IN_LIBSECCOMP:
			/* a newer libseccomp may know it; never as x86-64's */
			cr_expect_lt(nr, 0, "%s: marked as not in libseccomp, x86-64 gives %d",
			             names[i], nr);
			break;
		}
	}
	cr_log_info("%zu names: %zu on x86-64, %zu of other architectures, %zu not in "
	            "libseccomp",
	            n, counts[SECCOMP_SYSCALL_X86_64], counts[SECCOMP_SYSCALL_OTHER_ARCH],
	            counts[SECCOMP_SYSCALL_NOT_IN_LIBSECCOMP]);
	/* 114 and 141 at this writing; each mark belongs to a name in the
	 * table (no mark left behind by a name taken out) */
	cr_expect_eq(counts[SECCOMP_SYSCALL_OTHER_ARCH], 114);
	cr_expect_eq(counts[SECCOMP_SYSCALL_NOT_IN_LIBSECCOMP], 141);
}

/* A name marked as another architecture's has a number on at least one
 * of the architectures libseccomp filters, so no mark hides a
 * misspelling. */
Test(seccomp_groups, other_arch_marks_name_real_calls)
{
	static const uint32_t archs[] = {
		SCMP_ARCH_X86,    SCMP_ARCH_ARM,       SCMP_ARCH_AARCH64, SCMP_ARCH_MIPS,
		SCMP_ARCH_MIPS64, SCMP_ARCH_MIPS64N32, SCMP_ARCH_PPC,     SCMP_ARCH_PPC64,
		SCMP_ARCH_S390,   SCMP_ARCH_S390X,     SCMP_ARCH_PARISC,  SCMP_ARCH_RISCV64,
	};
	const char *names[2 * SECCOMP_GROUP_EXPAND_MAX];
	size_t n = all_names(names);
	for (size_t i = 0; i < n; i++) {
		if (seccomp_syscall_where(names[i]) != SECCOMP_SYSCALL_OTHER_ARCH)
			continue;
		bool somewhere = false;
		for (size_t a = 0; a < ARRAY_SIZE(archs) && !somewhere; a++)
			somewhere = seccomp_syscall_resolve_name_arch(archs[a], names[i]) >= 0;
		cr_expect(somewhere, "%s has a number on no architecture", names[i]);
	}
}

Test(seccomp_groups, unmarked_names_are_x86_64)
{
	cr_expect_eq(seccomp_syscall_where("read"), SECCOMP_SYSCALL_X86_64);
	cr_expect_eq(seccomp_syscall_where("mmap2"), SECCOMP_SYSCALL_OTHER_ARCH);
	cr_expect_eq(seccomp_syscall_where("_llseek"), SECCOMP_SYSCALL_OTHER_ARCH);
	cr_expect_eq(seccomp_syscall_where("osf_select"), SECCOMP_SYSCALL_NOT_IN_LIBSECCOMP);
	cr_expect_eq(seccomp_syscall_where("riscv_hwprobe"), SECCOMP_SYSCALL_NOT_IN_LIBSECCOMP);
}
