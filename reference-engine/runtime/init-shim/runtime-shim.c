/* The shim for an external OCI runtime CLI (runc, crun, any runc-compatible binary):
 *
 *   shiprun-init runtime-shim SPEC STATE_DIR PIDFILE CONSOLE_SOCKET|-
 *
 * SPEC holds the io records (log, stdin, resize, terminal-relay) and, as its `arg` records, the
 * runtime's `create` command line (`RUNTIME --root=R ... create --bundle B --pid-file PIDFILE ID`).
 * The shim runs that command with the container's stdio as the relay's pipes (or, with a terminal,
 * with CONSOLE_SOCKET listening for the pty master the runtime sends). When the command exits the
 * container's init is orphaned to the shim (a subreaper), so from then on it is the shim's child as
 * one it cloned itself would be: the same report on fd 3 (`pid N` or `error MESSAGE`), the same
 * json-file log, stdin and resize FIFOs, and the same `exit` record in STATE_DIR. `start`, `kill`,
 * `pause` and `delete` go to the runtime CLI; the shim only holds the stdio and records the exit. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/close_range.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runtime-shim.h"
#include "shiprun.h"

static struct relay relay;

static int fail(const char *console, const char *msg) {
  relay_unlink(&relay);
  if (console) unlink(console);
  dprintf(3, "error %s\n", msg);
  return 1;
}

/* CONSOLE_SOCKET bound and listening (the runtime connects and sends the pty master), or -1. */
static int listen_console(const char *path, char *err, size_t errlen) {
  struct sockaddr_un addr = {.sun_family = AF_UNIX};
  if (strlen(path) >= sizeof(addr.sun_path)) {
    fail_msg(err, errlen, "console socket path too long: %s", path);
    return -1;
  }
  strcpy(addr.sun_path, path);
  unlink(path);
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0 || listen(fd, 1) < 0) {
    fail_msg(err, errlen, "console socket %s: %s", path, strerror(errno));
    return -1;
  }
  return fd;
}

static int read_pid(const char *path) {
  char buf[32] = "";
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  ssize_t n = read(fd, buf, sizeof(buf) - 1);
  close(fd);
  if (n <= 0) return -1;
  buf[n] = 0;
  long pid = strtol(buf, NULL, 10);
  return pid > 0 ? (int)pid : -1;
}

static void record_exit(int dirfd, int status) {
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  char buf[64];
  int n = snprintf(buf, sizeof(buf), "%d %d\n", code, sig);
  int fd = openat(dirfd, "exit.tmp", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return;
  write_all(fd, buf, (size_t)n);
  close(fd);
  renameat(dirfd, "exit.tmp", dirfd, "exit");
}

int runtime_shim_main(struct spec *s, const char *state_dir, const char *pidfile, const char *console) {
  char err[1024] = "";
  const char *sock_path = strcmp(console, "-") ? console : NULL;
  int dirfd = open(state_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dirfd < 0) {
    fail_msg(err, sizeof(err), "open state dir %s: %s", state_dir, strerror(errno));
    return fail(NULL, err);
  }
  syscall(SYS_close_range, 5U, ~0U, CLOSE_RANGE_CLOEXEC);
  prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
  if (relay_prepare(s, &relay, err, sizeof(err)) < 0) return fail(NULL, err);
  int listen_fd = -1;
  if (s->terminal_relay && (!sock_path || (listen_fd = listen_console(sock_path, err, sizeof(err))) < 0))
    return fail(NULL, sock_path ? err : "a terminal needs a console socket path");
  pid_t child = fork();
  if (child < 0) {
    fail_msg(err, sizeof(err), "fork: %s", strerror(errno));
    return fail(sock_path, err);
  }
  if (child == 0) {
    close(3);
    close(4);
    relay_child(s, &relay); /* the pipes (or /dev/null with a terminal) become its fd 0-2 */
    execvp(s->args[0], s->args);
    _exit(127);
  }
  relay_parent(&relay);
  int status = 0;
  while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    fail_msg(err, sizeof(err), "%s create exited with %d%s", s->args[0], code,
             code == 127 ? " (could not run it)" : "");
    return fail(sock_path, err);
  }
  int pid = read_pid(pidfile);
  if (pid < 0) {
    fail_msg(err, sizeof(err), "%s create wrote no pid to %s", s->args[0], pidfile);
    return fail(sock_path, err);
  }
  if (listen_fd >= 0) { /* the runtime connected and sent the master before its create returned */
    int conn = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
    close(listen_fd);
    unlink(sock_path);
    if (conn < 0) {
      fail_msg(err, sizeof(err), "%s sent no pty master to %s", s->args[0], sock_path);
      return fail(NULL, err);
    }
    fcntl(conn, F_SETFL, 0);
    if (relay.pty_sock[0] >= 0) close(relay.pty_sock[0]);
    relay.pty_sock[0] = conn; /* relay_wait receives the master from it */
  }
  dprintf(3, "pid %d\n", pid);
  close(3);
  close(4);
  int null = open("/dev/null", O_RDWR | O_CLOEXEC);
  for (int fd = 0; null >= 0 && fd < 3; fd++) dup2(null, fd);
  if (null > 2) close(null);
  if (relay_wanted(s)) {
    status = relay_wait(s, &relay, pid);
    relay_unlink(&relay);
  } else {
    for (;;) { /* reap orphans too until the init is among them */
      pid_t got = waitpid(-1, &status, 0);
      if (got == pid || (got < 0 && errno != EINTR)) break;
    }
  }
  record_exit(dirfd, status);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
