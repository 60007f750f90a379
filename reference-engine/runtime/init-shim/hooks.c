/* OCI hooks that must run inside the container: createContainer (before pivot_root, so the path is
 * the host's) and startContainer (after pivot_root, the container's path). State JSON on stdin. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "shiprun.h"

/* The state template with @PID@ and @STATUS@ filled in. */
static void state_json(struct spec *s, const char *status, long pid, char *buf, size_t len) {
  const char *t = s->hook_state ? s->hook_state : "{}";
  size_t off = 0;
  while (*t && off + 32 < len) {
    if (!strncmp(t, "@PID@", 5)) {
      off += (size_t)snprintf(buf + off, len - off, "%ld", pid);
      t += 5;
    } else if (!strncmp(t, "@STATUS@", 8)) {
      off += (size_t)snprintf(buf + off, len - off, "%s", status);
      t += 8;
    } else {
      buf[off++] = *t++;
    }
  }
  buf[off] = 0;
}

static int run_one(struct hook_spec *h, const char *state, char *err, size_t errlen) {
  int in[2];
  if (pipe(in) < 0) return -1;
  pid_t child = fork();
  if (child < 0) return -1;
  if (child == 0) {
    dup2(in[0], 0);
    close(in[0]);
    close(in[1]);
    char *argv0[] = {h->path, NULL};
    h->args[h->nargs] = NULL;
    h->env[h->nenv] = NULL;
    execve(h->path, h->nargs ? h->args : argv0, h->env);
    dprintf(2, "exec %s: %s\n", h->path, strerror(errno));
    _exit(127);
  }
  close(in[0]);
  signal(SIGPIPE, SIG_IGN);
  write_all(in[1], state, strlen(state));
  close(in[1]);
  long limit_ms = (h->timeout_s > 0 ? h->timeout_s : 60) * 1000L;
  for (long waited = 0;; waited++) {
    int status;
    pid_t got = waitpid(child, &status, WNOHANG);
    if (got == child) {
      if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return 0;
      if (WIFEXITED(status)) fail_msg(err, errlen, "%s hook %s failed: exited with %d", h->kind, h->path, WEXITSTATUS(status));
      else fail_msg(err, errlen, "%s hook %s failed: killed by signal %d", h->kind, h->path, WTERMSIG(status));
      return -1;
    }
    if (got < 0 && errno != EINTR) return -1;
    if (waited >= limit_ms) {
      kill(child, SIGKILL);
      waitpid(child, NULL, 0);
      fail_msg(err, errlen, "%s hook %s timed out after %d s", h->kind, h->path, h->timeout_s);
      return -1;
    }
    nanosleep(&(struct timespec){0, 1000000}, NULL);
  }
}

int run_hooks(struct spec *s, const char *kind, long pid, char *err, size_t errlen) {
  char state[8192];
  state_json(s, strcmp(kind, "createContainer") ? "created" : "creating", pid, state, sizeof(state));
  for (int i = 0; i < s->nhooks; i++) {
    if (strcmp(s->hooks[i].kind, kind)) continue;
    if (run_one(&s->hooks[i], state, err, errlen) < 0) {
      if (!err[0]) fail_msg(err, errlen, "%s hook %s: %s", kind, s->hooks[i].path, strerror(errno));
      return -1;
    }
  }
  return 0;
}
