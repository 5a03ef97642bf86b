#!/usr/bin/env bash
# libFuzzer targets of fuzz/ (see docs/reliability.md).
#   scripts/fuzz.sh --list              names the targets
#   scripts/fuzz.sh TARGET SECONDS      builds build-fuzz/ (clang, ASan, UBSan, coverage) and fuzzes TARGET
# The run starts from fuzz/corpus/TARGET plus what earlier runs kept in build-fuzz/corpus/TARGET; it first
# replays fuzz/regressions/TARGET/*. A crash is saved under build-fuzz/crashes/TARGET/ and the script
# exits 1: copy the input into fuzz/regressions/TARGET/ and add a test for it. BANGFU_FUZZ_ARGS adds
# libFuzzer flags; run it under `nice -n 19` on a shared machine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

list_targets() {
  local f
  for f in fuzz/fuzz_*.cpp; do
    f=${f#fuzz/fuzz_}
    echo "${f%.cpp}"
  done
}

if [ "${1:-}" = --list ]; then
  list_targets
  exit 0
fi
if [ $# -lt 1 ] || [ $# -gt 2 ] || [ "${1:-}" = -h ] || [ "${1:-}" = --help ]; then
  echo "usage: scripts/fuzz.sh --list | TARGET [SECONDS (default 60)]" >&2
  exit 2
fi
target=$1
seconds=${2:-60}
if ! list_targets | grep -qx -- "$target"; then
  echo "fuzz.sh: no target '$target'; targets: $(list_targets | tr '\n' ' ')" >&2
  exit 2
fi

source scripts/deps.sh
bangfu_install_deps

build=${BANGFU_FUZZ_BUILD_DIR:-build-fuzz}
if [ ! -f "$build/CMakeCache.txt" ]; then
  # -O1 and line tables only: fuzzing speed is close to -O2 and the build (Spirit X3 above all) is faster.
  cmake -S . -B "$build" -DBANGFU_FUZZ=ON -DBANGFU_TESTS=OFF -DCMAKE_BUILD_TYPE=Fuzz \
    -DCMAKE_CXX_FLAGS_FUZZ="-O1 -gline-tables-only" -DCMAKE_CXX_COMPILER=clang++ >/dev/null
fi
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:suppressions=$PWD/fuzz/ubsan.supp${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
cmake --build "$build" -j"$(bangfu_jobs)" --target "fuzz_$target"

binary=$build/fuzz/fuzz_$target
work=$build/corpus/$target
crashes=$build/crashes/$target
mkdir -p "$work" "$crashes"

# Known crashers stay fixed: each must now run clean.
if compgen -G "fuzz/regressions/$target/*" >/dev/null; then
  "$binary" -rss_limit_mb=2048 -timeout=10 fuzz/regressions/"$target"/*
fi

dict=()
[ -f "fuzz/dict/$target.dict" ] && dict=(-dict="fuzz/dict/$target.dict")
# shellcheck disable=SC2086  # BANGFU_FUZZ_ARGS is a list of flags
"$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1 \
  -artifact_prefix="$crashes/" "${dict[@]}" ${BANGFU_FUZZ_ARGS:-} "$work" "fuzz/corpus/$target"
