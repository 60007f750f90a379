#!/usr/bin/env bash
# Builds the native parts: every folder with a Makefile listed below, into build/. Run by `npm run build`.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build
for dir in fixtures/probe reference-engine/native reference-engine/runtime/native; do
  [[ -f "$dir/Makefile" ]] || continue
  # shiprun-init links libseccomp statically; `npm run peers` installs libseccomp-dev.
  if [[ "$dir" == reference-engine/runtime/native ]] && [[ ! -e "$(cc -print-file-name=libseccomp.a)" ]]; then
    echo "build-native: skipping shiprun-init: libseccomp.a not found (apt-get install libseccomp-dev, or npm run peers)" >&2
    continue
  fi
  make --no-print-directory -s -C "$dir" OUT="$PWD/build"
done
