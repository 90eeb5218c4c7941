/* The seccomp groups: systemd's syscall sets, which users know from
 * SystemCallFilter=, with the same names and members.
 *
 * Source: systemd v254 (tag v254, commit 994c7978608a), its documentation
 * of SystemCallFilter= in man systemd.exec (man/systemd.exec.xml) and the
 * sets in src/shared/seccomp-util.c; @known is src/basic/syscall-list.txt
 * plus @obsolete, as systemd builds it. To follow a newer systemd, compare
 * those files between the tags and change the lists here to match: the
 * unit tests then check the result against libseccomp.
 *
 * Every system call is listed under its name on any architecture, as
 * systemd does, so a group means the same thing on every host; the names
 * x86-64 lacks are marked after the table (other_arch, not_in_libseccomp).
 *
 * Two groups have a role beyond their members in systemd, which launch's
 * filter has to decide on for itself: a unit's SystemCallFilter= allow
 * list always gets @default too (src/core/load-fragment.c), and
 * systemd-nspawn denies @known calls with EPERM but answers ENOSYS for the
 * rest, so that programs fall back from system calls newer than the
 * filter, as glibc does from clone3 to clone (src/nspawn/nspawn-seccomp.c). */
#include "security/seccomp_groups.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/cleanup.h"

#define LIST(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define NONE ((const char *const[]){ NULL })
/* an array initializer, which clang-format fills lines with (it puts a
 * plain list of strings one a line) */
/* clang-format off */
#define NAMES(...) { __VA_ARGS__ }
/* clang-format on */

/* Alphabetical, @known last for its length. Within a group, includes come
 * before system calls, as in systemd's lists; each list is sorted. */
