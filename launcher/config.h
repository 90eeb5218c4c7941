/* Everything one run of launch needs: the effective profile (the profile's
 * chain, then the command line's overrides) plus what only the command
 * line gives (the command, terminal choice, passed fds). */
#ifndef LAUNCH_LAUNCHER_CONFIG_H
#define LAUNCH_LAUNCHER_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "launcher/logfile.h"
#include "profiles/profile.h"

#define LAUNCH_MAX_PASS_FDS 32

enum tty_mode {
	TTY_AUTO,  /* a pseudo-terminal when stdin is a terminal */
	TTY_FORCE, /* --tty */
	TTY_NEVER, /* --no-tty */
};

#define PROFILE_NAME_MAX 256

struct launch_config {
	struct profile profile;              /* effective: what the run reads */
	struct profile overrides;            /* the command line's, merged last */
	const char *profile_spec;            /* --profile: a shipped name or a path; NULL */
	char profile_name[PROFILE_NAME_MAX]; /* for the report */
	char **command;                      /* NULL-terminated argv (--check: the files) */
	bool summary;
	const char *cgroup_parent; /* --cgroup-parent, NULL = the default */
	enum tty_mode tty;
	int pass_fds[LAUNCH_MAX_PASS_FDS];
	size_t n_pass_fds;
	/* services */
	const char *name;           /* --name: registered in the state directory */
	uint64_t stats_interval_ns; /* --stats-interval, 0 = none */
	const char *stats_file;     /* --stats-file */
	int stats_fd;               /* opened by main, -1 */
	bool daemon;                /* --daemon */
	const char *log_file;       /* --log */
	const char *pidfile;        /* --pidfile */
	struct logfile *log;        /* opened by main for a daemon with --log */
	int cwd_fd;                 /* a daemon's caller's directory (it is in "/"), -1 */
	const char *control_name;   /* --stats NAME, --stop NAME */
};

#endif
