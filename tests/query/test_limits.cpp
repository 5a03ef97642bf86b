// Limits: runaway expansions stop with a Limit error, cancellation is honoured, LIMIT stops early.
#include <catch2/catch.hpp>

#include <atomic>

#include "graph/graph.hpp"
#include "query/engine.hpp"

using namespace bangfu;
using namespace bangfu::query;

namespace {

// A complete directed graph: the number of trails explodes with their length.
graph::Graph dense(int n) {
  graph::Graph g;
  std::vector<graph::Graph::Vertex> vs;
  for (int i = 0; i < n; ++i) vs.push_back(g.add_node({"N"}, {{"i", i}}));
  for (auto a : vs)
    for (auto b : vs)
      if (a != b) g.add_edge(a, b, "supports");
  return g;
}

}  // namespace

TEST_CASE("an unbounded pattern on a dense graph stops at max_expansions", "[limits]") {
  auto g = dense(12);
  QueryOptions options;
  options.max_expansions = 100'000;
  try {
    run_query(g, "MATCH (a)-[*]->(b) RETURN count(*)", {}, options);
    FAIL("expected a Limit error");
  } catch (const QueryError& e) {
    CHECK(e.kind == QueryError::Kind::Limit);
    CHECK_THAT(e.what(), Catch::Contains("100000"));
  }
}

TEST_CASE("a set cancel flag stops the query", "[limits]") {
  auto g = dense(12);
  std::atomic<bool> cancel{true};
  QueryOptions options;
  options.cancel = &cancel;
  try {
    run_query(g, "MATCH (a)-[*]->(b) RETURN count(*)", {}, options);
    FAIL("expected a Cancelled error");
  } catch (const QueryError& e) {
    CHECK(e.kind == QueryError::Kind::Cancelled);
  }
}

TEST_CASE("max_var_length caps unbounded patterns", "[limits]") {
  graph::Graph g;
  run_query(g, "CREATE (a {i: 0})-[:T]->({i: 1})-[:T]->({i: 2})-[:T]->({i: 3})");
  QueryOptions options;
  options.max_var_length = 2;
  auto r = run_query(g, "MATCH ({i: 0})-[*]->(x) RETURN max(x.i)", {}, options);
  CHECK(r.rows.at(0).at(0).as<std::int64_t>() == 2);
}

TEST_CASE("LIMIT without ORDER BY stops the search early", "[limits]") {
  auto g = dense(12);
  QueryOptions options;
  options.max_expansions = 10'000;  // far fewer than the full enumeration needs
  auto r = run_query(g, "MATCH (a)-[*]->(b) RETURN b LIMIT 5", {}, options);
  CHECK(r.rows.size() == 5);
}
