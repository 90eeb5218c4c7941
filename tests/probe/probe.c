/* probe: a multi-call helper the integration tests run inside sandboxes.
 * Each subcommand observes one thing and prints it in a line-oriented form
 * the tests parse. Usage: probe SUBCOMMAND [ARGS...]
 *
 *   ids                 pid ppid pgid sid tty_nr, one "key=value" each
 *   signals STOPSIG     block everything, print "ready", then the number of
 *                       each signal received, one per line, until STOPSIG
 *   fds                 the open descriptors, ascending, space-separated
 *   sigstate            "blocked=HEX ignored=HEX" from /proc/self/status
 *   cwd                 the working directory (/proc/self/cwd)
 *   exit N | kill SIG   exit with N | kill itself with SIG
 *   sleep SECONDS       sleep (nanosleep) then exit 0
 *   burn SECONDS        use CPU until the process has used SECONDS in all
 *                       (its exec and start included), then exit 0
 *   orphans N           double-fork N orphans that exit at once, wait until
 *                       init reaped them, print "zombies=K" (K must be 0)
 *   storm N             N orphans exit in the same instant (one pipe close),
 *                       then exit: coalesced SIGCHLDs for init
 *   leave N [ignore]    leave N processes behind (ignoring SIGTERM with
 *                       "ignore"), print "left", exit 0
 *   tty                 isatty of 0-2, tty_nr, window size rows/cols,
 *                       st_rdev of 0-2
 *   winch               print "ready", then "rows cols" on every SIGWINCH
 *                       until SIGTERM
 *   tiocsti             try to push "X" into fds 0-2 with TIOCSTI, print
 *                       "fdN=ok" or "fdN=ERRNO"
 *   stop                stop itself with SIGSTOP, then print "continued"
 *   touch MIB           allocate and write MIB MiB, print "touched", exit 0
 *   threads N SECONDS   N threads busy on the CPU for SECONDS of wall time
 *   forkloop            fork children that wait, until fork fails; print
 *                       "forked=N error=ERRNO-NAME"
 *   cgread FILE...      "FILE=CONTENT" (first line) for each file of its own
 *                       cgroup, from the hierarchy that holds it (v1 by the
 *                       file's controller prefix, else the unified tree);
 *                       "FILE=?" when it cannot be read
 *   latency             block SIGUSR1 and SIGTERM, print "ready", then on
 *                       each SIGUSR1 the CLOCK_MONOTONIC time (ns) at which
 *                       sigwaitinfo returned it, until SIGTERM (bench's
 *                       relay latency receiver)
 *   lines               SIGTSTP to its default action (as programs that do
 *                       their own job control, vim or less, have it even
 *                       when started with it ignored), print "ready", then
 *                       "got=LINE" for each line of stdin until its end
 *   connect IP PORT     a TCP connection to IP:PORT: "connect=ok", or
 *                       "connect=ERRNO-NAME" (ECONNREFUSED, ENETUNREACH)
 *   tcpself             listen on 127.0.0.1, port 0, and connect to that:
 *                       "tcpself=ok" or "tcpself=ERRNO-NAME"
 *   ifaces              every network interface as "NAME:up" or
 *                       "NAME:down", space-separated, in index order
 *   shm KEY             whether a System V shared memory segment with that
 *                       key exists: "shm=yes", "shm=no" or "shm=ERRNO-NAME"
 *   ns                  "TYPE=INODE" for each entry of /proc/self/ns, sorted
 *                       by name
 *   openpty             open /dev/ptmx, unlock it, open its slave and pass a
 *                       byte through: "openpty=ok" or "openpty=STEP:ERRNO-NAME"
 *   write PATH [BYTES]  create PATH (or truncate it) and write BYTES (default
 *                       1) zero bytes: "write=ok" or "write=ERRNO-NAME"; with
 *                       BYTES 0 only open it for writing, neither creating
 *                       nor truncating it (safe on any file: /proc/sys/...)
 *   signal PID SIG      kill(PID, SIG): "signal=ok" or "signal=ERRNO-NAME"
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <pthread.h>
#include <sys/mman.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/ipc.h>
#include <sys/resource.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static void die(const char *what)
{
	fprintf(stderr, "probe: %s: %s\n", what, strerror(errno));
	exit(99);
}

static long stat_field(int n)
{
	char buf[1024];
	FILE *f = fopen("/proc/self/stat", "r");
	if (!f || !fgets(buf, sizeof(buf), f))
		die("/proc/self/stat");
	fclose(f);
	/* fields after the command name, which may hold spaces: field 3 is
	 * the first after ") " */
	char *p = strrchr(buf, ')');
	if (!p)
		die("parse /proc/self/stat");
	p += 2;
	for (int field = 3; field < n; field++) {
		p = strchr(p, ' ');
		if (!p)
			die("parse /proc/self/stat");
		p++;
	}
	return strtol(p, NULL, 10);
}

