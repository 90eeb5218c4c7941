/* Paths of a profile as the sandbox uses them: "${PWD}" at the start of a
 * path is the directory launch was started in (profiles/names.h says which
 * paths a profile may hold). */
#ifndef LAUNCH_NS_PATH_H
#define LAUNCH_NS_PATH_H

#include <stddef.h>

/* path with a leading "${PWD}" replaced by pwd, into out. -ENOENT when the
 * path needs pwd and pwd is NULL (the directory was removed), -ENAMETOOLONG
 * when it does not fit. */
int path_expand(const char *path, const char *pwd, char *out, size_t size);

/* How deep a path is: its components ("/" 0, "/a/b" 2), for making parent
 * mounts before the mounts below them. */
size_t path_depth(const char *path);

#endif
