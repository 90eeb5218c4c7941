/* Resource limit names, as setrlimit(2) and prlimit(1) spell them without
 * RLIMIT_ ("nofile"): one table for the profile loader and for the test
 * probe that reads the limits back inside a sandbox. Pure: libc only. */
#ifndef LAUNCH_BASE_RLIMITS_H
#define LAUNCH_BASE_RLIMITS_H

#include <stddef.h>

/* RLIMIT_*, -1 if unknown */
int name_rlimit(const char *name);
/* the name of an RLIMIT_* value, "?" if unknown */
const char *rlimit_name(int resource);
/* all names, in alphabetical order; *n gets how many */
const char *const *names_rlimits(size_t *n);

#endif
