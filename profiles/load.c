#include "profiles/load.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <libfyaml.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/signame.h"
#include "base/suggest.h"
#include "base/units.h"
#include "cgroup/plan.h"
#include "profiles/names.h"
#include "profiles/syntax.h"
#include "security/seccomp_groups.h"

#define PATH_TEXT_MAX 256

struct where {
	int line, column; /* 1-based; 0: no position */
};

struct mount_reader;

/* Where a line of the text starts: a line found before, to start from
 * when the next problem stands on it or after it (problems come mostly in
 * the order of the file, so showing them stays linear in its size). */
struct line_cache {
	int line;
	const char *start;
};

struct loader {
	const char *file;
	const char *text;
	size_t len;
	struct profile *p;
	struct profile_diag *d;
	struct profile_extends *extends;
	/* the object being read, for the rules of its keys */
	struct mount_reader *mount;
	struct line_cache lines;
	struct {
		uint64_t soft, hard;
		bool has_soft, has_hard;
	} rlimit;
};

/* ---- problems ----------------------------------------------------------- */

#define SOURCE_WIDTH 200 /* of a minified file's line: enough to see where */

/* The line of the problem, then a caret under its column (columns count
 * characters, not bytes; a tab stays a tab so the caret lines up). */
static void source_line(struct profile_diag *d, const char *text, size_t len, struct where w,
                        struct line_cache *cache)
{
	const char *line = text, *end = text + len;
	int n = 1;
	if (cache && cache->start && cache->line <= w.line) {
		line = cache->start;
		n = cache->line;
	}
	for (; n < w.line && line < end; n++) {
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		if (!nl)
			return;
		line = nl + 1;
	}
	if (cache)
		*cache = (struct line_cache){ w.line, line };
	size_t width = (size_t)(end - line);
	if (width > SOURCE_WIDTH)
		width = SOURCE_WIDTH;
	const char *eol = memchr(line, '\n', width);
	if (eol)
		width = (size_t)(eol - line);
	strbuf_printf(d->out, "%.*s\n", (int)width, line);
	int column = 1;
	for (size_t i = 0; i < width && column < w.column; i++) {
		if (((unsigned char)line[i] & 0xC0) == 0x80)
			continue; /* the rest of a UTF-8 character */
		strbuf_putc(d->out, line[i] == '\t' ? '\t' : ' ');
		column++;
	}
	strbuf_puts(d->out, "^\n");
}

static void vproblem(struct profile_diag *d, const char *file, const char *text, size_t len,
                     struct where w, const char *fmt, va_list ap)
{
	d->count++;
	strbuf_puts(d->out, d->prefix ? d->prefix : "");
	if (w.line > 0)
		strbuf_printf(d->out, "%s:%d:%d: ", file, w.line, w.column);
	else
		strbuf_printf(d->out, "%s: ", file);
	char msg[1024];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	strbuf_printf(d->out, "%s\n", msg);
	if (d->source_lines && text && w.line > 0)
		source_line(d, text, len, w, NULL);
}

void profile_problem(struct profile_diag *d, const char *file, int line, int column,
                     const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vproblem(d, file, NULL, 0, (struct where){ line, column }, fmt, ap);
	va_end(ap);
}

void profile_problem_in(struct profile_diag *d, const char *file, const char *text, size_t len,
                        int line, int column, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vproblem(d, file, text, len, (struct where){ line, column }, fmt, ap);
	va_end(ap);
}

static void problem(struct loader *L, struct where w, const char *path, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));

/* "FILE:LINE:COL: PATH: what" */
static void problem(struct loader *L, struct where w, const char *path, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	struct profile_diag *d = L->d;
	d->count++;
	strbuf_puts(d->out, d->prefix ? d->prefix : "");
	if (w.line > 0)
		strbuf_printf(d->out, "%s:%d:%d: ", L->file, w.line, w.column);
	else
		strbuf_printf(d->out, "%s: ", L->file);
	if (path && path[0])
		strbuf_printf(d->out, "%s: ", path);
	strbuf_printf(d->out, "%s\n", msg);
	if (d->source_lines && w.line > 0)
		source_line(d, L->text, L->len, w, &L->lines);
}

/* ---- nodes ------------------------------------------------------------- */

/* A place in the text: its byte offset (SIZE_MAX: none) and position. */
struct place {
	size_t at;
	struct where w;
};

/* The position of byte offset at, from a place after it on the same line
 * or a later one: only the text between them and the start of at's line
 * is read, so that placing many problems stays linear in the file. */
static struct where position_before(struct loader *L, size_t at, struct place later)
{
	int lines = 0, chars = 0;
	for (size_t i = at; i < later.at; i++) {
		if (L->text[i] == '\n') {
			lines++;
			chars = 0;
		} else if (((unsigned char)L->text[i] & 0xC0) != 0x80) {
			chars++;
		}
	}
	if (lines == 0)
		return (struct where){ later.w.line, later.w.column - chars };
	size_t start = at;
	while (start > 0 && L->text[start - 1] != '\n')
		start--;
	int line, column;
	text_position(L->text + start, at - start, at - start, &line, &column);
	return (struct where){ later.w.line - lines, column };
}

/* Where a node starts: a scalar's token (at the opening quote of a
 * string, as an editor shows it); a container has no token of its own, so
 * its first member's or element's place, back over the blanks before it
 * to the bracket. Nowhere for an empty container. */
static struct place place_of(struct loader *L, struct fy_node *n)
{
	struct place none = { SIZE_MAX, { 0, 0 } };
	if (!n)
		return none;
	if (fy_node_is_scalar(n)) {
		struct fy_token *t = fy_node_get_scalar_token(n);
		const struct fy_mark *m = t ? fy_token_start_mark(t) : NULL;
		if (!m)
			return none;
		struct place p = { m->input_pos, { m->line + 1, m->column + 1 } };
		if (fy_node_get_style(n) == FYNS_DOUBLE_QUOTED && p.at > 0 && p.w.column > 1) {
			p.at--;
			p.w.column--;
		}
		return p;
	}
	void *it = NULL;
	struct fy_node *first = NULL;
	if (fy_node_is_mapping(n)) {
		struct fy_node_pair *pair = fy_node_mapping_iterate(n, &it);
		first = pair ? fy_node_pair_key(pair) : NULL;
	} else {
		first = fy_node_sequence_iterate(n, &it);
	}
	struct place p = place_of(L, first);
	if (p.at == SIZE_MAX || p.at > L->len)
		return none;
	size_t at = p.at;
	while (at > 0 && strchr(" \t\r\n", L->text[at - 1]))
		at--;
	char open = fy_node_is_mapping(n) ? '{' : '[';
	if (at == 0 || L->text[at - 1] != open)
		return none;
	return (struct place){ at - 1, position_before(L, at - 1, p) };
}

/* Where a node stands (see place_of); an empty container: fallback, the
 * place of its key. */
