/* What the command may do, taken away in one place and one order (STYLE.md
 * item 8), in the command's process just before exec. This version drops
 * to the profile's identity: supplementary groups, then the group, then
 * the user (once the uid changes, the rights to change the others are
 * gone). */
#ifndef LAUNCH_SECURITY_PRIVILEGES_H
#define LAUNCH_SECURITY_PRIVILEGES_H

#include <stdbool.h>

#include "base/error.h"
#include "ns/userns.h"
#include "profiles/profile.h"

/* userns: the sandbox's user namespace, NULL without one: the command then
 * takes the ids it maps (ns/userns.h). */
int privileges_drop(const struct profile *p, const struct idmap *userns, struct lx_error *e);

#endif
