#include "base/fd.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/cleanup.h"

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

int fd_close_all_except(const int *keep, size_t n_keep, enum fd_close_mode mode)
{
	unsigned flags = mode == FD_CLOSE_ON_EXEC ? CLOSE_RANGE_CLOEXEC : 0;
	int sorted[64];
	size_t n = 0;

	if (n_keep > ARRAY_SIZE(sorted))
		return -E2BIG;
	for (size_t i = 0; i < n_keep; i++)
		if (keep[i] >= 3)
			sorted[n++] = keep[i];
	qsort(sorted, n, sizeof(int), cmp_int);

	unsigned first = 3;
	for (size_t i = 0; i <= n; i++) {
		unsigned last = i < n ? (unsigned)sorted[i] - 1 : UINT_MAX;
		if (i < n && (unsigned)sorted[i] < first) /* duplicate in keep[] */
			continue;
		if (first <= last && close_range(first, last, flags) < 0)
			return -errno;
		if (i < n)
			first = (unsigned)sorted[i] + 1;
	}
	return 0;
}

int fd_set_cloexec(int fd, bool on)
{
	int flags = fcntl(fd, F_GETFD);
	if (flags < 0)
		return -errno;
	int want = on ? flags | FD_CLOEXEC : flags & ~FD_CLOEXEC;
	if (want != flags && fcntl(fd, F_SETFD, want) < 0)
		return -errno;
	return 0;
}

bool fd_is_open(int fd)
{
	return fcntl(fd, F_GETFD) >= 0;
}

int fd_fill_standard_streams(void)
{
	for (int fd = 0; fd < 3; fd++) {
		if (fd_is_open(fd))
			continue;
		/* open() returns the lowest free number, which is fd */
		int got = open("/dev/null", O_RDWR | O_CLOEXEC);
		if (got < 0)
			return -errno;
		if (got != fd) {
			close(got);
			return -EBADF;
		}
	}
	return 0;
}

ssize_t fd_write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	size_t left = len;
	while (left > 0) {
		ssize_t n = write(fd, p, left);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		p += n;
		left -= (size_t)n;
	}
	return (ssize_t)len;
}

int fd_lock(int fd)
{
	struct flock l = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	if (fcntl(fd, F_OFD_SETLK, &l) == 0)
		return 0;
	return errno == EACCES ? -EAGAIN : -errno;
}

bool fd_is_at(int fd, const char *path)
{
	struct stat a, b;
	return fstat(fd, &a) == 0 && stat(path, &b) == 0 && a.st_dev == b.st_dev &&
	       a.st_ino == b.st_ino;
}