static int cmd_ids(void)
{
	printf("pid=%d\nppid=%d\npgid=%d\nsid=%d\ntty_nr=%ld\n", getpid(), getppid(), getpgrp(),
	       getsid(0), stat_field(7));
	return 0;
}

static int cmd_signals(const char *stop_arg)
{
	int stop = atoi(stop_arg);
	sigset_t all;
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);
	printf("ready\n");
	fflush(stdout);
	for (;;) {
		siginfo_t si;
		int sig = sigwaitinfo(&all, &si);
		if (sig < 0) {
			if (errno == EINTR)
				continue;
			die("sigwaitinfo");
		}
		printf("%d\n", sig);
		fflush(stdout);
		if (sig == stop)
			return 0;
	}
}

static int cmd_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	if (!d)
		die("opendir /proc/self/fd");
	int fds[1024], n = 0;
	struct dirent *de;
	while ((de = readdir(d)) && n < 1024) {
		if (de->d_name[0] == '.')
			continue;
		int fd = atoi(de->d_name);
		if (fd != dirfd(d))
			fds[n++] = fd;
	}
	closedir(d);
	for (int i = 0; i < n; i++) /* small: insertion sort */
		for (int j = i; j > 0 && fds[j - 1] > fds[j]; j--) {
			int t = fds[j];
			fds[j] = fds[j - 1];
			fds[j - 1] = t;
		}
	for (int i = 0; i < n; i++)
		printf("%s%d", i ? " " : "", fds[i]);
	printf("\n");
	return 0;
}

static int cmd_sigstate(void)
{
	char line[256];
	char blocked[64] = "?", ignored[64] = "?";
	FILE *f = fopen("/proc/self/status", "r");
	if (!f)
		die("/proc/self/status");
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "SigBlk: %63s", blocked) == 1)
			continue;
		sscanf(line, "SigIgn: %63s", ignored);
	}
	fclose(f);
	printf("blocked=%s ignored=%s\n", blocked, ignored);
	return 0;
}

