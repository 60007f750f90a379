/* Stands in for seccomp.c when libseccomp.a is absent at build time: a config with a filter is refused. */
#include "shiprun.h"

int apply_seccomp(struct spec *s, char *err, size_t errlen) {
  if (!s->has_seccomp) return 0;
  fail_msg(err, errlen,
           "linux.seccomp: this shiprun-init was built without libseccomp "
           "(apt-get install libseccomp-dev, then npm run build)");
  return -1;
}

int export_seccomp(struct spec *s, int fd, char *err, size_t errlen) {
  (void)fd;
  return apply_seccomp(s, err, errlen);
}
