/*
 * shiprun-init: `shiprun-init shim SPEC STATE_DIR` creates one container from a pre-digested spec
 * and stays its parent (the shim). Fd 3 is the report pipe to the caller: one line, "pid N" once the
 * container waits on its exec fifo, or "error MESSAGE". The shim exits with the container's status.
 * `shiprun-init runtime-shim ...` is the same shim for a container an external runtime CLI creates
 * (runtime-shim.c).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "runtime-shim.h"
#include "shiprun.h"

int main(int argc, char **argv) {
  if (argc == 2 && !strcmp(argv[1], "--version")) {
    puts("shiprun-init spec " SPEC_VERSION);
    return 0;
  }
  int runtime = argc == 6 && !strcmp(argv[1], "runtime-shim");
  if (!runtime && (argc != 4 || strcmp(argv[1], "shim"))) {
    fprintf(stderr, "usage: shiprun-init shim SPEC STATE_DIR\n"
                    "       shiprun-init runtime-shim SPEC STATE_DIR PIDFILE CONSOLE_SOCKET|-\n");
    return 2;
  }
  trace_mark("main");
  static struct spec s;
  char err[512];
  if (spec_load(argv[2], &s, err, sizeof(err)) < 0) {
    dprintf(3, "error %s\n", err);
    return 1;
  }
  trace_mark("spec loaded");
  return runtime ? runtime_shim_main(&s, argv[3], argv[4], argv[5]) : shim_main(&s, argv[3]);
}
