#include "launcher/pidfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/fd.h"

int pidfile_acquire(const char *path, struct lx_error *e)
{
	for (int attempt = 0; attempt < 8; attempt++) {
		int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY, 0644);
		if (fd < 0)
			return lx_error_errno(e, errno, "--pidfile %s", path);
		int r = fd_lock(fd);
		if (r == -EAGAIN) {
			char text[32] = "";
			ssize_t n = pread(fd, text, sizeof(text) - 1, 0);
			close(fd);
			if (n > 0)
				return lx_error_msg(e, EEXIST,
				                    "--pidfile %s: already running (pid %d)", path,
				                    atoi(text));
			return lx_error_msg(e, EEXIST, "--pidfile %s: already running", path);
		}
		if (r < 0) {
			close(fd);
			return lx_error_errno(e, -r, "--pidfile %s: lock", path);
		}
		if (fd_is_at(fd, path))
			return fd;
		close(fd); /* removed by the launch that held it, just now */
	}
	return lx_error_msg(e, EAGAIN, "--pidfile %s keeps changing", path);
}

int pidfile_write(int fd, pid_t pid, const char *path, struct lx_error *e)
{
	char text[32];
	int len = snprintf(text, sizeof(text), "%d\n", (int)pid);
	if (ftruncate(fd, 0) < 0 || pwrite(fd, text, (size_t)len, 0) != len)
		return lx_error_errno(e, errno, "--pidfile %s: write", path);
	return 0;
}

void pidfile_release(int fd, const char *path)
{
	if (fd < 0)
		return;
	if (fd_is_at(fd, path))
		unlink(path);
	close(fd);
}
