/* Profiles (SPEC "Profiles", "Exit status"): every malformed fixture of
 * tests/profiles/bad is refused by --check with exactly its .err, and by a
 * run with its first problem, before anything runs; files that are no
 * profile at all (a directory, unreadable, missing, too large, a FIFO);
 * --check of several files; --show of every good and shipped profile reads
 * back as it was, overrides included; extends by name and by relative
 * path; the command line over the profile; the keys a run once refused
 * now reach the command. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"

TestSuite(profiles, .fini = h_cleanup, .timeout = 60);

#define MAX_FILES 256

/* A directory beside the build: build/launch -> tests/profiles, profiles. */
static const char *beside_build(const char *rel, char *buf)
{
	if (!buf[0]) {
		char bin[PATH_MAX];
		snprintf(bin, sizeof(bin), "%s", launch_bin());
		char *slash = strrchr(bin, '/');
		cr_assert(slash);
		*slash = '\0';
		cr_assert(snprintf(buf, PATH_MAX, "%s/../%s", bin, rel) < PATH_MAX);
	}
	struct stat st;
	if (stat(buf, &st) != 0 || !S_ISDIR(st.st_mode))
		cr_skip_test("%s is not here (a guest without the source tree?)", buf);
	return buf;
}

static const char *fixtures(void)
{
	static char dir[PATH_MAX];
	return beside_build("tests/profiles", dir);
}

static const char *shipped(void)
{
	static char dir[PATH_MAX];
	return beside_build("profiles", dir);
}

/* launch ARGS... in dir; every wait has its deadline */
static void run_in(const char *dir, struct result *r, double timeout_s, const char *const argv[])
{
	struct spawn_opts o = { .tty_fd = -1, .cwd = dir };
	struct child c;
	h_spawn(&c, &o, argv);
	h_wait(&c, timeout_s, r);
}

/* A file's bytes, NUL-terminated (malloc'd); NULL if it cannot be read. */
static char *slurp(const char *dir, const char *name, size_t *len)
{
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t size = 0, n;
	char chunk[4096];
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		buf = realloc(buf, size + n + 1);
		cr_assert(buf);
		memcpy(buf + size, chunk, n);
		size += n;
	}
	fclose(f);
	if (!buf)
		buf = calloc(1, 1);
	buf[size] = '\0';
	if (len)
		*len = size;
	return buf;
}

