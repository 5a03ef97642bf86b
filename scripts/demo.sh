#!/usr/bin/env bash
# README command 1: install what is missing, build Release in build/, ingest examples/corpus,
# show who supports whom, and export the graph for Gephi and as a page for the browser.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/deps.sh
bangfu_install_deps

build=${BANGFU_BUILD_DIR:-build}
# Same configuration as scripts/test.sh, so running one after the other rebuilds nothing.
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE="${BANGFU_BUILD_TYPE:-Release}"
cmake --build "$build" --target bangfu -j"$(bangfu_jobs)"

bangfu="$build/bangfu"
graph="$build/examples.graph.json"
rm -f "$graph"
"$bangfu" ingest examples/corpus -g "$graph"
echo
if "$bangfu" query --help >/dev/null 2>&1; then
  echo "== who supports whom (supports, co_builds, dispatches, funds) =="
  "$bangfu" query -g "$graph" \
    "MATCH (a)-[r:supports|co_builds|dispatches|funds]->(b)
     RETURN a.name AS supporter, type(r) AS relation, b.name AS beneficiary, r.evidence AS evidence
     ORDER BY supporter, relation, beneficiary"
else
  "$bangfu" stats -g "$graph"
fi
echo
"$bangfu" export -g "$graph" -o "$build/examples.graphml"
"$bangfu" export -g "$graph" -o "$build/examples.html"
echo "Open $build/examples.html in a browser, $build/examples.graphml in Gephi, or explore with: $bangfu repl -g $graph"
