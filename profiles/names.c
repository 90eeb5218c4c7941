#include "profiles/names.h"

#include <ctype.h>
#include <errno.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/capability.h>
#include <sys/resource.h>

#include "base/cleanup.h"
#include "profiles/profile.h"
#include "security/seccomp_groups.h"

static const char *const namespace_names[] = {
	"pid", "mount", "ipc", "uts", "net", "cgroup", "user"
};

unsigned name_namespace(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(namespace_names); i++)
		if (strcmp(name, namespace_names[i]) == 0)
			return 1u << i; /* the order of enum profile_ns */
	return 0;
}

const char *const *names_namespaces(size_t *n)
{
	*n = ARRAY_SIZE(namespace_names);
	return namespace_names;
}

/* glibc names every errno value (strerrorname_np, 2.32) */
int name_errno(const char *name)
{
	for (int e = 1; e < 4096; e++) {
		const char *n = strerrorname_np(e);
		if (n && strcmp(n, name) == 0)
			return e;
	}
	return -1;
}

const char *const *names_errnos(size_t *n)
{
	static const char *names[4096];
	static size_t count;
	if (!count)
		for (int e = 1; e < 4096; e++)
			if (strerrorname_np(e))
				names[count++] = strerrorname_np(e);
	*n = count;
	return names;
}

const char *errno_name(int err)
{
	const char *n = strerrorname_np(err);
	return n ? n : "?";
}

const char *name_capability(const char *name, char *buf, size_t size)
{
	cap_value_t cap;
	/* libcap reads "cap_net_raw" and "CAP_NET_RAW"; a profile spells
	 * capabilities as the kernel's headers do */
	if (strncmp(name, "CAP_", 4) != 0 || cap_from_name(name, &cap) < 0)
		return NULL;
	snprintf(buf, size, "%s", name);
	return buf;
}

const char *const *names_capabilities(size_t *n)
{
	static const char **names;
	static size_t count;
	if (!names) {
		size_t max = (size_t)cap_max_bits();
		names = calloc(max + 1, sizeof(*names));
		for (size_t i = 0; names && i < max; i++) {
			char *lower = cap_to_name((cap_value_t)i);
			if (!lower)
				continue;
			char *upper = strdup(lower);
			for (char *c = upper; c && *c; c++)
				*c = (char)toupper((unsigned char)*c);
			cap_free(lower);
			if (upper && strncmp(upper, "CAP_", 4) == 0) /* not "41" */
				names[count++] = upper;
			else
				free(upper);
		}
	}
	*n = count;
	return names;
}

bool name_syscall(const char *name)
{
	/* libseccomp gives the calls of other architectures negative
	 * "pseudo" numbers on this one: not a call a filter here can name */
	return seccomp_syscall_resolve_name(name) >= 0;
}

const char *const *names_syscalls(size_t *n)
{
	static const char **names;
	static size_t count;
	if (!names) {
		/* native syscall numbers run to about 460 on x86_64 */
		enum {
			MAX_NR = 1024
		};
		names = calloc(MAX_NR, sizeof(*names));
		for (int nr = 0; names && nr < MAX_NR; nr++) {
			char *name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);
			if (name)
				names[count++] = name;
		}
	}
	*n = count;
	return names;
}

const char *const *names_seccomp_groups(size_t *n)
{
	static const char **names;
	static size_t count;
	if (!names) {
		count = seccomp_group_count();
		names = calloc(count + 1, sizeof(*names));
		for (size_t i = 0; names && i < count; i++)
			names[i] = seccomp_group_at(i)->name;
		if (!names)
			count = 0;
	}
	*n = count;
	return names;
}

bool name_hostname_valid(const char *s)
{
	size_t len = strlen(s);
	if (len == 0 || len > 64 || s[0] == '-' || s[0] == '.')
		return false;
	for (size_t i = 0; i < len; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '-' && s[i] != '.')
			return false;
	return true;
}

bool name_env_valid(const char *s)
{
	if (!s[0] || isdigit((unsigned char)s[0]))
		return false;
	for (const char *c = s; *c; c++)
		if (!isalnum((unsigned char)*c) && *c != '_')
			return false;
	return true;
}

bool name_path_valid(const char *s)
{
	static const char pwd[] = "${PWD}";
	if (strncmp(s, pwd, strlen(pwd)) == 0)
		s += strlen(pwd);
	else if (s[0] != '/')
		return false;
	return s[0] == '\0' || s[0] == '/';
}
