/* The rootfs: mounts in spec order (resolved inside the rootfs), devices, pivot_root, masked paths. */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "shiprun.h"

static int openat2_in_root(int rootfd, const char *path, int flags) {
  struct open_how how = {.flags = (uint64_t)(flags | O_CLOEXEC), .resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS};
  while (*path == '/') path++;
  if (!*path) path = ".";
  return (int)syscall(SYS_openat2, rootfd, path, &how, sizeof(how));
}

/* Opens PATH (O_PATH) with symlinks resolved inside the rootfs; creates missing directories (and the
 * last component as an empty file when IS_FILE) when CREATE is set. */
/* Creates the last component of PATH in its parent: 0 when it is there now, -1 with errno ENOENT
 * when the parent is missing too (the caller walks from the root), -1 with another errno on failure. */
static int make_last(int rootfd, const char *path, int is_file) {
  char buf[4096];
  snprintf(buf, sizeof(buf), "%s", path);
  char *slash = strrchr(buf, '/');
  const char *name = slash ? slash + 1 : buf;
  if (slash) *slash = 0;
  if (!*name) {
    errno = ENOENT;
    return -1;
  }
  int parent = openat2_in_root(rootfd, slash && buf[0] ? buf : "/", O_PATH | O_DIRECTORY);
  if (parent < 0) return -1;
  int r;
  if (is_file) {
    r = openat(parent, name, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (r >= 0) close(r);
  } else {
    r = mkdirat(parent, name, 0755);
  }
  int saved = errno;
  close(parent);
  errno = saved;
  return r < 0 && saved != EEXIST ? -1 : 0;
}

int open_in_root(int rootfd, const char *path, int create, int is_file) {
  int fd = openat2_in_root(rootfd, path, O_PATH);
  if (fd >= 0 || errno != ENOENT || !create) return fd;
  /* mostly only the last component is missing (/proc, /dev/pts, /sys/fs/cgroup/cpu): one level */
  if (make_last(rootfd, path, is_file) == 0) return openat2_in_root(rootfd, path, O_PATH);
  if (errno != ENOENT) return -1;
  char buf[4096];
  snprintf(buf, sizeof(buf), "%s", path);
  for (char *p = buf + 1;; p++) {
    if (*p != '/' && *p != 0) continue;
    char saved = *p;
    *p = 0;
    char *slash = strrchr(buf, '/');
    *slash = 0;
    int parent = openat2_in_root(rootfd, buf[0] ? buf : "/", O_PATH | O_DIRECTORY);
    *slash = '/';
    if (parent < 0) return -1;
    int last = saved == 0;
    int r;
    if (last && is_file) {
      r = openat(parent, slash + 1, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0644);
      if (r >= 0) close(r);
    } else {
      r = mkdirat(parent, slash + 1, 0755);
    }
    close(parent);
    if (r < 0 && errno != EEXIST) return -1;
    *p = saved;
    if (last) break;
  }
  return openat2_in_root(rootfd, path, O_PATH);
}

static void fd_path(char *buf, size_t len, int fd) { snprintf(buf, len, "/proc/self/fd/%d", fd); }

static unsigned long locked_flags(const char *path) {
  struct statvfs st;
  unsigned long f = 0;
  if (statvfs(path, &st) < 0) return 0;
  if (st.f_flag & ST_NOSUID) f |= MS_NOSUID;
  if (st.f_flag & ST_NODEV) f |= MS_NODEV;
  if (st.f_flag & ST_NOEXEC) f |= MS_NOEXEC;
  return f;
}

/* Bind remount; in a user namespace the flags the kernel locked must be kept, so retry with them. */
static int bind_remount(const char *target, unsigned long flags) {
  unsigned long f = MS_REMOUNT | MS_BIND | (flags & ~(MS_BIND | MS_REC | MS_REMOUNT));
  if (mount(NULL, target, NULL, f, NULL) == 0) return 0;
  if (errno != EPERM) return -1;
  return mount(NULL, target, NULL, f | locked_flags(target), NULL);
}

static int do_mount(int rootfd, struct mount_spec *m, char *err, size_t errlen) {
  char target[64];
  int is_bind = (m->flags & MS_BIND) != 0, is_file = 0;
  if (is_bind) {
    struct stat st;
    if (stat(m->source, &st) < 0) {
      fail_msg(err, errlen, "mount %s: source %s: %s", m->dest, m->source, strerror(errno));
      return -1;
    }
    is_file = !S_ISDIR(st.st_mode);
  }
  int fd = open_in_root(rootfd, m->dest, !m->remount_only, is_file);
  if (fd < 0) {
    fail_msg(err, errlen, "mount %s: destination: %s", m->dest, strerror(errno));
    return -1;
  }
  fd_path(target, sizeof(target), fd);
  int r;
  if (m->remount_only) {
    r = mount(NULL, target, NULL, m->flags | MS_REMOUNT, m->data[0] ? m->data : NULL);
  } else if (is_bind) {
    r = mount(m->source, target, NULL, MS_BIND | (m->flags & MS_REC), NULL);
  } else {
    r = mount(m->source, target, m->type, m->flags, m->data[0] ? m->data : NULL);
  }
  close(fd);
  if (r < 0) {
    fail_msg(err, errlen, "mount %s (%s) on %s: %s", m->source, m->type, m->dest, strerror(errno));
    return -1;
  }
  int needs_remount = is_bind && (m->flags & ~(MS_BIND | MS_REC));
  if (!needs_remount && !m->prop) return 0;
  fd = open_in_root(rootfd, m->dest, 0, 0); /* now the new mount, not what it covers */
  if (fd < 0) {
    fail_msg(err, errlen, "reopen %s: %s", m->dest, strerror(errno));
    return -1;
  }
  fd_path(target, sizeof(target), fd);
  r = needs_remount ? bind_remount(target, m->flags) : 0;
  if (r == 0 && m->prop) r = mount(NULL, target, NULL, m->prop, NULL);
  close(fd);
  if (r < 0) fail_msg(err, errlen, "remount %s: %s", m->dest, strerror(errno));
  return r;
}

/* pivot_root refuses a new root whose parent mount is shared, and an unbindable mount cannot be bound:
 * make the mount holding the rootfs private (runc's rootfsParentMountPrivate). */
static int parent_mount_private(const char *rootfs) {
  FILE *f = fopen("/proc/self/mountinfo", "re");
  if (!f) return -1;
  char line[4096], best[4096] = "/";
  size_t best_len = 1;
  while (fgets(line, sizeof(line), f)) {
    char mp[4096];
    if (sscanf(line, "%*s %*s %*s %*s %4095s", mp) != 1) continue;
    size_t n = strlen(mp);
    if (n > best_len && !strncmp(rootfs, mp, n) && (rootfs[n] == '/' || rootfs[n] == 0)) {
      snprintf(best, sizeof(best), "%s", mp);
      best_len = n;
    }
  }
  fclose(f);
  return mount(NULL, best, NULL, MS_PRIVATE, NULL);
}

static int enter_root(struct spec *s, char *err, size_t errlen) {
  if (s->use_chroot || !(s->clone_flags & CLONE_NEWNS)) {
    if (chdir(s->rootfs) < 0 || chroot(".") < 0 || chdir("/") < 0) {
      fail_msg(err, errlen, "chroot %s: %s", s->rootfs, strerror(errno));
      return -1;
    }
    return 0;
  }
  int oldroot = open("/", O_DIRECTORY | O_RDONLY | O_CLOEXEC);
  int newroot = open(s->rootfs, O_DIRECTORY | O_RDONLY | O_CLOEXEC);
  if (oldroot < 0 || newroot < 0 || fchdir(newroot) < 0 || syscall(SYS_pivot_root, ".", ".") < 0) {
    fail_msg(err, errlen, "pivot_root %s: %s", s->rootfs, strerror(errno));
    return -1;
  }
  if (fchdir(oldroot) < 0 || mount(NULL, ".", NULL, MS_SLAVE | MS_REC, NULL) < 0 || umount2(".", MNT_DETACH) < 0 ||
      chdir("/") < 0) {
    fail_msg(err, errlen, "detach the old root: %s", strerror(errno));
    return -1;
  }
  close(oldroot);
  close(newroot);
  if (s->root_prop && mount(NULL, "/", NULL, s->root_prop, NULL) < 0) { /* the asked propagation, again */
    fail_msg(err, errlen, "set root propagation: %s", strerror(errno));
    return -1;
  }
  return 0;
}

int setup_rootfs(struct spec *s, int report_fd, int go_fd, char *err, size_t errlen) {
  if (s->clone_flags & CLONE_NEWNS) {
    unsigned long prop = s->root_prop ? s->root_prop : (MS_SLAVE | MS_REC);
    if (mount(NULL, "/", NULL, prop, NULL) < 0) {
      fail_msg(err, errlen, "set rootfs propagation: %s", strerror(errno));
      return -1;
    }
    if (parent_mount_private(s->rootfs) < 0 || mount(s->rootfs, s->rootfs, NULL, MS_BIND | MS_REC, NULL) < 0) {
      fail_msg(err, errlen, "bind rootfs %s: %s", s->rootfs, strerror(errno));
      return -1;
    }
  }
  trace_mark("rootfs bound");
  int rootfd = open(s->rootfs, O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (rootfd < 0) {
    fail_msg(err, errlen, "rootfs %s: %s", s->rootfs, strerror(errno));
    return -1;
  }
  for (int i = 0; i < s->nmounts; i++)
    if (do_mount(rootfd, &s->mounts[i], err, errlen) < 0) return -1;
  trace_mark("mounts");
  if (create_devices(s, rootfd, err, errlen) < 0) return -1;
  trace_mark("devices");
  if (s->cwd) {
    int fd = open_in_root(rootfd, s->cwd, 1, 0);
    if (fd >= 0) close(fd);
  }
  close(rootfd);
  trace_mark("await cgroups");
  if (await_cgroups(go_fd, err, errlen) < 0) return -1; /* hooks see the container in its cgroups */
  if (s->runtime_hooks) { /* the caller runs prestart/createRuntime now; one byte back means go on */
    char c;
    if (write_all(report_fd, "hooks\n", 6) < 0 || read(go_fd, &c, 1) != 1) {
      fail_msg(err, errlen, "runtime hooks: the runtime went away");
      return -1;
    }
  }
  if (run_hooks(s, "createContainer", (long)getpid(), err, errlen) < 0) return -1; /* pid as the hook sees it */
  if (s->terminal && !s->terminal_relay && (s->console_fd = connect_console(s, err, errlen)) < 0)
    return -1; /* a host path; with terminal-relay the shim's socketpair is console_fd already */
  trace_mark("pivot");
  int r = enter_root(s, err, errlen);
  trace_mark("pivoted");
  return r;
}

static int mask_path(const char *path, char *err, size_t errlen) {
  struct stat st;
  if (stat(path, &st) < 0) return 0;
  int r = S_ISDIR(st.st_mode) ? mount("tmpfs", path, "tmpfs", MS_RDONLY, NULL)
                              : mount("/dev/null", path, NULL, MS_BIND, NULL);
  if (r < 0 && errno != ENOENT) {
    fail_msg(err, errlen, "mask %s: %s", path, strerror(errno));
    return -1;
  }
  return 0;
}

static int readonly_path(const char *path, char *err, size_t errlen) {
  if (mount(path, path, NULL, MS_BIND | MS_REC, NULL) < 0) {
    if (errno == ENOENT) return 0;
    fail_msg(err, errlen, "readonly %s: %s", path, strerror(errno));
    return -1;
  }
  if (bind_remount(path, MS_RDONLY | MS_REC) < 0) {
    fail_msg(err, errlen, "readonly %s: %s", path, strerror(errno));
    return -1;
  }
  return 0;
}

/* After pivot_root: sysctls (before /proc/sys turns read-only), read-only and masked paths, read-only root. */
int finish_rootfs(struct spec *s, char *err, size_t errlen) {
  for (int i = 0; i < s->nsysctl; i++) {
    char path[512];
    snprintf(path, sizeof(path), "/proc/sys/%s", s->sysctl[i][0]);
    if (write_file(path, s->sysctl[i][1]) < 0) {
      fail_msg(err, errlen, "sysctl %s: %s", s->sysctl[i][0], strerror(errno));
      return -1;
    }
  }
  for (int i = 0; i < s->nreadonly; i++)
    if (readonly_path(s->readonly[i], err, errlen) < 0) return -1;
  for (int i = 0; i < s->nmasked; i++)
    if (mask_path(s->masked[i], err, errlen) < 0) return -1;
  if (s->root_readonly && bind_remount("/", MS_RDONLY) < 0) {
    fail_msg(err, errlen, "remount / read-only: %s", strerror(errno));
    return -1;
  }
  return 0;
}
