/* Input for the relay: the container's stdin fed from the `stdin` FIFO (or, for a terminal exec, from
 * the shim's fd 0), and `H W` lines from the `resize` FIFO applied to the pty.
 *
 * The stdin rule: the FIFO stays open for reading (non-blocking) while the container runs; what a
 * writer writes goes to the container's stdin (its pipe, or the pty master), 32 KiB at a time, never
 * blocking the shim. When the writer closes it (read gives EOF): with stdin-once the container's stdin
 * is closed (it reads EOF; with a terminal, input just stops) and the FIFO is read no more; otherwise
 * the FIFO is reopened for the next writer (reopening clears the hang-up poll would report forever).
 * If the container closes its stdin, input is read and dropped, so writers never block. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "shiprun.h"

static struct {
  int src, dst, dst_is_pty, once;
  struct relay *r;
  unsigned char buf[32768];
  size_t off, len;
} in = {.src = -1, .dst = -1};

static char resize_line[64];
static size_t resize_len;

void input_start(struct spec *s, struct relay *r, int master) {
  in.r = r;
  in.once = s->stdin_once;
  in.src = r->stdin_fd >= 0 ? r->stdin_fd : r->raw_in;
  in.dst = master >= 0 ? master : r->in[1];
  in.dst_is_pty = master >= 0;
  r->in[1] = -1;
  if (in.dst < 0 && in.src >= 0 && in.src == r->raw_in) in.src = -1; /* nothing to feed */
}

static void close_dst(void) {
  if (in.dst >= 0 && !in.dst_is_pty) close(in.dst);
  in.dst = -1;
}

void input_stop(void) {
  if (in.src >= 0) close(in.src);
  in.src = -1;
  close_dst();
}

/* Adds the input's poll entries at P; returns how many. */
int input_pollfds(struct pollfd *p) {
  int n = 0;
  if (in.src >= 0 && in.len == 0) p[n++] = (struct pollfd){.fd = in.src, .events = POLLIN};
  if (in.dst >= 0 && in.len > 0) p[n++] = (struct pollfd){.fd = in.dst, .events = POLLOUT};
  return n;
}

static void writer_closed(void) {
  int fifo = in.src == in.r->stdin_fd;
  close(in.src);
  in.src = -1;
  if (fifo) in.r->stdin_fd = -1;
  if (fifo && !in.once) {
    in.src = in.r->stdin_fd = openat(in.r->stdin_dir, in.r->stdin_name, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    return;
  }
  close_dst();
}

static void flush(void) {
  while (in.len > 0 && in.dst >= 0) {
    ssize_t n = write(in.dst, in.buf + in.off, in.len);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) return;
    if (n <= 0) { /* the container closed its stdin: drop input from now on */
      close_dst();
      break;
    }
    in.off += (size_t)n;
    in.len -= (size_t)n;
  }
  if (in.dst < 0) in.len = 0;
  if (in.len == 0) in.off = 0;
}

void input_handle(const struct pollfd *p, int n) {
  for (int i = 0; i < n; i++) {
    if (!p[i].revents) continue;
    if (p[i].fd == in.src && in.len == 0) {
      ssize_t got = read(in.src, in.buf, sizeof(in.buf));
      if (got == 0 || (got < 0 && errno != EAGAIN && errno != EINTR)) writer_closed();
      else if (got > 0) in.len = (size_t)got;
    }
    flush();
  }
}

/* Applies each complete `H W` line to the pty; a line too long for the buffer is dropped. */
void resize_handle(int fd, int master) {
  ssize_t got = read(fd, resize_line + resize_len, sizeof(resize_line) - 1 - resize_len);
  if (got <= 0) return;
  resize_len += (size_t)got;
  resize_line[resize_len] = 0;
  char *start = resize_line;
  for (char *nl; (nl = strchr(start, '\n')); start = nl + 1) {
    *nl = 0;
    char *end;
    long h = strtol(start, &end, 10), w = strtol(end, NULL, 10);
    struct winsize ws = {.ws_row = (unsigned short)h, .ws_col = (unsigned short)w};
    if (master >= 0 && h > 0 && w > 0 && h < 65536 && w < 65536) ioctl(master, TIOCSWINSZ, &ws);
  }
  resize_len = strlen(start);
  memmove(resize_line, start, resize_len);
  if (resize_len == sizeof(resize_line) - 1) resize_len = 0;
}
