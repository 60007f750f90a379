/* Identity and privileges: bounding set, groups, uid/gid, then the other four capability sets. */
#include <errno.h>
#include <grp.h>
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "shiprun.h"

static int last_cap(void) {
  FILE *f = fopen("/proc/sys/kernel/cap_last_cap", "re");
  int n = 40;
  if (f) {
    if (fscanf(f, "%d", &n) != 1) n = 40;
    fclose(f);
  }
  return n > 63 ? 63 : n;
}

static int set_caps(struct spec *s) {
  struct __user_cap_header_struct hdr = {_LINUX_CAPABILITY_VERSION_3, 0};
  struct __user_cap_data_struct data[2];
  uint64_t sets[3] = {s->cap_effective, s->cap_permitted, s->cap_inheritable};
  for (int i = 0; i < 2; i++) {
    data[i].effective = (uint32_t)(sets[0] >> (32 * i));
    data[i].permitted = (uint32_t)(sets[1] >> (32 * i));
    data[i].inheritable = (uint32_t)(sets[2] >> (32 * i));
  }
  return (int)syscall(SYS_capset, &hdr, data);
}

int apply_user_and_caps(struct spec *s, char *err, size_t errlen) {
  int last = last_cap();
  if (s->has_caps) {
    for (int cap = 0; cap <= last; cap++) {
      if (s->cap_bounding & (1ULL << cap)) continue;
      if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0 && errno != EINVAL) {
        fail_msg(err, errlen, "drop capability %d from the bounding set: %s", cap, strerror(errno));
        return -1;
      }
    }
    prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0);
  }
  gid_t groups[64];
  for (int i = 0; i < s->ngroups; i++) groups[i] = s->groups[i];
  if (setgroups((size_t)s->ngroups, groups) < 0 && errno != EPERM) {
    fail_msg(err, errlen, "setgroups: %s", strerror(errno));
    return -1;
  }
  if (setresgid(s->gid, s->gid, s->gid) < 0 || setresuid(s->uid, s->uid, s->uid) < 0) {
    fail_msg(err, errlen, "set user %u:%u: %s", s->uid, s->gid, strerror(errno));
    return -1;
  }
  if (!s->has_caps) return 0;
  prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0);
  if (set_caps(s) < 0) {
    fail_msg(err, errlen, "capset: %s", strerror(errno));
    return -1;
  }
  prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
  for (int cap = 0; cap <= last; cap++) /* needs the cap in permitted and inheritable; else skipped */
    if (s->cap_ambient & (1ULL << cap)) prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0);
  return 0;
}
