#!/usr/bin/env bash
# Installs the kuzu npm package pinned by bench/package-lock.json into DIR (default build/kuzu-npm), for the
# CSV export round-trip test (tests/cli/kuzu_roundtrip.py) and by-hand checks. Does nothing when it is
# already there. Never fails the caller: without node/npm or network the test says it is skipped.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dir=${1:-build/kuzu-npm}
pkg=$dir/node_modules/kuzu
if [[ ! -e $pkg/package.json ]]; then
  if ! command -v npm >/dev/null; then
    echo "install_kuzu: npm not found; the Kùzu round-trip test will be skipped" >&2
    exit 0
  fi
  mkdir -p "$dir"
  cp bench/package.json bench/package-lock.json "$dir/"
  echo "install_kuzu: installing the pinned kuzu npm package into $dir" >&2
  if ! (cd "$dir" && npm ci --no-audit --no-fund >"npm.log" 2>&1); then
    echo "install_kuzu: npm ci failed (see $dir/npm.log); the Kùzu round-trip test will be skipped" >&2
    exit 0
  fi
fi
# Where npm skipped the package's install script, put its prebuilt engine in place as that script would.
if [[ -d $pkg && ! -e $pkg/kuzujs.node ]]; then
  arch=$(uname -m)
  case $arch in x86_64) arch=x64 ;; aarch64) arch=arm64 ;; esac
  [[ -e $pkg/prebuilt/kuzujs-linux-$arch.node ]] && cp "$pkg/prebuilt/kuzujs-linux-$arch.node" "$pkg/kuzujs.node"
fi
exit 0