static const char *make_file(const char *name, const char *content)
{
	static char paths[8][PATH_MAX];
	static int next;
	char *path = paths[next++ % 8];
	snprintf(path, PATH_MAX, "%s/%s", h_tmpdir(), name);
	FILE *f = fopen(path, "w");
	cr_assert(f, "%s: %s", path, strerror(errno));
	fputs(content, f);
	fclose(f);
	return path;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in dir ending in suffix, sorted (malloc'd, as is each). */
static size_t list(const char *dir, const char *suffix, char *names[MAX_FILES])
{
	DIR *d = opendir(dir);
	cr_assert(d, "%s: %s", dir, strerror(errno));
	size_t n = 0, slen = strlen(suffix);
	struct dirent *de;
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		if (len > slen && strcmp(de->d_name + len - slen, suffix) == 0) {
			cr_assert(n < MAX_FILES);
			names[n++] = strdup(de->d_name);
		}
	}
	closedir(d);
	qsort(names, n, sizeof(names[0]), by_name);
	return n;
}

static void free_list(char *names[], size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
}

/* ---- the bad fixtures ---------------------------------------------------- */

static bool exists(const char *dir, const char *name, size_t stem, const char *suffix)
{
	char path[PATH_MAX];
	if (snprintf(path, sizeof(path), "%s/%.*s%s", dir, (int)stem, name, suffix) >=
	    (int)sizeof(path))
		return false;
	return access(path, F_OK) == 0;
}

/* NAME.json and NAME.err come in pairs, and there are enough of them. */
Test(profiles, every_bad_fixture_has_its_expected_output)
{
	char dir[PATH_MAX], *json[MAX_FILES], *err[MAX_FILES];
	snprintf(dir, sizeof(dir), "%s/bad", fixtures());
	size_t n = list(dir, ".json", json), n_err = list(dir, ".err", err);
	cr_expect_geq(n, 45, "only %zu fixtures", n);
	for (size_t i = 0; i < n; i++)
		cr_expect(exists(dir, json[i], strlen(json[i]) - 5, ".err"), "bad/%s has no .err",
		          json[i]);
	for (size_t i = 0; i < n_err; i++)
		cr_expect(exists(dir, err[i], strlen(err[i]) - 4, ".json"), "bad/%s has no fixture",
		          err[i]);
	free_list(err, n_err);
	free_list(json, n);
}

Test(profiles, check_prints_exactly_each_fixtures_problems)
{
	char dir[PATH_MAX], *json[MAX_FILES];
	snprintf(dir, sizeof(dir), "%s/bad", fixtures());
	size_t n = list(dir, ".json", json);
	for (size_t i = 0; i < n; i++) {
		char arg[PATH_MAX], errname[PATH_MAX];
		snprintf(arg, sizeof(arg), "bad/%s", json[i]);
		snprintf(errname, sizeof(errname), "bad/%.*s.err", (int)(strlen(json[i]) - 5),
		         json[i]);
		size_t want_len;
		char *want = slurp(fixtures(), errname, &want_len);
		cr_expect(want, "%s has no %s", arg, errname);
		if (!want)
			continue;
		struct result r;
		const char *argv[] = { launch_bin(), "--check", arg, NULL };
		run_in(fixtures(), &r, 10, argv);
		cr_expect_eq(r.code, 125, "%s: exit %d", arg, r.code);
		cr_expect_str_eq(r.out, "", "%s: stdout %s", arg, r.out);
		cr_expect(r.err_len == want_len && memcmp(r.err, want, want_len) == 0,
		          "%s: stderr is\n%s\nnot %s:\n%s", arg, r.err, errname, want);
		free(want);
		h_result_free(&r);
	}
	free_list(json, n);
}

/* The run's cgroups are named run-PID-...: none of these launches left one. */
static void expect_no_cgroup_of(const pid_t *pids, size_t n)
{
	FILE *p = popen("find /sys/fs/cgroup -maxdepth 4 -path '*/launch/run-*' 2>/dev/null", "r");
	cr_assert(p);
	char line[PATH_MAX];
	while (fgets(line, sizeof(line), p)) {
		for (size_t i = 0; i < n; i++) {
			char prefix[64];
			snprintf(prefix, sizeof(prefix), "/launch/run-%d-", pids[i]);
			cr_expect(!strstr(line, prefix), "left behind: %s", line);
		}
	}
	pclose(p);
}

/* A run with a bad profile says its first problem (the line of --check
 * without the source line and caret), how many there are when more than
 * one, and runs nothing. */
Test(profiles, run_with_a_bad_fixture_says_its_first_problem_and_runs_nothing)
{
	char dir[PATH_MAX], *json[MAX_FILES], marker[PATH_MAX];
	snprintf(dir, sizeof(dir), "%s/bad", fixtures());
	snprintf(marker, sizeof(marker), "%s/ran", h_tmpdir());
	size_t n = list(dir, ".json", json);
	pid_t pids[MAX_FILES];
	for (size_t i = 0; i < n; i++) {
		char arg[PATH_MAX], errname[PATH_MAX], script[PATH_MAX + 16];
		snprintf(arg, sizeof(arg), "bad/%s", json[i]);
		snprintf(errname, sizeof(errname), "bad/%.*s.err", (int)(strlen(json[i]) - 5),
		         json[i]);
		snprintf(script, sizeof(script), ": > '%s'", marker);
		char *check = slurp(fixtures(), errname, NULL);
		if (!check)
			continue; /* said by the test above */
		int problems = 0;
		for (const char *l = check; l; l = strchr(l, '\n'), l = l ? l + 1 : NULL)
			problems += strncmp(l, "launch: ", 8) == 0;
		char want[4096];
		int len = snprintf(want, sizeof(want), "%.*s", (int)strcspn(check, "\n"), check);
		if (problems > 1)
			len += snprintf(want + len, sizeof(want) - (size_t)len,
			                " (hint: %d problems in all: launch --check %s)", problems,
			                arg);
		snprintf(want + len, sizeof(want) - (size_t)len, "\n");

		struct spawn_opts o = { .tty_fd = -1, .cwd = fixtures() };
		struct child c;
		struct result r;
		const char *argv[] = { launch_bin(), "--profile", arg,    "--",
			               "/bin/sh",    "-c",        script, NULL };
		h_spawn(&c, &o, argv);
		pids[i] = c.pid;
		h_wait(&c, 10, &r);
		cr_expect_eq(r.code, 125, "%s: exit %d", arg, r.code);
		cr_expect_str_eq(r.err, want, "%s", arg);
		cr_expect_str_eq(r.out, "", "%s", arg);
		cr_expect(access(marker, F_OK) != 0, "%s: the command ran", arg);
		unlink(marker);
		free(check);
		h_result_free(&r);
	}
	expect_no_cgroup_of(pids, n);
	free_list(json, n);
}

/* ---- files that are no profile ------------------------------------------- */

/* launch --check PATH and launch --profile PATH -- CMD: 125, one line. */
static void expect_refused(const char *path, const char *line)
{
	char marker[PATH_MAX], script[PATH_MAX + 16];
	snprintf(marker, sizeof(marker), "%s/ran", h_tmpdir());
	snprintf(script, sizeof(script), ": > '%s'", marker);
	struct result r;
	const char *check[] = { launch_bin(), "--check", path, NULL };
	h_run(&r, 10, check);
	cr_expect_eq(r.code, 125, "--check %s: exit %d", path, r.code);
	cr_expect_str_eq(r.err, line);
	cr_expect_str_eq(r.out, "");
	cr_expect_lt(r.seconds, 2.0, "--check %s took %.1f s", path, r.seconds);
	h_result_free(&r);
	const char *run[] = {
		launch_bin(), "--profile", path, "--", "/bin/sh", "-c", script, NULL
	};
	h_run(&r, 10, run);
	cr_expect_eq(r.code, 125, "--profile %s: exit %d", path, r.code);
	cr_expect_str_eq(r.err, line);
	cr_expect(access(marker, F_OK) != 0, "--profile %s: the command ran", path);
	cr_expect_lt(r.seconds, 2.0, "--profile %s took %.1f s", path, r.seconds);
	h_result_free(&r);
}

Test(profiles, a_directory_is_not_a_profile)
{
	char line[PATH_MAX + 64];
	snprintf(line, sizeof(line), "launch: %s: a directory, not a profile\n", h_tmpdir());
	expect_refused(h_tmpdir(), line);
}

Test(profiles, a_missing_file_is_said_with_its_path)
{
	char path[PATH_MAX], line[PATH_MAX + 64];
	snprintf(path, sizeof(path), "%s/nothing-here.json", h_tmpdir());
	snprintf(line, sizeof(line), "launch: %s: No such file or directory\n", path);
	expect_refused(path, line);
}

/* root reads any file: the check runs as nobody, on a file only root may
 * read, in a directory nobody may enter */
Test(profiles, an_unreadable_file_is_said_with_its_path)
{
	if (geteuid() != 0)
		cr_skip_test("running launch as nobody needs root");
	if (access("/usr/bin/setpriv", X_OK) != 0)
		cr_skip_test("needs setpriv (util-linux) to run launch as nobody");
	cr_assert_eq(chmod(h_tmpdir(), 0711), 0);
	const char *path = make_file("secret.json", "{}\n");
	cr_assert_eq(chmod(path, 0600), 0);
	struct result r;
	const char *argv[] = { "/usr/bin/setpriv", "--reuid",    "65534",   "--regid", "65534",
		               "--clear-groups",   launch_bin(), "--check", path,      NULL };
	h_run(&r, 10, argv);
	char line[PATH_MAX + 64];
	snprintf(line, sizeof(line), "launch: %s: Permission denied\n", path);
	cr_expect_eq(r.code, 125);
	cr_expect_str_eq(r.err, line);
	cr_expect_str_eq(r.out, "");
	h_result_free(&r);
}

/* refused by its size, before a byte is read: at once */
Test(profiles, a_file_of_50_mb_is_too_large)
{
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s/huge.json", h_tmpdir());
	FILE *f = fopen(path, "w");
	cr_assert(f);
	static char chunk[1 << 20];
	memset(chunk, 'x', sizeof(chunk));
	fputs("{\"description\": \"", f);
	for (int i = 0; i < 50; i++)
		cr_assert_eq(fwrite(chunk, 1, sizeof(chunk), f), sizeof(chunk));
	fputs("\"}\n", f);
	cr_assert_eq(fclose(f), 0);
	struct stat st;
	cr_assert_eq(stat(path, &st), 0);
	char line[PATH_MAX + 128];
	snprintf(line, sizeof(line),
	         "launch: %s: %lld bytes: too large for a profile (at most 1048576)\n", path,
	         (long long)st.st_size);
	expect_refused(path, line);
}

/* no writer will come: launch must not wait for one */
Test(profiles, a_fifo_is_not_waited_on)
{
	char path[PATH_MAX], line[PATH_MAX + 64];
	snprintf(path, sizeof(path), "%s/fifo.json", h_tmpdir());
	cr_assert_eq(mkfifo(path, 0644), 0);
	snprintf(line, sizeof(line), "launch: %s: not a regular file\n", path);
	expect_refused(path, line);
}

/* ---- --check of several files ---------------------------------------------- */

Test(profiles, check_of_several_files_says_each)
{
	size_t len1, len2;
	char *err1 = slurp(fixtures(), "bad/pids-zero.err", &len1);
	char *err2 = slurp(fixtures(), "bad/several-problems.err", &len2);
	cr_assert(err1 && err2);
	struct result r;
	const char *argv[] = { launch_bin(),
		               "--check",
		               "good/minimal.json",
		               "bad/pids-zero.json",
		               "good/every-key.json",
		               "bad/several-problems.json",
		               "default",
		               NULL };
	run_in(fixtures(), &r, 10, argv);
	cr_expect_eq(r.code, 125);
	cr_expect_str_eq(r.out, "good/minimal.json: ok\ngood/every-key.json: ok\ndefault: ok\n");
	char *want = malloc(len1 + len2 + 1);
	cr_assert(want);
	memcpy(want, err1, len1);
	memcpy(want + len1, err2, len2 + 1);
	cr_expect_str_eq(r.err, want);
	free(want);
	free(err1);
	free(err2);
	h_result_free(&r);
}

Test(profiles, check_of_good_files_only_is_0)
{
	char dir[PATH_MAX], *json[MAX_FILES];
	snprintf(dir, sizeof(dir), "%s/good", fixtures());
	size_t n = list(dir, ".json", json);
	cr_assert_geq(n, 4);
	const char *argv[MAX_FILES + 3] = { launch_bin(), "--check" };
	char expect[8192] = "", paths[MAX_FILES][PATH_MAX];
	for (size_t i = 0; i < n; i++) {
		snprintf(paths[i], PATH_MAX, "good/%s", json[i]);
		argv[2 + i] = paths[i];
		snprintf(expect + strlen(expect), sizeof(expect) - strlen(expect), "%s: ok\n",
		         paths[i]);
	}
	struct result r;
	run_in(fixtures(), &r, 10, argv);
	cr_expect_eq(r.code, 0, "%s", r.err);
	cr_expect_str_eq(r.err, "");
	cr_expect_str_eq(r.out, expect);
	h_result_free(&r);
	free_list(json, n);
}

/* Each shipped profile by its name and by its path: the names from the
 * files in profiles/, whichever are there. */
Test(profiles, check_of_every_shipped_profile_is_0)
{
	char *json[MAX_FILES], names[MAX_FILES][NAME_MAX + 1], paths[MAX_FILES][PATH_MAX];
	size_t n = list(shipped(), ".json", json);
	cr_assert_geq(n, 1);
	const char *by_name[MAX_FILES + 3] = { launch_bin(), "--check" };
	const char *by_path[MAX_FILES + 3] = { launch_bin(), "--check" };
	char expect_names[8192] = "", expect_paths[16384] = "";
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (strstr(json[i], "schema"))
			continue; /* a JSON Schema of the format, not a profile */
		snprintf(names[k], sizeof(names[k]), "%.*s", (int)(strlen(json[i]) - 5), json[i]);
		snprintf(paths[k], sizeof(paths[k]), "%s/%s", shipped(), json[i]);
		by_name[2 + k] = names[k];
		by_path[2 + k] = paths[k];
		snprintf(expect_names + strlen(expect_names),
		         sizeof(expect_names) - strlen(expect_names), "%s: ok\n", names[k]);
		snprintf(expect_paths + strlen(expect_paths),
		         sizeof(expect_paths) - strlen(expect_paths), "%s: ok\n", paths[k]);
		k++;
	}
	struct result r;
	h_run(&r, 10, by_name);
	cr_expect_eq(r.code, 0, "%s", r.err);
	cr_expect_str_eq(r.out, expect_names);
	cr_expect_str_eq(r.err, "");
	h_result_free(&r);
	h_run(&r, 10, by_path);
	cr_expect_eq(r.code, 0, "%s", r.err);
	cr_expect_str_eq(r.out, expect_paths);
	cr_expect_str_eq(r.err, "");
	h_result_free(&r);
	free_list(json, n);
}

