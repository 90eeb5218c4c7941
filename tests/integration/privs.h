/* Helpers of the privilege suites (test_strict.c, test_privileges.c,
 * test_seccomp.c): the attack program (tests/probe/escape.c) copied where
 * any user can run it, profiles written next to it, runs of launch with
 * it, and a look at a sandboxed process from outside while it waits.
 *
 * The copy: strict runs the command as nobody with the host's files
 * read-only and a tmpfs on /tmp, so the program must be in a directory
 * nobody may enter (the test's temporary directory, made 0755, not a
 * checkout that may sit under /root) and bound into the sandbox at the
 * same path (--ro-bind DIR), which every run does. Every file goes in
 * h_tmpdir(), removed by h_cleanup. */
#ifndef LAUNCH_TESTS_PRIVS_H
#define LAUNCH_TESTS_PRIVS_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "harness.h"

/* $LAUNCH_ESCAPE, else build/tests/escape */
const char *escape_bin(void);

/* The directory with the copy (0755, the runs' cwd), and the copy. */
const char *pv_dir(void);
const char *pv_escape(void);
/* A copy of escape in the directory, owned by root, with mode (04755:
 * setuid root); its path (one of a few rotating buffers). */
const char *pv_copy(const char *name, mode_t mode);
/* dir/name, in one of a few rotating buffers */
const char *pv_path(const char *name);
/* A profile (JSON text) as a file in the directory; its path. */
const char *pv_profile(const char *json);
/* The report file every run writes (--report). */
const char *pv_report(void);

struct pv_run {
	const char *profile;     /* --profile; NULL: the embedded default */
	const char *const *opts; /* more options for launch, NULL-terminated */
	const int *keep_fds;     /* left open (not close-on-exec) for launch */
	size_t n_keep_fds;
	const char *const *env; /* NAME=VALUE added to launch's environment */
	const char *stdin_path; /* else /dev/null */
	const char *program;    /* the command, else the copy of escape */
};

/* launch --report R [--profile P] --ro-bind DIR OPTS... -- ESCAPE ARGS...
 * (args NULL-terminated), run to its end. */
void pv_run(struct result *r, const struct pv_run *how, const char *const args[]);

/* The same with escape --hold: returns once escape printed "held" (every
 * attack done), with what it printed before in out (malloc'd) and the
 * host pid of the command in pid. pv_release ends it. */
struct pv_held {
	struct child launch;
	pid_t pid;
	char *out;
};
void pv_hold(struct pv_held *h, const struct pv_run *how, const char *const args[]);
void pv_release(struct pv_held *h, struct result *r);

/* A scalar of the last run's report ("/exit/status"), malloc'd; a number
 * of it (the test fails if it is null or missing). */
char *pv_report_get(const char *path);
double pv_report_number(const char *path);

/* The value of the first "key=value" line of out, malloc'd; NULL if none. */
char *pv_value(const char *out, const char *key);
/* A field of /proc/PID/status ("CapEff"), without its name, malloc'd. */
char *pv_status(pid_t pid, const char *field);
/* The target of /proc/PID/ns/NAME ("user:[4026531837]"), malloc'd. */
char *pv_ns(pid_t pid, const char *name);
/* /proc/PID/FILE as text, malloc'd ("" if it cannot be read). */
char *pv_proc_file(pid_t pid, const char *file);

/* got is want; got is there and not "ok" */
bool pv_is(const char *got, const char *want);
bool pv_refused(const char *got);

/* The line key=... of out says want (as an expectation: the test goes on). */
#define pv_expect(out, key, want)                                                    \
	do {                                                                         \
		char *got_ = pv_value((out), (key));                                 \
		cr_expect(pv_is(got_, (want)), "%s=%s, want %s; output:\n%s", (key), \
		          got_ ? got_ : "(missing)", (want), (out));                 \
		free(got_);                                                          \
	} while (0)

/* The line key=... of out is there and not "ok": the attempt failed,
 * whatever the errno. */
#define pv_expect_refused(out, key)                                                         \
	do {                                                                                \
		char *got_ = pv_value((out), (key));                                        \
		cr_expect(pv_refused(got_), "%s=%s: the attack worked; output:\n%s", (key), \
		          got_ ? got_ : "(missing)", (out));                                \
		free(got_);                                                                 \
	} while (0)

/* A process's open descriptors, from /proc/PID/fd: "0,1,2" (malloc'd). */
char *pv_fds(pid_t pid);

/* Capabilities as a mask of /proc/PID/status's hex. */
uint64_t pv_caps_mask(const char *hex);
/* The mask of the kernel's capabilities 0..cap_last_cap. */
uint64_t pv_all_caps(void);

/* Skips the test unless it runs as root (strict needs it: cgroups, uid
 * changes). */
void pv_require_root(void);

#endif
