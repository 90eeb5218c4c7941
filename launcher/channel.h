/* Messages between the monitor (outside) and the sandbox (init, and the
 * command's process before it execs) over one SOCK_SEQPACKET socketpair:
 * each send is one whole message, never split or merged.
 *
 * The monitor does not watch the socket: most messages (the command
 * started, it exited, setup failed) matter only when init has ended, and
 * reading them as they come would cost the monitor a wake-up each. It reads
 * them then, or earlier in two cases: a signal arrived that needs the
 * command's pidfd, or the sandbox rang the doorbell after a message that
 * needs an answer now (the command stopped).
 *
 * The doorbell is a pipe whose reading end is set to queue a signal for
 * the monitor when it becomes readable (O_ASYNC, F_SETSIG): SIGIO with
 * si_code POLL_IN and si_fd the doorbell, which no process can forge (a
 * user's SIGIO has si_code SI_USER). So the doorbell, like init's exit
 * (SIGCHLD), reaches the monitor through its signalfd: see monitor.c. */
#ifndef LAUNCH_LAUNCHER_CHANNEL_H
#define LAUNCH_LAUNCHER_CHANNEL_H

#include <signal.h>
#include <stdint.h>
#include <sys/types.h>

#include "base/error.h"

enum channel_msg_type {
	/* sandbox -> monitor */
	MSG_SETUP_FAILED = 1, /* value: errno; error: what failed */
	MSG_CMD_STARTED,      /* init made the command's process group; a
	                         pidfd of the command and its pid (as
	                         credentials) come with it */
	MSG_EXEC_FAILED,      /* value: errno; error: what failed */
	MSG_CMD_STOPPED,      /* value: the stop signal (rings the doorbell) */
	MSG_CMD_EXITED,       /* value: the wait status */
	/* monitor -> init */
	MSG_TERMINATE, /* end the run: stop signal, grace, SIGKILL */
	MSG_KILL,      /* end it now: SIGKILL to everything */
	MSG_GO,        /* init is in every cgroup it belongs to: go on */
};

struct channel_msg {
	uint32_t type;
	int32_t value;
	struct lx_error error; /* only in MSG_SETUP_FAILED and MSG_EXEC_FAILED */
};

#define CHANNEL_BELL_SIGNAL SIGIO

struct channel {
	int monitor;   /* the monitor's end of the socketpair */
	int sandbox;   /* the sandbox's end */
	int bell;      /* the doorbell's reading end (the monitor's) */
	int bell_ring; /* its writing end (the sandbox's) */
};

/* All close-on-exec; fds are -1 on failure. The monitor's end has
 * SO_PASSCRED: a pid sent as credentials arrives translated into the
 * monitor's PID namespace (the kernel does it at send time). The doorbell
 * signals the calling process. */
int channel_open(struct channel *c);
void channel_close(struct channel *c);
/* Sends a message; fd >= 0 is passed along (SCM_RIGHTS), pid > 0 as the
 * credentials' pid (SCM_CREDENTIALS; the sender needs CAP_SYS_ADMIN in its
 * PID namespace for a pid not its own). */
int channel_send(int sock, enum channel_msg_type type, int32_t value, int fd, pid_t pid);
/* Sends an error message: value is e->code. */
int channel_send_error(int sock, enum channel_msg_type type, const struct lx_error *e);
int channel_ring(int bell_ring);
/* Resets the doorbell after it rang. */
void channel_answer(int bell);
/* Receives one message without blocking: 1 when one was read, 0 when there
 * is none right now, -EPIPE when the peer is gone. *fd gets a passed
 * descriptor (close-on-exec) or -1, *pid the credentials' pid or 0. */
int channel_recv(int sock, struct channel_msg *msg, int *fd, pid_t *pid);

#endif
