/* Helpers of the isolation suites (test_namespaces.c, test_view.c,
 * test_users.c): profiles written to the test's temporary directory, runs
 * of launch with them, runs as an unprivileged user, and what the host
 * looks like from outside (its mounts, who holds a namespace, a listener
 * on its loopback). Every file goes in h_tmpdir(), removed by h_cleanup. */
#ifndef LAUNCH_TESTS_ISOLATION_H
#define LAUNCH_TESTS_ISOLATION_H

#include <stdbool.h>
#include <sys/types.h>

#include "harness.h"

/* tmpdir/name (one of a few rotating buffers: copy what must last). */
const char *iso_path(const char *name);
/* Writes text to tmpdir/name with mode; its path. */
const char *iso_file(const char *name, const char *text, mode_t mode);
/* mkdir tmpdir/name with mode (chmod'd: no umask); its path. */
const char *iso_dir(const char *name, mode_t mode);
/* A profile (JSON text) as a file; its path. */
const char *iso_profile(const char *json);
bool iso_exists(const char *path);
/* Removes path and all below it, if it is there (something a broken
 * sandbox made on the host's files); whether it was. */
bool iso_remove_tree(const char *path);

/* launch ARGS... (NULL-terminated), stdin /dev/null, in the harness's cwd
 * unless cwd is given. */
void iso_run(struct result *r, const char *cwd, const char *const args[]);
/* The same, started; stdin a pipe (h_wait closes it). */
void iso_spawn(struct child *c, const char *cwd, const char *const args[]);

/* Skips the test (with the reason) unless it runs as root. */
void iso_require_root(void);

/* Runs as an unprivileged user: as root, through setpriv (util-linux) as
 * nobody (65534), with copies of launch and the probe in a directory
 * nobody can read (a checkout under /root cannot be); as any other user,
 * directly. Skips the test with the reason when setpriv is missing or
 * this system does not let users make user namespaces. */
struct rootless {
	char launch[512];
	char probe[512];
	char dir[256]; /* the copies' directory: also the runs' cwd */
	uid_t uid;     /* who runs: 65534, or the test's own uid */
	gid_t gid;
};
void rootless_setup(struct rootless *rl);
void rootless_run(const struct rootless *rl, struct result *r, const char *const args[]);
void rootless_spawn(const struct rootless *rl, struct child *c, const char *const args[]);

/* The test process's mountinfo (the host's, for a test that has not made
 * a namespace of its own), malloc'd. */
char *iso_mountinfo(void);

/* A process's namespaces, by inode, in the order of iso_ns_names. */
#define ISO_NS_TYPES 7
extern const char *const iso_ns_names[ISO_NS_TYPES]; /* "cgroup" "ipc" ... */
struct ns_set {
	unsigned long ino[ISO_NS_TYPES];
};
/* false if the process is gone */
bool iso_ns_of(pid_t pid, struct ns_set *out);
/* The first process on the host in every namespace of s that is not the
 * test's own (the whole set: a namespace's inode number is reused at once
 * by the next one made, but a set of them is not), or holding a descriptor
 * of one of them; 0 if none. What it found, in why. */
pid_t iso_ns_holder(const struct ns_set *s, char *why, size_t size);

/* A TCP listener on the host's 127.0.0.1 at a free port. Skips the test
 * (with the reason) when the host's own loopback cannot reach it: down, as
 * in a bare VM, it tells nothing about the sandbox's. */
int iso_listen(int *port);
/* Whether a connection arrived (within wait_s). */
bool iso_accepted(int listener, double wait_s);

#endif
