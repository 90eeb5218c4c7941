#include "launcher/logfile.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "base/fd.h"

static int open_log(const char *path)
{
	return open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY, 0640);
}

int logfile_open(struct logfile *l, const char *path, struct lx_error *e)
{
	*l = (struct logfile){ .path = path, .fd = -1, .read = -1, .write = -1 };
	l->fd = open_log(path);
	if (l->fd < 0)
		return lx_error_errno(e, errno, "--log %s", path);
	int p[2];
	if (pipe2(p, O_CLOEXEC) < 0) {
		int err = errno;
		logfile_close(l);
		return lx_error_errno(e, err, "--log: pipe");
	}
	l->read = p[0];
	l->write = p[1];
	fcntl(l->read, F_SETFL, O_NONBLOCK);
	return 0;
}

void logfile_pump(struct logfile *l)
{
	char buf[16384];
	ssize_t n;
	while (l->read >= 0 && (n = read(l->read, buf, sizeof(buf))) > 0)
		if (fd_write_all(l->fd, buf, (size_t)n) < 0)
			break; /* a full disk: the command goes on, the bytes go */
}

int logfile_reopen(struct logfile *l, struct lx_error *e)
{
	int fd = open_log(l->path);
	if (fd < 0)
		return lx_error_errno(e, errno, "--log %s: reopen", l->path);
	logfile_pump(l); /* what was written before goes to the old file */
	dup2(fd, l->fd); /* keeps the number (and close-on-exec is dropped) */
	fd_set_cloexec(l->fd, true);
	dup2(fd, STDERR_FILENO);
	close(fd);
	return 0;
}

void logfile_close(struct logfile *l)
{
	logfile_pump(l);
	if (l->read >= 0)
		close(l->read);
	if (l->write >= 0)
		close(l->write);
	if (l->fd >= 0)
		close(l->fd);
	l->fd = l->read = l->write = -1;
}