static const struct seccomp_group groups[] = {
	{
	        .name = "@aio",
	        .summary = "asynchronous I/O: io_setup and io_submit, io_uring",
	        .includes = NONE,
	        .syscalls = LIST("io_cancel", "io_destroy", "io_getevents", "io_pgetevents",
	                         "io_pgetevents_time64", "io_setup", "io_submit", "io_uring_enter",
	                         "io_uring_register", "io_uring_setup"),
	},
	{
	        .name = "@basic-io",
	        .summary = "reading, writing, seeking, duplicating and closing file descriptors",
	        .includes = NONE,
	        .syscalls = LIST("_llseek", "close", "close_range", "dup", "dup2", "dup3", "lseek",
	                         "pread64", "preadv", "preadv2", "pwrite64", "pwritev", "pwritev2",
	                         "read", "readv", "write", "writev"),
	},
	{
	        .name = "@chown",
	        .summary = "changing the owner of files",
	        .includes = NONE,
	        .syscalls = LIST("chown", "chown32", "fchown", "fchown32", "fchownat", "lchown",
	                         "lchown32"),
	},
	{
	        .name = "@clock",
	        .summary = "setting the system clock",
	        .includes = NONE,
	        .syscalls = LIST("adjtimex", "clock_adjtime", "clock_adjtime64", "clock_settime",
	                         "clock_settime64", "settimeofday"),
	},
	{
	        .name = "@cpu-emulation",
	        .summary = "running code in other CPU modes (vm86, modify_ldt)",
	        .includes = NONE,
	        .syscalls = LIST("modify_ldt", "subpage_prot", "switch_endian", "vm86", "vm86old"),
	},
	{
	        .name = "@debug",
	        .summary = "tracing and inspecting other processes: ptrace, perf_event_open",
	        .includes = NONE,
	        .syscalls = LIST("lookup_dcookie", "perf_event_open", "pidfd_getfd", "ptrace",
	                         "rtas", "s390_runtime_instr", "sys_debug_setcontext"),
	},
	{
	        .name = "@default",
	        .summary = "start, exit, own IDs, time, sleep: what every program needs",
	        .includes = NONE,
	        .syscalls = LIST(
	                "arch_prctl", "brk", "cacheflush", "clock_getres", "clock_getres_time64",
	                "clock_gettime", "clock_gettime64", "clock_nanosleep",
	                "clock_nanosleep_time64", "execve", "exit", "exit_group", "futex",
	                "futex_time64", "futex_waitv", "get_robust_list", "get_thread_area",
	                "getegid", "getegid32", "geteuid", "geteuid32", "getgid", "getgid32",
	                "getgroups", "getgroups32", "getpgid", "getpgrp", "getpid", "getppid",
	                "getrandom", "getresgid", "getresgid32", "getresuid", "getresuid32",
	                "getrlimit", "getsid", "gettid", "gettimeofday", "getuid", "getuid32",
	                "membarrier", "mmap", "mmap2", "mprotect", "munmap", "nanosleep", "pause",
	                "prlimit64", "restart_syscall", "riscv_flush_icache", "riscv_hwprobe",
	                "rseq", "rt_sigreturn", "sched_getaffinity", "sched_yield",
	                "set_robust_list", "set_thread_area", "set_tid_address", "set_tls",
	                "sigreturn", "time", "ugetrlimit"),
	},
	{
	        .name = "@file-system",
	        .summary = "opening, creating, renaming, linking, removing files; their metadata",
	        .includes = NONE,
	        .syscalls = LIST(
	                "access", "chdir", "chmod", "close", "creat", "faccessat", "faccessat2",
	                "fallocate", "fchdir", "fchmod", "fchmodat", "fcntl", "fcntl64",
	                "fgetxattr", "flistxattr", "fremovexattr", "fsetxattr", "fstat", "fstat64",
	                "fstatat64", "fstatfs", "fstatfs64", "ftruncate", "ftruncate64",
	                "futimesat", "getcwd", "getdents", "getdents64", "getxattr",
	                "inotify_add_watch", "inotify_init", "inotify_init1", "inotify_rm_watch",
	                "lgetxattr", "link", "linkat", "listxattr", "llistxattr", "lremovexattr",
	                "lsetxattr", "lstat", "lstat64", "mkdir", "mkdirat", "mknod", "mknodat",
	                "newfstatat", "oldfstat", "oldlstat", "oldstat", "open", "openat",
	                "openat2", "readlink", "readlinkat", "removexattr", "rename", "renameat",
	                "renameat2", "rmdir", "setxattr", "stat", "stat64", "statfs", "statfs64",
	                "statx", "symlink", "symlinkat", "truncate", "truncate64", "unlink",
	                "unlinkat", "utime", "utimensat", "utimensat_time64", "utimes"),
	},
	{
	        .name = "@io-event",
	        .summary = "waiting on file descriptors: poll, select, epoll, eventfd",
	        .includes = NONE,
	        .syscalls = LIST("_newselect", "epoll_create", "epoll_create1", "epoll_ctl",
	                         "epoll_ctl_old", "epoll_pwait", "epoll_pwait2", "epoll_wait",
	                         "epoll_wait_old", "eventfd", "eventfd2", "poll", "ppoll",
	                         "ppoll_time64", "pselect6", "pselect6_time64", "select"),
	},
	{
	        .name = "@ipc",
	        .summary = "pipes, System V IPC, POSIX message queues, another process's memory",
	        .includes = NONE,
	        .syscalls = LIST("ipc", "memfd_create", "mq_getsetattr", "mq_notify", "mq_open",
	                         "mq_timedreceive", "mq_timedreceive_time64", "mq_timedsend",
	                         "mq_timedsend_time64", "mq_unlink", "msgctl", "msgget", "msgrcv",
	                         "msgsnd", "pipe", "pipe2", "process_madvise", "process_vm_readv",
	                         "process_vm_writev", "semctl", "semget", "semop", "semtimedop",
	                         "semtimedop_time64", "shmat", "shmctl", "shmdt", "shmget"),
	},
	{
	        .name = "@keyring",
	        .summary = "the kernel's key retention service",
	        .includes = NONE,
	        .syscalls = LIST("add_key", "keyctl", "request_key"),
	},
	{
	        .name = "@memlock",
	        .summary = "locking memory in RAM",
	        .includes = NONE,
	        .syscalls = LIST("mlock", "mlock2", "mlockall", "munlock", "munlockall"),
	},
	{
	        .name = "@module",
	        .summary = "loading and unloading kernel modules",
	        .includes = NONE,
	        .syscalls = LIST("delete_module", "finit_module", "init_module"),
	},
	{
	        .name = "@mount",
	        .summary = "mounting and unmounting file systems, changing the root directory",
	        .includes = NONE,
	        .syscalls = LIST("chroot", "fsconfig", "fsmount", "fsopen", "fspick", "mount",
	                         "mount_setattr", "move_mount", "open_tree", "pivot_root", "umount",
	                         "umount2"),
	},
	{
	        .name = "@network-io",
	        .summary = "sockets, local (AF_UNIX) ones included",
	        .includes = NONE,
	        .syscalls =
	                LIST("accept", "accept4", "bind", "connect", "getpeername", "getsockname",
	                     "getsockopt", "listen", "recv", "recvfrom", "recvmmsg",
	                     "recvmmsg_time64", "recvmsg", "send", "sendmmsg", "sendmsg", "sendto",
	                     "setsockopt", "shutdown", "socket", "socketcall", "socketpair"),
	},
	{
	        .name = "@obsolete",
	        .summary = "calls that are unusual, obsolete or never implemented",
	        .includes = NONE,
	        .syscalls = LIST("_sysctl", "afs_syscall", "bdflush", "break", "create_module",
	                         "ftime", "get_kernel_syms", "getpmsg", "gtty", "idle", "lock",
	                         "mpx", "prof", "profil", "putpmsg", "query_module", "security",
	                         "sgetmask", "ssetmask", "stime", "stty", "sysfs", "tuxcall",
	                         "ulimit", "uselib", "ustat", "vserver"),
	},
	{
	        .name = "@pkey",
	        .summary = "memory protection keys",
	        .includes = NONE,
	        .syscalls = LIST("pkey_alloc", "pkey_free", "pkey_mprotect"),
	},
	/* @mount is not among its includes, in systemd either: only chroot
	 * and pivot_root are, on their own; mount(2) and the fsopen family
	 * are not. Deny @mount too for a sandbox that may not mount. */
	{
	        .name = "@privileged",
	        .summary = "calls that need superuser capabilities",
	        .includes = LIST("@chown", "@clock", "@module", "@raw-io", "@reboot", "@swap"),
	        .syscalls =
	                LIST("_sysctl", "acct", "bpf", "capset", "chroot", "fanotify_init",
	                     "fanotify_mark", "nfsservctl", "open_by_handle_at", "pivot_root",
	                     "quotactl", "quotactl_fd", "setdomainname", "setfsuid", "setfsuid32",
	                     "setgroups", "setgroups32", "sethostname", "setresuid", "setresuid32",
	                     "setreuid", "setreuid32", "setuid", "setuid32", "vhangup"),
	},
	{
	        .name = "@process",
	        .summary = "creating, executing, signalling and waiting for processes; namespaces",
	        .includes = NONE,
	        .syscalls =
	                LIST("capget", "clone", "clone3", "execveat", "fork", "getrusage", "kill",
	                     "pidfd_open", "pidfd_send_signal", "prctl", "rt_sigqueueinfo",
	                     "rt_tgsigqueueinfo", "setns", "swapcontext", "tgkill", "times",
	                     "tkill", "unshare", "vfork", "wait4", "waitid", "waitpid"),
	},
	{
	        .name = "@raw-io",
	        .summary = "direct access to I/O ports and PCI configuration space",
	        .includes = NONE,
	        .syscalls = LIST("ioperm", "iopl", "pciconfig_iobase", "pciconfig_read",
	                         "pciconfig_write", "s390_pci_mmio_read", "s390_pci_mmio_write"),
	},
	{
	        .name = "@reboot",
	        .summary = "rebooting and loading a new kernel (kexec)",
	        .includes = NONE,
	        .syscalls = LIST("kexec_file_load", "kexec_load", "reboot"),
	},
	{
	        .name = "@resources",
	        .summary = "changing resource limits, scheduling and memory placement",
	        .includes = NONE,
	        .syscalls = LIST("ioprio_set", "mbind", "migrate_pages", "move_pages", "nice",
	                         "sched_setaffinity", "sched_setattr", "sched_setparam",
	                         "sched_setscheduler", "set_mempolicy", "set_mempolicy_home_node",
	                         "setpriority", "setrlimit"),
	},
	{
	        .name = "@sandbox",
	        .summary = "seccomp and Landlock",
	        .includes = NONE,
	        .syscalls = LIST("landlock_add_rule", "landlock_create_ruleset",
	                         "landlock_restrict_self", "seccomp"),
	},
	{
	        .name = "@setuid",
	        .summary = "changing user and group IDs",
	        .includes = NONE,
	        .syscalls = LIST("setgid", "setgid32", "setgroups", "setgroups32", "setregid",
	                         "setregid32", "setresgid", "setresgid32", "setresuid",
	                         "setresuid32", "setreuid", "setreuid32", "setuid", "setuid32"),
	},
	{
	        .name = "@signal",
	        .summary = "handling, blocking and waiting for signals",
	        .includes = NONE,
	        .syscalls = LIST("rt_sigaction", "rt_sigpending", "rt_sigprocmask", "rt_sigsuspend",
	                         "rt_sigtimedwait", "rt_sigtimedwait_time64", "sigaction",
	                         "sigaltstack", "signal", "signalfd", "signalfd4", "sigpending",
	                         "sigprocmask", "sigsuspend"),
	},
	{
	        .name = "@swap",
	        .summary = "enabling and disabling swap",
	        .includes = NONE,
	        .syscalls = LIST("swapoff", "swapon"),
	},
	{
	        .name = "@sync",
	        .summary = "flushing files and memory to storage",
	        .includes = NONE,
	        .syscalls = LIST("fdatasync", "fsync", "msync", "sync", "sync_file_range",
	                         "sync_file_range2", "syncfs"),
	},
	{
	        .name = "@system-service",
	        .summary = "what ordinary services need; none of @clock, @mount, @reboot, @swap...",
	        .includes = LIST("@aio", "@basic-io", "@chown", "@default", "@file-system",
	                         "@io-event", "@ipc", "@keyring", "@memlock", "@network-io",
	                         "@process", "@resources", "@setuid", "@signal", "@sync", "@timer"),
	        .syscalls = LIST("arm_fadvise64_64", "capget", "capset", "copy_file_range",
	                         "fadvise64", "fadvise64_64", "flock", "get_mempolicy", "getcpu",
	                         "getpriority", "ioctl", "ioprio_get", "kcmp", "madvise", "mremap",
	                         "name_to_handle_at", "oldolduname", "olduname", "personality",
	                         "readahead", "readdir", "remap_file_pages",
	                         "sched_get_priority_max", "sched_get_priority_min",
	                         "sched_getattr", "sched_getparam", "sched_getscheduler",
	                         "sched_rr_get_interval", "sched_rr_get_interval_time64",
	                         "sched_yield", "sendfile", "sendfile64", "setfsgid", "setfsgid32",
	                         "setfsuid", "setfsuid32", "setpgid", "setsid", "splice", "sysinfo",
	                         "tee", "umask", "uname", "userfaultfd", "vmsplice"),
	},
	{
	        .name = "@timer",
	        .summary = "alarms, interval timers, POSIX timers, timerfd",
	        .includes = NONE,
	        .syscalls = LIST("alarm", "getitimer", "setitimer", "timer_create", "timer_delete",
	                         "timer_getoverrun", "timer_gettime", "timer_gettime64",
	                         "timer_settime", "timer_settime64", "timerfd_create",
	                         "timerfd_gettime", "timerfd_gettime64", "timerfd_settime",
	                         "timerfd_settime64", "times"),
	},
	{
	        .name = "@known",
	        .summary = "every system call of every architecture (Linux 6.5, systemd v254)",
	        .includes = LIST("@obsolete"),
	        .syscalls = LIST(
	                "_llseek", "_newselect", "_sysctl", "accept", "accept4", "access", "acct",
	                "add_key", "adjtimex", "alarm", "arc_gettls", "arc_settls",
	                "arc_usr_cmpxchg", "arch_prctl", "arm_fadvise64_64", "atomic_barrier",
	                "atomic_cmpxchg_32", "bdflush", "bind", "bpf", "brk", "cachectl",
	                "cacheflush", "cachestat", "capget", "capset", "chdir", "chmod", "chown",
	                "chown32", "chroot", "clock_adjtime", "clock_adjtime64", "clock_getres",
	                "clock_getres_time64", "clock_gettime", "clock_gettime64",
	                "clock_nanosleep", "clock_nanosleep_time64", "clock_settime",
	                "clock_settime64", "clone", "clone2", "clone3", "close", "close_range",
	                "connect", "copy_file_range", "creat", "create_module", "delete_module",
	                "dipc", "dup", "dup2", "dup3", "epoll_create", "epoll_create1", "epoll_ctl",
	                "epoll_ctl_old", "epoll_pwait", "epoll_pwait2", "epoll_wait",
	                "epoll_wait_old", "eventfd", "eventfd2", "exec_with_loader", "execv",
	                "execve", "execveat", "exit", "exit_group", "faccessat", "faccessat2",
	                "fadvise64", "fadvise64_64", "fallocate", "fanotify_init", "fanotify_mark",
	                "fchdir", "fchmod", "fchmodat", "fchown", "fchown32", "fchownat", "fcntl",
	                "fcntl64", "fdatasync", "fgetxattr", "finit_module", "flistxattr", "flock",
	                "fork", "fp_udfiex_crtl", "fremovexattr", "fsconfig", "fsetxattr",
	                "fsmount", "fsopen", "fspick", "fstat", "fstat64", "fstatat64", "fstatfs",
	                "fstatfs64", "fsync", "ftruncate", "ftruncate64", "futex", "futex_time64",
	                "futex_waitv", "futimesat", "get_kernel_syms", "get_mempolicy",
	                "get_robust_list", "get_thread_area", "getcpu", "getcwd", "getdents",
	                "getdents64", "getdomainname", "getdtablesize", "getegid", "getegid32",
	                "geteuid", "geteuid32", "getgid", "getgid32", "getgroups", "getgroups32",
	                "gethostname", "getitimer", "getpagesize", "getpeername", "getpgid",
	                "getpgrp", "getpid", "getpmsg", "getppid", "getpriority", "getrandom",
	                "getresgid", "getresgid32", "getresuid", "getresuid32", "getrlimit",
	                "getrusage", "getsid", "getsockname", "getsockopt", "gettid",
	                "gettimeofday", "getuid", "getuid32", "getunwind", "getxattr", "getxgid",
	                "getxpid", "getxuid", "idle", "init_module", "inotify_add_watch",
	                "inotify_init", "inotify_init1", "inotify_rm_watch", "io_cancel",
	                "io_destroy", "io_getevents", "io_pgetevents", "io_pgetevents_time64",
	                "io_setup", "io_submit", "io_uring_enter", "io_uring_register",
	                "io_uring_setup", "ioctl", "ioperm", "iopl", "ioprio_get", "ioprio_set",
	                "ipc", "kcmp", "kern_features", "kexec_file_load", "kexec_load", "keyctl",
	                "kill", "landlock_add_rule", "landlock_create_ruleset",
	                "landlock_restrict_self", "lchown", "lchown32", "lgetxattr", "link",
	                "linkat", "listen", "listxattr", "llistxattr", "lookup_dcookie",
	                "lremovexattr", "lseek", "lsetxattr", "lstat", "lstat64", "madvise",
	                "mbind", "membarrier", "memfd_create", "memfd_secret", "memory_ordering",
	                "migrate_pages", "mincore", "mkdir", "mkdirat", "mknod", "mknodat", "mlock",
	                "mlock2", "mlockall", "mmap", "mmap2", "modify_ldt", "mount",
	                "mount_setattr", "move_mount", "move_pages", "mprotect", "mq_getsetattr",
	                "mq_notify", "mq_open", "mq_timedreceive", "mq_timedreceive_time64",
	                "mq_timedsend", "mq_timedsend_time64", "mq_unlink", "mremap", "msgctl",
	                "msgget", "msgrcv", "msgsnd", "msync", "multiplexer", "munlock",
	                "munlockall", "munmap", "name_to_handle_at", "nanosleep", "newfstatat",
	                "nfsservctl", "nice", "old_adjtimex", "old_getpagesize", "oldfstat",
	                "oldlstat", "oldolduname", "oldstat", "oldumount", "olduname", "open",
	                "open_by_handle_at", "open_tree", "openat", "openat2", "or1k_atomic",
	                "osf_adjtime", "osf_afs_syscall", "osf_alt_plock", "osf_alt_setsid",
	                "osf_alt_sigpending", "osf_asynch_daemon", "osf_audcntl", "osf_audgen",
	                "osf_chflags", "osf_execve", "osf_exportfs", "osf_fchflags",
	                "osf_fdatasync", "osf_fpathconf", "osf_fstat", "osf_fstatfs",
	                "osf_fstatfs64", "osf_fuser", "osf_getaddressconf", "osf_getdirentries",
	                "osf_getdomainname", "osf_getfh", "osf_getfsstat", "osf_gethostid",
	                "osf_getitimer", "osf_getlogin", "osf_getmnt", "osf_getrusage",
	                "osf_getsysinfo", "osf_gettimeofday", "osf_kloadcall", "osf_kmodcall",
	                "osf_lstat", "osf_memcntl", "osf_mincore", "osf_mount", "osf_mremap",
	                "osf_msfs_syscall", "osf_msleep", "osf_mvalid", "osf_mwakeup",
	                "osf_naccept", "osf_nfssvc", "osf_ngetpeername", "osf_ngetsockname",
	                "osf_nrecvfrom", "osf_nrecvmsg", "osf_nsendmsg", "osf_ntp_adjtime",
	                "osf_ntp_gettime", "osf_old_creat", "osf_old_fstat", "osf_old_getpgrp",
	                "osf_old_killpg", "osf_old_lstat", "osf_old_open", "osf_old_sigaction",
	                "osf_old_sigblock", "osf_old_sigreturn", "osf_old_sigsetmask",
	                "osf_old_sigvec", "osf_old_stat", "osf_old_vadvise", "osf_old_vtrace",
	                "osf_old_wait", "osf_oldquota", "osf_pathconf", "osf_pid_block",
	                "osf_pid_unblock", "osf_plock", "osf_priocntlset", "osf_profil",
	                "osf_proplist_syscall", "osf_reboot", "osf_revoke", "osf_sbrk",
	                "osf_security", "osf_select", "osf_set_program_attributes",
	                "osf_set_speculative", "osf_sethostid", "osf_setitimer", "osf_setlogin",
	                "osf_setsysinfo", "osf_settimeofday", "osf_shmat", "osf_signal",
	                "osf_sigprocmask", "osf_sigsendset", "osf_sigstack", "osf_sigwaitprim",
	                "osf_sstk", "osf_stat", "osf_statfs", "osf_statfs64", "osf_subsys_info",
	                "osf_swapctl", "osf_swapon", "osf_syscall", "osf_sysinfo", "osf_table",
	                "osf_uadmin", "osf_usleep_thread", "osf_uswitch", "osf_utc_adjtime",
	                "osf_utc_gettime", "osf_utimes", "osf_utsname", "osf_wait4", "osf_waitid",
	                "pause", "pciconfig_iobase", "pciconfig_read", "pciconfig_write",
	                "perf_event_open", "perfctr", "personality", "pidfd_getfd", "pidfd_open",
	                "pidfd_send_signal", "pipe", "pipe2", "pivot_root", "pkey_alloc",
	                "pkey_free", "pkey_mprotect", "poll", "ppoll", "ppoll_time64", "prctl",
	                "pread64", "preadv", "preadv2", "prlimit64", "process_madvise",
	                "process_mrelease", "process_vm_readv", "process_vm_writev", "pselect6",
	                "pselect6_time64", "ptrace", "pwrite64", "pwritev", "pwritev2",
	                "query_module", "quotactl", "quotactl_fd", "read", "readahead", "readdir",
	                "readlink", "readlinkat", "readv", "reboot", "recv", "recvfrom", "recvmmsg",
	                "recvmmsg_time64", "recvmsg", "remap_file_pages", "removexattr", "rename",
	                "renameat", "renameat2", "request_key", "restart_syscall",
	                "riscv_flush_icache", "riscv_hwprobe", "rmdir", "rseq", "rt_sigaction",
	                "rt_sigpending", "rt_sigprocmask", "rt_sigqueueinfo", "rt_sigreturn",
	                "rt_sigsuspend", "rt_sigtimedwait", "rt_sigtimedwait_time64",
	                "rt_tgsigqueueinfo", "rtas", "s390_guarded_storage", "s390_pci_mmio_read",
	                "s390_pci_mmio_write", "s390_runtime_instr", "s390_sthyi",
	                "sched_get_affinity", "sched_get_priority_max", "sched_get_priority_min",
	                "sched_getaffinity", "sched_getattr", "sched_getparam",
	                "sched_getscheduler", "sched_rr_get_interval",
	                "sched_rr_get_interval_time64", "sched_set_affinity", "sched_setaffinity",
	                "sched_setattr", "sched_setparam", "sched_setscheduler", "sched_yield",
	                "seccomp", "select", "semctl", "semget", "semop", "semtimedop",
	                "semtimedop_time64", "send", "sendfile", "sendfile64", "sendmmsg",
	                "sendmsg", "sendto", "set_mempolicy", "set_mempolicy_home_node",
	                "set_robust_list", "set_thread_area", "set_tid_address", "setdomainname",
	                "setfsgid", "setfsgid32", "setfsuid", "setfsuid32", "setgid", "setgid32",
	                "setgroups", "setgroups32", "sethae", "sethostname", "setitimer", "setns",
	                "setpgid", "setpgrp", "setpriority", "setregid", "setregid32", "setresgid",
	                "setresgid32", "setresuid", "setresuid32", "setreuid", "setreuid32",
	                "setrlimit", "setsid", "setsockopt", "settimeofday", "setuid", "setuid32",
	                "setxattr", "sgetmask", "shmat", "shmctl", "shmdt", "shmget", "shutdown",
	                "sigaction", "sigaltstack", "signal", "signalfd", "signalfd4", "sigpending",
	                "sigprocmask", "sigreturn", "sigsuspend", "socket", "socketcall",
	                "socketpair", "splice", "spu_create", "spu_run", "ssetmask", "stat",
	                "stat64", "statfs", "statfs64", "statx", "stime", "subpage_prot",
	                "swapcontext", "swapoff", "swapon", "switch_endian", "symlink", "symlinkat",
	                "sync", "sync_file_range", "sync_file_range2", "syncfs",
	                "sys_debug_setcontext", "syscall", "sysfs", "sysinfo", "syslog", "sysmips",
	                "tee", "tgkill", "time", "timer_create", "timer_delete", "timer_getoverrun",
	                "timer_gettime", "timer_gettime64", "timer_settime", "timer_settime64",
	                "timerfd", "timerfd_create", "timerfd_gettime", "timerfd_gettime64",
	                "timerfd_settime", "timerfd_settime64", "times", "tkill", "truncate",
	                "truncate64", "ugetrlimit", "umask", "umount", "umount2", "uname", "unlink",
	                "unlinkat", "unshare", "uselib", "userfaultfd", "ustat", "utime",
	                "utimensat", "utimensat_time64", "utimes", "utrap_install", "vfork",
	                "vhangup", "vm86", "vm86old", "vmsplice", "wait4", "waitid", "waitpid",
	                "write", "writev"),
	},
};

