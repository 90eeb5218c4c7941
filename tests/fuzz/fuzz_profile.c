/* libFuzzer target for the profile loader (make fuzz). Each input is a
 * profile file's text. It is parsed with every message formatted as
 * launch --check shows it (source line and caret included); a profile that
 * loads without problems then goes the way of launch --show: onto the
 * documented defaults, normalized, rendered as JSON. That JSON must load
 * again without a problem and render to the same text: --show prints a
 * valid profile, and one that means what it shows. Any difference aborts,
 * so the fuzzer keeps the input.
 *
 * extends is only recorded by the loader, never followed here: nothing
 * touches the filesystem. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "profiles/load.h"
#include "profiles/profile.h"
#include "profiles/show.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A finding: what broke, then abort() so that libFuzzer keeps the input. */
static void fail(const char *what, const struct strbuf *detail)
{
	fprintf(stderr, "fuzz_profile: %s\n%s", what, detail && detail->data ? detail->data : "");
	abort();
}

/* text as launch --show would print it: the effective profile of a file
 * without extends. 0 when it loaded, -1 when it had problems (in
 * problems); *extends says whether it names a parent. */
static int show(const char *file, const char *text, size_t len, struct strbuf *out,
                struct strbuf *problems, bool *extends)
{
	struct profile_diag d = { .out = problems, .prefix = "launch: ", .source_lines = true };
	struct profile loaded, effective;
	struct profile_extends ext;
	profile_init(&loaded);
	int r = profile_parse_text(file, text, len, &loaded, &ext, &d);
	*extends = ext.name != NULL; /* in loaded's arena */
	/* the contract of load.h: an error exactly when something was said */
	if ((r < 0) != (d.count > 0) || (d.count > 0) != (problems->len > 0))
		fail("the result and the problems disagree", problems);
	if (strbuf_failed(problems))
		fail("out of memory formatting problems", NULL);
	if (r < 0) {
		profile_free(&loaded);
		return -1;
	}
	profile_init_defaults(&effective);
	profile_merge(&effective, &loaded);
	profile_free(&loaded);
	if (profile_failed(&effective))
		fail("out of memory merging", NULL);
	/* what profile_resolve checks once the chain is merged */
	if (profile_check_merged(file, &effective, &d) < 0) {
		profile_free(&effective);
		return -1;
	}
	profile_normalize(&effective);
	profile_render(&effective, out);
	profile_free(&effective);
	if (strbuf_failed(out) || !out->data)
		fail("rendering failed", NULL);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf first = STRBUF_INIT, second = STRBUF_INIT, problems = STRBUF_INIT;
	bool extends;

	if (show("fuzz.json", (const char *)data, size, &first, &problems, &extends) == 0) {
		if (show("shown.json", first.data, first.len, &second, &problems, &extends) < 0)
			fail("the rendered profile does not load", &problems);
		if (extends)
			fail("the rendered profile extends another", &first);
		if (first.len != second.len || memcmp(first.data, second.data, first.len) != 0) {
			fprintf(stderr, "first rendering:\n%s\nsecond rendering:\n%s", first.data,
			        second.data);
			fail("the rendered profile renders differently", NULL);
		}
	}
	strbuf_free(&first);
	strbuf_free(&second);
	strbuf_free(&problems);
	return 0;
}
