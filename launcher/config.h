/* Everything one run of launch needs: the effective profile plus what only
 * the command line gives (the command, terminal choice, passed fds). */
#ifndef LAUNCH_LAUNCHER_CONFIG_H
#define LAUNCH_LAUNCHER_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "profiles/profile.h"

#define LAUNCH_MAX_PASS_FDS 32

enum tty_mode {
	TTY_AUTO,  /* a pseudo-terminal when stdin is a terminal */
	TTY_FORCE, /* --tty */
	TTY_NEVER, /* --no-tty */
};

struct launch_config {
	struct profile profile;
	const char *profile_name; /* for the report: shipped name or file stem */
	char **command;           /* NULL-terminated argv */
	bool summary;
	const char *cgroup_parent; /* --cgroup-parent, NULL = the default */
	enum tty_mode tty;
	int pass_fds[LAUNCH_MAX_PASS_FDS];
	size_t n_pass_fds;
};

#endif
