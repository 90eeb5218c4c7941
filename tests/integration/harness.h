/* Integration-test harness: runs the built launch binary the way users do
 * and observes it from outside. Every process it starts gets
 * PR_SET_PDEATHSIG(SIGKILL) and is registered, so it dies with the test,
 * even when an assertion fails half-way (launch then takes its whole
 * sandbox with it). Every wait has a deadline: a test never hangs. */
#ifndef LAUNCH_TESTS_HARNESS_H
#define LAUNCH_TESTS_HARNESS_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

const char *launch_bin(void); /* $LAUNCH_BIN, else build/launch */
const char *probe_bin(void);  /* $LAUNCH_PROBE, else build/tests/probe */

struct child {
	pid_t pid;
	int pidfd;
	int in;       /* its stdin, when opts.stdin_pipe; else -1 */
	int out;      /* its stdout */
	int err;      /* its stderr */
	char *outbuf; /* what h_readline has read but not returned */
	size_t outlen;
	double started;
};

struct result {
	int status; /* as from waitpid */
	int code;   /* exit code, or 128+N when killed by signal N */
	char *out;  /* NUL-terminated */
	size_t out_len;
	char *err;
	size_t err_len;
	double seconds;
	bool killed; /* the harness killed it at the deadline */
};

struct spawn_opts {
	bool stdin_pipe;        /* else /dev/null */
	const char *stdin_path; /* stdin from this file */
	int tty_fd;             /* >= 0: stdio from this terminal, made the child's
	                           controlling terminal in a new session */
	bool own_group;         /* setpgid(0, 0), as a shell does for a job */
	const int *keep_fds;    /* open in the child at the same numbers */
	size_t n_keep_fds;
	const sigset_t *mask; /* the child's signal mask, else empty */
	const int *ignore;    /* signals set to SIG_IGN in the child */
	size_t n_ignore;
	const char *cwd;
	const char *const *env; /* NAME=VALUE pairs added to the environment */
};

double now_s(void);
/* argv is NULL-terminated; argv[0] is the program (a path). */
void h_spawn(struct child *c, const struct spawn_opts *o, const char *const argv[]);
/* Waits for exit, collecting stdout/stderr; SIGKILL at the deadline. */
void h_wait(struct child *c, double timeout_s, struct result *r);
void h_run(struct result *r, double timeout_s, const char *const argv[]);
/* One line of stdout without the newline (malloc'd), NULL at EOF or the
 * deadline. */
char *h_readline(struct child *c, double timeout_s);
void h_result_free(struct result *r);
/* Kills every registered process still running (a .fini of each suite). */
void h_cleanup(void);

/* The host pid of launch's init (its only child), waiting for it to exist. */
pid_t h_init_pid(pid_t launch, double timeout_s);
/* The inode of a process's PID namespace, 0 if it is gone. */
unsigned long h_pidns(pid_t pid);
/* How many processes on the host are in that PID namespace. */
int h_pidns_members(unsigned long ns);
/* Voluntary + involuntary context switches of a process, -1 if gone. */
long h_ctxt_switches(pid_t pid);
/* Sleeps (nanosleep) for s seconds. */
void h_sleep(double s);
/* True if the string contains the substring. */
bool h_contains(const char *s, const char *sub);
/* How many times sub occurs in s. */
int h_count(const char *s, const char *sub);
/* A scalar of a JSON file by path ("/exit/status"), malloc'd; "null" for
 * null; NULL if the file does not parse or has no such node. */
char *h_json_get(const char *file, const char *path);
/* Number of elements of a JSON array or object at path, -1 if none. */
int h_json_count(const char *file, const char *path);
/* A fresh temporary directory (removed with its files by h_cleanup). */
const char *h_tmpdir(void);
/* The first line of a process's /proc/PID/stat state letter, '?' if gone. */
char h_proc_state(pid_t pid);
/* The only child of a process, 0 when it has none (yet). */
pid_t h_child_of(pid_t pid);

#endif
