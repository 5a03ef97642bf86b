// `bangfu path X Y`: the shortest support chain from X to Y, with the evidence of each hop.
#include <cstdio>
#include <memory>

#include "cli/command.hpp"
#include "cli/graph_file.hpp"
#include "cli/repl_support.hpp"

namespace bangfu::cli {
namespace {

struct PathArgs {
  std::string from, to, graph;
  std::size_t max_hops = 6;
  bool directed_only = false;
};

Registrar reg{"path", "The shortest support chain between two entities, with evidence per hop", [](CLI::App& sub) -> Runner {
  auto a = std::make_shared<PathArgs>();
  sub.add_option("from", a->from, "Supporting entity (name, alias, or #id)")->required();
  sub.add_option("to", a->to, "Supported entity (name, alias, or #id)")->required();
  sub.add_option("-g,--graph", a->graph, "Graph file (default: $BANGFU_GRAPH or ./bangfu.graph.json)");
  sub.add_option("--max-hops", a->max_hops, "Longest chain to look for")->capture_default_str();
  sub.add_flag("--directed", a->directed_only, "Do not follow co_builds / partners_with (symmetric) relations");
  return [a] {
    auto g = load_graph_file(resolve_graph_path(a->graph));
    graph::SupportOptions o;
    o.max_hops = a->max_hops;
    o.symmetric = !a->directed_only;
    auto from = resolve_entity(g, a->from);
    auto to = resolve_entity(g, a->to);
    std::fputs(path_report(g, from, to, o).c_str(), stdout);
    return 0;
  };
}};

}  // namespace
}  // namespace bangfu::cli
