#include "security/seccomp.h"

#include <errno.h>
#include <sched.h>
#include <seccomp.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "security/seccomp_groups.h"

/* More than the native call numbers of any architecture launch builds for
 * (x86-64 has about 460). */
#define MAX_NR 1024

struct call_set {
	bool has[MAX_NR];
};

static void add_call(struct call_set *s, const char *name)
{
	int nr = seccomp_syscall_resolve_name(name);
	if (nr >= 0 && nr < MAX_NR) /* negative: not a call here */
		s->has[nr] = true;
}

static int add_names(struct call_set *s, const char *const *names, size_t n, const char *key,
                     struct lx_error *e)
{
	for (size_t i = 0; i < n; i++) {
		if (names[i][0] != '@') {
			add_call(s, names[i]);
			continue;
		}
		const struct seccomp_group *g = seccomp_group_find(names[i]);
		const char *calls[SECCOMP_GROUP_EXPAND_MAX];
		int count = g ? seccomp_group_expand(g, calls) : -ENOENT;
		if (count < 0)
			return lx_error_errno(e, -count, "seccomp.%s: group %s", key, names[i]);
		for (int j = 0; j < count; j++)
			add_call(s, calls[j]);
	}
	return 0;
}

static uint32_t action_of(enum profile_seccomp_action a, int err)
{
	switch (a) {
	case SECCOMP_KILL:
		return SCMP_ACT_KILL_PROCESS;
	case SECCOMP_LOG:
		return SCMP_ACT_LOG;
	case SECCOMP_ALLOW:
		return SCMP_ACT_ALLOW;
	default:
		return SCMP_ACT_ERRNO((uint32_t)err);
	}
}

static void release_ctx(scmp_filter_ctx *ctx)
{
	if (*ctx)
		seccomp_release(*ctx);
}

/* libseccomp writes its program to a descriptor: a memfd, read back. */
static int export(scmp_filter_ctx ctx, struct sock_fprog *out, struct lx_error *e)
{
	_cleanup_close_ int fd = memfd_create("launch-seccomp", MFD_CLOEXEC);
	if (fd < 0)
		return lx_error_errno(e, errno, "seccomp: memfd_create");
	int r = seccomp_export_bpf(ctx, fd);
	if (r < 0)
		return lx_error_errno(e, -r, "seccomp: export the filter");
	off_t size = lseek(fd, 0, SEEK_END);
	if (size <= 0 || size % (off_t)sizeof(struct sock_filter) != 0)
		return lx_error_msg(e, EINVAL, "seccomp: the exported filter has %lld bytes",
		                    (long long)size);
	struct sock_filter *prog = malloc((size_t)size);
	if (!prog)
		return lx_error_errno(e, ENOMEM, "seccomp");
	if (pread(fd, prog, (size_t)size, 0) != size) {
		free(prog);
		return lx_error_errno(e, errno ? errno : EIO, "seccomp: read the filter back");
	}
	out->filter = prog;
	out->len = (unsigned short)(size / (off_t)sizeof(struct sock_filter));
	return 0;
}

/* restrict_namespaces, as systemd's RestrictNamespaces=: clone and unshare
 * with a CLONE_NEW* flag get EPERM, setns always; clone3 gets ENOSYS, since
 * a filter cannot read its flags (they are in memory), and the C library
 * then falls back to clone, whose flags it can read. */
static const uint64_t ns_flags[] = {
	CLONE_NEWNS,   CLONE_NEWCGROUP, CLONE_NEWUTS, CLONE_NEWIPC,
	CLONE_NEWUSER, CLONE_NEWPID,    CLONE_NEWNET, CLONE_NEWTIME,
};

