/* escape: the attacks of issue 6, one a subcommand, for the privilege
 * tests to run inside sandboxes (tests/probe/probe.c observes; this one
 * tries to get out). Each attack makes its attempt and prints one line,
 * "NAME=RESULT": "ok" when the kernel let it happen, else the errno's name
 * ("EPERM"); a few print what they saw instead. Lines are flushed one by
 * one, so those printed before a seccomp kill are not lost.
 *
 * Every attempt is built so that success is visible yet harmless: reboot,
 * kexec and module loading get arguments the kernel refuses only after its
 * permission check (EINVAL, EBADF... mean "the call got through"); swapon
 * names a file that does not exist; the clock is never set (an invalid
 * time, settimeofday with neither argument, adjtimex reading only); no
 * byte is written to /proc/sysrq-trigger nor read from an I/O port. The
 * attacks that could change the host if launch failed (mount, remount,
 * kill, the cgroup escape) are only ever run inside a sandbox by the tests.
 *
 * Usage: escape [--hold] ATTACK [ARG...] [-- ATTACK [ARG...]]...
 * --hold: after the attacks, print "held" and wait for the end of stdin,
 * so that the test can look at the process from outside (/proc/PID).
 *
 *   see PID            does /proc/PID exist?                      see=
 *   kill PID           kill(PID, SIGKILL)                         kill=
 *   ptrace PID         PTRACE_ATTACH to PID (detached at once)    ptrace=
 *   ptrace-child       PTRACE_ATTACH to a child of its own        ptrace-child=
 *   traceme            PTRACE_TRACEME (in a child of its own)     traceme=
 *   mount              a tmpfs on /tmp (source "escape-mount")    mount=
 *   remount DIR        "/" and DIR remounted read-write, then a
 *                      file DIR/escaped created                   remount= write=
 *   userns             unshare(CLONE_NEWUSER): escape itself moves
 *                      (for a look from outside), so put it last  userns=
 *   clone-userns       clone(CLONE_NEWUSER)                       clone-userns=
 *   clone3-userns      clone3(CLONE_NEWUSER)                      clone3-userns=
 *   keyring            keyctl(GET_KEYRING_ID), add_key            keyctl= add_key=
 *   bpf                bpf(BPF_MAP_CREATE) of a 1-entry array     bpf=
 *   perf               perf_event_open(task clock of itself)      perf=
 *   module             init_module, finit_module, delete_module   init_module= ...
 *   kexec              kexec_load, kexec_file_load                kexec_load= ...
 *   reboot             reboot() with a wrong magic number         reboot=
 *   swap               swapon, swapoff of a file that is not there swapon= swapoff=
 *   clock              clock_settime(invalid time), settimeofday(NULL, NULL),
 *                      adjtimex(read only)                        clock_settime= ...
 *   rawio              iopl(3), ioperm(0x80), open /dev/mem       iopl= ioperm= devmem=
 *   kcore              read /proc/kcore                           kcore=read:N or errno
 *   sysrq              open /proc/sysrq-trigger for writing       sysrq=
 *   cgroup             its pid into every cgroup.procs it finds
 *                      in its mounts; mount cgroup2 and v1 memory cgroup-procs= cgroup-mount=
 *   forkbomb           fork (children pause) until it fails       forkbomb=N:ERRNO
 *   oom                allocate and touch 1 MiB blocks until killed oom=MIB (not reached)
 *   fds                its open descriptors                       fds=0,1,2
 *   readfd N           read descriptor N                          readfd=
 *   connect PORT       TCP to 127.0.0.1:PORT                      connect=
 *   bind PORT          a TCP socket bound to 0.0.0.0:PORT         bind=
 *   tiocsti MODE       push "X" into fds 0-2 with TIOCSTI: native,
 *                      high (request | 0xffffffff00000000), i386
 *                      (int 0x80), x32 (number | 0x40000000)     tiocsti-MODE=
 *   tioclinux          TIOCLINUX (paste selection) on fds 0-2     tioclinux=
 *   i386-getpid        getpid through int 0x80                    i386-getpid=
 *   x32-getpid         getpid through the x32 entry               x32-getpid=
 *   ids                uid=R,E,S gid=R,E,S groups=A,B             uid= gid= groups=
 *   caps               the five capability sets, in hex           capinh= ...
 *   rlimit NAME...     soft:hard (or "unlimited")                 rlimit-NAME=
 *   env                one line per variable                      env=NAME=VALUE
 *   hello              write(2) "hello=ok", nothing else          hello=
 *   syscall NAME       one harmless call, made by escape itself: ptrace
 *                      (PTRACE_CONT of itself: ESRCH once allowed),
 *                      personality (read), getpid                NAME=
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/bpf.h>
#include <linux/perf_event.h>
#include <linux/sched.h>
#include <linux/tiocl.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/swap.h>
#include <sys/syscall.h>
#include <sys/timex.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/rlimits.h"

#if !defined(__x86_64__)
#error "escape knows the foreign entry points of x86-64 (i386, x32) only"
#endif

#define X32_BIT 0x40000000L
#define NR_X32_IOCTL (X32_BIT | 514)
#define NR_X32_GETPID (X32_BIT | 39)
#define NR_I386_IOCTL 54
#define NR_I386_GETPID 20

static void out(const char *name, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void out(const char *name, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("%s=", name);
	vprintf(fmt, ap);
	printf("\n");
	fflush(stdout);
	va_end(ap);
}

static const char *errname(int e)
{
	const char *n = strerrorname_np(e);
	return n ? n : "E?";
}

/* "ok" for r >= 0, else the errno's name */
static void result(const char *name, long r)
{
	out(name, "%s", r >= 0 ? "ok" : errname(errno));
}

