// Process calls for starting shims from a large daemon. libuv's spawn forks, which copies the
// parent's page tables: its cost grows with the daemon's RSS (tens of ms at 60 MB on a busy host).
// posix_spawn in glibc uses clone(CLONE_VM | CLONE_VFORK): its cost does not depend on the parent.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "napi-util.h"

extern char **environ;

#define MAX_FDS 64
#define MAX_ARGV 64
#define HIGH_FD 100  // sources are duplicated above the targets first, so no dup2 clobbers another

// spawn(file, argv, fds, setsid): the child's fd i becomes fds[i] (-1: /dev/null), every other fd is
// closed (close_range), signal dispositions and mask are reset.
// Returns the pid; the caller must reap it (reap).
napi_value js_spawn(napi_env env, napi_callback_info info) {
  napi_value argv[MAX_ARGS], result = NULL;
  if (!get_args(env, info, 4, argv)) return NULL;
  char *file = get_string(env, argv[0]);
  if (file == NULL) return NULL;
  uint32_t argc = 0, nfds = 0;
  char *args[MAX_ARGV + 1] = {0};
  int high[MAX_FDS];
  bool setsid_flag = false;
  napi_typedarray_type type;
  size_t length = 0;
  void *data = NULL;
  if (napi_get_array_length(env, argv[1], &argc) != napi_ok || argc == 0 || argc > MAX_ARGV ||
      napi_get_typedarray_info(env, argv[2], &type, &length, &data, NULL, NULL) != napi_ok ||
      type != napi_int32_array || length > MAX_FDS ||
      napi_get_value_bool(env, argv[3], &setsid_flag) != napi_ok) {
    free(file);
    napi_throw_type_error(env, "ERR_INVALID_ARG", "spawn(file, argv[1..64], Int32Array fds[0..64], setsid)");
    return NULL;
  }
  uint32_t i;
  for (i = 0; i < argc; i++) {
    napi_value a;
    napi_get_element(env, argv[1], i, &a);
    if ((args[i] = get_string(env, a)) == NULL) goto out;
  }
  const int32_t *fds = data;
  for (nfds = 0; nfds < length; nfds++) {
    high[nfds] = fds[nfds] < 0 ? -1 : fcntl(fds[nfds], F_DUPFD_CLOEXEC, HIGH_FD);
    if (fds[nfds] >= 0 && high[nfds] < 0) {
      throw_errno(env, errno, "fcntl", NULL);
      goto out;
    }
  }
  posix_spawn_file_actions_t fa;
  posix_spawnattr_t attr;
  posix_spawn_file_actions_init(&fa);
  posix_spawnattr_init(&attr);
  for (uint32_t f = 0; f < nfds; f++) {
    if (high[f] < 0)
      posix_spawn_file_actions_addopen(&fa, (int)f, "/dev/null", O_RDWR, 0);
    else
      posix_spawn_file_actions_adddup2(&fa, high[f], (int)f);  // dup2 clears FD_CLOEXEC on f
  }
  posix_spawn_file_actions_addclosefrom_np(&fa, (int)nfds);  // and fds a parent leaked without CLOEXEC
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  sigdelset(&all, SIGKILL);
  sigdelset(&all, SIGSTOP);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);  // Node ignores SIGPIPE; the child must not inherit that
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF |
                                      (setsid_flag ? POSIX_SPAWN_SETSID : 0));
  pid_t pid;
  int rc = posix_spawn(&pid, file, &fa, &attr, args, environ);
  posix_spawn_file_actions_destroy(&fa);
  posix_spawnattr_destroy(&attr);
  if (rc != 0)
    throw_errno(env, rc, "posix_spawn", file);
  else
    napi_create_int32(env, pid, &result);
out:
  for (uint32_t f = 0; f < nfds; f++)
    if (high[f] >= 0) close(high[f]);
  for (uint32_t a = 0; a < argc; a++) free(args[a]);
  free(file);
  return result;
}

// reap(pid): waitpid(pid, WNOHANG). undefined while it runs; else [exit code or -1, signal or 0].
napi_value js_reap(napi_env env, napi_callback_info info) {
  napi_value argv[MAX_ARGS], result = NULL, v;
  int64_t pid;
  if (!get_args(env, info, 1, argv) || !get_i64(env, argv[0], &pid)) return NULL;
  int status = 0;
  pid_t rc;
  do rc = waitpid((pid_t)pid, &status, WNOHANG);
  while (rc < 0 && errno == EINTR);
  if (rc < 0) return throw_errno(env, errno, "waitpid", NULL);
  if (rc == 0) return undefined(env);
  napi_create_array_with_length(env, 2, &result);
  napi_create_int32(env, WIFEXITED(status) ? WEXITSTATUS(status) : -1, &v);
  napi_set_element(env, result, 0, v);
  napi_create_int32(env, WIFSIGNALED(status) ? WTERMSIG(status) : 0, &v);
  napi_set_element(env, result, 1, v);
  return result;
}

// pipe(): pipe2(O_CLOEXEC) as [read end, write end].
napi_value js_pipe(napi_env env, napi_callback_info info) {
  (void)info;
  int p[2];
  if (pipe2(p, O_CLOEXEC) < 0) return throw_errno(env, errno, "pipe2", NULL);
  napi_value result, v;
  napi_create_array_with_length(env, 2, &result);
  for (int i = 0; i < 2; i++) {
    napi_create_int32(env, p[i], &v);
    napi_set_element(env, result, (uint32_t)i, v);
  }
  return result;
}
