#!/usr/bin/env bash
# Builds the native parts: every folder with a Makefile listed below, into build/. Run by `npm run build`.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build
for dir in fixtures/probe reference-engine/native; do
  if [[ -f "$dir/Makefile" ]]; then
    make --no-print-directory -s -C "$dir" OUT="$PWD/build"
  fi
done
