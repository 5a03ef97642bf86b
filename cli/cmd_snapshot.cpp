// `bangfu snapshot`: rewrites a graph file (JSON or snapshot) as a binary snapshot, or back as JSON.
#include <sys/stat.h>

#include <cstdio>

#include "cli/command.hpp"
#include "cli/graph_file.hpp"
#include "graph/snapshot.hpp"
#include "graph/storage.hpp"

namespace bangfu::cli {
namespace {

struct SnapshotArgs {
  std::string graph, out;
  bool to_json = false;
};

int run_snapshot(const SnapshotArgs& a) {
  std::string in = resolve_graph_path(a.graph);
  graph::Graph g = load_graph_file(in);
  try {
    if (a.to_json) graph::save_graph(g, a.out);  // save_graph writes JSON unless the name ends in .bfs
    else graph::save_snapshot(g, a.out);
  } catch (const graph::GraphError& e) {
    throw UserError(e.what());
  }
  struct stat st {};
  long long bytes = ::stat(a.out.c_str(), &st) == 0 ? static_cast<long long>(st.st_size) : -1;
  std::printf("%s: %s, %zu nodes, %zu edges, %lld bytes\n", a.to_json ? "json" : "snapshot", a.out.c_str(), g.node_count(),
              g.edge_count(), bytes);
  return 0;
}

Registrar reg{"snapshot", "Write a graph as a binary snapshot that opens by mapping it (or back as JSON)", [](CLI::App& sub) -> Runner {
  auto a = std::make_shared<SnapshotArgs>();
  sub.add_option("-g,--graph", a->graph, "Graph file to read, JSON or snapshot (default: $BANGFU_GRAPH or ./bangfu.graph.json)");
  sub.add_option("-o,--out", a->out, "File to write (replaced atomically)")->required();
  sub.add_flag("--to-json", a->to_json, "Write the graph's JSON file instead (needs a name not ending in .bfs)");
  sub.footer("Every -g option reads either format (told apart by the first bytes); graphs saved to a name\n"
             "ending in .bfs are written as snapshots.\n"
             "Example: bangfu snapshot -g build/examples.graph.json -o build/examples.bfs");
  return [a] {
    if (a->to_json && graph::has_snapshot_extension(a->out)) throw UserError("--to-json: " + a->out + " ends in .bfs");
    return run_snapshot(*a);
  };
}};

}  // namespace
}  // namespace bangfu::cli
