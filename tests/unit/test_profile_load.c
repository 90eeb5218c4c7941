/* profiles/load: how many problems an input makes, and what they say, for
 * inputs found while fuzzing the loader (tests/fuzz/). */
#include <criterion/criterion.h>
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

