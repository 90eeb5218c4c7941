/* A seccomp filter that every sandboxed command gets, whatever its profile:
 * ioctl(TIOCSTI) (push a byte into a terminal's input) and ioctl(TIOCLINUX)
 * (whose subcommands paste a console's selection) fail with EPERM. A
 * command that reached the caller's terminal (--no-tty hands it the
 * caller's descriptors) could otherwise type commands into the caller's
 * shell (bubblewrap CVE-2017-5226). The request is compared on its low 32
 * bits, the ones the kernel's tty layer reads, so high bits set on it do
 * not slip past (flatpak CVE-2019-10063), and the i386 and x32 entry points
 * of x86-64 are covered as well as the native one.
 *
 * A fixed program, written out here: nothing to build at run time. */
#ifndef LAUNCH_SECURITY_TTY_GUARD_H
#define LAUNCH_SECURITY_TTY_GUARD_H

#include <linux/filter.h>

/* The filter, for seccomp(SECCOMP_SET_MODE_FILTER). */
const struct sock_fprog *tty_guard_filter(void);

#endif
