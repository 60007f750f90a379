/* The shim's wait loop with a relay: poll the container's output, the stdin and resize FIFOs and a
 * signalfd for SIGCHLD; reap; return once the init exited and its output is drained (EOF on every
 * stream, or DRAIN_MS after the exit when a leftover process still holds the pipe open). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "shiprun.h"

#define LINE_BYTES 16384 /* Docker's copier buffer: a longer line is logged in pieces of this size */
#define DRAIN_MS 2000

struct stream {
  int fd; /* pipe read end or pty master; -1 at EOF */
  const char *name;
  unsigned char buf[LINE_BYTES];
  size_t n;
  int partial; /* a piece of a long line was logged: the rest keeps its time, as Docker's pieces do */
  struct timespec partial_ts;
};

static struct stream streams[2];
static char line_out[LINE_BYTES * 6 + 128];

/* Raw output to the shim's fd 1 or 2, waiting when the reader is slow (its fd may be non-blocking). */
static int write_raw(int fd, const unsigned char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0 && errno == EAGAIN) {
      struct pollfd out = {.fd = fd, .events = POLLOUT};
      if (poll(&out, 1, -1) < 0 && errno != EINTR) return -1;
      continue;
    }
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return -1;
    p += w;
    n -= (size_t)w;
  }
  return 0;
}

/* One json-file line, one write(); without a log the bytes go raw to the shim's fd 1 or 2. */
static void emit(struct relay *r, struct stream *st, const unsigned char *p, size_t n, int newline, int partial) {
  if (r->log_fd < 0) {
    int *raw = st == &streams[0] ? &r->raw_out : &r->raw_err;
    if (*raw >= 0 && write_raw(*raw, p, n) < 0) *raw = -1; /* its reader is gone: dropped from now on */
    return;
  }
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  if (!st->partial && partial) st->partial_ts = now;
  size_t len = jsonlog_line(line_out, st->name, p, n, newline, st->partial ? &st->partial_ts : &now);
  st->partial = partial;
  write_all(r->log_fd, line_out, len); /* a full disk loses lines; the container is not held up */
}

/* Reads what is there; logs each whole line, a 16 KiB piece of a longer one, the rest at EOF. */
static void stream_read(struct relay *r, struct stream *st) {
  ssize_t got = read(st->fd, st->buf + st->n, sizeof(st->buf) - st->n);
  if (got < 0 && (errno == EINTR || errno == EAGAIN)) return;
  if (got <= 0) { /* EOF; EIO on a pty master once no slave is open */
    if (st->n) emit(r, st, st->buf, st->n, 0, 1);
    st->n = 0;
    close(st->fd);
    st->fd = -1;
    return;
  }
  st->n += (size_t)got;
  if (r->log_fd < 0) {
    emit(r, st, st->buf, st->n, 0, 0);
    st->n = 0;
    return;
  }
  size_t start = 0;
  for (unsigned char *nl; (nl = memchr(st->buf + start, '\n', st->n - start));) {
    size_t len = (size_t)(nl - (st->buf + start));
    emit(r, st, st->buf + start, len, 1, 0);
    start += len + 1;
  }
  memmove(st->buf, st->buf + start, st->n - start);
  st->n -= start;
  if (st->n == sizeof(st->buf)) {
    emit(r, st, st->buf, st->n, 0, 1);
    st->n = 0;
  }
}

/* The pty master the init sent over the socketpair (before it reported ready), or -1. */
static int receive_master(struct relay *r) {
  char name[64], control[CMSG_SPACE(sizeof(int))];
  struct iovec iov = {.iov_base = name, .iov_len = sizeof(name)};
  struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control, .msg_controllen = sizeof(control)};
  int fd = -1;
  if (recvmsg(r->pty_sock[0], &msg, MSG_CMSG_CLOEXEC) > 0) {
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    if (c && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) memcpy(&fd, CMSG_DATA(c), sizeof(int));
  }
  close(r->pty_sock[0]);
  r->pty_sock[0] = -1;
  if (fd >= 0) fcntl(fd, F_SETFL, O_NONBLOCK);
  return fd;
}

static long now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000L + t.tv_nsec / 1000000L;
}

/* Reaps every child that exited (orphans too: the shim is a subreaper); 1 once the init is among them. */
static int reap(pid_t pid, int *status) {
  int found = 0;
  for (int i = 0; i < 4096; i++) {
    int st;
    pid_t got = waitpid(-1, &st, WNOHANG);
    if (got <= 0) break;
    if (got == pid) {
      *status = st;
      found = 1;
    }
  }
  return found;
}

int relay_wait(struct spec *s, struct relay *r, pid_t pid) {
  sigset_t chld;
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  sigprocmask(SIG_BLOCK, &chld, NULL);
  int sfd = signalfd(-1, &chld, SFD_CLOEXEC | SFD_NONBLOCK);
  signal(SIGPIPE, SIG_IGN);
  int master = s->terminal_relay ? receive_master(r) : -1;
  streams[0] = (struct stream){.fd = s->terminal_relay ? master : r->out[0], .name = "stdout"};
  streams[1] = (struct stream){.fd = s->terminal_relay ? -1 : r->err[0], .name = "stderr"};
  input_start(s, r, master);
  int status = 0, exited = reap(pid, &status);
  long deadline = 0;
  for (;;) { /* one round per event; ends DRAIN_MS after the init at the latest */
    if (exited && !deadline) {
      deadline = now_ms() + DRAIN_MS;
      input_stop();
    }
    if (exited && ((streams[0].fd < 0 && streams[1].fd < 0) || now_ms() >= deadline)) break;
    struct pollfd p[8];
    int n = 0;
    p[n++] = (struct pollfd){.fd = sfd, .events = POLLIN};
    for (int i = 0; i < 2; i++) p[n++] = (struct pollfd){.fd = streams[i].fd, .events = POLLIN};
    if (r->resize_fd >= 0) p[n++] = (struct pollfd){.fd = r->resize_fd, .events = POLLIN};
    int first_input = n;
    n += input_pollfds(p + n);
    int timeout = exited ? (int)(deadline - now_ms()) : sfd < 0 ? 100 : -1; /* no signalfd: poll */
    if (exited && timeout < 0) timeout = 0;
    if (poll(p, (nfds_t)n, timeout) < 0 && errno != EINTR) break;
    if (p[0].revents || sfd < 0) {
      struct signalfd_siginfo info;
      while (sfd >= 0 && read(sfd, &info, sizeof(info)) > 0) {
      }
      if (reap(pid, &status)) exited = 1;
    }
    for (int i = 0; i < 2; i++)
      if (streams[i].fd >= 0 && p[1 + i].revents) stream_read(r, &streams[i]);
    if (r->resize_fd >= 0 && p[3].revents) resize_handle(r->resize_fd, master);
    if (!exited) input_handle(p + first_input, n - first_input);
  }
  for (int i = 0; i < 2; i++) /* a stream still open after DRAIN_MS: what it has is logged */
    if (streams[i].fd >= 0 && streams[i].n) emit(r, &streams[i], streams[i].buf, streams[i].n, 0, 1);
  input_stop();
  if (master >= 0) close(master);
  if (!exited) waitpid(pid, &status, 0);
  if (sfd >= 0) close(sfd);
  return status;
}
