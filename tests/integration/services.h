/* What the service suites (test_services.c, test_daemons.c, test_nginx.c)
 * share: files in the test's directory, daemons that die with the test, and
 * JSON lines.
 *
 * Daemons are not the test's children: they setsid and their caller exits.
 * svc_setup makes the test process a child subreaper, so a daemon whose
 * caller exits becomes the test's child: it can be reaped (and its exit
 * status read), and svc_teardown kills and reaps it, and every other child
 * left, even when an assertion failed half-way. Names live in the test's
 * directory (LAUNCH_STATE_DIR), never in /run/launch. */
#ifndef LAUNCH_TESTS_SERVICES_H
#define LAUNCH_TESTS_SERVICES_H

#include <libfyaml.h>
#include <limits.h>
#include <stdbool.h>
#include <sys/types.h>

/* A suite's .init and .fini. */
void svc_setup(void);
void svc_teardown(void);

/* dir/name in the test's temporary directory, into buf (PATH_MAX). */
const char *svc_path(char *buf, const char *name);
void svc_write(const char *path, const char *text);
/* The file's content (malloc'd), NULL if it cannot be read. */
char *svc_read(const char *path);
bool svc_exists(const char *path);
/* Waits until the file contains text; false at the deadline. */
bool svc_wait_for_text(const char *path, const char *text, double timeout_s);
/* The pid in a pidfile, 0 if none. */
pid_t svc_read_pid(const char *pidfile);

/* Runs `launch --daemon ...` (argv) in cwd (NULL: the test's), expects it to
 * exit 0 at once, and returns the daemon's pid from pidfile, which the test
 * now tracks (killed and reaped at the end if still there). */
pid_t svc_start_daemon(const char *const argv[], const char *pidfile, const char *cwd);
/* Waits for a daemon (a child, by svc_setup) to end and reaps it: true with
 * *status as from waitpid, false at the deadline. */
bool svc_reap(pid_t pid, double timeout_s, int *status);
/* SIGKILLs a daemon's launch, as a crash would, and reaps it and its
 * sandbox's init (which this subreaper inherits); then removes the cgroup
 * the run could not (the next run would, once it is stale: 10 s on). */
void svc_crash_daemon(pid_t pid);
/* True while the process runs (a zombie has ended). */
bool svc_alive(pid_t pid);

/* One line of JSON (NULL if it does not parse), and a scalar by path
 * ("/cgroup/cpu/usage_s"): NULL if there is none, "null" for null. */
struct fy_document *svc_json(const char *text);
const char *svc_json_scalar(struct fy_document *doc, const char *path);

#endif
