/* base/json.h and base/strbuf.h: the JSON writer behind the report and
 * --show. Layout in pretty and compact mode, empty containers, string
 * escaping (control characters, DEL, valid UTF-8 kept, each byte of invalid
 * UTF-8 replaced by \ufffd), exact decimals and the integer limits; the
 * growable string underneath. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/cleanup.h"
#include "base/json.h"
#include "base/strbuf.h"

TestSuite(json);

/* The JSON literal json_escape() writes for s. */
static void expect_escaped(const char *s, const char *want)
{
	struct strbuf sb = STRBUF_INIT;
	json_escape(&sb, s);
	cr_assert_not(strbuf_failed(&sb));
	cr_expect_str_eq(sb.data, want, "json_escape: got %s, want %s", sb.data, want);
	strbuf_free(&sb);
}

/* One document with every kind of value, nested both ways. */
static void write_sample(struct json_writer *w)
{
	json_begin_object(w);
	json_key(w, "a");
	json_int(w, 1);
	json_key(w, "b");
	json_begin_array(w);
	json_int(w, 1);
	json_string(w, "x");
	json_null(w);
	json_bool(w, true);
	json_bool(w, false);
	json_begin_object(w);
	json_end_object(w);
	json_begin_array(w);
	json_end_array(w);
	json_end_array(w);
	json_key(w, "c");
	json_begin_object(w);
	json_key(w, "d");
	json_null(w);
	json_key(w, "e");
	json_begin_array(w);
	json_begin_array(w);
	json_uint(w, 2);
	json_end_array(w);
	json_end_array(w);
	json_end_object(w);
	json_key(w, "f");
	json_decimal(w, 1500, 3);
	json_end_object(w);
	json_finish(w);
}

Test(json, pretty_nested)
{
	struct strbuf sb = STRBUF_INIT;
	struct json_writer w;
	json_init(&w, &sb, true);
	write_sample(&w);
	cr_assert_not(strbuf_failed(&sb));
	cr_expect_str_eq(sb.data,
	                 "{\n"
	                 "  \"a\": 1,\n"
	                 "  \"b\": [\n"
	                 "    1,\n"
	                 "    \"x\",\n"
	                 "    null,\n"
	                 "    true,\n"
	                 "    false,\n"
	                 "    {},\n"
	                 "    []\n"
	                 "  ],\n"
	                 "  \"c\": {\n"
	                 "    \"d\": null,\n"
	                 "    \"e\": [\n"
	                 "      [\n"
	                 "        2\n"
	                 "      ]\n"
	                 "    ]\n"
	                 "  },\n"
	                 "  \"f\": 1.500\n"
	                 "}\n",
	                 "got:\n%s", sb.data);
	strbuf_free(&sb);
}

Test(json, compact_nested)
{
	struct strbuf sb = STRBUF_INIT;
	struct json_writer w;
	json_init(&w, &sb, false);
	write_sample(&w);
	cr_expect_str_eq(sb.data,
	                 "{\"a\":1,\"b\":[1,\"x\",null,true,false,{},[]],"
	                 "\"c\":{\"d\":null,\"e\":[[2]]},\"f\":1.500}",
	                 "got: %s", sb.data);
	strbuf_free(&sb);
}

Test(json, empty_documents)
{
	struct strbuf sb = STRBUF_INIT;
	struct json_writer w;

	json_init(&w, &sb, true);
	json_begin_object(&w);
	json_end_object(&w);
	json_finish(&w);
	cr_expect_str_eq(sb.data, "{}\n");
	strbuf_free(&sb);

	json_init(&w, &sb, false);
	json_begin_array(&w);
	json_end_array(&w);
	json_finish(&w);
	cr_expect_str_eq(sb.data, "[]");
	strbuf_free(&sb);

	/* an object holding only empty containers */
	json_init(&w, &sb, true);
	json_begin_object(&w);
	json_key(&w, "o");
	json_begin_object(&w);
	json_end_object(&w);
	json_key(&w, "a");
	json_begin_array(&w);
	json_end_array(&w);
	json_end_object(&w);
	json_finish(&w);
	cr_expect_str_eq(sb.data, "{\n  \"o\": {},\n  \"a\": []\n}\n", "got:\n%s", sb.data);
	strbuf_free(&sb);
}

Test(json, top_level_scalars)
{
	struct strbuf sb = STRBUF_INIT;
	struct json_writer w;
	json_init(&w, &sb, false);
	json_string(&w, "hi");
	cr_expect_str_eq(sb.data, "\"hi\"");
	strbuf_free(&sb);
	json_init(&w, &sb, true);
	json_null(&w);
	json_finish(&w);
	cr_expect_str_eq(sb.data, "null\n");
	strbuf_free(&sb);
}

