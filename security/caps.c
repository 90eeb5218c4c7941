#include "security/caps.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/capability.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "base/cleanup.h"

static int last_cap(void)
{
	char buf[16] = "";
	_cleanup_close_ int fd = open("/proc/sys/kernel/cap_last_cap", O_RDONLY | O_CLOEXEC);
	if (fd < 0 || read(fd, buf, sizeof(buf) - 1) <= 0)
		return CAP_LAST_CAP; /* the headers' idea */
	return atoi(buf);
}

int caps_plan(const char *const *names, size_t n, struct caps_plan *out, struct lx_error *e)
{
	*out = (struct caps_plan){ .change = names != NULL, .last = last_cap() };
	for (size_t i = 0; names && i < n; i++) {
		cap_value_t cap;
		if (cap_from_name(names[i], &cap) < 0 || cap < 0 || cap > 63)
			return lx_error_msg(e, EINVAL, "capabilities.keep: unknown capability %s",
			                    names[i]);
		if (cap > out->last)
			return lx_error_msg(e, EINVAL,
			                    "capabilities.keep: this kernel has no %s (its last "
			                    "capability is number %d)",
			                    names[i], out->last);
		out->keep |= 1ULL << cap;
	}
	return 0;
}

static bool kept(const struct caps_plan *c, int cap)
{
	return (c->keep >> cap) & 1;
}

int caps_drop_bounding(const struct caps_plan *c, struct lx_error *e)
{
	if (!c->change)
		return 0;
	for (int cap = 0; cap <= c->last; cap++)
		if (!kept(c, cap) && prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0 && errno != EINVAL) {
			lx_error_errno(e, errno,
			               "capabilities: drop capability %d from the bounding set",
			               cap);
			if (errno == EPERM)
				lx_error_hint(e, "dropping capabilities needs CAP_SETPCAP");
			return -e->code;
		}
	return 0;
}

int caps_keep_across_setuid(const struct caps_plan *c, struct lx_error *e)
{
	if (c->change && c->keep && prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) < 0)
		return lx_error_errno(e, errno, "capabilities: PR_SET_KEEPCAPS");
	return 0;
}

int caps_set(const struct caps_plan *c, struct lx_error *e)
{
	if (!c->change)
		return 0;
	struct __user_cap_header_struct header = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct data[2] = { { 0 } };
	for (int i = 0; i < 2; i++) {
		uint32_t bits = (uint32_t)(c->keep >> (32 * i));
		data[i].effective = data[i].permitted = data[i].inheritable = bits;
	}
	if (syscall(SYS_capset, &header, data) < 0)
		return lx_error_errno(e, errno, "capabilities: capset");
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 && errno != EINVAL)
		return lx_error_errno(e, errno, "capabilities: clear the ambient set");
	for (int cap = 0; cap <= c->last; cap++)
		if (kept(c, cap) && prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0) < 0)
			return lx_error_errno(e, errno, "capabilities: make capability %d ambient",
			                      cap);
	return 0;
}
