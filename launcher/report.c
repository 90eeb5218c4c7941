#include "launcher/report.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/json.h"
#include "base/signame.h"
#include "base/units.h"

#ifndef LAUNCH_VERSION
#define LAUNCH_VERSION "unknown"
#endif

static uint64_t timeval_us(struct timeval tv)
{
	return (uint64_t)tv.tv_sec * 1000000ULL + (uint64_t)tv.tv_usec;
}

static void key_uint(struct json_writer *w, const char *key, uint64_t v)
{
	json_key(w, key);
	json_uint(w, v);
}

static void key_seconds_us(struct json_writer *w, const char *key, uint64_t us)
{
	json_key(w, key);
	json_decimal(w, us, 6);
}

static void render_exit(struct json_writer *w, const struct exit_verdict *v,
                        const char *seccomp_syscall)
{
	char name[SIGNAME_MAX];
	json_key(w, "exit");
	json_begin_object(w);
	json_key(w, "status");
	json_string(w, v->status);
	json_key(w, "code");
	if (v->code >= 0)
		json_int(w, v->code);
	else
		json_null(w);
	json_key(w, "signal");
	if (v->signal > 0)
		json_int(w, v->signal);
	else
		json_null(w);
	json_key(w, "signal_name");
	if (v->signal > 0)
		json_string(w, signal_name(v->signal, name));
	else
		json_null(w);
	json_key(w, "seccomp_syscall");
	if (strcmp(v->status, "seccomp") == 0 && seccomp_syscall[0])
		json_string(w, seccomp_syscall);
	else
		json_null(w);
	json_key(w, "launch_exit_code");
	json_int(w, v->launch_exit_code);
	json_end_object(w);
}

static void render_rusage(struct json_writer *w, const struct run_result *r)
{
	json_key(w, "rusage");
	if (!r->have_rusage) {
		json_null(w);
		return;
	}
	const struct rusage *ru = &r->rusage;
	json_begin_object(w);
	key_seconds_us(w, "user_s", timeval_us(ru->ru_utime));
	key_seconds_us(w, "system_s", timeval_us(ru->ru_stime));
	/* the largest single process, not the sum: see the cgroup's peak */
	key_uint(w, "max_rss_kib", (uint64_t)ru->ru_maxrss);
	key_uint(w, "minor_faults", (uint64_t)ru->ru_minflt);
	key_uint(w, "major_faults", (uint64_t)ru->ru_majflt);
	key_uint(w, "voluntary_ctx_switches", (uint64_t)ru->ru_nvcsw);
	key_uint(w, "involuntary_ctx_switches", (uint64_t)ru->ru_nivcsw);
	key_uint(w, "block_in", (uint64_t)ru->ru_inblock);
	key_uint(w, "block_out", (uint64_t)ru->ru_oublock);
	json_end_object(w);
}

static void render_cgroup(struct json_writer *w, const struct run_result *r)
{
	const struct cgroup_stats *c = &r->cgroup;
	json_key(w, "cgroup");
	if (!r->have_cgroup) {
		json_null(w);
		return;
	}
	json_begin_object(w);
	json_key(w, "version");
	json_string(w, cg_version_name(r->cgroup_version));
	json_key(w, "path");
	json_string(w, r->cgroup_path);
	json_key(w, "memory");
	json_begin_object(w);
	cg_value_json(w, "peak_bytes", c->memory_peak_bytes);
	cg_value_json(w, "limit_bytes", c->memory_limit_bytes);
	cg_value_json(w, "oom_kills", c->oom_kills);
	json_end_object(w);
	json_key(w, "cpu");
	json_begin_object(w);
	cg_seconds_json(w, "usage_s", c->cpu_usage_us);
	cg_seconds_json(w, "user_s", c->cpu_user_us);
	cg_seconds_json(w, "system_s", c->cpu_system_us);
	cg_seconds_json(w, "throttled_s", c->cpu_throttled_us);
	json_end_object(w);
	json_key(w, "pids");
	json_begin_object(w);
	cg_value_json(w, "peak", c->pids_peak);
	cg_value_json(w, "limit", c->pids_limit);
	json_end_object(w);
	json_key(w, "io");
	json_begin_object(w);
	cg_value_json(w, "read_bytes", c->io_read_bytes);
	cg_value_json(w, "write_bytes", c->io_write_bytes);
	json_end_object(w);
	json_end_object(w);
}

/* Each run the result kept, oldest first: when it started, how long it
 * took, how it ended. */
static void render_runs(struct json_writer *w, const struct run_result *r)
{
	json_key(w, "runs");
	json_begin_array(w);
	for (unsigned i = 0; i < run_result_kept(r); i++) {
		const struct run_record *rec = run_result_run(r, i);
		struct exit_verdict v;
		char started[40];
		outcome_verdict(&rec->outcome, &v);
		json_begin_object(w);
		json_key(w, "started_at");
		format_utc_time(&rec->started_at, started, sizeof(started));
		json_string(w, started);
		key_seconds_us(w, "wall_time_s", rec->wall_ns / NSEC_PER_USEC);
		render_exit(w, &v, rec->seccomp_syscall);
		json_end_object(w);
	}
	json_end_array(w);
}

