/* Capabilities kept by the command (the profile's capabilities.keep), as
 * a mask built once with libcap's names, and applied with plain system
 * calls (prctl, capset) in the command's process, where no library that
 * allocates may run (launcher/init.c starts it with vfork). */
#ifndef LAUNCH_SECURITY_CAPS_H
#define LAUNCH_SECURITY_CAPS_H

#include <stdbool.h>
#include <stdint.h>

#include "base/error.h"

struct caps_plan {
	bool change;   /* capabilities.keep is given: the rest goes */
	uint64_t keep; /* bit N: capability N */
	int last;      /* the kernel's highest capability (cap_last_cap) */
};

/* From the names ("CAP_NET_BIND_SERVICE"); names NULL: the caller's, as
 * they are. */
int caps_plan(const char *const *names, size_t n, struct caps_plan *out, struct lx_error *e);

/* Step 1, while the process may still change it (CAP_SETPCAP): every
 * capability not kept leaves the bounding set, so nothing regains it, not
 * even through a setuid-root program or file capabilities. */
int caps_drop_bounding(const struct caps_plan *c, struct lx_error *e);
/* Before an identity change: the permitted set survives setresuid away
 * from root (PR_SET_KEEPCAPS; exec clears it again). */
int caps_keep_across_setuid(const struct caps_plan *c, struct lx_error *e);
/* After it: permitted, effective and inheritable are exactly the kept
 * ones, and they are ambient, so they survive exec for a uid other than
 * 0 too. */
int caps_set(const struct caps_plan *c, struct lx_error *e);

#endif
