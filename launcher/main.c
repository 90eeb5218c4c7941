/* launch: wiring only. Take over the caller's signals, read the command
 * line, run the sandbox, then report and exit with the SPEC's status. This
 * is the one place that prints an error. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/error.h"
#include "base/fd.h"
#include "base/signame.h"
#include "base/strbuf.h"
#include "base/units.h"
#include "launcher/config.h"
#include "launcher/control.h"
#include "launcher/monitor.h"
#include "launcher/options.h"
#include "launcher/outcome.h"
#include "launcher/report.h"
#include "launcher/service.h"
#include "launcher/settings.h"
#include "launcher/sigstate.h"
#include "profiles/show.h"

#ifndef LAUNCH_VERSION
#define LAUNCH_VERSION "unknown"
#endif

static void print_error(const struct lx_error *e)
{
	char line[LX_ERROR_MESSAGE_MAX + LX_ERROR_HINT_MAX + 16];
	lx_error_format(e, line, sizeof(line));
	fprintf(stderr, "launch: %s\n", line);
}

static void print_warning(const struct lx_error *e)
{
	char line[LX_ERROR_MESSAGE_MAX + LX_ERROR_HINT_MAX + 16];
	lx_error_format(e, line, sizeof(line));
	fprintf(stderr, "launch: %s, ignoring\n", line);
}

/* Descriptors the caller left open, other than 0-2 and the --pass-fd ones,
 * are closed now: the command must not get them, and launch does not need
 * them (a pipe's reader would wait on launch for its end-of-file). */
static int check_inherited_fds(const struct launch_config *cfg, struct lx_error *e)
{
	for (size_t i = 0; i < cfg->n_pass_fds; i++)
		if (!fd_is_open(cfg->pass_fds[i]))
			return lx_error_errno(e, EBADF, "--pass-fd %d", cfg->pass_fds[i]);
	int r = fd_close_all_except(cfg->pass_fds, cfg->n_pass_fds, FD_CLOSE_NOW);
	if (r < 0)
		return lx_error_errno(e, r, "close inherited file descriptors");
	return 0;
}

/* The restart policy's last word, with the status launch exits with. */
static void print_give_up(const struct profile *p, const struct run_result *r,
                          const struct exit_verdict *v)
{
	char window[32], how[64], name[SIGNAME_MAX];
	format_duration(p->restart_window_ns, window, sizeof(window));
	if (v->code >= 0)
		snprintf(how, sizeof(how), "exited with code %d", v->code);
	else
		snprintf(how, sizeof(how), "was killed by %s", signal_name(v->signal, name));
	fprintf(stderr,
	        "launch: restart: giving up after %u restart%s: another would be more than %llu "
	        "within %s (restart.max, restart.window); the last run %s, launch exits %d\n",
	        r->restarts, r->restarts == 1 ? "" : "s", (unsigned long long)p->restart_max,
	        window, how, v->launch_exit_code);
}

static int show_profile(const struct profile *p)
{
	struct strbuf json = STRBUF_INIT;
	profile_render(p, &json);
	int ok = !strbuf_failed(&json) && fd_write_all(STDOUT_FILENO, json.data, json.len) >= 0;
	strbuf_free(&json);
	return ok ? 0 : EXIT_SETUP;
}

/* The report file is opened before the run, so a bad path stops launch
 * before anything runs rather than after. */
static int open_report(const char *path, struct lx_error *e)
{
	if (!path)
		return -1;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOCTTY, 0644);
	if (fd < 0)
		return lx_error_errno(e, errno, "report %s", path);
	return fd;
}

static int write_report(int fd, const struct report_input *in, const char *path, struct lx_error *e)
{
	struct strbuf json = STRBUF_INIT;
	report_render_json(in, &json);
	int r = 0;
	if (strbuf_failed(&json))
		r = lx_error_errno(e, ENOMEM, "report %s", path);
	else {
		ssize_t n = fd_write_all(fd, json.data, json.len);
		if (n < 0)
			r = lx_error_errno(e, (int)n, "report %s", path);
	}
	strbuf_free(&json);
	return r;
}

