// The query engine's front door: parse → bind → plan → execute one statement against a graph.
#pragma once
#include <atomic>
#include <chrono>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "graph/graph.hpp"
#include "query/value.hpp"

namespace bangfu::query {

using Params = Map;

// How deeply expressions may nest (brackets, NOT NOT …, - - …) and how tall an expression's tree may grow
// (1+1+…+1, a AND b AND …): the parser, the binder and the evaluator recurse once per level, and a
// hostile query must get an error, not exhaust the stack.
inline constexpr std::size_t kDefaultMaxDepth = 200;

// Bounds on one query's work and memory; past any of them the query stops with QueryError{Limit} whose
// message names the setting (docs/reliability.md lists them). Defaults keep a hostile query on a
// 100k-node graph within about 1 GB.
struct QueryOptions {
  std::size_t max_expansions = 50'000'000;  // relationships and scanned nodes visited (covers cartesian products)
  std::size_t max_var_length = 64;          // upper bound used for unbounded `*`
  std::size_t max_depth = kDefaultMaxDepth;  // expression nesting / tree height (query/parser.hpp)
  std::size_t max_rows = 2'000'000;          // rows held at once by one operator: results, ORDER BY, DISTINCT, groups, CREATE
  std::size_t max_list = 2'000'000;          // elements of one list value (collect, range, comprehensions, +)
  std::size_t max_string = 64u << 20;        // bytes of one string value (+, replace, reduce …)
  std::chrono::milliseconds timeout{0};      // wall-clock time for one query; 0: no limit
  const std::atomic<bool>* cancel = nullptr;  // set to true (e.g. by Ctrl-C) to stop a running query
  bool plan_cache = true;  // reuse the plan of an identical earlier text (query/plan_cache.hpp); false: bind afresh
};

struct QueryStats {
  std::size_t nodes_created = 0, relationships_created = 0, properties_set = 0, labels_added = 0;
};

struct QueryResult {
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
  QueryStats stats;
  std::vector<std::string> notes;  // e.g. "truncated at LIMIT"
};

struct QueryError : std::runtime_error {
  enum class Kind { Syntax, Semantic, Type, Limit, Cancelled };
  Kind kind;
  std::size_t line = 0, column = 0;  // 1-based; 0 when not tied to a position
  std::string code;                  // TCK-style error name, e.g. "UndefinedVariable", "SyntaxError"
  QueryError(Kind k, std::string message, std::size_t line = 0, std::size_t column = 0, std::string code = {})
      : std::runtime_error(std::move(message)), kind(k), line(line), column(column), code(std::move(code)) {}
};

// Runs one statement. CREATE and SET mutate the graph; everything else only reads it. The text's plan
// is kept by query text for the next run of the same statement (see query/plan_cache.hpp).
QueryResult run_query(graph::Graph& graph, std::string_view text, const Params& params = {},
                      const QueryOptions& options = {});

}  // namespace bangfu::query
