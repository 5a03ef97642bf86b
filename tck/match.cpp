#include "tck/match.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

namespace bangfu::tck {

namespace {

using graph::Graph;
using graph::PropValue;

bool same_double(double expected, double actual) {
  if (std::isnan(expected) || std::isnan(actual)) return std::isnan(expected) && std::isnan(actual);
  if (expected == actual) return true;
  // The TCK writes floats with the digits that matter; allow for the last bits of arithmetic.
  return std::fabs(expected - actual) <= 1e-12 * std::max(std::fabs(expected), std::fabs(actual));
}

// Each expected item must pair with its own actual item; equality is an equivalence, so greedy works.
template <class Actual>
bool same_multiset(const TckList& expected, const std::vector<Actual>& actual,
                   const std::function<bool(const TckValue&, const Actual&)>& eq) {
  if (expected.size() != actual.size()) return false;
  std::vector<bool> used(actual.size(), false);
  for (const auto& e : expected) {
    bool found = false;
    for (std::size_t i = 0; i < actual.size() && !found; ++i) {
      if (used[i] || !eq(e, actual[i])) continue;
      used[i] = found = true;
    }
    if (!found) return false;
  }
  return true;
}

template <class Actual>
bool same_list(const TckList& expected, const std::vector<Actual>& actual, const MatchOptions& o,
               const std::function<bool(const TckValue&, const Actual&)>& eq) {
  if (o.unordered_lists) return same_multiset(expected, actual, eq);
  if (expected.size() != actual.size()) return false;
  for (std::size_t i = 0; i < expected.size(); ++i)
    if (!eq(expected[i], actual[i])) return false;
  return true;
}

bool same_props(const TckMap& expected, const graph::Properties& actual, const MatchOptions& o) {
  if (expected.size() != actual.size()) return false;
  for (const auto& [k, v] : expected) {
    const PropValue* a = graph::find_property(actual, k);
    if (!a || !matches(v, *a, o)) return false;
  }
  return true;
}

bool same_node(const TckNode& expected, const Graph& g, query::Vertex v, const MatchOptions& o) {
  const auto& labels = g.node(v).labels;
  if (labels.size() != expected.labels.size()) return false;
  for (const auto& l : expected.labels) {
    auto id = g.find_label(l);
    if (!id || std::find(labels.begin(), labels.end(), *id) == labels.end()) return false;
  }
  return same_props(expected.props, g.node_property_map(v), o);
}

bool same_rel(const TckRel& expected, const Graph& g, query::Edge e, const MatchOptions& o) {
  return g.type_name(g.edge(e).type) == expected.type && same_props(expected.props, g.edge_property_map(e), o);
}

bool same_path(const TckPath& expected, const Graph& g, const query::PathValue& p, const MatchOptions& o) {
  if (expected.nodes.size() != p.nodes.size() || expected.rels.size() != p.rels.size()) return false;
  for (std::size_t i = 0; i < p.nodes.size(); ++i)
    if (!same_node(expected.nodes[i], g, p.nodes[i], o)) return false;
  for (std::size_t i = 0; i < p.rels.size(); ++i) {
    auto from = expected.forward[i] ? p.nodes[i] : p.nodes[i + 1];
    auto to = expected.forward[i] ? p.nodes[i + 1] : p.nodes[i];
    if (Graph::source(p.rels[i]) != from || Graph::target(p.rels[i]) != to) return false;
    if (!same_rel(expected.rels[i], g, p.rels[i], o)) return false;
  }
  return true;
}

}  // namespace

bool matches(const TckValue& expected, const PropValue& actual, const MatchOptions& o) {
  const auto& a = actual.v;
  if (expected.is<std::monostate>()) return actual.is_null();
  if (expected.is<bool>()) return std::holds_alternative<bool>(a) && std::get<bool>(a) == expected.as<bool>();
  if (expected.is<std::int64_t>())
    return std::holds_alternative<std::int64_t>(a) && std::get<std::int64_t>(a) == expected.as<std::int64_t>();
  if (expected.is<double>()) return std::holds_alternative<double>(a) && same_double(expected.as<double>(), std::get<double>(a));
  // The TCK writes temporal values as their ISO text.
  if (expected.is<std::string>() && std::holds_alternative<temporal::Temporal>(a))
    return temporal::to_string(std::get<temporal::Temporal>(a)) == expected.as<std::string>();
  if (expected.is<std::string>())
    return std::holds_alternative<std::string>(a) && std::get<std::string>(a) == expected.as<std::string>();
  if (expected.is<TckList>() && std::holds_alternative<graph::PropList>(a))
    return same_list<PropValue>(expected.as<TckList>(), std::get<graph::PropList>(a), o,
                                [&](const TckValue& e, const PropValue& x) { return matches(e, x, o); });
  return false;
}

bool matches(const TckValue& expected, const query::Value& actual, const Graph& g, const MatchOptions& o) {
  using namespace query;
  const auto& a = actual.v;
  return std::visit(
      [&](const auto& e) -> bool {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, std::monostate>) return actual.is_null();
        else if constexpr (std::is_same_v<T, bool>) return actual.is<bool>() && actual.as<bool>() == e;
        else if constexpr (std::is_same_v<T, std::int64_t>) return actual.is<std::int64_t>() && actual.as<std::int64_t>() == e;
        else if constexpr (std::is_same_v<T, double>) return actual.is<double>() && same_double(e, actual.as<double>());
        else if constexpr (std::is_same_v<T, std::string>) {
          if (actual.is<Temporal>()) return temporal::to_string(actual.as<Temporal>()) == e;  // the TCK's notation
          return actual.is<std::string>() && actual.as<std::string>() == e;
        }
        else if constexpr (std::is_same_v<T, TckList>) {
          if (!actual.is<List>()) return false;
          return same_list<Value>(e, actual.as<List>(), o,
                                  [&](const TckValue& x, const Value& y) { return matches(x, y, g, o); });
        } else if constexpr (std::is_same_v<T, TckMap>) {
          if (!actual.is<Map>()) return false;
          const auto& m = actual.as<Map>();
          if (m.size() != e.size()) return false;
          for (const auto& entry : e) {
            const auto& key = entry.first;
            auto it = std::find_if(m.begin(), m.end(), [&](const auto& kv) { return kv.first == key; });
            if (it == m.end() || !matches(entry.second, it->second, g, o)) return false;
          }
          return true;
        } else if constexpr (std::is_same_v<T, TckNode>) return actual.is<NodeRef>() && same_node(e, g, actual.as<NodeRef>().v, o);
        else if constexpr (std::is_same_v<T, TckRel>) return actual.is<RelRef>() && same_rel(e, g, actual.as<RelRef>().e, o);
        else return std::holds_alternative<PathValue>(a) && same_path(e, g, std::get<PathValue>(a), o);
      },
      expected.v);
}

query::Value to_query_value(const TckValue& value) {
  return std::visit(
      [](const auto& x) -> query::Value {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>) return {};
        else if constexpr (std::is_same_v<T, bool> || std::is_same_v<T, std::int64_t> || std::is_same_v<T, double> ||
                           std::is_same_v<T, std::string>)
          return query::Value(x);
        else if constexpr (std::is_same_v<T, TckList>) {
          query::List out;
          for (const auto& item : x) out.push_back(to_query_value(item));
          return query::Value(std::move(out));
        } else if constexpr (std::is_same_v<T, TckMap>) {
          query::Map out;
          for (const auto& [k, v] : x) out.emplace_back(k, to_query_value(v));
          return query::Value(std::move(out));
        } else
          throw TckSyntaxError("nodes, relationships and paths cannot be parameters");
      },
      value.v);
}

}  // namespace bangfu::tck