static struct where where_of(struct loader *L, struct fy_node *n, struct where fallback)
{
	struct place p = place_of(L, n);
	return p.at == SIZE_MAX ? fallback : p.w;
}

static bool is_string(struct fy_node *n)
{
	return fy_node_is_scalar(n) && fy_node_get_style(n) == FYNS_DOUBLE_QUOTED;
}

static bool is_plain(struct fy_node *n, const char *word)
{
	size_t len;
	const char *s = fy_node_is_scalar(n) && fy_node_get_style(n) == FYNS_PLAIN
	                        ? fy_node_get_scalar(n, &len)
	                        : NULL;
	return s && len == strlen(word) && memcmp(s, word, len) == 0;
}

static bool is_null(struct fy_node *n)
{
	return is_plain(n, "null");
}

static const char *type_name(struct fy_node *n)
{
	if (fy_node_is_mapping(n))
		return "an object";
	if (fy_node_is_sequence(n))
		return "an array";
	if (is_string(n))
		return "a string";
	if (is_null(n))
		return "null";
	if (is_plain(n, "true") || is_plain(n, "false"))
		return "a boolean";
	return "a number";
}

/* The node's text as a C string (in the profile's arena); NULL for a
 * string holding a NUL. */
static const char *text_of(struct loader *L, struct fy_node *n)
{
	size_t len;
	const char *s = fy_node_get_scalar(n, &len);
	if (!s || memchr(s, '\0', len))
		return NULL;
	return arena_strndup(&L->p->arena, s, len);
}

static void join(char *buf, const char *parent, const char *key)
{
	snprintf(buf, PATH_TEXT_MAX, "%s%s%s", parent, parent[0] ? "." : "", key);
}

static void join_index(char *buf, const char *parent, size_t i)
{
	snprintf(buf, PATH_TEXT_MAX, "%s[%zu]", parent, i);
}

/* " (did you mean "NEAR"?)" in buf, or "" when nothing is near. */
static const char *did_you_mean(char *buf, size_t size, const char *near)
{
	if (!near)
		return "";
	snprintf(buf, size, " (did you mean \"%s\"?)", near);
	return buf;
}

/* ---- values ------------------------------------------------------------ */

static bool read_string(struct loader *L, struct fy_node *n, const char *path, struct where w,
                        const char **out)
{
	if (!is_string(n)) {
		problem(L, where_of(L, n, w), path, "expected a string, not %s", type_name(n));
		return false;
	}
	*out = text_of(L, n);
	if (!*out) {
		problem(L, where_of(L, n, w), path, "a string with a NUL character");
		return false;
	}
	return true;
}

static bool read_bool(struct loader *L, struct fy_node *n, const char *path, struct where w,
                      bool *out)
{
	if (is_plain(n, "true") || is_plain(n, "false")) {
		*out = is_plain(n, "true");
		return true;
	}
	problem(L, where_of(L, n, w), path, "expected true or false, not %s", type_name(n));
	return false;
}

/* What a number node holds (the syntax check has made it a JSON number). */
enum number_kind {
	NUMBER_WHOLE,    /* digits only, in 64 bits: *v */
	NUMBER_NEGATIVE, /* -digits */
	NUMBER_HUGE,     /* digits past 64 bits */
	NUMBER_FRACTION, /* with a fraction or an exponent */
	NUMBER_NOT,      /* a string, null, true, false or a container */
};

static enum number_kind number_kind(struct fy_node *n, const char **text, int *len, uint64_t *v)
{
	size_t size = 0;
	const char *s = fy_node_is_scalar(n) && !is_string(n) && !is_null(n) &&
	                                !is_plain(n, "true") && !is_plain(n, "false")
	                        ? fy_node_get_scalar(n, &size)
	                        : NULL;
	*text = s;
	*len = size > 64 ? 64 : (int)size; /* enough to quote in a message */
	*v = 0;
	if (!s || size == 0)
		return NUMBER_NOT;
	if (memchr(s, '.', size) || memchr(s, 'e', size) || memchr(s, 'E', size))
		return NUMBER_FRACTION;
	if (s[0] == '-')
		return NUMBER_NEGATIVE;
	for (size_t i = 0; i < size; i++) {
		uint64_t digit = (uint64_t)(s[i] - '0');
		if (*v > (UINT64_MAX - digit) / 10)
			return NUMBER_HUGE;
		*v = *v * 10 + digit;
	}
	return NUMBER_WHOLE;
}

/* A JSON number with digits only: no sign, fraction or exponent. */
static bool read_uint(struct loader *L, struct fy_node *n, const char *path, struct where w,
                      uint64_t min, uint64_t max, uint64_t *out)
{
	const char *s;
	int len;
	uint64_t v;
	switch (number_kind(n, &s, &len, &v)) {
	case NUMBER_NOT:
		problem(L, where_of(L, n, w), path, "expected a whole number, not %s",
		        type_name(n));
		return false;
	case NUMBER_FRACTION:
		problem(L, where_of(L, n, w), path, "%.*s is not a whole number", len, s);
		return false;
	case NUMBER_WHOLE:
		if (v >= min && v <= max) {
			*out = v;
			return true;
		}
		/* fall through */
	default:
		problem(L, where_of(L, n, w), path, "%.*s is not in %llu..%llu", len, s,
		        (unsigned long long)min, (unsigned long long)max);
		return false;
	}
}

#define SIZE_EXAMPLES "bytes, or e.g. \"512M\", \"2GiB\""

/* A size: a whole number of bytes, or a string with a binary suffix. */
static bool read_size(struct loader *L, struct fy_node *n, const char *path, struct where w,
                      bool zero_ok, uint64_t *out)
{
	const char *s;
	int len;
	if (is_string(n)) {
		s = text_of(L, n);
		int r = s ? parse_size(s, out) : -EINVAL;
		if (r == -ERANGE) {
			problem(L, where_of(L, n, w), path, "\"%s\" is too large", s);
			return false;
		}
		if (r < 0) {
			problem(L, where_of(L, n, w), path,
			        "\"%s\" is not a size (" SIZE_EXAMPLES ")", s ? s : "");
			return false;
		}
	} else {
		switch (number_kind(n, &s, &len, out)) {
		case NUMBER_NOT:
			problem(L, where_of(L, n, w), path,
			        "expected a size (" SIZE_EXAMPLES "), not %s", type_name(n));
			return false;
		case NUMBER_FRACTION:
			problem(L, where_of(L, n, w), path, "%.*s is not a whole number of bytes",
			        len, s);
			return false;
		case NUMBER_NEGATIVE:
			problem(L, where_of(L, n, w), path,
			        "%.*s is not a size (" SIZE_EXAMPLES ")", len, s);
			return false;
		case NUMBER_HUGE:
			problem(L, where_of(L, n, w), path, "%.*s is too large", len, s);
			return false;
		case NUMBER_WHOLE:
			if (*out == UINT64_MAX) { /* PROFILE_NONE, the mark of null */
				problem(L, where_of(L, n, w), path, "%.*s is too large", len, s);
				return false;
			}
			break;
		}
	}
	if (*out == 0 && !zero_ok) {
		if (is_string(n))
			problem(L, where_of(L, n, w), path, "\"%s\" is not a limit", s);
		else
			problem(L, where_of(L, n, w), path, "0 is not a limit");
		return false;
	}
	return true;
}

