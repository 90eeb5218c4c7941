/* From the command line to what the run reads: the profile's chain
 * resolved, the command line's overrides merged last, the rules between
 * keys checked. And launch --check. */
#ifndef LAUNCH_LAUNCHER_SETTINGS_H
#define LAUNCH_LAUNCHER_SETTINGS_H

#include <stdio.h>

#include "base/error.h"
#include "launcher/config.h"

/* cfg->profile gets the effective profile. A profile with problems: e has
 * the first, with a hint when there are more. */
int settings_load(struct launch_config *cfg, struct lx_error *e);
/* launch --check: each profile's problems on err ("launch: ..." and the
 * line with a caret), "NAME: ok" on out for each valid one; 0 if all are. */
int settings_check(char *const *profiles, FILE *out, FILE *err);

#endif
