#include "launcher/daemon.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdnoreturn.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/fd.h"
#include "launcher/outcome.h"
#include "launcher/pidfile.h"

/* The caller's side: wait for the daemon's word. */
static noreturn void wait_for_word(int ready, pid_t child)
{
	char text[LX_ERROR_MESSAGE_MAX + LX_ERROR_HINT_MAX + 16];
	size_t len = 0;
	ssize_t n;
	while (len < sizeof(text) - 1 &&
	       ((n = read(ready, text + len, sizeof(text) - 1 - len)) > 0 ||
	        (n < 0 && errno == EINTR)))
		if (n > 0)
			len += (size_t)n;
	if (len > 0 && text[0] == '\0')
		_exit(0);
	text[len] = '\0';
	if (len > 0) {
		fprintf(stderr, "launch: %s\n", text);
	} else {
		int status;
		/* it died before saying anything: how? */
		if (waitpid(child, &status, WNOHANG) == child && WIFSIGNALED(status))
			fprintf(stderr,
			        "launch: the daemon was killed by signal %d before the "
			        "command started\n",
			        WTERMSIG(status));
		else
			fprintf(stderr, "launch: the daemon ended before the command started\n");
	}
	_exit(EXIT_SETUP);
}

static int redirect(int fd, int target, struct lx_error *e)
{
	if (dup2(fd, target) < 0)
		return lx_error_errno(e, errno, "--daemon: standard stream %d", target);
	return 0;
}

int daemon_start(const struct logfile *log, int pidfile_fd, const char *pidfile, int *ready_fd,
                 struct lx_error *e)
{
	int p[2];
	if (pipe2(p, O_CLOEXEC) < 0)
		return lx_error_errno(e, errno, "--daemon: pipe");
	fflush(NULL);
	pid_t child = fork();
	if (child < 0) {
		int err = errno;
		close(p[0]);
		close(p[1]);
		return lx_error_errno(e, err, "--daemon: fork");
	}
	if (child > 0) {
		close(p[1]);
		wait_for_word(p[0], child);
	}
	close(p[0]);
	*ready_fd = p[1];
	if (setsid() < 0)
		return lx_error_errno(e, errno, "--daemon: setsid");
	umask(022);
	int null = open("/dev/null", O_RDWR | O_CLOEXEC | O_NOCTTY);
	if (null < 0)
		return lx_error_errno(e, errno, "--daemon: /dev/null");
	int out = log->fd >= 0 ? log->fd : null;
	int r = redirect(null, STDIN_FILENO, e);
	if (r == 0)
		r = redirect(out, STDOUT_FILENO, e);
	if (r == 0)
		r = redirect(out, STDERR_FILENO, e);
	close(null);
	if (r < 0)
		return r;
	if (pidfile_fd >= 0 && (r = pidfile_write(pidfile_fd, getpid(), pidfile, e)) < 0)
		return r;
	if (chdir("/") < 0)
		return lx_error_errno(e, errno, "--daemon: chdir /");
	return 0;
}

void daemon_failed(int ready_fd, const struct lx_error *e)
{
	char line[LX_ERROR_MESSAGE_MAX + LX_ERROR_HINT_MAX + 16];
	lx_error_format(e, line, sizeof(line));
	if (!line[0])
		snprintf(line, sizeof(line), "the service did not start");
	fd_write_all(ready_fd, line, strlen(line));
}
