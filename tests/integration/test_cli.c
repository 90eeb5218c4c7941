/* --help documents every option; --version (issue 2, item 10). */
#include <criterion/criterion.h>
#include <string.h>

#include "harness.h"

TestSuite(cli, .fini = h_cleanup, .timeout = 30);

Test(cli, help_documents_every_option)
{
	static const char *options[] = { "--report FILE", "--summary",         "--timeout DUR",
		                         "--grace DUR",   "--stop-signal SIG", "--pass-fd N",
		                         "--tty",         "--no-tty",          "--help",
		                         "--version" };
	struct result r;
	const char *argv[] = { launch_bin(), "--help", NULL };
	h_run(&r, 10, argv);
	cr_expect_eq(r.code, 0);
	cr_expect_str_eq(r.err, "");
	cr_expect(h_contains(r.out, "Usage: launch [OPTIONS] [--] COMMAND [ARG...]"));
	for (size_t i = 0; i < sizeof(options) / sizeof(options[0]); i++)
		cr_expect(h_contains(r.out, options[i]), "--help lacks %s", options[i]);
	h_result_free(&r);
}

Test(cli, version)
{
	struct result r;
	const char *argv[] = { launch_bin(), "--version", NULL };
	h_run(&r, 10, argv);
	cr_expect_eq(r.code, 0);
	cr_expect_str_eq(r.out, "launch 0.1.0\n");
	h_result_free(&r);
}
