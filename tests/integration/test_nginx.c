/* nginx under the web profile (issue 7): Debian's nginx serves a page on
 * loopback, reloads its configuration on SIGHUP (new workers, the new
 * configuration's answers), and ends on SIGTERM with exit 0: web's stop
 * signal is SIGTERM, nginx's fast shutdown; with --stop-signal SIGQUIT, its
 * graceful one.
 *
 * What web asks of nginx: web keeps only CAP_NET_BIND_SERVICE, so nginx
 * must not switch users. Started as root it does by default (to nobody),
 * and fails at once: chown of its temporary directories, EPERM without
 * CAP_CHOWN. "user root root;" keeps it root; its workers then log that
 * initgroups failed (EPERM without CAP_SETGID) and go on. Better, a profile
 * extending web gives it a user of its own: it switches nothing, and binds
 * a port below 1024 with the one capability web keeps. Both are tested.
 * Its files are in the test's directory, bound into the sandbox (web's
 * /tmp is a tmpfs of its own): pid, temporary paths, "daemon off;",
 * "master_process on;" (a reload needs the master). */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "services.h"

#define NGINX "/usr/sbin/nginx"

TestSuite(nginx, .init = svc_setup, .fini = svc_teardown, .timeout = 120);

static void need_nginx(void)
{
	if (access(NGINX, X_OK) != 0)
		cr_skip_test("nginx is not installed (" NGINX
		             "; scripts/install-deps installs it)");
}

/* A loopback port nobody listens on: the kernel's choice (port 0), or the
 * first free one of lo..hi. */
static int free_port(int lo, int hi)
{
	for (int port = lo; port <= hi; port++) {
		int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		cr_assert(fd >= 0);
		struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
		a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		socklen_t len = sizeof(a);
		int ok = bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0 &&
		         getsockname(fd, (struct sockaddr *)&a, &len) == 0;
		close(fd);
		if (ok)
			return ntohs(a.sin_port);
	}
	cr_assert_fail("no free port in %d..%d", lo, hi);
	return -1;
}

/* GET path from 127.0.0.1:port: the body of a 200 answer (malloc'd), NULL
 * if there is none (nothing listens, another status, a timeout). */
static char *http_get(int port, const char *path)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	cr_assert(fd >= 0);
	struct timeval tv = { 2, 0 };
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	char request[256], *answer = NULL;
	size_t len = 0;
	int n = snprintf(request, sizeof(request),
	                 "GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n", path);
	if (connect(fd, (struct sockaddr *)&a, sizeof(a)) == 0 &&
	    write(fd, request, (size_t)n) == n) {
		char buf[4096];
		ssize_t got;
		while ((got = read(fd, buf, sizeof(buf))) > 0) {
			answer = realloc(answer, len + (size_t)got + 1);
			cr_assert(answer);
			memcpy(answer + len, buf, (size_t)got);
			len += (size_t)got;
			answer[len] = '\0';
		}
	}
	close(fd);
	char *body = answer ? strstr(answer, "\r\n\r\n") : NULL;
	char *out = NULL;
	if (body &&
	    (!strncmp(answer, "HTTP/1.1 200 ", 13) || !strncmp(answer, "HTTP/1.0 200 ", 13)))
		out = strdup(body + 4);
	free(answer);
	return out;
}

/* Asks until the answer is want (nginx starting, or reloading). */
static bool http_wait_for(int port, const char *path, const char *want, double timeout_s)
{
	double deadline = now_s() + timeout_s;
	for (;;) {
		char *body = http_get(port, path);
		bool same = body && !strcmp(body, want);
		free(body);
		if (same)
			return true;
		if (now_s() > deadline)
			return false;
		h_sleep(0.02);
	}
}

/* nginx.conf in dir: /version answers version. */
static void write_conf(const char *dir, int port, const char *version, bool as_root)
{
	char path[PATH_MAX + 16], text[4096];
	snprintf(path, sizeof(path), "%s/nginx.conf", dir);
	snprintf(text, sizeof(text),
	         "%s"
	         "daemon off;\n"
	         "master_process on;\n"
	         "worker_processes 1;\n"
	         "pid %s/nginx.pid;\n"
	         "error_log stderr notice;\n"
	         "events { worker_connections 64; }\n"
	         "http {\n"
	         "    access_log off;\n"
	         "    client_body_temp_path %s/body;\n"
	         "    proxy_temp_path %s/proxy;\n"
	         "    fastcgi_temp_path %s/fastcgi;\n"
	         "    uwsgi_temp_path %s/uwsgi;\n"
	         "    scgi_temp_path %s/scgi;\n"
	         "    default_type text/plain;\n"
	         "    server {\n"
	         "        listen 127.0.0.1:%d;\n"
	         "        root %s/www;\n"
	         "        location = /version { return 200 \"%s\"; }\n"
	         "    }\n"
	         "}\n",
	         as_root ? "user root root;\n" : "", dir, dir, dir, dir, dir, dir, port, dir,
	         version);
	svc_write(path, text);
}

/* The directory of nginx's files (in the test's), with its page. */
static const char *site(char *dir, const char *name)
{
	char path[PATH_MAX + 16];
	svc_path(dir, name);
	snprintf(path, sizeof(path), "%s/www", dir);
	cr_assert(mkdir(dir, 0755) == 0 && mkdir(path, 0755) == 0);
	snprintf(path, sizeof(path), "%s/www/index.html", dir);
	svc_write(path, "hello from launch\n");
	return dir;
}

