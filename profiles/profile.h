/* A sandbox as a profile describes it (SPEC "Profiles"), one struct for
 * every stage: a profile file as loaded (only the keys it sets), the
 * command line's overrides, and the effective profile the run reads. Every
 * value has a presence flag (has_*), so one merge serves extends (parent,
 * then child) and the command line (last): the keys a layer sets win,
 * objects merge key by key, arrays replace. Strings and arrays live in the
 * profile's arena. */
#ifndef LAUNCH_PROFILES_PROFILE_H
#define LAUNCH_PROFILES_PROFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"

#define PROFILE_DEFAULT_GRACE_NS (10ULL * 1000000000ULL)
/* restart.max at most: launch remembers each restart of the window */
#define RESTART_MAX_LIMIT 1000

/* CPUs are counted in millionths: 1.5 CPUs is 1500000. */
#define CPUS_UNIT 1000000ULL

enum profile_ns {
	NS_PID = 1 << 0,
	NS_MOUNT = 1 << 1,
	NS_IPC = 1 << 2,
	NS_UTS = 1 << 3,
	NS_NET = 1 << 4,
	NS_CGROUP = 1 << 5,
	NS_USER = 1 << 6,
};

enum profile_network {
	NET_HOST,
	NET_NONE,
	NET_LOOPBACK
};
enum profile_dev {
	DEV_HOST,
	DEV_MINIMAL,
	DEV_NONE
};
enum profile_mount_type {
	MOUNT_BIND,
	MOUNT_TMPFS,
	MOUNT_PROC
};
enum profile_seccomp_action {
	SECCOMP_ERRNO,
	SECCOMP_KILL,
	SECCOMP_LOG,
	SECCOMP_ALLOW
};
enum profile_restart {
	RESTART_NO,
	RESTART_ON_FAILURE,
	RESTART_ALWAYS
};

/* cgroup limits ("limits"); each applies only when set. */
struct profile_limits {
	bool has_memory, has_memory_high, has_swap, has_cpus, has_cpu_weight, has_pids,
	        has_io_weight;
	uint64_t memory;      /* bytes, > 0 */
	uint64_t memory_high; /* bytes, > 0 */
	uint64_t swap;        /* bytes, 0 = no swap */
	uint64_t cpus;        /* in CPUS_UNIT, >= 0.001 CPU */
	uint64_t cpu_weight;  /* 1..10000 */
	uint64_t pids;        /* > 0 */
	uint64_t io_weight;   /* 1..10000 */
	const char *cpuset;   /* "0-1,3", NULL = unset */
};

struct profile_mount {
	enum profile_mount_type type;
	const char *source; /* bind only */
	const char *target; /* absolute */
	bool read_only, optional;
	bool has_size;
	uint64_t size; /* tmpfs, bytes */
};

#define RLIMIT_UNLIMITED UINT64_MAX
/* A key set to null: a limit, a uid, a timeout that a child profile or the
 * command line takes away again (folded into "unset" by profile_normalize). */
#define PROFILE_NONE UINT64_MAX
#define PROFILE_NO_ID UINT32_MAX

struct profile_rlimit {
	const char *name;    /* "nofile" */
	int resource;        /* RLIMIT_NOFILE */
	uint64_t soft, hard; /* RLIMIT_UNLIMITED for none */
};

struct profile_env_var {
	const char *name, *value;
};

struct profile {
	struct arena arena;

	bool has_description;
	const char *description;
	bool has_namespaces;
	unsigned namespaces; /* enum profile_ns bits */
	bool has_hostname;
	const char *hostname;

	bool has_uid, has_gid, has_groups;
	uint32_t uid, gid;
	uint32_t *groups;
	size_t n_groups;

	bool has_root, has_read_only, has_dev, has_mounts;
	const char *root;
	bool read_only;
	enum profile_dev dev;
	struct profile_mount *mounts;
	size_t n_mounts;
	/* The command line's --bind, --ro-bind, --tmpfs: merged after the
	 * mounts below them instead of in their place. */
	bool add_mounts;

	bool has_network;
	enum profile_network network;
	bool has_cwd;
	const char *cwd;

	bool has_env_clear, has_env_keep;
	bool env_clear;
	const char **env_keep;
	size_t n_env_keep;
	struct profile_env_var *env_set; /* merged by name */
	size_t n_env_set, env_set_room;  /* room: entries allocated */

	struct profile_limits limits;

	struct profile_rlimit *rlimits; /* merged by name */
	size_t n_rlimits;

	bool has_timeout, has_grace, has_stop_signal;
	uint64_t timeout_ns; /* 0 = none */
	uint64_t grace_ns;
	int stop_signal;

	bool has_seccomp_default, has_seccomp_errno, has_seccomp_allow, has_seccomp_deny,
	        has_seccomp_restrict_ns;
	enum profile_seccomp_action seccomp_default;
	int seccomp_errno;
	const char **seccomp_allow, **seccomp_deny;
	size_t n_seccomp_allow, n_seccomp_deny;
	bool seccomp_restrict_ns; /* no new namespaces (restrict_namespaces) */

	bool has_caps_keep;
	const char **caps_keep; /* "CAP_NET_BIND_SERVICE" */
	size_t n_caps_keep;

	bool has_no_new_privs;
	bool no_new_privs;

	bool has_restart_policy, has_restart_max, has_restart_window, has_restart_backoff,
	        has_restart_backoff_max;
	enum profile_restart restart_policy;
	uint64_t restart_max;
	uint64_t restart_window_ns, restart_backoff_ns, restart_backoff_max_ns;

	bool has_report;
	const char *report; /* path, NULL = none */
};

/* An empty profile (nothing set), as a file without keys loads. */
void profile_init(struct profile *p);
/* Every key at its documented default (SPEC): what a profile without
 * extends starts from. */
void profile_init_defaults(struct profile *p);
/* The keys o sets, onto p: objects key by key, arrays replace. */
void profile_merge(struct profile *p, const struct profile *o);
/* After the last merge: keys set to null become unset. */
void profile_normalize(struct profile *p);
bool profile_failed(const struct profile *p); /* out of memory */
void profile_free(struct profile *p);

/* Any limit set? */
bool profile_has_limits(const struct profile_limits *l);
/* The key of the first limit set ("memory"), NULL if none. */
const char *profile_first_limit(const struct profile_limits *l);

/* Names of enum values as the profile spells them. */
const char *profile_network_name(enum profile_network n);
const char *profile_dev_name(enum profile_dev d);
const char *profile_mount_type_name(enum profile_mount_type t);
const char *profile_seccomp_action_name(enum profile_seccomp_action a);
const char *profile_restart_name(enum profile_restart r);
/* "pid", "mount", ... for one bit. */
const char *profile_ns_name(enum profile_ns ns);

/* Sets env var name=value (replacing an earlier one), rlimit by name. */
void profile_set_env(struct profile *p, const char *name, const char *value);
void profile_set_rlimit(struct profile *p, const struct profile_rlimit *r);
/* Appends a copy of m to p's mounts. */
void profile_add_mount(struct profile *p, const struct profile_mount *m);

#endif
