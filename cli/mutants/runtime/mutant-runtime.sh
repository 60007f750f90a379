#!/bin/bash
# A runc with one deliberate mistake: $MUTATION names it (see mutations.ts for what each breaks).
# The wrapper that runs this exports MUTATION, RUNC (the real runtime), MUTANT_LOG (a line per call the
# mutation changed) and MUTANT_TMP (scratch). Every call the mutation leaves alone goes to runc as is.
set -u
args=("$@")
G=()
ROOT=/run/runc
i=0
while [ $i -lt ${#args[@]} ]; do
  a=${args[$i]}
  case "$a" in
    --root | --log | --log-format | --criu | --rootless)
      v=${args[$((i + 1))]:-}
      G+=("$a" "$v")
      [ "$a" = --root ] && ROOT=$v
      i=$((i + 2)) ;;
    --root=*) ROOT=${a#--root=}; G+=("$a"); i=$((i + 1)) ;;
    -*) G+=("$a"); i=$((i + 1)) ;;
    *) break ;;
  esac
done
cmd=${args[$i]:-}
A=("${args[@]:$((i + 1))}")
CHANGED=0

fired() { echo "$MUTATION $cmd" >>"$MUTANT_LOG"; }
real() { "$RUNC" "${G[@]}" "$@"; }
# Ends the call with the (possibly rewritten) command line.
finish() {
  [ $CHANGED = 1 ] && fired
  exec "$RUNC" "${G[@]}" ${cmd:+"$cmd"} "${A[@]}"
}

