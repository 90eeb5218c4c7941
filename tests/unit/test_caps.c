/* security/caps.h: capabilities.keep as a mask, from libcap's names; no
 * key leaves the caller's; an unknown name is an error that names it. */
#include <criterion/criterion.h>
#include <errno.h>
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/error.h"
#include "security/caps.h"

static int last_cap(void)
{
	int last = -1;
	FILE *f = fopen("/proc/sys/kernel/cap_last_cap", "r");
	if (f) {
		if (fscanf(f, "%d", &last) != 1)
			last = -1;
		fclose(f);
	}
	return last;
}

TestSuite(caps);

Test(caps, no_key_changes_nothing)
{
	struct caps_plan c;
	struct lx_error e = { 0 };
	cr_assert_eq(caps_plan(NULL, 0, &c, &e), 0);
	cr_expect_not(c.change);
	cr_expect_eq(c.keep, 0);
}

Test(caps, empty_list_drops_everything)
{
	static const char *const none[] = { NULL };
	struct caps_plan c;
	struct lx_error e = { 0 };
	cr_assert_eq(caps_plan(none, 0, &c, &e), 0);
	cr_expect(c.change);
	cr_expect_eq(c.keep, 0);
}

Test(caps, names_to_mask)
{
	static const char *const names[] = { "CAP_NET_BIND_SERVICE", "CAP_CHOWN", "CAP_SYS_ADMIN",
		                             "CAP_NET_BIND_SERVICE" };
	struct caps_plan c;
	struct lx_error e = { 0 };
	cr_assert_eq(caps_plan(names, 4, &c, &e), 0, "%s", e.message);
	cr_expect(c.change);
	cr_expect_eq(c.keep,
	             1ULL << CAP_NET_BIND_SERVICE | 1ULL << CAP_CHOWN | 1ULL << CAP_SYS_ADMIN,
	             "%#llx", (unsigned long long)c.keep);
	int last = last_cap();
	if (last >= 0)
		cr_expect_eq(c.last, last, "the kernel's last capability");

	/* the highest one the kernel has */
	static const char *const top[] = { "CAP_CHECKPOINT_RESTORE" };
	if (last >= CAP_CHECKPOINT_RESTORE) {
		cr_assert_eq(caps_plan(top, 1, &c, &e), 0, "%s", e.message);
		cr_expect_eq(c.keep, 1ULL << CAP_CHECKPOINT_RESTORE);
	}
}

Test(caps, unknown_name_is_an_error)
{
	static const char *const names[] = { "CAP_CHOWN", "CAP_NOT_A_CAP" };
	struct caps_plan c;
	struct lx_error e = { 0 };
	cr_expect_eq(caps_plan(names, 2, &c, &e), -EINVAL);
	cr_expect_str_eq(e.message, "capabilities.keep: unknown capability CAP_NOT_A_CAP");
}
