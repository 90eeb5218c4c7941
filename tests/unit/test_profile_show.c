/* profiles/: what launch --show prints is a profile that loads again,
 * without a problem, and shows the same. Each case here is an input the
 * fuzzer (tests/fuzz/fuzz_profile.c) found breaking that, reproduced
 * without it: a profile that loads, put onto the defaults and rendered as
 * --show does, must be refused where launch meets it, or show a text that
 * loads and renders the same. */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/strbuf.h"
#include "profiles/load.h"
#include "profiles/profile.h"
#include "profiles/resolve.h"
#include "profiles/show.h"

TestSuite(profile_show);

/* Loads text as t.json; p gets what it sets, problems what was wrong. */
static int load(const char *text, struct profile *p, struct strbuf *problems)
{
	struct profile_diag d = { .out = problems };
	profile_init(p);
	return profile_parse_text("t.json", text, strlen(text), p, NULL, &d);
}

/* text's effective profile as --show prints it (no extends). */
static void show(const char *text, struct strbuf *out)
{
	struct strbuf problems = STRBUF_INIT;
	struct profile file, p;
	cr_assert_eq(load(text, &file, &problems), 0, "%s:\n%s", text,
	             problems.data ? problems.data : "");
	profile_init_defaults(&p);
	profile_merge(&p, &file);
	profile_free(&file);
	struct profile_diag d = { .out = &problems };
	cr_assert_eq(profile_check_merged("t.json", &p, &d), 0, "%s", problems.data);
	profile_normalize(&p);
	profile_render(&p, out);
	profile_free(&p);
	strbuf_free(&problems);
	cr_assert_not(strbuf_failed(out));
}

/* --show of text loads again and shows the same. */
static void expect_round_trip(const char *text)
{
	struct strbuf first = STRBUF_INIT, second = STRBUF_INIT;
	show(text, &first);
	show(first.data, &second);
	cr_expect_str_eq(second.data, first.data);
	strbuf_free(&first);
	strbuf_free(&second);
}

static char tmpdir[64];

static void make_tmpdir(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/launch-unit-profile-XXXXXX");
	cr_assert_not_null(mkdtemp(tmpdir), "mkdtemp: %s", strerror(errno));
}

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	remove(path);
	return 0;
}

static void remove_tmpdir(void)
{
	if (tmpdir[0])
		nftw(tmpdir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
}

/* tmpdir/name with text in it; its path in buf. */
static const char *write_profile(const char *name, const char *text, char *buf, size_t size)
{
	snprintf(buf, size, "%s/%s", tmpdir, name);
	FILE *f = fopen(buf, "we");
	cr_assert_not_null(f, "%s: %s", buf, strerror(errno));
	cr_assert_eq(fputs(text, f) >= 0 && fclose(f) == 0, true);
	return buf;
}

/* profile_resolve on the file: its result, the problems in *problems. */
static int resolve(const char *path, struct strbuf *problems)
{
	struct profile_diag d = { .out = problems };
	struct profile p = { 0 };
	char shown[64];
	int r = profile_resolve(path, &p, shown, sizeof(shown), &d);
	profile_free(&p);
	return r;
}

/* Found by the fuzzer: a restart.backoff above the default backoff_max
 * (30s) loaded, and --show printed both, which the loader refuses
 * together. The rule holds for the effective profile, wherever each key
 * comes from. */
Test(profile_show, backoff_above_default_max, .init = make_tmpdir, .fini = remove_tmpdir)
{
	static const char text[] = "{\n   \"restart\": { \"backoff\": \"551615.150065489s\" }\n}\n";
	struct strbuf problems = STRBUF_INIT;
	struct profile p;
	cr_expect_eq(load(text, &p, &problems), 0, "one file: nothing to compare");
	profile_free(&p);

	char path[128];
	write_profile("t.json", text, path, sizeof(path));
	cr_expect_eq(resolve(path, &problems), -EINVAL);
	char want[256];
	snprintf(want, sizeof(want),
	         "%s: restart: backoff 551615.150065489s is longer than backoff_max 30s\n", path);
	cr_expect_str_eq(problems.data, want);
	strbuf_free(&problems);
}

Test(profile_show, backoff_above_parent_max, .init = make_tmpdir, .fini = remove_tmpdir)
{
	char parent[128], child[128];
	write_profile("parent.json", "{ \"restart\": { \"backoff_max\": \"5s\" } }", parent,
	              sizeof(parent));
	write_profile("child.json",
	              "{ \"extends\": \"parent.json\", \"restart\": { \"backoff\": \"10s\" } }",
	              child, sizeof(child));
	struct strbuf problems = STRBUF_INIT;
	cr_expect_eq(resolve(child, &problems), -EINVAL);
	cr_expect_not_null(strstr(problems.data ? problems.data : "",
	                          "restart: backoff 10s is longer than backoff_max 5s"),
	                   "%s", problems.data);
	strbuf_free(&problems);

	write_profile("ok.json",
	              "{ \"extends\": \"parent.json\", \"restart\": { \"backoff\": \"5s\" } }",
	              child, sizeof(child));
	cr_expect_eq(resolve(child, &problems), 0, "%s", problems.data);
	strbuf_free(&problems);
	expect_round_trip("{ \"restart\": { \"backoff\": \"30s\" } }");
}

/* Found by the fuzzer: "33" is a stop signal (glibc keeps 32 and 33 for
 * itself, but they are signals), and --show wrote it as "SIG33", which is
 * no name to read back. */
Test(profile_show, unnamed_stop_signal)
{
	struct strbuf out = STRBUF_INIT;
	show("{\n\"stop_signal\": \"33\"}", &out);
	cr_expect_not_null(strstr(out.data, "\"stop_signal\": \"33\",\n"), "%s", out.data);
	strbuf_free(&out);
	expect_round_trip("{\"stop_signal\": \"32\"}");
	expect_round_trip("{\"stop_signal\": \"SIGRTMIN+3\"}");
	expect_round_trip("{\"stop_signal\": \"9\"}");
}
