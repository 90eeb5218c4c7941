/* A small JSON writer for the report, --show and the statistics lines:
 * objects, arrays, strings (escaped; invalid UTF-8 becomes U+FFFD so the
 * output is always valid JSON), integers, exact fixed-point decimals, null
 * and booleans. Pretty (two-space indent) or compact on one line. */
#ifndef LAUNCH_BASE_JSON_H
#define LAUNCH_BASE_JSON_H

#include <stdbool.h>
#include <stdint.h>

#include "base/strbuf.h"

#define JSON_MAX_DEPTH 32

struct json_writer {
	struct strbuf *out;
	bool pretty;
	int depth;
	bool first[JSON_MAX_DEPTH]; /* no member written yet at this depth */
	bool after_key;             /* a key was written, its value comes next */
};

void json_init(struct json_writer *w, struct strbuf *out, bool pretty);
void json_begin_object(struct json_writer *w);
void json_end_object(struct json_writer *w);
void json_begin_array(struct json_writer *w);
void json_end_array(struct json_writer *w);
void json_key(struct json_writer *w, const char *key);
void json_string(struct json_writer *w, const char *s);
void json_int(struct json_writer *w, int64_t v);
void json_uint(struct json_writer *w, uint64_t v);
/* value / 10^scale written exactly: (12345, 3) -> 12.345 */
void json_decimal(struct json_writer *w, uint64_t value, unsigned scale);
void json_bool(struct json_writer *w, bool v);
void json_null(struct json_writer *w);
/* Ends the document (a newline in pretty mode). */
void json_finish(struct json_writer *w);

/* Appends s as a JSON string literal (with quotes). */
void json_escape(struct strbuf *out, const char *s);

#endif
