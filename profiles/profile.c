#include "profiles/profile.h"

#include <signal.h>
#include <string.h>

void profile_init(struct profile *p)
{
	memset(p, 0, sizeof(*p));
}

void profile_init_defaults(struct profile *p)
{
	profile_init(p);
	p->has_description = true;
	p->description = "";
	p->has_namespaces = true;
	p->namespaces = NS_PID | NS_MOUNT;
	p->has_hostname = true; /* NULL: the host's */
	p->has_uid = p->has_gid = true;
	p->uid = p->gid = PROFILE_NO_ID; /* the caller's */
	p->has_groups = true;            /* NULL: the caller's */
	p->has_root = p->has_read_only = p->has_dev = p->has_mounts = true;
	p->root = "/";
	p->dev = DEV_HOST;
	p->has_network = true;
	p->network = NET_HOST;
	p->has_cwd = true; /* NULL: the caller's */
	p->has_env_clear = p->has_env_keep = true;
	p->has_timeout = p->has_grace = p->has_stop_signal = true;
	p->grace_ns = PROFILE_DEFAULT_GRACE_NS;
	p->stop_signal = SIGTERM;
	p->has_seccomp_default = p->has_seccomp_errno = p->has_seccomp_allow = p->has_seccomp_deny =
	        true;
	p->has_seccomp_restrict_ns = true;
	p->seccomp_default = SECCOMP_ALLOW;
	p->seccomp_errno = 1;    /* EPERM */
	p->has_caps_keep = true; /* NULL: the caller's, all of them */
	p->has_no_new_privs = true;
	p->has_restart_policy = p->has_restart_max = p->has_restart_window =
	        p->has_restart_backoff = p->has_restart_backoff_max = true;
	p->restart_policy = RESTART_NO;
	p->restart_max = 5;
	p->restart_window_ns = 60ULL * 1000000000ULL;
	p->restart_backoff_ns = 1000000000ULL;
	p->restart_backoff_max_ns = 30ULL * 1000000000ULL;
	p->has_report = true; /* NULL: none */
}

/* Copies of o's strings and arrays go into p's arena: the two may be freed
 * apart. */
static const char *copy_str(struct profile *p, const char *s)
{
	return arena_strdup(&p->arena, s);
}

static const char **copy_strs(struct profile *p, const char *const *v, size_t n)
{
	if (!v)
		return NULL;
	const char **out = arena_alloc(&p->arena, (n + 1) * sizeof(*out));
	for (size_t i = 0; out && i < n; i++)
		out[i] = copy_str(p, v[i]);
	return out;
}

/* One key, taken when the overlay sets it. */
#define TAKE(has, field)                     \
	do {                                 \
		if (o->has) {                \
			p->has = true;       \
			p->field = o->field; \
		}                            \
	} while (0)
#define TAKE_STR(has, field)                              \
	do {                                              \
		if (o->has) {                             \
			p->has = true;                    \
			p->field = copy_str(p, o->field); \
		}                                         \
	} while (0)
#define TAKE_STRS(has, field, n)                                 \
	do {                                                     \
		if (o->has) {                                    \
			p->has = true;                           \
			p->field = copy_strs(p, o->field, o->n); \
			p->n = o->n;                             \
		}                                                \
	} while (0)

static void merge_limits(struct profile *whole, const struct profile_limits *o)
{
	struct profile_limits *p = &whole->limits;
	TAKE(has_memory, memory);
	TAKE(has_memory_high, memory_high);
	TAKE(has_swap, swap);
	TAKE(has_cpus, cpus);
	TAKE(has_cpu_weight, cpu_weight);
	TAKE(has_pids, pids);
	TAKE(has_io_weight, io_weight);
	if (o->cpuset)
		p->cpuset = copy_str(whole, o->cpuset);
}

