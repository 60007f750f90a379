// shipshape_native: the few Linux syscalls Node's fs lacks (mknod, l*xattr, mount, nofollow utimensat
// with nanoseconds, openat2, FICLONE; process.c: posix_spawn, waitpid, pipe2). Every function but writeFiles is synchronous and thin: it checks its
// arguments, makes one syscall and turns a failure into a JS Error with `code` (errno name), `errno`,
// `syscall`. writeFiles creates a batch of small files on libuv's thread pool and resolves a promise.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <linux/openat2.h>
#include <node_api.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "napi-util.h"

#define XATTR_LIST_MAX_BYTES 65536
#define XATTR_VALUE_MAX_BYTES 65536

// Throws an Error shaped like Node's own fs errors; returns NULL for the caller to return.
napi_value throw_errno(napi_env env, int err, const char *syscall_name, const char *path) {
  char msg[512];
  const char *name = strerrorname_np(err);
  if (name == NULL) name = "EUNKNOWN";
  if (path != NULL)
    snprintf(msg, sizeof msg, "%s: %s, %s '%s'", name, strerror(err), syscall_name, path);
  else
    snprintf(msg, sizeof msg, "%s: %s, %s", name, strerror(err), syscall_name);
  napi_value js_msg, js_err, v;
  napi_create_string_utf8(env, msg, NAPI_AUTO_LENGTH, &js_msg);
  napi_create_error(env, NULL, js_msg, &js_err);
  napi_create_string_utf8(env, name, NAPI_AUTO_LENGTH, &v);
  napi_set_named_property(env, js_err, "code", v);
  napi_create_int32(env, -err, &v);
  napi_set_named_property(env, js_err, "errno", v);
  napi_create_string_utf8(env, syscall_name, NAPI_AUTO_LENGTH, &v);
  napi_set_named_property(env, js_err, "syscall", v);
  if (path != NULL) {
    napi_create_string_utf8(env, path, NAPI_AUTO_LENGTH, &v);
    napi_set_named_property(env, js_err, "path", v);
  }
  napi_throw(env, js_err);
  return NULL;
}

int get_args(napi_env env, napi_callback_info info, size_t want, napi_value *argv) {
  size_t argc = MAX_ARGS;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < want) {
    napi_throw_type_error(env, "ERR_INVALID_ARG", "wrong number of arguments");
    return 0;
  }
  return 1;
}

// Copies a JS string into a fresh heap buffer; NULL (with a pending TypeError) when it is not one.
char *get_string(napi_env env, napi_value v) {
  size_t len;
  if (napi_get_value_string_utf8(env, v, NULL, 0, &len) != napi_ok) {
    napi_throw_type_error(env, "ERR_INVALID_ARG", "expected a string");
    return NULL;
  }
  char *s = malloc(len + 1);
  if (s == NULL) {
    napi_throw_error(env, "ENOMEM", "out of memory");
    return NULL;
  }
  napi_get_value_string_utf8(env, v, s, len + 1, &len);
  if (strlen(s) != len) {  // an embedded NUL would silently shorten the path
    free(s);
    napi_throw_type_error(env, "ERR_INVALID_ARG", "string contains a NUL byte");
    return NULL;
  }
  return s;
}

int get_i64(napi_env env, napi_value v, int64_t *out) {
  if (napi_get_value_int64(env, v, out) != napi_ok) {
    napi_throw_type_error(env, "ERR_INVALID_ARG", "expected a number");
    return 0;
  }
  return 1;
}

napi_value undefined(napi_env env) {
  napi_value u;
  napi_get_undefined(env, &u);
  return u;
}

// mknod(path, mode, major, minor): mode carries the file type (S_IFCHR, S_IFBLK, S_IFIFO) and permissions.
static napi_value js_mknod(napi_env env, napi_callback_info info) {
  napi_value argv[MAX_ARGS];
  int64_t mode, major, minor;
  if (!get_args(env, info, 4, argv)) return NULL;
  if (!get_i64(env, argv[1], &mode) || !get_i64(env, argv[2], &major) || !get_i64(env, argv[3], &minor))
    return NULL;
  char *path = get_string(env, argv[0]);
  if (path == NULL) return NULL;
  int rc = mknod(path, (mode_t)mode, makedev((unsigned)major, (unsigned)minor));
  napi_value result = rc == 0 ? undefined(env) : throw_errno(env, errno, "mknod", path);
  free(path);
  return result;
}