VALUE_FLAGS=" --format --bundle -b --pid-file --console-socket --process -p --preserve-fds --cwd --env -e --user -u --resources -r --memory --memory-reservation --memory-swap --cpu-share --cpu-quota --cpu-period --cpuset-cpus --cpuset-mems --pids-limit --blkio-weight --interval --image-path --work-path "
valued() { [[ "$1" != *=* && "$VALUE_FLAGS" == *" $1 "* ]] || { [ "$1" = -f ] && [[ $cmd == ps || $cmd == list ]]; }; }
# The first positional argument of the command (the container id), or nothing.
id_of() {
  local j=0
  while [ $j -lt ${#A[@]} ]; do
    local a=${A[$j]}
    if [[ "$a" == -* && "$a" != - ]]; then
      if valued "$a"; then j=$((j + 2)); else j=$((j + 1)); fi
    else
      echo "$a"
      return
    fi
  done
}
has_flag() { local a; for a in "${A[@]}"; do [[ "$a" == "$1" || "$a" == "$1="* ]] && return 0; done; return 1; }
flag_value() {
  local j=0
  while [ $j -lt ${#A[@]} ]; do
    local a=${A[$j]}
    [ "$a" = "$1" ] && { echo "${A[$((j + 1))]:-}"; return; }
    [[ "$a" == "$1="* ]] && { echo "${a#*=}"; return; }
    j=$((j + 1))
  done
}
# Removes every NAME (with its value when it takes one) before the id.
drop_flag() {
  local out=() j=0 seen_id=0
  while [ $j -lt ${#A[@]} ]; do
    local a=${A[$j]}
    if [ $seen_id = 0 ] && [[ "$a" == "$1" || "$a" == "$1="* ]]; then
      CHANGED=1
      if [ "$a" = "$1" ] && valued "$a"; then j=$((j + 2)); else j=$((j + 1)); fi
      continue
    fi
    if [ $seen_id = 0 ] && [[ "$a" == -* && "$a" != - ]] && valued "$a"; then
      out+=("$a" "${A[$((j + 1))]:-}"); j=$((j + 2)); continue
    fi
    [[ "$a" != -* || "$a" == - ]] && seen_id=1
    out+=("$a"); j=$((j + 1))
  done
  A=("${out[@]}")
}
add_flags() { A=("$@" "${A[@]}"); CHANGED=1; }
set_flag_value() { drop_flag "$1"; add_flags "$1" "$2"; }
status_of() { real state "$1" 2>/dev/null | jq -r .status 2>/dev/null; }
pid_of() { real state "$1" 2>/dev/null | jq -r .pid 2>/dev/null; }
# Rewrites the exec --process file through a jq filter (into a copy).
rewrite_process() {
  local f
  f=$(flag_value --process)
  [ -z "$f" ] && f=$(flag_value -p)
  [ -z "$f" ] && return 1
  local copy="$MUTANT_TMP/process.$$.json"
  jq "$1" "$f" >"$copy" || return 1
  drop_flag --process
  drop_flag -p
  add_flags --process "$copy"
}
cgroup_dir() { # CONTROLLER PID: the v1 directory of that controller
  local line
  line=$(grep -E "^[0-9]+:([^:]*,)?$1(,[^:]*)?:" "/proc/$2/cgroup") || return 1
  echo "/sys/fs/cgroup/$1${line##*:}"
}
ID=$(id_of)

case "$MUTATION:$cmd" in
  # --- exec ---
  exec-on-host:exec)
    if has_flag --process || has_flag -p; then
      f=$(flag_value --process); [ -z "$f" ] && f=$(flag_value -p)
      rootfs=$(real state "$ID" | jq -r .rootfs)
      mapfile -t ARGS < <(jq -r '.args[]' "$f")
      fired
      exec chroot "$rootfs" "${ARGS[@]}"
    fi ;;
  exec-args-appended:exec) rewrite_process '.args += ["mutant-extra"]' ;;
  exec-env-dropped:exec) rewrite_process '.env = ["PATH=/bin"]' ;;
  exec-cwd-ignored:exec) rewrite_process '.cwd = "/"' ;;
  exec-user-ignored:exec) rewrite_process '.user = {"uid": 0, "gid": 0}' ;;
  exec-caps-ignored:exec) rewrite_process 'del(.capabilities)' ;;
  exec-command-cwd:exec)
    has_flag --process || has_flag -p || has_flag --cwd || add_flags --cwd /bin ;;
  exec-flags-dropped:exec) drop_flag --env; drop_flag -e; drop_flag --cwd; drop_flag --user; drop_flag -u ;;
  exec-exit-zero:exec) [ $CHANGED = 0 ] && { real "$cmd" "${A[@]}"; fired; exit 0; } ;;
  exec-output-dropped:exec)
    if ! has_flag --detach && ! has_flag -d; then fired; exec "$RUNC" "${G[@]}" exec "${A[@]}" >/dev/null 2>&1; fi ;;
  exec-no-detach:exec) drop_flag --detach; drop_flag -d ;;
  exec-pid-file-wrong:exec)
    pf=$(flag_value --pid-file)
    if [ -n "$pf" ]; then real exec "${A[@]}" || exit $?; pid_of "$ID" >"$pf"; fired; exit 0; fi ;;
  exec-fds-dropped:exec) drop_flag --preserve-fds ;;
  exec-fds-leaked:exec) has_flag --preserve-fds || { [ -e /proc/$$/fd/3 ] && add_flags --preserve-fds 1; } ;;
  exec-terminal-ignored:exec) drop_flag --console-socket; rewrite_process '.terminal = false' ;;
  exec-lenient:exec)
    f=$(flag_value --process); [ -z "$f" ] && f=$(flag_value -p)
    if [ "$(status_of "$ID")" = stopped ] || { [ -n "$f" ] && ! jq -e '.args | length > 0' "$f" >/dev/null 2>&1; } ||
      { [ -z "$f" ] && [ "${A[-1]:-}" = "$ID" ]; }; then
      fired; exit 0
    fi ;;
  exec-ignores-paused:exec) add_flags --ignore-paused ;;
  # --- pause / resume ---
  pause-noop:pause) fired; exit 0 ;;
  resume-noop:resume) fired; exit 0 ;;
  pause-lenient:pause | pause-lenient:resume) real "$cmd" "${A[@]}" 2>/dev/null || { fired; exit 0; }; exit 0 ;;
  kill-paused-no-thaw:kill)
    sig=${A[-1]:-}
    if [ "$(status_of "$ID")" = paused ] && [[ $sig == KILL || $sig == SIGKILL || $sig == 9 ]]; then
      fired; kill -9 "$(pid_of "$ID")"; exit 0
    fi ;;
  # --- ps ---
  ps-init-only:ps) fired; p=$(pid_of "$ID"); [ "${p:-0}" = 0 ] && echo null || echo "[$p]"; exit 0 ;;
  ps-extra-pid:ps)
    if has_flag --format || has_flag -f; then
      out=$(real ps "${A[@]}") || exit $?
      fired; echo "$out" | jq -c '(. // []) + [1]'; exit 0
    fi ;;
  ps-table-broken:ps) has_flag --format || has_flag -f || { fired; real ps "${A[@]}" | sed 's/\bPID\b/PROCESS/'; exit 0; } ;;
  # --- update ---
  update-ignores-memory:update)
    drop_flag --memory
    f=$(flag_value --resources); [ -z "$f" ] && f=$(flag_value -r)
    if [ "$f" = - ]; then jq 'del(.memory)' >"$MUTANT_TMP/res.$$.json"; f=$MUTANT_TMP/res.$$.json; drop_flag --resources; drop_flag -r; add_flags --resources "$f"
    elif [ -n "$f" ]; then jq 'del(.memory)' "$f" >"$MUTANT_TMP/res.$$.json"; drop_flag --resources; drop_flag -r; add_flags --resources "$MUTANT_TMP/res.$$.json"; fi ;;
  update-ignores-pids:update)
    drop_flag --pids-limit
    f=$(flag_value --resources); [ -z "$f" ] && f=$(flag_value -r)
    if [ "$f" = - ]; then jq 'del(.pids)' >"$MUTANT_TMP/res.$$.json"; f=$MUTANT_TMP/res.$$.json; drop_flag --resources; drop_flag -r; add_flags --resources "$f"
    elif [ -n "$f" ]; then jq 'del(.pids)' "$f" >"$MUTANT_TMP/res.$$.json"; drop_flag --resources; drop_flag -r; add_flags --resources "$MUTANT_TMP/res.$$.json"; fi ;;
  update-pids-sticky:update)
    want=$(flag_value --pids-limit)
    if [ -n "$want" ]; then
      now=$(cat "$(cgroup_dir pids "$(pid_of "$ID")")/pids.max")
      [ "$now" != max ] && [ "$want" -gt "$now" ] && drop_flag --pids-limit
    fi ;;
  update-ignores-cpu:update) drop_flag --cpu-share; drop_flag --cpu-quota; drop_flag --cpu-period; drop_flag --cpuset-cpus ;;
  update-resets-others:update)
    has_flag --resources || has_flag -r || has_flag --memory || add_flags --memory -1 ;;
  update-lenient:update) real update "${A[@]}" 2>/dev/null || { fired; exit 0; }; exit 0 ;;
  update-stdin-ignored:update)
    f=$(flag_value --resources); [ -z "$f" ] && f=$(flag_value -r)
    [ "$f" = - ] && { fired; exit 0; } ;;
  # --- events ---
  events-stats-fake:events)
    if has_flag --stats; then
      fired
      printf '{"type":"stats","id":"%s","data":{"cpu":{"usage":{"total":0}},"memory":{"usage":{"usage":0,"limit":0}},"pids":{"current":0,"limit":0}}}\n' "$ID"
      exit 0
    fi ;;
  events-stats-twice:events) has_flag --stats && { fired; real events "${A[@]}" || exit $?; real events "${A[@]}"; exit $?; } ;;
  events-stream-once:events) has_flag --stats || { fired; real events --stats "$ID"; sleep 30; exit 0; } ;;
  # --- list ---
  list-json-missing-bundle:list) has_flag --format && { fired; real list "${A[@]}" | jq -c '(. // []) | map(del(.bundle))'; exit 0; } ;;
  list-all-running:list) has_flag --format && { fired; real list "${A[@]}" | jq -c '(. // []) | map(.status = "running")'; exit 0; } ;;
  list-extra:list)
    has_flag --format && { fired; real list "${A[@]}" | jq -c '(. // []) + [{"ociVersion":"1.0.2","id":"mutant-ghost","pid":1,"status":"running","bundle":"/","created":"2024-01-01T00:00:00Z"}]'; exit 0; } ;;
  list-text-broken:list) has_flag --format || { fired; drop_flag --quiet; drop_flag -q; real list "${A[@]}" | tail -n +2; exit 0; } ;;
  # --- kill ---
  kill-all-skips-init:kill)
    if has_flag --all || has_flag -a; then
      fired; init=$(pid_of "$ID"); sig=${A[-1]}
      for p in $(real ps --format json "$ID" | jq -r '.[]'); do [ "$p" != "$init" ] && kill -s "${sig#SIG}" "$p"; done
      exit 0
    fi ;;
  kill-always-all:kill) has_flag --all || has_flag -a || add_flags --all ;;
  kill-default-kill:kill) [ "${A[-1]:-}" = "$ID" ] && { A+=(KILL); CHANGED=1; } ;;
  # --- delete ---
  delete-always-force:delete) has_flag --force || has_flag -f || add_flags --force ;;
  delete-force-leaves-processes:delete)
    if has_flag --force || has_flag -f; then fired; rm -rf "${ROOT:?}/$ID"; exit 0; fi ;;
  delete-force-keeps-state:delete)
    if { has_flag --force || has_flag -f; } && [ -n "$(status_of "$ID")" ] && [ "$(status_of "$ID")" != stopped ]; then
      fired; real kill "$ID" KILL; exit 0
    fi ;;
  delete-force-missing-fails:delete)
    if { has_flag --force || has_flag -f; } && [ ! -d "$ROOT/$ID" ]; then fired; echo "container does not exist" >&2; exit 1; fi ;;
  # --- global flags ---
  log-text-always:*)
    for j in "${!G[@]}"; do [ "${G[$j]}" = json ] && [ "${G[$((j - 1))]:-}" = --log-format ] && { G[$j]=text; CHANGED=1; }; done ;;
  log-json-always:*)
    for j in "${!G[@]}"; do [ "${G[$j]}" = text ] && [ "${G[$((j - 1))]:-}" = --log-format ] && { G[$j]=json; CHANGED=1; }; done ;;
  root-not-created:create) [ -d "$ROOT" ] || { fired; echo "root $ROOT does not exist" >&2; exit 1; } ;;
  state-any-root:state)
    if [ -n "$ID" ] && [ ! -d "$ROOT/$ID" ]; then
      for d in "$(dirname "$ROOT")"/*/ "$(dirname "$ROOT")"/*/state/; do
        [ -d "$d$ID" ] && { fired; exec "$RUNC" --root "$d" state "$ID"; }
      done
    fi ;;
  systemd-ignored:*)
    for j in "${!G[@]}"; do [ "${G[$j]}" = --systemd-cgroup ] && { unset 'G[j]'; CHANGED=1; }; done
    G=("${G[@]}") ;;
  # --- features ---
  features-broken:features) fired; mkdir -p "$ROOT"; echo '{}'; exit 0 ;;
  # --- errors ---
  errors-swallowed:state | errors-swallowed:start | errors-swallowed:kill | errors-swallowed:delete | \
    errors-swallowed:pause | errors-swallowed:resume | errors-swallowed:ps | errors-swallowed:update | \
    errors-swallowed:events | errors-swallowed:exec)
    if [ -z "$ID" ] || [ ! -d "$ROOT/$ID" ]; then fired; exit 0; fi ;;
esac
finish
