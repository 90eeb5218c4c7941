/* profiles/load.h: one profile text read into a profile, with the
 * problems it has: the "$schema" key editors use to find
 * profiles/launch-profile.schema.json, names with a NUL in them, and
 * inputs found while fuzzing the loader (tests/fuzz/): how many problems
 * they make and long lists that grew at quadratic cost. */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "base/strbuf.h"
#include "profiles/load.h"
#include "profiles/profile.h"

struct loaded {
	int r;
	struct profile p;
	struct strbuf problems;
	size_t count;
};

static void load(struct loaded *l, const char *text)
{
	memset(l, 0, sizeof(*l));
	profile_init(&l->p);
	struct profile_diag d = { .out = &l->problems };
	l->r = profile_parse_text("t.json", text, strlen(text), &l->p, NULL, &d);
	l->count = d.count;
}

static void loaded_free(struct loaded *l)
{
	profile_free(&l->p);
	strbuf_free(&l->problems);
}

static void expect_problem(const char *text, const char *want)
{
	struct loaded l;
	load(&l, text);
	cr_expect_eq(l.r, -EINVAL, "%s: loaded", text);
	cr_expect_eq(l.count, 1, "%s: %zu problems", text, l.count);
	cr_expect_str_eq(l.problems.data ? l.problems.data : "", want);
	loaded_free(&l);
}

Test(profile_load, schema_key_is_read_and_ignored)
{
	struct loaded l;
	load(&l, "{ \"$schema\": \"https://launch.invalid/launch-profile.schema.json\",\n"
	         "  \"hostname\": \"box\" }");
	cr_expect_eq(l.r, 0, "problems: %s", l.problems.data ? l.problems.data : "");
	cr_expect_eq(l.count, 0);
	cr_expect(l.p.has_hostname);
	cr_expect_str_eq(l.p.hostname, "box");
	loaded_free(&l);

	/* a relative file name, as an editor's setting may write it */
	load(&l, "{ \"$schema\": \"../profiles/launch-profile.schema.json\" }");
	cr_expect_eq(l.r, 0, "problems: %s", l.problems.data ? l.problems.data : "");
	loaded_free(&l);
}

Test(profile_load, schema_key_must_be_a_string)
{
	expect_problem("{ \"$schema\": 1 }",
	               "t.json:1:14: $schema: expected a string, not a number\n");
	expect_problem("{ \"$schema\": null }",
	               "t.json:1:14: $schema: expected a string, not null\n");
}

/* only the document names its schema: nested, it is an unknown key */
Test(profile_load, schema_key_only_at_the_top)
{
	expect_problem("{ \"user\": { \"$schema\": \"x\" } }",
	               "t.json:1:13: user.$schema: unknown key\n");
}

/* text_of() cannot hold a NUL: a variable whose name has one was skipped
 * without a word, and the profile loaded without it */
Test(profile_load, env_name_with_nul_is_a_problem)
{
	expect_problem("{ \"env\": { \"set\": { \"A\\u0000B\": \"x\" } } }",
	               "t.json:1:21: env.set.?: a name with a NUL character\n");
}

/* Loads text as t.json; the problems go to *problems, their count back. */
static size_t problems_of(const char *text, struct strbuf *problems)
{
	struct profile_diag d = { .out = problems, .source_lines = true };
	struct profile p;
	profile_init(&p);
	int r = profile_parse_text("t.json", text, strlen(text), &p, NULL, &d);
	profile_free(&p);
	cr_expect_eq(r<0, d.count> 0);
	return d.count;
}

/* Each repeat of a name is one problem, naming the first copy: one per
 * earlier copy made n*n/2 problems, a few thousand copies minutes of
 * messages. */
Test(profile_load, a_repeated_name_is_one_problem_each_time)
{
	struct strbuf out = STRBUF_INIT;
	cr_expect_eq(
	        problems_of("{\"seccomp\": {\"deny\": [\"read\", \"read\", \"read\", \"read\"]}}",
	                    &out),
	        3);
	cr_expect_not_null(
	        strstr(out.data,
	               "t.json:1:31: seccomp.deny[1]: \"read\" is listed twice (first at 1:23)\n"),
	        "%s", out.data);
	cr_expect_not_null(
	        strstr(out.data,
	               "t.json:1:47: seccomp.deny[3]: \"read\" is listed twice (first at 1:23)\n"),
	        "%s", out.data);
	strbuf_free(&out);

	struct strbuf many = STRBUF_INIT;
	struct strbuf text = STRBUF_INIT;
	strbuf_puts(&text, "{\"namespaces\": [\"pid\"");
	for (int i = 0; i < 1000; i++) /* a list holds at most 1024 names */
		strbuf_puts(&text, ", \"pid\"");
	strbuf_puts(&text, "]}");
	cr_expect_eq(problems_of(text.data, &many), 1000);
	strbuf_free(&many);
	strbuf_free(&text);
}

/* env.set grows by doubling (a copy of the whole list per variable was
 * quadratic): order, replacement by name and merging across the growths. */
Test(profile_load, many_variables)
{
	struct profile p, q;
	profile_init(&p);
	for (int i = 0; i < 1000; i++) {
		char name[16], value[16];
		snprintf(name, sizeof(name), "V%d", i);
		snprintf(value, sizeof(value), "%d", i);
		profile_set_env(&p, name, value);
	}
	profile_set_env(&p, "V7", "seven");
	profile_set_env(&p, "V999", "last");
	cr_assert_eq(p.n_env_set, 1000);
	cr_expect_str_eq(p.env_set[0].name, "V0");
	cr_expect_str_eq(p.env_set[7].value, "seven");
	cr_expect_str_eq(p.env_set[500].name, "V500");
	cr_expect_str_eq(p.env_set[500].value, "500");
	cr_expect_str_eq(p.env_set[999].value, "last");

	profile_init(&q);
	profile_set_env(&q, "V500", "from q");
	profile_set_env(&q, "ONLY_Q", "q");
	profile_merge(&q, &p);
	cr_assert_eq(q.n_env_set, 1001);
	cr_expect_str_eq(q.env_set[0].name, "V500");
	cr_expect_str_eq(q.env_set[0].value, "500", "p's value wins");
	cr_expect_str_eq(q.env_set[1].name, "ONLY_Q");
	cr_expect_str_eq(q.env_set[2].name, "V0");
	cr_expect_str_eq(q.env_set[1000].value, "last");
	cr_expect_not(profile_failed(&q));
	profile_free(&p);
	profile_free(&q);
}
