// Fuzz target: the CSV importer. The input is the nodes file, then a line "----", then the edges file;
// any bytes must import or give a GraphError, never crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_temp_file.hpp"
#include "graph/csv_import.hpp"
#include "graph/graph.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view all(reinterpret_cast<const char*>(data), size);
  std::size_t cut = all.find("\n----\n");
  std::string_view nodes = all.substr(0, cut), edges = cut == std::string_view::npos ? "src,dst,rel\n" : all.substr(cut + 6);
  auto np = bangfu::fuzz::write_temp("nodes", ".csv", reinterpret_cast<const std::uint8_t*>(nodes.data()), nodes.size());
  auto ep = bangfu::fuzz::write_temp("edges", ".csv", reinterpret_cast<const std::uint8_t*>(edges.data()), edges.size());
  try {
    bangfu::graph::Graph g;
    bangfu::graph::import_csv(g, np, ep);
  } catch (const bangfu::graph::GraphError&) {
  }
  return 0;
}
