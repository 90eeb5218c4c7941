/* A profile's JSON syntax (RFC 8259, strictly), checked before libfyaml
 * builds the tree. libfyaml's JSON mode rejects the same texts, but its
 * messages speak YAML ("plain scalar", "flow mapping", "document start")
 * and, where a comma is missing or the file ends early, point at the token
 * before the mistake or past the end of the file. This scan says what is
 * wrong in JSON's words, where it is:
 *
 *     web.json:7:5: missing ',' before this key
 *     web.json:9:1: unexpected end of file: the object opened at 3:13 is not closed
 *
 * It also refuses what is not text (a NUL byte, bytes that are not UTF-8)
 * and nesting deeper than a profile could need. */
#ifndef LAUNCH_PROFILES_SYNTAX_H
#define LAUNCH_PROFILES_SYNTAX_H

#include <stddef.h>

struct json_syntax_error {
	int line, column; /* 1-based (columns count characters, as libfyaml's do);
	                     0: the file as a whole */
	char message[192];
};

/* 0 if text is one JSON value nested at most max_depth deep; else -EINVAL
 * with the first mistake in err. */
int json_syntax_check(const char *text, size_t len, int max_depth, struct json_syntax_error *err);

/* The line and column (in characters, 1-based) of a byte offset. */
void text_position(const char *text, size_t len, size_t offset, int *line, int *column);

#endif
