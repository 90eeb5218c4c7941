/* The filesystem view (issue 5): a read-only root, read-only and writable
 * binds, tmpfs with a size, proc; /dev minimal or none; what runtimes hide
 * in /proc and /sys; mandatory and optional mounts, and failures that name
 * the source, the target and the reason; mount points made only inside
 * launch's tmpfs; parents mounted first; the working directory's rules;
 * the command line's options over the profile's; a root directory built
 * from busybox. Writes are judged on the host's side: the file is there,
 * or it is not. Each runs twice, as root and as nobody (NAME_rootless). */
#include <criterion/criterion.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "isolation.h"

TestSuite(view, .fini = h_cleanup, .timeout = 60);

ISO_TEST_TWICE(view, read_only_root_with_binds_tmpfs_and_proc)
{
	const char *rw = iso_dir("rw", 0777);
	char ro[256], probe_root[64];
	snprintf(ro, sizeof(ro), "%s", iso_dir("ro", 0755));
	iso_file("ro/kept", "kept\n", 0644);
	snprintf(probe_root, sizeof(probe_root), "/launch-test-%d", (int)getpid());
	char json[4096];
	snprintf(json, sizeof(json),
	         "{ \"cwd\": \"/\", \"filesystem\": { \"read_only\": true, \"mounts\": ["
	         "{ \"type\": \"tmpfs\", \"target\": \"/tmp\", \"size\": \"1M\" },"
	         "{ \"type\": \"bind\", \"source\": \"%s\", \"target\": \"/tmp/rw\" },"
	         "{ \"type\": \"bind\", \"source\": \"%s\", \"target\": \"/tmp/ro\", "
	         "\"read_only\": true },"
	         "{ \"type\": \"proc\", \"target\": \"/tmp/proc\" },"
	         "{ \"type\": \"bind\", \"source\": \"%s\", \"target\": \"%s\", "
	         "\"read_only\": true } ] } }",
	         rw, ro, u->probe_dir, u->probe_dir);
	char script[1024];
	snprintf(script, sizeof(script),
	         "P=$0; $P write %s 1; $P write /tmp/rw/new 1; $P write /tmp/ro/new 1; "
	         "cat /tmp/ro/kept; $P write /tmp/small 500000; $P write /tmp/big 2000000; "
	         "test -r /tmp/proc/1/status && echo proc; set -- /proc/[0-9]*; echo $#",
	         probe_root);
	struct result r;
	const char *args[] = { "--profile", iso_profile(json), "--", "/bin/sh", "-c",
		               script,      u->probe,          NULL };
	runner_run(u, &r, NULL, args);
	bool root_written = iso_remove_tree(probe_root);
	cr_assert_eq(r.code, 0, "%s", r.err);
	cr_expect_str_eq(r.out, "write=EROFS\nwrite=ok\nwrite=EROFS\nkept\nwrite=ok\n"
	                        "write=ENOSPC\nproc\n2\n");
	cr_expect_not(root_written, "the read-only root let %s through", probe_root);
	char path[512];
	snprintf(path, sizeof(path), "%s/new", rw);
	cr_expect(iso_exists(path), "the writable bind's file is not on the host");
	snprintf(path, sizeof(path), "%s/new", ro);
	cr_expect_not(iso_exists(path), "the read-only bind let a file through");
	h_result_free(&r);
}

/* A bind whose source is under /proc is the host's, though the new root
 * is built on the host's /proc. */
ISO_TEST_TWICE(view, bind_sources_under_proc_are_the_hosts)
{
	char want[256] = "";
	FILE *f = fopen("/proc/sys/kernel/ostype", "r");
	cr_assert(f && fgets(want, sizeof(want), f));
	fclose(f);
	struct result r;
	const char *args[] = { "--tmpfs", "/tmp", "--ro-bind", "/proc/sys/kernel:/tmp/k", "--cwd",
		               "/",       "--",   "/bin/cat",  "/tmp/k/ostype",           NULL };
	runner_run(u, &r, NULL, args);
	cr_assert_eq(r.code, 0, "%s", r.err);
	cr_expect_str_eq(r.out, want);
	h_result_free(&r);
}