/* ---- --show ------------------------------------------------------------------ */

/* launch --show [--profile P] [EXTRA...] run in dir, into out (a file in
 * the temporary directory); the text. */
static char *show(const char *dir, const char *profile, const char *const extra[], const char *out)
{
	const char *argv[32] = { launch_bin(), "--show" };
	size_t n = 2;
	if (profile) {
		argv[n++] = "--profile";
		argv[n++] = profile;
	}
	for (size_t i = 0; extra && extra[i]; i++)
		argv[n++] = extra[i];
	argv[n] = NULL;
	struct result r;
	run_in(dir, &r, 10, argv);
	cr_assert_eq(r.code, 0, "--show --profile %s: exit %d: %s", profile ? profile : "-", r.code,
	             r.err);
	cr_expect_str_eq(r.err, "");
	FILE *f = fopen(out, "w");
	cr_assert(f);
	fputs(r.out, f);
	cr_assert_eq(fclose(f), 0);
	char *text = strdup(r.out);
	h_result_free(&r);
	return text;
}

/* --show's output is a profile that --check accepts and --show prints as
 * it is. */
static void expect_round_trip(const char *dir, const char *profile, const char *const extra[])
{
	char out[PATH_MAX], again[PATH_MAX];
	snprintf(out, sizeof(out), "%s/shown.json", h_tmpdir());
	snprintf(again, sizeof(again), "%s/shown-again.json", h_tmpdir());
	char *first = show(dir, profile, extra, out);
	struct result r;
	const char *check[] = { launch_bin(), "--check", out, NULL };
	h_run(&r, 10, check);
	cr_expect_eq(r.code, 0, "--show of %s does not --check: %s", profile ? profile : "-",
	             r.err);
	h_result_free(&r);
	char *second = show(dir, out, NULL, again);
	cr_expect_str_eq(second, first, "--show of %s does not read back as it was",
	                 profile ? profile : "-");
	free(first);
	free(second);
}

