/* profiles/syntax: the JSON syntax check before libfyaml. It must take
 * every valid JSON text (RFC 8259) a profile could be, refuse the rest,
 * and place each mistake where it is, in characters. The messages
 * themselves are held by tests/profiles/bad. */
#include <criterion/criterion.h>
#include <string.h>

#include "profiles/syntax.h"

static void expect_valid(const char *text)
{
	struct json_syntax_error e;
	int r = json_syntax_check(text, strlen(text), 32, &e);
	cr_expect_eq(r, 0, "refused %s: %d:%d: %s", text, e.line, e.column, e.message);
}

static void expect_error(const char *text, size_t len, int line, int column, const char *start)
{
	struct json_syntax_error e;
	int r = json_syntax_check(text, len, 32, &e);
	cr_expect_lt(r, 0, "took %s", text);
	cr_expect(e.line == line && e.column == column, "%s: at %d:%d, not %d:%d", text, e.line,
	          e.column, line, column);
	cr_expect(strncmp(e.message, start, strlen(start)) == 0, "%s: \"%s\"", text, e.message);
}

Test(syntax, valid_json_is_taken)
{
	expect_valid("{}");
	expect_valid(" \t\r\n{ } \n");
	expect_valid("{\"a\":[]}");
	expect_valid("{\"a\": [1, -0, 0.5, -12.25e+3, 1E-2, 10e5, true, false, null]}");
	expect_valid("{\"s\": \"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\uD83D\\uDE00\"}");
	expect_valid("{\"caf\xc3\xa9\": \"\xe2\x82\xac \xf0\x9f\x98\x80\"}");
	expect_valid("\xef\xbb\xbf{\"bom\": 1}");
	expect_valid("{\"a\": {\"b\": {\"c\": [[[{}]]]}}, \"d\": \"\"}");
	expect_valid("{\"a\":1,\"a\":2}"); /* duplicates are the loader's to say */
	expect_valid("[1]");               /* a top-level array too: the loader says */
	expect_valid("\"x\"");
	expect_valid("0");
}

Test(syntax, depth_is_limited)
{
	char text[128] = "{\"a\":";
	for (int i = 0; i < 31; i++)
		strcat(text, "[");
	for (int i = 0; i < 31; i++)
		strcat(text, "]");
	strcat(text, "}");
	expect_valid(text); /* 32 deep */
	char deeper[128] = "{\"a\":";
	for (int i = 0; i < 32; i++)
		strcat(deeper, "[");
	expect_error(deeper, strlen(deeper), 1, 37, "nested deeper than 32 levels");
}

Test(syntax, mistakes_are_placed_in_characters)
{
	expect_error("{\"\xc3\xa9\": 1 \"b\": 2}", 16, 1, 9, "missing ','");
	expect_error("{\n\t\"a\": 1,\n}", 12, 2, 8, "a comma before '}'");
	expect_error("{\"a\": 1", 7, 1, 8, "unexpected end of file: the object opened at 1:1");
	expect_error("{\"a\": \"b", 8, 1, 9, "unexpected end of file: the string opened at 1:7");
	expect_error("{\"a\": 1}\n\n{}", 12, 3, 1, "a second JSON value");
	expect_error("\xef\xbb\xbf{\"a\": x}", 12, 1, 7, "expected a value");
	expect_error("{\"a\": \"\\ud800\"}", 15, 1, 8, "\\uD800 is half");
	expect_error("{\"a\": \"\\udc00\\ud800\"}", 21, 1, 8, "\\uDC00 is half");
	expect_error("{\"a\": \"x\xed\xa0\x80\"}", 13, 1, 9, "not UTF-8");     /* a surrogate */
	expect_error("{\"a\": \"x\xc0\xaf\"}", 12, 1, 9, "not UTF-8");         /* overlong */
	expect_error("{\"a\": \"x\xf4\x90\x80\x80\"}", 14, 1, 9, "not UTF-8"); /* > U+10FFFF */
	expect_error("{\"a\": \"x\0\"}", 11, 1, 9, "a NUL byte");
	expect_error("", 0, 0, 0, "the file is empty");
	expect_error(" \n", 2, 0, 0, "the file is blank");
}