ISO_TEST_TWICE(view, optional_mounts_are_skipped_and_mandatory_ones_fail)
{
	const char *missing = iso_path("missing");
	char target[64];
	snprintf(target, sizeof(target), "/launch-test-%d/x", (int)getpid());
	char json[1024];
	snprintf(json, sizeof(json),
	         "{ \"cwd\": \"/\", \"filesystem\": { \"mounts\": ["
	         "{ \"type\": \"tmpfs\", \"target\": \"/tmp\" },"
	         "{ \"type\": \"bind\", \"source\": \"%s\", \"target\": \"/tmp/a\", "
	         "\"optional\": true },"
	         "{ \"type\": \"bind\", \"source\": \"/etc\", \"target\": \"%s\", "
	         "\"optional\": true },"
	         "{ \"type\": \"tmpfs\", \"target\": \"%s\", \"optional\": true } ] } }",
	         missing, target, target);
	struct result r;
	const char *optional[] = { "--profile", iso_profile(json),      "--", "/bin/sh",
		                   "-c",        "ls -A /tmp; echo ran", NULL };
	runner_run(u, &r, NULL, optional);
	char parent[64];
	snprintf(parent, sizeof(parent), "/launch-test-%d", (int)getpid());
	bool made = iso_remove_tree(parent);
	cr_assert_eq(r.code, 0, "%s", r.err);
	cr_expect_str_eq(r.out, "ran\n", "the skipped mounts left something behind");
	cr_expect_not(made, "%s was created on the host", parent);
	h_result_free(&r);

	char expect[512];
	snprintf(expect, sizeof(expect), "launch: bind %s on /tmp/a: No such file or directory\n",
	         missing);
	char bind[300];
	snprintf(bind, sizeof(bind), "%s:/tmp/a", missing);
	const char *mandatory[] = { "--tmpfs", "/tmp", "--bind",    bind,  "--cwd",
		                    "/",       "--",   "/bin/echo", "ran", NULL };
	runner_run(u, &r, NULL, mandatory);
	cr_expect_eq(r.code, 125);
	cr_expect_str_eq(r.err, expect);
	cr_expect_str_eq(r.out, "", "the command ran");
	h_result_free(&r);
}

/* launch ARGS... fails with 125 and exactly this message. */
static void expect_failure(const struct runner *u, const char *const args[], const char *message)
{
	struct result r;
	runner_run(u, &r, "/", args);
	cr_expect_eq(r.code, 125, "%s", r.err);
	cr_expect_str_eq(r.err, message);
	cr_expect_str_eq(r.out, "", "the command ran");
	h_result_free(&r);
}

ISO_TEST_TWICE(view, failing_mounts_name_source_target_and_reason)
{
	const char *file = iso_file("file", "x\n", 0644);
	const char *missing = iso_path("missing");
	char arg[512], message[1024], profile[512];

	/* a file onto a directory */
	snprintf(arg, sizeof(arg), "%s:/tmp", file);
	snprintf(message, sizeof(message),
	         "launch: bind %s on /tmp: a file cannot go on a directory\n", file);
	const char *file_on_dir[] = {
		"--tmpfs", "/tmp", "--ro-bind", arg, "--", "/bin/true", NULL
	};
	expect_failure(u, file_on_dir, message);

	/* a root that is not a directory, or not there */
	char json[512];
	snprintf(json, sizeof(json), "{ \"filesystem\": { \"root\": \"%s\" } }", file);
	snprintf(profile, sizeof(profile), "%s", iso_profile(json));
	snprintf(message, sizeof(message), "launch: filesystem.root %s: Not a directory\n", file);
	const char *root_file[] = { "--profile", profile, "--", "/bin/true", NULL };
	expect_failure(u, root_file, message);
	snprintf(json, sizeof(json), "{ \"filesystem\": { \"root\": \"%s\" } }", missing);
	snprintf(profile, sizeof(profile), "%s", iso_profile(json));
	snprintf(message, sizeof(message),
	         "launch: filesystem.root %s: No such file or directory\n", missing);
	const char *root_missing[] = { "--profile", profile, "--", "/bin/true", NULL };
	expect_failure(u, root_missing, message);

	/* a mount point in a read-only tmpfs cannot be made */
	snprintf(
	        profile, sizeof(profile), "%s",
	        iso_profile("{ \"filesystem\": { \"mounts\": ["
	                    "{ \"type\": \"tmpfs\", \"target\": \"/tmp\", \"read_only\": true },"
	                    "{ \"type\": \"bind\", \"source\": \"/etc\", \"target\": \"/tmp/etc\" }"
	                    "] } }"));
	const char *ro_tmpfs[] = { "--profile", profile, "--", "/bin/true", NULL };
	expect_failure(u, ro_tmpfs,
	               "launch: bind /etc on /tmp/etc: create mount point /tmp/etc: "
	               "Read-only file system\n");
}

