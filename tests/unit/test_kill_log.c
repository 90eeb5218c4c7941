/* security/kill_log.h: the kernel's audit record of a seccomp kill, as
 * /dev/kmsg gives it, parsed for one pid; the call's name from its number
 * and architecture, foreign entry points named; and the search through a
 * log, one record a read (a SOCK_SEQPACKET pair keeps records apart as
 * /dev/kmsg does). */
#include <criterion/criterion.h>
#include <seccomp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "security/kill_log.h"

/* A record as the kernel writes it (here, after a kill of python3 for
 * syscall 167, swapon), with the pid, sig, arch and syscall in its place. */
static const char real[] =
        "audit: type=1326 audit(1795284639.449:2): auid=4294967295 uid=0 gid=0 "
        "ses=4294967295 pid=12283 comm=\"python3\" exe=\"/usr/bin/python3.11\" sig=31 "
        "arch=c000003e syscall=167 compat=0 ip=0x7f45978bf829 code=0x80000000";

/* /dev/kmsg prefixes each record with "level,seq,usec,flags;" */
static const char kmsg[] =
        "5,1234,7385837319,-;audit: type=1326 audit(1795285169.889:19): auid=4294967295 "
        "uid=0 gid=0 ses=4294967295 pid=12184 comm=\"escape\" "
        "exe=\"/tmp/launch-test.W3iKne/escape\" sig=31 arch=40000003 syscall=20 compat=1 "
        "ip=0x402949 code=0x80000000\n";

TestSuite(kill_log);

Test(kill_log, real_record_of_the_pid)
{
	long nr = -1;
	unsigned long arch = 0;
	cr_assert(kill_log_parse(real, 12283, &nr, &arch));
	cr_expect_eq(nr, 167);
	cr_expect_eq(arch, 0xc000003eUL);

	cr_assert(kill_log_parse(kmsg, 12184, &nr, &arch));
	cr_expect_eq(nr, 20);
	cr_expect_eq(arch, 0x40000003UL);
}

Test(kill_log, other_pids_are_not_it)
{
	long nr = -1;
	unsigned long arch = 0;
	/* a prefix or an extension of the number is another pid */
	static const pid_t others[] = { 1228, 122830, 12284, 2283, 1, 0 };
	for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++)
		cr_expect_not(kill_log_parse(real, others[i], &nr, &arch), "pid %d", others[i]);
	cr_expect_eq(nr, -1, "nothing written for a record that is not it");
}

/* The record with one field changed. */
static void with(char *out, size_t size, const char *from, const char *to)
{
	const char *at = strstr(real, from);
	cr_assert(at, "%s", from);
	snprintf(out, size, "%.*s%s%s", (int)(at - real), real, to, at + strlen(from));
}

Test(kill_log, other_signals_and_types_are_not_kills)
{
	char rec[512];
	long nr;
	unsigned long arch;
	/* the log action ("log" and SECCOMP_FILTER_FLAG_LOG) writes sig=0 */
	with(rec, sizeof(rec), "sig=31", "sig=0");
	cr_expect_not(kill_log_parse(rec, 12283, &nr, &arch), "%s", rec);
	with(rec, sizeof(rec), "sig=31", "sig=9");
	cr_expect_not(kill_log_parse(rec, 12283, &nr, &arch), "%s", rec);
	with(rec, sizeof(rec), "sig=31", "sig=311");
	cr_expect_not(kill_log_parse(rec, 12283, &nr, &arch), "%s", rec);
	/* a syscall record (1300) has pid, arch and syscall too */
	with(rec, sizeof(rec), "type=1326", "type=1300");
	cr_expect_not(kill_log_parse(rec, 12283, &nr, &arch), "%s", rec);
}

Test(kill_log, fields_that_do_not_parse)
{
	char rec[512];
	long nr;
	unsigned long arch;
	static const char *const cuts[][2] = {
		{ "syscall=167", "syscall=" },   { "syscall=167", "syscall=16x7" },
		{ "syscall=167", "sys=167" },    { "arch=c000003e", "arch=" },
		{ "arch=c000003e", "arch=zz" },  { "pid=12283", "pid=12283x" },
		{ "pid=12283", "pid=" },         { " sig=31", " signal=31" },
		{ " pid=12283", " ppid=12283" },
	};
	for (size_t i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++) {
		with(rec, sizeof(rec), cuts[i][0], cuts[i][1]);
		cr_expect_not(kill_log_parse(rec, 12283, &nr, &arch), "%s", rec);
	}
}

