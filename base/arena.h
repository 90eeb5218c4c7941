/* A bump allocator for things that live and die together (a profile's
 * strings and arrays): many small allocations, one free. Allocation failure
 * is sticky, as in strbuf: callers check arena_failed() once. */
#ifndef LAUNCH_BASE_ARENA_H
#define LAUNCH_BASE_ARENA_H

#include <stdbool.h>
#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
	bool failed;
};

#define ARENA_INIT          \
	{                   \
		NULL, false \
	}

/* Zeroed memory aligned for any type; NULL on failure. */
void *arena_alloc(struct arena *a, size_t size);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t len);
bool arena_failed(const struct arena *a);
void arena_free(struct arena *a);

#endif