ISO_TEST_TWICE(view, mount_points_are_made_only_inside_launchs_tmpfs)
{
	char missing[64], message[512], arg[128];
	snprintf(missing, sizeof(missing), "/launch-test-%d", (int)getpid());
	snprintf(arg, sizeof(arg), "/etc:%s/etc", missing);
	/* the message names the mount, and the first directory missing */
	snprintf(message, sizeof(message),
	         "launch: bind /etc on %s/etc: mount point %s does not exist in the sandbox "
	         "(launch creates mount points only inside a tmpfs of its own, never on the "
	         "host's files)\n",
	         missing, missing);
	const char *outside[] = { "--bind", arg, "--", "/bin/true", NULL };
	expect_failure(u, outside, message);
	snprintf(arg, sizeof(arg), "%s/t", missing);
	snprintf(message, sizeof(message),
	         "launch: tmpfs on %s/t: mount point %s does not exist in the sandbox (launch "
	         "creates mount points only inside a tmpfs of its own, never on the host's "
	         "files)\n",
	         missing, missing);
	const char *tmpfs[] = { "--tmpfs", arg, "--", "/bin/true", NULL };
	expect_failure(u, tmpfs, message);
	bool made = iso_remove_tree(missing);
	cr_expect_not(made, "%s was created on the host", missing);

	/* inside launch's tmpfs, at any depth, for directories and files */
	iso_dir("src", 0755);
	iso_file("src/file", "deep\n", 0644);
	const char *one = iso_file("one", "one\n", 0644);
	char deep[300], single[300];
	snprintf(deep, sizeof(deep), "%s:/tmp/a/b/c", iso_path("src"));
	snprintf(single, sizeof(single), "%s:/tmp/x/one", one);
	struct result r;
	const char *inside[] = { "--tmpfs",   "/tmp",     "--ro-bind",       deep,
		                 "--ro-bind", single,     "--cwd",           "/",
		                 "--",        "/bin/cat", "/tmp/a/b/c/file", "/tmp/x/one",
		                 NULL };
	runner_run(u, &r, NULL, inside);
	cr_assert_eq(r.code, 0, "%s", r.err);
	cr_expect_str_eq(r.out, "deep\none\n");
	h_result_free(&r);
}

ISO_TEST_TWICE(view, parents_are_mounted_first)
{
	/* listed deepest first: launch still mounts /tmp, then /tmp/a, then
	 * /tmp/a/b */
	iso_dir("a", 0755);
	iso_dir("a/b", 0755);
	iso_dir("b", 0755);
	iso_file("b/file", "b\n", 0644);
	iso_file("a/file", "a\n", 0644);
	char json[1024];
	snprintf(json, sizeof(json),
	         "{ \"cwd\": \"/\", \"filesystem\": { \"mounts\": ["
	         "{ \"type\": \"bind\", \"source\": \"%s\", \"target\": \"/tmp/a/b\" },"
	         "{ \"type\": \"bind\", \"source\": \"%s\", \"target\": \"/tmp/a\" },"
	         "{ \"type\": \"tmpfs\", \"target\": \"/tmp\" } ] } }",
	         iso_path("b"), iso_path("a"));
	struct result r;
	const char *args[] = { "--profile",   iso_profile(json), "--", "/bin/cat",
		               "/tmp/a/file", "/tmp/a/b/file",   NULL };
	runner_run(u, &r, NULL, args);
	cr_assert_eq(r.code, 0, "%s", r.err);
	cr_expect_str_eq(r.out, "a\nb\n");
	h_result_free(&r);
}

/* A host pseudo-terminal, so that a devpts shared with the host would show
 * something besides ptmx. */
static int host_pty(void)
{
	int fd = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	cr_assert(fd >= 0 && grantpt(fd) == 0 && unlockpt(fd) == 0, "posix_openpt: %s",
	          strerror(errno));
	return fd;
}

