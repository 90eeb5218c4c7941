/* The names a profile may use, checked against what this system knows:
 * namespaces and errno values from tables here, resource limits from
 * base/rlimits.h,
 * capabilities from libcap, system calls from libseccomp, syscall groups
 * from security/. Each lookup can list its names, for "did you mean". */
#ifndef LAUNCH_PROFILES_NAMES_H
#define LAUNCH_PROFILES_NAMES_H

#include <stdbool.h>
#include <stddef.h>

#include "base/rlimits.h" /* name_rlimit, rlimit_name, names_rlimits */

/* enum profile_ns bit, 0 if unknown */
unsigned name_namespace(const char *name);
/* errno value of "EPERM", -1 if unknown; the name of a value */
int name_errno(const char *name);
const char *errno_name(int err);
/* the capability's canonical spelling ("CAP_NET_BIND_SERVICE"), or NULL */
const char *name_capability(const char *name, char *buf, size_t size);
bool name_syscall(const char *name);

/* A host name: letters, digits, '-' and '.', at most 64, not first '-'
 * or '.'. */
bool name_hostname_valid(const char *s);
/* An environment variable's name: letters, digits and '_', not first a
 * digit. */
bool name_env_valid(const char *s);
/* A path in a profile: absolute, or "${PWD}" (launch's working directory
 * when the run starts) followed by nothing or "/...". */
bool name_path_valid(const char *s);

/* All names of a kind (for suggestions); *n gets how many. The lists of
 * capabilities and system calls are built once, from libcap and
 * libseccomp. */
const char *const *names_namespaces(size_t *n);
const char *const *names_errnos(size_t *n);
const char *const *names_capabilities(size_t *n);
const char *const *names_syscalls(size_t *n);
const char *const *names_seccomp_groups(size_t *n);

#endif