// lsetxattr(path, name, value: Buffer, flags)
static napi_value js_lsetxattr(napi_env env, napi_callback_info info) {
  napi_value argv[MAX_ARGS];
  void *data;
  size_t len;
  int64_t flags;
  if (!get_args(env, info, 4, argv)) return NULL;
  if (napi_get_buffer_info(env, argv[2], &data, &len) != napi_ok) {
    napi_throw_type_error(env, "ERR_INVALID_ARG", "value must be a Buffer");
    return NULL;
  }
  if (!get_i64(env, argv[3], &flags)) return NULL;
  char *path = get_string(env, argv[0]);
  if (path == NULL) return NULL;
  char *name = get_string(env, argv[1]);
  if (name == NULL) {
    free(path);
    return NULL;
  }
  int rc = lsetxattr(path, name, data, len, (int)flags);
  napi_value result = rc == 0 ? undefined(env) : throw_errno(env, errno, "lsetxattr", path);
  free(path);
  free(name);
  return result;
}

// lgetxattr(path, name) -> Buffer
static napi_value js_lgetxattr(napi_env env, napi_callback_info info) {
  napi_value argv[MAX_ARGS], result = NULL;
  if (!get_args(env, info, 2, argv)) return NULL;
  char *path = get_string(env, argv[0]);
  if (path == NULL) return NULL;
  char *name = get_string(env, argv[1]);
  char *buf = malloc(XATTR_VALUE_MAX_BYTES);
  if (name != NULL && buf != NULL) {
    ssize_t n = lgetxattr(path, name, buf, XATTR_VALUE_MAX_BYTES);
    if (n < 0)
      throw_errno(env, errno, "lgetxattr", path);
    else
      napi_create_buffer_copy(env, (size_t)n, buf, NULL, &result);
  } else if (name != NULL) {
    napi_throw_error(env, "ENOMEM", "out of memory");
  }
  free(buf);
  free(name);
  free(path);
  return result;
}

// llistxattr(path) -> string[]
static napi_value js_llistxattr(napi_env env, napi_callback_info info) {
  napi_value argv[MAX_ARGS], result = NULL;
  if (!get_args(env, info, 1, argv)) return NULL;
  char *path = get_string(env, argv[0]);
  if (path == NULL) return NULL;
  char *buf = malloc(XATTR_LIST_MAX_BYTES);
  if (buf == NULL) {
    free(path);
    napi_throw_error(env, "ENOMEM", "out of memory");
    return NULL;
  }
  ssize_t n = llistxattr(path, buf, XATTR_LIST_MAX_BYTES);
  if (n < 0) {
    throw_errno(env, errno, "llistxattr", path);
  } else {
    napi_create_array(env, &result);
    uint32_t i = 0;
    for (ssize_t off = 0; off < n; off += (ssize_t)strlen(buf + off) + 1) {
      napi_value s;
      napi_create_string_utf8(env, buf + off, NAPI_AUTO_LENGTH, &s);
      napi_set_element(env, result, i++, s);
    }
  }
  free(buf);
  free(path);
  return result;
}

// mount(source, target, fstype, flags, data | null)
static napi_value js_mount(napi_env env, napi_callback_info info) {
  napi_value argv[MAX_ARGS], result = NULL;
  int64_t flags;
  napi_valuetype data_type;
  if (!get_args(env, info, 5, argv)) return NULL;
  if (!get_i64(env, argv[3], &flags)) return NULL;
  napi_typeof(env, argv[4], &data_type);
  char *source = get_string(env, argv[0]);
  char *target = source ? get_string(env, argv[1]) : NULL;
  char *fstype = target ? get_string(env, argv[2]) : NULL;
  char *data = NULL;
  int ok = fstype != NULL;
  if (ok && data_type != napi_null && data_type != napi_undefined) {
    data = get_string(env, argv[4]);
    ok = data != NULL;
  }
  if (ok) {
    if (mount(source, target, fstype, (unsigned long)flags, data) == 0)
      result = undefined(env);
    else
      throw_errno(env, errno, "mount", target);
  }
  free(source);
  free(target);
  free(fstype);
  free(data);
  return result;
}

// umount2(target, flags)
static napi_value js_umount2(napi_env env, napi_callback_info info) {
  napi_value argv[MAX_ARGS];
  int64_t flags;
  if (!get_args(env, info, 2, argv)) return NULL;
  if (!get_i64(env, argv[1], &flags)) return NULL;
  char *target = get_string(env, argv[0]);
  if (target == NULL) return NULL;
  int rc = umount2(target, (int)flags);
  napi_value result = rc == 0 ? undefined(env) : throw_errno(env, errno, "umount2", target);
  free(target);
  return result;
}

