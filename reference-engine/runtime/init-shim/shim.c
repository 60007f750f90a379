/* The shim: clones the container init, coordinates its setup, then reaps it and records its exit. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/close_range.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "shiprun.h"

static int report_error(const char *msg) {
  dprintf(3, "error %s\n", msg);
  return 1;
}

/* setns into every namespace given by path: user first (it grants rights over the others), mount last. */
static int join_namespaces(struct spec *s, char *err, size_t errlen) {
  int fds[16];
  for (int i = 0; i < s->njoins; i++) {
    fds[i] = open(s->joins[i].path, O_RDONLY | O_CLOEXEC);
    if (fds[i] < 0) {
      fail_msg(err, errlen, "open namespace %s: %s", s->joins[i].path, strerror(errno));
      return -1;
    }
  }
  int order[] = {CLONE_NEWUSER, CLONE_NEWIPC, CLONE_NEWUTS, CLONE_NEWNET, CLONE_NEWPID, CLONE_NEWCGROUP,
                 0x00000080 /* CLONE_NEWTIME */, CLONE_NEWNS};
  for (size_t o = 0; o < sizeof(order) / sizeof(order[0]); o++) {
    for (int i = 0; i < s->njoins; i++) {
      if (s->joins[i].type != order[o]) continue;
      if (setns(fds[i], s->joins[i].type) < 0) {
        fail_msg(err, errlen, "setns %s: %s", s->joins[i].path, strerror(errno));
        return -1;
      }
    }
  }
  for (int i = 0; i < s->njoins; i++) close(fds[i]);
  return 0;
}

static int write_maps(pid_t pid, const char *name, struct id_map *m, int n) {
  if (!n) return 0;
  char path[64], buf[1024];
  size_t off = 0;
  for (int i = 0; i < n && off < sizeof(buf) - 40; i++)
    off += (size_t)snprintf(buf + off, sizeof(buf) - off, "%u %u %u\n", m[i].inside, m[i].outside, m[i].size);
  snprintf(path, sizeof(path), "/proc/%d/%s", pid, name);
  return write_file(path, buf);
}

/* cgroup.procs files, opened before any setns (their paths are the host's). */
static int cgroup_fds[16];

/* The `tasks` file beside a v1 cgroup.procs, open for the init to join by itself; -1 on cgroup v2 (no
 * `tasks`) or with a user namespace (the parent's write is the one the kernel checks as host root). */
static int open_tasks(struct spec *s, const char *procs) {
  const char *leaf = "cgroup.procs";
  size_t n = strlen(procs), l = strlen(leaf);
  char path[4096];
  if ((s->clone_flags & CLONE_NEWUSER) || n < l || strcmp(procs + n - l, leaf) || n - l + 6 > sizeof(path)) return -1;
  snprintf(path, sizeof(path), "%.*stasks", (int)(n - l), procs);
  return open(path, O_WRONLY | O_CLOEXEC);
}

static int open_cgroups(struct spec *s, char *err, size_t errlen) {
  s->nself_joins = 0;
  for (int i = 0; i < s->ncgroups; i++) {
    int tasks = open_tasks(s, s->cgroup_procs[i]);
    if (tasks >= 0) {
      s->self_join_fds[s->nself_joins++] = tasks;
      cgroup_fds[i] = -1;
      continue;
    }
    cgroup_fds[i] = open(s->cgroup_procs[i], O_WRONLY | O_CLOEXEC);
    if (cgroup_fds[i] < 0) {
      fail_msg(err, errlen, "join cgroup %s: %s", s->cgroup_procs[i], strerror(errno));
      return -1;
    }
  }
  return 0;
}

/* Runs in the shim before "go": the child's id maps, which only the parent can write. */
static int write_id_maps(struct spec *s, pid_t pid, char *err, size_t errlen) {
  if (write_maps(pid, "uid_map", s->uid_maps, s->nuid_maps) < 0 ||
      write_maps(pid, "gid_map", s->gid_maps, s->ngid_maps) < 0) {
    fail_msg(err, errlen, "write id maps: %s", strerror(errno));
    return -1;
  }
  return 0;
}

/* Moves the child into the cgroups it does not join itself. Moving another process takes the global
 * threadgroup lock for writing, which on cgroup v1 waits for an RCU grace period (~10-15 ms here), so
 * the child sets up its mounts meanwhile and waits for "c" only before hooks. */
