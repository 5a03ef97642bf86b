// `bangfu who X`: who supports X and whom X supports, directly and through others, with evidence.
#include <cstdio>
#include <memory>

#include "cli/command.hpp"
#include "cli/graph_file.hpp"
#include "cli/repl_support.hpp"

namespace bangfu::cli {
namespace {

struct WhoArgs {
  std::string name, graph;
  std::size_t max_hops = kWhoMaxHops;
  bool directed_only = false;
  std::string since;
};

Registrar reg{"who", "Who supports an entity and whom it supports, with evidence", [](CLI::App& sub) -> Runner {
  auto a = std::make_shared<WhoArgs>();
  sub.add_option("name", a->name, "Entity name, alias, or #id")->required();
  sub.add_option("-g,--graph", a->graph, "Graph file (default: $BANGFU_GRAPH or ./bangfu.graph.json)");
  sub.add_option("--max-hops", a->max_hops, "Longest chain for indirect support")->capture_default_str();
  sub.add_flag("--directed", a->directed_only, "Do not follow co_builds / partners_with (symmetric) relations");
  sub.add_option("--since", a->since, "Only relations seen on or after this date (2023, 2023-07 or 2023-07-28)");
  return [a] {
    auto g = load_graph_file(resolve_graph_path(a->graph));
    graph::SupportOptions o;
    o.max_hops = a->max_hops;
    o.symmetric = !a->directed_only;
    if (!a->since.empty()) o.since_days = since_day(a->since);
    std::fputs(who_report(g, resolve_entity(g, a->name), o).c_str(), stdout);
    return 0;
  };
}};

}  // namespace
}  // namespace bangfu::cli
