// Fuzz target: the binary snapshot reader. Any bytes must load or give a GraphError, never crash.
// Checksums are off: random bytes almost never match them, and what they guard is the structural
// checks behind them (bounds of every count, offset, reference and index), which must hold alone.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "graph/graph.hpp"
#include "graph/snapshot.hpp"
#include "graph/storage.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    // Read in place (strings and properties checked as they are read), then thawed into the adjacency list.
    auto g = bangfu::graph::snapshot_from_bytes(bytes, "<fuzz>", {.verify_checksums = false});
    for (auto v : g.vertices()) {
      for (auto e : g.out_edges(v)) (void)g.evidence(e);
      for (auto e : g.in_edges(v)) (void)g.edge_property(e, "weight");
    }
    (void)g.find("a");
    (void)bangfu::graph::snapshot_bytes(g);  // what loaded must also save
    (void)bangfu::graph::graph_to_json(g);
    g.thaw();
    (void)bangfu::graph::graph_to_json(g);
  } catch (const bangfu::graph::GraphError&) {
  }
  return 0;
}
