#include "launcher/settings.h"

#include <errno.h>
#include <string.h>

#include "base/strbuf.h"
#include "profiles/load.h"
#include "profiles/resolve.h"
#include "profiles/rules.h"

/* The first line of the problems (without its newline). */
static void first_problem(const struct strbuf *out, struct lx_error *e, size_t count,
                          const char *spec)
{
	const char *text = out->data ? out->data : "";
	size_t len = strcspn(text, "\n");
	lx_error_msg(e, EINVAL, "%.*s", (int)len, text);
	if (count > 1)
		lx_error_hint(e, "%zu problems in all: launch --check %s", count,
		              spec ? spec : "default");
}

int settings_load(struct launch_config *cfg, struct lx_error *e)
{
	struct strbuf problems = STRBUF_INIT;
	struct profile_diag d = { .out = &problems };
	int r = profile_resolve(cfg->profile_spec, &cfg->profile, cfg->profile_name,
	                        sizeof(cfg->profile_name), &d);
	if (r < 0) {
		first_problem(&problems, e, d.count, cfg->profile_spec);
		strbuf_free(&problems);
		return r;
	}
	strbuf_free(&problems);
	struct profile *p = &cfg->profile;
	profile_merge(p, &cfg->overrides);
	/* --net chooses the network namespace with the network: "host" takes
	 * away a "net" the profile lists */
	if (cfg->overrides.has_network && cfg->overrides.network == NET_HOST)
		p->namespaces &= ~(unsigned)NS_NET;
	profile_normalize(p);
	if (profile_failed(p))
		return lx_error_errno(e, ENOMEM, "profile %s", cfg->profile_name);
	profile_add_implied_namespaces(p);
	char why[256];
	if (profile_conflict(p, why, sizeof(why)))
		return lx_error_msg(e, EINVAL, "profile %s: %s", cfg->profile_name, why);
	return 0;
}

int settings_check(char *const *profiles, FILE *out, FILE *err)
{
	int bad = 0;
	for (size_t i = 0; profiles[i]; i++) {
		struct strbuf problems = STRBUF_INIT;
		struct profile_diag d = {
			.out = &problems, .prefix = "launch: ", .source_lines = true
		};
		struct profile p = { 0 };
		char name[PROFILE_NAME_MAX];
		int r = profile_resolve(profiles[i], &p, name, sizeof(name), &d);
		char why[256];
		if (r == 0) {
			profile_normalize(&p);
			profile_add_implied_namespaces(&p);
			if (profile_conflict(&p, why, sizeof(why))) {
				profile_problem(&d, profiles[i], 0, 0, "%s", why);
				r = -EINVAL;
			}
		}
		profile_free(&p);
		if (r == 0) {
			fprintf(out, "%s: ok\n", profiles[i]);
		} else {
			bad++;
			fputs(problems.data ? problems.data : "", err);
		}
		strbuf_free(&problems);
	}
	return bad ? -EINVAL : 0;
}
