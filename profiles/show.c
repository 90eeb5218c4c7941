#include "profiles/show.h"

#include <inttypes.h>
#include <stdio.h>

#include "base/json.h"
#include "base/signame.h"
#include "base/units.h"
#include "profiles/names.h"

static void key_string(struct json_writer *w, const char *key, const char *value)
{
	json_key(w, key);
	if (value)
		json_string(w, value);
	else
		json_null(w);
}

static void key_bool(struct json_writer *w, const char *key, bool value)
{
	json_key(w, key);
	json_bool(w, value);
}

static void strings(struct json_writer *w, const char *key, const char *const *v, size_t n)
{
	json_key(w, key);
	if (!v) {
		json_null(w);
		return;
	}
	json_begin_array(w);
	for (size_t i = 0; i < n; i++)
		json_string(w, v[i]);
	json_end_array(w);
}

static void key_size(struct json_writer *w, const char *key, bool has, uint64_t bytes)
{
	char text[32];
	json_key(w, key);
	if (!has) {
		json_null(w);
		return;
	}
	format_size(bytes, text, sizeof(text));
	json_string(w, text);
}

static void duration_value(struct json_writer *w, uint64_t ns)
{
	char text[32];
	format_duration(ns, text, sizeof(text));
	json_string(w, text);
}

static void key_duration(struct json_writer *w, const char *key, uint64_t ns)
{
	json_key(w, key);
	duration_value(w, ns);
}

static void key_count(struct json_writer *w, const char *key, bool has, uint64_t v)
{
	json_key(w, key);
	if (has)
		json_uint(w, v);
	else
		json_null(w);
}

static void key_id(struct json_writer *w, const char *key, uint32_t id)
{
	key_count(w, key, id != PROFILE_NO_ID, id);
}

/* 1500000 millionths -> 1.5 */
static void cpus_value(struct json_writer *w, uint64_t cpus)
{
	unsigned scale = 6;
	while (scale > 0 && cpus % 10 == 0) {
		cpus /= 10;
		scale--;
	}
	json_decimal(w, cpus, scale);
}

static void render_user(struct json_writer *w, const struct profile *p)
{
	json_key(w, "user");
	json_begin_object(w);
	key_id(w, "uid", p->uid);
	key_id(w, "gid", p->gid);
	json_key(w, "groups");
	if (!p->groups) {
		json_null(w);
	} else {
		json_begin_array(w);
		for (size_t i = 0; i < p->n_groups; i++)
			json_uint(w, p->groups[i]);
		json_end_array(w);
	}
	json_end_object(w);
}

static void render_filesystem(struct json_writer *w, const struct profile *p)
{
	json_key(w, "filesystem");
	json_begin_object(w);
	key_string(w, "root", p->root);
	key_bool(w, "read_only", p->read_only);
	key_string(w, "dev", profile_dev_name(p->dev));
	json_key(w, "mounts");
	json_begin_array(w);
	for (size_t i = 0; i < p->n_mounts; i++) {
		const struct profile_mount *m = &p->mounts[i];
		json_begin_object(w);
		key_string(w, "type", profile_mount_type_name(m->type));
		if (m->type == MOUNT_BIND)
			key_string(w, "source", m->source);
		key_string(w, "target", m->target);
		key_bool(w, "read_only", m->read_only);
		key_bool(w, "optional", m->optional);
		if (m->has_size)
			key_size(w, "size", true, m->size);
		json_end_object(w);
	}
	json_end_array(w);
	json_end_object(w);
}

static void render_env(struct json_writer *w, const struct profile *p)
{
	json_key(w, "env");
	json_begin_object(w);
	key_bool(w, "clear", p->env_clear);
	strings(w, "keep", p->env_keep ? p->env_keep : (const char *const[]){ NULL },
	        p->n_env_keep);
	json_key(w, "set");
	json_begin_object(w);
	for (size_t i = 0; i < p->n_env_set; i++)
		key_string(w, p->env_set[i].name, p->env_set[i].value);
	json_end_object(w);
	json_end_object(w);
}

