#include "ns/path.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#define PWD_VAR "${PWD}"

int path_expand(const char *path, const char *pwd, char *out, size_t size)
{
	int n;
	if (strncmp(path, PWD_VAR, strlen(PWD_VAR)) == 0) {
		if (!pwd)
			return -ENOENT;
		const char *rest = path + strlen(PWD_VAR);
		/* "/" + "/sub" is "/sub", not "//sub" */
		n = snprintf(out, size, "%s%s", strcmp(pwd, "/") == 0 && rest[0] ? "" : pwd, rest);
	} else {
		n = snprintf(out, size, "%s", path);
	}
	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

size_t path_depth(const char *path)
{
	size_t depth = 0;
	for (const char *p = path; *p;) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		size_t len = strcspn(p, "/");
		if (!(len == 1 && p[0] == '.'))
			depth++;
		p += len;
	}
	return depth;
}
