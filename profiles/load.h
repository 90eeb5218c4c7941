/* Reading one profile file: strict JSON (libfyaml in JSON mode: duplicate
 * keys, comments and trailing commas are errors), then every key, type,
 * range and name checked, each problem reported where it stands:
 *
 *     web.json:12:5: limits.memroy: unknown key (did you mean "memory"?)
 *
 * All problems are found, not only the first (launch --check shows them
 * all). extends is not followed here: see resolve.h. */
#ifndef LAUNCH_PROFILES_LOAD_H
#define LAUNCH_PROFILES_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "base/strbuf.h"
#include "profiles/profile.h"

/* A profile file larger than this is refused before it is parsed. */
#define PROFILE_MAX_BYTES (1024 * 1024)
/* ... and so is one nested deeper than this (no valid profile comes close). */
#define PROFILE_MAX_DEPTH 32

struct profile_diag {
	struct strbuf *out; /* one line per problem: "FILE:LINE:COL: KEY: what" */
	const char *prefix; /* before each problem line ("launch: "), or NULL */
	bool source_lines;  /* each followed by its line of the file and a caret */
	size_t count;       /* problems so far */
};

/* A profile's "extends": the parent's name or path, where the key stands. */
struct profile_extends {
	const char *name; /* NULL: none */
	int line, column;
};

/* Parses text (named file in messages) into p, which gets only the keys the
 * text sets; ext gets its "extends" (in p's arena). 0, or -EINVAL when
 * there were problems (reported in d). */
int profile_parse_text(const char *file, const char *text, size_t len, struct profile *p,
                       struct profile_extends *ext, struct profile_diag *d);
/* The same for a file: a directory, an unreadable or too large file is a
 * problem too (-errno). */
int profile_parse_file(const char *path, struct profile *p, struct profile_extends *ext,
                       struct profile_diag *d);
/* A profile file's text, whole and NUL-terminated (*text malloc'd): a
 * regular file of at most PROFILE_MAX_BYTES. 0, or -errno with why in
 * words ("No such file or directory", "a directory, not a profile"). */
int profile_read_file(const char *path, char **text, size_t *len, char *why, size_t why_size);
/* The rules between keys that different files of a chain may set, on the
 * effective profile (file names it in messages): restart.backoff no longer
 * than restart.backoff_max, where one may come from a parent or from its
 * default. 0, or -EINVAL with the problem in d. */
int profile_check_merged(const char *file, const struct profile *p, struct profile_diag *d);
/* Adds a problem without a position ("FILE: what"), or with one. */
void profile_problem(struct profile_diag *d, const char *file, int line, int column,
                     const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* The same, in file's text, whose line follows the problem with a caret
 * when d asks for source lines. */
void profile_problem_in(struct profile_diag *d, const char *file, const char *text, size_t len,
                        int line, int column, const char *fmt, ...)
        __attribute__((format(printf, 7, 8)));

#endif
