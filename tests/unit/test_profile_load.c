/* profiles/load.h: one profile text read into a profile, with the
 * problems it has: the "$schema" key editors use to find
 * profiles/launch-profile.schema.json, and names with a NUL in them. */
#include <criterion/criterion.h>
#include <errno.h>
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
