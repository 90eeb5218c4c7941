/* launcher/state.h: the names --name, --stats and --stop take. A name
 * becomes a file name in the state directory (NAME.json), so nothing that
 * could leave the directory, hide the file or read as an option gets
 * through. */
#include <criterion/criterion.h>
#include <string.h>

#include "launcher/state.h"

TestSuite(state);

Test(state, valid_names)
{
	static const char *const good[] = { "a",      "web", "Web-1", "nginx.prod", "a_b",   "0",
		                            "9lives", "a.",  "a-",    "x..y",       "_under" };
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		cr_expect(state_name_valid(good[i]), "'%s' is a good name", good[i]);
}

Test(state, invalid_names)
{
	static const char *const bad[] = { "",     ".",    "..",  ".hidden", "-opt",  "a/b",
		                           "/abs", "a b",  "a:b", "a\nb",    "tab\t", "é",
		                           "a*",   "a\\b", "%s",  "a$b" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		cr_expect_not(state_name_valid(bad[i]), "'%s' is not a name", bad[i]);
}

Test(state, at_most_64_characters)
{
	char name[STATE_NAME_MAX + 2];
	memset(name, 'n', sizeof(name));
	name[STATE_NAME_MAX] = '\0';
	cr_expect(state_name_valid(name), "64 characters");
	name[STATE_NAME_MAX] = 'n';
	name[STATE_NAME_MAX + 1] = '\0';
	cr_expect_not(state_name_valid(name), "65 characters");
}