ISO_TEST_TWICE(view, dev_minimal_has_the_devices_its_own_devpts_and_shm)
{
	int pty = host_pty();
	const char *profile =
	        iso_profile("{ \"namespaces\": [\"pid\", \"mount\", \"ipc\"], "
	                    "\"cwd\": \"/\", \"filesystem\": { \"dev\": \"minimal\" } }");
	const char *script =
	        "ls -A /dev | tr '\\n' ' '; echo; ls -A /dev/pts | tr '\\n' ' '; echo; "
	        "P=$0; $P openpty; $P write /dev/shm/x 1; $P write /dev/null 1; $P write /dev/full 1; "
	        "head -c 5 /dev/zero | wc -c; head -c 5 /dev/urandom | wc -c; head -c 5 /dev/random | "
	        "wc -c; for l in ptmx fd stdin; do readlink /dev/$l; done";
	struct result r;
	const char *args[] = {
		"--profile", profile, "--", "/bin/sh", "-c", script, u->probe, NULL
	};
	runner_run(u, &r, NULL, args);
	close(pty);
	cr_assert_eq(r.code, 0, "%s", r.err);
	cr_expect_str_eq(r.out,
	                 "fd full mqueue null ptmx pts random shm stderr stdin stdout tty "
	                 "urandom zero \nptmx \nopenpty=ok\nwrite=ok\nwrite=ok\n"
	                 "write=ENOSPC\n5\n5\n5\npts/ptmx\n/proc/self/fd\n/proc/self/fd/0\n");
	h_result_free(&r);
}

ISO_TEST_TWICE(view, dev_none_is_empty_and_read_only)
{
	const char *profile =
	        iso_profile("{ \"cwd\": \"/\", \"filesystem\": { \"dev\": \"none\" } }");
	struct result r;
	const char *args[] = { "--profile", profile, "--",
		               "/bin/sh",   "-c",    "ls -A /dev; \"$0\" write /dev/null 1",
		               u->probe,    NULL };
	runner_run(u, &r, NULL, args);
	cr_assert_eq(r.code, 0, "%s", r.err);
	cr_expect_str_eq(r.out, "write=EROFS\n");
	h_result_free(&r);
}

/* What runtimes hide, each checked where this kernel has it. */
ISO_TEST_TWICE(view, proc_and_sys_hide_what_runtimes_hide)
{
	static const char *const empty_files[] = { "/proc/kcore",         "/proc/keys",
		                                   "/proc/latency_stats", "/proc/timer_list",
		                                   "/proc/timer_stats",   "/proc/sched_debug" };
	static const char *const empty_dirs[] = { "/proc/acpi", "/proc/asound", "/proc/scsi",
		                                  "/sys/firmware",
		                                  "/sys/devices/virtual/powercap" };
	/* a mount, and a file in it opened for writing with nothing written
	 * (probe write PATH 0); nobody gets EACCES before the mount's EROFS,
	 * so there the mount's options tell */
	static const char *const read_only[][2] = {
		{ "/proc/sys", "/proc/sys/kernel/hostname" },
		{ "/proc/sysrq-trigger", "/proc/sysrq-trigger" },
		{ "/proc/irq", "/proc/irq/default_smp_affinity" },
	};
	char script[4096] = "P=$0; ", expect[4096] = "";
	size_t checked = 0;
	for (size_t i = 0; i < sizeof(empty_files) / sizeof(empty_files[0]); i++)
		if (access(empty_files[i], F_OK) == 0) {
			snprintf(script + strlen(script), sizeof(script) - strlen(script),
			         "echo %s $(wc -c < %s); ", empty_files[i], empty_files[i]);
			snprintf(expect + strlen(expect), sizeof(expect) - strlen(expect), "%s 0\n",
			         empty_files[i]);
			checked++;
		}
	for (size_t i = 0; i < sizeof(empty_dirs) / sizeof(empty_dirs[0]); i++)
		if (access(empty_dirs[i], F_OK) == 0) {
			snprintf(script + strlen(script), sizeof(script) - strlen(script),
			         "echo %s $(ls -A %s | wc -l); $P write %s/x 1; ", empty_dirs[i],
			         empty_dirs[i], empty_dirs[i]);
			snprintf(expect + strlen(expect), sizeof(expect) - strlen(expect),
			         "%s 0\nwrite=EROFS\n", empty_dirs[i]);
			checked++;
		}
	for (size_t i = 0; i < sizeof(read_only) / sizeof(read_only[0]); i++) {
		if (access(read_only[i][1], F_OK) != 0)
			continue;
		if (u->rootless)
			snprintf(script + strlen(script), sizeof(script) - strlen(script),
			         "grep -c ' %s ro,' /proc/self/mountinfo; ", read_only[i][0]);
		else
			snprintf(script + strlen(script), sizeof(script) - strlen(script),
			         "$P write %s 0; ", read_only[i][1]);
		snprintf(expect + strlen(expect), sizeof(expect) - strlen(expect), "%s\n",
		         u->rootless ? "1" : "write=EROFS");
		checked++;
	}
	cr_assert_geq(checked, 3, "this kernel has too few of the paths to check");
	const char *profile =
	        iso_profile("{ \"cwd\": \"/\", \"filesystem\": { \"dev\": \"minimal\" } }");
	struct result r;
	const char *args[] = {
		"--profile", profile, "--", "/bin/sh", "-c", script, u->probe, NULL
	};
	runner_run(u, &r, NULL, args);
	cr_assert_eq(r.code, 0, "%s", r.err);
	cr_expect_str_eq(r.out, expect);
	h_result_free(&r);
}

