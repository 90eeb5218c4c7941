/* Which system call a seccomp filter killed a process for. The kernel
 * says it in its log (an audit record, type 1326: "... pid=N ... sig=31
 * arch=c000003e syscall=101 ..."), which /dev/kmsg lets root read; the
 * exit status only says SIGSYS. launch opens the log before the run (at
 * its end, so only new records are read) and looks for the command's
 * record when the command died of SIGSYS. Where the log cannot be read
 * (no root, dmesg_restrict, a container without /dev/kmsg) or the record
 * was rate-limited away, the call is unknown, never guessed. */
#ifndef LAUNCH_SECURITY_KILL_LOG_H
#define LAUNCH_SECURITY_KILL_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* The kernel log, positioned at its end; -1 if it cannot be read. */
int kill_log_open(void);

/* The name of the call that killed pid (as the kernel's initial PID
 * namespace numbers it) in the records logged since kill_log_open, into
 * name; a record not there yet is waited for, 200 ms at most. */
bool kill_log_find(int fd, pid_t pid, char *name, size_t size);

/* One record's text: true if it is a seccomp kill of pid; *nr and *arch
 * get the call's number and audit architecture. Pure. */
bool kill_log_parse(const char *record, pid_t pid, long *nr, unsigned long *arch);

/* The name of call nr of audit architecture arch, from libseccomp's
 * tables: "ptrace"; for a call through another entry point than the
 * native one, with that entry point, since the filter kills those
 * whatever they are: "getpid (i386)", "getpid (x32)" (x32 calls carry the
 * native architecture and bit 30 in their number); "#N" for a number
 * libseccomp does not know. Pure. */
void kill_log_call_name(unsigned long arch, long nr, char *name, size_t size);

#endif
