/* The command line (SPEC "Command line"): options override the profile's
 * values; the first argument that is not an option (or what follows "--")
 * is the command. */
#ifndef LAUNCH_LAUNCHER_OPTIONS_H
#define LAUNCH_LAUNCHER_OPTIONS_H

#include <stdio.h>

#include "base/error.h"
#include "launcher/config.h"

enum launch_action {
	ACTION_RUN,
	ACTION_HELP,
	ACTION_VERSION,
	ACTION_CHECK, /* cfg->command lists the profiles */
	ACTION_SHOW,
	ACTION_LIST,  /* launch --list */
	ACTION_STATS, /* launch --stats NAME (cfg->control_name) */
	ACTION_STOP,  /* launch --stop NAME */
};

/* Fills cfg: its overrides get the profile keys the options set. -EINVAL
 * with e naming the option and the bad value. Pure: no descriptor or file
 * is looked at. */
int options_parse(int argc, char **argv, struct launch_config *cfg, enum launch_action *action,
                  struct lx_error *e);
void options_print_help(FILE *out);

#endif
