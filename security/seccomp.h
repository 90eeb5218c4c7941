/* The profile's seccomp key as a BPF program, built with libseccomp before
 * the sandbox starts (a mistake is an error before anything runs, and the
 * command's process, started with vfork, only loads it).
 *
 * - default_action: what a call that no rule names gets: errno (with
 *   "errno"), kill (the process, SIGSYS), log (allowed, logged by the
 *   kernel's audit), allow.
 * - allow: names and groups let through; when the default is not allow,
 *   systemd's @default (what every program needs, execve among it) is
 *   always in the list, as systemd adds it to SystemCallFilter=.
 * - deny: names and groups refused: killed when the default is kill, else
 *   the errno. Deny wins over allow.
 * Calls of the groups that this architecture lacks are skipped. A call made
 * through another architecture's entry point (i386's int 0x80, x32) kills
 * the process: those tables are not in the filter, so they cannot be used
 * to get around it. */
#ifndef LAUNCH_SECURITY_SECCOMP_H
#define LAUNCH_SECURITY_SECCOMP_H

#include <linux/filter.h>

#include "base/error.h"
#include "profiles/profile.h"

/* out->len 0 and out->filter NULL when the profile filters nothing; else
 * a malloc'd program (seccomp_program_free). */
int seccomp_build(const struct profile *p, struct sock_fprog *out, struct lx_error *e);
void seccomp_program_free(struct sock_fprog *prog);

#endif
