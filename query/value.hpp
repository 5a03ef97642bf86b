// Value: what a query expression evaluates to — Cypher's null, booleans, numbers, strings, lists,
// maps, nodes, relationships, paths and temporal values. Nodes and relationships refer into the graph, never copy it.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "graph/graph.hpp"
#include "temporal/temporal.hpp"

namespace bangfu::query {

using Vertex = graph::Graph::Vertex;
using Edge = graph::Graph::Edge;

using Temporal = temporal::Temporal;

struct Value;
using List = std::vector<Value>;
using Map = std::vector<std::pair<std::string, Value>>;  // keys in insertion order

struct NodeRef {
  Vertex v;
  bool operator==(const NodeRef& o) const { return v == o.v; }
};
struct RelRef {
  Edge e;
  bool operator==(const RelRef& o) const { return e == o.e; }
};
struct PathValue {
  std::vector<Vertex> nodes;  // nodes.size() == rels.size() + 1
  std::vector<Edge> rels;
  bool operator==(const PathValue& o) const { return nodes == o.nodes && rels == o.rels; }
};

struct Value {
  std::variant<std::monostate, bool, std::int64_t, double, std::string, List, Map, NodeRef, RelRef, PathValue,
               temporal::Temporal>
      v;

  Value() = default;
  Value(bool b) : v(b) {}
  Value(int i) : v(static_cast<std::int64_t>(i)) {}
  Value(std::int64_t i) : v(i) {}
  Value(double d) : v(d) {}
  Value(std::string s) : v(std::move(s)) {}
  Value(const char* s) : v(std::string(s)) {}
  Value(List l) : v(std::move(l)) {}
  Value(Map m) : v(std::move(m)) {}
  Value(NodeRef n) : v(n) {}
  Value(RelRef r) : v(r) {}
  Value(PathValue p) : v(std::move(p)) {}
  Value(temporal::Temporal t) : v(t) {}

  bool is_null() const { return std::holds_alternative<std::monostate>(v); }
  template <class T> bool is() const { return std::holds_alternative<T>(v); }
  template <class T> const T& as() const { return std::get<T>(v); }
};

}  // namespace bangfu::query