static int join_cgroups(struct spec *s, pid_t pid, char *err, size_t errlen) {
  char num[32];
  snprintf(num, sizeof(num), "%d", pid);
  for (int i = 0; i < s->ncgroups; i++) {
    if (cgroup_fds[i] < 0) continue;
    if (write_all(cgroup_fds[i], num, strlen(num)) < 0) {
      fail_msg(err, errlen, "join cgroup %s: %s", s->cgroup_procs[i], strerror(errno));
      return -1;
    }
  }
  return 0;
}

static struct relay relay; /* log mode, stdin/resize FIFOs, the pty (relay-*.c) */

/* Setup failed: the exec fifo and the relay's FIFOs go. */
static void unlink_fifos(struct spec *s) {
  if (s->fifo) unlink(s->fifo);
  relay_unlink(&relay);
}

/* The child could not be prepared: kill it, remove the fifos, report why. */
static int abort_child(struct spec *s, pid_t pid, const char *err) {
  kill(pid, SIGKILL);
  waitpid(pid, NULL, 0);
  unlink_fifos(s);
  return report_error(err);
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

static int exit_code(int status) {
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Reads the child's one-line report: "ready" or "error MESSAGE"; EOF means it died first. */
static int read_report(int fd, char *buf, size_t len) {
  size_t off = 0;
  while (off < len - 1) {
    ssize_t n = read(fd, buf + off, len - 1 - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    off += (size_t)n;
    if (buf[off - 1] == '\n') break;
  }
  buf[off] = 0;
  if (off && buf[off - 1] == '\n') buf[off - 1] = 0;
  return (int)off;
}

static void quiet_stdio(void) {
  int null = open("/dev/null", O_RDWR | O_CLOEXEC);
  if (null < 0) return;
  for (int fd = 0; fd < 3; fd++) dup2(null, fd);
  close(null);
}

int shim_main(struct spec *s, const char *state_dir) {
  char err[1024] = "";
  int dirfd = open(state_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dirfd < 0) {
    fail_msg(err, sizeof(err), "open state dir %s: %s", state_dir, strerror(errno));
    return report_error(err);
  }
  syscall(SYS_close_range, 5U, ~0U, CLOSE_RANGE_CLOEXEC); /* stray fds from our caller go no further */
  prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
  if (!s->exec_mode && (mkfifo(s->fifo, 0622) < 0 || chmod(s->fifo, 0622) < 0)) {
    fail_msg(err, sizeof(err), "mkfifo %s: %s", s->fifo, strerror(errno));
    return report_error(err);
  }
  int fifo_fd = s->exec_mode ? open("/dev/null", O_PATH | O_CLOEXEC) : open(s->fifo, O_PATH | O_CLOEXEC);
  int go[2], rep[2], bpf[2] = {-1, -1}; /* bpf: the seccomp filter, built here while the init works */
  if (fifo_fd < 0 || pipe2(go, O_CLOEXEC) < 0 || pipe2(rep, O_CLOEXEC) < 0 ||
      (s->has_seccomp && pipe2(bpf, O_CLOEXEC) < 0)) {
    fail_msg(err, sizeof(err), "prepare pipes: %s", strerror(errno));
    return report_error(err);
  }
  /* host paths (log, FIFOs, an exec's console socket) are opened before any setns */
  if (relay_prepare(s, &relay, err, sizeof(err)) < 0 || open_cgroups(s, err, sizeof(err)) < 0 ||
      (s->exec_mode && s->terminal && !s->terminal_relay &&
       (s->console_fd = connect_console(s, err, sizeof(err))) < 0) ||
      join_namespaces(s, err, sizeof(err)) < 0) {
    unlink_fifos(s);
    return report_error(err);
  }
  /* a cgroup namespace is made by the init once it is in its cgroups; a time namespace cannot be
   * asked of clone (its flag is in the exit-signal byte): unshare it here, the child is born in it */
  s->unshare_cgroupns = (s->clone_flags & CLONE_NEWCGROUP) != 0;
  unsigned long time_ns = 0x00000080UL;
  if ((s->clone_flags & time_ns) && unshare((int)time_ns) < 0) {
    fail_msg(err, sizeof(err), "unshare the time namespace: %s", strerror(errno));
    unlink_fifos(s);
    return report_error(err);
  }
  unsigned long flags = s->clone_flags & ~(CLONE_NEWCGROUP | time_ns);
  trace_mark("clone");
  pid_t pid = (pid_t)syscall(SYS_clone, flags | SIGCHLD, 0, 0, 0, 0);
  if (pid < 0) {
    fail_msg(err, sizeof(err), "clone: %s", strerror(errno));
    unlink_fifos(s);
    return report_error(err);
  }
  if (pid == 0) {
    close(3); /* the caller's report and control pipes: only the shim uses them */
    close(4);
    prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0); /* a container never outlives its shim */
    if (getppid() == 1 && !(s->clone_flags & CLONE_NEWPID)) _exit(1);
    close(go[1]);
    close(rep[0]);
    if (bpf[1] >= 0) close(bpf[1]);
    s->seccomp_fd = bpf[0];
    relay_child(s, &relay);
    init_main(s, go[0], rep[1], fifo_fd);
  }
  trace_mark("cloned");
  relay_parent(&relay);
  if (s->exec_mode && s->terminal && !s->terminal_relay) close(s->console_fd); /* the init sends on it */
  close(go[0]);
  close(rep[1]);
  if (bpf[0] >= 0) close(bpf[0]);
  close(fifo_fd);
  /* with a cgroup namespace to make, the child must be in its cgroups before it starts */
  int joined_first = s->unshare_cgroupns;
  if (write_id_maps(s, pid, err, sizeof(err)) < 0 || (joined_first && join_cgroups(s, pid, err, sizeof(err)) < 0))
    return abort_child(s, pid, err);
  char go_msg[32];
  int go_len = snprintf(go_msg, sizeof(go_msg), "%d\n", pid);
  write_all(go[1], go_msg, (size_t)go_len);
  if (!joined_first && join_cgroups(s, pid, err, sizeof(err)) < 0) return abort_child(s, pid, err);
  for (int i = 0; i < s->ncgroups; i++)
    if (cgroup_fds[i] >= 0) close(cgroup_fds[i]);
  for (int i = 0; i < s->nself_joins; i++) close(s->self_join_fds[i]);
  signal(SIGPIPE, SIG_IGN); /* a child that already failed has closed its end; its report says why */
  write_all(go[1], "c", 1);
  trace_mark("cgroups joined");
  int built = export_seccomp(s, bpf[1], err, sizeof(err));
  signal(SIGPIPE, SIG_DFL);
  if (bpf[1] >= 0) close(bpf[1]);
  if (built < 0) return abort_child(s, pid, err);
  trace_mark("filter sent");
  char msg[1024];
  read_report(rep[0], msg, sizeof(msg));
  trace_mark("init reported");
  if (!strcmp(msg, "hooks")) { /* relay: the caller runs its hooks, then answers "go" on fd 4 */
    dprintf(3, "hooks %d\n", pid);
    char answer[16];
    if (read_report(4, answer, sizeof(answer)) > 0 && !strcmp(answer, "go")) {
      write_all(go[1], "g", 1);
      read_report(rep[0], msg, sizeof(msg));
    } else {
      snprintf(msg, sizeof(msg), "error runtime hooks failed");
    }
  }
  close(go[1]);
  close(4);
  if (s->exec_mode && !strcmp(msg, "ready")) /* EOF: the program was exec'd (or the init gave up) */
    for (;;) {
      char b;
      ssize_t n = read(rep[0], &b, 1);
      if (n == 0 || (n < 0 && errno != EINTR)) break;
    }
  close(rep[0]);
  if (strcmp(msg, "ready") != 0) {
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    unlink_fifos(s);
    if (!strncmp(msg, "error ", 6)) return report_error(msg + 6);
    fail_msg(err, sizeof(err), "container init died during setup (status %d)", exit_code(status));
    return report_error(err);
  }
  dprintf(3, "pid %d\n", pid);
  close(3);
  quiet_stdio();
  if (relay_wanted(s)) { /* the output is drained before the exit is recorded */
    int status = relay_wait(s, &relay, pid);
    relay_unlink(&relay);
    if (!s->exec_mode) record_exit(dirfd, status);
    return exit_code(status);
  }
  for (;;) {
    int status;
    pid_t got = waitpid(-1, &status, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return 1;
    if (got == pid) {
      if (!s->exec_mode) record_exit(dirfd, status);
      return exit_code(status);
    }
  }
}
