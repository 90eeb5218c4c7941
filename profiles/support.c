#include "profiles/support.h"

#include <stdio.h>
#include <string.h>

#define UNSUPPORTED(key, ...)                       \
	do {                                        \
		snprintf(value, size, __VA_ARGS__); \
		return key;                         \
	} while (0)

const char *profile_unsupported(const struct profile *p, char *value, size_t size)
{
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