static long number(const char *s)
{
	char *end;
	long v = strtol(s ? s : "", &end, 10);
	if (!s || *end) {
		fprintf(stderr, "escape: not a number: %s\n", s ? s : "(none)");
		exit(2);
	}
	return v;
}

/* ---- other processes ---------------------------------------------------- */

static void see(const char *arg)
{
	char path[64];
	struct stat st;
	snprintf(path, sizeof(path), "/proc/%ld", number(arg));
	result("see", stat(path, &st));
}

static void kill_pid(const char *arg)
{
	result("kill", kill((pid_t)number(arg), SIGKILL));
}

static void ptrace_pid(const char *arg)
{
	pid_t pid = (pid_t)number(arg);
	long r = ptrace(PTRACE_ATTACH, pid, NULL, NULL);
	int e = errno;
	if (r == 0) {
		waitpid(pid, NULL, __WALL);
		ptrace(PTRACE_DETACH, pid, NULL, NULL);
	}
	errno = e;
	result("ptrace", r);
}

static void ptrace_child(void)
{
	pid_t pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	if (pid < 0) {
		result("ptrace-child", -1);
		return;
	}
	long r = ptrace(PTRACE_ATTACH, pid, NULL, NULL);
	int e = errno;
	if (r == 0)
		waitpid(pid, NULL, __WALL);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, __WALL);
	errno = e;
	result("ptrace-child", r);
}

/* In a child, whose tracer is then this process (not init, which would
 * see the traced command stop). */
static void traceme(const char *name)
{
	int p[2];
	if (pipe(p) < 0) {
		result(name, -1);
		return;
	}
	pid_t pid = fork();
	if (pid == 0) {
		int e = ptrace(PTRACE_TRACEME, 0, NULL, NULL) == 0 ? 0 : errno;
		(void)!write(p[1], &e, sizeof(e));
		_exit(0);
	}
	close(p[1]);
	int e = EIO;
	if (pid < 0 || read(p[0], &e, sizeof(e)) != sizeof(e))
		e = pid < 0 ? errno : EIO;
	close(p[0]);
	if (pid > 0)
		waitpid(pid, NULL, __WALL);
	errno = e;
	result(name, e ? -1 : 0);
}

/* ---- mounts and namespaces ---------------------------------------------- */

static void do_mount(void)
{
	result("mount", mount("escape-mount", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "size=1m"));
}

