#include "base/units.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "base/cleanup.h"

struct unit {
	const char *suffix;
	uint64_t scale;
};

static const struct unit duration_units[] = {
	{ "ms", NSEC_PER_MSEC },
	{ "s", NSEC_PER_SEC },
	{ "m", 60 * NSEC_PER_SEC },
	{ "h", 3600 * NSEC_PER_SEC },
};

/* Binary multiples, both spellings, any case (SPEC: "512M" = 512 MiB). */
static const struct unit size_units[] = {
	{ "K", 1ULL << 10 }, { "KiB", 1ULL << 10 }, { "M", 1ULL << 20 }, { "MiB", 1ULL << 20 },
	{ "G", 1ULL << 30 }, { "GiB", 1ULL << 30 }, { "T", 1ULL << 40 }, { "TiB", 1ULL << 40 },
};

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Up to 18 fraction digits count (10^18 still fits 64 bits); the largest
 * scale is 2^40 bytes or 3600 s in ns, so fraction * scale fits 128 bits
 * and the result is exact to the last nanosecond or byte, cut not rounded. */
#define FRACTION_DIGITS_MAX 18

/* "<digits>[.<digits>][suffix]" -> value * scale(suffix). */
static int parse_scaled(const char *text, const struct unit *units, size_t n_units,
                        uint64_t default_scale, bool suffix_any_case, uint64_t *out)
{
	const char *p = text;
	uint64_t whole = 0, frac = 0, frac_div = 1;

	if (!text || !is_digit(*p))
		return -EINVAL;
	for (; is_digit(*p); p++) {
		uint64_t digit = (uint64_t)(*p - '0');
		if (whole > (UINT64_MAX - digit) / 10)
			return -ERANGE;
		whole = whole * 10 + digit;
	}
	if (*p == '.') {
		p++;
		if (!is_digit(*p))
			return -EINVAL;
		for (int digits = 0; is_digit(*p); p++, digits++) {
			if (digits < FRACTION_DIGITS_MAX) {
				frac = frac * 10 + (uint64_t)(*p - '0');
				frac_div *= 10;
			}
		}
	}

	uint64_t scale = default_scale;
	if (*p) {
		const struct unit *found = NULL;
		for (size_t i = 0; i < n_units; i++) {
			int cmp = suffix_any_case ? strcasecmp(p, units[i].suffix)
			                          : strcmp(p, units[i].suffix);
			if (cmp == 0) {
				found = &units[i];
				break;
			}
		}
		if (!found)
			return -EINVAL;
		scale = found->scale;
	}

	if (whole > UINT64_MAX / scale)
		return -ERANGE;
	uint64_t value = whole * scale;
	uint64_t frac_part = (uint64_t)((unsigned __int128)frac * scale / frac_div);
	if (value > UINT64_MAX - frac_part)
		return -ERANGE;
	*out = value + frac_part;
	return 0;
}

int parse_duration(const char *text, uint64_t *ns)
{
	return parse_scaled(text, duration_units, ARRAY_SIZE(duration_units), NSEC_PER_SEC, false,
	                    ns);
}

int parse_size(const char *text, uint64_t *bytes)
{
	return parse_scaled(text, size_units, ARRAY_SIZE(size_units), 1, true, bytes);
}

int parse_fixed(const char *text, unsigned decimals, uint64_t *value)
{
	uint64_t scale = 1;
	if (decimals > FRACTION_DIGITS_MAX)
		return -EINVAL;
	for (unsigned i = 0; i < decimals; i++)
		scale *= 10;
	return parse_scaled(text, NULL, 0, scale, false, value);
}

void format_duration(uint64_t ns, char *buf, size_t size)
{
	if (ns % (3600 * NSEC_PER_SEC) == 0 && ns != 0)
		snprintf(buf, size, "%lluh", (unsigned long long)(ns / (3600 * NSEC_PER_SEC)));
	else if (ns % (60 * NSEC_PER_SEC) == 0 && ns != 0)
		snprintf(buf, size, "%llum", (unsigned long long)(ns / (60 * NSEC_PER_SEC)));
	else if (ns % NSEC_PER_SEC == 0)
		snprintf(buf, size, "%llus", (unsigned long long)(ns / NSEC_PER_SEC));
	else if (ns % NSEC_PER_MSEC == 0 && ns < NSEC_PER_SEC)
		snprintf(buf, size, "%llums", (unsigned long long)(ns / NSEC_PER_MSEC));
	else {
		/* seconds with as many decimals as needed, up to 9 */
		char frac[16];
		snprintf(frac, sizeof(frac), "%09llu", (unsigned long long)(ns % NSEC_PER_SEC));
		for (size_t len = strlen(frac); len > 1 && frac[len - 1] == '0'; len--)
			frac[len - 1] = '\0';
		snprintf(buf, size, "%llu.%ss", (unsigned long long)(ns / NSEC_PER_SEC), frac);
	}
}

void format_size(uint64_t bytes, char *buf, size_t size)
{
	static const char suffixes[] = "TGMK";
	for (int i = 0; i < 4; i++) {
		uint64_t scale = 1ULL << (10 * (4 - i));
		if (bytes != 0 && bytes % scale == 0) {
			snprintf(buf, size, "%llu%c", (unsigned long long)(bytes / scale),
			         suffixes[i]);
			return;
		}
	}
	snprintf(buf, size, "%llu", (unsigned long long)bytes);
}

void format_utc_time(const struct timespec *ts, char *buf, size_t size)
{
	struct tm tm;
	gmtime_r(&ts->tv_sec, &tm);
	size_t n = strftime(buf, size, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf + n, size - n, ".%03ldZ", ts->tv_nsec / 1000000L);
}
