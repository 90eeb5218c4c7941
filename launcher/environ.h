/* The command's environment from the profile's "env": the caller's (or,
 * with clear, only the variables named in keep that the caller has), then
 * every variable of set, replacing one of the same name. */
#ifndef LAUNCH_LAUNCHER_ENVIRON_H
#define LAUNCH_LAUNCHER_ENVIRON_H

#include "profiles/profile.h"

/* A NULL-terminated array for execve, malloc'd in one block with the
 * strings it makes (free() it); the caller's strings are shared. NULL when
 * out of memory. Pure. */
char **environ_build(const struct profile *p, char *const *caller);

#endif
