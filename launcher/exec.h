/* Executing the command: a PATH search like execvp's, but without its
 * fallback of running a file that has no "#!" line through /bin/sh, and
 * keeping the error that explains a failure best. */
#ifndef LAUNCH_LAUNCHER_EXEC_H
#define LAUNCH_LAUNCHER_EXEC_H

#include <stddef.h>

#include "base/error.h"

#define EXEC_DEFAULT_PATH "/usr/local/bin:/usr/bin:/bin"

/* The index-th place to try for name along path (a PATH value; NULL means
 * EXEC_DEFAULT_PATH); an empty entry means the working directory, as in
 * execvp. Returns 1 and fills buf, 0 past the last entry, -ENAMETOOLONG for
 * a candidate that does not fit (skip it). */
int exec_candidate(const char *path, const char *name, size_t index, char *buf, size_t size);

/* Replaces the process with argv[0] (searched in PATH from envp when it has
 * no '/'). Returns only on failure: the errno, with e filled
 * ("exec NAME: reason"). */
int exec_command(char *const argv[], char *const envp[], struct lx_error *e);

#endif
