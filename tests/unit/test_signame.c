/* base/signame.h: signal names both ways. Every spelling --stop-signal and
 * profiles accept (with or without "SIG", any case, numbers, real-time
 * offsets, aliases), the rejects, the name of every signal, and that a name
 * reads back as the same signal. */
#include <criterion/criterion.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>

#include "base/cleanup.h"
#include "base/signame.h"

TestSuite(signame);

static const struct {
	int number;
	const char *name;
} standard[] = {
	{ SIGHUP, "SIGHUP" },       { SIGINT, "SIGINT" },       { SIGQUIT, "SIGQUIT" },
	{ SIGILL, "SIGILL" },       { SIGTRAP, "SIGTRAP" },     { SIGABRT, "SIGABRT" },
	{ SIGBUS, "SIGBUS" },       { SIGFPE, "SIGFPE" },       { SIGKILL, "SIGKILL" },
	{ SIGUSR1, "SIGUSR1" },     { SIGSEGV, "SIGSEGV" },     { SIGUSR2, "SIGUSR2" },
	{ SIGPIPE, "SIGPIPE" },     { SIGALRM, "SIGALRM" },     { SIGTERM, "SIGTERM" },
	{ SIGSTKFLT, "SIGSTKFLT" }, { SIGCHLD, "SIGCHLD" },     { SIGCONT, "SIGCONT" },
	{ SIGSTOP, "SIGSTOP" },     { SIGTSTP, "SIGTSTP" },     { SIGTTIN, "SIGTTIN" },
	{ SIGTTOU, "SIGTTOU" },     { SIGURG, "SIGURG" },       { SIGXCPU, "SIGXCPU" },
	{ SIGXFSZ, "SIGXFSZ" },     { SIGVTALRM, "SIGVTALRM" }, { SIGPROF, "SIGPROF" },
	{ SIGWINCH, "SIGWINCH" },   { SIGIO, "SIGIO" },         { SIGPWR, "SIGPWR" },
	{ SIGSYS, "SIGSYS" },
};

static void expect_signal(const char *name, int want)
{
	int got = signal_from_name(name);
	cr_expect_eq(got, want, "signal_from_name(\"%s\") = %d, want %d", name, got, want);
}

Test(signame, spellings_of_term)
{
	expect_signal("SIGTERM", 15);
	expect_signal("TERM", 15);
	expect_signal("term", 15);
	expect_signal("sigterm", 15);
	expect_signal("SigTerm", 15);
	expect_signal("15", 15);
}

Test(signame, numbers)
{
	for (int s = 1; s < NSIG; s++) {
		char text[16];
		snprintf(text, sizeof(text), "%d", s);
		expect_signal(text, s);
	}
	expect_signal("09", 9);
}

Test(signame, every_standard_name)
{
	for (size_t i = 0; i < ARRAY_SIZE(standard); i++) {
		expect_signal(standard[i].name, standard[i].number);
		expect_signal(standard[i].name + 3, standard[i].number);
	}
}

Test(signame, aliases)
{
	expect_signal("SIGIOT", SIGABRT);
	expect_signal("IOT", SIGABRT);
	expect_signal("SIGPOLL", SIGIO);
	expect_signal("poll", SIGIO);
	expect_signal("SIGCLD", SIGCHLD);
	expect_signal("cld", SIGCHLD);
}

Test(signame, realtime)
{
	/* glibc keeps the first two real-time signals for itself */
	cr_assert_eq(SIGRTMIN, 34, "these tests assume glibc's SIGRTMIN");
	cr_assert_eq(SIGRTMAX, 64);
	expect_signal("SIGRTMIN", SIGRTMIN);
	expect_signal("RTMIN", SIGRTMIN);
	expect_signal("rtmin", SIGRTMIN);
	expect_signal("SIGRTMIN+0", SIGRTMIN);
	expect_signal("SIGRTMIN+3", SIGRTMIN + 3);
	expect_signal("sigrtmin+3", SIGRTMIN + 3);
	expect_signal("RTMIN+30", SIGRTMAX);
	expect_signal("SIGRTMAX", SIGRTMAX);
	expect_signal("RTMAX", SIGRTMAX);
	expect_signal("RTMAX-1", SIGRTMAX - 1);
	expect_signal("SIGRTMAX-30", SIGRTMIN);
	expect_signal("RTMAX-0", SIGRTMAX);
}