Test(json, depth_limit_fails_the_buffer)
{
	struct strbuf sb = STRBUF_INIT;
	struct json_writer w;
	json_init(&w, &sb, false);
	for (int i = 0; i < JSON_MAX_DEPTH - 1; i++)
		json_begin_array(&w);
	cr_expect_not(strbuf_failed(&sb), "%d levels fit", JSON_MAX_DEPTH - 1);
	json_begin_array(&w);
	cr_expect(strbuf_failed(&sb), "level %d is one too many", JSON_MAX_DEPTH);
	strbuf_free(&sb);
}

Test(json, escapes_quote_backslash_and_controls)
{
	expect_escaped("", "\"\"");
	expect_escaped("plain text", "\"plain text\"");
	expect_escaped("a\"b", "\"a\\\"b\"");
	expect_escaped("a\\b", "\"a\\\\b\"");
	expect_escaped("\\\"", "\"\\\\\\\"\"");
	expect_escaped("/", "\"/\"");
	expect_escaped("\n\r\t", "\"\\n\\r\\t\"");
	expect_escaped("\x01", "\"\\u0001\"");
	expect_escaped("\b\f\x1b\x1f", "\"\\u0008\\u000c\\u001b\\u001f\"");
	expect_escaped("x\x7fy", "\"x\\u007fy\"");
	expect_escaped(" ~", "\" ~\"");
}

Test(json, keeps_valid_utf8)
{
	static const char *const valid[] = {
		"\xc2\x80",         /* U+0080, the first two-byte one */
		"caf\xc3\xa9",      /* é */
		"\xdf\xbf",         /* U+07FF */
		"\xe0\xa0\x80",     /* U+0800, the first three-byte one */
		"\xe2\x82\xac",     /* € */
		"\xed\x9f\xbf",     /* U+D7FF, just below the surrogates */
		"\xee\x80\x80",     /* U+E000, just above them */
		"\xef\xbf\xbf",     /* U+FFFF */
		"\xf0\x90\x80\x80", /* U+10000, the first four-byte one */
		"\xf0\x9d\x84\x9e", /* musical G clef */
		"\xf4\x8f\xbf\xbf", /* U+10FFFF, the last code point */
		"\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e",
	};
	for (size_t i = 0; i < ARRAY_SIZE(valid); i++) {
		char want[64];
		snprintf(want, sizeof(want), "\"%s\"", valid[i]);
		expect_escaped(valid[i], want);
	}
}

/* Each byte that does not start a valid sequence becomes one U+FFFD and
 * the scan goes on at the next byte. */