Test(profiles, show_reads_back_as_it_was_for_each_good_and_shipped_profile)
{
	expect_round_trip(fixtures(), NULL, NULL);
	char dir[PATH_MAX], *json[MAX_FILES];
	snprintf(dir, sizeof(dir), "%s/good", fixtures());
	size_t n = list(dir, ".json", json);
	for (size_t i = 0; i < n; i++) {
		char path[PATH_MAX];
		snprintf(path, sizeof(path), "good/%s", json[i]);
		expect_round_trip(fixtures(), path, NULL);
	}
	free_list(json, n);
	n = list(shipped(), ".json", json);
	for (size_t i = 0; i < n; i++) {
		if (strstr(json[i], "schema"))
			continue;
		char name[NAME_MAX + 1];
		snprintf(name, sizeof(name), "%.*s", (int)(strlen(json[i]) - 5), json[i]);
		expect_round_trip(fixtures(), name, NULL);
	}
	free_list(json, n);
}

static void expect_json(const char *file, const char *path, const char *value)
{
	char *v = h_json_get(file, path);
	cr_expect(v && strcmp(v, value) == 0, "%s is %s, not %s", path, v ? v : "missing", value);
	free(v);
}

Test(profiles, show_with_overrides_holds_them_and_reads_back)
{
	static const char *const overrides[] = { "--memory",  "1G",      "--net", "none",
		                                 "--bind",    ".:/work", "--env", "A=1",
		                                 "--timeout", "5s",      NULL };
	const char *profiles[] = { NULL, "good/every-key.json", "good/minimal.json" };
	char out[PATH_MAX];
	snprintf(out, sizeof(out), "%s/overridden.json", h_tmpdir());
	for (size_t i = 0; i < sizeof(profiles) / sizeof(profiles[0]); i++) {
		free(show(fixtures(), profiles[i], overrides, out));
		expect_json(out, "/limits/memory", "1G");
		expect_json(out, "/network", "none");
		expect_json(out, "/env/set/A", "1");
		expect_json(out, "/timeout", "5s");
		/* --bind is added after the profile's mounts */
		int n = h_json_count(out, "/filesystem/mounts");
		cr_assert_geq(n, 1);
		char path[64];
		snprintf(path, sizeof(path), "/filesystem/mounts/%d/source", n - 1);
		expect_json(out, path, "${PWD}");
		snprintf(path, sizeof(path), "/filesystem/mounts/%d/target", n - 1);
		expect_json(out, path, "/work");
		expect_round_trip(fixtures(), profiles[i], overrides);
	}
}

