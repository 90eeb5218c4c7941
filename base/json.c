#include "base/json.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

void json_init(struct json_writer *w, struct strbuf *out, bool pretty)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
	w->pretty = pretty;
	w->first[0] = true;
}

static void newline_indent(struct json_writer *w)
{
	if (!w->pretty)
		return;
	strbuf_putc(w->out, '\n');
	for (int i = 0; i < w->depth; i++)
		strbuf_puts(w->out, "  ");
}

/* Separator and indentation before a value or a key. */
static void before_item(struct json_writer *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->depth == 0)
		return;
	if (!w->first[w->depth])
		strbuf_putc(w->out, ',');
	w->first[w->depth] = false;
	newline_indent(w);
}

static void open_container(struct json_writer *w, char c)
{
	before_item(w);
	strbuf_putc(w->out, c);
	if (w->depth + 1 >= JSON_MAX_DEPTH) {
		w->out->failed = true; /* deeper than any document launch writes */
		return;
	}
	w->depth++;
	w->first[w->depth] = true;
}

static void close_container(struct json_writer *w, char c)
{
	bool empty = w->first[w->depth];
	if (w->depth > 0)
		w->depth--;
	if (!empty)
		newline_indent(w);
	strbuf_putc(w->out, c);
}

void json_begin_object(struct json_writer *w)
{
	open_container(w, '{');
}

void json_end_object(struct json_writer *w)
{
	close_container(w, '}');
}

void json_begin_array(struct json_writer *w)
{
	open_container(w, '[');
}

void json_end_array(struct json_writer *w)
{
	close_container(w, ']');
}

void json_key(struct json_writer *w, const char *key)
{
	before_item(w);
	json_escape(w->out, key);
	strbuf_puts(w->out, w->pretty ? ": " : ":");
	w->after_key = true;
}

/* Length of a valid UTF-8 sequence at s (1..4), or 0 if it is not one
 * (overlong forms, surrogates and code points past U+10FFFF are invalid). */
static size_t utf8_sequence(const unsigned char *s)
{
	unsigned char c = s[0];
	if (c < 0x80)
		return 1;
	size_t len;
	uint32_t cp;
	if ((c & 0xE0) == 0xC0) {
		len = 2;
		cp = c & 0x1F;
	} else if ((c & 0xF0) == 0xE0) {
		len = 3;
		cp = c & 0x0F;
	} else if ((c & 0xF8) == 0xF0) {
		len = 4;
		cp = c & 0x07;
	} else
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	static const uint32_t min_for_len[5] = { 0, 0, 0x80, 0x800, 0x10000 };
	if (cp < min_for_len[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

void json_escape(struct strbuf *out, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	strbuf_putc(out, '"');
	while (*s) {
		unsigned char c = *s;
		switch (c) {
		case '"':
			strbuf_puts(out, "\\\"");
			break;
		case '\\':
			strbuf_puts(out, "\\\\");
			break;
		case '\n':
			strbuf_puts(out, "\\n");
			break;
		case '\r':
			strbuf_puts(out, "\\r");
			break;
		case '\t':
			strbuf_puts(out, "\\t");
			break;
		default:
			if (c < 0x20 || c == 0x7F) {
				strbuf_printf(out, "\\u%04x", c);
			} else {
				size_t len = utf8_sequence(s);
				if (len == 0) {
					strbuf_puts(out, "\\ufffd");
				} else {
					strbuf_append(out, (const char *)s, len);
					s += len;
					continue;
				}
			}
		}
		s++;
	}
	strbuf_putc(out, '"');
}

void json_string(struct json_writer *w, const char *s)
{
	before_item(w);
	json_escape(w->out, s);
}

void json_int(struct json_writer *w, int64_t v)
{
	before_item(w);
	strbuf_printf(w->out, "%" PRId64, v);
}

void json_uint(struct json_writer *w, uint64_t v)
{
	before_item(w);
	strbuf_printf(w->out, "%" PRIu64, v);
}

void json_decimal(struct json_writer *w, uint64_t value, unsigned scale)
{
	uint64_t div = 1;
	before_item(w);
	for (unsigned i = 0; i < scale; i++)
		div *= 10;
	if (scale == 0)
		strbuf_printf(w->out, "%" PRIu64, value);
	else
		strbuf_printf(w->out, "%" PRIu64 ".%0*" PRIu64, value / div, (int)scale,
		              value % div);
}

void json_bool(struct json_writer *w, bool v)
{
	before_item(w);
	strbuf_puts(w->out, v ? "true" : "false");
}

void json_null(struct json_writer *w)
{
	before_item(w);
	strbuf_puts(w->out, "null");
}

void json_finish(struct json_writer *w)
{
	if (w->pretty)
		strbuf_putc(w->out, '\n');
}
