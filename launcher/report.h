/* What a run used and how it ended, for people and programs: the JSON
 * report of --report (SPEC "Report") and the short account of --summary.
 * Both are rendered from the run's result without system calls. */
#ifndef LAUNCH_LAUNCHER_REPORT_H
#define LAUNCH_LAUNCHER_REPORT_H

#include "base/strbuf.h"
#include "launcher/monitor.h"
#include "launcher/outcome.h"

struct report_input {
	const char *profile; /* shipped name, file stem, or "default" */
	char *const *command;
	const struct run_result *result;
	const struct exit_verdict *verdict;
};

void report_render_json(const struct report_input *in, struct strbuf *out);
/* Lines for stderr, each starting "launch: ". */
void report_render_summary(const struct report_input *in, struct strbuf *out);

#endif
