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
	if (p->restart_policy != RESTART_NO)
		UNSUPPORTED("restart.policy", "\"%s\"", profile_restart_name(p->restart_policy));
	return NULL;
}