/* A duration: "250ms", "30s", "5m", "2h", or a number of seconds. */
static bool read_duration(struct loader *L, struct fy_node *n, const char *path, struct where w,
                          uint64_t *ns)
{
	const char *s =
	        fy_node_is_scalar(n) && !is_null(n) && !is_plain(n, "true") && !is_plain(n, "false")
	                ? text_of(L, n)
	                : NULL;
	int r = s ? parse_duration(s, ns) : -EINVAL;
	if (r == 0)
		return true;
	if (!s)
		problem(L, where_of(L, n, w), path, "expected a duration, not %s", type_name(n));
	else if (r == -ERANGE)
		problem(L, where_of(L, n, w), path, "%s%s%s is too long", is_string(n) ? "\"" : "",
		        s, is_string(n) ? "\"" : "");
	else
		problem(L, where_of(L, n, w), path,
		        "%s%s%s is not a duration (e.g. \"250ms\", \"30s\", \"5m\", \"2h\", or seconds)",
		        is_string(n) ? "\"" : "", s, is_string(n) ? "\"" : "");
	return false;
}

static bool read_enum(struct loader *L, struct fy_node *n, const char *path, struct where w,
                      const char *const *names, size_t n_names, int *out)
{
	const char *s;
	if (!read_string(L, n, path, w, &s))
		return false;
	for (size_t i = 0; i < n_names; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (int)i;
			return true;
		}
	char all[256] = "", mean[96];
	for (size_t i = 0; i < n_names; i++)
		snprintf(all + strlen(all), sizeof(all) - strlen(all), "%s%s", i ? ", " : "",
		         names[i]);
	problem(L, where_of(L, n, w), path, "\"%s\" is not one of %s%s", s, all,
	        did_you_mean(mean, sizeof(mean), suggest(s, names, n_names)));
	return false;
}

static bool read_abs_path(struct loader *L, struct fy_node *n, const char *path, struct where w,
                          const char **out)
{
	if (!read_string(L, n, path, w, out))
		return false;
	if (!name_path_valid(*out)) {
		problem(L, where_of(L, n, w), path,
		        "\"%s\" is not an absolute path (/..., or ${PWD}/...)", *out);
		return false;
	}
	return true;
}

/* ---- objects and arrays -------------------------------------------------- */

struct key_rule {
	const char *name;
	void (*parse)(struct loader *L, struct fy_node *value, const char *path, struct where w);
};

static bool expect_object(struct loader *L, struct fy_node *n, const char *path, struct where w)
{
	if (fy_node_is_mapping(n))
		return true;
	problem(L, where_of(L, n, w), path, "expected an object, not %s", type_name(n));
	return false;
}

static bool expect_array(struct loader *L, struct fy_node *n, const char *path, struct where w)
{
	if (fy_node_is_sequence(n))
		return true;
	problem(L, where_of(L, n, w), path, "expected an array, not %s", type_name(n));
	return false;
}

#define MAX_RULES 32 /* keys of one object */

static void unknown_key(struct loader *L, struct where w, const char *path, const char *key,
                        const struct key_rule *rules, size_t n_rules)
{
	const char *names[MAX_RULES];
	size_t n = 0;
	for (; n < n_rules && n < MAX_RULES; n++)
		names[n] = rules[n].name;
	const char *near = suggest(key, names, n);
	if (near)
		problem(L, w, path, "unknown key (did you mean \"%s\"?)", near);
	else
		problem(L, w, path, "unknown key");
}

/* A key the object had already (JSON allows it; a profile does not: which
 * value would win is anyone's guess): said where both stand. */
static void duplicate_key(struct loader *L, struct where w, const char *path, struct where first)
{
	problem(L, w, path, "duplicate key (first at %d:%d)", first.line, first.column);
}

/* Each key of the object through its rule; unknown and duplicate keys are
 * problems. */
static void walk_object(struct loader *L, struct fy_node *n, const char *path, struct where w,
                        const struct key_rule *rules, size_t n_rules)
{
	struct where seen[MAX_RULES] = { 0 };
	if (!expect_object(L, n, path, w))
		return;
	void *it = NULL;
	struct fy_node_pair *pair;
	while ((pair = fy_node_mapping_iterate(n, &it))) {
		struct fy_node *key = fy_node_pair_key(pair), *value = fy_node_pair_value(pair);
		struct where kw = where_of(L, key, w);
		char sub[PATH_TEXT_MAX];
		const char *name = text_of(L, key);
		join(sub, path, name ? name : "?");
		size_t i = 0;
		while (name && i < n_rules && i < MAX_RULES && strcmp(rules[i].name, name) != 0)
			i++;
		if (!name || i == n_rules || i == MAX_RULES) {
			unknown_key(L, kw, sub, name ? name : "?", rules, n_rules);
		} else if (seen[i].line) {
			duplicate_key(L, kw, sub, seen[i]);
		} else {
			seen[i] = kw;
			rules[i].parse(L, value, sub, kw);
		}
	}
}

/* More names than any list needs (there are some 460 system calls): the
 * check for a name listed twice compares each with those before it. */
#define MAX_NAMES 1024

/* The strings of an array, each through check (NULL: any string); a name
 * listed twice is a problem. */
static bool read_names(struct loader *L, struct fy_node *n, const char *path, struct where w,
                       bool (*check)(struct loader *, struct fy_node *, const char *, struct where,
                                     const char *),
                       const char ***out, size_t *n_out)
{
	if (!expect_array(L, n, path, w))
		return false;
	size_t count = (size_t)fy_node_sequence_item_count(n), i = 0;
	if (count > MAX_NAMES) {
		problem(L, where_of(L, n, w), path, "%zu names; at most %d", count, MAX_NAMES);
		return false;
	}
	const char **v = arena_alloc(&L->p->arena, (count + 1) * sizeof(*v));
	struct where *at = arena_alloc(&L->p->arena, (count + 1) * sizeof(*at));
	if (!v || !at)
		return false;
	bool ok = true;
	void *it = NULL;
	struct fy_node *item;
	for (size_t index = 0; (item = fy_node_sequence_iterate(n, &it)); index++) {
		char sub[PATH_TEXT_MAX];
		join_index(sub, path, index);
		const char *s;
		if (!read_string(L, item, sub, w, &s) || (check && !check(L, item, sub, w, s))) {
			ok = false;
			continue;
		}
		size_t j = 0;
		while (j < i && strcmp(v[j], s) != 0)
			j++;
		if (j < i) {
			problem(L, where_of(L, item, w), sub,
			        "\"%s\" is listed twice (first at %d:%d)", s, at[j].line,
			        at[j].column);
			ok = false;
			continue;
		}
		at[i] = where_of(L, item, w);
		v[i++] = s;
	}
	*out = v;
	*n_out = i;
	return ok;
}

