/* floor: the least a PID-namespace launcher can do, as the benchmark's
 * yardstick. Usage: floor [--namespaces] CMD [ARGS...]
 *
 * A fork-like clone(CLONE_NEWPID | SIGCHLD); the child is PID 1 of the new
 * namespace and acts as a reaping init: it forks, the grandchild execs CMD,
 * and init reaps until ECHILD, then exits with CMD's status (128 + N for a
 * signal). The parent waits for init and exits with its status.
 *
 * Nothing else on purpose: no mount namespace, no /proc, no signal relay,
 * no descriptor hygiene. What launch does beyond this is what it costs.
 *
 * --namespaces adds what launch's default profile asks of the kernel and
 * what that costs: new mount, IPC and UTS namespaces, the mounts made
 * private, and a fresh /proc. launch's cost beyond that is launch's own. */
#include <errno.h>
#include <linux/sched.h>
#include <sys/mount.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int exit_code(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return 1;
}

static __attribute__((noreturn)) void init_main(char **argv, int mount_proc)
{
	if (mount_proc &&
	    (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0 ||
	     mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)) {
		fprintf(stderr, "floor: mount: %s\n", strerror(errno));
		_exit(125);
	}
	pid_t command = fork();
	if (command < 0) {
		fprintf(stderr, "floor: fork: %s\n", strerror(errno));
		_exit(125);
	}
	if (command == 0) {
		execvp(argv[0], argv);
		fprintf(stderr, "floor: exec %s: %s\n", argv[0], strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	int code = 1;
	for (;;) {
		int status;
		pid_t pid = wait(&status);
		if (pid == command)
			code = exit_code(status);
		else if (pid < 0 && errno != EINTR)
			break; /* ECHILD: nothing is left in the namespace */
	}
	_exit(code);
}

int main(int argc, char **argv)
{
	int mount_proc = argc > 1 && strcmp(argv[1], "--namespaces") == 0;
	if (argc < 2 + mount_proc) {
		fprintf(stderr, "usage: floor [--namespaces] CMD [ARGS...]\n");
		return 125;
	}
	/* clone3 with only CLONE_NEWPID and SIGCHLD is the fork-like
	 * clone(CLONE_NEWPID | SIGCHLD) without clone()'s per-architecture
	 * argument order; launch uses clone3 too */
	struct clone_args args;
	memset(&args, 0, sizeof(args));
	args.flags = CLONE_NEWPID | (mount_proc ? CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWUTS : 0);
	args.exit_signal = SIGCHLD;
	long pid = syscall(SYS_clone3, &args, sizeof(args));
	if (pid < 0) {
		fprintf(stderr, "floor: clone3(CLONE_NEWPID): %s\n", strerror(errno));
		return 125;
	}
	if (pid == 0)
		init_main(argv + 1 + mount_proc, mount_proc);

	int status;
	while (waitpid((pid_t)pid, &status, 0) < 0)
		if (errno != EINTR) {
			fprintf(stderr, "floor: waitpid: %s\n", strerror(errno));
			return 125;
		}
	return exit_code(status);
}