#define N_GROUPS ARRAY_SIZE(groups)

/* seccomp_group_expand marks the groups it has visited in one word. */
_Static_assert(N_GROUPS <= 64, "seccomp_group_expand's visited mask has 64 bits");

/* The names above that are not system calls on x86-64, in two sorted
 * lists (bsearch). A unit test checks each list against libseccomp's
 * tables for x86-64, both ways: every name in the groups that x86-64
 * lacks is here, and every name here is in the groups and lacking. */

/* libseccomp knows these, with a number on some other architecture: the
 * 32-bit ABIs' variants (*32 credentials, *64 files, *_time64, mmap2,
 * socketcall, ipc, old* stat), the obsolete calls that only 32-bit x86,
 * mips and powerpc still number (break, gtty, ...), and arm, mips,
 * parisc, powerpc, riscv and s390 calls of their own. */
static const char *const other_arch[] = NAMES(
        "_llseek", "_newselect", "arm_fadvise64_64", "bdflush", "break", "cachectl", "cacheflush",
        "chown32", "clock_adjtime64", "clock_getres_time64", "clock_gettime64",
        "clock_nanosleep_time64", "clock_settime64", "fadvise64_64", "fchown32", "fcntl64",
        "fstat64", "fstatat64", "fstatfs64", "ftime", "ftruncate64", "futex_time64", "getegid32",
        "geteuid32", "getgid32", "getgroups32", "getresgid32", "getresuid32", "getuid32", "gtty",
        "idle", "io_pgetevents_time64", "ipc", "lchown32", "lock", "lstat64", "mmap2", "mpx",
        "mq_timedreceive_time64", "mq_timedsend_time64", "multiplexer", "nice", "oldfstat",
        "oldlstat", "oldolduname", "oldstat", "olduname", "pciconfig_iobase", "pciconfig_read",
        "pciconfig_write", "ppoll_time64", "prof", "profil", "pselect6_time64", "readdir", "recv",
        "recvmmsg_time64", "riscv_flush_icache", "rt_sigtimedwait_time64", "rtas",
        "s390_guarded_storage", "s390_pci_mmio_read", "s390_pci_mmio_write", "s390_runtime_instr",
        "s390_sthyi", "sched_rr_get_interval_time64", "semtimedop_time64", "send", "sendfile64",
        "set_tls", "setfsgid32", "setfsuid32", "setgid32", "setgroups32", "setregid32",
        "setresgid32", "setresuid32", "setreuid32", "setuid32", "sgetmask", "sigaction", "signal",
        "sigpending", "sigprocmask", "sigreturn", "sigsuspend", "socketcall", "spu_create",
        "spu_run", "ssetmask", "stat64", "statfs64", "stime", "stty", "subpage_prot", "swapcontext",
        "switch_endian", "sync_file_range2", "sys_debug_setcontext", "syscall", "sysmips",
        "timer_gettime64", "timer_settime64", "timerfd", "timerfd_gettime64", "timerfd_settime64",
        "truncate64", "ugetrlimit", "ulimit", "umount", "utimensat_time64", "vm86", "vm86old",
        "waitpid");

