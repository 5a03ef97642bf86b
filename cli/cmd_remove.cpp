// `bangfu remove`: takes documents out of a graph, with every fact only they supported.
#include <cstdio>

#include "cli/command.hpp"
#include "cli/graph_file.hpp"

namespace bangfu::cli {
namespace {

struct RemoveArgs {
  std::string graph;
  std::vector<std::string> docs;
};

int run_remove(const RemoveArgs& args) {
  std::string path = resolve_graph_path(args.graph);
  auto lock = lock_graph_file(path);  // from load to save: a racing ingest can neither undo nor lose this
  graph::Graph g = load_graph_file(path);
  for (const auto& id : args.docs)
    if (!g.document(id)) throw UserError("no document '" + id + "' in " + path + " (nothing removed)");
  std::size_t edges = 0;
  for (const auto& id : args.docs) edges += g.remove_document(id);
  save_graph_file(g, path);
  std::printf("removed %zu document%s, dropped %zu edges; graph: %zu nodes, %zu edges\n", args.docs.size(),
              args.docs.size() == 1 ? "" : "s", edges, g.node_count(), g.edge_count());
  return 0;
}

Registrar reg{"remove", "Remove documents (by id) and the facts only they stated", [](CLI::App& sub) -> Runner {
  auto args = std::make_shared<RemoveArgs>();
  sub.add_option("DOC_ID", args->docs, "Document id as ingested (file name, or the id field of a json record)")
      ->required();
  sub.add_option("-g,--graph", args->graph, "Graph file (default: $BANGFU_GRAPH or ./bangfu.graph.json)");
  sub.footer("Edges keep evidence from other documents; nodes no remaining document mentions go.\n"
             "Example: bangfu remove 2023-05-01-news.txt -g g.graph.json");
  return [args] { return run_remove(*args); };
}};

}  // namespace
}  // namespace bangfu::cli
