/* base/units.h: durations and sizes as SPEC.md writes them. Every suffix,
 * decimals computed exactly (no floating point), the spellings that are
 * rejected, overflow to -ERANGE, and format -> parse round trips. */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>

#include "base/cleanup.h"
#include "base/units.h"

#define KIB (1ULL << 10)
#define MIB (1ULL << 20)
#define GIB (1ULL << 30)
#define TIB (1ULL << 40)

struct parse_case {
	const char *text;
	uint64_t value;
};

static void expect_duration(const char *text, uint64_t want)
{
	uint64_t ns = 0xdeadbeef;
	int r = parse_duration(text, &ns);
	cr_expect_eq(r, 0, "parse_duration(\"%s\") = %d, want 0", text, r);
	cr_expect_eq(ns, want, "parse_duration(\"%s\") gave %llu ns, want %llu", text,
	             (unsigned long long)ns, (unsigned long long)want);
}

static void expect_size(const char *text, uint64_t want)
{
	uint64_t bytes = 0xdeadbeef;
	int r = parse_size(text, &bytes);
	cr_expect_eq(r, 0, "parse_size(\"%s\") = %d, want 0", text, r);
	cr_expect_eq(bytes, want, "parse_size(\"%s\") gave %llu bytes, want %llu", text,
	             (unsigned long long)bytes, (unsigned long long)want);
}

/* A rejected text must leave the output untouched. */
static void expect_duration_error(const char *text, int want)
{
	uint64_t ns = 42;
	int r = parse_duration(text, &ns);
	cr_expect_eq(r, want, "parse_duration(\"%s\") = %d, want %d", text ? text : "(null)", r,
	             want);
	cr_expect_eq(ns, 42, "parse_duration(\"%s\") wrote %llu on error", text ? text : "(null)",
	             (unsigned long long)ns);
}

static void expect_size_error(const char *text, int want)
{
	uint64_t bytes = 42;
	int r = parse_size(text, &bytes);
	cr_expect_eq(r, want, "parse_size(\"%s\") = %d, want %d", text ? text : "(null)", r, want);
	cr_expect_eq(bytes, 42, "parse_size(\"%s\") wrote %llu on error", text ? text : "(null)",
	             (unsigned long long)bytes);
}

TestSuite(units);

