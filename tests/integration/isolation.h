/* Helpers of the isolation suites (test_namespaces.c, test_view.c,
 * test_users.c): profiles written to the test's temporary directory, runs
 * of launch with them, runs as an unprivileged user, and what the host
 * looks like from outside (its mounts, who holds a namespace, a listener
 * on its loopback). Every file goes in h_tmpdir(), removed by h_cleanup. */
#ifndef LAUNCH_TESTS_ISOLATION_H
#define LAUNCH_TESTS_ISOLATION_H

#include <stdbool.h>
#include <stddef.h>
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

/* Who runs launch, for the tests that run twice: as root, and as nobody
 * (rootless). As root, through setpriv (util-linux) as the user nobody
 * (65534), with copies of launch and the probe in a directory that user
 * can read (a checkout under /root may not be; the temporary directory is
 * made 0755); as any other user, directly. runner_nobody skips the test with the
 * reason when setpriv is missing or this system does not let users make
 * user namespaces; runner_root when the test does not run as root. */
struct runner {
	bool rootless;
	char launch[512];
	char probe[512];
	char probe_dir[512]; /* the probe's: a view that hides it binds it */
	char dir[256];       /* the copies' directory; the runs' cwd by default */
	uid_t uid;           /* who runs: 0, 65534, or the test's own uid */
	gid_t gid;
	const char *setpriv; /* NULL: launch runs directly */
};
void runner_root(struct runner *u);
void runner_nobody(struct runner *u);
/* The command line that runs launch ARGS... (NULL-terminated) as u. */
void runner_argv(const struct runner *u, const char *argv[], size_t max, const char *const args[]);
/* launch ARGS... as u, in cwd (NULL: u->dir); stdin a pipe (h_wait closes
 * it). */
void runner_spawn(const struct runner *u, struct child *c, const char *cwd,
                  const char *const args[]);
void runner_run(const struct runner *u, struct result *r, const char *cwd,
                const char *const args[]);

/* A test that runs twice: as root (suite::name) and as nobody
 * (suite::name_rootless), each skipped with the reason where it cannot
 * run; the body that follows reads the runner u. */
#define ISO_TEST_TWICE(suite, name)                                \
	static void suite##_##name##_body(const struct runner *u); \
	Test(suite, name)                                          \
	{                                                          \
		struct runner u_;                                  \
		runner_root(&u_);                                  \
		suite##_##name##_body(&u_);                        \
	}                                                          \
	Test(suite, name##_rootless)                               \
	{                                                          \
		struct runner u_;                                  \
		runner_nobody(&u_);                                \
		suite##_##name##_body(&u_);                        \
	}                                                          \
	static void suite##_##name##_body(const struct runner *u)

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
