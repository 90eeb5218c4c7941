#include "launcher/service.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "launcher/daemon.h"
#include "launcher/pidfile.h"
#include "launcher/state.h"

/* A relative *path, which is the caller's directory's, made absolute in buf. */
static int absolute(const char *option, const char **path, char *buf, size_t size,
                    struct lx_error *e)
{
	char cwd[PATH_MAX];
	if ((*path)[0] == '/')
		return 0;
	if (!getcwd(cwd, sizeof(cwd)))
		return lx_error_errno(e, errno, "--%s %s: working directory", option, *path);
	if (snprintf(buf, size, "%s/%s", cwd, *path) >= (int)size)
		return lx_error_errno(e, ENAMETOOLONG, "--%s %s", option, *path);
	*path = buf;
	return 0;
}

int service_prepare(struct launch_config *cfg, struct service *s, struct lx_error *e)
{
	*s = (struct service){ .pidfile_fd = -1, .ready_fd = -1 };
	s->log = (struct logfile){ .fd = -1, .read = -1, .write = -1 };
	cfg->cwd_fd = -1;
	if (cfg->stats_file) {
		cfg->stats_fd = open(cfg->stats_file,
		                     O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY, 0644);
		if (cfg->stats_fd < 0)
			return lx_error_errno(e, errno, "--stats-file %s", cfg->stats_file);
	}
	/* a name in use is refused while the caller still listens */
	struct state_entry other;
	if (cfg->name && state_find(cfg->name, &other, NULL) == 1)
		return lx_error_msg(e, EEXIST,
		                    "--name %s: a sandbox of that name is running (launch pid %d)",
		                    cfg->name, (int)other.pid);
	if (cfg->pidfile) {
		s->pidfile_fd = pidfile_acquire(cfg->pidfile, e);
		if (s->pidfile_fd < 0)
			return s->pidfile_fd;
	}
	if (!cfg->daemon) {
		if (s->pidfile_fd >= 0)
			return pidfile_write(s->pidfile_fd, getpid(), cfg->pidfile, e);
		return 0;
	}
	int r;
	if (cfg->pidfile &&
	    (r = absolute("pidfile", &cfg->pidfile, s->pidfile, sizeof(s->pidfile), e)) < 0)
		return r;
	if (cfg->log_file) {
		if ((r = logfile_open(&s->log, cfg->log_file, e)) < 0)
			return r;
		cfg->log = &s->log;
		if ((r = absolute("log", &s->log.path, s->log_file, sizeof(s->log_file), e)) < 0)
			return r;
	}
	cfg->tty = TTY_NEVER;
	cfg->cwd_fd = open(".", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (cfg->cwd_fd < 0)
		return lx_error_errno(e, errno, "working directory");
	return daemon_start(&s->log, s->pidfile_fd, cfg->pidfile, &s->ready_fd, e);
}

void service_finish(struct launch_config *cfg, struct service *s, const struct run_result *r)
{
	if (s->ready_fd >= 0) {
		if (!r->started)
			daemon_failed(s->ready_fd, &r->error);
		close(s->ready_fd);
		s->ready_fd = -1;
	}
	pidfile_release(s->pidfile_fd, cfg->pidfile);
	s->pidfile_fd = -1;
	if (cfg->stats_fd >= 0)
		close(cfg->stats_fd);
	cfg->stats_fd = -1;
	if (cfg->log)
		logfile_close(cfg->log);
}