/* MS_BIND with MS_REMOUNT changes the flags of one mount, never of the
 * filesystem (a plain MS_REMOUNT would reach the host's superblock). */
static void remount(const char *dir)
{
	long a = mount(NULL, "/", NULL, MS_REMOUNT | MS_BIND, NULL);
	int e = errno;
	long b = mount(NULL, dir, NULL, MS_REMOUNT | MS_BIND, NULL);
	if (a < 0 && b >= 0)
		errno = e;
	result("remount", a < 0 ? a : b);
	char path[4096];
	snprintf(path, sizeof(path), "%s/escaped", dir);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	result("write", fd);
	if (fd >= 0)
		close(fd);
}

static void userns(void)
{
	result("userns", unshare(CLONE_NEWUSER));
}

/* The result of a clone that asked for a new user namespace: a child that
 * was made exits at once and is reaped, with errno kept for result(). */
static void cloned(const char *name, long pid)
{
	if (pid == 0)
		syscall(SYS_exit, 0);
	int e = errno;
	if (pid > 0)
		waitpid((pid_t)pid, NULL, 0);
	errno = e;
	result(name, pid);
}

static void clone_userns(void)
{
	cloned("clone-userns", syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, NULL, NULL, NULL, 0));
}

static void clone3_userns(void)
{
	struct clone_args args = { .flags = CLONE_NEWUSER, .exit_signal = SIGCHLD };
	cloned("clone3-userns", syscall(SYS_clone3, &args, sizeof(args)));
}

/* ---- kernel interfaces: each call harmless when it gets through ---------- */

static void keyring(void)
{
	/* 0xfffffffd: KEY_SPEC_SESSION_KEYRING, 0xfffffffe: the process's */
	result("keyctl", syscall(SYS_keyctl, 0 /* KEYCTL_GET_KEYRING_ID */, -3, 0));
	result("add_key", syscall(SYS_add_key, "user", "launch-escape", "x", 1, -2));
}

static void bpf_map(void)
{
	union bpf_attr attr;
	memset(&attr, 0, sizeof(attr));
	attr.map_type = BPF_MAP_TYPE_ARRAY;
	attr.key_size = 4;
	attr.value_size = 4;
	attr.max_entries = 1;
	long fd = syscall(SYS_bpf, BPF_MAP_CREATE, &attr, sizeof(attr));
	result("bpf", fd);
	if (fd >= 0)
		close((int)fd);
}

static void perf(void)
{
	struct perf_event_attr attr;
	memset(&attr, 0, sizeof(attr));
	attr.type = PERF_TYPE_SOFTWARE;
	attr.size = sizeof(attr);
	attr.config = PERF_COUNT_SW_TASK_CLOCK;
	attr.disabled = 1;
	attr.exclude_kernel = 1;
	attr.exclude_hv = 1;
	long fd = syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0);
	result("perf", fd);
	if (fd >= 0)
		close((int)fd);
}

static void module(void)
{
	/* no image at all: EFAULT or ENOEXEC once past the permission check */
	result("init_module", syscall(SYS_init_module, NULL, 0, ""));
	result("finit_module", syscall(SYS_finit_module, -1, "", 0));
	result("delete_module", syscall(SYS_delete_module, "launch_escape_none", O_NONBLOCK));
}

static void kexec(void)
{
	/* more segments than the kernel takes (16): EINVAL, checked after
	 * the permission; 0 segments would unload a loaded image */
	result("kexec_load", syscall(SYS_kexec_load, 0, 1000, NULL, 0));
	/* flags the kernel does not know: EINVAL, after the permission */
	result("kexec_file_load", syscall(SYS_kexec_file_load, -1, -1, 0, "", 0x80000000UL));
}

static void reboot_(void)
{
	/* the magic numbers are checked after CAP_SYS_BOOT: EINVAL */
	result("reboot", syscall(SYS_reboot, 0x1badbad, 0x2badbad, 0, NULL));
}

static void swap(void)
{
	result("swapon", swapon("/launch-escape-no-such-file", 0));
	result("swapoff", swapoff("/launch-escape-no-such-file"));
}

