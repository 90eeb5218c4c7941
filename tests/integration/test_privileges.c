/* What the command keeps (issue 6): exactly the capabilities listed, in
 * all five sets, ambient ones working for a uid other than 0 (binding
 * port 80 as nobody); rlimits soft and hard, and the error when one would
 * raise a hard limit without CAP_SYS_RESOURCE; the environment (clear,
 * keep, set, --env); uid, gid and supplementary groups. Capabilities, ids
 * and limits are read from outside, in /proc/PID of the command while it
 * waits, as well as from inside. */
#include <criterion/criterion.h>
#include <errno.h>
#include <grp.h>
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include "privs.h"

TestSuite(privileges, .fini = h_cleanup, .timeout = 60);

static void run_ok(struct result *r, const struct pv_run *how, const char *const args[])
{
	pv_run(r, how, args);
	cr_assert_eq(r->code, 0, "launch exited %d; stdout:\n%s\nstderr:\n%s", r->code, r->out,
	             r->err);
}

/* ---- capabilities ------------------------------------------------------------- */

static const char *const cap_sets[] = { "CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb" };

/* Each set of the held command, from outside, is want[i]. */
static void expect_caps(pid_t pid, const uint64_t want[5], const char *what)
{
	for (size_t i = 0; i < 5; i++) {
		char *v = pv_status(pid, cap_sets[i]);
		cr_expect_eq(pv_caps_mask(v), want[i], "%s: %s is %s, want %016llx", what,
		             cap_sets[i], v ? v : "?", (unsigned long long)want[i]);
		free(v);
	}
}

/* capabilities.keep: exactly those, in the bounding, permitted, effective,
 * inheritable and ambient sets, for nobody (strict's user: ambient
 * capabilities are what carries them through exec) as for root; and
 * nothing with an empty list. */
Test(privileges, kept_capabilities_are_exactly_the_listed_ones)
{
	pv_require_root();
	const uint64_t bind = 1ULL << CAP_NET_BIND_SERVICE;
	const uint64_t three = bind | 1ULL << CAP_SYS_PTRACE | 1ULL << CAP_DAC_READ_SEARCH;
	const uint64_t two = 1ULL << CAP_KILL | 1ULL << CAP_CHOWN;
	struct {
		const char *json;
		uint64_t mask;
	} cases[] = {
		{ "{ \"extends\": \"strict\" }", 0 },
		{ "{ \"extends\": \"strict\", \"capabilities\": { \"keep\":"
		  " [\"CAP_NET_BIND_SERVICE\"] } }",
		  bind },
		{ "{ \"extends\": \"strict\", \"capabilities\": { \"keep\":"
		  " [\"CAP_NET_BIND_SERVICE\", \"CAP_SYS_PTRACE\", \"CAP_DAC_READ_SEARCH\"] } }",
		  three },
		{ "{ \"capabilities\": { \"keep\": [\"CAP_KILL\", \"CAP_CHOWN\"] } }", two },
	};
	const char *args[] = { "caps", NULL };
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct pv_run how = { .profile = pv_profile(cases[i].json) };
		struct pv_held h;
		pv_hold(&h, &how, args);
		uint64_t m = cases[i].mask;
		const uint64_t want[5] = { m, m, m, m, m };
		expect_caps(h.pid, want, cases[i].json);
		/* and the command's own view of itself */
		char hex[17];
		snprintf(hex, sizeof(hex), "%016llx", (unsigned long long)m);
		pv_expect(h.out, "capamb", hex);
		pv_expect(h.out, "capeff", hex);
		struct result r;
		pv_release(&h, &r);
		cr_expect_eq(r.code, 0, "%s", r.err);
		h_result_free(&r);
	}
}

/* No capabilities key: root's stay as the caller's; a uid change takes
 * them all but the bounding set (the kernel's rule), and none is ambient. */
Test(privileges, capabilities_null_leaves_the_callers)
{
	pv_require_root();
	char *own_bnd = pv_status(getpid(), "CapBnd");
	char *own_eff = pv_status(getpid(), "CapEff");
	uint64_t bnd = pv_caps_mask(own_bnd), eff = pv_caps_mask(own_eff);
	free(own_bnd);
	free(own_eff);
	const char *args[] = { "caps", NULL };
	struct pv_run root = { .profile = NULL };
	struct pv_held h;
	pv_hold(&h, &root, args);
	const uint64_t as_root[5] = { 0, eff, eff, bnd, 0 };
	expect_caps(h.pid, as_root, "root, no key");
	struct result r;
	pv_release(&h, &r);
	h_result_free(&r);

	struct pv_run user = {
		.profile = pv_profile("{ \"user\": { \"uid\": 1234, \"gid\": 1234 },"
		                      " \"cwd\": \"/\" }"),
	};
	pv_hold(&h, &user, args);
	const uint64_t as_user[5] = { 0, 0, 0, bnd, 0 };
	expect_caps(h.pid, as_user, "uid 1234, no key");
	pv_release(&h, &r);
	h_result_free(&r);
}