static void sleep_seconds(double s)
{
	struct timespec ts = { (time_t)s, (long)((s - (double)(time_t)s) * 1e9) };
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static double cpu_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmd_burn(double s)
{
	volatile unsigned long x = 0;
	/* the process's CPU clock counts from its fork, exec included */
	while (cpu_seconds() < s)
		for (int i = 0; i < 100000; i++)
			x += (unsigned long)i;
	return 0;
}

static int count_zombies(void)
{
	DIR *d = opendir("/proc");
	struct dirent *de;
	int zombies = 0;
	if (!d)
		die("opendir /proc");
	while ((de = readdir(d))) {
		char path[300], buf[512];
		if (de->d_name[0] < '0' || de->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", de->d_name);
		FILE *f = fopen(path, "r");
		if (!f)
			continue;
		if (fgets(buf, sizeof(buf), f)) {
			char *p = strrchr(buf, ')');
			if (p && p[1] == ' ' && p[2] == 'Z')
				zombies++;
		}
		fclose(f);
	}
	closedir(d);
	return zombies;
}

/* Forks n children that each fork a grandchild and exit; the grandchildren
 * (orphans, reparented to init) wait on the pipe, which closes when this
 * process closes its write end: they all exit in the same instant. */
static void make_orphans(int n, int release[2])
{
	for (int i = 0; i < n; i++) {
		pid_t child = fork();
		if (child < 0)
			die("fork");
		if (child == 0) {
			if (fork() == 0) {
				char c;
				close(release[1]);
				(void)!read(release[0], &c, 1);
				_exit(0);
			}
			_exit(0);
		}
		waitpid(child, NULL, 0);
	}
}

static int cmd_orphans(int n)
{
	int release[2];
	if (pipe(release) < 0)
		die("pipe");
	make_orphans(n, release);
	close(release[1]);
	close(release[0]);
	/* init has to reap them; give it up to 5 s, report what is left */
	int zombies = 0;
	for (int i = 0; i < 500; i++) {
		sleep_seconds(0.01);
		zombies = count_zombies();
		if (zombies == 0)
			break;
	}
	printf("zombies=%d\n", zombies);
	return 0;
}

static int cmd_storm(int n)
{
	int release[2];
	if (pipe(release) < 0)
		die("pipe");
	make_orphans(n, release);
	close(release[1]);
	return 0;
}

static int cmd_leave(int n, int ignore_term)
{
	int ready[2];
	if (pipe(ready) < 0)
		die("pipe");
	for (int i = 0; i < n; i++) {
		pid_t child = fork();
		if (child < 0)
			die("fork");
		if (child == 0) {
			if (ignore_term)
				signal(SIGTERM, SIG_IGN);
			/* in its own session: the command's group signals miss
			 * it, only init's kill of everything reaches it */
			setsid();
			close(ready[0]);
			(void)!write(ready[1], "r", 1);
			close(ready[1]);
			for (;;)
				pause();
		}
	}
	close(ready[1]);
	/* "left" only once every child is set up: the run's end must find
	 * them as described, not half-way through their start */
	char c;
	for (int i = 0; i < n; i++)
		if (read(ready[0], &c, 1) != 1)
			die("a leftover did not start");
	printf("left\n");
	return 0;
}

static int cmd_tty(void)
{
	struct winsize ws = { 0 };
	ioctl(0, TIOCGWINSZ, &ws);
	printf("isatty=%d%d%d\ntty_nr=%ld\nrows=%d\ncols=%d\n", isatty(0), isatty(1), isatty(2),
	       stat_field(7), ws.ws_row, ws.ws_col);
	for (int fd = 0; fd < 3; fd++) {
		struct stat st;
		if (fstat(fd, &st) == 0)
			printf("rdev%d=%u:%u\n", fd, major(st.st_rdev), minor(st.st_rdev));
	}
	return 0;
}

static int cmd_winch(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGWINCH);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, NULL);
	printf("ready\n");
	fflush(stdout);
	for (;;) {
		int sig = sigwaitinfo(&set, NULL);
		if (sig == SIGTERM)
			return 0;
		if (sig == SIGWINCH) {
			struct winsize ws = { 0 };
			ioctl(0, TIOCGWINSZ, &ws);
			printf("%d %d\n", ws.ws_row, ws.ws_col);
			fflush(stdout);
		}
	}
}

static int cmd_tiocsti(void)
{
	char c = 'X';
	for (int fd = 0; fd < 3; fd++) {
		if (ioctl(fd, TIOCSTI, &c) == 0)
			printf("fd%d=ok\n", fd);
		else
			printf("fd%d=%s\n", fd, strerror(errno));
	}
	return 0;
}

static int cmd_latency(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, NULL);
	printf("ready\n");
	fflush(stdout);
	for (;;) {
		int sig = sigwaitinfo(&set, NULL);
		/* the time first: everything after it is not the relay's */
		struct timespec ts;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		if (sig == SIGTERM)
			return 0;
		if (sig == SIGUSR1) {
			printf("%lld\n", (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec);
			fflush(stdout);
		}
	}
}

static int cmd_lines(void)
{
	char line[4096];
	signal(SIGTSTP, SIG_DFL);
	printf("ready\n");
	while (fgets(line, sizeof(line), stdin)) {
		line[strcspn(line, "\n")] = '\0';
		printf("got=%s\n", line);
	}
	return 0;
}

static int cmd_touch(long mib)
{
	size_t size = (size_t)mib << 20;
	char *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		die("mmap");
	/* every page written: resident, and charged to the cgroup */
	for (size_t i = 0; i < size; i += 4096)
		p[i] = 1;
	printf("touched\n");
	return 0;
}

