// Path-query benchmark: builds a power-law-ish support graph (100k nodes, 1M edges by default) and
// times warm queries in one process: one-hop lookup, *1..3 reachability with count(DISTINCT b),
// shortest path between far nodes, a whole-graph *2..2 count, and the fixed cost of a statement with
// and without the plan cache (parse + bind on every run).
//
//   bench_path_queries [nodes] [edges]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "graph/graph.hpp"
#include "query/engine.hpp"

using namespace bangfu;
using Clock = std::chrono::steady_clock;

namespace {

double resident_mb() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return static_cast<double>(resident) * 4096.0 / (1024.0 * 1024.0);
}

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// Targets follow a Zipf-like law (a few hubs receive most support); sources are mildly skewed.
graph::Graph build(std::size_t nodes, std::size_t edges, std::mt19937_64& rng) {
  static const char* const labels[] = {"Hospital", "County", "City", "Province", "PrimaryCare", "Person", "Agency"};
  static const char* const types[] = {"supports", "supports", "supports", "co_builds", "funds", "dispatches",
                                      "works_for", "member_of", "located_in", "partners_with"};
  graph::Graph g;
  for (std::size_t i = 0; i < nodes; ++i)
    g.add_node({labels[i % 7]}, {{"name", "N" + std::to_string(i)}});
  std::uniform_real_distribution<double> u(0.0, 1.0);
  auto skewed = [&](double power) {
    return static_cast<graph::Graph::Vertex>(std::min<double>(nodes - 1, nodes * std::pow(u(rng), power)));
  };
  std::uniform_int_distribution<std::size_t> pick_type(0, std::size(types) - 1);
  for (std::size_t k = 0; k < edges; ++k) {
    auto src = skewed(1.3), dst = skewed(2.2);
    if (src == dst) dst = (dst + 1) % nodes;
    g.add_edge(src, dst, types[pick_type(rng)]);
  }
  return g;
}

struct Timing {
  double median = 0, worst = 0;
  std::size_t rows = 0;
};

template <class F>
Timing time_runs(int runs, F&& f) {
  std::vector<double> t;
  std::size_t rows = 0;
  for (int i = 0; i < runs; ++i) {
    auto start = Clock::now();
    rows = f(i);
    t.push_back(ms_since(start));
  }
  std::sort(t.begin(), t.end());
  return Timing{t[t.size() / 2], t.back(), rows};
}

std::string name_of(std::size_t i) { return "N" + std::to_string(i); }

}  // namespace

int main(int argc, char** argv) {
  std::size_t nodes = argc > 1 ? std::stoul(argv[1]) : 100'000;
  std::size_t edges = argc > 2 ? std::stoul(argv[2]) : 1'000'000;
  std::mt19937_64 rng(42);

  double before = resident_mb();
  auto start = Clock::now();
  auto g = build(nodes, edges, rng);
  double build_ms = ms_since(start);
  double after = resident_mb();
  std::printf("graph: %zu nodes, %zu edges, built in %.0f ms, %.1f MB resident, %.0f bytes per edge (incl. nodes)\n",
              g.node_count(), g.edge_count(), build_ms, after - before,
              (after - before) * 1024 * 1024 / static_cast<double>(edges));

  query::QueryOptions options;
  options.max_expansions = 2'000'000'000;
  auto run = [&](const std::string& q, const query::Params& p = {}) { return query::run_query(g, q, p, options); };

  // Start points: nodes in the middle of the index range have ordinary degrees.
  std::uniform_int_distribution<std::size_t> mid(nodes / 4, nodes / 2);
  std::vector<std::string> starts;
  for (int i = 0; i < 50; ++i) starts.push_back(name_of(mid(rng)));

  auto one_hop = time_runs(50, [&](int i) {
    return run("MATCH (a {name: $n})-[:supports]->(b) RETURN b.name", {{"n", query::Value(starts[i])}}).rows.size();
  });
  std::printf("one-hop lookup            median %8.3f ms  worst %8.3f ms  (%zu rows last run)\n", one_hop.median,
              one_hop.worst, one_hop.rows);

  std::int64_t reached = 0;
  auto reach = time_runs(50, [&](int i) {
    auto r = run("MATCH (a {name: $n})-[*1..3]->(b) RETURN count(DISTINCT b)", {{"n", query::Value(starts[i])}});
    reached = r.rows.at(0).at(0).as<std::int64_t>();
    return r.rows.size();
  });
  std::printf("*1..3 count(DISTINCT b)   median %8.3f ms  worst %8.3f ms  (%lld nodes reached last run)\n",
              reach.median, reach.worst, static_cast<long long>(reached));

  // Far apart: a low-degree node with a high index, and another one.
  std::uniform_int_distribution<std::size_t> tail(nodes * 9 / 10, nodes - 1);
  std::int64_t length = -1;
  auto shortest = time_runs(20, [&](int) {
    auto r = run("MATCH (a {name: $x}), (b {name: $y}) MATCH p = shortestPath((a)-[*]-(b)) RETURN length(p)",
                 {{"x", query::Value(name_of(tail(rng)))}, {"y", query::Value(name_of(tail(rng)))}});
    length = r.rows.empty() ? -1 : r.rows[0][0].as<std::int64_t>();
    return r.rows.size();
  });
  std::printf("shortestPath far nodes    median %8.3f ms  worst %8.3f ms  (length %lld last run)\n",
              shortest.median, shortest.worst, static_cast<long long>(length));

  std::int64_t paths = 0;
  auto whole = time_runs(3, [&](int) {
    auto r = run("MATCH (a)-[*2..2]->(b) RETURN count(*)");
    paths = r.rows.at(0).at(0).as<std::int64_t>();
    return r.rows.size();
  });
  std::printf("whole-graph *2..2 count   median %8.3f ms  worst %8.3f ms  (%lld paths)\n", whole.median, whole.worst,
              static_cast<long long>(paths));
  // Fixed per-query cost: statements that touch almost nothing, so parse, bind and setup dominate.
  for (bool cached : {true, false}) {
    query::QueryOptions o = options;
    o.plan_cache = cached;
    auto trivial = time_runs(20000, [&](int) { return query::run_query(g, "RETURN 1 AS x", {}, o).rows.size(); });
    auto small = time_runs(20000, [&](int i) {
      return query::run_query(g, "MATCH (a {name: $n})-[:supports*1..3]->(b) RETURN count(DISTINCT b)",
                              {{"n", query::Value(starts[static_cast<std::size_t>(i) % starts.size()])}}, o)
          .rows.size();
    });
    std::printf("plan cache %-3s            RETURN 1 median %6.4f ms, supports*1..3 median %6.4f ms\n",
                cached ? "on" : "off", trivial.median, small.median);
  }
  std::printf("targets: *1..3 < 0.3 ms, shortest path < 3 ms, whole-graph *2..2 < 1000 ms\n");
  return 0;
}
