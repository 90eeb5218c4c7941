/* Signal names both ways: "SIGTERM", "TERM", "term", "15", "SIGRTMIN+3",
 * "RTMAX-1". Real-time signals are numbered from the C library's SIGRTMIN,
 * which reserves the first two kernel ones for itself. */
#ifndef LAUNCH_BASE_SIGNAME_H
#define LAUNCH_BASE_SIGNAME_H

#include <stddef.h>

#define SIGNAME_MAX 16

/* The signal number, or -EINVAL for a name or number that is not a signal. */
int signal_from_name(const char *name);
/* "SIGTERM", "SIGRTMIN+3", "SIGRTMAX"; "SIG32" for ones without a name. */
const char *signal_name(int sig, char buf[SIGNAME_MAX]);

#endif
