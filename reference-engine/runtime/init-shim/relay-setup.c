/* The relay's descriptors: made by the shim before clone, handed to the init, closed in the shim.
 * Log mode (`log PATH`): the container's stdout/stderr are pipes to the shim (or, with a terminal, the
 * pty is the container's stdio and its master comes back to the shim); its stdin is a pipe fed from the
 * `stdin` FIFO, or /dev/null. Without a log (`relay`, or `terminal-relay` alone) the shim copies
 * between its own fd 0-2 and the container's pipes (or pty): the process gets real pipes or a pty
 * whatever the shim was given (Node gives sockets). */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "shiprun.h"

int relay_wanted(const struct spec *s) { return s->log_path || s->terminal_relay || s->stdio_relay; }

/* mkfifo PATH and an O_PATH fd of its directory, so it can be reopened or unlinked after a setns. */
static int make_fifo(const char *path, int *dir, const char **name, char *err, size_t errlen) {
  char copy[4096];
  snprintf(copy, sizeof(copy), "%s", path);
  const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
  *dir = open(base == path ? "." : dirname(copy), O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (*dir < 0 || mkfifoat(*dir, base, 0600) < 0) {
    fail_msg(err, errlen, "mkfifo %s: %s", path, strerror(errno));
    return -1;
  }
  *name = base; /* only now: relay_unlink removes what we made, never what was there */
  return 0;
}

int relay_prepare(struct spec *s, struct relay *r, char *err, size_t errlen) {
  int *fds[] = {&r->devnull, &r->log_fd,    &r->raw_in,    &r->raw_out, &r->raw_err,
                &r->stdin_fd, &r->resize_fd, &r->stdin_dir, &r->resize_dir};
  for (size_t i = 0; i < sizeof(fds) / sizeof(fds[0]); i++) *fds[i] = -1;
  for (int i = 0; i < 2; i++) r->out[i] = r->err[i] = r->in[i] = r->pty_sock[i] = -1;
  r->stdin_name = r->resize_name = NULL;
  if (!relay_wanted(s)) return 0;
  r->devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
  if (r->devnull < 0) goto sys;
  if (s->log_path) {
    r->log_fd = open(s->log_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
    if (r->log_fd < 0) {
      fail_msg(err, errlen, "open log %s: %s", s->log_path, strerror(errno));
      return -1;
    }
  } else {
    r->raw_in = fcntl(0, F_DUPFD_CLOEXEC, 3);
    r->raw_out = fcntl(1, F_DUPFD_CLOEXEC, 3);
    r->raw_err = fcntl(2, F_DUPFD_CLOEXEC, 3);
  }
  int stdin_pipe = s->stdin_fifo || !s->log_path;
  if (s->terminal_relay) {
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, r->pty_sock) < 0) goto sys;
  } else if (pipe2(r->out, O_CLOEXEC) < 0 || pipe2(r->err, O_CLOEXEC) < 0 ||
             (stdin_pipe && pipe2(r->in, O_CLOEXEC) < 0)) {
    goto sys;
  }
  if (s->stdin_fifo) {
    if (make_fifo(s->stdin_fifo, &r->stdin_dir, &r->stdin_name, err, errlen) < 0) return -1;
    r->stdin_fd = openat(r->stdin_dir, r->stdin_name, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (r->stdin_fd < 0) goto sys;
  }
  if (s->resize_fifo && s->terminal_relay) {
    if (make_fifo(s->resize_fifo, &r->resize_dir, &r->resize_name, err, errlen) < 0) return -1;
    /* read-write: it never reads EOF, so writers may come and go */
    r->resize_fd = openat(r->resize_dir, r->resize_name, O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (r->resize_fd < 0) goto sys;
  }
  return 0;
sys:
  fail_msg(err, errlen, "prepare the container's stdio: %s", strerror(errno));
  return -1;
}

void relay_child(struct spec *s, struct relay *r) {
  if (!relay_wanted(s)) return;
  if (s->terminal_relay) { /* setup_console makes the pty slave its stdio */
    s->console_fd = r->pty_sock[1];
    for (int fd = 0; fd < 3; fd++) dup2(r->devnull, fd);
    return;
  }
  dup2(r->in[0] >= 0 ? r->in[0] : r->devnull, 0);
  dup2(r->out[1], 1);
  dup2(r->err[1], 2);
}

void relay_parent(struct relay *r) {
  int *ends[] = {&r->out[1], &r->err[1], &r->in[0], &r->pty_sock[1]};
  for (size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
    if (*ends[i] >= 0) close(*ends[i]);
    *ends[i] = -1;
  }
  if (r->in[1] >= 0) fcntl(r->in[1], F_SETFL, O_NONBLOCK);
}

void relay_unlink(struct relay *r) {
  if (r->stdin_name && r->stdin_dir >= 0) unlinkat(r->stdin_dir, r->stdin_name, 0);
  if (r->resize_name && r->resize_dir >= 0) unlinkat(r->resize_dir, r->resize_name, 0);
}