/* The point of ambient capabilities: strict's nobody keeping
 * CAP_NET_BIND_SERVICE binds port 80 (in its own network namespace);
 * without it, it cannot. */
Test(privileges, ambient_capability_binds_port_80_as_nobody)
{
	pv_require_root();
	const char *args[] = { "ids", "bind", "80", NULL };
	struct result r;
	struct pv_run strict = { .profile = "strict" };
	run_ok(&r, &strict, args);
	pv_expect(r.out, "uid", "65534,65534,65534");
	pv_expect(r.out, "bind", "EACCES");
	h_result_free(&r);

	struct pv_run keep = {
		.profile = pv_profile("{ \"extends\": \"strict\", \"capabilities\": { \"keep\":"
		                      " [\"CAP_NET_BIND_SERVICE\"] } }"),
	};
	run_ok(&r, &keep, args);
	pv_expect(r.out, "uid", "65534,65534,65534");
	pv_expect(r.out, "bind", "ok");
	h_result_free(&r);
}

/* ---- rlimits ---------------------------------------------------------------------- */

/* The line of /proc/PID/limits for a limit ("Max open files"): "soft hard". */
static char *proc_limit(pid_t pid, const char *title)
{
	char *text = pv_proc_file(pid, "limits");
	char *found = NULL;
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n"))
		if (strncmp(line, title, strlen(title)) == 0) {
			char soft[32], hard[32];
			if (sscanf(line + 26, "%31s %31s", soft, hard) == 2) {
				found = malloc(70);
				snprintf(found, 70, "%s %s", soft, hard);
			}
		}
	free(text);
	return found;
}

/* Soft and hard limits by name, a size with its unit, one number for
 * both; seen inside and in /proc/PID/limits. */
Test(privileges, rlimits_soft_and_hard)
{
	pv_require_root();
	struct pv_run how = {
		.profile = pv_profile(
		        "{ \"extends\": \"strict\", \"rlimits\": {"
		        " \"nofile\": { \"soft\": 100, \"hard\": 200 }, \"fsize\": \"1M\","
		        " \"core\": { \"soft\": 0, \"hard\": 4096 },"
		        " \"stack\": { \"soft\": \"4M\", \"hard\": \"6M\" } } }"),
	};
	const char *args[] = { "rlimit", "nofile", "fsize", "core", "stack", NULL };
	struct pv_held h;
	pv_hold(&h, &how, args);
	pv_expect(h.out, "rlimit-nofile", "100:200");
	pv_expect(h.out, "rlimit-fsize", "1048576:1048576");
	pv_expect(h.out, "rlimit-core", "0:4096");
	pv_expect(h.out, "rlimit-stack", "4194304:6291456");
	char *files = proc_limit(h.pid, "Max open files");
	cr_expect_str_eq(files ? files : "?", "100 200");
	free(files);
	char *fsize = proc_limit(h.pid, "Max file size");
	cr_expect_str_eq(fsize ? fsize : "?", "1048576 1048576");
	free(fsize);
	struct result r;
	pv_release(&h, &r);
	cr_expect_eq(r.code, 0, "%s", r.err);
	h_result_free(&r);
}

/* A hard limit above the caller's needs CAP_SYS_RESOURCE: without it the
 * run fails before the command runs, naming the limit. The test takes
 * CAP_SYS_RESOURCE out of its bounding set (so launch, which it starts,
 * has not got it; some machines lack it anyway) and lowers its own hard
 * core limit. */
Test(privileges, raising_a_hard_limit_needs_cap_sys_resource)
{
	pv_require_root();
	if (prctl(PR_CAPBSET_DROP, CAP_SYS_RESOURCE, 0, 0, 0) < 0)
		cr_skip_test("cannot drop CAP_SYS_RESOURCE: %s", strerror(errno));
	struct rlimit core = { .rlim_cur = 0, .rlim_max = 1000 };
	cr_assert(setrlimit(RLIMIT_CORE, &core) == 0);
	struct pv_run how = {
		.profile = pv_profile("{ \"extends\": \"strict\", \"rlimits\": {"
		                      " \"core\": { \"soft\": 0, \"hard\": 2000 } } }"),
	};
	const char *args[] = { "ids", NULL };
	struct result r;
	pv_run(&r, &how, args);
	cr_expect_eq(r.code, 125, "launch exited %d: %s", r.code, r.err);
	cr_expect(h_contains(r.err, "launch: rlimits.core: Operation not permitted"), "%s", r.err);
	cr_expect_str_eq(r.out, "", "the command ran");
	h_result_free(&r);

	/* at the caller's hard limit, or below: fine */
	how.profile = pv_profile("{ \"extends\": \"strict\", \"rlimits\": {"
	                         " \"core\": { \"soft\": 0, \"hard\": 1000 } } }");
	run_ok(&r, &how, args);
	h_result_free(&r);
}

/* ---- environment -------------------------------------------------------------------- */

