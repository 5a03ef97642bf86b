// `bangfu stats`: node and edge counts of a saved graph, by type.
#include <algorithm>
#include <cstdio>
#include <map>

#include "cli/command.hpp"
#include "cli/graph_file.hpp"

namespace bangfu::cli {
namespace {

void print_counts(const char* title, std::vector<std::pair<std::string, std::size_t>> counts) {
  if (counts.empty()) return;
  std::stable_sort(counts.begin(), counts.end(), [](auto& a, auto& b) { return a.second > b.second; });
  std::printf("%s\n", title);
  for (const auto& [name, n] : counts) std::printf("  %-16s %zu\n", name.c_str(), n);
}

int run_stats(const std::string& path) {
  graph::Graph g = load_graph_file(path);
  std::vector<std::pair<std::string, std::size_t>> by_label, by_type;
  for (std::uint16_t l = 0; l < g.labels().size(); ++l)
    if (auto n = g.nodes_with_label(l).size()) by_label.emplace_back(g.label_name(l), n);
  std::vector<std::size_t> per_type(g.types().size(), 0);
  std::size_t evidences = 0;
  for (auto ei : g.edges()) {
    ++per_type[g.edge(ei).type];
    evidences += g.evidence(ei).size();
  }
  for (std::size_t t = 0; t < per_type.size(); ++t)
    if (per_type[t]) by_type.emplace_back(g.types()[t], per_type[t]);
  std::size_t docs = std::count_if(g.documents().begin(), g.documents().end(), [](auto& d) { return !d.id.empty(); });

  std::printf("graph: %s\n", path.c_str());
  std::printf("documents: %zu\nevidences: %zu\n", docs, evidences);
  print_counts("nodes by label:", by_label);
  print_counts("edges by relation:", by_type);
  std::printf("nodes: %zu\nedges: %zu\n", g.node_count(), g.edge_count());
  return 0;
}

Registrar reg{"stats", "Print node and edge counts of a graph, by type", [](CLI::App& sub) -> Runner {
  auto graph_path = std::make_shared<std::string>();
  sub.add_option("-g,--graph", *graph_path, "Graph file (default: $BANGFU_GRAPH or ./bangfu.graph.json)");
  sub.footer("Example: bangfu stats -g build/examples.graph.json");
  return [graph_path] { return run_stats(resolve_graph_path(*graph_path)); };
}};

}  // namespace
}  // namespace bangfu::cli
