/* ns/path: ${PWD} at the start of a profile's path, and how deep a mount
 * target is (parents are mounted first). */
#include <criterion/criterion.h>
#include <errno.h>
#include <string.h>

#include "ns/path.h"

static void expect_expand(const char *path, const char *pwd, const char *expect)
{
	char out[64];
	cr_assert_eq(path_expand(path, pwd, out, sizeof(out)), 0, "%s in %s", path, pwd);
	cr_expect_str_eq(out, expect, "%s in %s", path, pwd);
}

Test(path, absolute_paths_stay_as_they_are)
{
	expect_expand("/usr/lib", "/work", "/usr/lib");
	expect_expand("/", "/work", "/");
	/* ${PWD} means something only at the start */
	expect_expand("/a/${PWD}", "/work", "/a/${PWD}");
	/* an absolute path needs no working directory, even a removed one */
	expect_expand("/usr", NULL, "/usr");
}

Test(path, pwd_at_the_start_is_launchs_directory)
{
	expect_expand("${PWD}", "/home/ci/src", "/home/ci/src");
	expect_expand("${PWD}/build", "/home/ci/src", "/home/ci/src/build");
	expect_expand("${PWD}/a/b", "/w", "/w/a/b");
}

Test(path, pwd_of_the_root_makes_no_double_slash)
{
	expect_expand("${PWD}/sub", "/", "/sub");
	expect_expand("${PWD}", "/", "/");
}

Test(path, pwd_removed_is_enoent)
{
	char out[64] = "untouched";
	cr_expect_eq(path_expand("${PWD}", NULL, out, sizeof(out)), -ENOENT);
	cr_expect_eq(path_expand("${PWD}/x", NULL, out, sizeof(out)), -ENOENT);
}

Test(path, too_long_is_enametoolong_exactly_at_the_limit)
{
	char out[8];
	/* 7 characters and the NUL fit in 8 */
	cr_expect_eq(path_expand("/abcdef", "/", out, sizeof(out)), 0);
	cr_expect_str_eq(out, "/abcdef");
	cr_expect_eq(path_expand("/abcdefg", "/", out, sizeof(out)), -ENAMETOOLONG);
	cr_expect_eq(path_expand("${PWD}/x", "/abcdef", out, sizeof(out)), -ENAMETOOLONG);
	cr_expect_eq(path_expand("${PWD}/x", "/abcd", out, sizeof(out)), 0);
	cr_expect_str_eq(out, "/abcd/x");
}

Test(path, depth_counts_components)
{
	cr_expect_eq(path_depth("/"), 0);
	cr_expect_eq(path_depth(""), 0);
	cr_expect_eq(path_depth("/tmp"), 1);
	cr_expect_eq(path_depth("/tmp/"), 1);
	cr_expect_eq(path_depth("/tmp/work"), 2);
	cr_expect_eq(path_depth("/a/b/c/d"), 4);
	/* repeated slashes and "." are no deeper */
	cr_expect_eq(path_depth("//tmp///work//"), 2);
	cr_expect_eq(path_depth("/tmp/./work/."), 2);
	/* ".." counts: a target is not normalised, only ordered */
	cr_expect_eq(path_depth("/tmp/../x"), 3);
	cr_expect_eq(path_depth("/.hidden/.."), 2);
}