// utimensat(path, atimeSec, atimeNsec, mtimeSec, mtimeNsec): never follows a final symlink.
static napi_value js_utimensat(napi_env env, napi_callback_info info) {
  napi_value argv[MAX_ARGS];
  int64_t v[4];
  if (!get_args(env, info, 5, argv)) return NULL;
  for (int i = 0; i < 4; i++)
    if (!get_i64(env, argv[i + 1], &v[i])) return NULL;
  if (v[1] < 0 || v[1] > 999999999 || v[3] < 0 || v[3] > 999999999) {
    napi_throw_range_error(env, "ERR_OUT_OF_RANGE", "nanoseconds must be within 0..999999999");
    return NULL;
  }
  struct timespec ts[2] = {{.tv_sec = v[0], .tv_nsec = v[1]}, {.tv_sec = v[2], .tv_nsec = v[3]}};
  char *path = get_string(env, argv[0]);
  if (path == NULL) return NULL;
  int rc = utimensat(AT_FDCWD, path, ts, AT_SYMLINK_NOFOLLOW);
  napi_value result = rc == 0 ? undefined(env) : throw_errno(env, errno, "utimensat", path);
  free(path);
  return result;
}

// openat2(dirfd, path, flags, mode, resolve) -> fd
static napi_value js_openat2(napi_env env, napi_callback_info info) {
  napi_value argv[MAX_ARGS], result = NULL;
  int64_t dirfd, flags, mode, resolve;
  if (!get_args(env, info, 5, argv)) return NULL;
  if (!get_i64(env, argv[0], &dirfd) || !get_i64(env, argv[2], &flags) || !get_i64(env, argv[3], &mode) ||
      !get_i64(env, argv[4], &resolve))
    return NULL;
  char *path = get_string(env, argv[1]);
  if (path == NULL) return NULL;
  struct open_how how = {.flags = (uint64_t)flags, .mode = (uint64_t)mode, .resolve = (uint64_t)resolve};
  long fd = syscall(SYS_openat2, (int)dirfd, path, &how, sizeof how);
  if (fd < 0)
    throw_errno(env, errno, "openat2", path);
  else
    napi_create_int32(env, (int32_t)fd, &result);
  free(path);
  return result;
}

// ficlone(srcFd, dstFd): make dst share src's extents (reflink); EOPNOTSUPP/EXDEV where unsupported.
static napi_value js_ficlone(napi_env env, napi_callback_info info) {
  napi_value argv[MAX_ARGS];
  int64_t src, dst;
  if (!get_args(env, info, 2, argv)) return NULL;
  if (!get_i64(env, argv[0], &src) || !get_i64(env, argv[1], &dst)) return NULL;
  if (ioctl((int)dst, FICLONE, (int)src) != 0) return throw_errno(env, errno, "ioctl(FICLONE)", NULL);
  return undefined(env);
}

// writeFiles(dirFds: Int32Array, names: Buffer, data: Buffer, meta: Float64Array, chown: boolean)
//   -> Promise<Int32Array>
// Creates many small regular files in one libuv thread-pool job. File i is names' i-th NUL-terminated
// component, created with openat(dirFds[i], O_CREAT|O_EXCL|O_NOFOLLOW) (never follows or replaces
// anything), then written from data, fchown'd (when chown), fchmod'd, futimens'd (ns) and closed.
// meta holds 8 doubles per file: length, uid, gid, mode, atime s, atime ns, mtime s, mtime ns.
// Result: 2 ints per file, errno (0 = written; -1 = not attempted) and the failing step (WRITE_STEP_*).
// EEXIST at create is reported and the batch goes on; any other failure stops it there.
enum { WRITE_STEP_OPEN, WRITE_STEP_WRITE, WRITE_STEP_FCHOWN, WRITE_STEP_FCHMOD, WRITE_STEP_FUTIMENS,
       WRITE_STEP_CLOSE, WRITE_STEP_NAME };
#define META_PER_FILE 8

typedef struct {
  napi_async_work work;
  napi_deferred deferred;
  napi_ref refs[4];
  size_t count;
  const int32_t *dir_fds;
  const char *names;
  size_t names_len;
  const uint8_t *data;
  size_t data_len;
  const double *meta;
  int chown;
  int32_t *results;
} write_batch;

