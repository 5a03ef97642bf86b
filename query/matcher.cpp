#include "query/matcher.hpp"

#include <algorithm>
#include <deque>
#include <unordered_map>

#include "query/compare.hpp"
#include "query/functions.hpp"
#include "query/vertex_map.hpp"

namespace bangfu::query {

namespace {

ast::Dir flip(ast::Dir d) {
  return d == ast::Dir::Out ? ast::Dir::In : d == ast::Dir::In ? ast::Dir::Out : ast::Dir::Both;
}

}  // namespace

Matcher::Matcher(ExecContext& ctx, const plan::Match& m) : ctx_(ctx), m_(m) {
  const auto& g = ctx_.graph;
  for (const auto& p : m_.patterns) {
    auto& nf = node_filters_.emplace_back();
    for (const auto& n : p.nodes) {
      NodeFilter f;
      for (const auto& l : n.labels) {
        auto id = g.find_label(l);
        if (id) f.labels.push_back(*id);
        else f.impossible = true;
      }
      nf.push_back(std::move(f));
    }
    auto& rf = rel_filters_.emplace_back();
    for (const auto& r : p.rels) {
      RelFilter f;
      for (const auto& t : r.types)
        if (auto id = g.find_type(t)) f.types.push_back(*id);
      f.impossible = !r.types.empty() && f.types.empty();
      rf.push_back(std::move(f));
    }
  }
}

bool Matcher::run(Row& row, const Emit& emit) {
  emit_ = &emit;
  assigned_.assign(row.size(), 1);
  for (int s : m_.introduced) assigned_[static_cast<std::size_t>(s)] = 0;
  used_.clear();
  return match_pattern(0, row);
}

bool Matcher::match_pattern(std::size_t i, Row& row) {
  if (i == m_.patterns.size()) {
    if ((++leaves_ & 1023) == 0) ctx_.check_cancel();
    if (m_.where && !is_true(evaluate(*m_.where, ctx_.eval(row)))) return true;
    return (*emit_)(row);
  }
  const auto& p = m_.patterns[i];
  if (p.kind != ast::PathKind::Plain) return shortest(i, row);
  for (const auto& f : node_filters_[i])
    if (f.impossible) return true;
  for (const auto& f : rel_filters_[i])
    if (f.impossible) return true;

  // Start from whichever end is cheaper; hops then walk the chain away from it.
  std::size_t last = p.nodes.size() - 1;
  bool backward = last > 0 && estimate(p.nodes[last], node_filters_[i][last], row) <
                                  estimate(p.nodes[0], node_filters_[i][0], row);
  std::vector<Hop> hops;
  for (std::size_t k = 0; k < p.rels.size(); ++k) {
    int r = backward ? static_cast<int>(p.rels.size() - 1 - k) : static_cast<int>(k);
    hops.push_back(backward ? Hop{r, r + 1, r, true} : Hop{r, r, r + 1, false});
  }
  std::size_t start = backward ? last : 0;
  const auto& n = p.nodes[start];
  const auto& f = node_filters_[i][start];
  for (Vertex v : candidates(n, f, row)) {
    ctx_.tick();  // a scanned node counts as an expansion, so cartesian products are bounded too
    bool bound = false;
    if (!bind_node(n, f, v, row, bound)) continue;
    bool go_on = walk(i, hops, 0, row);
    if (bound) assigned_[static_cast<std::size_t>(n.slot)] = 0;
    if (!go_on) return false;
  }
  return true;
}

bool Matcher::walk(std::size_t pattern, const std::vector<Hop>& hops, std::size_t h, Row& row) {
  if (h == hops.size()) return finish_pattern(pattern, row);
  const auto& p = m_.patterns[pattern];
  const auto& from = row[static_cast<std::size_t>(p.nodes[static_cast<std::size_t>(hops[h].from)].slot)];
  Vertex u = from.as<NodeRef>().v;
  const auto& r = p.rels[static_cast<std::size_t>(hops[h].rel)];
  if (!r.var_length) return expand_fixed(pattern, hops, h, u, row);
  std::vector<Edge> trail;
  return expand_var(pattern, hops, h, u, 0, trail, row);
}

template <class F>
bool Matcher::for_each_neighbour(Vertex u, ast::Dir dir, F&& f) {
  const auto& g = ctx_.graph;
  if (dir != ast::Dir::In) {
    for (Edge e : g.out_edges(u)) {
      ctx_.tick();
      if (!f(e, graph::Graph::target(e))) return false;
    }
  }
  if (dir != ast::Dir::Out) {
    for (Edge e : g.in_edges(u)) {
      Vertex w = graph::Graph::source(e);
      if (dir == ast::Dir::Both && w == u) continue;  // a self-loop was already seen as an out-edge
      ctx_.tick();
      if (!f(e, w)) return false;
    }
  }
  return true;
}

bool Matcher::expand_fixed(std::size_t pattern, const std::vector<Hop>& hops, std::size_t h, Vertex u, Row& row) {
  const auto& p = m_.patterns[pattern];
  const Hop& hop = hops[h];
  const auto& r = p.rels[static_cast<std::size_t>(hop.rel)];
  const auto& rf = rel_filters_[pattern][static_cast<std::size_t>(hop.rel)];
  const auto& to = p.nodes[static_cast<std::size_t>(hop.to)];
  const auto& tf = node_filters_[pattern][static_cast<std::size_t>(hop.to)];
  auto rslot = static_cast<std::size_t>(r.slot);
  bool rel_bound = assigned_[rslot];
  ast::Dir dir = hop.reversed ? flip(r.dir) : r.dir;
  return for_each_neighbour(u, dir, [&](Edge e, Vertex w) {
    if (rel_bound && !(row[rslot].is<RelRef>() && row[rslot].as<RelRef>().e == e)) return true;
    if (edge_used(e) || !rel_ok(r, rf, e, row)) return true;
    bool bound = false;
    if (!bind_node(to, tf, w, row, bound)) return true;
    if (!rel_bound) {
      row[rslot] = Value(RelRef{e});
      assigned_[rslot] = 1;
    }
    used_.push_back(e);
    bool go_on = walk(pattern, hops, h + 1, row);
    used_.pop_back();
    if (!rel_bound) assigned_[rslot] = 0;
    if (bound) assigned_[static_cast<std::size_t>(to.slot)] = 0;
    return go_on;
  });
}

bool Matcher::expand_var(std::size_t pattern, const std::vector<Hop>& hops, std::size_t h, Vertex u,
                         std::int64_t depth, std::vector<Edge>& trail, Row& row) {
  const auto& p = m_.patterns[pattern];
  const Hop& hop = hops[h];
  const auto& r = p.rels[static_cast<std::size_t>(hop.rel)];
  const auto& rf = rel_filters_[pattern][static_cast<std::size_t>(hop.rel)];
  auto rslot = static_cast<std::size_t>(r.slot);
  std::int64_t max = r.unbounded ? static_cast<std::int64_t>(ctx_.options.max_var_length) : r.max;
  if (depth >= r.min) {
    const auto& to = p.nodes[static_cast<std::size_t>(hop.to)];
    const auto& tf = node_filters_[pattern][static_cast<std::size_t>(hop.to)];
    bool rel_bound = assigned_[rslot];
    bool accept = true;
    if (rel_bound || r.needs_list) {
      List rels;
      rels.reserve(trail.size());
      for (const auto& e : trail) rels.emplace_back(RelRef{e});
      if (hop.reversed) std::reverse(rels.begin(), rels.end());
      if (rel_bound) accept = equals(row[rslot], Value(rels)) == Tri::True;
      else row[rslot] = Value(std::move(rels));
    }
    bool bound = false;
    if (accept && bind_node(to, tf, u, row, bound)) {
      if (!rel_bound) assigned_[rslot] = 1;
      bool go_on = walk(pattern, hops, h + 1, row);
      if (!rel_bound) assigned_[rslot] = 0;
      if (bound) assigned_[static_cast<std::size_t>(to.slot)] = 0;
      if (!go_on) return false;
    }
  }
  if (depth >= max) return true;
  ast::Dir dir = hop.reversed ? flip(r.dir) : r.dir;
  return for_each_neighbour(u, dir, [&](Edge e, Vertex w) {
    if (edge_used(e) || !rel_ok(r, rf, e, row)) return true;
    used_.push_back(e);
    trail.push_back(e);
    bool go_on = expand_var(pattern, hops, h, w, depth + 1, trail, row);
    trail.pop_back();
    used_.pop_back();
    return go_on;
  });
}

bool Matcher::finish_pattern(std::size_t pattern, Row& row) {
  const auto& p = m_.patterns[pattern];
  if (p.path_slot >= 0) {
    PathValue path;
    Vertex cur = row[static_cast<std::size_t>(p.nodes[0].slot)].as<NodeRef>().v;
    path.nodes.push_back(cur);
    auto step = [&](Edge e) {
      cur = graph::Graph::other_end(e, cur);
      path.rels.push_back(e);
      path.nodes.push_back(cur);
    };
    for (const auto& r : p.rels) {
      const auto& v = row[static_cast<std::size_t>(r.slot)];
      if (v.is<RelRef>()) step(v.as<RelRef>().e);
      else
        for (const auto& x : v.as<List>()) step(x.as<RelRef>().e);
    }
    row[static_cast<std::size_t>(p.path_slot)] = Value(std::move(path));
  }
  return match_pattern(pattern + 1, row);
}

// Breadth-first search from each start candidate; every shortest path to a matching end node is
// emitted (one per end node for shortestPath, all of them for allShortestPaths).
namespace {
// Up to this many named end nodes, one two-sided search per end beats one flood from the start.
constexpr std::size_t kIndexedEnds = 16;
}  // namespace

bool Matcher::shortest(std::size_t pattern, Row& row) {
  const auto& p = m_.patterns[pattern];
  const auto& nf = node_filters_[pattern];
  const auto& r = p.rels[0];
  const auto& rf = rel_filters_[pattern][0];
  if (nf[0].impossible || nf[1].impossible || rf.impossible) return true;
  bool all = p.kind == ast::PathKind::AllShortest;
  std::int64_t min = r.var_length ? r.min : 1;
  std::int64_t max = !r.var_length ? 1 : r.unbounded ? static_cast<std::int64_t>(ctx_.options.max_var_length) : r.max;
  auto rslot = static_cast<std::size_t>(r.slot);

  for (Vertex s : candidates(p.nodes[0], nf[0], row)) {
    ctx_.tick();
    bool s_bound = false;
    if (!bind_node(p.nodes[0], nf[0], s, row, s_bound)) continue;
    auto end_slot = static_cast<std::size_t>(p.nodes[1].slot);
    std::optional<Vertex> target;
    if (assigned_[end_slot]) {
      if (!row[end_slot].is<NodeRef>()) {
        if (s_bound) assigned_[static_cast<std::size_t>(p.nodes[0].slot)] = 0;
        continue;
      }
      target = row[end_slot].as<NodeRef>().v;
    }
    // Ends known in advance (bound, or named and found through the name index) are reached by a
    // search from both sides instead of a flood from s.
    std::vector<Vertex> known_ends;
    if (target) known_ends = {*target};
    else if (!all && estimate(p.nodes[1], nf[1], row) <= kIndexedEnds) known_ends = candidates(p.nodes[1], nf[1], row);
    bool ends_known = target || !known_ends.empty();
    if (ends_known && !all && std::find(known_ends.begin(), known_ends.end(), s) == known_ends.end()) {
      for (Vertex t : known_ends) {
        std::vector<Edge> path;
        if (!bidirectional(r, rf, s, t, max, row, path) || static_cast<std::int64_t>(path.size()) < min) continue;
        bool t_bound = false;
        if (!bind_node(p.nodes[1], nf[1], t, row, t_bound)) continue;
        List rels;
        for (auto e : path) rels.emplace_back(RelRef{e});
        row[rslot] = r.var_length ? Value(std::move(rels)) : Value(RelRef{path[0]});
        assigned_[rslot] = 1;
        bool go_on = finish_pattern(pattern, row);
        assigned_[rslot] = 0;
        if (t_bound) assigned_[end_slot] = 0;
        if (!go_on) return false;
      }
      if (s_bound) assigned_[static_cast<std::size_t>(p.nodes[0].slot)] = 0;
      continue;
    }
    // dist and the edges that reach each node on a shortest path.
    std::unordered_map<Vertex, std::pair<std::int64_t, std::vector<Edge>>> seen;
    seen[s] = {0, {}};
    std::vector<Vertex> frontier{s}, order{s};
    bool target_found = target && *target == s && min == 0;
    for (std::int64_t depth = 0; depth < max && !frontier.empty() && !target_found; ++depth) {
      std::vector<Vertex> next;
      for (Vertex u : frontier) {
        for_each_neighbour(u, r.dir, [&](Edge e, Vertex w) {
          if (!rel_ok(r, rf, e, row)) return true;
          auto it = seen.find(w);
          if (it == seen.end()) {
            seen[w] = {depth + 1, {e}};
            next.push_back(w);
            order.push_back(w);
          } else if (all && it->second.first == depth + 1) {
            it->second.second.push_back(e);
          }
          return true;
        });
      }
      frontier = std::move(next);
      if (target && seen.count(*target)) target_found = true;
    }
    std::vector<Vertex> ends = target ? std::vector<Vertex>{*target} : order;
    for (Vertex t : ends) {
      auto it = seen.find(t);
      if (it == seen.end() || it->second.first < min) continue;
      bool t_bound = false;
      if (!bind_node(p.nodes[1], nf[1], t, row, t_bound)) continue;
      // Enumerate paths backwards from t through the recorded parent edges.
      std::vector<std::vector<Edge>> paths{{}};
      std::vector<Vertex> at{t};
      for (std::int64_t d = it->second.first; d > 0; --d) {
        std::vector<std::vector<Edge>> grown;
        std::vector<Vertex> grown_at;
        for (std::size_t k = 0; k < paths.size(); ++k) {
          const auto& parents = seen[at[k]].second;
          for (std::size_t q = 0; q < (all ? parents.size() : 1); ++q) {
            Edge e = parents[q];
            Vertex prev = graph::Graph::other_end(e, at[k]);
            grown.push_back(paths[k]);
            grown.back().push_back(e);
            grown_at.push_back(prev);
          }
        }
        paths = std::move(grown);
        at = std::move(grown_at);
      }
      bool go_on = true;
      for (auto& edges : paths) {
        std::reverse(edges.begin(), edges.end());
        List rels;
        for (auto e : edges) rels.emplace_back(RelRef{e});
        row[rslot] = r.var_length ? Value(std::move(rels)) : (edges.empty() ? Value() : Value(RelRef{edges[0]}));
        assigned_[rslot] = 1;
        go_on = finish_pattern(pattern, row);
        assigned_[rslot] = 0;
        if (!go_on) break;
      }
      if (t_bound) assigned_[end_slot] = 0;
      if (!go_on) return false;
    }
    if (s_bound) assigned_[static_cast<std::size_t>(p.nodes[0].slot)] = 0;
  }
  return true;
}

bool Matcher::bidirectional(const plan::RelStep& r, const RelFilter& f, Vertex s, Vertex t, std::int64_t max,
                            const Row& row, std::vector<Edge>& path) {
  struct Side {
    VertexMap<std::optional<Edge>> parent;  // the edge each reached vertex came by; none for the start
    std::vector<Vertex> frontier;
    ast::Dir dir;
  };
  Side fwd{{}, {s}, r.dir}, bwd{{}, {t}, flip(r.dir)};
  fwd.parent.insert(s, std::nullopt);
  bwd.parent.insert(t, std::nullopt);
  auto other_end = [](Edge e, Vertex v) { return graph::Graph::other_end(e, v); };
  std::optional<Vertex> meet;
  for (std::int64_t depth = 0; depth < max && !meet && !fwd.frontier.empty() && !bwd.frontier.empty(); ++depth) {
    // Grow the side with the smaller frontier: on skewed graphs that keeps both balls small.
    bool forward = fwd.frontier.size() <= bwd.frontier.size();
    Side& side = forward ? fwd : bwd;
    const Side& other = forward ? bwd : fwd;
    std::vector<Vertex> next;
    for (Vertex u : side.frontier) {
      bool go_on = for_each_neighbour(u, side.dir, [&](Edge e, Vertex w) {
        if (side.parent.contains(w) || !rel_ok(r, f, e, row)) return true;
        side.parent.insert(w, e);
        next.push_back(w);
        if (other.parent.contains(w)) {
          meet = w;
          return false;
        }
        return true;
      });
      if (!go_on) break;
    }
    side.frontier = std::move(next);
  }
  if (!meet) return false;
  auto walk_back = [&](const Side& side) {
    for (Vertex v = *meet; const auto& e = *side.parent.find(v);) {
      path.push_back(*e);
      v = other_end(*e, v);
    }
  };
  walk_back(fwd);
  std::reverse(path.begin(), path.end());
  walk_back(bwd);
  return true;
}

bool Matcher::edge_used(Edge e) const {
  for (const auto& x : used_)
    if (x == e) return true;
  return false;
}

bool Matcher::node_ok(const plan::NodeStep& n, const NodeFilter& f, Vertex v, const Row& row) const {
  if (f.impossible) return false;
  for (auto l : f.labels)
    if (!ctx_.graph.has_label(v, l)) return false;
  for (const auto& [key, expr] : n.props) {
    Value want = evaluate(*expr, ctx_.eval(row));
    if (equals(from_prop(ctx_.graph.node_property(v, key)), want) != Tri::True) return false;
  }
  return true;
}

bool Matcher::rel_ok(const plan::RelStep& r, const RelFilter& f, Edge e, const Row& row) const {
  if (!f.types.empty()) {
    auto t = ctx_.graph.edge(e).type;
    if (std::find(f.types.begin(), f.types.end(), t) == f.types.end()) return false;
  }
  for (const auto& [key, expr] : r.props) {
    Value want = evaluate(*expr, ctx_.eval(row));
    if (equals(from_prop(ctx_.graph.edge_property(e, key)), want) != Tri::True) return false;
  }
  return true;
}

bool Matcher::bind_node(const plan::NodeStep& n, const NodeFilter& f, Vertex v, Row& row, bool& bound_here) {
  auto slot = static_cast<std::size_t>(n.slot);
  bound_here = false;
  if (assigned_[slot]) {
    if (!row[slot].is<NodeRef>() || row[slot].as<NodeRef>().v != v) return false;
    return node_ok(n, f, v, row);
  }
  if (!node_ok(n, f, v, row)) return false;
  row[slot] = Value(NodeRef{v});
  assigned_[slot] = 1;
  bound_here = true;
  return true;
}

std::vector<Vertex> Matcher::candidates(const plan::NodeStep& n, const NodeFilter& f, const Row& row) const {
  auto slot = static_cast<std::size_t>(n.slot);
  if (assigned_[slot]) {
    if (row[slot].is<NodeRef>()) return {row[slot].as<NodeRef>().v};
    return {};
  }
  if (f.impossible) return {};
  const auto& g = ctx_.graph;
  for (const auto& [key, expr] : n.props) {
    if (key != "name") continue;
    Value want = evaluate(*expr, ctx_.eval(row));
    if (want.is<std::string>()) return g.find(want.as<std::string>());
  }
  if (!f.labels.empty()) {
    const std::vector<Vertex>* best = nullptr;
    for (auto l : f.labels) {
      const auto& vs = g.nodes_with_label(l);
      if (!best || vs.size() < best->size()) best = &vs;
    }
    return *best;
  }
  std::vector<Vertex> all(g.node_count());
  for (std::size_t k = 0; k < all.size(); ++k) all[k] = k;
  return all;
}

std::size_t Matcher::estimate(const plan::NodeStep& n, const NodeFilter& f, const Row& row) const {
  if (assigned_[static_cast<std::size_t>(n.slot)] || f.impossible) return 0;
  const auto& g = ctx_.graph;
  for (const auto& [key, expr] : n.props)
    if (key == "name") {
      Value want = evaluate(*expr, ctx_.eval(row));
      if (want.is<std::string>()) return g.find(want.as<std::string>()).size();
    }
  std::size_t best = g.node_count() + 1;
  for (auto l : f.labels) best = std::min(best, g.nodes_with_label(l).size());
  return best;
}

}  // namespace bangfu::query
