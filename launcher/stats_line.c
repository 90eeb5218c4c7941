#include "launcher/stats_line.h"

#include <time.h>
#include <unistd.h>

#include "base/fd.h"
#include "base/json.h"
#include "base/strbuf.h"
#include "base/timer.h"
#include "base/units.h"

void stats_line_start(struct stats_line *s, int fd, const struct cgroup_run *cg)
{
	*s = (struct stats_line){ .fd = -1 };
	if (fd < 0 || cg_live_open(cg->path, &s->dirs, NULL) < 0)
		return;
	s->fd = fd;
	struct cg_live l;
	cg_live_read(&s->dirs, &l);
	s->last_ns = monotonic_ns();
	s->last_cpu_us = l.cpu_usage_us.v;
	s->have_last = l.cpu_usage_us.known;
}

static void value(struct json_writer *w, const char *key, struct cg_value v)
{
	json_key(w, key);
	if (v.known)
		json_uint(w, v.v);
	else
		json_null(w);
}

void stats_line_write(struct stats_line *s)
{
	if (s->fd < 0)
		return;
	struct cg_live l;
	cg_live_read(&s->dirs, &l);
	uint64_t now_ns = monotonic_ns();
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	char time[64];
	format_utc_time(&now, time, sizeof(time));

	struct strbuf line = STRBUF_INIT;
	struct json_writer w;
	json_init(&w, &line, false);
	json_begin_object(&w);
	json_key(&w, "time");
	json_string(&w, time);
	value(&w, "memory_bytes", l.memory_bytes);
	json_key(&w, "cpu_percent");
	uint64_t wall_us = (now_ns - s->last_ns) / 1000;
	if (l.cpu_usage_us.known && s->have_last && wall_us > 0 &&
	    l.cpu_usage_us.v >= s->last_cpu_us)
		/* tenths of a percent */
		json_decimal(&w, (l.cpu_usage_us.v - s->last_cpu_us) * 1000 / wall_us, 1);
	else
		json_null(&w);
	json_key(&w, "cpu_usage_s");
	if (l.cpu_usage_us.known)
		json_decimal(&w, l.cpu_usage_us.v, 6);
	else
		json_null(&w);
	value(&w, "pids", l.pids);
	value(&w, "io_read_bytes", l.io_read_bytes);
	value(&w, "io_write_bytes", l.io_write_bytes);
	json_end_object(&w);
	strbuf_putc(&line, '\n');
	if (!strbuf_failed(&line) && fd_write_all(s->fd, line.data, line.len) < 0) {
		/* a full disk or a closed pipe: the service goes on */
	}
	strbuf_free(&line);
	s->last_ns = now_ns;
	s->last_cpu_us = l.cpu_usage_us.v;
	s->have_last = l.cpu_usage_us.known;
}

void stats_line_stop(struct stats_line *s)
{
	cg_live_close(&s->dirs);
	s->fd = -1;
}