static void clock_(void)
{
	/* tv_nsec out of range: EINVAL before the permission is checked, so
	 * "EINVAL" says the call reached the kernel; nothing can be set */
	struct timespec bad = { .tv_sec = 0, .tv_nsec = 2000000000L };
	result("clock_settime", syscall(SYS_clock_settime, CLOCK_REALTIME, &bad));
	/* neither time nor zone: only the CAP_SYS_TIME check */
	result("settimeofday", syscall(SYS_settimeofday, NULL, NULL));
	struct timex tx = { .modes = 0 };
	result("adjtimex", syscall(SYS_adjtimex, &tx));
}

static void rawio(void)
{
	result("iopl", syscall(SYS_iopl, 3));
	result("ioperm", syscall(SYS_ioperm, 0x80, 1, 1));
	int fd = open("/dev/mem", O_RDONLY | O_CLOEXEC);
	result("devmem", fd);
	if (fd >= 0)
		close(fd);
}

static void kcore(void)
{
	int fd = open("/proc/kcore", O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		result("kcore", -1);
		return;
	}
	char buf[4096];
	ssize_t n = read(fd, buf, sizeof(buf));
	if (n < 0)
		result("kcore", -1);
	else
		out("kcore", "read:%zd", n);
	close(fd);
}

static void sysrq(void)
{
	/* opened, never written */
	int fd = open("/proc/sysrq-trigger", O_WRONLY | O_CLOEXEC);
	result("sysrq", fd);
	if (fd >= 0)
		close(fd);
}

/* Its pid into the cgroup.procs at the root of every cgroup mount it can
 * see (with a cgroup namespace, the run's own cgroup: the parents are not
 * there to be named), and into each directory above its own cgroup as
 * /proc/self/cgroup names it; then new cgroup mounts. */
static void cgroup(void)
{
	char line[4096], pid[32];
	int n = snprintf(pid, sizeof(pid), "%d\n", getpid());
	int first_error = 0, tried = 0, wrote = 0;
	FILE *f = fopen("/proc/self/mountinfo", "r");
	while (f && fgets(line, sizeof(line), f)) {
		char mnt[2048], fstype[64];
		const char *sep = strstr(line, " - ");
		if (!sep || sscanf(line, "%*s %*s %*s %*s %2047s", mnt) != 1 ||
		    sscanf(sep + 3, "%63s", fstype) != 1)
			continue;
		if (strcmp(fstype, "cgroup") != 0 && strcmp(fstype, "cgroup2") != 0)
			continue;
		/* each directory from the mount down to ".." of it: the same
		 * at the root, a parent below */
		static const char *const rel[] = { "cgroup.procs", "../cgroup.procs",
			                           "../../cgroup.procs" };
		for (size_t i = 0; i < sizeof(rel) / sizeof(rel[0]); i++) {
			char path[4200];
			snprintf(path, sizeof(path), "%s/%s", mnt, rel[i]);
			int fd = open(path, O_WRONLY | O_CLOEXEC);
			tried++;
			if (fd >= 0 && write(fd, pid, (size_t)n) == n)
				wrote++;
			else if (!first_error)
				first_error = errno;
			if (fd >= 0)
				close(fd);
		}
	}
	if (f)
		fclose(f);
	if (wrote)
		out("cgroup-procs", "ok");
	else if (tried)
		out("cgroup-procs", "%s", errname(first_error));
	else
		out("cgroup-procs", "none");
	long a = mount("escape-cgroup", "/tmp", "cgroup2", 0, NULL);
	int e = errno;
	long b = mount("escape-cgroup", "/tmp", "cgroup", 0, "memory");
	if (a < 0 && b >= 0)
		errno = e;
	result("cgroup-mount", a < 0 ? a : b);
}

/* ---- resources ---------------------------------------------------------- */

static void forkbomb(void)
{
	long n = 0;
	for (;;) {
		pid_t pid = fork();
		if (pid == 0) {
			for (;;)
				pause();
		}
		if (pid < 0)
			break;
		n++;
		if (n >= 100000)
			break;
	}
	out("forkbomb", "%ld:%s", n, n >= 100000 ? "none" : errname(errno));
	/* the children are init's to end */
}

