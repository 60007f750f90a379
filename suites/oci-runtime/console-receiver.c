/*
 * console-receiver SOCKET: the receiving end of a runtime's --console-socket (runtime.md / config.md
 * process.terminal). Listens on the unix socket SOCKET, prints {"listening":true}, accepts one
 * connection, takes the pseudoterminal master passed with SCM_RIGHTS, prints
 * {"received":true,"rows":R,"cols":C} (TIOCGWINSZ of the master), then copies everything the
 * container writes to the terminal to stdout until the last slave closes (EIO) or 30 s pass.
 * Exit 0 on success, 1 on any failure (with a message on stderr).
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>

static int fail(const char *what) {
  fprintf(stderr, "console-receiver: %s: %s\n", what, strerror(errno));
  return 1;
}

static int receive_fd(int conn) {
  char data[256];
  char control[CMSG_SPACE(sizeof(int))];
  struct iovec iov = {.iov_base = data, .iov_len = sizeof data};
  struct msghdr msg = {0};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  if (recvmsg(conn, &msg, 0) < 0) return -1;
  for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
    if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
      int fd;
      memcpy(&fd, CMSG_DATA(c), sizeof fd);
      return fd;
    }
  }
  errno = EPROTO;
  return -1;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: console-receiver SOCKET\n");
    return 2;
  }
  alarm(30);
  struct sockaddr_un addr = {.sun_family = AF_UNIX};
  if (strlen(argv[1]) >= sizeof addr.sun_path) {
    errno = ENAMETOOLONG;
    return fail("socket path");
  }
  strcpy(addr.sun_path, argv[1]);
  int srv = socket(AF_UNIX, SOCK_STREAM, 0);
  if (srv < 0) return fail("socket");
  if (bind(srv, (struct sockaddr *)&addr, sizeof addr) < 0) return fail("bind");
  if (listen(srv, 1) < 0) return fail("listen");
  printf("{\"listening\":true}\n");
  fflush(stdout);
  int conn = accept(srv, NULL, NULL);
  if (conn < 0) return fail("accept");
  int master = receive_fd(conn);
  if (master < 0) return fail("recvmsg");
  struct winsize ws = {0};
  if (ioctl(master, TIOCGWINSZ, &ws) < 0) return fail("TIOCGWINSZ");
  printf("{\"received\":true,\"rows\":%u,\"cols\":%u}\n", ws.ws_row, ws.ws_col);
  fflush(stdout);
  close(conn);
  char buf[4096];
  for (int i = 0; i < 100000; i++) {
    ssize_t n = read(master, buf, sizeof buf);
    if (n == 0 || (n < 0 && errno == EIO)) return 0;
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail("read");
    if (fwrite(buf, 1, (size_t)n, stdout) != (size_t)n) return fail("write");
    fflush(stdout);
  }
  return 0;
}
