// Fast paths: the planner's shortcuts must give exactly what the general matcher gives.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "graph/graph.hpp"
#include "query/engine.hpp"

using namespace bangfu;
using namespace bangfu::query;

namespace {

// Random multigraph with self-loops and parallel edges, the cases where trail semantics matter.
graph::Graph random_graph(unsigned seed, int nodes, int edges) {
  std::mt19937 rng(seed);
  graph::Graph g;
  std::vector<graph::Graph::Vertex> vs;
  for (int i = 0; i < nodes; ++i) vs.push_back(g.add_node({i % 3 ? "Hospital" : "County"}, {{"name", "n" + std::to_string(i)}}));
  std::uniform_int_distribution<int> pick(0, nodes - 1), type(0, 2);
  const char* types[] = {"supports", "co_builds", "funds"};
  for (int k = 0; k < edges; ++k) g.add_edge(vs[pick(rng)], vs[pick(rng)], types[type(rng)]);
  return g;
}

std::int64_t count_of(graph::Graph& g, const std::string& q) { return run_query(g, q).rows.at(0).at(0).as<std::int64_t>(); }

}  // namespace

TEST_CASE("count(DISTINCT b) over var-length reachability equals the general matcher", "[fastpath]") {
  for (unsigned seed = 1; seed <= 6; ++seed) {
    auto g = random_graph(seed, 30, 70);
    for (const char* pattern : {"-[*1..3]->", "-[*..2]->", "<-[:supports*1..3]-", "-[:supports|funds*0..2]->",
                                "-[*1..4]->"}) {
      for (const char* start : {"n0", "n1", "n7"}) {
        std::string fast = std::string("MATCH (a {name: '") + start + "'})" + pattern + "(b:Hospital) RETURN count(DISTINCT b)";
        std::string slow = std::string("MATCH (a {name: '") + start + "'})" + pattern +
                           "(b:Hospital) WHERE true RETURN count(DISTINCT b)";
        INFO(fast << " seed " << seed);
        CHECK(count_of(g, fast) == count_of(g, slow));
      }
    }
  }
}

TEST_CASE("count(*) over *2..2 equals the general matcher", "[fastpath]") {
  for (unsigned seed = 1; seed <= 6; ++seed) {
    auto g = random_graph(seed, 25, 80);
    for (const char* pattern : {"-[*2..2]->", "<-[*2]-", "-[*2]-", "-[:supports*2..2]->", "-[:co_builds|funds*2]-"}) {
      std::string fast = std::string("MATCH (a)") + pattern + "(b) RETURN count(*)";
      std::string slow = std::string("MATCH (a)") + pattern + "(b) WHERE true RETURN count(*)";
      INFO(fast << " seed " << seed);
      CHECK(count_of(g, fast) == count_of(g, slow));
    }
  }
}

TEST_CASE("bidirectional shortestPath finds paths as long as the one-sided search", "[fastpath]") {
  for (unsigned seed = 1; seed <= 4; ++seed) {
    auto g = random_graph(seed, 40, 60);
    for (int a = 0; a < 8; ++a) {
      for (int b = 20; b < 26; ++b) {
        std::string names = "{name: 'n" + std::to_string(a) + "'}), (b {name: 'n" + std::to_string(b) + "'})";
        auto one = run_query(g, "MATCH (a " + names + " MATCH p = shortestPath((a)-[*]->(b)) RETURN length(p)");
        auto all = run_query(g, "MATCH (a " + names + " MATCH p = allShortestPaths((a)-[*]->(b)) RETURN length(p)");
        INFO("n" << a << " -> n" << b << " seed " << seed);
        REQUIRE(one.rows.empty() == all.rows.empty());
        if (!one.rows.empty()) CHECK(one.rows[0][0].as<std::int64_t>() == all.rows[0][0].as<std::int64_t>());
      }
    }
  }
}

TEST_CASE("reachability over a larger graph (visited sets grow past their first size) equals the matcher",
          "[fastpath]") {
  for (unsigned seed = 1; seed <= 2; ++seed) {
    auto g = random_graph(seed, 20000, 60000);
    for (const char* pattern : {"-[*1..3]->", "<-[:supports|funds*1..4]-", "-[*0..5]->"}) {
      std::int64_t most = 0;
      for (int start = 0; start < 10; ++start) {
        std::string head = "MATCH (a {name: 'n" + std::to_string(start) + "'})" + pattern + "(b) ";
        INFO(head << " seed " << seed);
        auto n = count_of(g, head + "RETURN count(DISTINCT b)");
        CHECK(n == count_of(g, head + "WHERE true RETURN count(DISTINCT b)"));
        most = std::max(most, n);
      }
      CHECK(most > 40);  // some start reached enough nodes that the sets grew
    }
  }
}