/* ---- the keys ------------------------------------------------------------ */

static void key_description(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	if (read_string(L, v, path, w, &L->p->description))
		L->p->has_description = true;
}

/* "$schema" names the JSON Schema an editor checks and completes the file
 * with (profiles/launch-profile.schema.json); launch checks every key
 * itself, so the value is read as a string and not used. */
static void key_schema(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	const char *s;
	read_string(L, v, path, w, &s);
}

static void key_extends(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	const char *s;
	if (!read_string(L, v, path, w, &s))
		return;
	if (!s[0]) {
		problem(L, where_of(L, v, w), path, "an empty name");
		return;
	}
	struct where at = where_of(L, v, w);
	*L->extends = (struct profile_extends){ s, at.line, at.column };
}

static bool check_namespace(struct loader *L, struct fy_node *n, const char *path, struct where w,
                            const char *s)
{
	if (name_namespace(s))
		return true;
	size_t count;
	const char *const *all = names_namespaces(&count);
	const char *near = suggest(s, all, count);
	problem(L, where_of(L, n, w), path,
	        "\"%s\" is not a namespace (pid, mount, ipc, uts, net, cgroup, user)%s%s%s", s,
	        near ? "; did you mean \"" : "", near ? near : "", near ? "\"?" : "");
	return false;
}

static void key_namespaces(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	const char **names;
	size_t n;
	if (!read_names(L, v, path, w, check_namespace, &names, &n))
		return;
	unsigned bits = 0;
	for (size_t i = 0; i < n; i++)
		bits |= name_namespace(names[i]);
	if (!(bits & NS_PID)) {
		problem(L, where_of(L, v, w), path,
		        "\"pid\" cannot be left out: launch is the init of a new PID namespace");
		return;
	}
	L->p->has_namespaces = true;
	L->p->namespaces = bits;
}

static void key_hostname(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	const char *s = NULL;
	if (!is_null(v)) {
		if (!read_string(L, v, path, w, &s))
			return;
		if (!name_hostname_valid(s)) {
			problem(L, where_of(L, v, w), path,
			        "\"%s\" is not a host name (letters, digits, '-' and '.', at most 64)",
			        s);
			return;
		}
	}
	L->p->has_hostname = true;
	L->p->hostname = s;
}

/* ---- user ---- */

static bool read_id(struct loader *L, struct fy_node *v, const char *path, struct where w,
                    uint32_t *out)
{
	uint64_t id;
	if (is_null(v)) {
		*out = PROFILE_NO_ID;
		return true;
	}
	/* (uid_t)-1 means "no change" to setresuid: not an id */
	if (!read_uint(L, v, path, w, 0, UINT32_MAX - 1, &id))
		return false;
	*out = (uint32_t)id;
	return true;
}

static void key_uid(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	if (read_id(L, v, path, w, &L->p->uid))
		L->p->has_uid = true;
}

static void key_gid(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	if (read_id(L, v, path, w, &L->p->gid))
		L->p->has_gid = true;
}

#define MAX_GROUPS 64

static void key_groups(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	struct profile *p = L->p;
	if (is_null(v)) {
		p->has_groups = true;
		p->groups = NULL;
		p->n_groups = 0;
		return;
	}
	if (!expect_array(L, v, path, w))
		return;
	int count = fy_node_sequence_item_count(v);
	if (count > MAX_GROUPS) {
		problem(L, w, path, "%d groups; at most %d", count, MAX_GROUPS);
		return;
	}
	uint32_t *g = arena_alloc(&p->arena, ((size_t)count + 1) * sizeof(*g));
	size_t i = 0;
	bool ok = g != NULL;
	void *it = NULL;
	struct fy_node *item;
	while (g && (item = fy_node_sequence_iterate(v, &it))) {
		char sub[PATH_TEXT_MAX];
		join_index(sub, path, i);
		uint64_t id;
		if (read_uint(L, item, sub, w, 0, UINT32_MAX - 1, &id))
			g[i++] = (uint32_t)id;
		else
			ok = false;
	}
	if (ok) {
		p->has_groups = true;
		p->groups = g;
		p->n_groups = i;
	}
}

static const struct key_rule user_rules[] = {
	{ "uid", key_uid },
	{ "gid", key_gid },
	{ "groups", key_groups },
};

static void key_user(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	walk_object(L, v, path, w, user_rules, ARRAY_SIZE(user_rules));
}

/* ---- filesystem ---- */

static void key_root(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	if (read_abs_path(L, v, path, w, &L->p->root))
		L->p->has_root = true;
}

static void key_read_only(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	if (read_bool(L, v, path, w, &L->p->read_only))
		L->p->has_read_only = true;
}

static void key_dev(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	static const char *const names[] = { "host", "minimal", "none" };
	int dev;
	if (read_enum(L, v, path, w, names, ARRAY_SIZE(names), &dev)) {
		L->p->has_dev = true;
		L->p->dev = (enum profile_dev)dev;
	}
}

/* One mount: its keys, then what its type needs. */
struct mount_reader {
	struct profile_mount m;
	bool has_type, has_source, has_target, has_size, ok;
	struct where w;
};

static void mount_type(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	static const char *const names[] = { "bind", "tmpfs", "proc" };
	int t;
	if (read_enum(L, v, path, w, names, ARRAY_SIZE(names), &t)) {
		L->mount->m.type = (enum profile_mount_type)t;
		L->mount->has_type = true;
	} else {
		L->mount->ok = false;
	}
}

static void mount_source(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	if (read_abs_path(L, v, path, w, &L->mount->m.source))
		L->mount->has_source = true;
	else
		L->mount->ok = false;
}

static void mount_target(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	if (read_abs_path(L, v, path, w, &L->mount->m.target))
		L->mount->has_target = true;
	else
		L->mount->ok = false;
}

static void mount_read_only(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	L->mount->ok &= read_bool(L, v, path, w, &L->mount->m.read_only);
}

static void mount_optional(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	L->mount->ok &= read_bool(L, v, path, w, &L->mount->m.optional);
}

static void mount_size(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	if (read_size(L, v, path, w, false, &L->mount->m.size))
		L->mount->m.has_size = L->mount->has_size = true;
	else
		L->mount->ok = false;
}

static const struct key_rule mount_rules[] = {
	{ "type", mount_type },         { "source", mount_source },
	{ "target", mount_target },     { "read_only", mount_read_only },
	{ "optional", mount_optional }, { "size", mount_size },
};

