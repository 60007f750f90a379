#!/usr/bin/env bash
# Installs and starts the real peer engines for multi-engine runs: dockerd (live-restore), Podman's compat
# API, a standalone containerd, and docker-registry on 127.0.0.1:5000. Idempotent; `--stop` stops what it
# started; `--status` prints what answers; `--restart NAME` restarts one peer. Needs root. Logs go to $PEERS_STATE/*.log.
set -euo pipefail

PEERS_STATE=${PEERS_STATE:-/run/shipshape-peers}
PEERS_DATA=${PEERS_DATA:-/var/lib/shipshape-peers}
REGISTRY_ADDR=${SHIPSHAPE_REGISTRY_ADDR:-127.0.0.1:5000}
# chromium: the report pages' screenshot tests (reports/html/screenshots.test.ts) drive it headless.
# docker-compose (1.29): reference-engine/daemon/compose.test.ts runs it against shipd and dockerd.
PACKAGES=(docker.io podman containerd runc crun docker-registry skopeo umoci busybox-static btrfs-progs
  xfsprogs fuse-overlayfs jq libseccomp-dev iptables zstd catatonit chromium docker-compose)

log() { printf 'peers: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 2; }

# Bounded wait: up to $2 tenths of a second for command $1 to succeed.
wait_for() {
  local check=$1 tenths=$2 i
  for ((i = 0; i < tenths; i++)); do
    if eval "$check" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  return 1
}

install_packages() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if ((${#missing[@]} == 0)); then return 0; fi
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# crun refuses hybrid cgroups while hugetlb sits on the cgroup2 mount: give it a v1 hierarchy.
fix_cgroups() {
  if [[ -d /sys/fs/cgroup/unified ]] && ! mountpoint -q /sys/fs/cgroup/hugetlb; then
    if grep -q hugetlb /sys/fs/cgroup/unified/cgroup.controllers 2>/dev/null; then
      mkdir -p /sys/fs/cgroup/hugetlb
      mount -t cgroup -o hugetlb cgroup /sys/fs/cgroup/hugetlb 2>/dev/null || log "warning: hugetlb v1 mount failed"
    fi
  fi
}

# Podman's default ulimits exceed this machine's hard limits; cgroupfs and file events need no systemd.
configure_podman() {
  local conf=/etc/containers/containers.conf
  mkdir -p /etc/containers
  if ! grep -q 'shipshape-peers' "$conf" 2>/dev/null; then
    local nofile
    nofile=$(ulimit -Hn)
    cat >"$conf" <<CONF
# written by shipshape-peers
[containers]
default_ulimits = ["nofile=${nofile}:${nofile}", "nproc=4096:4096"]
[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
  fi
}

# dockerd treats a loopback registry as insecure (plain HTTP); Podman needs telling, or its push, pull and
# auth tests fail on TLS instead of showing how it behaves. Written once; the podman service re-reads it.
configure_podman_registry() {
  local dir=${PODMAN_REGISTRIES_D:-/etc/containers/registries.conf.d}
  local conf=$dir/50-shipshape-peers.conf
  mkdir -p "$dir"
  if ! grep -qF "location = \"$REGISTRY_ADDR\"" "$conf" 2>/dev/null; then
    cat >"$conf" <<CONF
# written by shipshape-peers: the peers' registry is plain HTTP on loopback, as dockerd treats it
[[registry]]
location = "$REGISTRY_ADDR"
insecure = true
CONF
  fi
}

running() { [[ -f "$PEERS_STATE/$1.pid" ]] && kill -0 "$(cat "$PEERS_STATE/$1.pid")" 2>/dev/null; }

start_bg() {
  local name=$1; shift
  if running "$name"; then return 0; fi
  setsid "$@" >"$PEERS_STATE/$name.log" 2>&1 </dev/null &
  echo $! >"$PEERS_STATE/$name.pid"
}

sock_ok() { curl -sf --max-time 2 --unix-socket "$1" http://localhost/_ping >/dev/null; }

start_containerd() {
  if [[ -S /run/containerd/containerd.sock ]] && ctr -a /run/containerd/containerd.sock version >/dev/null 2>&1; then return 0; fi
  start_bg containerd containerd --address /run/containerd/containerd.sock
  wait_for 'ctr -a /run/containerd/containerd.sock version' 150 || die "containerd did not start (see $PEERS_STATE/containerd.log)"
}

start_dockerd() {
  if sock_ok /var/run/docker.sock; then return 0; fi
  start_bg dockerd dockerd --live-restore --host unix:///var/run/docker.sock \
    --containerd /run/containerd/containerd.sock --ip 127.0.0.1
  wait_for 'sock_ok /var/run/docker.sock' 300 || die "dockerd did not start (see $PEERS_STATE/dockerd.log)"
}

start_podman() {
  mkdir -p /run/podman
  if sock_ok /run/podman/podman.sock; then return 0; fi
  start_bg podman podman system service --time=0 unix:///run/podman/podman.sock
  wait_for 'sock_ok /run/podman/podman.sock' 300 || die "podman service did not start (see $PEERS_STATE/podman.log)"
}

start_registry() {
  if curl -sf --max-time 2 "http://$REGISTRY_ADDR/v2/" >/dev/null; then return 0; fi
  mkdir -p "$PEERS_DATA/registry"
  cat >"$PEERS_DATA/registry/config.yml" <<CONF
version: 0.1
log: { level: warn }
storage:
  filesystem: { rootdirectory: $PEERS_DATA/registry/data }
  delete: { enabled: true }
  maintenance: { uploadpurging: { enabled: false } }
http:
  addr: $REGISTRY_ADDR
CONF
  start_bg registry docker-registry serve "$PEERS_DATA/registry/config.yml"
  wait_for "curl -sf --max-time 1 http://$REGISTRY_ADDR/v2/" 150 || die "registry did not start (see $PEERS_STATE/registry.log)"
}

stop_all() {
  local name pid i
  for name in registry podman dockerd containerd; do
    [[ -f "$PEERS_STATE/$name.pid" ]] || continue
    pid=$(cat "$PEERS_STATE/$name.pid")
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for ((i = 0; i < 150; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
      log "stopped $name"
    fi
    rm -f "$PEERS_STATE/$name.pid"
  done
}

# Stops one peer this script started and starts it again (dockerd keeps its containers: live-restore).
restart_one() {
  local name=$1 pid i
  [[ -f "$PEERS_STATE/$name.pid" ]] || die "$name was not started by this script"
  pid=$(cat "$PEERS_STATE/$name.pid")
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 300; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && die "$name (pid $pid) did not stop within 30 s"
  rm -f "$PEERS_STATE/$name.pid"
  case "$name" in
    dockerd) start_dockerd ;;
    podman) start_podman ;;
    containerd) start_containerd ;;
    registry) start_registry ;;
    *) die "unknown peer $name" ;;
  esac
  log "restarted $name"
}

status() {
  sock_ok /var/run/docker.sock && echo "docker      unix:///var/run/docker.sock" || echo "docker      (down)"
  sock_ok /run/podman/podman.sock && echo "podman      unix:///run/podman/podman.sock" || echo "podman      (down)"
  ctr -a /run/containerd/containerd.sock version >/dev/null 2>&1 && echo "containerd  unix:///run/containerd/containerd.sock" || echo "containerd  (down)"
  curl -sf --max-time 2 "http://$REGISTRY_ADDR/v2/" >/dev/null && echo "registry    http://$REGISTRY_ADDR" || echo "registry    (down)"
  for rt in runc crun; do command -v "$rt" >/dev/null && echo "$rt$(printf '%*s' $((12 - ${#rt})) '')$(command -v "$rt")"; done
}

main() {
  [[ $(id -u) == 0 ]] || die "needs root (it installs packages and starts daemons)"
  mkdir -p "$PEERS_STATE" "$PEERS_DATA"
  case "${1:-}" in
    --stop) stop_all; exit 0 ;;
    --status) status; exit 0 ;;
    --restart) [[ -n "${2:-}" ]] || die "usage: peers.sh --restart dockerd|podman|containerd|registry"; restart_one "$2"; exit 0 ;;
    ""|--start) ;;
    *) die "usage: peers.sh [--start|--stop|--status|--restart NAME]" ;;
  esac
  install_packages
  fix_cgroups
  configure_podman
  configure_podman_registry
  start_containerd
  start_dockerd
  start_podman
  start_registry
  status
}

# sourced with PEERS_SOURCE_ONLY=1 (tests): the functions only
[[ -n "${PEERS_SOURCE_ONLY:-}" ]] || main "$@"
