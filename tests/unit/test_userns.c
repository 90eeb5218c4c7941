/* ns/userns idmap_plan: which ids a user namespace maps, for root and for a
 * rootless caller, and what the command becomes inside. */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "ns/userns.h"

static struct profile p;

static void setup(void)
{
	profile_init_defaults(&p);
}

static void teardown(void)
{
	profile_free(&p);
}

TestSuite(userns, .init = setup, .fini = teardown);

static void plan_ok(bool privileged, uid_t uid, gid_t gid, struct idmap *m)
{
	struct lx_error e = { 0 };
	cr_assert_eq(idmap_plan(privileged, uid, gid, &p, m, &e), 0, "%s", e.message);
	cr_expect_not(lx_error_is_set(&e));
}

Test(userns, root_without_ids_is_root_inside_and_nobody_outside)
{
	struct idmap m;
	plan_ok(true, 0, 0, &m);
	cr_expect_eq(m.uid, 0);
	cr_expect_eq(m.gid, 0);
	cr_expect_str_eq(m.uid_map, "0 65534 1\n");
	cr_expect_str_eq(m.gid_map, "0 65534 1\n");
	cr_expect_not(m.deny_setgroups, "root may set groups in its namespace");
}

Test(userns, root_with_ids_maps_them_to_themselves)
{
	p.uid = 1000;
	p.gid = 100;
	struct idmap m;
	plan_ok(true, 0, 0, &m);
	cr_expect_eq(m.uid, 1000);
	cr_expect_eq(m.gid, 100);
	cr_expect_str_eq(m.uid_map, "1000 1000 1\n");
	cr_expect_str_eq(m.gid_map, "100 100 1\n");
	cr_expect_not(m.deny_setgroups);
}

Test(userns, root_may_set_groups)
{
	static uint32_t groups[] = { 10, 20 };
	p.uid = 1000;
	p.gid = 1000;
	p.groups = groups;
	p.n_groups = 2;
	struct idmap m;
	plan_ok(true, 0, 0, &m);
	cr_expect_not(m.deny_setgroups);
	p.groups = NULL;
	p.n_groups = 0;
}

Test(userns, rootless_maps_the_callers_own_ids)
{
	struct idmap m;
	plan_ok(false, 1000, 1001, &m);
	cr_expect_eq(m.uid, 1000);
	cr_expect_eq(m.gid, 1001);
	cr_expect_str_eq(m.uid_map, "1000 1000 1\n");
	cr_expect_str_eq(m.gid_map, "1001 1001 1\n");
	cr_expect(m.deny_setgroups, "the kernel wants setgroups denied before an "
	                            "unprivileged gid_map");
}

Test(userns, rootless_with_ids_sees_itself_as_them)
{
	p.uid = 0;
	p.gid = 0;
	struct idmap m;
	plan_ok(false, 65534, 65534, &m);
	cr_expect_eq(m.uid, 0);
	cr_expect_eq(m.gid, 0);
	cr_expect_str_eq(m.uid_map, "0 65534 1\n");
	cr_expect_str_eq(m.gid_map, "0 65534 1\n");
	cr_expect(m.deny_setgroups);
}

Test(userns, rootless_refuses_groups_even_an_empty_list)
{
	static uint32_t one[] = { 10 };
	struct idmap m;
	struct lx_error e = { 0 };
	p.groups = one;
	p.n_groups = 1;
	cr_expect_eq(idmap_plan(false, 1000, 1000, &p, &m, &e), -EPERM);
	cr_expect_eq(e.code, EPERM);
	cr_expect_str_eq(e.message,
	                 "user.groups: without root, supplementary groups cannot be set (the "
	                 "kernel denies setgroups in the user namespace); set \"groups\": null");
	/* [] asks to clear the caller's groups, which cannot be done either */
	lx_error_clear(&e);
	p.n_groups = 0;
	cr_expect_eq(idmap_plan(false, 1000, 1000, &p, &m, &e), -EPERM);
	p.groups = NULL;
}

Test(userns, largest_ids_fit_the_maps)
{
	p.uid = 4294967294u;
	p.gid = 4294967294u;
	struct idmap m;
	plan_ok(true, 0, 0, &m);
	cr_expect_str_eq(m.uid_map, "4294967294 4294967294 1\n");
	plan_ok(false, 4294967294u, 4294967294u, &m);
	cr_expect_str_eq(m.gid_map, "4294967294 4294967294 1\n");
}