void profile_set_env(struct profile *p, const char *name, const char *value)
{
	for (size_t i = 0; i < p->n_env_set; i++)
		if (strcmp(p->env_set[i].name, name) == 0) {
			p->env_set[i].value = copy_str(p, value);
			return;
		}
	/* the room doubles: a copy per variable made a file's n variables
	 * n*n/2 copies (and as many bytes of arena) */
	if (p->n_env_set == p->env_set_room) {
		size_t room = p->env_set_room ? 2 * p->env_set_room : 8;
		struct profile_env_var *v = arena_alloc(&p->arena, room * sizeof(*v));
		if (!v)
			return;
		if (p->n_env_set)
			memcpy(v, p->env_set, p->n_env_set * sizeof(*v));
		p->env_set = v;
		p->env_set_room = room;
	}
	p->env_set[p->n_env_set].name = copy_str(p, name);
	p->env_set[p->n_env_set].value = copy_str(p, value);
	p->n_env_set++;
}

void profile_set_rlimit(struct profile *p, const struct profile_rlimit *r)
{
	for (size_t i = 0; i < p->n_rlimits; i++)
		if (p->rlimits[i].resource == r->resource) {
			p->rlimits[i].soft = r->soft;
			p->rlimits[i].hard = r->hard;
			return;
		}
	struct profile_rlimit *v = arena_alloc(&p->arena, (p->n_rlimits + 1) * sizeof(*v));
	if (!v)
		return;
	if (p->n_rlimits)
		memcpy(v, p->rlimits, p->n_rlimits * sizeof(*v));
	v[p->n_rlimits] = *r;
	v[p->n_rlimits].name = copy_str(p, r->name);
	p->rlimits = v;
	p->n_rlimits++;
}

void profile_add_mount(struct profile *p, const struct profile_mount *m)
{
	struct profile_mount *v = arena_alloc(&p->arena, (p->n_mounts + 2) * sizeof(*v));
	if (!v)
		return;
	if (p->n_mounts)
		memcpy(v, p->mounts, p->n_mounts * sizeof(*v));
	v[p->n_mounts] = *m;
	v[p->n_mounts].source = copy_str(p, m->source);
	v[p->n_mounts].target = copy_str(p, m->target);
	p->mounts = v;
	p->n_mounts++;
}

static void merge_mounts(struct profile *p, const struct profile *o)
{
	p->has_mounts = true;
	if (!o->add_mounts) {
		p->mounts = NULL;
		p->n_mounts = 0;
	}
	for (size_t i = 0; i < o->n_mounts; i++)
		profile_add_mount(p, &o->mounts[i]);
}

static void merge_groups(struct profile *p, const struct profile *o)
{
	p->has_groups = true;
	p->n_groups = o->n_groups;
	p->groups = NULL; /* the caller's */
	if (o->groups) {
		p->groups = arena_alloc(&p->arena, (o->n_groups + 1) * sizeof(uint32_t));
		if (p->groups && o->n_groups)
			memcpy(p->groups, o->groups, o->n_groups * sizeof(uint32_t));
	}
}

void profile_merge(struct profile *p, const struct profile *o)
{
	TAKE_STR(has_description, description);
	TAKE(has_namespaces, namespaces);
	TAKE_STR(has_hostname, hostname);
	TAKE(has_uid, uid);
	TAKE(has_gid, gid);
	if (o->has_groups)
		merge_groups(p, o);
	TAKE_STR(has_root, root);
	TAKE(has_read_only, read_only);
	TAKE(has_dev, dev);
	if (o->has_mounts)
		merge_mounts(p, o);
	TAKE(has_network, network);
	TAKE_STR(has_cwd, cwd);
	TAKE(has_env_clear, env_clear);
	TAKE_STRS(has_env_keep, env_keep, n_env_keep);
	for (size_t i = 0; i < o->n_env_set; i++)
		profile_set_env(p, o->env_set[i].name, o->env_set[i].value);
	merge_limits(p, &o->limits);
	for (size_t i = 0; i < o->n_rlimits; i++)
		profile_set_rlimit(p, &o->rlimits[i]);
	TAKE(has_timeout, timeout_ns);
	TAKE(has_grace, grace_ns);
	TAKE(has_stop_signal, stop_signal);
	TAKE(has_seccomp_default, seccomp_default);
	TAKE(has_seccomp_errno, seccomp_errno);
	TAKE_STRS(has_seccomp_allow, seccomp_allow, n_seccomp_allow);
	TAKE_STRS(has_seccomp_deny, seccomp_deny, n_seccomp_deny);
	TAKE(has_seccomp_restrict_ns, seccomp_restrict_ns);
	TAKE_STRS(has_caps_keep, caps_keep, n_caps_keep);
	TAKE(has_no_new_privs, no_new_privs);
	TAKE(has_restart_policy, restart_policy);
	TAKE(has_restart_max, restart_max);
	TAKE(has_restart_window, restart_window_ns);
	TAKE(has_restart_backoff, restart_backoff_ns);
	TAKE(has_restart_backoff_max, restart_backoff_max_ns);
	TAKE_STR(has_report, report);
}