/* nginx's master is the command: init's child; its worker, the master's. */
static pid_t master_of(pid_t launch)
{
	pid_t init = h_child_of(launch);
	return init > 0 ? h_child_of(init) : 0;
}

/* Serves, reloads on SIGHUP (to launch, relayed) with new workers, then
 * ends on launch's stop signal with exit 0; nothing listens after. */
static void serve_reload_stop(struct child *c, const char *dir, int port, bool as_root,
                              const char *stopping)
{
	cr_assert(http_wait_for(port, "/", "hello from launch\n", 10),
	          "nginx does not serve the page on port %d", port);
	char *v = http_get(port, "/version");
	cr_expect_str_eq(v ? v : "(none)", "v1");
	free(v);
	pid_t master = master_of(c->pid), worker = master > 0 ? h_child_of(master) : 0;
	cr_assert(master > 0 && worker > 0, "no nginx master and worker");

	write_conf(dir, port, "v2", as_root);
	kill(c->pid, SIGHUP);
	cr_expect(http_wait_for(port, "/version", "v2", 10), "no reload on SIGHUP");
	double deadline = now_s() + 10;
	pid_t now_worker = worker;
	while ((now_worker = h_child_of(master)) == worker && now_s() < deadline)
		h_sleep(0.01);
	cr_expect(now_worker > 0 && now_worker != worker, "the same worker after the reload");
	cr_expect_eq(master_of(c->pid), master, "the master was replaced");

	kill(c->pid, SIGTERM);
	struct result r;
	h_wait(c, 20, &r);
	cr_expect_eq(r.code, 0, "exit %d: %s", r.code, r.err);
	cr_expect(h_contains(r.err, "signal 1 (SIGHUP) received"), "nginx said: %s", r.err);
	cr_expect(h_contains(r.err, "reconfiguring"), "nginx said: %s", r.err);
	cr_expect(h_contains(r.err, stopping), "nginx said: %s", r.err);
	char *after = http_get(port, "/");
	cr_expect_null(after, "something still answers on port %d", port);
	free(after);
	h_result_free(&r);
}

/* As root under --profile web, with "user root root;". */
Test(nginx, serves_reloads_and_stops_under_the_web_profile)
{
	need_nginx();
	char dir[PATH_MAX], report[PATH_MAX], conf[PATH_MAX + 16];
	site(dir, "nginx");
	svc_path(report, "nginx-report.json");
	int port = free_port(0, 0);
	write_conf(dir, port, "v1", true);
	snprintf(conf, sizeof(conf), "%s/nginx.conf", dir);
	struct child c;
	const char *argv[] = { launch_bin(), "--profile", "web", "--report", report, "--bind",
		               dir,          "--cwd",     "/",   "--",       NGINX,  "-p",
		               dir,          "-c",        conf,  NULL };
	h_spawn(&c, NULL, argv);
	/* SIGTERM: web's stop signal, nginx's fast shutdown */
	serve_reload_stop(&c, dir, port, true, "signal 15 (SIGTERM) received");
	char *status = h_json_get(report, "/exit/status");
	char *profile = h_json_get(report, "/profile");
	cr_expect_str_eq(status ? status : "(none)", "exited");
	cr_expect_str_eq(profile ? profile : "(none)", "web");
	free(status);
	free(profile);
}

/* As nobody, in a profile extending web: no user to switch, a port below
 * 1024 (web's CAP_NET_BIND_SERVICE), and nginx's graceful stop. */
Test(nginx, runs_as_a_user_on_a_low_port_and_stops_gracefully)
{
	need_nginx();
	char dir[PATH_MAX], profile[PATH_MAX], conf[PATH_MAX + 16];
	site(dir, "nginx-nobody");
	svc_path(profile, "web-nobody.json");
	svc_write(profile,
	          "{ \"extends\": \"web\", \"user\": { \"uid\": 65534, \"gid\": 65534 } }\n");
	/* nobody writes its pid and temporary files there */
	cr_assert(chmod(h_tmpdir(), 0755) == 0);
	cr_assert(chown(dir, 65534, 65534) == 0);
	int port = free_port(600, 1023);
	write_conf(dir, port, "v1", false);
	snprintf(conf, sizeof(conf), "%s/nginx.conf", dir);
	struct child c;
	const char *argv[] = { launch_bin(), "--profile", profile, "--stop-signal",
		               "SIGQUIT",    "--bind",    dir,     "--cwd",
		               "/",          "--",        NGINX,   "-p",
		               dir,          "-c",        conf,    NULL };
	h_spawn(&c, NULL, argv);
	cr_assert(http_wait_for(port, "/", "hello from launch\n", 10),
	          "nginx as nobody does not serve on port %d", port);
	char uid[256] = "";
	char path[64], line[256];
	snprintf(path, sizeof(path), "/proc/%d/status", master_of(c.pid));
	FILE *f = fopen(path, "r");
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "Uid:", 4))
			snprintf(uid, sizeof(uid), "%s", line);
	if (f)
		fclose(f);
	cr_expect_str_eq(uid, "Uid:\t65534\t65534\t65534\t65534\n");
	serve_reload_stop(&c, dir, port, false, "gracefully shutting down");
}
