#include "launcher/environ.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Is entry ("NAME=value") the variable name? */
static bool is_var(const char *entry, const char *name)
{
	size_t len = strlen(name);
	return strncmp(entry, name, len) == 0 && entry[len] == '=';
}

static bool kept(const struct profile *p, const char *entry)
{
	if (!p->env_clear)
		return true;
	for (size_t i = 0; i < p->n_env_keep; i++)
		if (is_var(entry, p->env_keep[i]))
			return true;
	return false;
}

static bool replaced(const struct profile *p, const char *entry)
{
	for (size_t i = 0; i < p->n_env_set; i++)
		if (is_var(entry, p->env_set[i].name))
			return true;
	return false;
}

char **environ_build(const struct profile *p, char *const *caller)
{
	size_t n_caller = 0, text = 0;
	while (caller && caller[n_caller])
		n_caller++;
	for (size_t i = 0; i < p->n_env_set; i++)
		text += strlen(p->env_set[i].name) + strlen(p->env_set[i].value) + 2;
	size_t slots = n_caller + p->n_env_set + 1;
	char **env = malloc(slots * sizeof(*env) + text);
	if (!env)
		return NULL;
	char *buf = (char *)(env + slots);
	size_t n = 0;
	for (size_t i = 0; i < n_caller; i++)
		if (strchr(caller[i], '=') && kept(p, caller[i]) && !replaced(p, caller[i]))
			env[n++] = caller[i];
	for (size_t i = 0; i < p->n_env_set; i++) {
		int len = sprintf(buf, "%s=%s", p->env_set[i].name, p->env_set[i].value);
		env[n++] = buf;
		buf += len + 1;
	}
	env[n] = NULL;
	return env;
}
