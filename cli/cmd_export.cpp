// `bangfu export`: writes a graph as GraphML or GEXF for Gephi, networkx and friends.
#include <cstdio>

#include "cli/command.hpp"
#include "cli/graph_file.hpp"
#include "cli/export_bulk.hpp"
#include "graph/gexf.hpp"
#include "graph/graphml.hpp"

namespace bangfu::cli {
namespace {

struct ExportArgs {
  std::string graph, format, output;
};

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

int run_export(const ExportArgs& args) {
  std::string format = args.format;
  if (format.empty()) format = ends_with(args.output, ".gexf") ? "gexf" : "graphml";
  std::string path = resolve_graph_path(args.graph);
  graph::Graph g = load_graph_file(path);
  if (format == "csv" || format == "json") return export_bulk(g, format, args.output);
  try {
    if (format == "gexf") graph::export_gexf(g, args.output);
    else graph::export_graphml(g, args.output);
  } catch (const graph::GraphError& e) {
    throw UserError(e.what());
  }
  std::printf("exported %zu nodes, %zu edges to %s (%s)\n", g.node_count(), g.edge_count(), args.output.c_str(),
              format.c_str());
  return 0;
}

Registrar reg{"export", "Write the graph as GraphML or GEXF (opens in Gephi)", [](CLI::App& sub) -> Runner {
  auto args = std::make_shared<ExportArgs>();
  sub.add_option("-g,--graph", args->graph, "Graph file (default: $BANGFU_GRAPH or ./bangfu.graph.json)");
  sub.add_option("-f,--format", args->format, "graphml, gexf, csv (Neo4j/Kùzu bulk-load folder) or json (canonical sorted dump) (default: from the output's extension, else graphml)")
      ->check(CLI::IsMember({"graphml", "gexf", "csv", "json"}));
  sub.add_option("-o,--output", args->output, "File to write (a folder for csv)")->required();
  sub.footer("Nodes carry label, type, aliases, docs; edges carry label (relation), weight, evidence, docs,\n"
             "role/amount/what. Example: bangfu export -g g.graph.json -o g.graphml");
  return [args] { return run_export(*args); };
}};

}  // namespace
}  // namespace bangfu::cli
