#include "launcher/control.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/json.h"
#include "base/strbuf.h"
#include "base/timer.h"
#include "base/units.h"
#include "cgroup/live.h"
#include "launcher/state.h"
#include "launcher/stats_line.h"

#define MAX_LISTED 1024
/* beyond its grace, how long --stop waits for a launch to end */
#define STOP_MARGIN_NS (5ULL * NSEC_PER_SEC)

static uint64_t uptime_s(const struct state_entry *s)
{
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	return now.tv_sec > s->started_at.tv_sec ? (uint64_t)(now.tv_sec - s->started_at.tv_sec)
	                                         : 0;
}

static void read_live(const struct state_entry *s, struct cg_live *l)
{
	memset(l, 0, sizeof(*l));
	struct cg_live_dirs d;
	if (!s->cgroup[0] || cg_live_open(s->cgroup, &d, NULL) < 0)
		return;
	cg_live_read(&d, l);
	cg_live_close(&d);
}

static void human_time(uint64_t s, char *buf, size_t size)
{
	if (s >= 86400)
		snprintf(buf, size, "%llud%02lluh", (unsigned long long)(s / 86400),
		         (unsigned long long)(s % 86400 / 3600));
	else if (s >= 3600)
		snprintf(buf, size, "%lluh%02llum", (unsigned long long)(s / 3600),
		         (unsigned long long)(s % 3600 / 60));
	else if (s >= 60)
		snprintf(buf, size, "%llum%02llus", (unsigned long long)(s / 60),
		         (unsigned long long)(s % 60));
	else
		snprintf(buf, size, "%llus", (unsigned long long)s);
}

static void human_value(struct cg_value v, bool bytes, char *buf, size_t size)
{
	if (!v.known)
		snprintf(buf, size, "-");
	else if (bytes)
		snprintf(buf, size, "%.1fM", (double)v.v / (1024.0 * 1024.0));
	else
		snprintf(buf, size, "%llu", (unsigned long long)v.v);
}

int control_list(FILE *out, struct lx_error *e)
{
	_cleanup_free_ struct state_entry *all = calloc(MAX_LISTED, sizeof(*all));
	if (!all)
		return lx_error_errno(e, ENOMEM, "--list");
	int n = state_list(all, MAX_LISTED, e);
	if (n < 0)
		return n;
	fprintf(out, "%-20s %8s %-12s %9s %9s %9s %6s\n", "NAME", "PID", "PROFILE", "UPTIME",
	        "MEMORY", "CPU", "PIDS");
	for (int i = 0; i < n; i++) {
		struct cg_live l;
		char up[32], mem[32], cpu[32], pids[32];
		read_live(&all[i], &l);
		human_time(uptime_s(&all[i]), up, sizeof(up));
		human_value(l.memory_bytes, true, mem, sizeof(mem));
		if (l.cpu_usage_us.known)
			snprintf(cpu, sizeof(cpu), "%.2fs", (double)l.cpu_usage_us.v / 1e6);
		else
			snprintf(cpu, sizeof(cpu), "-");
		human_value(l.pids, false, pids, sizeof(pids));
		fprintf(out, "%-20s %8d %-12s %9s %9s %9s %6s\n", all[i].name, (int)all[i].pid,
		        all[i].profile, up, mem, cpu, pids);
	}
	return 0;
}

static int find_running(const char *name, struct state_entry *s, struct lx_error *e)
{
	int r = state_find(name, s, e);
	if (r == 0)
		return lx_error_msg(e, ESRCH, "no sandbox named %s is running", name);
	return r < 0 ? r : 0;
}

int control_stats(const char *name, FILE *out, struct lx_error *e)
{
	struct state_entry s;
	int r = find_running(name, &s, e);
	if (r < 0)
		return r;
	/* two samples a quarter of a second apart, for the CPU percentage */
	struct cg_live before, l;
	read_live(&s, &before);
	uint64_t t0 = monotonic_ns();
	struct timespec pause = { 0, 250000000 };
	nanosleep(&pause, NULL);
	read_live(&s, &l);
	uint64_t wall_us = (monotonic_ns() - t0) / 1000;

	struct strbuf line = STRBUF_INIT;
	struct json_writer w;
	json_init(&w, &line, false);
	json_begin_object(&w);
	json_key(&w, "name");
	json_string(&w, s.name);
	json_key(&w, "pid");
	json_int(&w, s.pid);
	json_key(&w, "profile");
	json_string(&w, s.profile);
	json_key(&w, "uptime_s");
	json_uint(&w, uptime_s(&s));
	stats_usage_json(&w, &l, &before, wall_us);
	json_end_object(&w);
	if (strbuf_failed(&line)) {
		strbuf_free(&line);
		return lx_error_errno(e, ENOMEM, "--stats");
	}
	fprintf(out, "%s\n", line.data);
	strbuf_free(&line);
	return 0;
}

int control_stop(const char *name, struct lx_error *e)
{
	struct state_entry s;
	int r = find_running(name, &s, e);
	if (r < 0)
		return r;
	_cleanup_close_ int pidfd = (int)syscall(SYS_pidfd_open, s.pid, 0);
	if (pidfd < 0)
		return lx_error_errno(e, errno, "--stop %s: launch pid %d", name, (int)s.pid);
	/* the pid could have been reused if that launch ended just now; if
	 * the name is still held, the pidfd is of the launch that holds it */
	struct state_entry again;
	if (state_find(name, &again, NULL) != 1 || again.pid != s.pid)
		return 0; /* it ended by itself */
	if (syscall(SYS_pidfd_send_signal, pidfd, SIGTERM, NULL, 0) < 0)
		return errno == ESRCH ? 0 : lx_error_errno(e, errno, "--stop %s: signal", name);
	uint64_t deadline_ms = (s.stop_ns + STOP_MARGIN_NS) / NSEC_PER_MSEC;
	struct pollfd p = { .fd = pidfd, .events = POLLIN };
	uint64_t start = monotonic_ns();
	for (;;) {
		uint64_t spent = (monotonic_ns() - start) / NSEC_PER_MSEC;
		if (spent >= deadline_ms)
			return lx_error_msg(e, ETIMEDOUT,
			                    "--stop %s: launch pid %d has not ended after %llu s",
			                    name, (int)s.pid, (unsigned long long)(spent / 1000));
		int n = poll(&p, 1, (int)(deadline_ms - spent));
		if (n > 0)
			return 0;
		if (n < 0 && errno != EINTR)
			return lx_error_errno(e, errno, "--stop %s: wait", name);
	}
}