ISO_TEST_TWICE(view, working_directory_rules)
{
	char here[256];
	snprintf(here, sizeof(here), "%s", iso_dir("here", 0755));
	iso_dir("here/src", 0755);
	iso_file("here/src/file", "src\n", 0644);

	/* a view without the directory launch runs in */
	char message[512];
	snprintf(message, sizeof(message),
	         "launch: working directory %s: No such file or directory (hint: the "
	         "sandbox's view does not have the directory launch runs in: set cwd (or "
	         "--cwd), or bind it)\n",
	         here);
	struct result r;
	const char *hidden[] = { "--tmpfs", "/tmp", "--", "/bin/true", NULL };
	runner_run(u, &r, here, hidden);
	cr_expect_eq(r.code, 125);
	cr_expect_str_eq(r.err, message);
	h_result_free(&r);

	/* ... with it (the ci profile's way: a tmpfs /tmp, the checkout bound
	 * at its own path) */
	const char *kept[] = { "--tmpfs",    "/tmp", "--ro-bind", ".",   "--ro-bind",
		               u->probe_dir, "--",   u->probe,    "cwd", NULL };
	runner_run(u, &r, here, kept);
	char expect[300];
	snprintf(expect, sizeof(expect), "%s\n", here);
	cr_expect_eq(r.code, 0, "%s", r.err);
	cr_expect_str_eq(r.out, expect);
	h_result_free(&r);

	/* the cwd key, and ${PWD} in a bind's source */
	const char *profile = iso_profile(
	        "{ \"cwd\": \"/tmp/work\", \"filesystem\": { \"mounts\": ["
	        "{ \"type\": \"tmpfs\", \"target\": \"/tmp\" },"
	        "{ \"type\": \"bind\", \"source\": \"${PWD}/src\", \"target\": \"/tmp/work\" } ] } }");
	const char *key[] = { "--profile", profile, "--", "/bin/sh", "-c", "pwd; cat file", NULL };
	runner_run(u, &r, here, key);
	cr_expect_eq(r.code, 0, "%s", r.err);
	cr_expect_str_eq(r.out, "/tmp/work\nsrc\n");
	h_result_free(&r);

	/* launch started in a directory removed since: the view cannot have
	 * it, and ${PWD} means nothing */
	char gone[300], script[1024];
	snprintf(gone, sizeof(gone), "%s/gone", here);
	snprintf(script, sizeof(script), "mkdir %s && cd %s && rmdir %s && exec \"$@\"", gone, gone,
	         gone);
	const char *argv[64] = { "/bin/sh", "-c", script, "sh" };
	const char *removed[] = { "--tmpfs", "/tmp", "--", "/bin/true", NULL };
	runner_argv(u, argv + 4, 60, removed);
	h_run(&r, 20, argv);
	cr_expect_eq(r.code, 125);
	cr_expect_str_eq(r.err, "launch: working directory: the directory launch runs in was "
	                        "removed; set cwd (or --cwd)\n");
	h_result_free(&r);
	const char *removed_pwd[] = {
		"--ro-bind", "src:/mnt", "--cwd", "/", "--", "/bin/true", NULL
	};
	runner_argv(u, argv + 4, 60, removed_pwd);
	h_run(&r, 20, argv);
	cr_expect_eq(r.code, 125);
	cr_expect_str_eq(r.err, "launch: bind ${PWD}/src: launch's working directory is gone "
	                        "(removed since), so ${PWD} has no meaning\n");
	h_result_free(&r);
}