static void render_limits(struct json_writer *w, const struct profile_limits *l)
{
	json_key(w, "limits");
	json_begin_object(w);
	key_size(w, "memory", l->has_memory, l->memory);
	key_size(w, "memory_high", l->has_memory_high, l->memory_high);
	key_size(w, "swap", l->has_swap, l->swap);
	json_key(w, "cpus");
	if (l->has_cpus)
		cpus_value(w, l->cpus);
	else
		json_null(w);
	key_count(w, "cpu_weight", l->has_cpu_weight, l->cpu_weight);
	key_count(w, "pids", l->has_pids, l->pids);
	key_count(w, "io_weight", l->has_io_weight, l->io_weight);
	key_string(w, "cpuset", l->cpuset);
	json_end_object(w);
}

static void rlimit_value(struct json_writer *w, uint64_t v)
{
	if (v == RLIMIT_UNLIMITED)
		json_null(w);
	else
		json_uint(w, v);
}

static void render_rlimits(struct json_writer *w, const struct profile *p)
{
	json_key(w, "rlimits");
	json_begin_object(w);
	for (size_t i = 0; i < p->n_rlimits; i++) {
		const struct profile_rlimit *r = &p->rlimits[i];
		json_key(w, r->name);
		if (r->soft == r->hard) {
			rlimit_value(w, r->soft);
			continue;
		}
		json_begin_object(w);
		json_key(w, "soft");
		rlimit_value(w, r->soft);
		json_key(w, "hard");
		rlimit_value(w, r->hard);
		json_end_object(w);
	}
	json_end_object(w);
}

static void render_seccomp(struct json_writer *w, const struct profile *p)
{
	json_key(w, "seccomp");
	json_begin_object(w);
	key_string(w, "default_action", profile_seccomp_action_name(p->seccomp_default));
	key_string(w, "errno", errno_name(p->seccomp_errno));
	strings(w, "allow", p->seccomp_allow ? p->seccomp_allow : (const char *const[]){ NULL },
	        p->n_seccomp_allow);
	strings(w, "deny", p->seccomp_deny ? p->seccomp_deny : (const char *const[]){ NULL },
	        p->n_seccomp_deny);
	json_key(w, "restrict_namespaces");
	json_bool(w, p->seccomp_restrict_ns);
	json_end_object(w);
}

static void render_restart(struct json_writer *w, const struct profile *p)
{
	json_key(w, "restart");
	json_begin_object(w);
	key_string(w, "policy", profile_restart_name(p->restart_policy));
	key_count(w, "max", true, p->restart_max);
	key_duration(w, "window", p->restart_window_ns);
	key_duration(w, "backoff", p->restart_backoff_ns);
	key_duration(w, "backoff_max", p->restart_backoff_max_ns);
	json_end_object(w);
}

/* Its name, or its number where the name is not one to read back: glibc
 * keeps signals 32 and 33 for itself, and "SIG32" is no name, but "32" can
 * be a stop_signal. */
static void key_signal(struct json_writer *w, const char *key, int sig)
{
	char name[SIGNAME_MAX];
	if (signal_from_name(signal_name(sig, name)) != sig)
		snprintf(name, sizeof(name), "%d", sig);
	key_string(w, key, name);
}

void profile_render(const struct profile *p, struct strbuf *out)
{
	struct json_writer w;
	json_init(&w, out, true);
	json_begin_object(&w);
	key_string(&w, "description", p->description ? p->description : "");
	json_key(&w, "namespaces");
	json_begin_array(&w);
	for (unsigned bit = NS_PID; bit <= NS_USER; bit <<= 1)
		if (p->namespaces & bit)
			json_string(&w, profile_ns_name(bit));
	json_end_array(&w);
	key_string(&w, "hostname", p->hostname);
	render_user(&w, p);
	render_filesystem(&w, p);
	key_string(&w, "network", profile_network_name(p->network));
	key_string(&w, "cwd", p->cwd);
	render_env(&w, p);
	render_limits(&w, &p->limits);
	render_rlimits(&w, p);
	json_key(&w, "timeout");
	if (p->timeout_ns)
		duration_value(&w, p->timeout_ns);
	else
		json_null(&w);
	key_duration(&w, "grace", p->grace_ns);
	key_signal(&w, "stop_signal", p->stop_signal);
	render_seccomp(&w, p);
	json_key(&w, "capabilities");
	json_begin_object(&w);
	strings(&w, "keep", p->caps_keep, p->n_caps_keep);
	json_end_object(&w);
	key_bool(&w, "no_new_privs", p->no_new_privs);
	render_restart(&w, p);
	key_string(&w, "report", p->report);
	json_end_object(&w);
	json_finish(&w);
}
