/* What this version of launch can run. Every key of the SPEC is loaded,
 * checked and shown; a few are not enforced yet. A profile that sets one of
 * those to anything but its default is refused at run time, never run with
 * the key silently ignored. */
#ifndef LAUNCH_PROFILES_SUPPORT_H
#define LAUNCH_PROFILES_SUPPORT_H

#include <stddef.h>

#include "profiles/profile.h"

/* The first key p sets that this launch cannot enforce yet ("network"), and
 * its value as the profile spells it; NULL when it can run p. */
const char *profile_unsupported(const struct profile *p, char *value, size_t size);

#endif
