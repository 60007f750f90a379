/* The seccomp filter, built with libseccomp from pre-digested rules (actions and operators as numbers). */
#include <errno.h>
#include <seccomp.h>
#include <string.h>

#include "shiprun.h"

int apply_seccomp(struct spec *s, char *err, size_t errlen) {
  if (!s->has_seccomp) return 0;
  scmp_filter_ctx ctx = seccomp_init(s->seccomp_default);
  if (!ctx) {
    fail_msg(err, errlen, "seccomp_init failed");
    return -1;
  }
  seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0);
  for (int i = 0; i < s->narches; i++) {
    int r = seccomp_arch_add(ctx, s->seccomp_arches[i]);
    if (r < 0 && r != -EEXIST) {
      fail_msg(err, errlen, "seccomp architecture %#x: %s", s->seccomp_arches[i], strerror(-r));
      seccomp_release(ctx);
      return -1;
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
      return -1;
    }
  }
  int r = seccomp_load(ctx);
  seccomp_release(ctx);
  if (r < 0) {
    fail_msg(err, errlen, "seccomp_load: %s", strerror(-r));
    return -1;
  }
  return 0;
}