static bool read_mount(struct loader *L, struct fy_node *item, const char *path, struct where w,
                       struct profile_mount *out)
{
	struct mount_reader r = { .ok = true, .w = where_of(L, item, w) };
	L->mount = &r;
	size_t before = L->d->count;
	walk_object(L, item, path, w, mount_rules, ARRAY_SIZE(mount_rules));
	L->mount = NULL;
	if (L->d->count > before)
		return false;
	if (!r.has_type || !r.has_target) {
		problem(L, r.w, path, "a mount needs %s",
		        r.has_type     ? "a \"target\""
		        : r.has_target ? "a \"type\" (bind, tmpfs or proc)"
		                       : "a \"type\" and a \"target\"");
		return false;
	}
	if (r.m.type == MOUNT_BIND && !r.has_source) {
		problem(L, r.w, path, "a bind mount needs \"source\"");
		return false;
	}
	if (r.m.type != MOUNT_BIND && r.has_source) {
		problem(L, r.w, path, "only a bind mount has a \"source\"");
		return false;
	}
	if (r.m.type != MOUNT_TMPFS && r.has_size) {
		problem(L, r.w, path, "only a tmpfs mount has a \"size\"");
		return false;
	}
	*out = r.m;
	return r.ok;
}

#define MAX_MOUNTS 256

static void key_mounts(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	if (!expect_array(L, v, path, w))
		return;
	int count = fy_node_sequence_item_count(v);
	if (count > MAX_MOUNTS) {
		problem(L, w, path, "%d mounts; at most %d", count, MAX_MOUNTS);
		return;
	}
	struct profile_mount *m = arena_alloc(&L->p->arena, ((size_t)count + 1) * sizeof(*m));
	size_t i = 0;
	bool ok = m != NULL;
	void *it = NULL;
	struct fy_node *item;
	while (m && (item = fy_node_sequence_iterate(v, &it))) {
		char sub[PATH_TEXT_MAX];
		join_index(sub, path, i);
		ok &= read_mount(L, item, sub, w, &m[i]);
		i++;
	}
	if (ok) {
		L->p->has_mounts = true;
		L->p->mounts = m;
		L->p->n_mounts = i;
	}
}

static const struct key_rule filesystem_rules[] = {
	{ "root", key_root },
	{ "read_only", key_read_only },
	{ "dev", key_dev },
	{ "mounts", key_mounts },
};

static void key_filesystem(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	walk_object(L, v, path, w, filesystem_rules, ARRAY_SIZE(filesystem_rules));
}

static void key_network(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	static const char *const names[] = { "host", "none", "loopback" };
	int net;
	if (read_enum(L, v, path, w, names, ARRAY_SIZE(names), &net)) {
		L->p->has_network = true;
		L->p->network = (enum profile_network)net;
	}
}

static void key_cwd(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	const char *s = NULL;
	if (!is_null(v) && !read_abs_path(L, v, path, w, &s))
		return;
	L->p->has_cwd = true;
	L->p->cwd = s;
}

/* ---- env ---- */

static bool check_env_name(struct loader *L, struct fy_node *n, const char *path, struct where w,
                           const char *s)
{
	if (name_env_valid(s))
		return true;
	problem(L, where_of(L, n, w), path,
	        "\"%s\" is not a variable name (letters, digits and '_', not first a digit)", s);
	return false;
}

static void key_env_clear(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	if (read_bool(L, v, path, w, &L->p->env_clear))
		L->p->has_env_clear = true;
}

static void key_env_keep(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	if (read_names(L, v, path, w, check_env_name, &L->p->env_keep, &L->p->n_env_keep))
		L->p->has_env_keep = true;
}

/* More than an environment holds in practice; each name is compared with
 * those before it, and profile_set_env with those set. */
#define MAX_ENV_SET 1024

static void key_env_set(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	if (!expect_object(L, v, path, w))
		return;
	size_t count = (size_t)fy_node_mapping_item_count(v), n = 0;
	if (count > MAX_ENV_SET) {
		problem(L, where_of(L, v, w), path, "%zu variables; at most %d", count,
		        MAX_ENV_SET);
		return;
	}
	struct {
		const char *name;
		struct where w;
	} *seen = arena_alloc(&L->p->arena, (count + 1) * sizeof(*seen));
	void *it = NULL;
	struct fy_node_pair *pair;
	while (seen && (pair = fy_node_mapping_iterate(v, &it))) {
		struct fy_node *key = fy_node_pair_key(pair), *value = fy_node_pair_value(pair);
		struct where kw = where_of(L, key, w);
		const char *name = text_of(L, key), *val;
		char sub[PATH_TEXT_MAX];
		join(sub, path, name ? name : "?");
		if (!name) {
			problem(L, kw, sub, "a name with a NUL character");
			continue;
		}
		if (!check_env_name(L, key, sub, kw, name))
			continue;
		size_t i = 0;
		while (i < n && strcmp(seen[i].name, name) != 0)
			i++;
		if (i < n) {
			duplicate_key(L, kw, sub, seen[i].w);
			continue;
		}
		seen[n].name = name;
		seen[n++].w = kw;
		if (read_string(L, value, sub, kw, &val))
			profile_set_env(L->p, name, val);
	}
}

static const struct key_rule env_rules[] = {
	{ "clear", key_env_clear },
	{ "keep", key_env_keep },
	{ "set", key_env_set },
};

static void key_env(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	walk_object(L, v, path, w, env_rules, ARRAY_SIZE(env_rules));
}

/* ---- limits ---- */

/* A size limit, or null for none. */
static void size_limit(struct loader *L, struct fy_node *v, const char *path, struct where w,
                       bool zero_ok, bool *has, uint64_t *out)
{
	if (is_null(v)) {
		*has = true;
		*out = PROFILE_NONE;
	} else if (read_size(L, v, path, w, zero_ok, out)) {
		*has = true;
	}
}

static void count_limit(struct loader *L, struct fy_node *v, const char *path, struct where w,
                        uint64_t min, uint64_t max, bool *has, uint64_t *out)
{
	if (is_null(v)) {
		*has = true;
		*out = PROFILE_NONE;
	} else if (read_uint(L, v, path, w, min, max, out)) {
		*has = true;
	}
}

static void limit_memory(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	size_limit(L, v, path, w, false, &L->p->limits.has_memory, &L->p->limits.memory);
}

static void limit_memory_high(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	size_limit(L, v, path, w, false, &L->p->limits.has_memory_high, &L->p->limits.memory_high);
}

static void limit_swap(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	size_limit(L, v, path, w, true, &L->p->limits.has_swap, &L->p->limits.swap);
}

/* Decimals that count (trailing zeros do not) after the point of s. */
static int decimals(const char *s, int len)
{
	const char *dot = memchr(s, '.', (size_t)len);
	if (!dot)
		return 0;
	int n = 0;
	for (const char *c = dot + 1; c < s + len && *c >= '0' && *c <= '9'; c++)
		n = *c != '0' ? (int)(c - dot) : n;
	return n;
}

