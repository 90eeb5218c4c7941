/* How a run ended, and what that means for launch's exit status and the
 * report's "exit" object (SPEC "Exit status"). Pure: no system calls. */
#ifndef LAUNCH_LAUNCHER_OUTCOME_H
#define LAUNCH_LAUNCHER_OUTCOME_H

#include <stdbool.h>

enum run_end {
	RUN_SETUP_ERROR, /* launch failed before the command ran */
	RUN_EXEC_ERROR,  /* the command's file could not be executed */
	RUN_FINISHED,    /* the command ran; wait_status says how it ended */
	RUN_UNKNOWN,     /* the sandbox ended without a status for the command */
};

struct run_outcome {
	enum run_end end;
	int wait_status;    /* RUN_FINISHED: as from waitpid() */
	int exec_errno;     /* RUN_EXEC_ERROR */
	bool timed_out;     /* the wall-clock limit ended the run */
	bool oom_killed;    /* the command was killed by the kernel's OOM killer */
	bool seccomp_kills; /* the run has a seccomp filter of its profile, which
	                       kills with SIGSYS (its default "kill", or any
	                       default for a foreign architecture's call) */
};

#define EXIT_TIMEOUT 124
#define EXIT_SETUP 125
#define EXIT_CANNOT_EXECUTE 126
#define EXIT_NOT_FOUND 127

struct exit_verdict {
	const char *status; /* "exited", "signaled", "timeout", "oom", "seccomp",
	                       "setup_error" */
	int code;           /* the command's exit code, -1 for null */
	int signal;         /* the signal that ended it, 0 for null */
	int launch_exit_code;
};

void outcome_verdict(const struct run_outcome *o, struct exit_verdict *v);
/* 127 for "not found" errors, 126 for every other exec failure. */
int exec_errno_exit_code(int err);

#endif
