/* The one error contract (STYLE.md item 1): functions below launcher/ return
 * >= 0 on success or a negative errno, and fill a struct lx_error with a
 * message in the project's shape ("<where>: <what went wrong>") that callers
 * may wrap with more context. Only launcher/main.c prints it. */
#ifndef LAUNCH_BASE_ERROR_H
#define LAUNCH_BASE_ERROR_H

#include <stdbool.h>
#include <stddef.h>

#define LX_ERROR_MESSAGE_MAX 1024
#define LX_ERROR_HINT_MAX 256

struct lx_error {
	int code; /* positive errno, 0 when no error was recorded */
	char message[LX_ERROR_MESSAGE_MAX];
	char hint[LX_ERROR_HINT_MAX];
};

/* "<fmt...>: strerror(err)"; returns -err. e may be NULL. */
int lx_error_errno(struct lx_error *e, int err, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
/* "<fmt...>" exactly; returns -err. e may be NULL. */
int lx_error_msg(struct lx_error *e, int err, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
/* Adds "(hint: ...)" to the message. */
void lx_error_hint(struct lx_error *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prepends "<fmt...>: " to the message, for callers that add context. */
void lx_error_prefix(struct lx_error *e, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
bool lx_error_is_set(const struct lx_error *e);
void lx_error_clear(struct lx_error *e);
/* The full line without the "launch: " prefix or newline. */
void lx_error_format(const struct lx_error *e, char *buf, size_t size);

#endif