static double busy_until;

static void *busy(void *arg)
{
	(void)arg;
	volatile unsigned long x = 0;
	struct timespec ts;
	do {
		for (int i = 0; i < 100000; i++)
			x += (unsigned long)i;
		clock_gettime(CLOCK_MONOTONIC, &ts);
	} while ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9 < busy_until);
	return NULL;
}

static int cmd_threads(int n, double seconds)
{
	struct timespec ts;
	pthread_t t[64];
	clock_gettime(CLOCK_MONOTONIC, &ts);
	busy_until = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9 + seconds;
	for (int i = 0; i < n && i < 64; i++)
		if (pthread_create(&t[i], NULL, busy, NULL) != 0)
			die("pthread_create");
	for (int i = 0; i < n && i < 64; i++)
		pthread_join(t[i], NULL);
	return 0;
}

static int cmd_forkloop(void)
{
	int n = 0;
	for (;;) {
		pid_t pid = fork();
		if (pid == 0) {
			for (;;)
				pause();
		}
		if (pid < 0) {
			printf("forked=%d error=%s\n", n,
			       errno == EAGAIN ? "EAGAIN" : strerror(errno));
			return 0;
		}
		n++;
	}
}

/* The mount point of the cgroup hierarchy that has controller (a v1
 * "memory" mount), or of the cgroup2 tree for NULL; "" if none. */
static void cgroup_mount(const char *controller, char *dir, size_t size)
{
	char line[4096];
	dir[0] = '\0';
	FILE *f = fopen("/proc/self/mountinfo", "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char mnt[1024], fstype[64], super[1024];
		char *sep = strstr(line, " - ");
		if (!sep || sscanf(line, "%*s %*s %*s %*s %1023s", mnt) != 1 ||
		    sscanf(sep + 3, "%63s %*s %1023s", fstype, super) != 2)
			continue;
		bool match = false;
		if (!controller) {
			match = strcmp(fstype, "cgroup2") == 0;
		} else if (strcmp(fstype, "cgroup") == 0) {
			for (char *o = strtok(super, ","); o; o = strtok(NULL, ","))
				match |= strcmp(o, controller) == 0;
		}
		if (match) {
			snprintf(dir, size, "%s", mnt);
			break;
		}
	}
	fclose(f);
}

/* This process's cgroup in the hierarchy of controller (NULL: unified). */
static void own_cgroup(const char *controller, char *path, size_t size)
{
	char line[4096];
	path[0] = '\0';
	FILE *f = fopen("/proc/self/cgroup", "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *c1 = strchr(line, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
		if (!c2)
			continue;
		*c2 = '\0';
		line[strcspn(line, "\n")] = '\0';
		c2[1 + strcspn(c2 + 1, "\n")] = '\0';
		bool match = false;
		if (!controller)
			match = c1[1] == '\0';
		else
			for (char *o = strtok(c1 + 1, ","); o; o = strtok(NULL, ","))
				match |= strcmp(o, controller) == 0;
		if (match) {
			snprintf(path, size, "%s", c2 + 1);
			break;
		}
	}
	fclose(f);
}

static int cmd_cgread(int n, char **files)
{
	for (int i = 0; i < n; i++) {
		char controller[64], dir[1024], path[1024], full[4096], value[1024] = "?";
		snprintf(controller, sizeof(controller), "%s", files[i]);
		controller[strcspn(controller, ".")] = '\0';
		const char *c = controller;
		cgroup_mount(c, dir, sizeof(dir));
		if (!dir[0]) /* not a v1 controller here: the unified tree */
			c = NULL, cgroup_mount(NULL, dir, sizeof(dir));
		own_cgroup(c, path, sizeof(path));
		snprintf(full, sizeof(full), "%s%s/%s", dir, path, files[i]);
		FILE *f = fopen(full, "r");
		if (f) {
			if (!fgets(value, sizeof(value), f))
				value[0] = '\0';
			value[strcspn(value, "\n")] = '\0';
			fclose(f);
		}
		printf("%s=%s\n", files[i], value);
	}
	return 0;
}