static int restrict_call(scmp_filter_ctx ctx, int nr, uint32_t action, uint32_t fallback)
{
	if (action != SCMP_ACT_ALLOW)
		return action == fallback ? 0 : seccomp_rule_add(ctx, action, nr, 0);
	uint64_t all = 0;
	for (size_t i = 0; i < ARRAY_SIZE(ns_flags); i++) {
		/* in clone's flags that bit is part of the exit signal: only
		 * unshare and clone3 take CLONE_NEWTIME */
		if (ns_flags[i] == CLONE_NEWTIME && nr == SCMP_SYS(clone))
			continue;
		all |= ns_flags[i];
		/* libseccomp refuses a rule whose action is the default one */
		if (fallback == SCMP_ACT_ERRNO(EPERM))
			continue;
		int r = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), nr, 1,
		                         SCMP_A0(SCMP_CMP_MASKED_EQ, ns_flags[i], ns_flags[i]));
		if (r < 0)
			return r;
	}
	if (fallback == SCMP_ACT_ALLOW)
		return 0;
	return seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 1, SCMP_A0(SCMP_CMP_MASKED_EQ, all, 0));
}

/* The rule for call nr, whose action without restrict_namespaces would be
 * action. */
static int add_rule(scmp_filter_ctx ctx, const struct profile *p, int nr, uint32_t action,
                    uint32_t fallback)
{
	if (p->seccomp_restrict_ns) {
		if (nr == SCMP_SYS(clone) || nr == SCMP_SYS(unshare))
			return restrict_call(ctx, nr, action, fallback);
		if (nr == SCMP_SYS(setns) && action == SCMP_ACT_ALLOW)
			action = SCMP_ACT_ERRNO(EPERM);
		if (nr == SCMP_SYS(clone3) && action == SCMP_ACT_ALLOW)
			action = SCMP_ACT_ERRNO(ENOSYS);
	}
	return action == fallback ? 0 : seccomp_rule_add(ctx, action, nr, 0);
}

int seccomp_build(const struct profile *p, struct sock_fprog *out, struct lx_error *e)
{
	*out = (struct sock_fprog){ 0 };
	if (p->seccomp_default == SECCOMP_ALLOW && p->n_seccomp_deny == 0 &&
	    !p->seccomp_restrict_ns)
		return 0;
	_cleanup_free_ struct call_set *allow = calloc(1, sizeof(*allow));
	_cleanup_free_ struct call_set *deny = calloc(1, sizeof(*deny));
	if (!allow || !deny)
		return lx_error_errno(e, ENOMEM, "seccomp");
	static const char *const always[] = { "@default" };
	if (p->seccomp_default != SECCOMP_ALLOW && add_names(allow, always, 1, "allow", e) < 0)
		return -e->code;
	if (add_names(allow, p->seccomp_allow, p->n_seccomp_allow, "allow", e) < 0 ||
	    add_names(deny, p->seccomp_deny, p->n_seccomp_deny, "deny", e) < 0)
		return -e->code;

	uint32_t fallback = action_of(p->seccomp_default, p->seccomp_errno);
	uint32_t refuse = p->seccomp_default == SECCOMP_KILL
	                          ? SCMP_ACT_KILL_PROCESS
	                          : SCMP_ACT_ERRNO((uint32_t)p->seccomp_errno);
	__attribute__((cleanup(release_ctx))) scmp_filter_ctx ctx = seccomp_init(fallback);
	if (!ctx)
		return lx_error_msg(e, ENOMEM, "seccomp: libseccomp cannot make a filter");
	int r;
	if ((r = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS)) < 0 ||
	    (r = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0)) < 0 ||
	    (r = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2)) < 0)
		return lx_error_errno(e, -r, "seccomp: filter attributes");
	for (int nr = 0; nr < MAX_NR; nr++) {
		uint32_t action = deny->has[nr]    ? refuse
		                  : allow->has[nr] ? SCMP_ACT_ALLOW
		                                   : fallback;
		r = add_rule(ctx, p, nr, action, fallback);
		if (r < 0) {
			char *name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);
			lx_error_errno(e, -r, "seccomp: rule for %s", name ? name : "?");
			free(name);
			return -e->code;
		}
	}
	return export(ctx, out, e);
}

void seccomp_program_free(struct sock_fprog *prog)
{
	free(prog->filter);
	prog->filter = NULL;
	prog->len = 0;
}
