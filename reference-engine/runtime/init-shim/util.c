/* Small helpers shared by the shim and the container init. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "shiprun.h"

int write_all(int fd, const void *buf, size_t len) {
  const char *p = buf;
  while (len) {
    ssize_t n = write(fd, p, len);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return -1;
    p += n;
    len -= (size_t)n;
  }
  return 0;
}

int write_file(const char *path, const char *content) {
  int fd = open(path, O_WRONLY | O_CLOEXEC | O_TRUNC);
  if (fd < 0) return -1;
  int r = write_all(fd, content, strlen(content));
  int saved = errno;
  close(fd);
  errno = saved;
  return r;
}

void fail_msg(char *err, size_t errlen, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, errlen, fmt, ap);
  va_end(ap);
}

/* SHIPRUN_TRACE=FILE: appends "SECONDS.MICROS PID WHAT" (CLOCK_MONOTONIC, as Node's process.hrtime)
 * at each step of the setup, to see where a start spends its time. Unset: nothing is written. */
void trace_mark(const char *what) {
  static int fd = -2;
  if (fd == -2) {
    const char *path = getenv("SHIPRUN_TRACE");
    fd = path && *path ? open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600) : -1;
  }
  if (fd < 0) return;
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  int saved = errno;
  dprintf(fd, "%lld.%06ld %d %s\n", (long long)t.tv_sec, t.tv_nsec / 1000, (int)getpid(), what);
  errno = saved;
}
