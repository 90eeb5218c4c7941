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

void stats_usage_json(struct json_writer *w, const struct cg_live *now,
                      const struct cg_live *before, uint64_t wall_us)
{
	cg_value_json(w, "memory_bytes", now->memory_bytes);
	json_key(w, "cpu_percent");
	if (now->cpu_usage_us.known && before && before->cpu_usage_us.known && wall_us > 0 &&
	    now->cpu_usage_us.v >= before->cpu_usage_us.v)
		/* tenths of a percent */
		json_decimal(w, (now->cpu_usage_us.v - before->cpu_usage_us.v) * 1000 / wall_us, 1);
	else
		json_null(w);
	cg_seconds_json(w, "cpu_usage_s", now->cpu_usage_us);
	cg_value_json(w, "pids", now->pids);
	cg_value_json(w, "io_read_bytes", now->io_read_bytes);
	cg_value_json(w, "io_write_bytes", now->io_write_bytes);
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
	struct cg_live before = { .cpu_usage_us = { s->have_last, s->last_cpu_us } };
	stats_usage_json(&w, &l, &before, (now_ns - s->last_ns) / 1000);
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