ISO_TEST_TWICE(view, command_line_options_beat_the_profile)
{
	char a[256], b[256], c[256], json[4096];
	snprintf(a, sizeof(a), "%s", iso_dir("a", 0777));
	snprintf(b, sizeof(b), "%s", iso_dir("b", 0777));
	snprintf(c, sizeof(c), "%s", iso_dir("c", 0755));
	iso_file("c/hidden", "x", 0644);
	/* the profile: a read-only a, a writable b, c, its own name, cwd and
	 * a loopback (and the probe, which its /tmp would hide) */
	snprintf(json, sizeof(json),
	         "{ \"hostname\": \"profile\", \"network\": \"loopback\", \"cwd\": \"/\", "
	         "\"filesystem\": { \"mounts\": ["
	         "{ \"type\": \"tmpfs\", \"target\": \"/tmp\" },"
	         "{ \"type\": \"bind\", \"source\": \"%s\", \"target\": \"/tmp/a\", "
	         "\"read_only\": true },"
	         "{ \"type\": \"bind\", \"source\": \"%s\", \"target\": \"/tmp/b\" },"
	         "{ \"type\": \"bind\", \"source\": \"%s\", \"target\": \"/tmp/c\" },"
	         "{ \"type\": \"bind\", \"source\": \"%s\", \"target\": \"%s\", "
	         "\"read_only\": true } ] } }",
	         a, b, c, u->probe_dir, u->probe_dir);
	char bind_a[300], ro_bind_b[300];
	snprintf(bind_a, sizeof(bind_a), "%s:/tmp/a", a);
	snprintf(ro_bind_b, sizeof(ro_bind_b), "%s:/tmp/b", b);
	struct result r;
	const char *args[] = { "--profile",
		               iso_profile(json),
		               "--hostname",
		               "cli",
		               "--net",
		               "none",
		               "--cwd",
		               "/tmp",
		               "--bind",
		               bind_a,
		               "--ro-bind",
		               ro_bind_b,
		               "--tmpfs",
		               "/tmp/c",
		               "--",
		               "/bin/sh",
		               "-c",
		               "P=$0; hostname; $P ifaces; pwd; $P write /tmp/a/new 1; "
		               "$P write /tmp/b/new 1; ls -A /tmp/c; echo end",
		               u->probe,
		               NULL };
	runner_run(u, &r, NULL, args);
	cr_assert_eq(r.code, 0, "%s", r.err);
	cr_expect_str_eq(r.out, "cli\nlo:down\n/tmp\nwrite=ok\nwrite=EROFS\nend\n");
	char path[512];
	snprintf(path, sizeof(path), "%s/new", a);
	cr_expect(iso_exists(path), "--bind did not make a writable");
	snprintf(path, sizeof(path), "%s/new", b);
	cr_expect_not(iso_exists(path), "--ro-bind did not make b read-only");
	h_result_free(&r);
}

ISO_TEST_TWICE(view, net_host_takes_away_the_profiles_network_namespace)
{
	int port;
	int listener = iso_listen(&port);
	char p[16];
	snprintf(p, sizeof(p), "%d", port);
	const char *profile = iso_profile("{ \"namespaces\": [\"pid\", \"mount\", \"net\"], "
	                                  "\"network\": \"none\" }");
	struct result r;
	const char *host[] = { "--profile", profile,   "--net",     "host", "--",
		               u->probe,    "connect", "127.0.0.1", p,      NULL };
	runner_run(u, &r, NULL, host);
	bool accepted = iso_accepted(listener, 1);
	close(listener);
	cr_assert_eq(r.code, 0, "%s", r.err);
	cr_expect_str_eq(r.out, "connect=ok\n");
	cr_expect(accepted);
	h_result_free(&r);
}

/* ---- a root directory of busybox ----------------------------------------- */

