/* process.terminal: a pty from the container's devpts, its master sent over --console-socket (or,
 * with terminal-relay, over the shim's socketpair). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>

#include "shiprun.h"

int connect_console(struct spec *s, char *err, size_t errlen) {
  struct sockaddr_un addr = {.sun_family = AF_UNIX};
  if (strlen(s->console_socket) >= sizeof(addr.sun_path)) {
    fail_msg(err, errlen, "console socket path too long: %s", s->console_socket);
    return -1;
  }
  strcpy(addr.sun_path, s->console_socket);
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
    fail_msg(err, errlen, "connect console socket %s: %s", s->console_socket, strerror(errno));
    return -1;
  }
  return fd;
}

static int send_fd(int sock, int fd, const char *name) {
  char control[CMSG_SPACE(sizeof(int))];
  memset(control, 0, sizeof(control));
  struct iovec iov = {.iov_base = (void *)name, .iov_len = strlen(name)};
  struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control, .msg_controllen = sizeof(control)};
  struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof(int));
  memcpy(CMSG_DATA(c), &fd, sizeof(int));
  return sendmsg(sock, &msg, 0) < 0 ? -1 : 0;
}

/* After pivot_root: opens a pty, sends the master, makes the slave the controlling terminal and stdio. */
int setup_console(struct spec *s, int sock, char *err, size_t errlen) {
  char name[64];
  int master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (master < 0 || unlockpt(master) < 0 || ptsname_r(master, name, sizeof(name)) != 0) {
    fail_msg(err, errlen, "open a pty in the container: %s", strerror(errno));
    return -1;
  }
  if (s->console_rows || s->console_cols) {
    struct winsize ws = {.ws_row = (unsigned short)s->console_rows, .ws_col = (unsigned short)s->console_cols};
    ioctl(master, TIOCSWINSZ, &ws);
  }
  int slave = open(name, O_RDWR | O_NOCTTY);
  if (slave < 0) {
    fail_msg(err, errlen, "open %s: %s", name, strerror(errno));
    return -1;
  }
  int c = s->exec_mode ? -1 : open("/dev/console", O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
  if (c >= 0) { /* not for an exec: its mount namespace is the container's */
    close(c);
    mount(name, "/dev/console", NULL, MS_BIND, NULL);
  }
  if (send_fd(sock, master, name) < 0) {
    fail_msg(err, errlen, "send the pty master: %s", strerror(errno));
    return -1;
  }
  close(master);
  close(sock);
  if (ioctl(slave, TIOCSCTTY, 0) < 0) {
    fail_msg(err, errlen, "set the controlling terminal: %s", strerror(errno));
    return -1;
  }
  for (int fd = 0; fd < 3; fd++) dup2(slave, fd);
  if (slave > 2) close(slave);
  return 0;
}