/* ---- extends --------------------------------------------------------------- */

Test(profiles, extends_a_shipped_profile_by_name)
{
	char out[PATH_MAX];
	snprintf(out, sizeof(out), "%s/shown.json", h_tmpdir());
	free(show(fixtures(), "good/extends-default.json", NULL, out));
	/* the default's namespaces, the child's limits and timeout */
	cr_expect_eq(h_json_count(out, "/namespaces"), 4);
	expect_json(out, "/namespaces/3", "uts");
	expect_json(out, "/limits/memory", "256M");
	expect_json(out, "/limits/pids", "64");
	expect_json(out, "/limits/cpus", "null");
	expect_json(out, "/timeout", "30s");
	expect_json(out, "/grace", "10s");
}

/* extends-path.json extends every-key.json, a path relative to its own
 * directory: found from any working directory. */
Test(profiles, extends_by_a_path_relative_to_the_extending_file)
{
	char from_tests[PATH_MAX], absolute[PATH_MAX], out[PATH_MAX], out2[PATH_MAX];
	snprintf(from_tests, sizeof(from_tests), "%s/..", fixtures());
	snprintf(absolute, sizeof(absolute), "%s/good/extends-path.json", fixtures());
	snprintf(out, sizeof(out), "%s/from-tests.json", h_tmpdir());
	snprintf(out2, sizeof(out2), "%s/from-root.json", h_tmpdir());
	char *a = show(from_tests, "profiles/good/extends-path.json", NULL, out);
	char *b = show("/", absolute, NULL, out2);
	cr_expect_str_eq(a, b);
	free(a);
	free(b);

	/* keys of the child win */
	expect_json(out, "/limits/memory", "1G");
	expect_json(out, "/timeout", "null");
	/* objects merge key by key: the parent's other limits stay */
	expect_json(out, "/limits/pids", "256");
	expect_json(out, "/limits/cpus", "1.5");
	expect_json(out, "/limits/cpuset", "0-1");
	expect_json(out, "/user/uid", "65534");
	expect_json(out, "/env/clear", "true");
	expect_json(out, "/env/set/LANG", "C");
	expect_json(out, "/env/set/EMPTY", "");
	expect_json(out, "/rlimits/nofile", "1024");
	expect_json(out, "/grace", "2.5s");
	/* arrays replace */
	cr_expect_eq(h_json_count(out, "/env/keep"), 1);
	expect_json(out, "/env/keep/0", "PATH");
	cr_expect_eq(h_json_count(out, "/filesystem/mounts"), 1);
	expect_json(out, "/filesystem/mounts/0/target", "/scratch");
	cr_expect_eq(h_json_count(out, "/seccomp/allow"), 2);
}