static void limit_cpus(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	struct profile_limits *l = &L->p->limits;
	if (is_null(v)) {
		l->has_cpus = true;
		l->cpus = PROFILE_NONE;
		return;
	}
	const char *s;
	int len;
	uint64_t whole, cpus;
	if (number_kind(v, &s, &len, &whole) == NUMBER_NOT) {
		problem(L, where_of(L, v, w), path, "expected a number of CPUs, not %s",
		        type_name(v));
		return;
	}
	/* parse_fixed would cut what is finer than its unit */
	if (decimals(s, len) > 6) {
		problem(L, where_of(L, v, w), path,
		        "%.*s has more than 6 decimals; a millionth of a CPU is the finest", len,
		        s);
		return;
	}
	char text[72];
	snprintf(text, sizeof(text), "%.*s", len, s);
	int r = parse_fixed(text, 6, &cpus);
	if (r == -ERANGE) {
		problem(L, where_of(L, v, w), path, "%s is too large", text);
		return;
	}
	if (r < 0) {
		problem(L, where_of(L, v, w), path, "%s is not a number of CPUs (e.g. 0.5, 2)",
		        text);
		return;
	}
	if (cpus == 0) {
		problem(L, where_of(L, v, w), path, "%s is not a limit", text);
		return;
	}
	if (cpus < CPUS_UNIT / 1000) {
		problem(L, where_of(L, v, w), path, "%s is below 0.001 CPU, the smallest limit",
		        text);
		return;
	}
	l->has_cpus = true;
	l->cpus = cpus;
}

static void limit_cpu_weight(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	count_limit(L, v, path, w, 1, 10000, &L->p->limits.has_cpu_weight,
	            &L->p->limits.cpu_weight);
}

static void limit_pids(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	if (is_plain(v, "0")) {
		problem(L, where_of(L, v, w), path, "0 is not a limit");
		return;
	}
	count_limit(L, v, path, w, 1, UINT32_MAX, &L->p->limits.has_pids, &L->p->limits.pids);
}

static void limit_io_weight(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	count_limit(L, v, path, w, 1, 10000, &L->p->limits.has_io_weight, &L->p->limits.io_weight);
}

static void limit_cpuset(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	const char *s;
	if (is_null(v)) {
		L->p->limits.cpuset = ""; /* null: none (profile_normalize) */
		return;
	}
	if (!read_string(L, v, path, w, &s))
		return;
	if (!cg_cpuset_valid(s)) {
		problem(L, where_of(L, v, w), path, "\"%s\" is not a CPU list (e.g. \"0-1,3\")", s);
		return;
	}
	L->p->limits.cpuset = s;
}

static const struct key_rule limits_rules[] = {
	{ "memory", limit_memory },
	{ "memory_high", limit_memory_high },
	{ "swap", limit_swap },
	{ "cpus", limit_cpus },
	{ "cpu_weight", limit_cpu_weight },
	{ "pids", limit_pids },
	{ "io_weight", limit_io_weight },
	{ "cpuset", limit_cpuset },
};

static void key_limits(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	walk_object(L, v, path, w, limits_rules, ARRAY_SIZE(limits_rules));
}

/* ---- rlimits ---- */

/* One value: a number, a size string, or null for unlimited. */
static bool rlimit_value(struct loader *L, struct fy_node *v, const char *path, struct where w,
                         uint64_t *out)
{
	if (is_null(v)) {
		*out = RLIMIT_UNLIMITED;
		return true;
	}
	return read_size(L, v, path, w, true, out);
}

static void rlimit_key_soft(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	L->rlimit.has_soft = rlimit_value(L, v, path, w, &L->rlimit.soft);
}

static void rlimit_key_hard(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	L->rlimit.has_hard = rlimit_value(L, v, path, w, &L->rlimit.hard);
}

static const struct key_rule rlimit_rules[] = {
	{ "soft", rlimit_key_soft },
	{ "hard", rlimit_key_hard },
};

static void key_rlimits(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	struct where seen[RLIM_NLIMITS] = { 0 };
	if (!expect_object(L, v, path, w))
		return;
	void *it = NULL;
	struct fy_node_pair *pair;
	while ((pair = fy_node_mapping_iterate(v, &it))) {
		struct fy_node *key = fy_node_pair_key(pair), *value = fy_node_pair_value(pair);
		struct where kw = where_of(L, key, w);
		const char *name = text_of(L, key);
		char sub[PATH_TEXT_MAX];
		join(sub, path, name ? name : "?");
		int resource = name ? name_rlimit(name) : -1;
		if (resource >= 0 && resource < RLIM_NLIMITS && seen[resource].line) {
			duplicate_key(L, kw, sub, seen[resource]);
			continue;
		}
		if (resource >= 0 && resource < RLIM_NLIMITS)
			seen[resource] = kw;
		if (resource < 0) {
			/* the list first: an argument's order of evaluation is unspecified */
			size_t n;
			const char *const *all = names_rlimits(&n);
			char mean[96];
			problem(L, kw, sub, "not a resource limit%s",
			        did_you_mean(mean, sizeof(mean),
			                     suggest(name ? name : "", all, n)));
			continue;
		}
		struct profile_rlimit r = { .name = name, .resource = resource };
		if (fy_node_is_mapping(value)) {
			size_t before = L->d->count;
			L->rlimit.has_soft = L->rlimit.has_hard = false;
			walk_object(L, value, sub, kw, rlimit_rules, ARRAY_SIZE(rlimit_rules));
			if (L->d->count > before)
				continue;
			if (!L->rlimit.has_soft || !L->rlimit.has_hard) {
				problem(L, kw, sub, "needs both \"soft\" and \"hard\"");
				continue;
			}
			r.soft = L->rlimit.soft;
			r.hard = L->rlimit.hard;
			if (r.soft > r.hard) {
				problem(L, kw, sub, "the soft limit is above the hard one");
				continue;
			}
		} else if (rlimit_value(L, value, sub, kw, &r.soft)) {
			r.hard = r.soft;
		} else {
			continue;
		}
		profile_set_rlimit(L->p, &r);
	}
}

/* ---- time ---- */

static void key_timeout(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	if (is_null(v)) {
		L->p->has_timeout = true;
		L->p->timeout_ns = PROFILE_NONE;
	} else if (read_duration(L, v, path, w, &L->p->timeout_ns)) {
		L->p->has_timeout = true;
	}
}

static void key_grace(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	if (read_duration(L, v, path, w, &L->p->grace_ns))
		L->p->has_grace = true;
}

static void key_stop_signal(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	const char *s;
	if (!read_string(L, v, path, w, &s))
		return;
	int sig = signal_from_name(s);
	if (sig <= 0) {
		char names[32][SIGNAME_MAX], mean[96];
		const char *list[32];
		size_t n = 0;
		for (int i = 1; i < 32; i++, n++)
			list[n] = signal_name(i, names[n]);
		problem(L, where_of(L, v, w), path, "\"%s\" is not a signal%s", s,
		        did_you_mean(mean, sizeof(mean), suggest(s, list, n)));
		return;
	}
	/* SIGSTOP would leave the run stopped until the grace runs out */
	if (sig == SIGSTOP) {
		problem(L, where_of(L, v, w), path, "\"%s\" is not a signal that can end a process",
		        s);
		return;
	}
	L->p->has_stop_signal = true;
	L->p->stop_signal = sig;
}

