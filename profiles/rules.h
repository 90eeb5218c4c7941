/* Rules between the keys of an effective profile (the whole chain merged,
 * the command line's options included), which no single file can break on
 * its own: a key that needs a namespace brings it, and keys that
 * contradict each other are an error. */
#ifndef LAUNCH_PROFILES_RULES_H
#define LAUNCH_PROFILES_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "profiles/profile.h"

/* Does p change the filesystem the command sees (a root, read-only, a
 * /dev of launch's, mounts)? Then launch builds a view of its own. */
bool profile_builds_view(const struct profile *p);

/* Adds the namespaces that other keys need: mount for a filesystem view,
 * net for a network other than the host's, uts for a host name. */
void profile_add_implied_namespaces(struct profile *p);

/* The first contradiction in p, as "key: why" in buf; NULL if none. */
const char *profile_conflict(const struct profile *p, char *buf, size_t size);

#endif
