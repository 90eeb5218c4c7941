/* Looking at and stopping running sandboxes by name (launcher/state.h):
 * launch --list, launch --stats NAME, launch --stop NAME. */
#ifndef LAUNCH_LAUNCHER_CONTROL_H
#define LAUNCH_LAUNCHER_CONTROL_H

#include <stdio.h>

#include "base/error.h"

/* A table of the running sandboxes: name, pid, profile, uptime, memory in
 * use, CPU time so far, tasks. */
int control_list(FILE *out, struct lx_error *e);
/* One line of JSON: the sandbox's usage now, as --stats-file lines have it
 * (launcher/stats_line.h), with its name, pid, profile and uptime; the CPU
 * percentage over a quarter of a second. */
int control_stats(const char *name, FILE *out, struct lx_error *e);
/* SIGTERM to the sandbox's launch (a graceful stop: the profile's stop
 * signal, then SIGKILL after the grace), then waits until it has ended. */
int control_stop(const char *name, struct lx_error *e);

#endif