/* "EACCES" rather than a sentence: the tests compare names */
static const char *errname(int err)
{
	const char *name = strerrorname_np(err);
	return name ? name : "E?";
}

static int cmd_connect(const char *ip, int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	if (inet_pton(AF_INET, ip, &a.sin_addr) != 1) {
		fprintf(stderr, "probe: connect: bad address %s\n", ip);
		return 99;
	}
	int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (s < 0)
		die("socket");
	if (connect(s, (struct sockaddr *)&a, sizeof(a)) < 0)
		printf("connect=%s\n", errname(errno));
	else
		printf("connect=ok\n");
	close(s);
	return 0;
}

static int cmd_tcpself(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	int l = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int c = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (l < 0 || c < 0)
		die("socket");
	if (bind(l, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(l, 1) < 0 ||
	    getsockname(l, (struct sockaddr *)&a, &len) < 0 ||
	    connect(c, (struct sockaddr *)&a, sizeof(a)) < 0)
		printf("tcpself=%s\n", errname(errno));
	else
		printf("tcpself=ok\n");
	close(c);
	close(l);
	return 0;
}

static int cmd_ifaces(void)
{
	struct if_nameindex *ifs = if_nameindex();
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (!ifs || s < 0)
		die("if_nameindex");
	for (size_t i = 0; ifs[i].if_index; i++) {
		struct ifreq ifr = { 0 };
		snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifs[i].if_name);
		if (ioctl(s, SIOCGIFFLAGS, &ifr) < 0)
			die("SIOCGIFFLAGS");
		printf("%s%s:%s", i ? " " : "", ifs[i].if_name,
		       ifr.ifr_flags & IFF_UP ? "up" : "down");
	}
	printf("\n");
	if_freenameindex(ifs);
	close(s);
	return 0;
}

static int cmd_shm(const char *key)
{
	int id = shmget((key_t)strtol(key, NULL, 0), 0, 0);
	if (id >= 0)
		printf("shm=yes\n");
	else
		printf("shm=%s\n", errno == ENOENT ? "no" : errname(errno));
	return 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int cmd_ns(void)
{
	struct dirent **names;
	int n = scandir("/proc/self/ns", &names, NULL, by_name);
	if (n < 0)
		die("scandir /proc/self/ns");
	for (int i = 0; i < n; i++) {
		char path[300];
		struct stat st;
		snprintf(path, sizeof(path), "/proc/self/ns/%s", names[i]->d_name);
		if (names[i]->d_name[0] != '.' && stat(path, &st) == 0)
			printf("%s=%lu\n", names[i]->d_name, (unsigned long)st.st_ino);
		free(names[i]);
	}
	free(names);
	return 0;
}

static int cmd_openpty(void)
{
	const char *step = "open /dev/ptmx";
	int master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC), slave = -1;
	char c = 'x';
	if (master < 0)
		goto fail;
	step = "unlockpt";
	if (grantpt(master) < 0 || unlockpt(master) < 0)
		goto fail;
	step = "open the slave";
	const char *name = ptsname(master);
	if (!name || (slave = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC)) < 0)
		goto fail;
	step = "pass a byte";
	struct termios t;
	if (tcgetattr(slave, &t) < 0)
		goto fail;
	cfmakeraw(&t);
	if (tcsetattr(slave, TCSANOW, &t) < 0 || write(master, &c, 1) != 1 ||
	    read(slave, &c, 1) != 1)
		goto fail;
	printf("openpty=ok\n");
	return 0;
fail:
	printf("openpty=%s:%s\n", step, errname(errno));
	return 0;
}

static int cmd_write(const char *path, long bytes)
{
	static const char zeros[4096];
	int flags = bytes > 0 ? O_WRONLY | O_CREAT | O_TRUNC : O_WRONLY;
	int fd = open(path, flags | O_CLOEXEC, 0644);
	if (fd < 0) {
		printf("write=%s\n", errname(errno));
		return 0;
	}
	for (long done = 0; done < bytes;) {
		size_t n = (size_t)(bytes - done) < sizeof(zeros) ? (size_t)(bytes - done)
		                                                  : sizeof(zeros);
		ssize_t w = write(fd, zeros, n);
		if (w < 0) {
			printf("write=%s\n", errname(errno));
			close(fd);
			return 0;
		}
		done += w;
	}
	/* a full filesystem may say so only now */
	printf("write=%s\n", close(fd) < 0 ? errname(errno) : "ok");
	return 0;
}

