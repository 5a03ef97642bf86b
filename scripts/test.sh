#!/usr/bin/env bash
# README command 2: install what is missing, build everything in build/ and run every test.
# BANGFU_SANITIZE=1 builds in build-asan/ with AddressSanitizer and UBSan instead.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/deps.sh
bangfu_install_deps

options=(-DCMAKE_BUILD_TYPE="${BANGFU_BUILD_TYPE:-Release}")
build=${BANGFU_BUILD_DIR:-build}
if [ "${BANGFU_SANITIZE:-0}" = 1 ]; then
  options+=(-DBANGFU_SANITIZE=ON)
  build=${BANGFU_BUILD_DIR:-build-asan}
fi
cmake -S . -B "$build" "${options[@]}"
cmake --build "$build" -j"$(bangfu_jobs)"
bash scripts/install_kuzu.sh "$build/kuzu-npm"
cd "$build"
ctest --output-on-failure -j"$(bangfu_jobs)"
