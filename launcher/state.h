/* Running sandboxes by name (--name): each registers a file NAME.json in
 * the state directory and holds a lock on it while it runs, so the lock,
 * not the file, says whether it runs: a file whose lock nobody holds was
 * left by a launch that died without cleaning up, and whoever finds it
 * removes it.
 *
 * The state directory: $LAUNCH_STATE_DIR if set; else /run/launch for
 * root, $XDG_RUNTIME_DIR/launch for other users (created 0700). The file
 * holds one JSON object: name, pid (of launch's monitor), profile,
 * started_at (and started_at_s, in seconds since the epoch), cgroup (the
 * path below each hierarchy's root, or null), stop_s (the grace, and a
 * margin: how long --stop waits), command. */
#ifndef LAUNCH_LAUNCHER_STATE_H
#define LAUNCH_LAUNCHER_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "base/error.h"
#include "cgroup/mounts.h"

#define STATE_NAME_MAX 64

struct state_entry {
	char name[STATE_NAME_MAX + 1];
	pid_t pid;
	char profile[256];
	struct timespec started_at;
	char cgroup[CG_PATH_MAX]; /* "" without one */
	uint64_t stop_ns;         /* how long a graceful stop may take */
};

/* A name for --name: 1 to 64 of letters, digits, '.', '_', '-', not first
 * a '.' or '-'. */
bool state_name_valid(const char *name);

/* The state directory's path, created if missing. */
int state_dir(char *buf, size_t size, bool create, struct lx_error *e);

/* Registers a running sandbox: -EEXIST (with e) if one of that name runs.
 * Returns the locked file's descriptor, which the caller keeps open (and
 * close-on-exec) while it runs; state_unregister removes it. */
int state_register(const struct state_entry *entry, char *const *command, struct lx_error *e);
void state_unregister(const char *name, int fd);

/* The sandbox called name, if it runs: 1, 0 if not (a stale file is
 * removed), -errno. */
int state_find(const char *name, struct state_entry *out, struct lx_error *e);

/* Every running sandbox, sorted by name, into out (at most max); stale
 * files are removed. How many, or -errno. */
int state_list(struct state_entry *out, size_t max, struct lx_error *e);

#endif
