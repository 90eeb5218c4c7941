#include "launcher/channel.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/cleanup.h"

static int open_bell(struct channel *c)
{
	int fds[2];
	if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) < 0)
		return -errno;
	c->bell = fds[0];
	c->bell_ring = fds[1];
	if (fcntl(c->bell, F_SETOWN, getpid()) < 0 ||
	    fcntl(c->bell, F_SETSIG, CHANNEL_BELL_SIGNAL) < 0 ||
	    fcntl(c->bell, F_SETFL, O_NONBLOCK | O_ASYNC) < 0)
		return -errno;
	return 0;
}

int channel_open(struct channel *c)
{
	int fds[2], one = 1, r;
	c->monitor = c->sandbox = c->bell = c->bell_ring = -1;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds) < 0)
		return -errno;
	c->monitor = fds[0];
	c->sandbox = fds[1];
	r = setsockopt(c->monitor, SOL_SOCKET, SO_PASSCRED, &one, sizeof(one)) < 0 ? -errno : 0;
	if (r == 0)
		r = open_bell(c);
	if (r < 0)
		channel_close(c);
	return r;
}

void channel_close(struct channel *c)
{
	int *fds[] = { &c->monitor, &c->sandbox, &c->bell, &c->bell_ring };
	for (size_t i = 0; i < ARRAY_SIZE(fds); i++) {
		if (*fds[i] >= 0)
			close(*fds[i]);
		*fds[i] = -1;
	}
}

static int send_msg(int sock, const struct channel_msg *msg, size_t len, int fd, pid_t pid)
{
	struct iovec iov = { .iov_base = (void *)msg, .iov_len = len };
	union {
		char buf[CMSG_SPACE(sizeof(int)) + CMSG_SPACE(sizeof(struct ucred))];
		struct cmsghdr align;
	} control;
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	size_t space = (fd >= 0 ? CMSG_SPACE(sizeof(int)) : 0) +
	               (pid > 0 ? CMSG_SPACE(sizeof(struct ucred)) : 0);
	if (space > 0) {
		memset(&control, 0, sizeof(control));
		mh.msg_control = control.buf;
		mh.msg_controllen = space;
	}
	struct cmsghdr *c = space > 0 ? CMSG_FIRSTHDR(&mh) : NULL;
	if (fd >= 0) {
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &fd, sizeof(int));
		c = CMSG_NXTHDR(&mh, c);
	}
	if (pid > 0) {
		struct ucred cred = { .pid = pid, .uid = getuid(), .gid = getgid() };
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_CREDENTIALS;
		c->cmsg_len = CMSG_LEN(sizeof(cred));
		memcpy(CMSG_DATA(c), &cred, sizeof(cred));
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

int channel_send(int sock, enum channel_msg_type type, int32_t value, int fd, pid_t pid)
{
	/* the header only: the messages of every run stay small */
	struct channel_msg msg = { .type = type, .value = value };
	return send_msg(sock, &msg, offsetof(struct channel_msg, error), fd, pid);
}

int channel_send_error(int sock, enum channel_msg_type type, const struct lx_error *e)
{
	struct channel_msg msg = { .type = type, .value = e->code, .error = *e };
	return send_msg(sock, &msg, sizeof(msg), -1, 0);
}

int channel_ring(int bell_ring)
{
	return write(bell_ring, "!", 1) < 0 ? -errno : 0;
}

void channel_answer(int bell)
{
	char buf[64];
	while (read(bell, buf, sizeof(buf)) > 0)
		;
}

int channel_recv(int sock, struct channel_msg *msg, int *fd, pid_t *pid)
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
	*pid = 0;
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
		if (c->cmsg_type == SCM_RIGHTS && c->cmsg_len >= CMSG_LEN(sizeof(int))) {
			memcpy(fd, CMSG_DATA(c), sizeof(int));
		} else if (c->cmsg_type == SCM_CREDENTIALS &&
		           c->cmsg_len >= CMSG_LEN(sizeof(struct ucred))) {
			struct ucred cred;
			memcpy(&cred, CMSG_DATA(c), sizeof(cred));
			*pid = cred.pid;
		}
	}
	msg->error.message[sizeof(msg->error.message) - 1] = '\0';
	msg->error.hint[sizeof(msg->error.hint) - 1] = '\0';
	if ((size_t)n < offsetof(struct channel_msg, error))
		return -EBADMSG;
	return 1;
}
