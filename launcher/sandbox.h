/* The two processes launch runs inside the sandbox: init (PID 1 of the new
 * PID namespace, leader of a new session) and, forked by init, the command.
 * Both start as copies of the monitor (clone/fork without exec) and read
 * what they need from these arguments. Neither returns: they _exit(). */
#ifndef LAUNCH_LAUNCHER_SANDBOX_H
#define LAUNCH_LAUNCHER_SANDBOX_H

#include <stdbool.h>
#include <stdnoreturn.h>

#include "base/error.h"
#include "launcher/channel.h"
#include "launcher/config.h"
#include "launcher/sigstate.h"
#include "ns/userns.h"
#include "security/privileges.h"

/* How the command's process failed before exec, if it did. It is a vfork
 * child of init, sharing init's memory until it execs or exits, so it
 * leaves its failure here for init to send: it could not always send it
 * itself, since the profile's seccomp filter, loaded before exec, may
 * refuse the call (or kill the process for it). */
struct command_failure {
	enum channel_msg_type type; /* MSG_SETUP_FAILED, MSG_EXEC_FAILED; 0: none */
	struct lx_error error;
};

struct sandbox_args {
	const struct launch_config *cfg;
	const struct caller_signals *signals;
	int sock;                            /* the sandbox's end of the channel */
	int bell_ring;                       /* the channel's doorbell */
	bool wait_for_go;                    /* the monitor still places init in cgroups, or
	                                        writes its user namespace's maps */
	const struct idmap *userns;          /* the user namespace's maps, NULL
	                                        without one */
	struct workdir cwd;                  /* init: where the command starts */
	int pty_slave;                       /* -1 without a pseudo-terminal */
	bool on_pty[3];                      /* the command's fds 0, 1, 2 that are the pty */
	char *const *envp;                   /* the command's environment */
	const struct privileges *privileges; /* what the command gives up */
	int output_fd;                   /* the command's stdout and stderr (a daemon's log), -1 */
	struct command_failure *failure; /* init's, for the command's process */
};

noreturn void init_main(const struct sandbox_args *a);
/* In the command's process, forked by init: the last steps, then exec. */
noreturn void command_main(const struct sandbox_args *a);

#endif