/* The profiles' memory, on every way out of main: a leak checker looks
 * after main has returned, when nothing points at it any more. */
static void config_free(struct launch_config *cfg)
{
	profile_free(&cfg->profile);
	profile_free(&cfg->overrides);
}

int main(int argc, char **argv)
{
	struct caller_signals signals;
	_cleanup_(config_free) struct launch_config cfg = { .tty = TTY_AUTO,
		                                            .stats_fd = -1,
		                                            .cwd_fd = -1 };
	struct lx_error error = { 0 };
	enum launch_action action;
	_cleanup_close_ int report_fd = -1;

	/* first: a signal sent from now on waits for the command */
	if (caller_signals_take(&signals) < 0 || fd_fill_standard_streams() < 0) {
		fprintf(stderr, "launch: cannot take over signals and standard streams: %s\n",
		        strerror(errno));
		return EXIT_SETUP;
	}
	profile_init(&cfg.overrides);

	if (options_parse(argc, argv, &cfg, &action, &error) < 0) {
		print_error(&error);
		return EXIT_SETUP;
	}
	if (action == ACTION_HELP) {
		options_print_help(stdout);
		return 0;
	}
	if (action == ACTION_VERSION) {
		printf("launch %s\n", LAUNCH_VERSION);
		return 0;
	}
	if (action == ACTION_CHECK)
		return settings_check(cfg.command, stdout, stderr) < 0 ? EXIT_SETUP : 0;
	if (action == ACTION_LIST || action == ACTION_STATS || action == ACTION_STOP) {
		int r = action == ACTION_LIST    ? control_list(stdout, &error)
		        : action == ACTION_STATS ? control_stats(cfg.control_name, stdout, &error)
		                                 : control_stop(cfg.control_name, &error);
		if (r < 0)
			print_error(&error);
		return r < 0 ? EXIT_SETUP : 0;
	}
	if (settings_load(&cfg, &error) < 0) {
		print_error(&error);
		return EXIT_SETUP;
	}
	if (action == ACTION_SHOW)
		return show_profile(&cfg.profile);
	if (check_inherited_fds(&cfg, &error) < 0) {
		print_error(&error);
		return EXIT_SETUP;
	}
	report_fd = open_report(cfg.profile.report, &error);
	if (report_fd < 0 && cfg.profile.report) {
		print_error(&error);
		return EXIT_SETUP;
	}

	struct service service;
	if (service_prepare(&cfg, &service, &error) < 0) {
		print_error(&error);
		/* a daemon that failed after detaching tells its caller */
		struct run_result failed = { .error = error };
		service_finish(&cfg, &service, &failed);
		return EXIT_SETUP;
	}

	static struct run_result result;
	struct exit_verdict verdict;
	monitor_run(&cfg, &signals, service.ready_fd, &result);
	outcome_verdict(&result.outcome, &verdict);
	if (lx_error_is_set(&result.error))
		print_error(&result.error);
	if (result.gave_up)
		print_give_up(&cfg.profile, &result, &verdict);
	/* what launch did without matters to whoever asked for the figures */
	if (lx_error_is_set(&result.warning) && (cfg.summary || cfg.profile.report))
		print_warning(&result.warning);

	struct report_input in = {
		.profile = cfg.profile_name,
		.command = cfg.command,
		.result = &result,
		.verdict = &verdict,
	};
	if (cfg.summary) {
		struct strbuf text = STRBUF_INIT;
		report_render_summary(&in, &text);
		if (!strbuf_failed(&text))
			fd_write_all(STDERR_FILENO, text.data, text.len);
		strbuf_free(&text);
	}
	if (report_fd >= 0 && write_report(report_fd, &in, cfg.profile.report, &error) < 0) {
		/* the command's status matters more than the report: keep it */
		print_error(&error);
	}
	service_finish(&cfg, &service, &result);
	return verdict.launch_exit_code;
}