static int write_one(write_batch *b, size_t i, const char *name, const uint8_t *body, size_t len,
                     int *step) {
  const double *m = b->meta + i * META_PER_FILE;
  *step = WRITE_STEP_NAME;
  if (name[0] == '\0' || strchr(name, '/') != NULL || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
    return EINVAL;
  *step = WRITE_STEP_OPEN;
  int fd = openat(b->dir_fds[i], name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY,
                  0600);
  if (fd < 0) return errno;
  int err = 0;
  for (size_t off = 0; off < len && err == 0;) {
    ssize_t n = write(fd, body + off, len - off);
    if (n > 0)
      off += (size_t)n;
    else if (n < 0 && errno != EINTR)
      err = errno, *step = WRITE_STEP_WRITE;
    else if (n == 0)
      err = EIO, *step = WRITE_STEP_WRITE;
  }
  if (err == 0 && b->chown && fchown(fd, (uid_t)m[1], (gid_t)m[2]) != 0) err = errno, *step = WRITE_STEP_FCHOWN;
  if (err == 0 && fchmod(fd, (mode_t)m[3]) != 0) err = errno, *step = WRITE_STEP_FCHMOD;
  if (err == 0) {
    struct timespec ts[2] = {{.tv_sec = (time_t)m[4], .tv_nsec = (long)m[5]},
                             {.tv_sec = (time_t)m[6], .tv_nsec = (long)m[7]}};
    if (futimens(fd, ts) != 0) err = errno, *step = WRITE_STEP_FUTIMENS;
  }
  if (close(fd) != 0 && err == 0 && errno != EINTR) err = errno, *step = WRITE_STEP_CLOSE;
  return err;
}

static void write_batch_execute(napi_env env, void *arg) {
  (void)env;
  write_batch *b = arg;
  const char *name = b->names, *names_end = b->names + b->names_len;
  size_t off = 0;
  int stopped = 0;
  for (size_t i = 0; i < b->count; i++) {
    size_t len = (size_t)b->meta[i * META_PER_FILE];
    const char *nul = name < names_end ? memchr(name, '\0', (size_t)(names_end - name)) : NULL;
    int step = WRITE_STEP_NAME, err;
    if (stopped) {
      err = -1;
    } else if (nul == NULL || off + len > b->data_len) {
      err = EINVAL;
    } else {
      err = write_one(b, i, name, b->data + off, len, &step);
    }
    b->results[2 * i] = err;
    b->results[2 * i + 1] = step;
    if (err != 0 && err != EEXIST) stopped = 1;
    if (nul != NULL) name = nul + 1;
    off += len;
  }
}

static void write_batch_complete(napi_env env, napi_status status, void *arg) {
  write_batch *b = arg;
  napi_value array_buffer, result;
  void *out;
  if (status == napi_ok && napi_create_arraybuffer(env, b->count * 2 * sizeof(int32_t), &out, &array_buffer) == napi_ok &&
      napi_create_typedarray(env, napi_int32_array, b->count * 2, array_buffer, 0, &result) == napi_ok) {
    memcpy(out, b->results, b->count * 2 * sizeof(int32_t));
    napi_resolve_deferred(env, b->deferred, result);
  } else {
    napi_value msg, err;
    napi_create_string_utf8(env, "writeFiles: the batch did not run", NAPI_AUTO_LENGTH, &msg);
    napi_create_error(env, NULL, msg, &err);
    napi_reject_deferred(env, b->deferred, err);
  }
  for (int i = 0; i < 4; i++) napi_delete_reference(env, b->refs[i]);
  napi_delete_async_work(env, b->work);
  free(b->results);
  free(b);
}

static napi_value js_write_files(napi_env env, napi_callback_info info) {
  napi_value argv[MAX_ARGS], promise, name;
  if (!get_args(env, info, 5, argv)) return NULL;
  napi_typedarray_type t1, t4;
  size_t n_fds, n_meta;
  void *fds, *meta, *names, *data;
  size_t names_len, data_len;
  bool chown;
  if (napi_get_typedarray_info(env, argv[0], &t1, &n_fds, &fds, NULL, NULL) != napi_ok || t1 != napi_int32_array ||
      napi_get_buffer_info(env, argv[1], &names, &names_len) != napi_ok ||
      napi_get_buffer_info(env, argv[2], &data, &data_len) != napi_ok ||
      napi_get_typedarray_info(env, argv[3], &t4, &n_meta, &meta, NULL, NULL) != napi_ok ||
      t4 != napi_float64_array || n_meta != n_fds * META_PER_FILE ||
      napi_get_value_bool(env, argv[4], &chown) != napi_ok) {
    napi_throw_type_error(env, "ERR_INVALID_ARG",
                          "writeFiles(Int32Array, Buffer, Buffer, Float64Array of 8 per file, boolean)");
    return NULL;
  }
  write_batch *b = calloc(1, sizeof *b);
  int32_t *results = malloc((n_fds ? n_fds : 1) * 2 * sizeof(int32_t));
  if (b == NULL || results == NULL) {
    free(b);
    free(results);
    napi_throw_error(env, "ENOMEM", "out of memory");
    return NULL;
  }
  *b = (write_batch){.count = n_fds, .dir_fds = fds, .names = names, .names_len = names_len, .data = data,
                     .data_len = data_len, .meta = meta, .chown = chown, .results = results};
  // The inputs stay referenced (so their memory stays put) until the job completes.
  for (int i = 0; i < 4; i++) napi_create_reference(env, argv[i], 1, &b->refs[i]);
  napi_create_promise(env, &b->deferred, &promise);
  napi_create_string_utf8(env, "shipshape.writeFiles", NAPI_AUTO_LENGTH, &name);
  napi_create_async_work(env, NULL, name, write_batch_execute, write_batch_complete, b, &b->work);
  napi_queue_async_work(env, b->work);
  return promise;
}

static void set_const(napi_env env, napi_value obj, const char *name, int64_t value) {
  napi_value v;
  napi_create_int64(env, value, &v);
  napi_set_named_property(env, obj, name, v);
}

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor fns[] = {
      {"mknod", NULL, js_mknod, NULL, NULL, NULL, napi_enumerable, NULL},
      {"lsetxattr", NULL, js_lsetxattr, NULL, NULL, NULL, napi_enumerable, NULL},
      {"lgetxattr", NULL, js_lgetxattr, NULL, NULL, NULL, napi_enumerable, NULL},
      {"llistxattr", NULL, js_llistxattr, NULL, NULL, NULL, napi_enumerable, NULL},
      {"mount", NULL, js_mount, NULL, NULL, NULL, napi_enumerable, NULL},
      {"umount2", NULL, js_umount2, NULL, NULL, NULL, napi_enumerable, NULL},
      {"utimensat", NULL, js_utimensat, NULL, NULL, NULL, napi_enumerable, NULL},
      {"openat2", NULL, js_openat2, NULL, NULL, NULL, napi_enumerable, NULL},
      {"ficlone", NULL, js_ficlone, NULL, NULL, NULL, napi_enumerable, NULL},
      {"writeFiles", NULL, js_write_files, NULL, NULL, NULL, napi_enumerable, NULL},
      {"spawn", NULL, js_spawn, NULL, NULL, NULL, napi_enumerable, NULL},
      {"reap", NULL, js_reap, NULL, NULL, NULL, napi_enumerable, NULL},
      {"pipe", NULL, js_pipe, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  napi_define_properties(env, exports, sizeof fns / sizeof fns[0], fns);
  napi_value c;
  napi_create_object(env, &c);
  set_const(env, c, "AT_FDCWD", AT_FDCWD);
  set_const(env, c, "O_PATH", O_PATH);
  set_const(env, c, "O_DIRECTORY", O_DIRECTORY);
  set_const(env, c, "O_NOFOLLOW", O_NOFOLLOW);
  set_const(env, c, "O_CLOEXEC", O_CLOEXEC);
  set_const(env, c, "RESOLVE_NO_XDEV", RESOLVE_NO_XDEV);
  set_const(env, c, "RESOLVE_NO_MAGICLINKS", RESOLVE_NO_MAGICLINKS);
  set_const(env, c, "RESOLVE_NO_SYMLINKS", RESOLVE_NO_SYMLINKS);
  set_const(env, c, "RESOLVE_BENEATH", RESOLVE_BENEATH);
  set_const(env, c, "RESOLVE_IN_ROOT", RESOLVE_IN_ROOT);
  set_const(env, c, "S_IFCHR", S_IFCHR);
  set_const(env, c, "S_IFBLK", S_IFBLK);
  set_const(env, c, "S_IFIFO", S_IFIFO);
  set_const(env, c, "XATTR_CREATE", XATTR_CREATE);
  set_const(env, c, "XATTR_REPLACE", XATTR_REPLACE);
  set_const(env, c, "MS_RDONLY", MS_RDONLY);
  set_const(env, c, "MS_NOSUID", MS_NOSUID);
  set_const(env, c, "MS_NODEV", MS_NODEV);
  set_const(env, c, "MS_NOEXEC", MS_NOEXEC);
  set_const(env, c, "MS_REMOUNT", MS_REMOUNT);
  set_const(env, c, "MS_BIND", MS_BIND);
  set_const(env, c, "MS_REC", MS_REC);
  set_const(env, c, "MS_PRIVATE", MS_PRIVATE);
  set_const(env, c, "MNT_FORCE", MNT_FORCE);
  set_const(env, c, "MNT_DETACH", MNT_DETACH);
  napi_set_named_property(env, exports, "constants", c);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