static void oom(void)
{
	const size_t block = 1 << 20;
	for (long mib = 1;; mib++) {
		char *p = mmap(NULL, block, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
		               0);
		if (p == MAP_FAILED) {
			out("oom", "%ld:%s", mib, errname(errno));
			return;
		}
		memset(p, 0x5a, block);
		if (mib % 1024 == 0) /* 1 GiB: launch's limit did not hold */
			out("oom", "%ld", mib);
		if (mib >= 16384)
			return;
	}
}

/* ---- descriptors and the network ------------------------------------------ */

static void fds(void)
{
	char list[4096] = "";
	size_t len = 0;
	DIR *d = opendir("/proc/self/fd");
	if (!d) {
		result("fds", -1);
		return;
	}
	int own = dirfd(d);
	int nums[1024], n = 0;
	struct dirent *de;
	while ((de = readdir(d)) && n < 1024)
		if (de->d_name[0] != '.' && atoi(de->d_name) != own)
			nums[n++] = atoi(de->d_name);
	closedir(d);
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			if (nums[j] < nums[i]) {
				int t = nums[i];
				nums[i] = nums[j];
				nums[j] = t;
			}
	for (int i = 0; i < n && len < sizeof(list) - 16; i++)
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%d", i ? "," : "",
		                        nums[i]);
	out("fds", "%s", list);
}

static void readfd(const char *arg)
{
	char buf[64];
	ssize_t n = read((int)number(arg), buf, sizeof(buf));
	if (n >= 0)
		out("readfd", "read:%zd", n);
	else
		result("readfd", -1);
}

static void tcp(const char *what, const char *arg, uint32_t addr)
{
	struct sockaddr_in sa = { .sin_family = AF_INET,
		                  .sin_port = htons((uint16_t)number(arg)),
		                  .sin_addr.s_addr = htonl(addr) };
	int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (s < 0) {
		result(what, -1);
		return;
	}
	if (strcmp(what, "connect") == 0)
		result(what, connect(s, (struct sockaddr *)&sa, sizeof(sa)));
	else
		result(what, bind(s, (struct sockaddr *)&sa, sizeof(sa)));
	close(s);
}

/* ---- terminals and foreign entry points ---------------------------------- */

/* int 0x80: the i386 system call table, whatever the process's mode. The
 * kernel zeroes r8-r11 on the way back. */
static long int80(long nr, long a, long b, long c)
{
	long ret;
	__asm__ volatile("int $0x80"
	                 : "=a"(ret)
	                 : "a"(nr), "b"(a), "c"(b), "d"(c)
	                 : "memory", "r8", "r9", "r10", "r11");
	return ret;
}

/* One call of ioctl(fd, request, arg) through the entry point of mode;
 * 0 or an errno. */
static int ioctl_by(const char *mode, int fd, unsigned long request, void *arg)
{
	long r;
	if (strcmp(mode, "native") == 0)
		r = syscall(SYS_ioctl, fd, request, arg);
	else if (strcmp(mode, "high") == 0)
		r = syscall(SYS_ioctl, fd, request | 0xffffffff00000000UL, arg);
	else if (strcmp(mode, "x32") == 0)
		r = syscall(NR_X32_IOCTL, fd, request, arg);
	else if (strcmp(mode, "i386") == 0) {
		r = int80(NR_I386_IOCTL, fd, (long)request, (long)(uintptr_t)arg);
		if (r < 0 && r > -4096) {
			errno = (int)-r;
			r = -1;
		}
	} else {
		fprintf(stderr, "escape: unknown mode %s\n", mode);
		exit(2);
	}
	return r < 0 ? errno : 0;
}

/* The argument in the low 4 GiB, where an i386 call can point. */
static char *low_byte(char c)
{
	static char *p;
	if (!p) {
		p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		         MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
		if (p == MAP_FAILED) {
			perror("escape: mmap MAP_32BIT");
			exit(99);
		}
	}
	*p = c;
	return p;
}

/* "ok" if any of fds 0-2 took it, else the errno of the first terminal
 * among them ("ENOTTY" if none is one) */
