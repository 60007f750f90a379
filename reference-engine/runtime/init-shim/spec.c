/* Reads the pre-digested spec: "KEY\tFIELD\tFIELD...\n", fields escaped as \\ \t \n. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shiprun.h"

static void unescape(char *s) {
  char *o = s;
  for (; *s; s++) {
    if (*s == '\\' && s[1]) {
      s++;
      *o++ = *s == 't' ? '\t' : *s == 'n' ? '\n' : *s;
    } else {
      *o++ = *s;
    }
  }
  *o = 0;
}

static int split(char *line, char **f, int max) {
  int n = 0;
  f[n++] = line;
  for (char *p = line; *p && n < max; p++) {
    if (*p == '\t') {
      *p = 0;
      f[n++] = p + 1;
    }
  }
  for (int i = 0; i < n; i++) unescape(f[i]);
  return n;
}

static unsigned long ul(const char *s) { return strtoul(s, NULL, 0); }
static long long ll(const char *s) { return strtoll(s, NULL, 0); }
static uint64_t u64(const char *s) { return strtoull(s, NULL, 0); }

#define NEED(n) \
  if (nf < (n)) goto bad
#define ROOM(count, cap) \
  if ((count) >= (int)(cap)) goto full

static int seccomp_rule(struct spec *s, char **f, int nf) {
  if (s->nseccomp >= s->seccomp_cap) {
    int cap = s->seccomp_cap ? s->seccomp_cap * 2 : 64;
    struct seccomp_rule *r = realloc(s->seccomp_rules, cap * sizeof(*r));
    if (!r) return -1;
    s->seccomp_rules = r;
    s->seccomp_cap = cap;
  }
  struct seccomp_rule *r = &s->seccomp_rules[s->nseccomp++];
  memset(r, 0, sizeof(*r));
  r->syscall = f[1];
  r->action = (uint32_t)ul(f[2]);
  r->errno_ret = (int)ll(f[3]);
  for (int i = 4; i + 3 < nf + 0 && r->nargs < 6; i += 4) {
    r->arg_index[r->nargs] = (unsigned)ul(f[i]);
    r->arg_op[r->nargs] = (int)ul(f[i + 1]);
    r->arg_value[r->nargs] = u64(f[i + 2]);
    r->arg_value2[r->nargs] = u64(f[i + 3]);
    r->nargs++;
  }
  return 0;
}

static int record(struct spec *s, char **f, int nf) {
  const char *k = f[0];
  if (!strcmp(k, "clone")) {
    NEED(2);
    s->clone_flags = ul(f[1]);
  } else if (!strcmp(k, "setns")) {
    NEED(3);
    ROOM(s->njoins, 16);
    s->joins[s->njoins++] = (struct ns_join){(int)ul(f[1]), f[2]};
  } else if (!strcmp(k, "uidmap") || !strcmp(k, "gidmap")) {
    NEED(4);
    int uid = k[0] == 'u';
    int *n = uid ? &s->nuid_maps : &s->ngid_maps;
    ROOM(*n, 16);
    (uid ? s->uid_maps : s->gid_maps)[(*n)++] =
        (struct id_map){(unsigned)ul(f[1]), (unsigned)ul(f[2]), (unsigned)ul(f[3])};
  } else if (!strcmp(k, "cgroup")) {
    NEED(2);
    ROOM(s->ncgroups, 16);
    s->cgroup_procs[s->ncgroups++] = f[1];
  } else if (!strcmp(k, "hostname")) {
    NEED(2);
    s->hostname = f[1];
  } else if (!strcmp(k, "domainname")) {
    NEED(2);
    s->domainname = f[1];
  } else if (!strcmp(k, "rootfs")) {
    NEED(3);
    s->rootfs = f[1];
    s->root_readonly = (int)ul(f[2]);
  } else if (!strcmp(k, "propagation")) {
    NEED(2);
    s->root_prop = ul(f[1]);
  } else if (!strcmp(k, "chroot")) {
    s->use_chroot = 1;
  } else if (!strcmp(k, "mount") || !strcmp(k, "remount")) {
    NEED(7);
    ROOM(s->nmounts, MAX_ITEMS);
    s->mounts[s->nmounts++] = (struct mount_spec){
        f[1], f[2], f[3], f[5], ul(f[4]), ul(f[6]), k[0] == 'r'};
  } else if (!strcmp(k, "device")) {
    NEED(8);
    ROOM(s->ndevs, 64);
    s->devs[s->ndevs++] = (struct dev_spec){f[1],
                                            f[2][0],
                                            (unsigned)ul(f[3]),
                                            (unsigned)ul(f[4]),
                                            (unsigned)ul(f[5]),
                                            (unsigned)ul(f[6]),
                                            (unsigned)ul(f[7]),
                                            nf > 8 ? (int)ul(f[8]) : 1};
  } else if (!strcmp(k, "symlink")) {
    NEED(3);
    ROOM(s->nlinks, 16);
    s->links[s->nlinks][0] = f[1];
    s->links[s->nlinks++][1] = f[2];
  } else if (!strcmp(k, "masked")) {
    NEED(2);
    ROOM(s->nmasked, MAX_ITEMS);
    s->masked[s->nmasked++] = f[1];
  } else if (!strcmp(k, "readonly")) {
    NEED(2);
    ROOM(s->nreadonly, MAX_ITEMS);
    s->readonly[s->nreadonly++] = f[1];
  } else if (!strcmp(k, "sysctl")) {
    NEED(3);
    ROOM(s->nsysctl, 64);
    s->sysctl[s->nsysctl][0] = f[1];
    s->sysctl[s->nsysctl++][1] = f[2];
  } else if (!strcmp(k, "oom")) {
    NEED(2);
    s->has_oom = 1;
    s->oom = (int)ll(f[1]);
  } else if (!strcmp(k, "rlimit")) {
    NEED(4);
    ROOM(s->nrlimits, 32);
    s->rlimits[s->nrlimits++] = (struct rlimit_spec){(int)ul(f[1]), ll(f[2]), ll(f[3])};
  } else if (!strcmp(k, "caps")) {
    NEED(6);
    s->has_caps = 1;
    s->cap_bounding = u64(f[1]);
    s->cap_effective = u64(f[2]);
    s->cap_permitted = u64(f[3]);
    s->cap_inheritable = u64(f[4]);
    s->cap_ambient = u64(f[5]);
  } else if (!strcmp(k, "user")) {
    NEED(4);
    s->uid = (unsigned)ul(f[1]);
    s->gid = (unsigned)ul(f[2]);
    s->umask = (int)ll(f[3]);
  } else if (!strcmp(k, "group")) {
    NEED(2);
    ROOM(s->ngroups, 64);
    s->groups[s->ngroups++] = (unsigned)ul(f[1]);
  } else if (!strcmp(k, "nnp")) {
    s->no_new_privs = 1;
  } else if (!strcmp(k, "terminal")) {
    NEED(2);
    s->terminal = 1;
    s->console_socket = f[1];
  } else if (!strcmp(k, "terminal-relay")) {
    s->terminal = 1;
    s->terminal_relay = 1;
  } else if (!strcmp(k, "relay")) {
    s->stdio_relay = 1;
  } else if (!strcmp(k, "log")) {
    NEED(2);
    s->log_path = f[1];
  } else if (!strcmp(k, "stdin")) {
    NEED(3);
    s->stdin_fifo = f[1];
    s->stdin_once = (int)ul(f[2]);
  } else if (!strcmp(k, "resize")) {
    NEED(2);
    s->resize_fifo = f[1];
  } else if (!strcmp(k, "consolesize")) {
    NEED(3);
    s->console_rows = (int)ul(f[1]);
    s->console_cols = (int)ul(f[2]);
  } else if (!strcmp(k, "cwd")) {
    NEED(2);
    s->cwd = f[1];
  } else if (!strcmp(k, "fifo")) {
    NEED(2);
    s->fifo = f[1];
  } else if (!strcmp(k, "arg")) {
    NEED(2);
    ROOM(s->nargs, MAX_ITEMS - 1);
    s->args[s->nargs++] = f[1];
  } else if (!strcmp(k, "env")) {
    NEED(2);
    ROOM(s->nenv, MAX_ITEMS - 1);
    s->env[s->nenv++] = f[1];
  } else if (!strcmp(k, "hook")) {
    NEED(4);
    ROOM(s->nhooks, 32);
    struct hook_spec *h = &s->hooks[s->nhooks++];
    memset(h, 0, sizeof(*h));
    h->kind = f[1];
    h->path = f[2];
    h->timeout_s = (int)ll(f[3]);
  } else if (!strcmp(k, "hook-arg") || !strcmp(k, "hook-env")) {
    NEED(2);
    if (!s->nhooks) goto bad;
    struct hook_spec *h = &s->hooks[s->nhooks - 1];
    int *n = k[5] == 'a' ? &h->nargs : &h->nenv;
    ROOM(*n, 63);
    (k[5] == 'a' ? h->args : h->env)[(*n)++] = f[1];
  } else if (!strcmp(k, "exec-mode")) {
    s->exec_mode = 1;
  } else if (!strcmp(k, "preserve-fds")) {
    NEED(3);
    s->preserve_fds = (int)ll(f[1]);
    s->preserve_first = (int)ll(f[2]);
    if (s->preserve_fds < 0 || s->preserve_fds > 256 || s->preserve_first < 6) goto bad;
  } else if (!strcmp(k, "runtime-hooks")) {
    s->runtime_hooks = 1;
  } else if (!strcmp(k, "hook-state")) {
    NEED(2);
    s->hook_state = f[1];
  } else if (!strcmp(k, "seccomp")) {
    NEED(3);
    s->has_seccomp = 1;
    s->seccomp_default = (uint32_t)ul(f[1]);
    s->seccomp_default_errno = (int)ll(f[2]);
  } else if (!strcmp(k, "seccomp-arch")) {
    NEED(2);
    ROOM(s->narches, 8);
    s->seccomp_arches[s->narches++] = (uint32_t)ul(f[1]);
  } else if (!strcmp(k, "seccomp-rule")) {
    NEED(4);
    if (seccomp_rule(s, f, nf) < 0) return -1;
  }
  /* unknown keys are ignored: newer writers may add optional records */
  return 0;
