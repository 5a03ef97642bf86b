// Matcher: finds the bindings of one MATCH clause's patterns for an input row by backtracking,
// starting each pattern from its most selective end (a bound node, the name index, a label).
#pragma once
#include <functional>
#include <optional>
#include <vector>

#include "query/executor.hpp"

namespace bangfu::query {

class Matcher {
 public:
  // `emit` gets each complete row that passes WHERE; returning false stops the search.
  using Emit = std::function<bool(Row&)>;
  Matcher(ExecContext& ctx, const plan::Match& m);

  // False when `emit` asked to stop.
  bool run(Row& row, const Emit& emit);

 private:
  struct NodeFilter {
    bool impossible = false;  // a label the graph has never seen
    std::vector<std::uint16_t> labels;
  };
  struct RelFilter {
    bool impossible = false;
    std::vector<std::uint16_t> types;  // empty: any
  };
  struct Hop {
    int rel = 0, from = 0, to = 0;
    bool reversed = false;
  };

  bool match_pattern(std::size_t i, Row& row);
  bool walk(std::size_t pattern, const std::vector<Hop>& hops, std::size_t h, Row& row);
  bool expand_fixed(std::size_t pattern, const std::vector<Hop>& hops, std::size_t h, Vertex u, Row& row);
  bool expand_var(std::size_t pattern, const std::vector<Hop>& hops, std::size_t h, Vertex u, std::int64_t depth,
                  std::vector<Edge>& trail, Row& row);
  bool shortest(std::size_t pattern, Row& row);
  // One shortest path from s to t by breadth-first search from both ends; false when none within max.
  bool bidirectional(const plan::RelStep& r, const RelFilter& f, Vertex s, Vertex t, std::int64_t max,
                     const Row& row, std::vector<Edge>& path);
  bool finish_pattern(std::size_t pattern, Row& row);

  std::vector<Vertex> candidates(const plan::NodeStep& n, const NodeFilter& f, const Row& row) const;
  std::size_t estimate(const plan::NodeStep& n, const NodeFilter& f, const Row& row) const;
  bool node_ok(const plan::NodeStep& n, const NodeFilter& f, Vertex v, const Row& row) const;
  bool rel_ok(const plan::RelStep& r, const RelFilter& f, Edge e, const Row& row) const;
  // Binds the node step to v (or checks an existing binding); `bound_here` says whether to unbind later.
  bool bind_node(const plan::NodeStep& n, const NodeFilter& f, Vertex v, Row& row, bool& bound_here);
  bool edge_used(Edge e) const;
  template <class F>
  bool for_each_neighbour(Vertex u, ast::Dir dir, F&& f);

  ExecContext& ctx_;
  const plan::Match& m_;
  std::vector<std::vector<NodeFilter>> node_filters_;
  std::vector<std::vector<RelFilter>> rel_filters_;
  std::vector<char> assigned_;
  std::vector<Edge> used_;
  const Emit* emit_ = nullptr;
  std::size_t leaves_ = 0;  // complete bindings tried: node-only patterns never tick(), yet must cancel
};

}  // namespace bangfu::query
