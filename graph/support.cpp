#include "graph/support.hpp"

#include <algorithm>
#include <deque>
#include <limits>
#include <map>

namespace bangfu::graph {

namespace {

using Vertex = Graph::Vertex;
using Edge = Graph::Edge;

// Per relation-type id: 0 not a support relation, 1 directed, 2 symmetric.
std::vector<int> support_kinds(const Graph& g) {
  std::vector<int> kinds(g.types().size(), 0);
  for (std::size_t t = 0; t < kinds.size(); ++t) {
    auto r = parse_rel_type(g.types()[t]);
    if (r && is_support_relation(*r)) kinds[t] = is_symmetric(*r) ? 2 : 1;
  }
  return kinds;
}

// Steps help can take from `v`: forward (beneficiaries) or backward (supporters).
template <class Fn>
void for_each_step(const Graph& g, const std::vector<int>& kinds, Vertex v, bool forward, const SupportOptions& o,
                   bool any_direction, Fn&& fn) {
  bool symmetric = o.symmetric;
  auto kind = [&](Edge e) {
    if (o.since_days) {
      PropValue last = g.edge_property(e, "last_seen");
      const auto* t = std::get_if<temporal::Temporal>(&last.v);
      if (!t || t->days < *o.since_days) return 0;
    }
    return kinds[g.edge(e).type];
  };
  for (auto it : g.out_edges(v)) {
    int k = kind(it);
    if (!k || (k == 2 && !symmetric)) continue;
    Vertex w = Graph::target(it);
    // Along its direction this edge is help from v to w; against it only for symmetric relations.
    if (forward || k == 2 || any_direction) fn(Hop{forward ? v : w, forward ? w : v, it, !forward}, w);
  }
  for (auto it : g.in_edges(v)) {
    int k = kind(it);
    if (!k || (k == 2 && !symmetric)) continue;
    Vertex w = Graph::source(it);
    if (Graph::target(it) == w) continue;  // self-loop, already seen as an out-edge
    if (!forward || k == 2 || any_direction) fn(Hop{forward ? v : w, forward ? w : v, it, forward}, w);
  }
}

// BFS from `start`; parent hops give each reached node one shortest chain.
struct Bfs {
  std::vector<std::size_t> dist;
  std::vector<std::optional<Hop>> parent;
};

Bfs bfs(const Graph& g, Vertex start, bool forward, const SupportOptions& o, bool any_direction,
        std::optional<Vertex> stop_at = std::nullopt) {
  auto kinds = support_kinds(g);
  auto n = g.node_count();
  Bfs b{std::vector<std::size_t>(n, std::numeric_limits<std::size_t>::max()), std::vector<std::optional<Hop>>(n)};
  std::deque<Vertex> queue{start};
  std::vector<std::pair<Hop, Vertex>> steps;
  b.dist[start] = 0;
  while (!queue.empty()) {
    Vertex v = queue.front();
    queue.pop_front();
    if (stop_at && v == *stop_at) break;
    if (b.dist[v] >= o.max_hops) continue;
    // Directed support first, so that of two equally short chains the one saying more is kept.
    steps.clear();
    for_each_step(g, kinds, v, forward, o, any_direction,
                  [&](const Hop& hop, Vertex w) { steps.emplace_back(hop, w); });
    std::stable_partition(steps.begin(), steps.end(), [&](const auto& s) { return kinds[g.edge(s.first.edge).type] == 1; });
    for (const auto& [hop, w] : steps) {
      if (b.dist[w] != std::numeric_limits<std::size_t>::max()) continue;
      b.dist[w] = b.dist[v] + 1;
      b.parent[w] = hop;
      queue.push_back(w);
    }
  }
  return b;
}

// The chain to `target` in help order (supporter first).
std::vector<Hop> chain_to(const Bfs& b, Vertex target, bool forward) {
  std::vector<Hop> hops;
  for (Vertex v = target; b.parent[v];) {
    const Hop& h = *b.parent[v];
    hops.push_back(h);
    v = forward ? h.from : h.to;
  }
  if (forward) std::reverse(hops.begin(), hops.end());
  return hops;
}

const std::string& sort_name(const Graph& g, Vertex v) { return g.node(v).name; }

std::u32string decode(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    if (i + n > s.size()) n = 1;
    char32_t cp = n == 1 ? c : c & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out += cp;
    i += n;
  }
  return out;
}

}  // namespace