/* The "env=" lines of out, sorted, one a line. */
static char *env_of(const char *out)
{
	char *copy = strdup(out);
	char *lines[256];
	size_t n = 0;
	for (char *line = strtok(copy, "\n"); line && n < 256; line = strtok(NULL, "\n"))
		if (strncmp(line, "env=", 4) == 0)
			lines[n++] = line + 4;
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (strcmp(lines[j], lines[i]) < 0) {
				char *t = lines[i];
				lines[i] = lines[j];
				lines[j] = t;
			}
	char *text = calloc(1, strlen(out) + 1);
	for (size_t i = 0; i < n; i++) {
		strcat(text, lines[i]);
		strcat(text, "\n");
	}
	free(copy);
	return text;
}

/* clear keeps only the listed variables the caller has, then set and --env
 * on top; without clear, the caller's with set replacing one of the same
 * name; strict's environment is PATH, TERM and LANG with HOME=/tmp. */
Test(privileges, environment_clear_keep_set)
{
	static const char *const env[] = { "FOO=foo", "BAR=bar", "TERM=xterm-test", "LANG=C.test",
		                           NULL };
	const char *args[] = { "env", NULL };
	const char *cli[] = { "--env", "CLI=cli", "--env", "NEW=from-cli", NULL };
	struct result r;
	struct pv_run how = {
		.profile =
		        pv_profile("{ \"env\": { \"clear\": true, \"keep\": [\"FOO\", \"MISSING\"],"
		                   " \"set\": { \"NEW\": \"new\", \"SET\": \"a=b c\" } } }"),
		.env = env,
		.opts = cli,
	};
	run_ok(&r, &how, args);
	char *got = env_of(r.out);
	cr_expect_str_eq(got, "CLI=cli\nFOO=foo\nNEW=from-cli\nSET=a=b c\n");
	free(got);
	h_result_free(&r);

	how.profile = pv_profile("{ \"env\": { \"set\": { \"FOO\": \"replaced\" } } }");
	how.opts = NULL;
	run_ok(&r, &how, args);
	cr_expect_eq(h_count(r.out, "env=FOO="), 1, "%s", r.out);
	cr_expect(h_contains(r.out, "env=FOO=replaced\n"), "%s", r.out);
	cr_expect(h_contains(r.out, "env=BAR=bar\n"), "%s", r.out);
	h_result_free(&r);

	if (geteuid() == 0) {
		how.profile = "strict";
		run_ok(&r, &how, args);
		got = env_of(r.out);
		const char *path = getenv("PATH");
		char want[4096];
		snprintf(want, sizeof(want), "HOME=/tmp\nLANG=C.test\n%s%s%sTERM=xterm-test\n",
		         path ? "PATH=" : "", path ? path : "", path ? "\n" : "");
		cr_expect_str_eq(got, want);
		free(got);
		h_result_free(&r);
	}
}

/* ---- identity ------------------------------------------------------------------------- */

/* uid, gid and groups as the profile says, all three ids of each (real,
 * effective, saved), seen inside and outside; a uid without groups clears
 * the caller's supplementary groups. */
Test(privileges, uid_gid_groups)
{
	pv_require_root();
	/* the caller's groups, for launch to inherit */
	gid_t mine[] = { 4242 };
	cr_assert(setgroups(1, mine) == 0);
	const char *args[] = { "ids", NULL };
	struct pv_run how = {
		.profile = pv_profile("{ \"user\": { \"uid\": 1234, \"gid\": 2345,"
		                      " \"groups\": [3456, 4567] }, \"cwd\": \"/\" }"),
	};
	struct pv_held h;
	pv_hold(&h, &how, args);
	pv_expect(h.out, "uid", "1234,1234,1234");
	pv_expect(h.out, "gid", "2345,2345,2345");
	pv_expect(h.out, "groups", "3456,4567");
	char *uid = pv_status(h.pid, "Uid"), *gid = pv_status(h.pid, "Gid");
	char *groups = pv_status(h.pid, "Groups");
	cr_expect_str_eq(uid ? uid : "?", "1234\t1234\t1234\t1234");
	cr_expect_str_eq(gid ? gid : "?", "2345\t2345\t2345\t2345");
	cr_expect(groups && strncmp(groups, "3456 4567", 9) == 0, "Groups: %s",
	          groups ? groups : "?");
	free(uid);
	free(gid);
	free(groups);
	struct result r;
	pv_release(&h, &r);
	h_result_free(&r);

	how.profile = pv_profile("{ \"user\": { \"uid\": 1234, \"gid\": 2345 }, \"cwd\": \"/\" }");
	run_ok(&r, &how, args);
	pv_expect(r.out, "uid", "1234,1234,1234");
	pv_expect(r.out, "groups", "");
	h_result_free(&r);

	how.profile = NULL;
	run_ok(&r, &how, args);
	pv_expect(r.out, "uid", "0,0,0");
	pv_expect(r.out, "groups", "4242");
	h_result_free(&r);
}
