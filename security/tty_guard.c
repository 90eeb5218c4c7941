#include "security/tty_guard.h"

#include <linux/audit.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/ioctl.h>

#if !defined(__x86_64__)
#error "tty_guard.c knows the ioctl numbers of x86-64 (native, x32, i386) only"
#endif

#define NR_IOCTL_X86_64 16
#define NR_IOCTL_X32 (0x40000000 | 514)
#define NR_IOCTL_I386 54

#define LOAD(field) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, field))
/* the low 32 bits of the second argument: the request (little endian) */
#define LOAD_REQUEST BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[1]))
#define RET(action) BPF_STMT(BPF_RET | BPF_K, (action))
/* if A == k, skip `yes` instructions, else skip `no` (0: the next one) */
#define JUMP(k, yes, no) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (k), (yes), (no))

static const struct sock_filter program[] = {
	/* 0 */ LOAD(arch),
	/* 1 */ JUMP(AUDIT_ARCH_X86_64, 0, 3),
	/* 2 */ LOAD(nr),
	/* 3 */ JUMP(NR_IOCTL_X86_64, 4, 0),
	/* 4 */ JUMP(NR_IOCTL_X32, 3, 8),
	/* 5 */ JUMP(AUDIT_ARCH_I386, 0, 7),
	/* 6 */ LOAD(nr),
	/* 7 */ JUMP(NR_IOCTL_I386, 0, 5),
	/* 8 */ LOAD_REQUEST,
	/* 9 */ JUMP(TIOCSTI, 2, 0),
	/* 10 */ JUMP(TIOCLINUX, 1, 0),
	/* 11 */ RET(SECCOMP_RET_ALLOW),
	/* 12 */ RET(SECCOMP_RET_ERRNO | 1 /* EPERM */),
	/* 13 */ RET(SECCOMP_RET_ALLOW),
};

const struct sock_fprog *tty_guard_filter(void)
{
	static const struct sock_fprog prog = {
		.len = sizeof(program) / sizeof(program[0]),
		.filter = (struct sock_filter *)program,
	};
	return &prog;
}
