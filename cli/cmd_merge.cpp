// `bangfu merge`: shard graphs and fact files (from `bangfu extract --jsonl`) into the graph one ingest
// of all their documents would build. Every document's facts go through the same GraphBuilder ingest
// uses, in input order, so idempotence (a document twice counts once), replacement (a changed text,
// told by its content hash, replaces what the document said) and alias resolution are ingest's own.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>

#include "cli/command.hpp"
#include "cli/graph_file.hpp"
#include "graph/snapshot.hpp"
#include "graph/storage.hpp"
#include "ingest/fact_line.hpp"
#include "ingest/graph_builder.hpp"
#include "ingest/graph_facts.hpp"

namespace bangfu::cli {
namespace {

struct MergeArgs {
  std::vector<std::string> inputs;
  std::string graph;
};

enum class InputKind { graph, facts };

// A graph file starts with {"format":"bangfu-graph" (save_graph writes it first); anything else is read
// as fact lines, which say so line by line.
InputKind kind_of(const std::string& path) {
  if (path == "-") return InputKind::facts;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UserError(path + ": cannot open: " + std::strerror(errno));
  char head[64] = {};
  in.read(head, sizeof head - 1);
  std::string_view text(head, static_cast<std::size_t>(in.gcount()));
  auto first = text.find_first_not_of(" \t\r\n");
  text = first == std::string_view::npos ? std::string_view() : text.substr(first);
  if (graph::is_snapshot(text)) return InputKind::graph;  // a binary snapshot (graph/snapshot.hpp)
  std::string_view graph_head = "{\"format\":\"";
  if (text.starts_with(graph_head) && text.substr(graph_head.size()).starts_with(graph::kGraphFormat))
    return InputKind::graph;
  return InputKind::facts;
}

struct Merger {
  graph::Graph& g;
  ingest::GraphBuilder builder;
  std::size_t problems = 0;

  explicit Merger(graph::Graph& graph) : g(graph), builder(graph) {}

  void add(ingest::DocumentFacts&& f) { builder.add(std::move(f.info), f.extraction); }

  void add_fact_stream(std::istream& in, const std::string& name) {
    std::string line;
    std::size_t number = 0;
    while (std::getline(in, line)) {
      ++number;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      std::string where = name + ":" + std::to_string(number);
      try {
        add(ingest::parse_fact_line(line, where));
      } catch (const std::exception& e) {
        std::fprintf(stderr, "warning: %s (document skipped)\n", e.what());
        ++problems;
      }
    }
    if (in.bad()) throw UserError(name + ": read error: " + std::strerror(errno));
  }

  void add_graph(const std::string& path) {
    graph::Graph shard = load_graph_file(path);
    auto facts = ingest::facts_of_graph(shard);
    if (facts.untied_nodes || facts.untied_edges)
      std::fprintf(stderr, "warning: %s: %zu nodes and %zu edges that no document states were left out\n",
                   path.c_str(), facts.untied_nodes, facts.untied_edges);
    for (auto& f : facts.documents) add(std::move(f));
  }
};

int run_merge(const MergeArgs& args) {
  std::string out = resolve_graph_path(args.graph);
  // Held from the first load to the save, as every writer: the output may also be the first input.
  auto lock = lock_graph_file(out);
  std::vector<InputKind> kinds;
  for (const auto& in : args.inputs) kinds.push_back(kind_of(in));
  // A graph first is the start, as an ingest into an existing graph starts from it: taken whole, nodes
  // and edges without documents included. Later graphs are replayed document by document.
  std::size_t first = 0;
  graph::Graph g = !kinds.empty() && kinds[0] == InputKind::graph ? load_graph_file(args.inputs[first++]) : graph::Graph();
  std::size_t base_documents = 0;
  for (const auto& d : g.documents()) base_documents += !d.id.empty();
  Merger merger(g);
  for (std::size_t i = first; i < args.inputs.size(); ++i) {
    const auto& in = args.inputs[i];
    if (kinds[i] == InputKind::graph) {
      merger.add_graph(in);
    } else if (in == "-") {
      merger.add_fact_stream(std::cin, "<stdin>");
    } else {
      std::ifstream file(in, std::ios::binary);
      if (!file) throw UserError(in + ": cannot open: " + std::strerror(errno));
      merger.add_fact_stream(file, in);
    }
  }
  save_graph_file(g, out);

  const auto& b = merger.builder.counts();
  std::string detail;
  if (b.unchanged) detail += std::to_string(b.unchanged) + " unchanged";
  if (b.replaced) detail += (detail.empty() ? "" : ", ") + std::to_string(b.replaced) + " replaced";
  if (merger.problems) detail += (detail.empty() ? "" : ", ") + std::to_string(merger.problems) + " unreadable";
  std::printf("merged %zu documents from %zu inputs%s: %zu entities, %zu relations; graph: %zu documents, %zu nodes, "
              "%zu edges\n",
              base_documents + b.documents(), args.inputs.size(), detail.empty() ? "" : (" (" + detail + ")").c_str(),
              b.entities, b.relations, static_cast<std::size_t>(std::count_if(g.documents().begin(), g.documents().end(),
                                                                               [](auto& d) { return !d.id.empty(); })),
              g.node_count(), g.edge_count());
  return merger.problems ? 3 : 0;
}

Registrar reg{"merge", "Merge shard graphs and fact files into the graph one ingest would build", [](CLI::App& sub) -> Runner {
  auto args = std::make_shared<MergeArgs>();
  sub.add_option("INPUT", args->inputs, "Graph files and fact files (`bangfu extract --jsonl` output; - for stdin)")
      ->required();
  sub.add_option("-g,--graph", args->graph, "Graph file to write (replaced; default: $BANGFU_GRAPH or ./bangfu.graph.json)");
  sub.footer("Documents are added in input order, each file's in its own order, through ingest's own graph\n"
             "builder: a document given twice counts once, a changed text replaces the document's facts.\n"
             "Shards that are consecutive runs of the reading order (bangfu extract --list-files), merged in\n"
             "that order, give exactly the graph one `bangfu ingest` of the corpus gives. A graph given first\n"
             "is the starting graph; later graphs are replayed document by document (see docs/scaling.md).\n"
             "Exit status 3: some fact lines were unreadable (warnings name them); the rest was merged.\n"
             "Example: bangfu merge part-0.jsonl part-1.jsonl -g all.graph.json");
  return [args] { return run_merge(*args); };
}};

}  // namespace
}  // namespace bangfu::cli
