// `bangfu import`: nodes and edges from CSV files into a graph file (created when missing).
#include <cstdio>

#include "cli/command.hpp"
#include "cli/graph_file.hpp"
#include "cli/progress_line.hpp"
#include "graph/csv_import.hpp"
#include "ingest/encoding.hpp"

namespace bangfu::cli {
namespace {

struct ImportArgs {
  std::string graph, nodes, edges, encoding;
  bool quiet = false;
};

int run_import(const ImportArgs& args) {
  std::string path = resolve_graph_path(args.graph);
  auto lock = lock_graph_file(path);  // from load to save, as every writer
  graph::Graph g = load_or_new_graph(path);
  graph::CsvImportCounts counts;
  try {
    ProgressLine progress("import", "rows", ProgressLine::wanted(args.quiet));
    graph::CsvDecoder decode;
    if (!args.encoding.empty())
      decode = [&](const std::string& file, std::string bytes) {
        ingest::Decoded d = ingest::decode_to_utf8(bytes, args.encoding);
        if (!d.ok) throw graph::GraphError(file + ": cannot read as " + args.encoding + ": " + d.error);
        return std::move(d.text);
      };
    counts = graph::import_csv(g, args.nodes, args.edges, progress.callback(), decode);
  } catch (const graph::GraphError& e) {
    throw UserError(std::string(e.what()) + " (graph not saved)");
  }
  save_graph_file(g, path);
  std::printf("imported %zu nodes (%zu merged with existing), %zu edges; graph: %zu nodes, %zu edges\n", counts.nodes,
              counts.merged, counts.edges, g.node_count(), g.edge_count());
  return 0;
}

Registrar reg{"import", "Add nodes and edges from CSV files to a graph", [](CLI::App& sub) -> Runner {
  auto args = std::make_shared<ImportArgs>();
  sub.add_option("--nodes", args->nodes, "Nodes CSV: header id,name,type[,aliases][,more properties…]")
      ->required()
      ->check(CLI::ExistingFile);
  sub.add_option("--edges", args->edges, "Edges CSV: header src,dst,rel[,evidence,doc][,more properties…]")
      ->check(CLI::ExistingFile);
  sub.add_option("--encoding", args->encoding,
                 "The CSV files' encoding when they are not UTF-8 (GBK, GB18030, Big5 …); they are converted");
  sub.add_option("-g,--graph", args->graph, "Graph file, created if missing (default: $BANGFU_GRAPH or ./bangfu.graph.json)");
  sub.add_flag("-q,--quiet", args->quiet, "No progress line (shown only when stderr is a terminal)");
  sub.footer("RFC 4180 CSV, UTF-8 (or --encoding), LF or CRLF; the nodes file needs id and name columns. type and aliases take ';'-separated lists; src/dst are ids\n"
             "from the nodes file; numbers and true/false are typed. A node whose name and entity type match\n"
             "one already in the graph is merged into it. A bad row stops the import: FILE:LINE: what.\n"
             "Example: bangfu import --nodes nodes.csv --edges edges.csv -g g.graph.json");
  return [args] { return run_import(*args); };
}};

}  // namespace
}  // namespace bangfu::cli
