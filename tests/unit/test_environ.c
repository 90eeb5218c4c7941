/* launcher/environ.h: the command's environment from the profile's env
 * key: the caller's (with clear, only the kept names it has), in the
 * caller's order, then env.set (and --env, which the options add to it)
 * in its order, each replacing a variable of the same name. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "launcher/environ.h"
#include "profiles/profile.h"

/* The array as "A=1|B=2|", for one comparison with the whole of it. */
static char *joined(char **env)
{
	size_t len = 1;
	for (size_t i = 0; env[i]; i++)
		len += strlen(env[i]) + 1;
	char *s = calloc(1, len);
	cr_assert(s);
	for (size_t i = 0; env[i]; i++) {
		strcat(s, env[i]);
		strcat(s, "|");
	}
	return s;
}

static void expect_env(const struct profile *p, char *const *caller, const char *want)
{
	char **env = environ_build(p, caller);
	cr_assert(env);
	char *got = joined(env);
	cr_expect_str_eq(got, want);
	free(got);
	free(env);
}

static char *const caller[] = { "PATH=/bin", "HOME=/root", "FOO=1",      "FOOBAR=2",
	                        "NOEQUALS",  "EMPTY=",     "TERM=xterm", NULL };

TestSuite(environ);

Test(environ, default_is_the_callers_as_it_is)
{
	struct profile p;
	profile_init_defaults(&p);
	/* an entry without '=' is no variable: it goes */
	expect_env(&p, caller, "PATH=/bin|HOME=/root|FOO=1|FOOBAR=2|EMPTY=|TERM=xterm|");
	expect_env(&p, NULL, "");
	profile_free(&p);
}

Test(environ, clear_keeps_the_listed_names_the_caller_has)
{
	struct profile p;
	profile_init_defaults(&p);
	p.env_clear = true;
	/* keep's order does not matter, a name the caller lacks is not
	 * made up, and FOO is not FOOBAR */
	static const char *keep[] = { "TERM", "MISSING", "FOO", "EMPTY" };
	p.env_keep = keep;
	p.n_env_keep = 4;
	expect_env(&p, caller, "FOO=1|EMPTY=|TERM=xterm|");
	p.n_env_keep = 0;
	expect_env(&p, caller, "");
	profile_free(&p);
}

Test(environ, set_replaces_and_comes_last_in_its_order)
{
	struct profile p;
	profile_init_defaults(&p);
	profile_set_env(&p, "NEW", "new");
	profile_set_env(&p, "HOME", "/tmp");
	profile_set_env(&p, "EQ", "a=b c");
	profile_set_env(&p, "EMPTY", "now");
	expect_env(&p, caller,
	           "PATH=/bin|FOO=1|FOOBAR=2|TERM=xterm|NEW=new|HOME=/tmp|EQ=a=b c|EMPTY=now|");
	/* a later set of the same name (--env after the profile) replaces
	 * the value in its place */
	profile_set_env(&p, "NEW", "from-cli");
	expect_env(&p, caller,
	           "PATH=/bin|FOO=1|FOOBAR=2|TERM=xterm|NEW=from-cli|HOME=/tmp|EQ=a=b c|"
	           "EMPTY=now|");
	profile_free(&p);
}

Test(environ, clear_keep_and_set_together)
{
	struct profile p;
	profile_init_defaults(&p);
	p.env_clear = true;
	static const char *keep[] = { "PATH", "HOME" };
	p.env_keep = keep;
	p.n_env_keep = 2;
	profile_set_env(&p, "HOME", "/tmp");
	profile_set_env(&p, "LANG", "C.UTF-8");
	expect_env(&p, caller, "PATH=/bin|HOME=/tmp|LANG=C.UTF-8|");
	/* set alone on an empty caller */
	expect_env(&p, NULL, "HOME=/tmp|LANG=C.UTF-8|");
	profile_free(&p);
}

Test(environ, the_callers_strings_are_shared)
{
	struct profile p;
	profile_init_defaults(&p);
	profile_set_env(&p, "X", "y");
	char **env = environ_build(&p, caller);
	cr_assert(env);
	cr_expect_eq(env[0], caller[0], "copied, not shared");
	cr_expect_str_eq(env[6], "X=y");
	cr_expect_null(env[7]);
	free(env); /* one block: the made strings go with it */
	profile_free(&p);
}
