/* A growable string. Allocation failure is sticky: later appends do nothing
 * and strbuf_failed() says so once, where the result is used. */
#ifndef LAUNCH_BASE_STRBUF_H
#define LAUNCH_BASE_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

struct strbuf {
	char *data; /* NUL-terminated when not NULL */
	size_t len;
	size_t cap;
	bool failed;
};

#define STRBUF_INIT               \
	{                         \
		NULL, 0, 0, false \
	}

void strbuf_append(struct strbuf *sb, const char *data, size_t len);
void strbuf_puts(struct strbuf *sb, const char *s);
void strbuf_putc(struct strbuf *sb, char c);
void strbuf_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
bool strbuf_failed(const struct strbuf *sb);
void strbuf_free(struct strbuf *sb);

#endif
