/* The container init: runs in the cloned child, sets everything up, waits on the exec fifo, execs. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <linux/close_range.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "shiprun.h"

static int report_fd = -1;

/* --preserve-fds: the shim's fds FIRST..FIRST+N-1 become 3..3+N-1 (through copies above 3+N, so no
 * source is overwritten before it is copied); every other fd above stdio closes at exec. */
static int pass_fds(const struct spec *s) {
  int n = s->preserve_fds, tmp[256];
  for (int i = 0; i < n; i++)
    if ((tmp[i] = fcntl(s->preserve_first + i, F_DUPFD_CLOEXEC, 3 + n)) < 0) return -1;
  for (int i = 0; i < n; i++)
    if (dup2(tmp[i], 3 + i) < 0) return -1;
  syscall(SYS_close_range, (unsigned)(3 + n), ~0U, CLOSE_RANGE_CLOEXEC);
  return 0;
}

static void die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* chdir to the process cwd, then make sure it is inside the container's root: a cwd through a
 * descriptor that leaked into the init (/proc/self/fd/N) would leave the process in a host directory
 * (CVE-2024-21626). getcwd fails with ENOENT when the directory is unreachable from the root. */
static void enter_cwd(const struct spec *s, const char *as) {
  char where[4096];
  if (chdir(s->cwd) < 0) die("chdir %s%s: %s", s->cwd, as, strerror(errno));
  if (getcwd(where, sizeof(where)) == NULL || where[0] != '/')
    die("the working directory %s is outside the container's root (a leaked descriptor?): refusing it",
        s->cwd);
}

static void die(const char *fmt, ...) {
  char msg[1200];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof(msg), fmt, ap);
  va_end(ap);
  for (char *p = msg; *p; p++)
    if (*p == '\n') *p = ' ';
  dprintf(report_fd, "error %s\n", msg);
  _exit(1);
}

static const char *env_path(struct spec *s) {
  for (int i = 0; i < s->nenv; i++)
    if (!strncmp(s->env[i], "PATH=", 5)) return s->env[i] + 5;
  return "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
}

/* strerror as Go words it (lower case): clients match runc's messages, e.g. the docker CLI's exit
 * code 127 for "no such file or directory". */
static const char *go_strerror(int err) {
  static char buf[128];
  snprintf(buf, sizeof(buf), "%s", strerror(err));
  if (buf[0] >= 'A' && buf[0] <= 'Z') buf[0] = (char)(buf[0] - 'A' + 'a');
  return buf;
}

/* Finds the program like execvp would, so a missing one fails create, not the later start. */
static const char *resolve_exec(struct spec *s, char *buf, size_t len) {
  const char *name = s->args[0];
  struct stat st;
  if (strchr(name, '/')) {
    if (stat(name, &st) < 0) die("exec: \"%s\": stat %s: %s", name, name, go_strerror(errno));
    if (S_ISDIR(st.st_mode)) die("exec: \"%s\": is a directory", name);
    return name;
  }
  const char *p = env_path(s);
  while (*p) {
    const char *end = strchr(p, ':');
    size_t n = end ? (size_t)(end - p) : strlen(p);
    snprintf(buf, len, "%.*s/%s", (int)n, n ? p : ".", name);
    if (stat(buf, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0111)) return buf;
    p += n + (end ? 1 : 0);
  }
  die("exec: \"%s\": executable file not found in $PATH", name);
}

static void set_rlimits(struct spec *s) {
  for (int i = 0; i < s->nrlimits; i++) {
    struct rlimit_spec *r = &s->rlimits[i];
    struct rlimit rl = {r->soft < 0 ? RLIM_INFINITY : (rlim_t)r->soft, r->hard < 0 ? RLIM_INFINITY : (rlim_t)r->hard};
    if (setrlimit(r->resource, &rl) < 0) die("setrlimit %d: %s", r->resource, strerror(errno));
  }
}

/* Joins the v1 cgroups whose `tasks` the shim opened: a single-threaded process moving itself ("0")
 * skips the global threadgroup lock, and with it the RCU grace period a move by another process waits
 * for. Before the cgroup namespace is made (its root is the cgroup the init is in). */
static void join_cgroups_self(struct spec *s) {
  for (int i = 0; i < s->nself_joins; i++) {
    if (write(s->self_join_fds[i], "0", 1) != 1) die("join cgroup (tasks): %s", strerror(errno));
    close(s->self_join_fds[i]);
  }
}

