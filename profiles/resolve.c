#include "profiles/resolve.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/strbuf.h"
#include "base/suggest.h"

#ifndef PROFILES_DIR
#define PROFILES_DIR "/usr/local/share/launch/profiles"
#endif

#define DEFAULT_NAME "default"

/* A profile found: where it is read from and how messages name it. */
struct located {
	bool embedded;
	char path[PATH_MAX]; /* what is read, and named in messages */
	char id[PATH_MAX];   /* the same file, whatever the path (for cycles) */
	char dir[PATH_MAX];  /* where its extends paths start */
};

static bool is_path(const char *spec)
{
	size_t len = strlen(spec);
	return strchr(spec, '/') || (len > 5 && strcmp(spec + len - 5, ".json") == 0);
}

/* The directories of shipped profiles: profiles/ beside the binary's
 * directory (the source tree: build/launch -> ../profiles), share/ beside
 * it (an installed launch, wherever it was installed: bin/launch ->
 * ../share/launch/profiles), then the directory the build was configured
 * with. */
#define MAX_DIRS 3

static size_t shipped_dirs(char dirs[MAX_DIRS][PATH_MAX])
{
	size_t n = 0;
	char exe[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (len > 0) {
		exe[len] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			if (snprintf(dirs[n], PATH_MAX, "%s/../profiles", exe) < PATH_MAX)
				n++;
			if (snprintf(dirs[n], PATH_MAX, "%s/../share/launch/profiles", exe) <
			    PATH_MAX)
				n++;
		}
	}
	snprintf(dirs[n++], PATH_MAX, "%s", PROFILES_DIR);
	return n;
}

/* The names of the shipped profiles ("default" and the files found), for
 * messages; *n gets how many. */
static size_t shipped_names(char names[][NAME_MAX + 1], size_t max)
{
	char dirs[MAX_DIRS][PATH_MAX];
	size_t n_dirs = shipped_dirs(dirs), n = 0;
	snprintf(names[n++], NAME_MAX + 1, "%s", DEFAULT_NAME);
	for (size_t i = 0; i < n_dirs; i++) {
		DIR *d = opendir(dirs[i]);
		struct dirent *de;
		while (d && (de = readdir(d)) && n < max) {
			size_t len = strlen(de->d_name);
			if (len <= 5 || strcmp(de->d_name + len - 5, ".json") ||
			    strstr(de->d_name, "schema"))
				continue;
			de->d_name[len - 5] = '\0';
			bool seen = false;
			for (size_t j = 0; j < n; j++)
				seen |= strcmp(names[j], de->d_name) == 0;
			if (!seen)
				snprintf(names[n++], NAME_MAX + 1, "%s", de->d_name);
		}
		if (d)
			closedir(d);
	}
	return n;
}

static void id_of(struct located *loc)
{
	char real[PATH_MAX];
	snprintf(loc->id, sizeof(loc->id), "%s", realpath(loc->path, real) ? real : loc->path);
}

