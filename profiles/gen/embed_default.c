/* embed_default: profiles/default.json as C, at build time.
 *
 *   embed_default profiles/default.json > build/gen/default_profile.c
 *
 * Every run without --profile starts from the default profile. Reading it
 * with the loader at each start cost 70-130 µs of a 1.8 ms run, most of it
 * libfyaml's code and data touched for the first time (make bench). The
 * file stays the one source: this program reads it with the same loader,
 * fails the build on any problem in it, and writes a function that sets
 * what the file sets (profile_embedded_default, profiles/resolve.h). A unit
 * test (tests/unit/test_embedded_default.c) holds the two equal.
 *
 * Only the keys the default may sensibly have are written; one it does not
 * know fails the build with its name, rather than being dropped. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "profiles/load.h"
#include "profiles/profile.h"

static void c_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			printf("\\%03o", c);
		else
			putchar(c);
	}
	putchar('"');
}

static const char *source;

static void unsupported(const char *key)
{
	fprintf(stderr,
	        "embed_default: %s sets %s, which profiles/gen/embed_default.c does not "
	        "write yet: add it there\n",
	        source, key);
	exit(1);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: embed_default PROFILE.json\n");
		return 2;
	}
	source = argv[1];
	char *text;
	size_t len;
	char why[128];
	if (profile_read_file(source, &text, &len, why, sizeof(why)) < 0) {
		fprintf(stderr, "embed_default: %s: %s\n", source, why);
		return 1;
	}
	struct strbuf problems = STRBUF_INIT;
	struct profile_diag d = {
		.out = &problems, .prefix = "embed_default: ", .source_lines = true
	};
	struct profile p;
	struct profile_extends ext;
	profile_init(&p);
	if (profile_parse_text(source, text, len, &p, &ext, &d) < 0) {
		fputs(problems.data ? problems.data : "embed_default: the profile has problems\n",
		      stderr);
		return 1;
	}
	if (ext.name)
		unsupported("extends");
	/* what the loader reads into its own fields but this program does not
	 * write */
	if (p.has_uid || p.has_gid || p.has_groups || p.has_root || p.has_read_only || p.has_dev ||
	    p.has_mounts)
		unsupported("user or filesystem");
	if (p.has_env_clear || p.has_env_keep || p.n_env_set)
		unsupported("env");
	if (memcmp(&p.limits, &(struct profile_limits){ 0 }, sizeof(p.limits)) != 0)
		unsupported("limits");
	if (p.n_rlimits)
		unsupported("rlimits");
	if (p.has_seccomp_default || p.has_seccomp_errno || p.has_seccomp_allow ||
	    p.has_seccomp_deny || p.has_seccomp_restrict_ns)
		unsupported("seccomp");
	if (p.has_caps_keep)
		unsupported("capabilities");
	if (p.has_restart_policy || p.has_restart_max || p.has_restart_window ||
	    p.has_restart_backoff || p.has_restart_backoff_max)
		unsupported("restart");
	if (p.has_cwd || p.has_report)
		unsupported("cwd or report");

	printf("/* Generated from %s by profiles/gen/embed_default.c: do not edit. */\n"
	       "#include \"profiles/profile.h\"\n"
	       "#include \"profiles/resolve.h\"\n\n"
	       "void profile_embedded_default(struct profile *p)\n{\n"
	       "\tprofile_init(p);\n",
	       source);
	if (p.has_description) {
		printf("\tp->has_description = true;\n\tp->description = ");
		c_string(p.description);
		printf(";\n");
	}
	if (p.has_namespaces)
		printf("\tp->has_namespaces = true;\n\tp->namespaces = %#x;\n", p.namespaces);
	if (p.has_hostname) {
		printf("\tp->has_hostname = true;\n\tp->hostname = ");
		if (p.hostname)
			c_string(p.hostname);
		else
			printf("NULL");
		printf(";\n");
	}
	if (p.has_network)
		printf("\tp->has_network = true;\n\tp->network = %d;\n", (int)p.network);
	if (p.has_timeout)
		printf("\tp->has_timeout = true;\n\tp->timeout_ns = %" PRIu64 "ULL;\n",
		       p.timeout_ns);
	if (p.has_grace)
		printf("\tp->has_grace = true;\n\tp->grace_ns = %" PRIu64 "ULL;\n", p.grace_ns);
	if (p.has_stop_signal)
		printf("\tp->has_stop_signal = true;\n\tp->stop_signal = %d;\n", p.stop_signal);
	if (p.has_no_new_privs)
		printf("\tp->has_no_new_privs = true;\n\tp->no_new_privs = %s;\n",
		       p.no_new_privs ? "true" : "false");
	printf("}\n");
	profile_free(&p);
	strbuf_free(&problems);
	free(text);
	return ferror(stdout) ? 1 : 0;
}
