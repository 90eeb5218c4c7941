/* From a profile's name or path to the effective profile: the chain of
 * extends followed up to a profile without one, each file loaded, then
 * merged from the documented defaults down (the child's keys win). A name
 * without '/' or ".json" is a shipped profile: "default" is built into
 * launch (from profiles/default.json); the others are looked up in
 * profiles/ beside the binary's directory (build/launch finds the source
 * tree's), in share/launch/profiles beside it (an installed launch, under
 * any prefix), then in the directory the build was configured with. A path
 * in extends is relative to the extending file. */
#ifndef LAUNCH_PROFILES_RESOLVE_H
#define LAUNCH_PROFILES_RESOLVE_H

#include <stddef.h>

#include "profiles/load.h"
#include "profiles/profile.h"

#define PROFILE_MAX_CHAIN 16

/* spec: NULL for the default. p gets the effective profile (not yet
 * normalized: the command line's overrides come next); shown the name the
 * report uses (the shipped name, or the file's stem). 0, or -errno with
 * the problems in d. */
int profile_resolve(const char *spec, struct profile *p, char *shown, size_t shown_size,
                    struct profile_diag *d);

/* What profiles/default.json sets, as the loader reads it (onto
 * profile_init), written as C at build time by
 * profiles/gen/embed_default.c: a run on the default parses no JSON. */
void profile_embedded_default(struct profile *p);

#endif