/* null takes a parent's value away again */
Test(profiles, null_in_a_child_unsets_the_parents_value)
{
	char out[PATH_MAX];
	snprintf(out, sizeof(out), "%s/shown.json", h_tmpdir());
	free(show(fixtures(), "good/nulls.json", NULL, out));
	static const char *const unset[] = { "/hostname",
		                             "/user/uid",
		                             "/user/gid",
		                             "/user/groups",
		                             "/cwd",
		                             "/limits/memory",
		                             "/limits/memory_high",
		                             "/limits/swap",
		                             "/limits/cpus",
		                             "/limits/cpu_weight",
		                             "/limits/pids",
		                             "/limits/io_weight",
		                             "/limits/cpuset",
		                             "/timeout",
		                             "/capabilities/keep",
		                             "/report",
		                             "/rlimits/nofile",
		                             "/rlimits/core/hard" };
	for (size_t i = 0; i < sizeof(unset) / sizeof(unset[0]); i++)
		expect_json(out, unset[i], "null");
	expect_json(out, "/rlimits/core/soft", "0");
}

/* ---- the command line over the profile ----------------------------------- */

Test(profiles, timeout_option_beats_the_profiles)
{
	const char *profile = make_file("hour.json", "{ \"timeout\": \"1h\" }\n");
	struct result r;
	const char *argv[] = { launch_bin(), "--profile", profile, "--timeout", "1s",
		               "--",         probe_bin(), "sleep", "10",        NULL };
	h_run(&r, 20, argv);
	cr_expect_eq(r.code, 124, "exit %d: %s", r.code, r.err);
	cr_expect_geq(r.seconds, 0.9);
	cr_expect_lt(r.seconds, 4.0);
	h_result_free(&r);
}

