// `bangfu export`: writes a graph as GraphML or GEXF for Gephi, networkx and friends, or as a
// self-contained HTML page to look at in a browser.
#include <cstdio>
#include <filesystem>

#include "cli/command.hpp"
#include "cli/graph_file.hpp"
#include "cli/export_bulk.hpp"
#include "graph/gexf.hpp"
#include "graph/graphml.hpp"
#include "graph/html_view.hpp"
#include "web/assets.hpp"

namespace bangfu::cli {
namespace {

struct ExportArgs {
  std::string graph, format, output;
  std::string gexf_version = "1.2draft";
  graph::HtmlViewOptions html;
};

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

int run_export(const ExportArgs& args) {
  std::string format = args.format;
  if (format.empty()) {
    if (ends_with(args.output, ".gexf")) format = "gexf";
    else if (ends_with(args.output, ".html") || ends_with(args.output, ".htm")) format = "html";
    else format = "graphml";
  }
  if (format != "html" && !args.html.around.empty()) throw UserError("--around is for --format html");
  std::string path = resolve_graph_path(args.graph);
  graph::Graph g = load_graph_file(path);
  if (format == "csv" || format == "json") return export_bulk(g, format, args.output);
  try {
    if (format == "html") {
      graph::HtmlViewOptions options = args.html;
      options.title = "bangfu · " + std::filesystem::path(path).filename().string();
      auto shown = graph::export_html_view(g, args.output, {web::view_template(), web::graph_library()}, options);
      if (!shown.note.empty()) std::printf("%s\n", shown.note.c_str());
      std::printf("exported %zu nodes, %zu edges to %s (html)\n", shown.nodes, shown.edges, args.output.c_str());
      return 0;
    }
    if (format == "gexf") graph::export_gexf(g, args.output, {*graph::parse_gexf_version(args.gexf_version)});
    else graph::export_graphml(g, args.output);
  } catch (const graph::GraphError& e) {
    throw UserError(e.what());
  }
  std::printf("exported %zu nodes, %zu edges to %s (%s)\n", g.node_count(), g.edge_count(), args.output.c_str(),
              format.c_str());
  return 0;
}

Registrar reg{"export", "Write the graph as GraphML or GEXF (opens in Gephi), or as an HTML page", [](CLI::App& sub) -> Runner {
  auto args = std::make_shared<ExportArgs>();
  sub.add_option("-g,--graph", args->graph, "Graph file (default: $BANGFU_GRAPH or ./bangfu.graph.json)");
  sub.add_option("-f,--format", args->format,
                 "graphml, gexf, html, csv (Neo4j/Kùzu bulk-load folder) or json (canonical sorted dump) "
                 "(default: from the output's extension, else graphml)")
      ->check(CLI::IsMember({"graphml", "gexf", "html", "csv", "json"}));
  sub.add_option("-o,--output", args->output, "File to write (a folder for csv)")->required();
  sub.add_option("--gexf-version", args->gexf_version, "GEXF version: 1.2draft (default; networkx reads it) or 1.3")
      ->check(CLI::IsMember({"1.2draft", "1.2", "1.3"}));
  sub.add_option("--around", args->html.around, "html: show only the neighbourhood of this node (name or alias)");
  sub.add_option("--hops", args->html.hops, "html: how far --around reaches, in edges either way (default 1)")
      ->check(CLI::Range(1u, 20u));
  sub.add_option("--max-nodes", args->html.max_nodes,
                 "html: at most this many nodes; a larger graph shows those of highest degree (default 300)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{20000}));
  sub.footer("Nodes carry label, type, aliases, docs; edges carry label (relation), weight, evidence, docs,\n"
             "role/amount/what. The HTML page is one file that opens offline: nodes coloured by type and\n"
             "sized by degree, a search box, the evidence of an edge or node on click.\n"
             "Examples: bangfu export -g g.graph.json -o g.graphml\n"
             "          bangfu export -g g.graph.json -o view.html --around 凤凰县人民医院 --hops 2");
  return [args] { return run_export(*args); };
}};

}  // namespace
}  // namespace bangfu::cli
