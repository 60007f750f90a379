/* Device nodes and /dev symlinks inside the rootfs (bind-mounted from the host when mknod is refused). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "shiprun.h"

/* Opens the parent directory of PATH inside the rootfs and points *base at the last component. */
static int open_parent(int rootfd, const char *path, char *buf, size_t len, const char **base) {
  snprintf(buf, len, "%s", path);
  char *slash = strrchr(buf, '/');
  if (!slash || !slash[1]) return -1;
  *slash = 0;
  *base = path + (slash - buf) + 1;
  return open_in_root(rootfd, buf[0] ? buf : "/", 1, 0);
}

static int make_device(int rootfd, struct dev_spec *d, char *err, size_t errlen) {
  char buf[4096];
  const char *base;
  int dir = open_parent(rootfd, d->path, buf, sizeof(buf), &base);
  if (dir < 0) {
    fail_msg(err, errlen, "device %s: %s", d->path, strerror(errno));
    return -1;
  }
  mode_t type = d->type == 'b' ? S_IFBLK : d->type == 'p' ? S_IFIFO : S_IFCHR;
  struct stat st;
  if (fstatat(dir, base, &st, AT_SYMLINK_NOFOLLOW) == 0) { /* already there: the same device is fine */
    int same = (st.st_mode & S_IFMT) == type && (type == S_IFIFO || st.st_rdev == makedev(d->major, d->minor));
    close(dir);
    if (same || !d->strict) return 0;
    fail_msg(err, errlen, "device %s: a different file is already there", d->path);
    return -1;
  }
  int r = mknodat(dir, base, type | (d->mode & 07777), makedev(d->major, d->minor));
  if (r < 0 && errno == EPERM) { /* user namespace: bind the host node instead */
    int f = openat(dir, base, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (f >= 0) close(f);
    int t = open_in_root(rootfd, d->path, 0, 0);
    char target[64];
    snprintf(target, sizeof(target), "/proc/self/fd/%d", t);
    r = t < 0 ? -1 : mount(d->path, target, NULL, MS_BIND, NULL);
    if (t >= 0) close(t);
    close(dir);
    if (r < 0) fail_msg(err, errlen, "bind device %s: %s", d->path, strerror(errno));
    return r;
  }
  if (r == 0) r = fchownat(dir, base, d->uid, d->gid, AT_SYMLINK_NOFOLLOW);
  if (r == 0) r = fchmodat(dir, base, d->mode & 07777, 0);
  close(dir);
  if (r < 0) fail_msg(err, errlen, "mknod %s: %s", d->path, strerror(errno));
  return r;
}

int create_devices(struct spec *s, int rootfd, char *err, size_t errlen) {
  for (int i = 0; i < s->ndevs; i++)
    if (make_device(rootfd, &s->devs[i], err, errlen) < 0) return -1;
  for (int i = 0; i < s->nlinks; i++) {
    char buf[4096];
    const char *base;
    int dir = open_parent(rootfd, s->links[i][1], buf, sizeof(buf), &base);
    if (dir < 0 || (symlinkat(s->links[i][0], dir, base) < 0 && errno != EEXIST)) {
      fail_msg(err, errlen, "symlink %s: %s", s->links[i][1], strerror(errno));
      if (dir >= 0) close(dir);
      return -1;
    }
    close(dir);
  }
  return 0;
}
