#include "launcher/channel.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int channel_open(int fds[2])
{
	int one = 1;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds) < 0)
		return -errno;
	if (setsockopt(fds[0], SOL_SOCKET, SO_PASSCRED, &one, sizeof(one)) < 0) {
		int err = errno;
		close(fds[0]);
		close(fds[1]);
		return -err;
	}
	return 0;
}

static int send_msg(int sock, const struct channel_msg *msg, size_t len, int fd)
{
	struct iovec iov = { .iov_base = (void *)msg, .iov_len = len };
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} control;
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	if (fd >= 0) {
		memset(&control, 0, sizeof(control));
		mh.msg_control = control.buf;
		mh.msg_controllen = sizeof(control.buf);
		struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &fd, sizeof(int));
	}
	for (;;) {
		/* MSG_NOSIGNAL: a gone peer is an error here, not a SIGPIPE that
		 * the monitor would take for one sent by the user */
		if (sendmsg(sock, &mh, MSG_NOSIGNAL) >= 0)
			return 0;
		if (errno != EINTR)
			return -errno;
	}
}

int channel_send(int sock, enum channel_msg_type type, int32_t value, int fd)
{
	/* the header only: the messages of every run stay small */
	struct channel_msg msg = { .type = type, .value = value };
	return send_msg(sock, &msg, offsetof(struct channel_msg, error), fd);
}

int channel_send_error(int sock, enum channel_msg_type type, const struct lx_error *e)
{
	struct channel_msg msg = { .type = type, .value = e->code, .error = *e };
	return send_msg(sock, &msg, sizeof(msg), -1);
}

int channel_recv(int sock, struct channel_msg *msg, int *fd, pid_t *sender)
{
	union {
		char buf[CMSG_SPACE(sizeof(int)) + CMSG_SPACE(sizeof(struct ucred))];
		struct cmsghdr align;
	} control;
	struct iovec iov = { .iov_base = msg, .iov_len = sizeof(*msg) };
	struct msghdr mh = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = control.buf,
		.msg_controllen = sizeof(control.buf),
	};
	*fd = -1;
	*sender = 0;
	memset(msg, 0, sizeof(*msg));

	ssize_t n;
	do
		n = recvmsg(sock, &mh, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return errno == EAGAIN ? 0 : -errno;
	if (n == 0)
		return -EPIPE;

	for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
		if (c->cmsg_level != SOL_SOCKET)
			continue;
		if (c->cmsg_type == SCM_RIGHTS && c->cmsg_len >= CMSG_LEN(sizeof(int)))
			memcpy(fd, CMSG_DATA(c), sizeof(int));
		else if (c->cmsg_type == SCM_CREDENTIALS &&
			 c->cmsg_len >= CMSG_LEN(sizeof(struct ucred))) {
			struct ucred cred;
			memcpy(&cred, CMSG_DATA(c), sizeof(cred));
			*sender = cred.pid;
		}
	}
	msg->error.message[sizeof(msg->error.message) - 1] = '\0';
	msg->error.hint[sizeof(msg->error.hint) - 1] = '\0';
	if ((size_t)n < offsetof(struct channel_msg, error))
		return -EBADMSG;
	return 1;
}