static void on_terminals(const char *name, const char *mode, unsigned long request, char arg)
{
	int first = 0;
	bool any_ok = false;
	for (int fd = 0; fd < 3; fd++) {
		if (!isatty(fd))
			continue;
		int e = ioctl_by(mode, fd, request, low_byte(arg));
		if (e == 0)
			any_ok = true;
		else if (!first)
			first = e;
	}
	if (any_ok)
		out(name, "ok");
	else
		out(name, "%s", errname(first ? first : ENOTTY));
}

static void tiocsti(const char *mode)
{
	char name[64];
	snprintf(name, sizeof(name), "tiocsti-%s", mode ? mode : "?");
	on_terminals(name, mode ? mode : "?", TIOCSTI, 'X');
}

static void tioclinux(void)
{
	on_terminals("tioclinux", "native", TIOCLINUX, TIOCL_PASTESEL);
}

static void i386_getpid(void)
{
	out("i386-getpid", "%ld", int80(NR_I386_GETPID, 0, 0, 0));
}

static void x32_getpid(void)
{
	result("x32-getpid", syscall(NR_X32_GETPID));
}

/* ---- what it is ------------------------------------------------------------ */

static void ids(void)
{
	uid_t r, e, s;
	gid_t gr, ge, gs;
	getresuid(&r, &e, &s);
	getresgid(&gr, &ge, &gs);
	out("uid", "%u,%u,%u", r, e, s);
	out("gid", "%u,%u,%u", gr, ge, gs);
	gid_t groups[256];
	int n = getgroups(256, groups);
	char list[2048] = "";
	size_t len = 0;
	for (int i = 0; i < n && len < sizeof(list) - 16; i++)
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%u", i ? "," : "",
		                        groups[i]);
	out("groups", "%s", list);
}

static void caps(void)
{
	static const char *const keys[] = { "CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb" };
	char line[256];
	FILE *f = fopen("/proc/self/status", "r");
	while (f && fgets(line, sizeof(line), f))
		for (size_t i = 0; i < 5; i++) {
			size_t len = strlen(keys[i]);
			if (strncmp(line, keys[i], len) == 0 && line[len] == ':') {
				char name[16];
				snprintf(name, sizeof(name), "cap%s", keys[i] + 3);
				for (char *c = name; *c; c++)
					*c = (char)(*c | 0x20);
				out(name, "%s", strtok(line + len + 1, " \t\n"));
			}
		}
	if (f)
		fclose(f);
	out("no_new_privs", "%d",
	    (int)syscall(SYS_prctl, 39 /* PR_GET_NO_NEW_PRIVS */, 0, 0, 0, 0));
}

static void limit_text(rlim_t v, char *buf, size_t size)
{
	if (v == RLIM_INFINITY)
		snprintf(buf, size, "unlimited");
	else
		snprintf(buf, size, "%llu", (unsigned long long)v);
}

static void rlimit(const char *name)
{
	int resource = name_rlimit(name);
	if (resource < 0) {
		fprintf(stderr, "escape: unknown rlimit %s\n", name);
		exit(2);
	}
	struct rlimit rl;
	char key[64], soft[32], hard[32];
	snprintf(key, sizeof(key), "rlimit-%s", name);
	if (getrlimit(resource, &rl) < 0) {
		result(key, -1);
		return;
	}
	limit_text(rl.rlim_cur, soft, sizeof(soft));
	limit_text(rl.rlim_max, hard, sizeof(hard));
	out(key, "%s:%s", soft, hard);
}

static void env(void)
{
	extern char **environ;
	for (char **e = environ; *e; e++)
		out("env", "%s", *e);
}

/* Nothing but write(2) and exit_group(2), for an allow list that names
 * almost nothing. */
static void hello(void)
{
	static const char msg[] = "hello=ok\n";
	syscall(SYS_write, 1, msg, sizeof(msg) - 1);
}