/* Whether an ELF file has no interpreter: it runs in an empty root. */
static bool is_static(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	Elf64_Ehdr eh;
	bool dynamic = true;
	if (pread(fd, &eh, sizeof(eh), 0) == sizeof(eh) &&
	    memcmp(eh.e_ident, ELFMAG, SELFMAG) == 0 && eh.e_ident[EI_CLASS] == ELFCLASS64) {
		dynamic = false;
		for (unsigned i = 0; i < eh.e_phnum; i++) {
			Elf64_Phdr ph;
			if (pread(fd, &ph, sizeof(ph), (off_t)(eh.e_phoff + i * eh.e_phentsize)) !=
			    sizeof(ph))
				dynamic = true;
			else if (ph.p_type == PT_INTERP)
				dynamic = true;
		}
	}
	close(fd);
	return !dynamic;
}

static char tree_listing[16384];

static int list_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)type;
	(void)ftw;
	size_t len = strlen(tree_listing);
	snprintf(tree_listing + len, sizeof(tree_listing) - len, "%s %o %lld %lld.%09ld\n", path,
	         (unsigned)st->st_mode, (long long)st->st_size, (long long)st->st_mtim.tv_sec,
	         st->st_mtim.tv_nsec);
	return 0;
}

/* Every entry of the tree with its mode, size and modification time. */
static char *listing(const char *dir)
{
	tree_listing[0] = '\0';
	cr_assert(nftw(dir, list_entry, 16, FTW_PHYS) == 0);
	return strdup(tree_listing);
}

ISO_TEST_TWICE(view, busybox_root_directory)
{
	const char *busybox = "/bin/busybox";
	if (access(busybox, X_OK) != 0)
		cr_skip_test("no %s (package busybox-static) to build a root directory from",
		             busybox);
	if (!is_static(busybox))
		cr_skip_test("%s is linked dynamically (install busybox-static)", busybox);
	char root[256];
	snprintf(root, sizeof(root), "%s", iso_dir("rootfs", 0755));
	static const char *const dirs[] = { "bin", "dev", "proc", "sys", "tmp", "etc" };
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		char d[64];
		snprintf(d, sizeof(d), "rootfs/%s", dirs[i]);
		iso_dir(d, 0755);
	}
	char copy[300];
	snprintf(copy, sizeof(copy), "%s/bin/busybox", root);
	{
		struct result r;
		const char *cp[] = { "/bin/cp", busybox, copy, NULL };
		h_run(&r, 10, cp);
		cr_assert_eq(r.code, 0, "cp: %s", r.err);
		h_result_free(&r);
	}
	static const char *const applets[] = { "sh", "ls", "cat", "echo", "touch", "mkdir", "wc" };
	for (size_t i = 0; i < sizeof(applets) / sizeof(applets[0]); i++) {
		char link[300];
		snprintf(link, sizeof(link), "%s/bin/%s", root, applets[i]);
		cr_assert(symlink("busybox", link) == 0);
	}
	iso_file("rootfs/etc/hostname", "rootfs\n", 0644);
	char *before = listing(root);

	char json[1024];
	snprintf(json, sizeof(json),
	         "{ \"cwd\": \"/\", \"filesystem\": { \"root\": \"%s\", \"read_only\": true, "
	         "\"dev\": \"minimal\", \"mounts\": [ { \"type\": \"tmpfs\", \"target\": \"/tmp\" "
	         "} ] } }",
	         root);
	/* only the root directory's files (its /etc has just hostname: none
	 * of the host's), and none of them writable */
	struct result r;
	const char *args[] = {
		"--profile",
		iso_profile(json),
		"--",
		"/bin/sh",
		"-c",
		"export PATH=/bin; ls /; ls /etc; cat /etc/hostname; echo x > /tmp/t && cat "
		"/tmp/t; touch /new 2>/dev/null || echo ro; mkdir /bin/d 2>/dev/null "
		"|| echo ro; echo > /etc/hostname 2>/dev/null || echo ro; ls /dev | "
		"wc -l",
		NULL
	};
	runner_run(u, &r, NULL, args);
	char *after = listing(root);
	cr_assert_eq(r.code, 0, "%s", r.err);
	cr_expect_str_eq(r.out,
	                 "bin\ndev\netc\nproc\nsys\ntmp\nhostname\nrootfs\nx\nro\nro\nro\n13\n");
	cr_expect_str_eq(after, before, "the root directory changed");
	free(before);
	free(after);
	h_result_free(&r);
}
