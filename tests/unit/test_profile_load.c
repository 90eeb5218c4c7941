/* profiles/load and profile: inputs found while fuzzing the loader
 * (tests/fuzz/) and timing its largest inputs: how many problems they make
 * and what those say, and long lists that grew at quadratic cost. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "base/strbuf.h"
#include "profiles/load.h"
#include "profiles/profile.h"

TestSuite(profile_load);

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

/* Each repeat of a name is one problem: n copies made n*n/2 problems, a
 * few thousand copies minutes of messages. */
Test(profile_load, a_repeated_name_is_one_problem_each_time)
{
	struct strbuf out = STRBUF_INIT;
	cr_expect_eq(
	        problems_of("{\"seccomp\": {\"deny\": [\"read\", \"read\", \"read\", \"read\"]}}",
	                    &out),
	        3);
	cr_expect_not_null(
	        strstr(out.data, "t.json:1:31: seccomp.deny[1]: \"read\" is listed twice\n"), "%s",
	        out.data);
	cr_expect_not_null(
	        strstr(out.data, "t.json:1:47: seccomp.deny[3]: \"read\" is listed twice\n"), "%s",
	        out.data);
	strbuf_free(&out);

	struct strbuf many = STRBUF_INIT;
	struct strbuf text = STRBUF_INIT;
	strbuf_puts(&text, "{\"namespaces\": [\"pid\"");
	for (int i = 0; i < 2000; i++)
		strbuf_puts(&text, ", \"pid\"");
	strbuf_puts(&text, "]}");
	cr_expect_eq(problems_of(text.data, &many), 2000);
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
