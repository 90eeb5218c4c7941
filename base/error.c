#include "base/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Appends to a bounded buffer; output that does not fit is cut, never
 * overflowing, and the cut is marked so a reader knows. */
static void append_v(char *buf, size_t size, const char *fmt, va_list ap)
{
	size_t used = strnlen(buf, size);
	/* a full buffer still formats (into its last byte, the NUL) to learn
	 * whether something is cut */
	if (used >= size)
		return;
	int n = vsnprintf(buf + used, size - used, fmt, ap);
	if (n >= 0 && (size_t)n >= size - used && size >= 4)
		memcpy(buf + size - 4, "...", 4);
}

static void append(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	append_v(buf, size, fmt, ap);
	va_end(ap);
}

int lx_error_errno(struct lx_error *e, int err, const char *fmt, ...)
{
	if (err < 0)
		err = -err;
	if (e) {
		va_list ap;
		lx_error_clear(e);
		e->code = err;
		va_start(ap, fmt);
		append_v(e->message, sizeof(e->message), fmt, ap);
		va_end(ap);
		append(e->message, sizeof(e->message), ": %s", strerror(err));
	}
	return -err;
}

int lx_error_msg(struct lx_error *e, int err, const char *fmt, ...)
{
	if (err < 0)
		err = -err;
	if (e) {
		va_list ap;
		lx_error_clear(e);
		e->code = err;
		va_start(ap, fmt);
		append_v(e->message, sizeof(e->message), fmt, ap);
		va_end(ap);
	}
	return -err;
}

void lx_error_hint(struct lx_error *e, const char *fmt, ...)
{
	va_list ap;
	if (!e)
		return;
	e->hint[0] = '\0';
	va_start(ap, fmt);
	append_v(e->hint, sizeof(e->hint), fmt, ap);
	va_end(ap);
}

void lx_error_prefix(struct lx_error *e, const char *fmt, ...)
{
	char old[LX_ERROR_MESSAGE_MAX];
	va_list ap;
	if (!e)
		return;
	memcpy(old, e->message, sizeof(old));
	e->message[0] = '\0';
	va_start(ap, fmt);
	append_v(e->message, sizeof(e->message), fmt, ap);
	va_end(ap);
	append(e->message, sizeof(e->message), ": %s", old);
}

bool lx_error_is_set(const struct lx_error *e)
{
	return e && (e->code != 0 || e->message[0] != '\0');
}

void lx_error_clear(struct lx_error *e)
{
	e->code = 0;
	e->message[0] = '\0';
	e->hint[0] = '\0';
}

void lx_error_format(const struct lx_error *e, char *buf, size_t size)
{
	if (size == 0)
		return;
	buf[0] = '\0';
	append(buf, size, "%s", e->message[0] ? e->message : "unknown error");
	if (e->hint[0])
		append(buf, size, " (hint: %s)", e->hint);
}
