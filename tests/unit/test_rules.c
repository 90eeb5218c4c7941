/* profiles/rules: the namespaces other keys bring, and the contradictions
 * an effective profile may not hold, each with its message. */
#include <criterion/criterion.h>
#include <string.h>

#include "profiles/rules.h"

static struct profile p;

static void setup(void)
{
	profile_init_defaults(&p);
}

static void teardown(void)
{
	profile_free(&p);
}

TestSuite(rules, .init = setup, .fini = teardown);

static const struct profile_mount a_tmpfs = { .type = MOUNT_TMPFS, .target = "/tmp" };

Test(rules, the_defaults_build_no_view_and_bring_nothing)
{
	cr_expect_not(profile_builds_view(&p));
	profile_add_implied_namespaces(&p);
	cr_expect_eq(p.namespaces, NS_PID | NS_MOUNT);
	char buf[256];
	cr_expect_null(profile_conflict(&p, buf, sizeof(buf)));
}

Test(rules, each_filesystem_key_builds_a_view)
{
	p.root = "/";
	cr_expect_not(profile_builds_view(&p), "the host's / is no view of launch's");
	p.root = "/srv/image";
	cr_expect(profile_builds_view(&p));
	p.root = "/";
	p.read_only = true;
	cr_expect(profile_builds_view(&p));
	p.read_only = false;
	p.dev = DEV_MINIMAL;
	cr_expect(profile_builds_view(&p));
	p.dev = DEV_NONE;
	cr_expect(profile_builds_view(&p));
	p.dev = DEV_HOST;
	profile_add_mount(&p, &a_tmpfs);
	cr_expect(profile_builds_view(&p));
}

Test(rules, a_view_brings_the_mount_namespace)
{
	p.namespaces = NS_PID;
	p.read_only = true;
	profile_add_implied_namespaces(&p);
	cr_expect_eq(p.namespaces, NS_PID | NS_MOUNT);
}

Test(rules, a_network_of_its_own_brings_net)
{
	p.namespaces = NS_PID;
	p.network = NET_NONE;
	profile_add_implied_namespaces(&p);
	cr_expect_eq(p.namespaces, NS_PID | NS_NET);
	p.namespaces = NS_PID;
	p.network = NET_LOOPBACK;
	profile_add_implied_namespaces(&p);
	cr_expect_eq(p.namespaces, NS_PID | NS_NET);
	p.namespaces = NS_PID;
	p.network = NET_HOST;
	profile_add_implied_namespaces(&p);
	cr_expect_eq(p.namespaces, NS_PID, "the host's network needs no namespace");
}

Test(rules, a_host_name_brings_uts)
{
	p.namespaces = NS_PID;
	p.hostname = "box";
	profile_add_implied_namespaces(&p);
	cr_expect_eq(p.namespaces, NS_PID | NS_UTS);
}

Test(rules, nothing_else_is_added_or_taken)
{
	p.namespaces = NS_PID | NS_IPC | NS_CGROUP | NS_USER | NS_NET;
	p.network = NET_NONE;
	profile_add_implied_namespaces(&p);
	cr_expect_eq(p.namespaces, NS_PID | NS_IPC | NS_CGROUP | NS_USER | NS_NET);
}

static void expect_conflict(const char *message)
{
	char buf[256];
	const char *why = profile_conflict(&p, buf, sizeof(buf));
	cr_assert_not_null(why, "no conflict found, expected: %s", message);
	cr_expect_eq(why, buf);
	cr_expect_str_eq(why, message);
}

Test(rules, pid_cannot_be_left_out)
{
	p.namespaces = NS_MOUNT;
	expect_conflict("namespaces: \"pid\" cannot be left out: launch is the init of a new PID "
	                "namespace");
}

Test(rules, host_network_with_net_is_a_contradiction)
{
	p.namespaces |= NS_NET;
	p.network = NET_HOST;
	expect_conflict(
	        "network: \"host\", but namespaces lists \"net\" (a network namespace of "
	        "the sandbox's own): choose \"none\" or \"loopback\", or leave \"net\" out");
}

Test(rules, uid_without_gid_is_refused)
{
	p.uid = 1000;
	expect_conflict("user.uid: 1000 is set but user.gid is not: set the group too, or the "
	                "command would keep the caller's");
	/* the other way round is fine: the caller's uid with another group */
	p.uid = PROFILE_NO_ID;
	p.gid = 1000;
	char buf[256];
	cr_expect_null(profile_conflict(&p, buf, sizeof(buf)));
}

Test(rules, the_first_conflict_is_named)
{
	p.namespaces = NS_NET;
	p.network = NET_HOST;
	p.uid = 1;
	expect_conflict("namespaces: \"pid\" cannot be left out: launch is the init of a new PID "
	                "namespace");
}

Test(rules, a_message_is_cut_to_the_buffer)
{
	char buf[16];
	p.namespaces = NS_MOUNT;
	const char *why = profile_conflict(&p, buf, sizeof(buf));
	cr_assert_not_null(why);
	cr_expect_str_eq(why, "namespaces: \"pi");
}
