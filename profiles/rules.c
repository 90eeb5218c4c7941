#include "profiles/rules.h"

#include <stdio.h>
#include <string.h>

bool profile_builds_view(const struct profile *p)
{
	return (p->root && strcmp(p->root, "/") != 0) || p->read_only || p->dev != DEV_HOST ||
	       p->n_mounts > 0;
}

void profile_add_implied_namespaces(struct profile *p)
{
	if (profile_builds_view(p))
		p->namespaces |= NS_MOUNT;
	if (p->network != NET_HOST)
		p->namespaces |= NS_NET;
	if (p->hostname)
		p->namespaces |= NS_UTS;
}

const char *profile_conflict(const struct profile *p, char *buf, size_t size)
{
	if (!(p->namespaces & NS_PID))
		snprintf(buf, size,
		         "namespaces: \"pid\" cannot be left out: launch is the init of "
		         "a new PID namespace");
	else if ((p->namespaces & NS_NET) && p->network == NET_HOST)
		snprintf(buf, size,
		         "network: \"host\", but namespaces lists \"net\" (a network "
		         "namespace of the sandbox's own): choose \"none\" or "
		         "\"loopback\", or leave \"net\" out");
	else if (p->uid != PROFILE_NO_ID && p->gid == PROFILE_NO_ID)
		snprintf(buf, size,
		         "user.uid: %u is set but user.gid is not: set the group too, "
		         "or the command would keep the caller's",
		         p->uid);
	else
		return NULL;
	return buf;
}
