#include "base/signame.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/cleanup.h"

static const struct {
	int number;
	const char *name; /* without "SIG" */
} standard_signals[] = {
	{ SIGHUP, "HUP" },   { SIGINT, "INT" },       { SIGQUIT, "QUIT" }, { SIGILL, "ILL" },
	{ SIGTRAP, "TRAP" }, { SIGABRT, "ABRT" },     { SIGBUS, "BUS" },   { SIGFPE, "FPE" },
	{ SIGKILL, "KILL" }, { SIGUSR1, "USR1" },     { SIGSEGV, "SEGV" }, { SIGUSR2, "USR2" },
	{ SIGPIPE, "PIPE" }, { SIGALRM, "ALRM" },     { SIGTERM, "TERM" }, { SIGSTKFLT, "STKFLT" },
	{ SIGCHLD, "CHLD" }, { SIGCONT, "CONT" },     { SIGSTOP, "STOP" }, { SIGTSTP, "TSTP" },
	{ SIGTTIN, "TTIN" }, { SIGTTOU, "TTOU" },     { SIGURG, "URG" },   { SIGXCPU, "XCPU" },
	{ SIGXFSZ, "XFSZ" }, { SIGVTALRM, "VTALRM" }, { SIGPROF, "PROF" }, { SIGWINCH, "WINCH" },
	{ SIGIO, "IO" },     { SIGPWR, "PWR" },       { SIGSYS, "SYS" },
};

/* Aliases accepted on input only. */
static const struct {
	int number;
	const char *name;
} signal_aliases[] = {
	{ SIGIOT, "IOT" },
	{ SIGPOLL, "POLL" },
	{ SIGCLD, "CLD" },
};

/* "123" -> 123, anything else -> -1 */
static int parse_small_number(const char *s)
{
	int value = 0;
	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || value > 1000)
			return -1;
		value = value * 10 + (*s - '0');
	}
	return value;
}

static int parse_realtime(const char *name)
{
	int base, offset = 0, sign = 1;
	const char *rest;

	if (strncasecmp(name, "RTMIN", 5) == 0) {
		base = SIGRTMIN;
		rest = name + 5;
	} else if (strncasecmp(name, "RTMAX", 5) == 0) {
		base = SIGRTMAX;
		rest = name + 5;
	} else
		return -EINVAL;

	if (*rest == '+' || *rest == '-') {
		sign = *rest == '-' ? -1 : 1;
		offset = parse_small_number(rest + 1);
		if (offset < 0)
			return -EINVAL;
	} else if (*rest)
		return -EINVAL;

	int sig = base + sign * offset;
	return sig >= SIGRTMIN && sig <= SIGRTMAX ? sig : -EINVAL;
}

int signal_from_name(const char *name)
{
	if (!name)
		return -EINVAL;
	int number = parse_small_number(name);
	if (number >= 0)
		return number >= 1 && number < NSIG ? number : -EINVAL;

	const char *bare = strncasecmp(name, "SIG", 3) == 0 ? name + 3 : name;
	for (size_t i = 0; i < ARRAY_SIZE(standard_signals); i++)
		if (strcasecmp(bare, standard_signals[i].name) == 0)
			return standard_signals[i].number;
	for (size_t i = 0; i < ARRAY_SIZE(signal_aliases); i++)
		if (strcasecmp(bare, signal_aliases[i].name) == 0)
			return signal_aliases[i].number;
	return parse_realtime(bare);
}

const char *signal_name(int sig, char buf[SIGNAME_MAX])
{
	for (size_t i = 0; i < ARRAY_SIZE(standard_signals); i++)
		if (standard_signals[i].number == sig) {
			snprintf(buf, SIGNAME_MAX, "SIG%s", standard_signals[i].name);
			return buf;
		}
	if (sig == SIGRTMAX)
		snprintf(buf, SIGNAME_MAX, "SIGRTMAX");
	else if (sig == SIGRTMIN)
		snprintf(buf, SIGNAME_MAX, "SIGRTMIN");
	else if (sig > SIGRTMIN && sig < SIGRTMAX)
		snprintf(buf, SIGNAME_MAX, "SIGRTMIN+%d", sig - SIGRTMIN);
	else
		snprintf(buf, SIGNAME_MAX, "SIG%d", sig);
	return buf;
}
