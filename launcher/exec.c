#include "launcher/exec.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int exec_candidate(const char *path, const char *name, size_t index, char *buf, size_t size)
{
	const char *p = path ? path : EXEC_DEFAULT_PATH;
	for (size_t i = 0; i < index; i++) {
		p = strchr(p, ':');
		if (!p)
			return 0;
		p++;
	}
	const char *end = strchrnul(p, ':');
	size_t dir_len = (size_t)(end - p);
	int n = dir_len == 0 ? snprintf(buf, size, "%s", name)
	                     : snprintf(buf, size, "%.*s/%s", (int)dir_len, p, name);
	if (n < 0 || (size_t)n >= size)
		return -ENAMETOOLONG;
	return 1;
}

static const char *env_lookup(char *const envp[], const char *key)
{
	size_t len = strlen(key);
	for (size_t i = 0; envp[i]; i++)
		if (strncmp(envp[i], key, len) == 0 && envp[i][len] == '=')
			return envp[i] + len + 1;
	return NULL;
}

/* Errors that mean "not here, try the next PATH entry". */
static bool try_next(int err)
{
	return err == ENOENT || err == ENOTDIR || err == ESTALE || err == ENODEV ||
	       err == ETIMEDOUT;
}

int exec_command(char *const argv[], char *const envp[], struct lx_error *e)
{
	const char *name = argv[0];

	if (name[0] == '\0') {
		lx_error_errno(e, ENOENT, "exec ''");
		return ENOENT;
	}
	if (strchr(name, '/')) {
		execve(name, argv, envp);
		int err = errno;
		lx_error_errno(e, err, "exec %s", name);
		return err;
	}

	const char *path = env_lookup(envp, "PATH");
	char candidate[PATH_MAX];
	int best = ENOENT; /* execvp's rule: a permission error beats not found */
	for (size_t i = 0;; i++) {
		int r = exec_candidate(path, name, i, candidate, sizeof(candidate));
		if (r == 0)
			break;
		if (r < 0)
			continue;
		execve(candidate, argv, envp);
		int err = errno;
		if (err == EACCES) {
			best = EACCES;
			continue;
		}
		if (!try_next(err)) {
			lx_error_errno(e, err, "exec %s", candidate);
			return err;
		}
	}
	if (best == EACCES)
		lx_error_errno(e, best, "exec %s (found in PATH)", name);
	else
		lx_error_msg(e, best, "exec %s: command not found in %s", name,
		             path ? "PATH" : "the default PATH " EXEC_DEFAULT_PATH);
	return best;
}