/* libseccomp 2.5.4 (Debian 12) has no number for these on any
 * architecture: they belong to architectures it cannot filter, alpha
 * unless named here; arc: arc_*; csky: fp_udfiex_crtl; ia64: clone2,
 * getunwind, old_getpagesize; m68k: atomic_*; alpha, m68k and sparc:
 * getpagesize; openrisc: or1k_atomic; sparc: execv, getdomainname,
 * kern_features, memory_ordering, perfctr, sched_[gs]et_affinity,
 * utrap_install. riscv_hwprobe (riscv, Linux 6.4) is newer than it. */
static const char *const not_in_libseccomp[] = NAMES(
        "arc_gettls", "arc_settls", "arc_usr_cmpxchg", "atomic_barrier", "atomic_cmpxchg_32",
        "clone2", "dipc", "exec_with_loader", "execv", "fp_udfiex_crtl", "getdomainname",
        "getdtablesize", "gethostname", "getpagesize", "getunwind", "getxgid", "getxpid", "getxuid",
        "kern_features", "memory_ordering", "old_adjtimex", "old_getpagesize", "oldumount",
        "or1k_atomic", "osf_adjtime", "osf_afs_syscall", "osf_alt_plock", "osf_alt_setsid",
        "osf_alt_sigpending", "osf_asynch_daemon", "osf_audcntl", "osf_audgen", "osf_chflags",
        "osf_execve", "osf_exportfs", "osf_fchflags", "osf_fdatasync", "osf_fpathconf", "osf_fstat",
        "osf_fstatfs", "osf_fstatfs64", "osf_fuser", "osf_getaddressconf", "osf_getdirentries",
        "osf_getdomainname", "osf_getfh", "osf_getfsstat", "osf_gethostid", "osf_getitimer",
        "osf_getlogin", "osf_getmnt", "osf_getrusage", "osf_getsysinfo", "osf_gettimeofday",
        "osf_kloadcall", "osf_kmodcall", "osf_lstat", "osf_memcntl", "osf_mincore", "osf_mount",
        "osf_mremap", "osf_msfs_syscall", "osf_msleep", "osf_mvalid", "osf_mwakeup", "osf_naccept",
        "osf_nfssvc", "osf_ngetpeername", "osf_ngetsockname", "osf_nrecvfrom", "osf_nrecvmsg",
        "osf_nsendmsg", "osf_ntp_adjtime", "osf_ntp_gettime", "osf_old_creat", "osf_old_fstat",
        "osf_old_getpgrp", "osf_old_killpg", "osf_old_lstat", "osf_old_open", "osf_old_sigaction",
        "osf_old_sigblock", "osf_old_sigreturn", "osf_old_sigsetmask", "osf_old_sigvec",
        "osf_old_stat", "osf_old_vadvise", "osf_old_vtrace", "osf_old_wait", "osf_oldquota",
        "osf_pathconf", "osf_pid_block", "osf_pid_unblock", "osf_plock", "osf_priocntlset",
        "osf_profil", "osf_proplist_syscall", "osf_reboot", "osf_revoke", "osf_sbrk",
        "osf_security", "osf_select", "osf_set_program_attributes", "osf_set_speculative",
        "osf_sethostid", "osf_setitimer", "osf_setlogin", "osf_setsysinfo", "osf_settimeofday",
        "osf_shmat", "osf_signal", "osf_sigprocmask", "osf_sigsendset", "osf_sigstack",
        "osf_sigwaitprim", "osf_sstk", "osf_stat", "osf_statfs", "osf_statfs64", "osf_subsys_info",
        "osf_swapctl", "osf_swapon", "osf_syscall", "osf_sysinfo", "osf_table", "osf_uadmin",
        "osf_usleep_thread", "osf_uswitch", "osf_utc_adjtime", "osf_utc_gettime", "osf_utimes",
        "osf_utsname", "osf_wait4", "osf_waitid", "perfctr", "riscv_hwprobe", "sched_get_affinity",
        "sched_set_affinity", "sethae", "setpgrp", "utrap_install");