void report_render_json(const struct report_input *in, struct strbuf *out)
{
	const struct run_result *r = in->result;
	struct json_writer w;
	char started[40];

	json_init(&w, out, true);
	json_begin_object(&w);
	json_key(&w, "launch_version");
	json_string(&w, LAUNCH_VERSION);
	json_key(&w, "profile");
	json_string(&w, in->profile);
	json_key(&w, "command");
	json_begin_array(&w);
	for (size_t i = 0; in->command && in->command[i]; i++)
		json_string(&w, in->command[i]);
	json_end_array(&w);
	json_key(&w, "started_at");
	if (r->started_at.tv_sec > 0) {
		format_utc_time(&r->started_at, started, sizeof(started));
		json_string(&w, started);
	} else {
		json_null(&w); /* launch failed before starting anything */
	}
	key_seconds_us(&w, "wall_time_s", r->wall_ns / NSEC_PER_USEC);
	render_exit(&w, in->verdict, r->seccomp_syscall);
	json_key(&w, "error");
	if (r->error.message[0])
		json_string(&w, r->error.message);
	else
		json_null(&w);
	render_rusage(&w, r);
	render_cgroup(&w, r);
	key_uint(&w, "restarts", r->restarts);
	json_key(&w, "gave_up");
	json_bool(&w, r->gave_up);
	render_runs(&w, r);
	json_end_object(&w);
	json_finish(&w);
}

static void seconds(struct strbuf *out, uint64_t us)
{
	strbuf_printf(out, "%llu.%03llus", (unsigned long long)(us / 1000000ULL),
	              (unsigned long long)(us % 1000000ULL / 1000ULL));
}

static void mib(struct strbuf *out, uint64_t bytes)
{
	strbuf_printf(out, "%.1f MiB", (double)bytes / (1024.0 * 1024.0));
}

/* The cgroup's figures, those the kernel gave. */
static void summary_cgroup(const struct cgroup_stats *c, struct strbuf *out)
{
	strbuf_puts(out, "launch: cgroup");
	const char *sep = " ";
	if (c->memory_peak_bytes.known) {
		strbuf_printf(out, "%smemory peak ", sep);
		mib(out, c->memory_peak_bytes.v);
		if (c->memory_limit_bytes.known) {
			strbuf_puts(out, " of ");
			mib(out, c->memory_limit_bytes.v);
		}
		sep = ", ";
	}
	if (c->cpu_usage_us.known) {
		strbuf_printf(out, "%sCPU ", sep);
		seconds(out, c->cpu_usage_us.v);
		if (c->cpu_throttled_us.known && c->cpu_throttled_us.v > 0) {
			strbuf_puts(out, " (throttled ");
			seconds(out, c->cpu_throttled_us.v);
			strbuf_putc(out, ')');
		}
		sep = ", ";
	}
	if (c->pids_peak.known) {
		strbuf_printf(out, "%s%llu tasks at most", sep, (unsigned long long)c->pids_peak.v);
		sep = ", ";
	}
	if (c->io_read_bytes.known) {
		strbuf_printf(out, "%sI/O ", sep);
		mib(out, c->io_read_bytes.v);
		strbuf_puts(out, " read, ");
		mib(out, c->io_write_bytes.v);
		strbuf_puts(out, " written");
	}
	strbuf_putc(out, '\n');
}

void report_render_summary(const struct report_input *in, struct strbuf *out)
{
	const struct run_result *r = in->result;
	const struct exit_verdict *v = in->verdict;
	char name[SIGNAME_MAX];

	strbuf_puts(out, "launch: ");
	if (v->code >= 0 && r->outcome.end != RUN_EXEC_ERROR)
		strbuf_printf(out, "command exited with code %d", v->code);
	else if (r->outcome.end == RUN_EXEC_ERROR)
		strbuf_printf(out, "command could not be executed (exit %d)", v->launch_exit_code);
	else if (v->signal > 0 && strcmp(v->status, "oom") == 0)
		strbuf_puts(out, "command was killed by the kernel: out of memory");
	else if (strcmp(v->status, "seccomp") == 0 && r->seccomp_syscall[0])
		strbuf_printf(out,
		              "command was killed by its seccomp filter (SIGSYS) for calling %s",
		              r->seccomp_syscall);
	else if (strcmp(v->status, "seccomp") == 0)
		strbuf_puts(out,
		            "command was killed by its seccomp filter (SIGSYS; the kernel's log "
		            "does not say for which call)");
	else if (v->signal > 0)
		strbuf_printf(out, "command was killed by %s", signal_name(v->signal, name));
	else if (r->outcome.end == RUN_UNKNOWN)
		strbuf_puts(out, "the sandbox ended without the command's exit status");
	else
		strbuf_puts(out, "setup failed");
	if (r->outcome.timed_out)
		strbuf_puts(out, " after the time limit");
	strbuf_printf(out, "; launch exits %d\n", v->launch_exit_code);
	if (r->restarts > 0 || r->gave_up)
		strbuf_printf(out, "launch: %u run%s, %u restart%s%s\n", r->n_runs,
		              r->n_runs == 1 ? "" : "s", r->restarts, r->restarts == 1 ? "" : "s",
		              r->gave_up ? "; then gave up: too many restarts within the window"
		                         : "");

	strbuf_puts(out, "launch: wall time ");
	seconds(out, r->wall_ns / NSEC_PER_USEC);
	if (r->have_rusage) {
		strbuf_puts(out, ", CPU ");
		seconds(out, timeval_us(r->rusage.ru_utime));
		strbuf_puts(out, " user + ");
		seconds(out, timeval_us(r->rusage.ru_stime));
		strbuf_printf(out, " system, largest process %ld KiB", r->rusage.ru_maxrss);
	}
	strbuf_putc(out, '\n');
	if (r->have_cgroup)
		summary_cgroup(&r->cgroup, out);
}
