#include "cgroup/stats.h"

#include <stdlib.h>
#include <string.h>

#include "base/json.h"

/* A decimal number at p, up to end of field; p advances past it. */
static bool number_at(const char **p, uint64_t *v)
{
	const char *s = *p;
	uint64_t n = 0;
	if (*s < '0' || *s > '9')
		return false;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (n > (UINT64_MAX - 9) / 10)
			return false;
		n = n * 10 + (uint64_t)(*s - '0');
	}
	*p = s;
	*v = n;
	return true;
}

/* The start of the line after this one, or NULL after the last. */
static const char *next_line(const char *line)
{
	const char *nl = strchr(line, '\n');
	return nl && nl[1] ? nl + 1 : NULL;
}

bool cg_number(const char *text, uint64_t *v)
{
	const char *p = text;
	if (!number_at(&p, v))
		return false;
	return *p == '\0' || *p == '\n';
}

bool cg_keyed(const char *text, const char *key, uint64_t *v)
{
	size_t len = strlen(key);
	for (const char *line = *text ? text : NULL; line; line = next_line(line))
		if (strncmp(line, key, len) == 0 && line[len] == ' ') {
			const char *p = line + len + 1;
			return number_at(&p, v);
		}
	return false;
}

/* Adds the value of every "name=NUMBER" field of the line. */
static void sum_field(const char *line, const char *name, uint64_t *sum)
{
	size_t len = strlen(name);
	const char *end = strchrnul(line, '\n');
	for (const char *p = line; p < end; p++)
		if ((p == line || p[-1] == ' ') && strncmp(p, name, len) == 0 && p[len] == '=') {
			const char *q = p + len + 1;
			uint64_t v;
			if (number_at(&q, &v))
				*sum += v;
		}
}

bool cg_io_stat(const char *text, uint64_t *read, uint64_t *write)
{
	*read = *write = 0;
	for (const char *line = *text ? text : NULL; line; line = next_line(line)) {
		sum_field(line, "rbytes", read);
		sum_field(line, "wbytes", write);
	}
	return true; /* an empty io.stat: no I/O */
}

bool cg_blkio_bytes(const char *text, uint64_t *read, uint64_t *write)
{
	*read = *write = 0;
	for (const char *line = *text ? text : NULL; line; line = next_line(line)) {
		/* "MAJ:MIN Read N"; the "Total N" line sums everything */
		const char *op = strchr(line, ' ');
		const char *end = strchrnul(line, '\n');
		if (!op || op > end)
			continue;
		op++;
		uint64_t *into = strncmp(op, "Read ", 5) == 0    ? read
		                 : strncmp(op, "Write ", 6) == 0 ? write
		                                                 : NULL;
		if (!into)
			continue;
		const char *p = strchr(op, ' ') + 1;
		uint64_t v;
		if (number_at(&p, &v))
			*into += v;
	}
	return true;
}

void cg_value_json(struct json_writer *w, const char *key, struct cg_value v)
{
	json_key(w, key);
	if (v.known)
		json_uint(w, v.v);
	else
		json_null(w);
}

void cg_seconds_json(struct json_writer *w, const char *key, struct cg_value us)
{
	json_key(w, key);
	if (us.known)
		json_decimal(w, us.v, 6);
	else
		json_null(w);
}
