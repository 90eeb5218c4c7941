/* Durations and sizes as the SPEC writes them: "250ms", "30s", "5m", "2h" or
 * plain seconds; "512M", "1GiB" or plain bytes. Both are a decimal number
 * with an optional suffix that scales it, parsed by one routine with exact
 * integer arithmetic (no floating point rounding). */
#ifndef LAUNCH_BASE_UNITS_H
#define LAUNCH_BASE_UNITS_H

#include <stddef.h>
#include <stdint.h>

#define NSEC_PER_USEC 1000ULL
#define NSEC_PER_MSEC 1000000ULL
#define NSEC_PER_SEC 1000000000ULL

/* 0, -EINVAL for text that is not a duration, -ERANGE when too large. */
int parse_duration(const char *text, uint64_t *ns);
/* 0, -EINVAL for text that is not a size, -ERANGE when too large. */
int parse_size(const char *text, uint64_t *bytes);
/* A plain decimal number in units of 10^-decimals: ("1.5", 6) -> 1500000;
 * further digits are cut. 0, -EINVAL or -ERANGE. */
int parse_fixed(const char *text, unsigned decimals, uint64_t *value);

/* Shortest exact spelling that parse_duration reads back: "250ms", "30s",
 * "5m", "1.5s". */
void format_duration(uint64_t ns, char *buf, size_t size);
/* Shortest exact spelling that parse_size reads back: "512M", "1G", "1000". */
void format_size(uint64_t bytes, char *buf, size_t size);
/* A wall-clock time as UTC ISO 8601 with milliseconds:
 * "2026-11-21T15:00:00.123Z". */
struct timespec;
void format_utc_time(const struct timespec *ts, char *buf, size_t size);

#endif
