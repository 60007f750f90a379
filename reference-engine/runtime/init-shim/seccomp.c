/* The seccomp filter, built with libseccomp from pre-digested rules (actions and operators as numbers).
 * The shim builds it while the init sets its rootfs up (export_seccomp), and the init loads the BPF it
 * reads (apply_seccomp): libseccomp's build is the longest step of an init's setup (~0.5 ms). */
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "shiprun.h"

static scmp_filter_ctx build_filter(struct spec *s, char *err, size_t errlen) {
  scmp_filter_ctx ctx = seccomp_init(s->seccomp_default);
  if (!ctx) {
    fail_msg(err, errlen, "seccomp_init failed");
    return NULL;
  }
  seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0);
  for (int i = 0; i < s->narches; i++) {
    int r = seccomp_arch_add(ctx, s->seccomp_arches[i]);
    if (r < 0 && r != -EEXIST) {
      fail_msg(err, errlen, "seccomp architecture %#x: %s", s->seccomp_arches[i], strerror(-r));
      seccomp_release(ctx);
      return NULL;
    }
  }
  for (int i = 0; i < s->nseccomp; i++) {
    struct seccomp_rule *rule = &s->seccomp_rules[i];
    int nr = seccomp_syscall_resolve_name(rule->syscall);
    if (nr == __NR_SCMP_ERROR) continue; /* unknown to this kernel/libseccomp: skipped, as runc does */
    if (rule->action == s->seccomp_default) continue;
    struct scmp_arg_cmp cmp[6];
    for (unsigned a = 0; a < rule->nargs; a++)
      cmp[a] = (struct scmp_arg_cmp){rule->arg_index[a], (enum scmp_compare)rule->arg_op[a], rule->arg_value[a],
                                     rule->arg_value2[a]};
    int r = seccomp_rule_add_array(ctx, rule->action, nr, rule->nargs, cmp);
    if (r < 0) {
      fail_msg(err, errlen, "seccomp rule for %s: %s", rule->syscall, strerror(-r));
      seccomp_release(ctx);
      return NULL;
    }
  }
  return ctx;
}

/* In the shim (SIGPIPE ignored): builds the filter and writes its BPF to FD, a pipe to the init,
 * non-blocking: a valid program is at most 4096 instructions, 32 kB, within the pipe's 64 kB. */
int export_seccomp(struct spec *s, int fd, char *err, size_t errlen) {
  if (!s->has_seccomp) return 0;
  scmp_filter_ctx ctx = build_filter(s, err, errlen);
  if (!ctx) return -1;
  seccomp_attr_set(ctx, SCMP_FLTATR_API_SYSRAWRC, 1); /* the write's own errno, not ECANCELED */
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
  int r = seccomp_export_bpf(ctx, fd);
  seccomp_release(ctx);
  if (r == -EPIPE) return 0; /* the init is gone: its report says why */
  if (r < 0) {
    fail_msg(err, errlen, "seccomp filter: %s", strerror(-r == EAGAIN ? E2BIG : -r));
    return -1;
  }
  return 0;
}

/* The BPF the shim exported, read to EOF: what seccomp_load would install (with the NNP attribute off
 * and no other attribute set, it is seccomp(SET_MODE_FILTER) with no flags). */
static int load_exported(int fd, char *err, size_t errlen) {
  size_t cap = 4096, len = 0;
  char *buf = malloc(cap);
  for (;;) {
    if (!buf) {
      fail_msg(err, errlen, "seccomp filter: out of memory");
      return -1;
    }
    ssize_t n = read(fd, buf + len, cap - len);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      fail_msg(err, errlen, "seccomp filter from the shim: %s", strerror(errno));
      free(buf);
      return -1;
    }
    if (n == 0) break;
    len += (size_t)n;
    if (len == cap) buf = realloc(buf, cap *= 2);
  }
  if (len == 0 || len % sizeof(struct sock_filter)) {
    fail_msg(err, errlen, "seccomp filter from the shim: %zu bytes, not a program", len);
    free(buf);
    return -1;
  }
  struct sock_fprog prog = {.len = (unsigned short)(len / sizeof(struct sock_filter)), .filter = (struct sock_filter *)buf};
  long r = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
  if (r < 0) fail_msg(err, errlen, "seccomp_load: %s", strerror(errno));
  free(buf);
  return r < 0 ? -1 : 0;
}

int apply_seccomp(struct spec *s, char *err, size_t errlen) {
  if (!s->has_seccomp) return 0;
  if (s->seccomp_fd >= 0) {
    int r = load_exported(s->seccomp_fd, err, errlen);
    close(s->seccomp_fd);
    s->seccomp_fd = -1;
    return r;
  }
  scmp_filter_ctx ctx = build_filter(s, err, errlen);
  if (!ctx) return -1;
  int r = seccomp_load(ctx);
  seccomp_release(ctx);
  if (r < 0) {
    fail_msg(err, errlen, "seccomp_load: %s", strerror(-r));
    return -1;
  }
  return 0;
}
