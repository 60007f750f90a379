/* runtime-shim.c: the shim of a container that an external OCI runtime CLI creates. */
#ifndef RUNTIME_SHIM_H
#define RUNTIME_SHIM_H

struct spec;

/* Runs the spec's args (the runtime's create), adopts the init, relays and records its exit. */
int runtime_shim_main(struct spec *s, const char *state_dir, const char *pidfile, const char *console);

#endif
