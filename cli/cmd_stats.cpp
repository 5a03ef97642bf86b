// `bangfu stats`: node and edge counts of a saved graph, by type.
#include <cstdio>

#include "cli/command.hpp"

namespace bangfu::cli {
namespace {
Registrar reg{"stats", "Print node and edge counts of a graph, by type", [](CLI::App& sub) -> Runner {
  auto graph_path = std::make_shared<std::string>();
  sub.add_option("-g,--graph", *graph_path, "Graph file")->required();
  return [graph_path] {
    throw UserError("stats is not wired to storage yet: " + *graph_path);
    return 0;
  };
}};
}  // namespace
}  // namespace bangfu::cli
