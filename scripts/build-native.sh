#!/usr/bin/env bash
# Builds the native parts: every folder with a Makefile listed below, into build/. Run by `npm run build`.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build
for dir in fixtures/probe reference-engine/syscalls reference-engine/runtime/init-shim; do
  [[ -f "$dir/Makefile" ]] || continue
  vars=()
  # shiprun-init links libseccomp statically; `npm run peers` installs libseccomp-dev. Without it, a
  # build that refuses seccomp filters (and says so in `shiprun features`).
  if [[ "$dir" == reference-engine/runtime/init-shim ]] && [[ ! -e "$(cc -print-file-name=libseccomp.a)" ]]; then
    echo "build-native: libseccomp.a not found: shiprun-init built without seccomp support (apt-get install libseccomp-dev, or npm run peers, then npm run build)" >&2
    vars+=(SECCOMP=none)
  fi
  make --no-print-directory -s -C "$dir" OUT="$PWD/build" "${vars[@]}"
done