/* Where spec (a shipped name, or a path relative to dir) is. */
static bool locate(const char *spec, const char *dir, struct located *loc)
{
	memset(loc, 0, sizeof(*loc));
	if (!is_path(spec)) {
		if (strcmp(spec, DEFAULT_NAME) == 0) {
			loc->embedded = true;
			snprintf(loc->path, sizeof(loc->path), "%s.json", DEFAULT_NAME);
			snprintf(loc->id, sizeof(loc->id), "(built-in) %s", DEFAULT_NAME);
			return true;
		}
		char dirs[MAX_DIRS][PATH_MAX];
		size_t n = shipped_dirs(dirs);
		for (size_t i = 0; i < n; i++) {
			if (snprintf(loc->path, sizeof(loc->path), "%s/%s.json", dirs[i], spec) >=
			            (int)sizeof(loc->path) ||
			    access(loc->path, F_OK) != 0)
				continue;
			snprintf(loc->dir, sizeof(loc->dir), "%s", dirs[i]);
			id_of(loc);
			return true;
		}
		return false;
	}
	if (spec[0] != '/' && dir && dir[0])
		snprintf(loc->path, sizeof(loc->path), "%s/%s", dir, spec);
	else
		snprintf(loc->path, sizeof(loc->path), "%s", spec);
	snprintf(loc->dir, sizeof(loc->dir), "%s", loc->path);
	char *slash = strrchr(loc->dir, '/');
	if (slash)
		*slash = '\0';
	else
		loc->dir[0] = '\0';
	id_of(loc);
	return true;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A link of the chain: where it is, its text (kept for the source lines of
 * the problems its extends has), what it sets. */
struct link {
	struct located loc;
	char *text; /* malloc'd; NULL for the built-in default */
	size_t len;
	struct profile p;
	struct profile_extends ext;
};

/* A problem with from's "extends"; from NULL: with --profile. */
static void extends_problem(struct profile_diag *d, const struct link *from, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

static void extends_problem(struct profile_diag *d, const struct link *from, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (from)
		profile_problem_in(d, from->loc.path, from->text, from->len, from->ext.line,
		                   from->ext.column, "extends: %s", msg);
	else
		profile_problem(d, "--profile", 0, 0, "%s", msg);
}

/* "ci" is not shipped: the closest name, or else those that are (sorted:
 * the directory's order is the file system's). */
static void not_shipped(struct profile_diag *d, const struct link *from, const char *spec)
{
	char names[32][NAME_MAX + 1];
	size_t n = shipped_names(names, 32);
	const char *list[32];
	for (size_t i = 0; i < n; i++)
		list[i] = names[i];
	qsort(list, n, sizeof(list[0]), by_name);
	const char *near = suggest(spec, list, n);
	if (near) {
		extends_problem(d, from, "no shipped profile \"%s\" (did you mean \"%s\"?)", spec,
		                near);
		return;
	}
	char all[512] = "";
	for (size_t i = 0; i < n; i++)
		snprintf(all + strlen(all), sizeof(all) - strlen(all), "%s%s", i ? ", " : "",
		         list[i]);
	extends_problem(d, from, "no shipped profile \"%s\" (shipped: %s)", spec, all);
}

static void cycle(struct profile_diag *d, struct link *const *chain, size_t n,
                  const struct located *again)
{
	struct strbuf text = STRBUF_INIT;
	for (size_t i = 0; i < n; i++)
		strbuf_printf(&text, "%s -> ", chain[i]->loc.path);
	strbuf_puts(&text, again->path);
	extends_problem(d, chain[n - 1], "a cycle: %s",
	                strbuf_failed(&text) ? again->path : text.data);
	strbuf_free(&text);
}

/* Reads and parses l; a file that cannot be read is a problem of the
 * extends that names it, where it stands. */
static int load_link(struct link *l, const struct link *from, const char *spec,
                     struct profile_diag *d)
{
	if (l->loc.embedded) {
		/* read at build time; it extends nothing, so no message quotes it */
		profile_embedded_default(&l->p);
		return 0;
	}
	profile_init(&l->p);
	char why[128];
	int r = profile_read_file(l->loc.path, &l->text, &l->len, why, sizeof(why));
	if (r < 0) {
		if (!from)
			profile_problem(d, l->loc.path, 0, 0, "%s", why);
		else if (strcmp(spec, l->loc.path) == 0)
			extends_problem(d, from, "\"%s\": %s", spec, why);
		else
			extends_problem(d, from, "\"%s\" (%s): %s", spec, l->loc.path, why);
		return r;
	}
	return profile_parse_text(l->loc.path, l->text, l->len, &l->p, &l->ext, d);
}

/* The report's name for a profile: a shipped name as is, a path's stem. */
static void shown_name(const char *spec, char *shown, size_t size)
{
	if (!is_path(spec)) {
		snprintf(shown, size, "%s", spec);
		return;
	}
	const char *base = strrchr(spec, '/');
	base = base ? base + 1 : spec;
	size_t len = strlen(base);
	if (len > 5 && strcmp(base + len - 5, ".json") == 0)
		len -= 5;
	snprintf(shown, size, "%.*s", (int)len, base);
}

int profile_resolve(const char *spec, struct profile *p, char *shown, size_t shown_size,
                    struct profile_diag *d)
{
	/* one link per profile in the chain, allocated as the chain grows:
	 * most runs read one, the embedded default */
	struct link *chain[PROFILE_MAX_CHAIN + 1];
	size_t n = 0;
	int r = 0;
	if (!spec)
		spec = DEFAULT_NAME;
	shown_name(spec, shown, shown_size);

	const char *next = spec;
	while (next) {
		const struct link *from = n ? chain[n - 1] : NULL;
		struct link *l = chain[n] = calloc(1, sizeof(*l));
		if (!l) {
			profile_problem(d, "launch", 0, 0, "out of memory");
			r = -ENOMEM;
			break;
		}
		n++;
		if (!locate(next, from ? from->loc.dir : NULL, &l->loc)) {
			not_shipped(d, from, next);
			r = -ENOENT;
			break;
		}
		for (size_t i = 0; i + 1 < n && r == 0; i++)
			if (strcmp(chain[i]->loc.id, l->loc.id) == 0) {
				cycle(d, chain, n - 1, &l->loc);
				r = -ELOOP;
			}
		if (r < 0)
			break;
		if (n > PROFILE_MAX_CHAIN) {
			extends_problem(d, from, "more than %d profiles deep", PROFILE_MAX_CHAIN);
			r = -ELOOP;
			break;
		}
		r = load_link(l, from, next, d);
		if (r < 0)
			break;
		next = l->ext.name;
	}

	if (r == 0) {
		/* from the documented defaults, the eldest ancestor first */
		profile_init_defaults(p);
		for (size_t i = n; i-- > 0;)
			profile_merge(p, &chain[i]->p);
		if (profile_failed(p)) {
			profile_problem(d, spec, 0, 0, "out of memory");
			r = -ENOMEM;
		} else {
			r = profile_check_merged(chain[0]->loc.path, p, d);
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (chain[i]) {
			profile_free(&chain[i]->p);
			free(chain[i]->text);
		}
		free(chain[i]);
	}
	return r;
}
