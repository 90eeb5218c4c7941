/* Messages between the monitor (outside) and the sandbox (init, and the
 * command's process before it execs) over one SOCK_SEQPACKET socketpair:
 * each send is one whole message, never split or merged. The monitor's end
 * has SO_PASSCRED, so the kernel stamps every message with the sender's pid
 * as the monitor sees it: that is how the monitor learns the command's pid
 * outside the PID namespace. */
#ifndef LAUNCH_LAUNCHER_CHANNEL_H
#define LAUNCH_LAUNCHER_CHANNEL_H

#include <stdint.h>
#include <sys/types.h>

#include "base/error.h"

enum channel_msg_type {
	/* sandbox -> monitor */
	MSG_SETUP_FAILED = 1, /* value: errno; error: what failed */
	MSG_CMD_STARTED,      /* sent by the command's process, its group made;
				 carries a pidfd for it */
	MSG_EXEC_FAILED,      /* value: errno; error: what failed */
	MSG_CMD_STOPPED,      /* value: the stop signal */
	MSG_CMD_CONTINUED,
	MSG_CMD_EXITED,       /* value: the wait status */
	/* monitor -> init */
	MSG_TERMINATE,        /* end the run: stop signal, grace, SIGKILL */
};

struct channel_msg {
	uint32_t type;
	int32_t value;
	struct lx_error error; /* only in MSG_SETUP_FAILED and MSG_EXEC_FAILED */
};

/* socketpair(SOCK_SEQPACKET | SOCK_CLOEXEC); fds[0] is the monitor's end
 * (with SO_PASSCRED), fds[1] the sandbox's. */
int channel_open(int fds[2]);
/* Sends a message; fd >= 0 is passed along (SCM_RIGHTS). */
int channel_send(int sock, enum channel_msg_type type, int32_t value, int fd);
/* Sends an error message: value is e->code. */
int channel_send_error(int sock, enum channel_msg_type type, const struct lx_error *e);
/* Receives one message without blocking: 1 when one was read, 0 when there
 * is none right now, -EPIPE when the peer is gone. *fd gets a passed
 * descriptor (close-on-exec) or -1; *sender the sender's pid when the
 * socket has SO_PASSCRED, else 0. */
int channel_recv(int sock, struct channel_msg *msg, int *fd, pid_t *sender);

#endif
