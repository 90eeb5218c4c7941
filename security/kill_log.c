#include "security/kill_log.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <seccomp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/timer.h"

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

/* x86-64's x32 entry point: its calls are numbered from here */
#define X32_SYSCALL_BIT 0x40000000L

static const struct {
	uint32_t arch;
	const char *name;
} entry_points[] = {
	{ SCMP_ARCH_X86, "i386" },
	{ SCMP_ARCH_X32, "x32" },
};

void kill_log_call_name(unsigned long arch, long nr, char *name, size_t size)
{
	uint32_t a = (uint32_t)arch;
	if (a == SCMP_ARCH_X86_64 && (nr & X32_SYSCALL_BIT))
		a = SCMP_ARCH_X32;
	char *call = seccomp_syscall_resolve_num_arch(a, (int)nr);
	char number[32];
	snprintf(number, sizeof(number), "#%ld", nr);
	const char *what = call ? call : number;
	if (a == seccomp_arch_native()) {
		snprintf(name, size, "%s", what);
	} else {
		const char *abi = NULL;
		for (size_t i = 0; i < ARRAY_SIZE(entry_points); i++)
			if (entry_points[i].arch == a)
				abi = entry_points[i].name;
		if (abi)
			snprintf(name, size, "%s (%s)", what, abi);
		else
			snprintf(name, size, "%s (arch %#x)", what, a);
	}
	free(call);
}

/* Without auditd the kernel prints audit records from its kauditd thread,
 * after the process is gone: the record may come a little after the death
 * that launch has already reaped. */
#define RECORD_WAIT_MS 200

bool kill_log_find(int fd, pid_t pid, char *name, size_t size)
{
	char record[8192];
	bool found = false;
	uint64_t deadline = monotonic_ns() + RECORD_WAIT_MS * 1000000ULL;
	for (;;) {
		ssize_t len = read(fd, record, sizeof(record) - 1);
		if (len < 0 && errno == EPIPE)
			continue; /* records were overwritten: go on with the next */
		if (len < 0 && errno == EAGAIN && !found) {
			uint64_t now = monotonic_ns();
			struct pollfd p = { .fd = fd, .events = POLLIN };
			if (now < deadline &&
			    poll(&p, 1, (int)((deadline - now + 999999) / 1000000)) > 0)
				continue;
		}
		if (len <= 0)
			return found; /* the log read to its end, for the next run's kill */
		record[len] = '\0';
		long nr;
		unsigned long arch;
		if (found || !kill_log_parse(record, pid, &nr, &arch))
			continue;
		kill_log_call_name(arch, nr, name, size);
		found = true;
	}
}