static void call(const char *name)
{
	if (strcmp(name, "ptrace") == 0)
		/* a request about itself, which it does not trace: ESRCH
		 * once past a filter, and nothing else happens */
		result("ptrace", ptrace(PTRACE_CONT, getpid(), NULL, NULL));
	else if (strcmp(name, "personality") == 0)
		result("personality", personality(0xffffffff));
	else if (strcmp(name, "getpid") == 0)
		result("getpid", syscall(SYS_getpid));
	else {
		fprintf(stderr, "escape: unknown call %s\n", name);
		exit(2);
	}
}

/* ---- main ------------------------------------------------------------------- */

/* Runs the attack at argv[0]; how many arguments it took. */
static int attack(int argc, char **argv)
{
	const char *cmd = argv[0], *arg = argc > 1 ? argv[1] : NULL;
#define IS(s) (strcmp(cmd, (s)) == 0)
	if (IS("see"))
		see(arg);
	else if (IS("kill"))
		kill_pid(arg);
	else if (IS("ptrace"))
		ptrace_pid(arg);
	else if (IS("ptrace-child"))
		ptrace_child();
	else if (IS("traceme"))
		traceme("traceme");
	else if (IS("mount"))
		do_mount();
	else if (IS("remount"))
		remount(arg ? arg : "/");
	else if (IS("userns"))
		userns();
	else if (IS("clone-userns"))
		clone_userns();
	else if (IS("clone3-userns"))
		clone3_userns();
	else if (IS("keyring"))
		keyring();
	else if (IS("bpf"))
		bpf_map();
	else if (IS("perf"))
		perf();
	else if (IS("module"))
		module();
	else if (IS("kexec"))
		kexec();
	else if (IS("reboot"))
		reboot_();
	else if (IS("swap"))
		swap();
	else if (IS("clock"))
		clock_();
	else if (IS("rawio"))
		rawio();
	else if (IS("kcore"))
		kcore();
	else if (IS("sysrq"))
		sysrq();
	else if (IS("cgroup"))
		cgroup();
	else if (IS("forkbomb"))
		forkbomb();
	else if (IS("oom"))
		oom();
	else if (IS("fds"))
		fds();
	else if (IS("readfd"))
		readfd(arg);
	else if (IS("connect"))
		tcp("connect", arg, INADDR_LOOPBACK);
	else if (IS("bind"))
		tcp("bind", arg, INADDR_ANY);
	else if (IS("tiocsti"))
		tiocsti(arg);
	else if (IS("tioclinux"))
		tioclinux();
	else if (IS("i386-getpid"))
		i386_getpid();
	else if (IS("x32-getpid"))
		x32_getpid();
	else if (IS("ids"))
		ids();
	else if (IS("caps"))
		caps();
	else if (IS("rlimit")) {
		int i = 1;
		for (; i < argc && strcmp(argv[i], "--") != 0; i++)
			rlimit(argv[i]);
		return i;
	} else if (IS("env"))
		env();
	else if (IS("hello"))
		hello();
	else if (IS("syscall"))
		call(arg ? arg : "");
	else {
		fprintf(stderr, "escape: unknown attack %s\n", cmd);
		exit(2);
	}
#undef IS
	/* the attacks with an argument took it */
	static const char *const with_arg[] = { "see",     "kill", "ptrace",  "remount", "readfd",
		                                "connect", "bind", "tiocsti", "syscall" };
	for (size_t i = 0; i < sizeof(with_arg) / sizeof(with_arg[0]); i++)
		if (strcmp(cmd, with_arg[i]) == 0 && arg)
			return 2;
	return 1;
}

int main(int argc, char **argv)
{
	bool hold = false;
	int i = 1;
	if (i < argc && strcmp(argv[i], "--hold") == 0) {
		hold = true;
		i++;
	}
	if (i >= argc) {
		fprintf(stderr, "usage: escape [--hold] ATTACK [ARG...] [-- ATTACK [ARG...]]...\n");
		return 2;
	}
	while (i < argc) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			continue;
		}
		i += attack(argc - i, argv + i);
	}
	if (hold) {
		out("held", "%d", getpid());
		char buf[256];
		while (read(0, buf, sizeof(buf)) > 0)
			;
	}
	return 0;
}