Test(profiles, timeout_0_takes_the_profiles_away)
{
	const char *profile = make_file("hour.json", "{ \"timeout\": \"1h\" }\n");
	char out[PATH_MAX];
	snprintf(out, sizeof(out), "%s/shown.json", h_tmpdir());
	free(show("/", profile, NULL, out));
	expect_json(out, "/timeout", "1h");
	static const char *const zero[] = { "--timeout", "0", NULL };
	free(show("/", profile, zero, out));
	expect_json(out, "/timeout", "null");
}

Test(profiles, pids_option_beats_the_profiles)
{
	const char *profile =
	        make_file("pids.json", "{ \"limits\": { \"pids\": 100, \"memory\": \"1G\" } }\n");
	char out[PATH_MAX];
	snprintf(out, sizeof(out), "%s/shown.json", h_tmpdir());
	static const char *const five[] = { "--pids", "5", NULL };
	free(show("/", profile, five, out));
	expect_json(out, "/limits/pids", "5");
	expect_json(out, "/limits/memory", "1G");
}

/* ---- keys once read but not enforced ------------------------------------------ */

/* profiles/support.c refused these at run time until the privileges and
 * services landed; each now reaches the command (values that let a shell
 * write a file). */
Test(profiles, keys_once_refused_at_run_time_now_run)
{
	static const char *const profiles[] = {
		"{ \"env\": { \"clear\": true } }",
		"{ \"env\": { \"keep\": [\"PATH\"], \"set\": { \"A\": \"1\" } } }",
		"{ \"rlimits\": { \"nofile\": 1024 } }",
		"{ \"seccomp\": { \"deny\": [\"ptrace\"] } }",
		"{ \"capabilities\": { \"keep\": [] } }",
		"{ \"no_new_privs\": true }",
		"{ \"restart\": { \"policy\": \"on-failure\" } }",
	};
	char marker[PATH_MAX], script[PATH_MAX + 16];
	snprintf(marker, sizeof(marker), "%s/ran", h_tmpdir());
	snprintf(script, sizeof(script), ": > '%s'", marker);
	for (size_t i = 0; i < sizeof(profiles) / sizeof(profiles[0]); i++) {
		const char *profile = make_file("once-refused.json", profiles[i]);
		struct result r;
		const char *run[] = { launch_bin(), "--profile", profile, "--",
			              "/bin/sh",    "-c",        script,  NULL };
		h_run(&r, 10, run);
		cr_expect_eq(r.code, 0, "%s: exit %d: %s", profiles[i], r.code, r.err);
		cr_expect_str_eq(r.err, "", "%s", profiles[i]);
		cr_expect_eq(access(marker, F_OK), 0, "%s: the command did not run", profiles[i]);
		unlink(marker);
		h_result_free(&r);
	}
}
