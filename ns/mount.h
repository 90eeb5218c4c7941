/* Mounts inside the sandbox's mount namespace. */
#ifndef LAUNCH_NS_MOUNT_H
#define LAUNCH_NS_MOUNT_H

#include "base/error.h"

/* Makes every mount private, so nothing done in the sandbox propagates back
 * to the host (systemd makes "/" shared, and a new namespace copies that). */
int ns_mount_make_private(struct lx_error *e);
/* A fresh procfs on target, for the PID namespace of the caller: the
 * command sees its own processes and none of the host's. */
int ns_mount_proc(const char *target, struct lx_error *e);

#endif