bool is_support_relation(RelType r) {
  return r == RelType::supports || r == RelType::dispatches || r == RelType::funds || r == RelType::co_builds ||
         r == RelType::partners_with;
}

SupportReport analyse_support(const Graph& g, Vertex entity, const SupportOptions& o) {
  SupportReport report;
  auto kinds = support_kinds(g);
  for (bool forward : {true, false}) {
    auto& direct = forward ? report.direct_beneficiaries : report.direct_supporters;
    auto& indirect = forward ? report.indirect_beneficiaries : report.indirect_supporters;
    for_each_step(g, kinds, entity, forward, o, false, [&](const Hop& hop, Vertex w) {
      if (w != entity) direct.push_back({w, {hop}});
    });
    std::stable_sort(direct.begin(), direct.end(), [&](const SupportLink& a, const SupportLink& b) {
      auto ta = g.edge(a.hops[0].edge).type, tb = g.edge(b.hops[0].edge).type;
      return ta != tb ? ta < tb : sort_name(g, a.other) < sort_name(g, b.other);
    });
    if (o.max_hops < 2) continue;
    auto b = bfs(g, entity, forward, o, false);
    for (Vertex v = 0; v < g.node_count(); ++v)
      if (b.dist[v] != std::numeric_limits<std::size_t>::max() && b.dist[v] >= 2) indirect.push_back({v, chain_to(b, v, forward)});
    std::sort(indirect.begin(), indirect.end(), [&](const SupportLink& a, const SupportLink& b) {
      return a.hops.size() != b.hops.size() ? a.hops.size() < b.hops.size() : sort_name(g, a.other) < sort_name(g, b.other);
    });
  }
  return report;
}

std::optional<std::vector<Hop>> support_chain(const Graph& g, Vertex from, Vertex to, const SupportOptions& o,
                                              bool any_direction) {
  if (from == to) return std::vector<Hop>{};
  auto b = bfs(g, from, true, o, any_direction, to);
  if (!b.parent[to]) return std::nullopt;
  return chain_to(b, to, true);
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  auto x = decode(a), y = decode(b);
  std::vector<std::size_t> row(y.size() + 1);
  for (std::size_t j = 0; j <= y.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= x.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= y.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (x[i - 1] == y[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[y.size()];
}

EntityLookup lookup_entity(const Graph& g, std::string_view name, std::size_t max_suggestions) {
  EntityLookup out;
  out.matches = g.find(name);
  if (!out.matches.empty() || name.empty()) return out;
  // Rank every name and alias: containment first (shorter names first), then by edit distance.
  std::size_t len = decode(name).size();
  std::size_t limit = std::max<std::size_t>(1, len / 2);
  std::map<std::string, std::size_t> best;  // name -> score, lower is better
  auto consider = [&](const std::string& candidate) {
    if (candidate.empty()) return;
    std::size_t score;
    if (candidate.find(name) != std::string::npos || name.find(candidate) != std::string_view::npos) {
      score = decode(candidate).size() > len ? decode(candidate).size() - len : len - decode(candidate).size();
    } else {
      std::size_t d = edit_distance(name, candidate);
      if (d > limit) return;
      score = 1000 + d;
    }
    auto [it, fresh] = best.emplace(candidate, score);
    if (!fresh) it->second = std::min(it->second, score);
  };
  for (Vertex v = 0; v < g.node_count(); ++v) {
    consider(g.node(v).name);
    for (const auto& a : g.node(v).aliases) consider(a);
  }
  std::vector<std::pair<std::size_t, std::string>> ranked;
  for (auto& [n, s] : best) ranked.emplace_back(s, n);
  std::sort(ranked.begin(), ranked.end());
  for (std::size_t i = 0; i < ranked.size() && i < max_suggestions; ++i) out.suggestions.push_back(ranked[i].second);
  return out;
}

}  // namespace bangfu::graph