Test(units, duration_suffixes)
{
	static const struct parse_case cases[] = {
		{ "250ms", 250 * NSEC_PER_MSEC },
		{ "30s", 30 * NSEC_PER_SEC },
		{ "5m", 5 * 60 * NSEC_PER_SEC },
		{ "2h", 2 * 3600 * NSEC_PER_SEC },
		{ "0ms", 0 },
		{ "0s", 0 },
		{ "0h", 0 },
		{ "1ms", NSEC_PER_MSEC },
		{ "1s", NSEC_PER_SEC },
		{ "1m", 60 * NSEC_PER_SEC },
		{ "1h", 3600 * NSEC_PER_SEC },
		{ "1000ms", NSEC_PER_SEC },
		{ "0010s", 10 * NSEC_PER_SEC },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		expect_duration(cases[i].text, cases[i].value);
}

Test(units, duration_plain_number_is_seconds)
{
	expect_duration("0", 0);
	expect_duration("1", NSEC_PER_SEC);
	expect_duration("30", 30 * NSEC_PER_SEC);
	expect_duration("86400", 86400 * NSEC_PER_SEC);
}

Test(units, duration_decimals_are_exact)
{
	static const struct parse_case cases[] = {
		{ "1.5s", 1500 * NSEC_PER_MSEC },
		{ "0.25", 250 * NSEC_PER_MSEC },
		{ "0.1s", 100000000 },
		{ "0.3", 300000000 },
		{ "0.7s", 700000000 },
		{ "2.5ms", 2500000 },
		{ "0.001ms", 1000 },
		{ "0.000001ms", 1 },
		{ "1.5m", 90 * NSEC_PER_SEC },
		{ "0.1m", 6 * NSEC_PER_SEC },
		{ "0.5h", 1800 * NSEC_PER_SEC },
		{ "0.001h", 3600 * NSEC_PER_MSEC },
		{ "1.000000001", NSEC_PER_SEC + 1 },
		{ "0.000000001s", 1 },
		{ "123.456789123s", 123456789123ULL },
		/* past nanoseconds the digits are cut, not rounded */
		{ "0.0000000019s", 1 },
		{ "1.50", 1500 * NSEC_PER_MSEC },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		expect_duration(cases[i].text, cases[i].value);
}

Test(units, duration_rejects)
{
	static const char *const bad[] = {
		"",     "-1",   "+1",  " 1",   "1 ",  "1.",   ".5",   "1x",  "5M",   "5S",   "5MS",
		"5H",   "1KB",  "abc", "s",    "ms",  "1.5.", "1..5", "1e3", "0x10", "1 s",  "1s ",
		"1sec", "1min", "1d",  "1,5s", "1.s", "1.-5", "\t1",  "1\n", "5K",   "1msx", "ms1",
	};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		expect_duration_error(bad[i], -EINVAL);
	expect_duration_error(NULL, -EINVAL);
}

Test(units, duration_overflow)
{
	/* UINT64_MAX ns is 18446744073.709551615 s */
	expect_duration("18446744073.709551615", UINT64_MAX);
	expect_duration("18446744073.709551615s", UINT64_MAX);
	expect_duration_error("18446744073.709551616", -ERANGE);
	expect_duration_error("18446744074", -ERANGE);
	expect_duration_error("18446744074s", -ERANGE);
	expect_duration_error("307445735m", -ERANGE);
	expect_duration_error("5124096h", -ERANGE);
	expect_duration_error("18446744073710ms", -ERANGE);
	/* whole hours fit, the fraction carries past UINT64_MAX */
	expect_duration_error("5124095.6h", -ERANGE);
	expect_duration("5124095.5h", 5124095ULL * 3600 * NSEC_PER_SEC + 1800 * NSEC_PER_SEC);
	expect_duration_error("99999999999999999999", -ERANGE);
	expect_duration_error("99999999999999999999999999999999s", -ERANGE);
	/* the largest whole values that still fit */
	expect_duration("5124095h", 5124095ULL * 3600 * NSEC_PER_SEC);
	expect_duration("307445734m", 307445734ULL * 60 * NSEC_PER_SEC);
	expect_duration("18446744073709ms", 18446744073709ULL * NSEC_PER_MSEC);
}

Test(units, size_suffixes_any_case)
{
	static const struct parse_case cases[] = {
		{ "1K", KIB },
		{ "1k", KIB },
		{ "1KiB", KIB },
		{ "1kib", KIB },
		{ "1KIB", KIB },
		{ "1kIb", KIB },
		{ "1M", MIB },
		{ "1MiB", MIB },
		{ "1mib", MIB },
		{ "1MIB", MIB },
		{ "1G", GIB },
		{ "1g", GIB },
		{ "1GiB", GIB },
		{ "1gib", GIB },
		{ "1GIB", GIB },
		{ "1T", TIB },
		{ "1t", TIB },
		{ "1TiB", TIB },
		{ "1tib", TIB },
		{ "1TIB", TIB },
		{ "0K", 0 },
		{ "0TiB", 0 },
		{ "512m", 512 * MIB },
		{ "512M", 512 * MIB },
		{ "16383T", 16383 * TIB },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		expect_size(cases[i].text, cases[i].value);
}

Test(units, size_plain_and_decimal)
{
	expect_size("0", 0);
	expect_size("1", 1);
	expect_size("1000", 1000);
	expect_size("4096", 4096);
	expect_size("1.5G", GIB + GIB / 2);
	expect_size("1.5K", 1536);
	expect_size("0.5M", 512 * KIB);
	expect_size("0.25T", TIB / 4);
	expect_size("2.75GiB", 2 * GIB + 3 * GIB / 4);
	expect_size("0.1K", 102); /* 102.4 bytes: the fraction of a byte is cut */
	expect_size("1.9", 1);
	expect_size("0.001K", 1);
	expect_size("0.000000001T", 1099); /* 1099.511627776 */
}

Test(units, size_rejects)
{
	static const char *const bad[] = {
		"",    "-1",  "+1",  " 1",   "1 ",  "1.",   ".5",   "1x",    "1KB",
		"1kb", "1B",  "1Ki", "1KI",  "1Mi", "1P",   "1PiB", "abc",   "K",
		"1 K", "1K ", "1e3", "0x10", "1,5", "1.5.", "\t1",  "1KiBs", "1iB",
	};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		expect_size_error(bad[i], -EINVAL);
	expect_size_error(NULL, -EINVAL);
}

Test(units, size_overflow)
{
	expect_size("18446744073709551615", UINT64_MAX);
	expect_size("18446744073709551610", UINT64_MAX - 5);
	expect_size_error("18446744073709551616", -ERANGE);
	expect_size_error("18446744073709551620", -ERANGE);
	expect_size_error("99999999999999999999", -ERANGE);
	expect_size_error("184467440737095516150", -ERANGE);
	/* UINT64_MAX / 1024 = 18014398509481983.999 */
	expect_size("18014398509481983K", 18014398509481983ULL * KIB);
	expect_size_error("18014398509481984K", -ERANGE);
	expect_size("16777215T", 16777215ULL * TIB);
	expect_size_error("16777216T", -ERANGE);
	/* a fraction of a binary unit never carries past the next multiple */
	expect_size("16777215.5T", 16777215ULL * TIB + TIB / 2);
	expect_size_error("17179869184G", -ERANGE);
}

Test(units, format_duration_shortest)
{
	static const struct parse_case cases[] = {
		{ "0s", 0 },
		{ "250ms", 250 * NSEC_PER_MSEC },
		{ "1ms", NSEC_PER_MSEC },
		{ "999ms", 999 * NSEC_PER_MSEC },
		{ "1s", NSEC_PER_SEC },
		{ "30s", 30 * NSEC_PER_SEC },
		{ "90s", 90 * NSEC_PER_SEC },
		{ "1m", 60 * NSEC_PER_SEC },
		{ "5m", 5 * 60 * NSEC_PER_SEC },
		{ "59m", 59 * 60 * NSEC_PER_SEC },
		{ "1h", 3600 * NSEC_PER_SEC },
		{ "2h", 2 * 3600 * NSEC_PER_SEC },
		{ "61m", 61 * 60 * NSEC_PER_SEC },
		{ "1.5s", 1500 * NSEC_PER_MSEC },
		{ "0.000000001s", 1 },
		{ "0.0005s", 500000 },
		{ "60.5s", 60500 * NSEC_PER_MSEC },
		{ "18446744073.709551615s", UINT64_MAX },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char buf[64];
		format_duration(cases[i].value, buf, sizeof(buf));
		cr_expect_str_eq(buf, cases[i].text, "format_duration(%llu) = \"%s\", want \"%s\"",
		                 (unsigned long long)cases[i].value, buf, cases[i].text);
	}
}

Test(units, format_size_shortest)
{
	static const struct parse_case cases[] = {
		{ "0", 0 },
		{ "1", 1 },
		{ "1000", 1000 },
		{ "1536", 1536 },
		{ "1K", KIB },
		{ "3K", 3 * KIB },
		{ "1023K", 1023 * KIB },
		{ "512M", 512 * MIB },
		{ "1025M", 1025 * MIB },
		{ "1G", GIB },
		{ "1T", TIB },
		{ "1024T", 1024 * TIB },
		{ "18446744073709551615", UINT64_MAX },
		{ "18014398509481983K", UINT64_MAX - 1023 },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char buf[64];
		format_size(cases[i].value, buf, sizeof(buf));
		cr_expect_str_eq(buf, cases[i].text, "format_size(%llu) = \"%s\", want \"%s\"",
		                 (unsigned long long)cases[i].value, buf, cases[i].text);
	}
}

Test(units, format_truncates_to_buffer)
{
	char buf[4] = "xxx";
	format_duration(250 * NSEC_PER_MSEC, buf, sizeof(buf));
	cr_expect_str_eq(buf, "250");
	format_size(512 * MIB, buf, 3);
	cr_expect_str_eq(buf, "51");
}

/* Values of every shape: powers of two and ten, their neighbours, and a
 * simple multiplicative sequence that visits odd values. */
static uint64_t sample_value(size_t i)
{
	if (i < 64)
		return 1ULL << i;
	if (i < 128)
		return (1ULL << (i - 64)) - 1;
	if (i < 148) {
		uint64_t p = 1;
		for (size_t k = 0; k < i - 128; k++)
			p *= 10;
		return p;
	}
	if (i < 168) {
		uint64_t p = 1;
		for (size_t k = 0; k < i - 148; k++)
			p *= 10;
		return p + 1;
	}
	uint64_t v = 0x9e3779b97f4a7c15ULL * (uint64_t)i;
	return v >> (i % 64);
}

#define N_SAMPLES 2000

Test(units, duration_round_trip)
{
	for (size_t i = 0; i < N_SAMPLES; i++) {
		uint64_t v = sample_value(i), back = 0;
		char buf[64];
		format_duration(v, buf, sizeof(buf));
		int r = parse_duration(buf, &back);
		cr_assert_eq(r, 0, "parse_duration(format_duration(%llu) = \"%s\") = %d",
		             (unsigned long long)v, buf, r);
		cr_assert_eq(back, v, "%llu -> \"%s\" -> %llu", (unsigned long long)v, buf,
		             (unsigned long long)back);
	}
	/* every multiple of a millisecond, second, minute and hour nearby */
	static const uint64_t steps[] = { 1, NSEC_PER_MSEC, NSEC_PER_SEC, 60 * NSEC_PER_SEC,
		                          3600 * NSEC_PER_SEC };
	for (size_t s = 0; s < ARRAY_SIZE(steps); s++)
		for (uint64_t k = 0; k < 200; k++) {
			uint64_t v = k * steps[s], back = 0;
			char buf[64];
			format_duration(v, buf, sizeof(buf));
			cr_assert_eq(parse_duration(buf, &back), 0, "\"%s\"", buf);
			cr_assert_eq(back, v, "%llu -> \"%s\" -> %llu", (unsigned long long)v, buf,
			             (unsigned long long)back);
		}
}

Test(units, size_round_trip)
{
	for (size_t i = 0; i < N_SAMPLES; i++) {
		uint64_t v = sample_value(i), back = 0;
		char buf[64];
		format_size(v, buf, sizeof(buf));
		int r = parse_size(buf, &back);
		cr_assert_eq(r, 0, "parse_size(format_size(%llu) = \"%s\") = %d",
		             (unsigned long long)v, buf, r);
		cr_assert_eq(back, v, "%llu -> \"%s\" -> %llu", (unsigned long long)v, buf,
		             (unsigned long long)back);
	}
	static const uint64_t edges[] = { UINT64_MAX, UINT64_MAX - 1, UINT64_MAX - 1023,
		                          UINT64_MAX - (MIB - 1), UINT64_MAX - (TIB - 1) };
	for (size_t i = 0; i < ARRAY_SIZE(edges); i++) {
		uint64_t back = 0;
		char buf[64];
		format_size(edges[i], buf, sizeof(buf));
		cr_expect_eq(parse_size(buf, &back), 0, "\"%s\"", buf);
		cr_expect_eq(back, edges[i], "%llu -> \"%s\" -> %llu", (unsigned long long)edges[i],
		             buf, (unsigned long long)back);
	}
}

/* Fraction digits past the ninth count when the unit is large. */
Test(units, long_fractions_are_exact_for_large_units)
{
	uint64_t v = 0;
	cr_assert_eq(parse_duration("0.0000000005h", &v), 0);
	cr_expect_eq(v, 1800); /* 5e-10 h = 1.8 us */
	cr_assert_eq(parse_size("0.0000000099T", &v), 0);
	cr_expect_eq(v, 10885); /* 9.9e-9 * 2^40 = 10885.2... */
	cr_assert_eq(parse_duration("1.123456789123456789123s", &v), 0);
	cr_expect_eq(v, 1123456789ULL);
}
