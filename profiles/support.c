#include "profiles/support.h"

#include <stdio.h>
#include <string.h>

#define UNSUPPORTED(key, ...)                                  \
	do {                                                   \
		snprintf(value, size, __VA_ARGS__);            \
		return key;                                    \
	} while (0)

const char *profile_unsupported(const struct profile *p, char *value, size_t size)
{
	/* namespaces: pid, mount, ipc and uts are made; net, cgroup, user not yet */
	for (unsigned bit = NS_NET; bit <= NS_USER; bit <<= 1)
		if (p->namespaces & bit)
			UNSUPPORTED("namespaces", "\"%s\"", profile_ns_name(bit));
	if (p->hostname)
		UNSUPPORTED("hostname", "\"%s\"", p->hostname);
	if (p->uid != PROFILE_NO_ID)
		UNSUPPORTED("user.uid", "%u", p->uid);
	if (p->gid != PROFILE_NO_ID)
		UNSUPPORTED("user.gid", "%u", p->gid);
	if (p->groups)
		UNSUPPORTED("user.groups", "[...]");
	if (p->root && strcmp(p->root, "/") != 0)
		UNSUPPORTED("filesystem.root", "\"%s\"", p->root);
	if (p->read_only)
		UNSUPPORTED("filesystem.read_only", "true");
	if (p->dev != DEV_HOST)
		UNSUPPORTED("filesystem.dev", "\"%s\"", profile_dev_name(p->dev));
	if (p->n_mounts)
		UNSUPPORTED("filesystem.mounts", "[...]");
	if (p->network != NET_HOST)
		UNSUPPORTED("network", "\"%s\"", profile_network_name(p->network));
	if (p->cwd)
		UNSUPPORTED("cwd", "\"%s\"", p->cwd);
	if (p->env_clear)
		UNSUPPORTED("env.clear", "true");
	if (p->n_env_keep)
		UNSUPPORTED("env.keep", "[...]");
	if (p->n_env_set)
		UNSUPPORTED("env.set", "{...}");
	if (p->n_rlimits)
		UNSUPPORTED("rlimits", "{...}");
	if (p->seccomp_default != SECCOMP_ALLOW || p->n_seccomp_allow || p->n_seccomp_deny)
		UNSUPPORTED("seccomp", "{...}");
	if (p->caps_keep)
		UNSUPPORTED("capabilities.keep", "[...]");
	if (p->no_new_privs)
		UNSUPPORTED("no_new_privs", "true");
	if (p->restart_policy != RESTART_NO)
		UNSUPPORTED("restart.policy", "\"%s\"", profile_restart_name(p->restart_policy));
	return NULL;
}