Test(kill_log, garbage)
{
	long nr;
	unsigned long arch;
	static const char *const bad[] = {
		"",
		"type=1326",
		"type=1326 pid=12283 sig=31",
		"pid=12283 sig=31 arch=c000003e syscall=101",
		"\xff\xfe type=1326 pid=",
		"audit: type=1326 pid=12283 sig=31 arch=c000003e syscall=99999999999999999999999",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		cr_expect_not(kill_log_parse(bad[i], 12283, &nr, &arch), "%s", bad[i]);
}

/* comm and exe are the command's to choose, but the kernel hex-encodes
 * any with a space or a quote, so " syscall=" cannot be forged in them:
 * the first field of each name is the kernel's. */
Test(kill_log, fields_come_from_the_kernel_not_the_name)
{
	char rec[512];
	long nr;
	unsigned long arch;
	with(rec, sizeof(rec), "comm=\"python3\"", "comm=\"syscall=1\"");
	cr_assert(kill_log_parse(rec, 12283, &nr, &arch));
	cr_expect_eq(nr, 167);
}

Test(kill_log, call_names)
{
	char name[64];
	kill_log_call_name(SCMP_ARCH_X86_64, 101, name, sizeof(name));
	cr_expect_str_eq(name, "ptrace");
	kill_log_call_name(SCMP_ARCH_X86_64, 167, name, sizeof(name));
	cr_expect_str_eq(name, "swapon");
	/* foreign entry points: int 0x80 (i386's table), x32 (bit 30) */
	kill_log_call_name(SCMP_ARCH_X86, 20, name, sizeof(name));
	cr_expect_str_eq(name, "getpid (i386)");
	kill_log_call_name(SCMP_ARCH_X86_64, 0x40000000 | 39, name, sizeof(name));
	cr_expect_str_eq(name, "getpid (x32)");
	kill_log_call_name(SCMP_ARCH_X86, 54, name, sizeof(name));
	cr_expect_str_eq(name, "ioctl (i386)");
	/* numbers and architectures libseccomp does not know */
	kill_log_call_name(SCMP_ARCH_X86_64, 99999, name, sizeof(name));
	cr_expect_str_eq(name, "#99999");
	kill_log_call_name(0x12345, 1, name, sizeof(name));
	cr_expect_str_eq(name, "#1 (arch 0x12345)");
	/* cut to the buffer, NUL-terminated */
	char small[6];
	kill_log_call_name(SCMP_ARCH_X86, 20, small, sizeof(small));
	cr_expect_str_eq(small, "getpi");
}

/* A log of records, one per read, ending: the read end of a seqpacket
 * pair whose other end wrote them and closed. */
static int log_of(const char *const records[])
{
	int sv[2];
	cr_assert(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) == 0);
	for (size_t i = 0; records[i]; i++)
		cr_assert(write(sv[1], records[i], strlen(records[i])) ==
		          (ssize_t)strlen(records[i]));
	close(sv[1]);
	return sv[0];
}

Test(kill_log, find_in_a_log)
{
	char other_pid[512], log_action[512], match[512], second[512];
	with(other_pid, sizeof(other_pid), "pid=12283", "pid=4242");
	with(log_action, sizeof(log_action), "sig=31", "sig=0");
	with(match, sizeof(match), "syscall=167", "syscall=101");
	with(second, sizeof(second), "syscall=167", "syscall=165");
	const char *const records[] = {
		"6,1,1,-;some other message", other_pid, log_action, match, second, NULL
	};
	int fd = log_of(records);
	char name[64] = "";
	cr_expect(kill_log_find(fd, 12283, name, sizeof(name)));
	/* the first record of the pid's kill; the log is read to its end */
	cr_expect_str_eq(name, "ptrace");
	char buf[8];
	cr_expect_eq(read(fd, buf, sizeof(buf)), 0, "records left unread");
	close(fd);

	const char *const none[] = { other_pid, log_action, NULL };
	fd = log_of(none);
	strcpy(name, "untouched");
	cr_expect_not(kill_log_find(fd, 12283, name, sizeof(name)));
	cr_expect_str_eq(name, "untouched");
	close(fd);
}
