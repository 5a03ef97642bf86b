#include "query/planner.hpp"

#include <algorithm>

#include "query/compare.hpp"
#include "query/functions.hpp"
#include "query/vertex_set.hpp"

namespace bangfu::query {

namespace {

using ast::ExprKind;

// MATCH (a …)-[:T*m..n]->(b …) RETURN <one aggregate> — the shape both fast paths start from.
struct Shape {
  const plan::PatternStep* pattern = nullptr;
  const plan::Aggregate* aggregate = nullptr;
};

std::optional<Shape> single_hop_aggregate(const plan::Plan& plan) {
  if (plan.steps.size() != 2) return std::nullopt;
  auto m = std::get_if<plan::Match>(&plan.steps[0]);
  auto p = std::get_if<plan::Projection>(&plan.steps[1]);
  if (!m || !p || m->optional || m->where || m->patterns.size() != 1) return std::nullopt;
  const auto& ps = m->patterns[0];
  if (ps.kind != ast::PathKind::Plain || ps.path_slot >= 0 || ps.rels.size() != 1) return std::nullopt;
  const auto& r = ps.rels[0];
  if (!r.var_length || r.needs_list || !r.props.empty()) return std::nullopt;
  if (p->distinct || p->where || p->skip || p->limit || !p->order.empty()) return std::nullopt;
  if (p->items.size() != 1 || p->aggregates.size() != 1) return std::nullopt;
  const auto& item = *p->items[0].expr;
  if (item.kind != ExprKind::Slot || item.slot != p->aggregates[0].slot) return std::nullopt;
  // Both ends must be nodes this MATCH binds, not variables from outside.
  for (const auto& n : ps.nodes)
    if (std::find(m->introduced.begin(), m->introduced.end(), n.slot) == m->introduced.end()) return std::nullopt;
  if (ps.nodes[0].slot == ps.nodes[1].slot) return std::nullopt;
  return Shape{&ps, &p->aggregates[0]};
}

struct TypeFilter {
  bool impossible = false;
  std::vector<std::uint16_t> types;
  bool operator()(const graph::Graph& g, Edge e) const {
    return types.empty() || std::find(types.begin(), types.end(), g.edge(e).type) != types.end();
  }
};

TypeFilter type_filter(const graph::Graph& g, const plan::RelStep& r) {
  TypeFilter f;
  for (const auto& t : r.types)
    if (auto id = g.find_type(t)) f.types.push_back(*id);
  f.impossible = !r.types.empty() && f.types.empty();
  return f;
}

std::optional<std::vector<std::uint16_t>> label_ids(const graph::Graph& g, const plan::NodeStep& n) {
  std::vector<std::uint16_t> out;
  for (const auto& l : n.labels) {
    auto id = g.find_label(l);
    if (!id) return std::nullopt;
    out.push_back(*id);
  }
  return out;
}

bool has_labels(const graph::Graph& g, Vertex v, const std::vector<std::uint16_t>& labels) {
  for (auto l : labels)
    if (!g.has_label(v, l)) return false;
  return true;
}

void finish(QueryResult& result, const plan::Plan& plan, std::int64_t n) {
  result.columns = plan.columns;
  result.rows.push_back({Value(n)});
}

// count(DISTINCT b) over (a)-[*m..n]->(b), directed, m <= 1: a node is the end of some trail of length
// m..n exactly when its BFS distance is within n (a shortest walk is a path, hence a trail); `a` itself
// counts when m is 0 or a directed cycle of length <= n runs through it.
bool reachability_count(ExecContext& ctx, const plan::Plan& plan, const Shape& shape, QueryResult& result) {
  const auto& agg = *shape.aggregate;
  const auto& ps = *shape.pattern;
  const auto& r = ps.rels[0];
  if (agg.kind != AggregateKind::Count || !agg.distinct || !agg.arg || agg.arg->kind != ExprKind::Variable ||
      agg.arg->slot != ps.nodes[1].slot)
    return false;
  if (r.dir == ast::Dir::Both || r.min > 1) return false;
  const auto& start = ps.nodes[0];
  const auto& end = ps.nodes[1];
  if (!end.props.empty() || start.props.size() != 1 || start.props[0].first != "name") return false;
  const auto& g = ctx.graph;
  Row empty;
  Value name = evaluate(*start.props[0].second, ctx.eval(empty));
  if (!name.is<std::string>()) return false;  // non-string names live among the ordinary properties
  auto types = type_filter(g, r);
  auto start_labels = label_ids(g, start);
  auto end_labels = label_ids(g, end);
  if (types.impossible || !start_labels || !end_labels) {
    finish(result, plan, 0);
    return true;
  }
  std::int64_t max = r.unbounded ? static_cast<std::int64_t>(ctx.options.max_var_length) : r.max;
  // Sets sized by what the search touches: a small reach costs no pass over the whole graph.
  VertexSet seen(g.node_count());  // union over all start nodes
  VertexSet visited(g.node_count());
  std::int64_t count = 0;
  auto add = [&](Vertex v) {
    if (has_labels(g, v, *end_labels) && seen.insert(v)) ++count;
  };
  std::vector<Vertex> frontier, next;
  for (Vertex a : g.find(name.as<std::string>())) {
    if (g.node_name(a) != name.as<std::string>() || !has_labels(g, a, *start_labels)) continue;
    visited.clear();
    visited.insert(a);
    if (r.min == 0) add(a);
    frontier.assign(1, a);
    for (std::int64_t depth = 0; depth < max && !frontier.empty(); ++depth) {
      next.clear();
      for (Vertex u : frontier) {
        auto visit = [&](Edge e, Vertex w) {
          ctx.tick();
          if (!types(g, e)) return;
          if (w == a) add(a);  // a cycle back to the start within depth + 1 <= max
          if (!visited.insert(w)) return;
          add(w);
          next.push_back(w);
        };
        if (r.dir == ast::Dir::Out)
          for (Edge e : g.out_edges(u)) visit(e, graph::Graph::target(e));
        else
          for (Edge e : g.in_edges(u)) visit(e, graph::Graph::source(e));
      }
      std::swap(frontier, next);
    }
  }
  finish(result, plan, count);
  return true;
}

// count(*) over (a)-[*2..2]-(b) with no other constraint: every trail of length two is a pair of
// distinct relationships meeting at a middle node, so the count is a sum over middle nodes.
bool two_hop_count(ExecContext& ctx, const plan::Plan& plan, const Shape& shape, QueryResult& result) {
  const auto& agg = *shape.aggregate;
  const auto& ps = *shape.pattern;
  const auto& r = ps.rels[0];
  if (agg.kind != AggregateKind::Count || agg.arg || r.min != 2 || r.max != 2 || r.unbounded) return false;
  for (const auto& n : ps.nodes)
    if (!n.labels.empty() || !n.props.empty()) return false;
  const auto& g = ctx.graph;
  auto types = type_filter(g, r);
  if (types.impossible) {
    finish(result, plan, 0);
    return true;
  }
  std::int64_t total = 0;
  for (Vertex m = 0; m < g.node_count(); ++m) {
    if ((m & 1023) == 0) ctx.check_cancel();
    std::int64_t in = 0, out = 0, loops = 0;
    for (Edge e : g.in_edges(m))
      if (types(g, e)) ++in;
    for (Edge e : g.out_edges(m))
      if (types(g, e)) {
        ++out;
        loops += graph::Graph::target(e) == m;
      }
    if (r.dir == ast::Dir::Both) {
      std::int64_t degree = in + out - loops;  // an undirected walk sees a self-loop once
      total += degree * (degree - 1);
    } else {
      total += in * out - loops;  // a self-loop cannot be both relationships
    }
  }
  finish(result, plan, total);
  return true;
}

}  // namespace

bool run_fast_path(ExecContext& ctx, const plan::Plan& plan, QueryResult& result) {
  auto shape = single_hop_aggregate(plan);
  if (!shape) return false;
  return reachability_count(ctx, plan, *shape, result) || two_hop_count(ctx, plan, *shape, result);
}

}  // namespace bangfu::query