#undef TAKE
#undef TAKE_STR
#undef TAKE_STRS

void profile_normalize(struct profile *p)
{
	struct profile_limits *l = &p->limits;
	l->has_memory = l->has_memory && l->memory != PROFILE_NONE;
	l->has_memory_high = l->has_memory_high && l->memory_high != PROFILE_NONE;
	l->has_swap = l->has_swap && l->swap != PROFILE_NONE;
	l->has_cpus = l->has_cpus && l->cpus != PROFILE_NONE;
	l->has_cpu_weight = l->has_cpu_weight && l->cpu_weight != PROFILE_NONE;
	l->has_pids = l->has_pids && l->pids != PROFILE_NONE;
	l->has_io_weight = l->has_io_weight && l->io_weight != PROFILE_NONE;
	if (l->cpuset && !l->cpuset[0])
		l->cpuset = NULL; /* "cpuset": null */
	if (p->timeout_ns == PROFILE_NONE)
		p->timeout_ns = 0;
}

bool profile_failed(const struct profile *p)
{
	return arena_failed(&p->arena);
}

void profile_free(struct profile *p)
{
	arena_free(&p->arena);
}

const char *profile_first_limit(const struct profile_limits *l)
{
	return l->has_memory        ? "memory"
	       : l->has_memory_high ? "memory_high"
	       : l->has_swap        ? "swap"
	       : l->has_cpus        ? "cpus"
	       : l->has_cpu_weight  ? "cpu_weight"
	       : l->has_pids        ? "pids"
	       : l->has_io_weight   ? "io_weight"
	       : l->cpuset          ? "cpuset"
	                            : NULL;
}

bool profile_has_limits(const struct profile_limits *l)
{
	return profile_first_limit(l) != NULL;
}

const char *profile_network_name(enum profile_network n)
{
	return n == NET_NONE ? "none" : n == NET_LOOPBACK ? "loopback" : "host";
}

const char *profile_dev_name(enum profile_dev d)
{
	return d == DEV_MINIMAL ? "minimal" : d == DEV_NONE ? "none" : "host";
}

const char *profile_mount_type_name(enum profile_mount_type t)
{
	return t == MOUNT_TMPFS ? "tmpfs" : t == MOUNT_PROC ? "proc" : "bind";
}

const char *profile_seccomp_action_name(enum profile_seccomp_action a)
{
	switch (a) {
	case SECCOMP_ERRNO:
		return "errno";
	case SECCOMP_KILL:
		return "kill";
	case SECCOMP_LOG:
		return "log";
	default:
		return "allow";
	}
}

const char *profile_restart_name(enum profile_restart r)
{
	return r == RESTART_ON_FAILURE ? "on-failure" : r == RESTART_ALWAYS ? "always" : "no";
}

const char *profile_ns_name(enum profile_ns ns)
{
	switch (ns) {
	case NS_PID:
		return "pid";
	case NS_MOUNT:
		return "mount";
	case NS_IPC:
		return "ipc";
	case NS_UTS:
		return "uts";
	case NS_NET:
		return "net";
	case NS_CGROUP:
		return "cgroup";
	default:
		return "user";
	}
}