Test(signame, rejects)
{
	static const char *const bad[] = {
		"0",        "65",        "100",      "99999999999", "-1",       "+9",
		"SIGFOO",   "FOO",       "",         "SIG",         "SIG15",    " TERM",
		"TERM ",    "SIGTERM\n", "9x",       "SIGSIGTERM",  "RTMIN+99", "RTMIN+",
		"RTMIN-",   "RTMIN-1",   "RTMAX+1",  "RTMAX-31",    "RTMIN+31", "RTMIN3",
		"RTMIN++1", "RTMIN+-1",  "RTMIN+1x", "RTMIN+ 1",    "SIGRT",    "RTMAXX",
		"SIG32",    "SIG33",
	};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		expect_signal(bad[i], -EINVAL);
	cr_expect_eq(signal_from_name(NULL), -EINVAL);
}

Test(signame, name_of_every_standard_signal)
{
	for (size_t i = 0; i < ARRAY_SIZE(standard); i++) {
		char buf[SIGNAME_MAX];
		const char *got = signal_name(standard[i].number, buf);
		cr_expect_eq(got, buf, "signal_name returns its buffer");
		cr_expect_str_eq(got, standard[i].name, "signal_name(%d) = \"%s\", want \"%s\"",
		                 standard[i].number, got, standard[i].name);
	}
}

Test(signame, name_of_realtime_signals)
{
	char buf[SIGNAME_MAX];
	cr_expect_str_eq(signal_name(SIGRTMIN, buf), "SIGRTMIN");
	cr_expect_str_eq(signal_name(SIGRTMIN + 1, buf), "SIGRTMIN+1");
	cr_expect_str_eq(signal_name(SIGRTMIN + 3, buf), "SIGRTMIN+3");
	cr_expect_str_eq(signal_name(SIGRTMAX - 1, buf), "SIGRTMIN+29");
	cr_expect_str_eq(signal_name(SIGRTMAX, buf), "SIGRTMAX");
	for (int n = 1; SIGRTMIN + n < SIGRTMAX; n++) {
		char want[32];
		snprintf(want, sizeof(want), "SIGRTMIN+%d", n);
		cr_expect_str_eq(signal_name(SIGRTMIN + n, buf), want);
	}
}

Test(signame, name_of_unnamed_signals)
{
	char buf[SIGNAME_MAX];
	cr_expect_str_eq(signal_name(32, buf), "SIG32");
	cr_expect_str_eq(signal_name(33, buf), "SIG33");
	cr_expect_str_eq(signal_name(0, buf), "SIG0");
	cr_expect_str_eq(signal_name(65, buf), "SIG65");
	cr_expect_str_eq(signal_name(-1, buf), "SIG-1");
	/* the longest number still fits SIGNAME_MAX */
	cr_expect_str_eq(signal_name(-2147483647 - 1, buf), "SIG-2147483648");
}

Test(signame, name_reads_back)
{
	for (int s = 1; s < NSIG; s++) {
		char buf[SIGNAME_MAX];
		const char *name = signal_name(s, buf);
		if (s == 32 || s == 33) {
			/* reserved by glibc: named by number, not a name to read */
			char want[32];
			snprintf(want, sizeof(want), "SIG%d", s);
			cr_expect_str_eq(name, want);
			continue;
		}
		int back = signal_from_name(name);
		cr_expect_eq(back, s, "signal_from_name(signal_name(%d) = \"%s\") = %d", s, name,
		             back);
	}
}
