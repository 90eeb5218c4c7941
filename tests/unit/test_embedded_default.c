/* profiles/gen/embed_default.c: the default profile written as C at build
 * time sets what the loader reads from profiles/default.json, no more and
 * no less (rendered as launch --show renders them, on the documented
 * defaults). DEFAULT_PROFILE, the file's absolute path, comes from the
 * Makefile (make test-vm puts the file at the same path in the guest). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "profiles/load.h"
#include "profiles/profile.h"
#include "profiles/resolve.h"
#include "profiles/show.h"

/* What --show prints for a profile that sets what p sets. */
static void render_on_defaults(const struct profile *p, struct strbuf *out)
{
	struct profile q;
	profile_init_defaults(&q);
	profile_merge(&q, p);
	profile_normalize(&q);
	profile_render(&q, out);
	cr_assert_not(strbuf_failed(out));
	profile_free(&q);
}

Test(embedded_default, the_generated_profile_is_the_text_read_by_the_loader)
{
	char *text, why[128];
	size_t len;
	cr_assert_eq(profile_read_file(DEFAULT_PROFILE, &text, &len, why, sizeof(why)), 0, "%s: %s",
	             DEFAULT_PROFILE, why);
	struct strbuf problems = STRBUF_INIT, from_text = STRBUF_INIT, generated = STRBUF_INIT;
	struct profile_diag d = { .out = &problems };
	struct profile read, built;
	struct profile_extends ext;
	profile_init(&read);
	cr_assert_eq(profile_parse_text("default", text, len, &read, &ext, &d), 0, "%s",
	             problems.data ? problems.data : "");
	cr_expect_null(ext.name);
	profile_embedded_default(&built);

	render_on_defaults(&read, &from_text);
	render_on_defaults(&built, &generated);
	cr_expect_str_eq(generated.data, from_text.data);
	/* and the keys it sets are set, not left to the defaults */
	cr_expect_eq(built.has_description, read.has_description);
	cr_expect_eq(built.has_namespaces, read.has_namespaces);
	cr_expect_eq(built.namespaces, read.namespaces);

	profile_free(&read);
	profile_free(&built);
	free(text);
	strbuf_free(&problems);
	strbuf_free(&from_text);
	strbuf_free(&generated);
}
