// Fuzz target: the graph file reader. Any bytes must load or give a GraphError, never crash.
#include <cstddef>
#include <cstdint>
#include <string>

#include "graph/graph.hpp"
#include "graph/storage.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    auto g = bangfu::graph::graph_from_json(std::string(reinterpret_cast<const char*>(data), size), "<fuzz>");
    (void)bangfu::graph::graph_to_json(g);  // what loaded must also save
  } catch (const bangfu::graph::GraphError&) {
  }
  return 0;
}