int await_cgroups(int go_fd, char *err, size_t errlen) {
  static int joined;
  char c = 0;
  if (joined) return 0;
  while (read(go_fd, &c, 1) < 0 && errno == EINTR) {
  }
  if (c != 'c') {
    fail_msg(err, errlen, "join cgroups: the shim went away");
    return -1;
  }
  joined = 1;
  return 0;
}

void init_main(struct spec *s, int go_fd, int rep_fd, int fifo_fd) {
  char err[1024], pathbuf[4096];
  report_fd = rep_fd;
  char go[32] = "";
  for (size_t n = 0; n < sizeof(go) - 1; n++) { /* one line: more ("c") may follow in the pipe */
    if (read(go_fd, go + n, 1) != 1) _exit(1);
    if (go[n] == '\n') break;
  }
  s->host_pid = strtol(go, NULL, 10);
  trace_mark("init go");
  join_cgroups_self(s);
  umask(0);
  if (s->unshare_cgroupns && unshare(CLONE_NEWCGROUP) < 0) die("unshare the cgroup namespace: %s", strerror(errno));
  if (s->clone_flags & CLONE_NEWUSER) {
    if (setresgid(0, 0, 0) < 0 || setresuid(0, 0, 0) < 0) die("become root in the user namespace: %s", strerror(errno));
  }
  if (setsid() < 0) die("setsid: %s", strerror(errno));
  if (s->hostname && sethostname(s->hostname, strlen(s->hostname)) < 0) die("sethostname: %s", strerror(errno));
  if (s->domainname && setdomainname(s->domainname, strlen(s->domainname)) < 0)
    die("setdomainname: %s", strerror(errno));
  if (!s->exec_mode && (setup_rootfs(s, rep_fd, go_fd, err, sizeof(err)) < 0 || finish_rootfs(s, err, sizeof(err)) < 0))
    die("%s", err);
  trace_mark("rootfs done");
  if (await_cgroups(go_fd, err, sizeof(err)) < 0) die("%s", err);
  close(go_fd);
  if (s->terminal && setup_console(s, s->console_fd, err, sizeof(err)) < 0) die("%s", err);
  if (s->has_oom) {
    char v[32];
    snprintf(v, sizeof(v), "%d", s->oom);
    if (write_file("/proc/self/oom_score_adj", v) < 0) die("oom_score_adj: %s", strerror(errno));
  }
  set_rlimits(s);
  if (s->cwd) enter_cwd(s, "");
  const char *prog = resolve_exec(s, pathbuf, sizeof(pathbuf));
  if (!s->no_new_privs && apply_seccomp(s, err, sizeof(err)) < 0) die("%s", err);
  if (apply_user_and_caps(s, err, sizeof(err)) < 0) die("%s", err);
  if (s->cwd) enter_cwd(s, " as the container user");
  if (s->no_new_privs && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) die("no_new_privs: %s", strerror(errno));
  if (s->no_new_privs && apply_seccomp(s, err, sizeof(err)) < 0) die("%s", err);
  umask(s->umask >= 0 ? (mode_t)s->umask : 022);
  trace_mark("init ready");
  char fifo_path[64];
  snprintf(fifo_path, sizeof(fifo_path), "/proc/self/fd/%d", fifo_fd);
  if (write_all(rep_fd, "ready\n", 6) < 0) _exit(1);
  /* an exec keeps the (close-on-exec) report pipe to execve: the shim waits for its EOF, so the caller
   * hears of the process once it runs the program, not while it is still this init */
  if (!s->exec_mode) close(rep_fd);
  if (s->exec_mode) {
    syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC);
    if (pass_fds(s) < 0) {
      dprintf(2, "shiprun: preserve fds: %s\n", strerror(errno));
      _exit(127);
    }
    execve(prog, s->args, s->env);
    dprintf(2, "shiprun: exec %s: %s\n", prog, strerror(errno));
    _exit(127);
  }
  int fd = open(fifo_path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) _exit(1);
  if (run_hooks(s, "startContainer", (long)getpid(), err, sizeof(err)) < 0) { /* start reads "E" + why */
    dprintf(fd, "E%s", err);
    _exit(1);
  }
  if (write_all(fd, "0", 1) < 0) _exit(1);
  close(fd);
  close(fifo_fd);
  trace_mark("exec");
  syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC); /* only stdio reaches the program */
  execve(prog, s->args, s->env);
  dprintf(2, "shiprun: exec %s: %s\n", prog, strerror(errno));
  _exit(127);
}