/* ---- seccomp, capabilities ---- */

static bool check_syscall_or_group(struct loader *L, struct fy_node *n, const char *path,
                                   struct where w, const char *s)
{
	size_t count;
	if (s[0] == '@') {
		if (seccomp_group_find(s))
			return true;
		const char *const *groups = names_seccomp_groups(&count);
		const char *near = suggest(s, groups, count);
		problem(L, where_of(L, n, w), path, "\"%s\" is not a syscall group%s%s%s", s,
		        near ? " (did you mean \"" : "", near ? near : "", near ? "\"?)" : "");
		return false;
	}
	if (name_syscall(s))
		return true;
	const char *const *calls = names_syscalls(&count);
	const char *near = suggest(s, calls, count);
	problem(L, where_of(L, n, w), path,
	        "\"%s\" is not a system call on this architecture%s%s%s", s,
	        near ? " (did you mean \"" : "", near ? near : "", near ? "\"?)" : "");
	return false;
}

static void seccomp_default(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	static const char *const names[] = { "errno", "kill", "log", "allow" };
	int a;
	if (read_enum(L, v, path, w, names, ARRAY_SIZE(names), &a)) {
		L->p->has_seccomp_default = true;
		L->p->seccomp_default = (enum profile_seccomp_action)a;
	}
}

static void seccomp_errno(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	const char *s;
	if (!read_string(L, v, path, w, &s))
		return;
	int e = name_errno(s);
	if (e <= 0) {
		size_t n;
		const char *const *all = names_errnos(&n);
		const char *near = suggest(s, all, n);
		char mean[96];
		if (near)
			problem(L, where_of(L, v, w), path, "\"%s\" is not an errno name%s", s,
			        did_you_mean(mean, sizeof(mean), near));
		else
			problem(L, where_of(L, v, w), path,
			        "\"%s\" is not an errno name (e.g. \"EPERM\")", s);
		return;
	}
	L->p->has_seccomp_errno = true;
	L->p->seccomp_errno = e;
}

static void seccomp_allow(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	if (read_names(L, v, path, w, check_syscall_or_group, &L->p->seccomp_allow,
	               &L->p->n_seccomp_allow))
		L->p->has_seccomp_allow = true;
}

static void seccomp_deny(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	if (read_names(L, v, path, w, check_syscall_or_group, &L->p->seccomp_deny,
	               &L->p->n_seccomp_deny))
		L->p->has_seccomp_deny = true;
}

static void seccomp_restrict_namespaces(struct loader *L, struct fy_node *v, const char *path,
                                        struct where w)
{
	if (read_bool(L, v, path, w, &L->p->seccomp_restrict_ns))
		L->p->has_seccomp_restrict_ns = true;
}

static const struct key_rule seccomp_rules[] = {
	{ "default_action", seccomp_default },
	{ "errno", seccomp_errno },
	{ "allow", seccomp_allow },
	{ "deny", seccomp_deny },
	{ "restrict_namespaces", seccomp_restrict_namespaces },
};

static void key_seccomp(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	walk_object(L, v, path, w, seccomp_rules, ARRAY_SIZE(seccomp_rules));
}

static bool check_capability(struct loader *L, struct fy_node *n, const char *path, struct where w,
                             const char *s)
{
	char buf[64];
	if (name_capability(s, buf, sizeof(buf)))
		return true;
	size_t count;
	const char *const *all = names_capabilities(&count);
	const char *near = suggest(s, all, count);
	/* "NET_RAW", "net_raw": the kernel's name has the prefix */
	char prefixed[64], mean[96];
	snprintf(prefixed, sizeof(prefixed), "CAP_%s", s);
	for (char *c = prefixed; *c; c++)
		*c = (char)toupper((unsigned char)*c);
	if (!near && strncasecmp(s, "CAP_", 4) != 0 && name_capability(prefixed, buf, sizeof(buf)))
		near = prefixed;
	problem(L, where_of(L, n, w), path, "\"%s\" is not a capability%s", s,
	        did_you_mean(mean, sizeof(mean), near));
	return false;
}

static void caps_keep(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	struct profile *p = L->p;
	if (is_null(v)) {
		p->has_caps_keep = true;
		p->caps_keep = NULL;
		p->n_caps_keep = 0;
		return;
	}
	if (read_names(L, v, path, w, check_capability, &p->caps_keep, &p->n_caps_keep))
		p->has_caps_keep = true;
}

static const struct key_rule capabilities_rules[] = {
	{ "keep", caps_keep },
};

static void key_capabilities(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	walk_object(L, v, path, w, capabilities_rules, ARRAY_SIZE(capabilities_rules));
}

static void key_no_new_privs(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	if (read_bool(L, v, path, w, &L->p->no_new_privs))
		L->p->has_no_new_privs = true;
}

/* ---- restart ---- */

static void restart_policy(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	static const char *const names[] = { "no", "on-failure", "always" };
	int policy;
	if (read_enum(L, v, path, w, names, ARRAY_SIZE(names), &policy)) {
		L->p->has_restart_policy = true;
		L->p->restart_policy = (enum profile_restart)policy;
	}
}

static void restart_max(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	if (read_uint(L, v, path, w, 0, RESTART_MAX_LIMIT, &L->p->restart_max))
		L->p->has_restart_max = true;
}

static void restart_window(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	if (read_duration(L, v, path, w, &L->p->restart_window_ns))
		L->p->has_restart_window = true;
}

static void restart_backoff(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	if (read_duration(L, v, path, w, &L->p->restart_backoff_ns))
		L->p->has_restart_backoff = true;
}

static void restart_backoff_max(struct loader *L, struct fy_node *v, const char *path,
                                struct where w)
{
	if (read_duration(L, v, path, w, &L->p->restart_backoff_max_ns))
		L->p->has_restart_backoff_max = true;
}

static const struct key_rule restart_rules[] = {
	{ "policy", restart_policy },           { "max", restart_max },
	{ "window", restart_window },           { "backoff", restart_backoff },
	{ "backoff_max", restart_backoff_max },
};

static void key_restart(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	size_t before = L->d->count;
	walk_object(L, v, path, w, restart_rules, ARRAY_SIZE(restart_rules));
	struct profile *p = L->p;
	if (L->d->count == before && p->has_restart_backoff && p->has_restart_backoff_max &&
	    p->restart_backoff_ns > p->restart_backoff_max_ns)
		problem(L, w, path, "backoff is longer than backoff_max");
}

