/* shiprun-init: the native half of shiprun (see README.md beside this file). */
#ifndef SHIPRUN_H
#define SHIPRUN_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define SPEC_VERSION "1"
#define MAX_ITEMS 256

struct mount_spec {
  char *dest, *type, *source, *data;
  unsigned long flags, prop;
  int remount_only; /* 1: only MS_REMOUNT dest with flags (e.g. a read-only cgroup tmpfs) */
};

struct dev_spec {
  char *path;
  char type; /* c, b, p */
  unsigned major, minor, mode, uid, gid;
  int strict; /* 1: a different file already there is an error (linux.devices); 0: keep it (defaults) */
};

struct ns_join {
  int type; /* CLONE_NEW* */
  char *path;
};

struct id_map {
  unsigned inside, outside, size;
};

struct rlimit_spec {
  int resource;
  long long soft, hard; /* -1 = unlimited */
};

struct seccomp_rule {
  char *syscall;
  uint32_t action;
  int errno_ret;
  unsigned nargs;
  unsigned arg_index[6];
  uint64_t arg_value[6], arg_value2[6];
  int arg_op[6];
};

struct hook_spec {
  char *kind, *path;
  int timeout_s;
  char *args[64], *env[64];
  int nargs, nenv;
};

/* A pre-digested OCI config: written by the TypeScript side, one record per line. */
struct spec {
  unsigned long clone_flags;
  struct ns_join joins[16];
  int njoins;
  struct id_map uid_maps[16], gid_maps[16];
  int nuid_maps, ngid_maps;
  char *cgroup_procs[16];
  int ncgroups;
  int self_join_fds[16]; /* cgroup v1 `tasks` files the init writes "0" to itself (no RCU wait) */
  int nself_joins;
  char *hostname, *domainname, *rootfs, *fifo, *cwd, *console_socket;
  unsigned long root_prop;
  int root_readonly, use_chroot, no_new_privs, terminal;
  struct mount_spec mounts[MAX_ITEMS];
  int nmounts;
  struct dev_spec devs[64];
  int ndevs;
  char *links[16][2];
  int nlinks;
  char *masked[MAX_ITEMS], *readonly[MAX_ITEMS];
  int nmasked, nreadonly;
  char *sysctl[64][2];
  int nsysctl;
  int has_oom;
  int oom;
  struct rlimit_spec rlimits[32];
  int nrlimits;
  int has_caps;
  uint64_t cap_bounding, cap_effective, cap_permitted, cap_inheritable, cap_ambient;
  unsigned uid, gid;
  int umask; /* -1: leave */
  unsigned groups[64];
  int ngroups;
  char *args[MAX_ITEMS], *env[MAX_ITEMS];
  int nargs, nenv;
  uint32_t seccomp_default;
  int seccomp_default_errno, has_seccomp;
  int seccomp_fd; /* in the init: the pipe the shim writes the built filter's BPF to, or -1 (build here) */
  uint32_t seccomp_arches[8];
  int narches;
  struct hook_spec hooks[32];
  int nhooks;
  char *hook_state; /* state JSON with "@PID@" and "@STATUS@" to fill in */
  int console_fd, console_rows, console_cols;
  int unshare_cgroupns; /* after the shim moved the init into its cgroups */
  int exec_mode; /* join a running container: no rootfs setup, no exec fifo */
  int preserve_fds, preserve_first; /* the shim's fds FIRST.. become the program's fds 3..3+N-1 */
  int runtime_hooks; /* the caller runs prestart/createRuntime hooks before createContainer */
  /* stdio relayed by the shim (relay.c): a json-file log, a stdin FIFO, a resize FIFO, the pty master
   * sent back to the shim over a socketpair instead of a console socket */
  char *log_path, *stdin_fifo, *resize_fifo;
  int stdin_once, terminal_relay, stdio_relay;
  long host_pid;    /* the init's pid as the runtime sees it (sent by the shim) */
  struct seccomp_rule *seccomp_rules;
  int nseccomp, seccomp_cap;
};

/* spec.c */
int spec_load(const char *path, struct spec *s, char *err, size_t errlen);

/* shim.c: create the container and stay its parent; returns the shim's exit status */
int shim_main(struct spec *s, const char *state_dir);

/* init.c: runs in the cloned child; never returns */
void init_main(struct spec *s, int go_fd, int report_fd, int fifo_fd) __attribute__((noreturn));

/* mounts.c */
int setup_rootfs(struct spec *s, int report_fd, int go_fd, char *err, size_t errlen);
/* Waits (once) for the shim's word that the init is in its cgroups; 0, or -1 if the shim went away. */
int await_cgroups(int go_fd, char *err, size_t errlen);
int finish_rootfs(struct spec *s, char *err, size_t errlen);
int open_in_root(int rootfd, const char *path, int create, int is_file);

/* devices.c */
int create_devices(struct spec *s, int rootfd, char *err, size_t errlen);

/* caps.c */
int apply_user_and_caps(struct spec *s, char *err, size_t errlen);

/* seccomp.c */
int apply_seccomp(struct spec *s, char *err, size_t errlen);
int export_seccomp(struct spec *s, int fd, char *err, size_t errlen);

/* hooks.c: runs the hooks of KIND in order; -1 with ERR set on the first failure */
int run_hooks(struct spec *s, const char *kind, long pid, char *err, size_t errlen);

/* console.c */
int connect_console(struct spec *s, char *err, size_t errlen);
int setup_console(struct spec *s, int sock, char *err, size_t errlen);

/* relay.c: the container's stdio relayed by the shim (log mode, stdin and resize FIFOs, a pty) */
struct relay {
  int devnull, log_fd, raw_in, raw_out, raw_err; /* raw_*: the shim's own fd 0-2 (no log) */
  int out[2], err[2], in[2], pty_sock[2]; /* pipes and the socketpair the init sends the master over */
  int stdin_fd, resize_fd;                /* the FIFOs, open for reading */
  int stdin_dir, resize_dir;              /* their directories (reopen/unlink work after setns) */
  const char *stdin_name, *resize_name;
};
int relay_wanted(const struct spec *s);
/* Before clone (and before any setns): log file, pipes, FIFOs. 0, or -1 with ERR set. */
int relay_prepare(struct spec *s, struct relay *r, char *err, size_t errlen);
/* In the cloned child: its stdio (or the socket setup_console sends the pty master over). */
void relay_child(struct spec *s, struct relay *r);
/* In the shim after clone: closes the child's ends. */
void relay_parent(struct relay *r);
/* Removes the FIFOs the relay made. */
void relay_unlink(struct relay *r);
/* The wait loop: relays until the init exited and its output is drained; returns its wait status. */
int relay_wait(struct spec *s, struct relay *r, pid_t pid);

/* relay-input.c: the stdin and resize FIFOs (the rule is in that file) */
struct pollfd;
void input_start(struct spec *s, struct relay *r, int master);
int input_pollfds(struct pollfd *p);
void input_handle(const struct pollfd *p, int n);
void input_stop(void);
void resize_handle(int fd, int master);

/* jsonlog.c: one json-file line for TEXT (N bytes) into OUT (6 N + 128 bytes); returns its length */
struct timespec;
size_t jsonlog_line(char *out, const char *stream, const unsigned char *text, size_t n, int newline,
                    const struct timespec *ts);

/* util.c */
int write_file(const char *path, const char *content);
int write_all(int fd, const void *buf, size_t len);
void fail_msg(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void trace_mark(const char *what);

#endif