bad:
  errno = EINVAL;
  return -1;
full:
  errno = E2BIG;
  return -1;
}

int spec_load(const char *path, struct spec *s, char *err, size_t errlen) {
  memset(s, 0, sizeof(*s));
  s->umask = -1;
  s->seccomp_fd = -1;
  /* "fd:N": read the spec from an inherited descriptor (a pipe or socket from the caller), no file */
  FILE *fp = !strncmp(path, "fd:", 3) ? fdopen((int)strtol(path + 3, NULL, 10), "r") : fopen(path, "re");
  if (!fp) {
    fail_msg(err, errlen, "open spec %s: %s", path, strerror(errno));
    return -1;
  }
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  int lineno = 0;
  while ((n = getline(&line, &cap, fp)) > 0) {
    lineno++;
    if (line[n - 1] == '\n') line[n - 1] = 0;
    char *copy = strdup(line), *f[32];
    if (!copy) break;
    int nf = split(copy, f, 32);
    if (lineno == 1) {
      if (strcmp(f[0], "shiprun-spec") || nf < 2 || strcmp(f[1], SPEC_VERSION)) {
        fail_msg(err, errlen, "spec %s: not a shiprun-spec version " SPEC_VERSION, path);
        fclose(fp);
        return -1;
      }
      continue;
    }
    if (record(s, f, nf) < 0) {
      fail_msg(err, errlen, "spec %s line %d (%s): %s", path, lineno, f[0], strerror(errno));
      fclose(fp);
      return -1;
    }
  }
  free(line);
  fclose(fp);
  s->args[s->nargs] = NULL;
  s->env[s->nenv] = NULL;
  if (!s->nargs || (!s->exec_mode && (!s->rootfs || !s->fifo))) {
    fail_msg(err, errlen, "spec %s: rootfs, fifo and at least one arg are required", path);
    return -1;
  }
  return 0;
}