static void key_report(struct loader *L, struct fy_node *v, const char *path, struct where w)
{
	const char *s = NULL;
	if (!is_null(v) && !read_string(L, v, path, w, &s))
		return;
	if (s && !s[0]) {
		problem(L, where_of(L, v, w), path, "an empty file name");
		return;
	}
	L->p->has_report = true;
	L->p->report = s;
}

static const struct key_rule top_rules[] = {
	{ "$schema", key_schema },
	{ "description", key_description },
	{ "extends", key_extends },
	{ "namespaces", key_namespaces },
	{ "hostname", key_hostname },
	{ "user", key_user },
	{ "filesystem", key_filesystem },
	{ "network", key_network },
	{ "cwd", key_cwd },
	{ "env", key_env },
	{ "limits", key_limits },
	{ "rlimits", key_rlimits },
	{ "timeout", key_timeout },
	{ "grace", key_grace },
	{ "stop_signal", key_stop_signal },
	{ "seccomp", key_seccomp },
	{ "capabilities", key_capabilities },
	{ "no_new_privs", key_no_new_privs },
	{ "restart", key_restart },
	{ "report", key_report },
};

/* ---- parsing ------------------------------------------------------------- */

/* libfyaml's message, "NAME:LINE:COL: error: what", without NAME (the
 * input is a memory buffer named after its address). The syntax check
 * before it leaves it little to say: the rest of strict JSON. */
struct parse_errors {
	struct loader *L;
	bool reported;
};

static void parser_says(struct fy_diag *diag, void *user, const char *buf, size_t len)
{
	(void)diag;
	struct parse_errors *pe = user;
	if (pe->reported)
		return; /* the first error explains; the rest follow from it */
	char line[1024];
	snprintf(line, sizeof(line), "%.*s", (int)len, buf);
	line[strcspn(line, "\n")] = '\0';
	char *what = strstr(line, ": error: ");
	if (!what)
		return;
	*what = '\0';
	what += strlen(": error: ");
	/* ...:LINE:COL */
	char *col = strrchr(line, ':');
	char *ln = NULL;
	if (col) {
		*col++ = '\0';
		ln = strrchr(line, ':');
	}
	struct where w = { 0, 0 };
	if (ln && col)
		w = (struct where){ atoi(ln + 1), atoi(col) };
	pe->reported = true;
	problem(pe->L, w, NULL, "%s", what);
}

static void walk_document(struct loader *L, struct fy_document *doc)
{
	struct fy_node *root = fy_document_root(doc);
	if (!fy_node_is_mapping(root)) {
		problem(L, where_of(L, root, (struct where){ 1, 1 }), NULL,
		        "a profile is a JSON object, not %s", type_name(root));
		return;
	}
	walk_object(L, root, "", (struct where){ 1, 1 }, top_rules, ARRAY_SIZE(top_rules));
}

int profile_parse_text(const char *file, const char *text, size_t len, struct profile *p,
                       struct profile_extends *ext, struct profile_diag *d)
{
	struct loader L = { .file = file, .text = text, .len = len, .p = p, .d = d };
	struct profile_extends ignored;
	L.extends = ext ? ext : &ignored;
	*L.extends = (struct profile_extends){ NULL, 0, 0 };
	size_t before = d->count;

	struct json_syntax_error syntax;
	if (json_syntax_check(text, len, PROFILE_MAX_DEPTH, &syntax) < 0) {
		problem(&L, (struct where){ syntax.line, syntax.column }, NULL, "%s",
		        syntax.message);
		return -EINVAL;
	}

	struct parse_errors pe = { .L = &L };
	struct fy_diag_cfg dc;
	fy_diag_cfg_default(&dc);
	dc.fp = NULL;
	dc.output_fn = parser_says;
	dc.user = &pe;
	dc.colorize = false;
	dc.show_source = false;
	dc.show_position = true;
	struct fy_diag *diag = fy_diag_create(&dc);
	if (!diag) {
		problem(&L, (struct where){ 0, 0 }, NULL, "out of memory");
		return -ENOMEM;
	}
	/* duplicate keys are found as the keys are read, to say where both
	 * stand and under which key path */
	struct fy_parse_cfg pc = { .flags = FYPCF_JSON_FORCE | FYPCF_ALLOW_DUPLICATE_KEYS,
		                   .diag = diag };
	struct fy_document *doc = fy_document_build_from_string(&pc, text, len);
	/* a second document after the first is an error with a document */
	if (!doc || fy_diag_got_error(diag)) {
		if (!pe.reported)
			problem(&L, (struct where){ 0, 0 }, NULL, "not valid JSON");
	} else {
		walk_document(&L, doc);
	}
	fy_document_destroy(doc);
	fy_diag_destroy(diag);
	if (profile_failed(p) && d->count == before)
		problem(&L, (struct where){ 0, 0 }, NULL, "out of memory");
	return d->count > before ? -EINVAL : 0;
}

int profile_check_merged(const char *file, const struct profile *p, struct profile_diag *d)
{
	if (p->restart_backoff_ns > p->restart_backoff_max_ns) {
		char backoff[32], max[32];
		format_duration(p->restart_backoff_ns, backoff, sizeof(backoff));
		format_duration(p->restart_backoff_max_ns, max, sizeof(max));
		profile_problem(d, file, 0, 0, "restart: backoff %s is longer than backoff_max %s",
		                backoff, max);
		return -EINVAL;
	}
	return 0;
}

int profile_read_file(const char *path, char **text, size_t *len, char *why, size_t why_size)
{
	*text = NULL;
	*len = 0;
	/* O_NONBLOCK: a FIFO is refused below, not waited on for a writer */
	_cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0) {
		int err = errno;
		snprintf(why, why_size, "%s", strerror(err));
		return -err;
	}
	if (S_ISDIR(st.st_mode)) {
		snprintf(why, why_size, "a directory, not a profile");
		return -EISDIR;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(why, why_size, "not a regular file");
		return -EINVAL;
	}
	if (st.st_size > PROFILE_MAX_BYTES) {
		snprintf(why, why_size, "%lld bytes: too large for a profile (at most %d)",
		         (long long)st.st_size, PROFILE_MAX_BYTES);
		return -EFBIG;
	}
	_cleanup_free_ char *buf = malloc((size_t)st.st_size + 1);
	if (!buf) {
		snprintf(why, why_size, "%s", strerror(ENOMEM));
		return -ENOMEM;
	}
	size_t got = 0;
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int err = errno;
			snprintf(why, why_size, "%s", strerror(err));
			return -err;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	buf[got] = '\0';
	*text = TAKE_PTR(buf);
	*len = got;
	return 0;
}

int profile_parse_file(const char *path, struct profile *p, struct profile_extends *ext,
                       struct profile_diag *d)
{
	_cleanup_free_ char *text = NULL;
	size_t len;
	char why[128];
	int r = profile_read_file(path, &text, &len, why, sizeof(why));
	if (r < 0) {
		profile_problem(d, path, 0, 0, "%s", why);
		return r;
	}
	return profile_parse_text(path, text, len, p, ext, d);
}
