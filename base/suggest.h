/* "did you mean": the candidate closest to a misspelt word. */
#ifndef LAUNCH_BASE_SUGGEST_H
#define LAUNCH_BASE_SUGGEST_H

#include <stddef.h>

/* Edits (insert, delete, substitute, swap two neighbours) from a to b,
 * ignoring case; counting stops past limit (then limit + 1). */
size_t edit_distance(const char *a, const char *b, size_t limit);
/* The closest candidate near enough to be a typo of word (one edit for up
 * to 5 letters, two for up to 11, a quarter of the length beyond), or
 * NULL. */
const char *suggest(const char *word, const char *const *candidates, size_t n);

#endif
