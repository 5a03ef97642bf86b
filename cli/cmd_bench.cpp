// `bangfu bench query`: times queries warm, many times in one process, on a graph loaded once.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "cli/graph_file.hpp"
#include "cli/repl_shell.hpp"
#include "query/engine.hpp"
#include "query/format.hpp"

namespace bangfu::cli {
namespace {

using Clock = std::chrono::steady_clock;

struct BenchOptions {
  std::string graph;
  std::vector<std::string> queries;
  std::vector<std::string> params;
  int repeat = 10, warmup = 1;
  std::size_t rows = 5;
  bool tsv = false;
  bool no_plan_cache = false;
  std::string timeout = "0";
};

// --param values: integers, decimals, true/false/null are typed; anything else is a string.
query::Value param_value(const std::string& text) {
  std::int64_t i = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), i);
  if (ec == std::errc() && p == text.data() + text.size() && !text.empty()) return query::Value(i);
  double d = 0;
  auto [q, ec2] = std::from_chars(text.data(), text.data() + text.size(), d);
  if (ec2 == std::errc() && q == text.data() + text.size() && !text.empty()) return query::Value(d);
  if (text == "true") return query::Value(true);
  if (text == "false") return query::Value(false);
  if (text == "null") return query::Value();
  return query::Value(text);
}

query::Params parse_params(const std::vector<std::string>& items) {
  query::Params params;
  for (const auto& item : items) {
    auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0) throw UserError("--param " + item + ": expected NAME=VALUE");
    params.emplace_back(item.substr(0, eq), param_value(item.substr(eq + 1)));
  }
  return params;
}

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

double cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec * 1e-6;
}

// The first row's values, tab-separated, for scripts that compare answers across engines.
std::string first_row(const graph::Graph& g, const query::QueryResult& r) {
  if (r.rows.empty()) return "";
  std::string out;
  for (const auto& v : r.rows.front()) {
    if (!out.empty()) out += '|';
    out += query::value_text(g, v, false);
  }
  return out;
}

struct Timing {
  double min = 0, median = 0, max = 0, cpu_median = 0;
};

Timing time_query(graph::Graph& g, const std::string& text, const query::Params& params, const BenchOptions& o,
                  query::QueryResult& result) {
  query::QueryOptions options;
  options.plan_cache = !o.no_plan_cache;
  options.timeout = timeout_of(parse_timeout(o.timeout));
  for (int i = 0; i < o.warmup; ++i) result = query::run_query(g, text, params, options);
  std::vector<double> wall, cpu;
  wall.reserve(o.repeat);
  cpu.reserve(o.repeat);
  for (int i = 0; i < o.repeat; ++i) {
    // The process CPU clock is a system call (~2 us on a VM): read it outside the wall-clock window,
    // or every query looks that much slower.
    double c0 = cpu_ms();
    auto start = Clock::now();
    result = query::run_query(g, text, params, options);
    wall.push_back(ms_since(start));
    cpu.push_back(cpu_ms() - c0);
  }
  std::sort(wall.begin(), wall.end());
  std::sort(cpu.begin(), cpu.end());
  return {wall.front(), wall[wall.size() / 2], wall.back(), cpu[cpu.size() / 2]};
}

int run_bench_query(const BenchOptions& o) {
  auto params = parse_params(o.params);
  // Syntax and binding errors show up at once, not after a load of many seconds.
  for (const auto& text : o.queries) {
    graph::Graph empty;
    query::run_query(empty, text, params);
  }
  std::string path = resolve_graph_path(o.graph);
  auto t0 = Clock::now();
  graph::Graph g = load_graph_file(path);
  double load_ms = ms_since(t0);
  if (!o.tsv)
    std::printf("graph: %s (%zu nodes, %zu edges), loaded in %.2f s\n", path.c_str(), g.node_count(), g.edge_count(),
                load_ms / 1000);

  for (const auto& text : o.queries) {
    query::QueryResult result;
    Timing t = time_query(g, text, params, o, result);
    if (o.tsv) {
      std::printf("%.6f\t%.6f\t%.6f\t%.6f\t%zu\t%s\n", t.median, t.min, t.max, t.cpu_median, result.rows.size(),
                  first_row(g, result).c_str());
      std::fflush(stdout);
      continue;
    }
    std::printf("query: %s\n", text.c_str());
    std::printf("runs: %d warm (after %d warm-up)  min %.3f ms  median %.3f ms  max %.3f ms  (CPU median %.3f ms)\n",
                o.repeat, o.warmup, t.min, t.median, t.max, t.cpu_median);
    query::FormatOptions fo;
    fo.max_rows = o.rows;
    std::fputs(query::format_result(g, result, fo).c_str(), stdout);
  }
  return 0;
}

Registrar reg{"bench", "Time queries warm on a loaded graph (see bench/README.md for the benchmarks)",
              [](CLI::App& sub) -> Runner {
  auto o = std::make_shared<BenchOptions>();
  sub.require_subcommand(1, 1);
  auto* q = sub.add_subcommand("query", "Load GRAPH once, run each QUERY --repeat times and print min/median/max ms");
  q->add_option("-g,--graph", o->graph, "Graph file (default: $BANGFU_GRAPH or the *.graph.json here)");
  q->add_option("query", o->queries, "Query text (several: each is timed in turn on the same loaded graph)")
      ->required();
  q->add_option("--repeat,-n", o->repeat, "Timed runs")->check(CLI::Range(1, 1'000'000));
  q->add_option("--warmup", o->warmup, "Untimed runs first")->check(CLI::Range(0, 1000));
  q->add_option("--param,-p", o->params, "Query parameter NAME=VALUE (repeatable)");
  q->add_option("--rows", o->rows, "Result rows to print");
  q->add_option("--timeout", o->timeout, "Stop each run after SECONDS (0: no limit)")->capture_default_str();
  q->add_flag("--no-plan-cache", o->no_plan_cache,
              "Parse and bind the query on every run instead of reusing its plan (to measure what the cache saves)");
  q->add_flag("--tsv", o->tsv,
              "Print one line per query: median, min, max ms, CPU median ms, row count, first row (values joined by |)");
  return [o, q] {
    if (!q->parsed()) throw UserError("expected a subcommand: query");
    try {
      return run_bench_query(*o);
    } catch (const query::QueryError& e) {
      throw UserError(e.what());
    }
  };
}};

}  // namespace
}  // namespace bangfu::cli
