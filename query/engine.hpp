// The query engine's front door: parse → bind → plan → execute one statement against a graph.
#pragma once
#include <atomic>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "graph/graph.hpp"
#include "query/value.hpp"

namespace bangfu::query {

using Params = Map;

struct QueryOptions {
  std::size_t max_expansions = 50'000'000;  // bound on relationships visited; past it: QueryError{Limit}
  std::size_t max_var_length = 64;          // upper bound used for unbounded `*`
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