static int cmd_signal(pid_t pid, int sig)
{
	printf("signal=%s\n", kill(pid, sig) < 0 ? errname(errno) : "ok");
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 2) {
		fprintf(stderr, "usage: probe SUBCOMMAND [ARGS...]\n");
		return 99;
	}
	const char *cmd = argv[1];
	const char *arg = argc > 2 ? argv[2] : "0";
	if (!strcmp(cmd, "ids"))
		return cmd_ids();
	if (!strcmp(cmd, "signals"))
		return cmd_signals(arg);
	if (!strcmp(cmd, "fds"))
		return cmd_fds();
	if (!strcmp(cmd, "sigstate"))
		return cmd_sigstate();
	if (!strcmp(cmd, "cwd")) {
		/* the kernel's view: works for a removed directory too */
		char buf[4096];
		ssize_t n = readlink("/proc/self/cwd", buf, sizeof(buf) - 1);
		printf("%.*s\n", n > 0 ? (int)n : 1, n > 0 ? buf : "?");
		return 0;
	}
	if (!strcmp(cmd, "exit"))
		return atoi(arg);
	if (!strcmp(cmd, "kill")) {
		signal(atoi(arg), SIG_DFL);
		sigset_t s;
		sigemptyset(&s);
		sigaddset(&s, atoi(arg));
		sigprocmask(SIG_UNBLOCK, &s, NULL);
		kill(getpid(), atoi(arg));
		return 98;
	}
	if (!strcmp(cmd, "sleep")) {
		sleep_seconds(atof(arg));
		return 0;
	}
	if (!strcmp(cmd, "burn"))
		return cmd_burn(atof(arg));
	if (!strcmp(cmd, "orphans"))
		return cmd_orphans(atoi(arg));
	if (!strcmp(cmd, "storm"))
		return cmd_storm(atoi(arg));
	if (!strcmp(cmd, "leave"))
		return cmd_leave(atoi(arg), argc > 3 && !strcmp(argv[3], "ignore"));
	if (!strcmp(cmd, "tty"))
		return cmd_tty();
	if (!strcmp(cmd, "winch"))
		return cmd_winch();
	if (!strcmp(cmd, "tiocsti"))
		return cmd_tiocsti();
	if (!strcmp(cmd, "latency"))
		return cmd_latency();
	if (!strcmp(cmd, "lines"))
		return cmd_lines();
	if (!strcmp(cmd, "touch"))
		return cmd_touch(atol(arg));
	if (!strcmp(cmd, "threads"))
		return cmd_threads(atoi(arg), argc > 3 ? atof(argv[3]) : 1.0);
	if (!strcmp(cmd, "forkloop"))
		return cmd_forkloop();
	if (!strcmp(cmd, "cgread"))
		return cmd_cgread(argc - 2, argv + 2);
	if (!strcmp(cmd, "connect") && argc > 3)
		return cmd_connect(argv[2], atoi(argv[3]));
	if (!strcmp(cmd, "tcpself"))
		return cmd_tcpself();
	if (!strcmp(cmd, "ifaces"))
		return cmd_ifaces();
	if (!strcmp(cmd, "shm"))
		return cmd_shm(arg);
	if (!strcmp(cmd, "ns"))
		return cmd_ns();
	if (!strcmp(cmd, "openpty"))
		return cmd_openpty();
	if (!strcmp(cmd, "write") && argc > 2)
		return cmd_write(argv[2], argc > 3 ? atol(argv[3]) : 1);
	if (!strcmp(cmd, "signal") && argc > 3)
		return cmd_signal((pid_t)atoi(argv[2]), atoi(argv[3]));
	if (!strcmp(cmd, "stop")) {
		kill(getpid(), SIGSTOP);
		printf("continued\n");
		return 0;
	}
	fprintf(stderr, "probe: unknown subcommand %s\n", cmd);
	return 99;
}
