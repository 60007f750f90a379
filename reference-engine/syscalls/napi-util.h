// Argument and error helpers shared by the addon's C files (defined in shipshape_native.c).
#pragma once
#include <node_api.h>
#include <stdint.h>

#define MAX_ARGS 6

napi_value throw_errno(napi_env env, int err, const char *syscall_name, const char *path);
int get_args(napi_env env, napi_callback_info info, size_t want, napi_value *argv);
char *get_string(napi_env env, napi_value v);
int get_i64(napi_env env, napi_value v, int64_t *out);
napi_value undefined(napi_env env);

napi_value js_spawn(napi_env env, napi_callback_info info);
napi_value js_reap(napi_env env, napi_callback_info info);
napi_value js_pipe(napi_env env, napi_callback_info info);
