#include "profiles/syntax.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* The longest piece of the file a message quotes. */
#define QUOTE_MAX 40

struct scan {
	const char *s;
	size_t len, i;
	int max_depth, depth;
	/* the containers open around i, for "the object opened at 3:13" */
	size_t open_at[64];
	struct json_syntax_error *err;
};

void text_position(const char *text, size_t len, size_t offset, int *line, int *column)
{
	if (offset > len)
		offset = len;
	*line = 1;
	*column = 1;
	/* an editor shows no byte order mark: it takes no column */
	size_t i = offset >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	for (; i < offset; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c == '\n') {
			++*line;
			*column = 1;
		} else if ((c & 0xC0) != 0x80) { /* not a UTF-8 continuation byte */
			++*column;
		}
	}
}

static bool fail(struct scan *sc, size_t at, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

/* Records the mistake at byte offset at; false, for the callers to return. */
static bool fail(struct scan *sc, size_t at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(sc->err->message, sizeof(sc->err->message), fmt, ap);
	va_end(ap);
	text_position(sc->s, sc->len, at, &sc->err->line, &sc->err->column);
	return false;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void skip_blanks(struct scan *sc)
{
	while (sc->i < sc->len && is_blank(sc->s[sc->i]))
		sc->i++;
}

/* What may follow a number or a literal. */
static bool ends_token(const struct scan *sc, size_t i)
{
	return i >= sc->len || is_blank(sc->s[i]) || strchr(",]}:", sc->s[i]);
}

/* Length of the UTF-8 sequence at p (at most n bytes there), 0 if it is
 * not one: no overlong forms, no surrogates, nothing above U+10FFFF. */
static size_t utf8_length(const unsigned char *p, size_t n)
{
	uint32_t cp;
	size_t len;
	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xC2 && p[0] <= 0xDF) {
		len = 2;
		cp = p[0] & 0x1F;
	} else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		len = 3;
		cp = p[0] & 0x0F;
	} else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		len = 4;
		cp = p[0] & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t k = 1; k < len; k++) {
		if ((p[k] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (p[k] & 0x3F);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

/* The file ended where more was needed: said where it ends (after its
 * last character that is not blank), naming what is left open. */
static bool unexpected_end(struct scan *sc, const char *what, size_t opened)
{
	size_t end = sc->len;
	while (end > 0 && is_blank(sc->s[end - 1]))
		end--;
	int line, column;
	text_position(sc->s, sc->len, opened, &line, &column);
	return fail(sc, end, "unexpected end of file: the %s opened at %d:%d is not closed", what,
	            line, column);
}

static bool end_in_container(struct scan *sc)
{
	size_t at = sc->open_at[sc->depth - 1];
	return unexpected_end(sc, sc->s[at] == '{' ? "object" : "array", at);
}

/* A bare word or a malformed number at i: its extent, for quoting. */
static size_t word_length(const struct scan *sc, size_t i)
{
	size_t n = 0;
	while (i + n < sc->len && !ends_token(sc, i + n) && !strchr("\"'[{", sc->s[i + n]) &&
	       (unsigned char)sc->s[i + n] >= 0x20)
		n++;
	return n ? n : 1;
}

static int quoted_length(size_t n)
{
	return n > QUOTE_MAX ? QUOTE_MAX : (int)n;
}

/* Something that cannot stand at i, where expected was wanted. */
static bool unexpected(struct scan *sc, const char *expected)
{
	size_t i = sc->i;
	const char *p = sc->s + i;
	size_t left = sc->len - i;
	unsigned char c = (unsigned char)p[0];
	if (c == '#' || (c == '/' && left > 1 && (p[1] == '/' || p[1] == '*')))
		return fail(sc, i, "a comment: JSON has no comments");
	if (c == '\'')
		return fail(sc, i, "a string in single quotes: JSON strings take double quotes");
	if (c == 0)
		return fail(sc, i, "a NUL byte: a profile is text");
	if (c >= 0x80) {
		size_t n = utf8_length((const unsigned char *)p, left);
		if (!n)
			return fail(sc, i, "not UTF-8 (byte 0x%02X)", c);
		return fail(sc, i, "expected %s, not '%.*s'", expected, (int)n, p);
	}
	if (c < 0x20 || c == 0x7F)
		return fail(sc, i, "expected %s, not the control character 0x%02X", expected, c);
	return fail(sc, i, "expected %s, not '%c'", expected, c);
}

static bool value(struct scan *sc);

/* The four hex digits at i as a number, -1 if they are not. */
static int hex4(const struct scan *sc, size_t i)
{
	int v = 0;
	for (size_t k = i; k < i + 4; k++) {
		char h = k < sc->len ? sc->s[k] : '\0';
		int d = h >= '0' && h <= '9'   ? h - '0'
		        : h >= 'a' && h <= 'f' ? h - 'a' + 10
		        : h >= 'A' && h <= 'F' ? h - 'A' + 10
		                               : -1;
		if (d < 0)
			return -1;
		v = v << 4 | d;
	}
	return v;
}

/* A JSON string, at its opening quote. */
static bool string(struct scan *sc)
{
	size_t start = sc->i++;
	while (sc->i < sc->len) {
		size_t i = sc->i;
		unsigned char c = (unsigned char)sc->s[i];
		if (c == '"') {
			sc->i++;
			return true;
		}
		if (c == '\n' || c == '\r')
			return fail(sc, start, "this string has no closing '\"' on its line");
		if (c == 0)
			return fail(sc, i, "a NUL byte: a profile is text");
		if (c == '\t')
			return fail(sc, i, "a tab in a string: JSON spells it \\t");
		if (c < 0x20)
			return fail(sc, i,
			            "the control character 0x%02X in a string: JSON spells it "
			            "\\u%04X",
			            c, c);
		if (c >= 0x80) {
			size_t n = utf8_length((const unsigned char *)sc->s + i, sc->len - i);
			if (!n)
				return fail(sc, i, "not UTF-8 (byte 0x%02X)", c);
			sc->i += n;
			continue;
		}
		if (c != '\\') {
			sc->i++;
			continue;
		}
		if (i + 1 >= sc->len)
			break;
		char e = sc->s[i + 1];
		if (e != 'u') {
			if (!strchr("\"\\/bfnrt", e) || !e)
				return fail(
				        sc, i,
				        "\\%c is not a JSON escape (\\\" \\\\ \\/ \\b \\f \\n \\r "
				        "\\t \\uXXXX)",
				        (unsigned char)e >= 0x20 && (unsigned char)e < 0x7F ? e
				                                                            : '?');
			sc->i += 2;
			continue;
		}
		int unit = hex4(sc, i + 2);
		if (unit < 0)
			return fail(sc, i, "\\u takes four hex digits");
		sc->i += 6;
		/* a UTF-16 surrogate stands only in a pair, high then low */
		if (unit >= 0xDC00 && unit <= 0xDFFF)
			return fail(sc, i, "\\u%04X is half of a UTF-16 surrogate pair, alone",
			            (unsigned)unit);
		if (unit >= 0xD800 && unit <= 0xDBFF) {
			bool pair = sc->i + 1 < sc->len && sc->s[sc->i] == '\\' &&
			            sc->s[sc->i + 1] == 'u';
			int low = pair ? hex4(sc, sc->i + 2) : -1;
			if (low < 0xDC00 || low > 0xDFFF)
				return fail(sc, i,
				            "\\u%04X is half of a UTF-16 surrogate pair, alone",
				            (unsigned)unit);
			sc->i += 6;
		}
	}
	return unexpected_end(sc, "string", start);
}

static bool number(struct scan *sc)
{
	size_t start = sc->i, i = start;
	const char *s = sc->s;
#define DIGIT(k) ((k) < sc->len && s[k] >= '0' && s[k] <= '9')
	bool ok = true;
	if (i < sc->len && s[i] == '-')
		i++;
	if (DIGIT(i) && s[i] == '0')
		i++;
	else if (DIGIT(i))
		while (DIGIT(i))
			i++;
	else
		ok = false;
	if (ok && i < sc->len && s[i] == '.') {
		i++;
		ok = DIGIT(i);
		while (DIGIT(i))
			i++;
	}
	if (ok && i < sc->len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < sc->len && (s[i] == '+' || s[i] == '-'))
			i++;
		ok = DIGIT(i);
		while (DIGIT(i))
			i++;
	}
#undef DIGIT
	if (ok && ends_token(sc, i)) {
		sc->i = i;
		return true;
	}
	size_t n = word_length(sc, start);
	return fail(sc, start, "%.*s is not a JSON number", quoted_length(n), s + start);
}

/* true, false, null, or a bare word that JSON does not have. */
static bool word(struct scan *sc, bool key)
{
	static const char *const literals[] = { "true", "false", "null" };
	size_t start = sc->i, n = word_length(sc, start);
	const char *w = sc->s + start;
	int q = quoted_length(n);
	if (key)
		return fail(sc, start, "expected a key in double quotes, not the bare word %.*s", q,
		            w);
	for (size_t k = 0; k < 3; k++) {
		size_t len = strlen(literals[k]);
		if (n != len || strncasecmp(w, literals[k], len) != 0)
			continue;
		if (strncmp(w, literals[k], len) == 0) {
			sc->i += n;
			return true;
		}
		return fail(sc, start, "expected a value, not %.*s (did you mean %s?)", q, w,
		            literals[k]);
	}
	return fail(sc, start,
	            "expected a value, not the bare word %.*s (a string is in double quotes; "
	            "the literals are true, false and null)",
	            q, w);
}

/* Enters the object or array at sc->i; *empty when close follows at once
 * (and then it is left again). */
static bool open_container(struct scan *sc, char close, bool *empty)
{
	if (sc->depth >= sc->max_depth ||
	    sc->depth >= (int)(sizeof(sc->open_at) / sizeof(sc->open_at[0])))
		return fail(sc, sc->i, "nested deeper than %d levels", sc->max_depth);
	sc->open_at[sc->depth++] = sc->i++;
	skip_blanks(sc);
	*empty = sc->i < sc->len && sc->s[sc->i] == close;
	if (*empty) {
		sc->i++;
		sc->depth--;
	}
	return true;
}

/* After a member or an element: ',' or the closing bracket. */
static bool after_item(struct scan *sc, char close, bool *more, size_t *comma)
{
	skip_blanks(sc);
	if (sc->i >= sc->len)
		return end_in_container(sc);
	char c = sc->s[sc->i];
	if (c == ',') {
		*comma = sc->i++;
		*more = true;
		return true;
	}
	if (c == close) {
		sc->i++;
		sc->depth--;
		*more = false;
		return true;
	}
	if (c == '}' || c == ']') {
		int line, column;
		size_t at = sc->open_at[sc->depth - 1];
		text_position(sc->s, sc->len, at, &line, &column);
		return fail(sc, sc->i, "'%c' where the %s opened at %d:%d needs '%c'", c,
		            close == '}' ? "object" : "array", line, column, close);
	}
	if (c == '"' || c == '{' || c == '[' || c == '-' || (c >= '0' && c <= '9') ||
	    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		return fail(sc, sc->i, "missing ',' before this %s",
		            close == '}' ? "key" : "value");
	return unexpected(sc, close == '}' ? "',' or '}'" : "',' or ']'");
}

static bool object(struct scan *sc)
{
	bool empty;
	if (!open_container(sc, '}', &empty))
		return false;
	if (empty)
		return true;
	size_t comma = 0;
	for (bool more = true, first = true; more; first = false) {
		skip_blanks(sc);
		if (sc->i >= sc->len)
			return end_in_container(sc);
		char c = sc->s[sc->i];
		if (c == '}' && !first)
			return fail(sc, comma, "a comma before '}': JSON allows no trailing comma");
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$')
			return word(sc, true);
		if (c != '"')
			return unexpected(sc, "a key in double quotes");
		if (!string(sc))
			return false;
		skip_blanks(sc);
		if (sc->i >= sc->len)
			return end_in_container(sc);
		if (sc->s[sc->i] != ':')
			return fail(sc, sc->i, "missing ':' after the key");
		sc->i++;
		if (!value(sc) || !after_item(sc, '}', &more, &comma))
			return false;
	}
	return true;
}

static bool array(struct scan *sc)
{
	bool empty;
	if (!open_container(sc, ']', &empty))
		return false;
	if (empty)
		return true;
	size_t comma = 0;
	for (bool more = true, first = true; more; first = false) {
		skip_blanks(sc);
		if (sc->i < sc->len && sc->s[sc->i] == ']' && !first)
			return fail(sc, comma, "a comma before ']': JSON allows no trailing comma");
		if (!value(sc) || !after_item(sc, ']', &more, &comma))
			return false;
	}
	return true;
}

static bool value(struct scan *sc)
{
	skip_blanks(sc);
	if (sc->i >= sc->len) /* never for the file's first value: checked apart */
		return sc->depth ? end_in_container(sc) : fail(sc, sc->i, "no value");
	char c = sc->s[sc->i];
	if (c == '{')
		return object(sc);
	if (c == '[')
		return array(sc);
	if (c == '"')
		return string(sc);
	if (c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9'))
		return number(sc);
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		return word(sc, false);
	return unexpected(sc, "a value");
}

int json_syntax_check(const char *text, size_t len, int max_depth, struct json_syntax_error *err)
{
	struct scan sc = { .s = text, .len = len, .max_depth = max_depth, .err = err };
	*err = (struct json_syntax_error){ 0 };
	/* a byte order mark is allowed (RFC 8259 section 8.1), and ignored */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		sc.i = 3;
	skip_blanks(&sc);
	if (sc.i >= len) {
		snprintf(err->message, sizeof(err->message),
		         "the file is %s; a profile is a JSON object ({} at the least)",
		         len ? "blank" : "empty");
		return -EINVAL;
	}
	if (!value(&sc))
		return -EINVAL;
	skip_blanks(&sc);
	if (sc.i >= len)
		return 0;
	char c = text[sc.i];
	if (c == '{' || c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') ||
	    (c >= 'a' && c <= 'z'))
		fail(&sc, sc.i, "a second JSON value; a profile is one JSON object");
	else
		unexpected(&sc, "the end of the file after the profile");
	return -EINVAL;
}