const struct seccomp_group *seccomp_group_find(const char *name)
{
	if (!name || name[0] != '@')
		return NULL;
	for (size_t i = 0; i < N_GROUPS; i++)
		if (strcmp(groups[i].name, name) == 0)
			return &groups[i];
	return NULL;
}

bool seccomp_group_name_valid(const char *name)
{
	return seccomp_group_find(name) != NULL;
}

size_t seccomp_group_count(void)
{
	return N_GROUPS;
}

const struct seccomp_group *seccomp_group_at(size_t i)
{
	return i < N_GROUPS ? &groups[i] : NULL;
}

struct expansion {
	const char **out;
	size_t n;
	uint64_t visited; /* bit i: groups[i] */
};

static int expand_into(struct expansion *x, const struct seccomp_group *g)
{
	uint64_t bit = UINT64_C(1) << (size_t)(g - groups);
	if (x->visited & bit)
		return 0;
	x->visited |= bit;

	for (const char *const *s = g->syscalls; *s; s++) {
		if (x->n == SECCOMP_GROUP_EXPAND_MAX)
			return -E2BIG;
		x->out[x->n++] = *s;
	}
	for (const char *const *inc = g->includes; *inc; inc++) {
		const struct seccomp_group *sub = seccomp_group_find(*inc);
		if (!sub)
			return -ENOENT;
		int r = expand_into(x, sub);
		if (r < 0)
			return r;
	}
	return 0;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int seccomp_group_expand(const struct seccomp_group *g, const char *out[SECCOMP_GROUP_EXPAND_MAX])
{
	struct expansion x = { .out = out };
	int r = expand_into(&x, g);
	if (r < 0)
		return r;

	/* the same call in two groups (close: @basic-io and @file-system)
	 * is listed once */
	qsort(out, x.n, sizeof(out[0]), compare_names);
	size_t n = 0;
	for (size_t i = 0; i < x.n; i++)
		if (n == 0 || strcmp(out[n - 1], out[i]) != 0)
			out[n++] = out[i];
	return (int)n;
}

static bool in_sorted(const char *name, const char *const *list, size_t n)
{
	return bsearch(&name, list, n, sizeof(list[0]), compare_names) != NULL;
}

enum seccomp_syscall_where seccomp_syscall_where(const char *name)
{
	if (in_sorted(name, other_arch, ARRAY_SIZE(other_arch)))
		return SECCOMP_SYSCALL_OTHER_ARCH;
	if (in_sorted(name, not_in_libseccomp, ARRAY_SIZE(not_in_libseccomp)))
		return SECCOMP_SYSCALL_NOT_IN_LIBSECCOMP;
	return SECCOMP_SYSCALL_X86_64;
}
