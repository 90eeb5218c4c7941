/* base/error.h: the error contract. Return values (-errno, whatever the
 * sign given), the exact message shapes ("what: strerror", context
 * prefixes, "msg (hint: ...)"), a NULL error pointer, and truncation:
 * long text never overflows its buffer and a cut always ends in "...". */
#include <criterion/criterion.h>
#include <errno.h>
#include <string.h>

#include "base/error.h"

TestSuite(error);

/* A string of n copies of c (n < sizeof buffer). */
static char *repeat(char *buf, char c, size_t n)
{
	memset(buf, c, n);
	buf[n] = '\0';
	return buf;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

Test(error, errno_appends_strerror)
{
	struct lx_error e = { 0 };
	cr_expect_eq(lx_error_errno(&e, ENOENT, "open %s", "/etc/x"), -ENOENT);
	cr_expect_eq(e.code, ENOENT);
	cr_expect_str_eq(e.message, "open /etc/x: No such file or directory");
	cr_expect_str_eq(e.hint, "");
	cr_expect(lx_error_is_set(&e));

	/* a negative errno, as the functions below launcher/ return it */
	cr_expect_eq(lx_error_errno(&e, -EACCES, "mount tmpfs on %s", "/tmp"), -EACCES);
	cr_expect_eq(e.code, EACCES);
	cr_expect_str_eq(e.message, "mount tmpfs on /tmp: Permission denied");
}

Test(error, msg_is_exact)
{
	struct lx_error e = { 0 };
	cr_expect_eq(lx_error_msg(&e, EINVAL, "--timeout: invalid duration '%s'", "5x"), -EINVAL);
	cr_expect_eq(e.code, EINVAL);
	cr_expect_str_eq(e.message, "--timeout: invalid duration '5x'");
	cr_expect_eq(lx_error_msg(&e, -EIO, "plain"), -EIO);
	cr_expect_eq(e.code, EIO);
	cr_expect_str_eq(e.message, "plain");
}

Test(error, a_new_error_replaces_the_old)
{
	struct lx_error e = { 0 };
	lx_error_errno(&e, ENOENT, "first");
	lx_error_hint(&e, "old hint");
	lx_error_msg(&e, EPERM, "second");
	cr_expect_eq(e.code, EPERM);
	cr_expect_str_eq(e.message, "second");
	cr_expect_str_eq(e.hint, "", "the hint belonged to the first error");
}

Test(error, prefix_adds_context)
{
	struct lx_error e = { 0 };
	lx_error_errno(&e, ENOSPC, "write %s", "cgroup.procs");
	lx_error_prefix(&e, "cgroup %s", "web");
	cr_expect_str_eq(e.message, "cgroup web: write cgroup.procs: No space left on device");
	lx_error_prefix(&e, "setup");
	cr_expect_str_eq(e.message,
	                 "setup: cgroup web: write cgroup.procs: No space left on device");
	cr_expect_eq(e.code, ENOSPC, "the code stays");
}

Test(error, message_text_is_not_a_format)
{
	struct lx_error e = { 0 };
	char out[256];
	lx_error_msg(&e, EINVAL, "%s", "100%s %d%n done");
	lx_error_prefix(&e, "p");
	lx_error_hint(&e, "%s", "50%s");
	lx_error_format(&e, out, sizeof(out));
	cr_expect_str_eq(out, "p: 100%s %d%n done (hint: 50%s)");
}

Test(error, hint_and_format)
{
	struct lx_error e = { 0 };
	char out[LX_ERROR_MESSAGE_MAX + LX_ERROR_HINT_MAX + 16];

	lx_error_errno(&e, EPERM, "clone");
	lx_error_format(&e, out, sizeof(out));
	cr_expect_str_eq(out, "clone: Operation not permitted", "no hint, no parentheses");

	lx_error_hint(&e, "creating namespaces needs %s", "root (CAP_SYS_ADMIN)");
	cr_expect_str_eq(e.hint, "creating namespaces needs root (CAP_SYS_ADMIN)");
	lx_error_format(&e, out, sizeof(out));
	cr_expect_str_eq(out, "clone: Operation not permitted "
	                      "(hint: creating namespaces needs root (CAP_SYS_ADMIN))");

	lx_error_hint(&e, "second hint");
	lx_error_format(&e, out, sizeof(out));
	cr_expect_str_eq(out, "clone: Operation not permitted (hint: second hint)",
	                 "a hint replaces the previous one");
}

Test(error, format_without_message)
{
	struct lx_error e = { 0 };
	char out[64] = "garbage";
	lx_error_format(&e, out, sizeof(out));
	cr_expect_str_eq(out, "unknown error");
	e.code = EIO;
	lx_error_format(&e, out, sizeof(out));
	cr_expect_str_eq(out, "unknown error");
	lx_error_hint(&e, "h");
	lx_error_format(&e, out, sizeof(out));
	cr_expect_str_eq(out, "unknown error (hint: h)");
	/* size 0: nothing written */
	lx_error_format(&e, out, 0);
	cr_expect_str_eq(out, "unknown error (hint: h)");
}

Test(error, is_set_and_clear)
{
	struct lx_error e = { 0 };
	cr_expect_not(lx_error_is_set(NULL));
	cr_expect_not(lx_error_is_set(&e));
	e.code = EIO;
	cr_expect(lx_error_is_set(&e), "a code alone counts");
	lx_error_clear(&e);
	cr_expect_not(lx_error_is_set(&e));
	lx_error_msg(&e, 0, "no errno but a message");
	cr_expect(lx_error_is_set(&e));
	cr_expect_eq(e.code, 0);
	lx_error_hint(&e, "h");
	lx_error_clear(&e);
	cr_expect_eq(e.code, 0);
	cr_expect_str_eq(e.message, "");
	cr_expect_str_eq(e.hint, "");
}

Test(error, null_error_pointer)
{
	cr_expect_eq(lx_error_errno(NULL, ENOENT, "x %d", 1), -ENOENT);
	cr_expect_eq(lx_error_errno(NULL, -ENOENT, "x"), -ENOENT);
	cr_expect_eq(lx_error_msg(NULL, EINVAL, "x"), -EINVAL);
	cr_expect_eq(lx_error_msg(NULL, -EBUSY, "x"), -EBUSY);
	lx_error_hint(NULL, "ignored %s", "too");
	lx_error_prefix(NULL, "ignored %s", "too");
}

Test(error, long_message_is_cut_with_dots)
{
	struct lx_error e = { 0 };
	static char big[4096];
	repeat(big, 'a', 3000);

	cr_expect_eq(lx_error_msg(&e, E2BIG, "%s", big), -E2BIG);
	cr_expect_eq(strlen(e.message), LX_ERROR_MESSAGE_MAX - 1);
	cr_expect(ends_with(e.message, "aaa..."), "ends: %s", e.message + 1000);

	lx_error_errno(&e, E2BIG, "%s", big);
	cr_expect_eq(strlen(e.message), LX_ERROR_MESSAGE_MAX - 1);
	cr_expect(ends_with(e.message, "aaa..."), "ends: %s", e.message + 1000);

	lx_error_hint(&e, "%s", big);
	cr_expect_eq(strlen(e.hint), LX_ERROR_HINT_MAX - 1);
	cr_expect(ends_with(e.hint, "aaa..."));

	char out[LX_ERROR_MESSAGE_MAX + LX_ERROR_HINT_MAX + 16];
	lx_error_format(&e, out, sizeof(out));
	cr_expect_eq(strlen(out),
	             LX_ERROR_MESSAGE_MAX - 1 + strlen(" (hint: )") + LX_ERROR_HINT_MAX - 1);
	cr_expect(ends_with(out, "aaa...)"));
}

Test(error, strerror_that_does_not_fit_is_marked)
{
	struct lx_error e = { 0 };
	static char big[LX_ERROR_MESSAGE_MAX];

	/* room for ": " and part of the reason */
	repeat(big, 'b', LX_ERROR_MESSAGE_MAX - 10);
	lx_error_errno(&e, ENOENT, "%s", big);
	cr_expect_eq(strlen(e.message), LX_ERROR_MESSAGE_MAX - 1);
	cr_expect(ends_with(e.message, "bbbb: No s..."), "ends: %s", e.message + 1000);

	/* the message alone fills the buffer: the reason is lost, which must
	 * show */
	repeat(big, 'c', LX_ERROR_MESSAGE_MAX - 1);
	lx_error_errno(&e, ENOENT, "%s", big);
	cr_expect_eq(strlen(e.message), LX_ERROR_MESSAGE_MAX - 1);
	cr_expect(ends_with(e.message, "..."), "the lost reason is not marked: ...%s",
	          e.message + 1000);
}

Test(error, prefix_that_does_not_fit_is_marked)
{
	struct lx_error e = { 0 };
	static char big[LX_ERROR_MESSAGE_MAX];

	repeat(big, 'm', 1000);
	lx_error_msg(&e, EIO, "%s", big);
	repeat(big, 'p', 100);
	lx_error_prefix(&e, "%s", big);
	cr_expect_eq(strlen(e.message), LX_ERROR_MESSAGE_MAX - 1);
	cr_expect_eq(strncmp(e.message, big, 100), 0, "the prefix comes first");
	cr_expect_eq(strncmp(e.message + 100, ": mmm", 5), 0);
	cr_expect(ends_with(e.message, "mmm..."));

	/* a prefix as long as the buffer: the old message is lost, marked */
	lx_error_msg(&e, EIO, "old");
	repeat(big, 'q', LX_ERROR_MESSAGE_MAX - 1);
	lx_error_prefix(&e, "%s", big);
	cr_expect_eq(strlen(e.message), LX_ERROR_MESSAGE_MAX - 1);
	cr_expect(ends_with(e.message, "..."), "the lost message is not marked");
}

Test(error, format_into_small_buffers)
{
	struct lx_error e = { 0 };
	char out[64];

	lx_error_msg(&e, EIO, "0123456789abcdef");
	lx_error_format(&e, out, 12);
	cr_expect_str_eq(out, "01234567...");
	lx_error_format(&e, out, 4);
	cr_expect_str_eq(out, "...");
	lx_error_format(&e, out, 3);
	cr_expect_str_eq(out, "01", "too small for the dots: cut only");
	lx_error_format(&e, out, 1);
	cr_expect_str_eq(out, "");

	/* the message fits exactly, the hint does not */
	lx_error_hint(&e, "h");
	lx_error_format(&e, out, 17);
	cr_expect_eq(strlen(out), 16);
	cr_expect(ends_with(out, "..."), "the lost hint is not marked: %s", out);
	lx_error_format(&e, out, sizeof(out));
	cr_expect_str_eq(out, "0123456789abcdef (hint: h)");

	/* never past the given size */
	memset(out, 'Z', sizeof(out));
	lx_error_format(&e, out, 20);
	cr_expect_eq(strlen(out), 19);
	cr_expect_eq(out[20], 'Z');
	cr_expect_str_eq(out, "0123456789abcdef...");
}
