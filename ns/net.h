/* The sandbox's network namespace. A new one has a loopback interface,
 * down, and nothing else: "none" leaves it so (no interface can carry a
 * packet), "loopback" brings lo up (127.0.0.1 and ::1 answer inside, and
 * are not the host's). */
#ifndef LAUNCH_NS_NET_H
#define LAUNCH_NS_NET_H

#include "base/error.h"

/* Brings lo up in the caller's network namespace. */
int net_loopback_up(struct lx_error *e);

#endif
