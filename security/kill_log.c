#include "security/kill_log.h"

#include <errno.h>
#include <fcntl.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int kill_log_open(void)
{
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (lseek(fd, 0, SEEK_END) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* The value of " key=" in text, as a number in base. */
static bool field(const char *text, const char *key, int base, unsigned long long *out)
{
	char pattern[32];
	snprintf(pattern, sizeof(pattern), " %s=", key);
	const char *at = strstr(text, pattern);
	if (!at)
		return false;
	at += strlen(pattern);
	char *end;
	errno = 0;
	unsigned long long v = strtoull(at, &end, base);
	if (errno || end == at || (*end != ' ' && *end != '\0' && *end != '\n'))
		return false;
	*out = v;
	return true;
}

bool kill_log_parse(const char *record, pid_t pid, long *nr, unsigned long *arch)
{
	unsigned long long got_pid, sig, a, n;
	if (!strstr(record, "type=1326") || !field(record, "pid", 10, &got_pid) ||
	    got_pid != (unsigned long long)pid || !field(record, "sig", 10, &sig) ||
	    sig != SIGSYS || !field(record, "arch", 16, &a) || !field(record, "syscall", 10, &n))
		return false;
	*nr = (long)n;
	*arch = (unsigned long)a;
	return true;
}

bool kill_log_find(int fd, pid_t pid, char *name, size_t size)
{
	char record[8192];
	bool found = false;
	for (;;) {
		ssize_t len = read(fd, record, sizeof(record) - 1);
		if (len < 0 && errno == EPIPE)
			continue; /* records were overwritten: go on with the next */
		if (len <= 0)
			break;
		record[len] = '\0';
		long nr;
		unsigned long arch;
		if (found || !kill_log_parse(record, pid, &nr, &arch))
			continue;
		char *call = seccomp_syscall_resolve_num_arch((uint32_t)arch, (int)nr);
		if (call)
			snprintf(name, size, "%s", call);
		else
			snprintf(name, size, "#%ld", nr);
		free(call);
		found = true;
	}
	return found;
}