Test(json, replaces_invalid_utf8)
{
	static const struct {
		const char *in;
		const char *out;
	} cases[] = {
		/* lone continuation bytes */
		{ "\x80", "\"\\ufffd\"" },
		{ "a\xbf"
		  "b",
		  "\"a\\ufffdb\"" },
		/* overlong forms of '/' and of U+07FF, U+FFFF */
		{ "\xc0\xaf", "\"\\ufffd\\ufffd\"" },
		{ "\xc1\xbf", "\"\\ufffd\\ufffd\"" },
		{ "\xe0\x80\xaf", "\"\\ufffd\\ufffd\\ufffd\"" },
		{ "\xe0\x9f\xbf", "\"\\ufffd\\ufffd\\ufffd\"" },
		{ "\xf0\x8f\xbf\xbf", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"" },
		/* UTF-16 surrogates, first and last */
		{ "\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"" },
		{ "\xed\xbf\xbf", "\"\\ufffd\\ufffd\\ufffd\"" },
		/* truncated sequences, at the end and before ASCII */
		{ "\xe2\x82", "\"\\ufffd\\ufffd\"" },
		{ "\xe2\x82x", "\"\\ufffd\\ufffdx\"" },
		{ "\xc3", "\"\\ufffd\"" },
		{ "\xf0\x9d\x84", "\"\\ufffd\\ufffd\\ufffd\"" },
		/* past U+10FFFF */
		{ "\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"" },
		{ "\xf5\x80\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"" },
		{ "\xf7\xbf\xbf\xbf", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"" },
		/* bytes that never occur in UTF-8 */
		{ "\xf8\x88\x80\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\"" },
		{ "\xfe\xff", "\"\\ufffd\\ufffd\"" },
		/* a bad byte does not swallow the valid text around it */
		{ "\xc3\xa9\xff\xc3\xa9", "\"\xc3\xa9\\ufffd\xc3\xa9\"" },
		{ "\xe2\x82\xac\xe2\x82", "\"\xe2\x82\xac\\ufffd\\ufffd\"" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		expect_escaped(cases[i].in, cases[i].out);
}

Test(json, keys_are_escaped)
{
	struct strbuf sb = STRBUF_INIT;
	struct json_writer w;
	json_init(&w, &sb, false);
	json_begin_object(&w);
	json_key(&w, "q\"\n\xff");
	json_string(&w, "v\\");
	json_end_object(&w);
	cr_expect_str_eq(sb.data, "{\"q\\\"\\n\\ufffd\":\"v\\\\\"}");
	strbuf_free(&sb);
}

Test(json, decimal_is_exact)
{
	static const struct {
		uint64_t value;
		unsigned scale;
		const char *out;
	} cases[] = {
		{ 12345, 3, "12.345" },
		{ 5, 3, "0.005" },
		{ 0, 6, "0.000000" },
		{ 1000000, 6, "1.000000" },
		{ 1, 6, "0.000001" },
		{ 12345678, 6, "12.345678" },
		{ 123, 1, "12.3" },
		{ 7, 0, "7" },
		{ 0, 0, "0" },
		{ UINT64_MAX, 0, "18446744073709551615" },
		{ UINT64_MAX, 6, "18446744073709.551615" },
		{ UINT64_MAX, 19, "1.8446744073709551615" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct strbuf sb = STRBUF_INIT;
		struct json_writer w;
		json_init(&w, &sb, false);
		json_decimal(&w, cases[i].value, cases[i].scale);
		cr_expect_str_eq(sb.data, cases[i].out, "json_decimal(%llu, %u) = %s, want %s",
		                 (unsigned long long)cases[i].value, cases[i].scale, sb.data,
		                 cases[i].out);
		strbuf_free(&sb);
	}
}

Test(json, integer_limits)
{
	struct strbuf sb = STRBUF_INIT;
	struct json_writer w;
	json_init(&w, &sb, false);
	json_begin_array(&w);
	json_int(&w, INT64_MIN);
	json_int(&w, INT64_MAX);
	json_int(&w, 0);
	json_int(&w, -1);
	json_uint(&w, UINT64_MAX);
	json_uint(&w, 0);
	json_end_array(&w);
	cr_expect_str_eq(sb.data, "[-9223372036854775808,9223372036854775807,0,-1,"
	                          "18446744073709551615,0]");
	strbuf_free(&sb);
}

TestSuite(strbuf);

Test(strbuf, starts_empty_and_appends)
{
	struct strbuf sb = STRBUF_INIT;
	cr_expect_null(sb.data);
	cr_expect_eq(sb.len, 0);
	cr_expect_not(strbuf_failed(&sb));

	strbuf_puts(&sb, "");
	cr_assert_not_null(sb.data, "an empty append still gives a string");
	cr_expect_str_eq(sb.data, "");
	strbuf_puts(&sb, "abc");
	strbuf_putc(&sb, '-');
	strbuf_printf(&sb, "%d/%s/%03u", 42, "x", 7u);
	strbuf_append(&sb, "tail!", 4);
	cr_expect_str_eq(sb.data, "abc-42/x/007tail");
	cr_expect_eq(sb.len, strlen("abc-42/x/007tail"));
	strbuf_free(&sb);
	cr_expect_null(sb.data);
	cr_expect_eq(sb.len, 0);
	cr_expect_eq(sb.cap, 0);
}

Test(strbuf, embedded_nul_counts)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_append(&sb, "a\0b", 3);
	cr_expect_eq(sb.len, 3);
	cr_expect_eq(memcmp(sb.data, "a\0b", 4), 0, "data plus the terminating NUL");
	strbuf_free(&sb);
}

Test(strbuf, grows)
{
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < 10000; i++)
		strbuf_putc(&sb, (char)('a' + i % 26));
	cr_assert_not(strbuf_failed(&sb));
	cr_expect_eq(sb.len, 10000);
	cr_expect_geq(sb.cap, 10001);
	cr_expect_eq(sb.data[10000], '\0');
	for (int i = 0; i < 10000; i++)
		cr_assert_eq(sb.data[i], 'a' + i % 26, "byte %d", i);

	/* one printf longer than the first allocation */
	struct strbuf big = STRBUF_INIT;
	strbuf_printf(&big, "%0900d|%s", 7, "end");
	cr_expect_eq(big.len, 904);
	cr_expect_eq(big.data[899], '7');
	cr_expect_str_eq(big.data + 900, "|end");
	strbuf_free(&big);
	strbuf_free(&sb);
}

Test(strbuf, failure_is_sticky)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_puts(&sb, "kept");
	sb.failed = true; /* as after a failed allocation */
	strbuf_puts(&sb, "lost");
	strbuf_putc(&sb, '!');
	strbuf_printf(&sb, "%d", 1);
	cr_expect(strbuf_failed(&sb));
	cr_expect_str_eq(sb.data, "kept");
	cr_expect_eq(sb.len, 4);
	strbuf_free(&sb);
	cr_expect_not(strbuf_failed(&sb), "free makes it usable again");
	strbuf_puts(&sb, "new");
	cr_expect_str_eq(sb.data, "new");
	strbuf_free(&sb);
}
