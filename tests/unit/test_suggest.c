/* base/suggest: edit distance and "did you mean". */
#include <criterion/criterion.h>

#include "base/suggest.h"

Test(suggest, distances)
{
	cr_expect_eq(edit_distance("memory", "memory", 3), 0);
	cr_expect_eq(edit_distance("memroy", "memory", 3), 1, "a swap is one edit");
	cr_expect_eq(edit_distance("memry", "memory", 3), 1);
	cr_expect_eq(edit_distance("memorys", "memory", 3), 1);
	cr_expect_eq(edit_distance("MEMORY", "memory", 3), 0, "case does not count");
	cr_expect_eq(edit_distance("kitten", "sitting", 5), 3);
	cr_expect_eq(edit_distance("abc", "xyzxyzxyz", 2), 3, "stops past the limit");
	cr_expect_eq(edit_distance("", "ab", 5), 2);
}

Test(suggest, closest_candidate)
{
	static const char *const keys[] = { "memory",     "memory_high", "swap",      "cpus",
		                            "cpu_weight", "pids",        "io_weight", "cpuset" };
	cr_expect_str_eq(suggest("memroy", keys, 8), "memory");
	cr_expect_str_eq(suggest("cpu_wieght", keys, 8), "cpu_weight");
	cr_expect_str_eq(suggest("cpu", keys, 8), "cpus");
	cr_expect_str_eq(suggest("pid", keys, 8), "pids");
	cr_expect_null(suggest("network", keys, 8), "nothing near");
	cr_expect_null(suggest("xy", keys, 8));
}

Test(suggest, a_short_word_is_not_the_opposite)
{
	const char *const keys[] = { "clear", "keep", "set" };
	cr_expect_null(suggest("unset", keys, 3), "\"unset\" is not a typo of \"set\"");
	cr_expect_str_eq(suggest("kep", keys, 3), "keep");
}
