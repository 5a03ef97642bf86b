// Plan: a bound statement — every variable resolved to a row slot, labels and types to canonical names,
// aggregates pulled out of projections — ready for the executor.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "query/ast.hpp"
#include "query/functions.hpp"

namespace bangfu::query::plan {

using ast::ExprPtr;

struct NodeStep {
  int slot = -1;
  std::vector<std::string> labels;                    // canonical names
  std::vector<std::pair<std::string, ExprPtr>> props;
};

struct RelStep {
  int slot = -1;
  std::vector<std::string> types;                     // canonical names; empty: any type
  std::vector<std::pair<std::string, ExprPtr>> props;
  ast::Dir dir = ast::Dir::Out;
  bool var_length = false;
  std::int64_t min = 1, max = 1;
  bool unbounded = false;                             // `*`, `*2..`: capped by QueryOptions::max_var_length
  bool needs_list = true;                             // var-length: someone reads the list of relationships
};

struct PatternStep {
  int path_slot = -1;
  ast::PathKind kind = ast::PathKind::Plain;
  std::vector<NodeStep> nodes;
  std::vector<RelStep> rels;
};

struct Match {
  bool optional = false;
  std::vector<PatternStep> patterns;
  ExprPtr where;
  std::vector<int> introduced;  // slots this clause binds, anonymous ones included; all others are bound before
};

struct Create {
  std::vector<PatternStep> patterns;
  std::vector<int> introduced;
};

struct Unwind {
  ExprPtr list;
  int slot = -1;
};

struct Aggregate {
  AggregateKind kind = AggregateKind::Count;
  bool distinct = false;
  ExprPtr arg;    // null for count(*)
  ExprPtr param;  // percentileDisc/percentileCont: the percentile
  int slot = -1;
};

struct Item {
  ExprPtr expr;
  int slot = -1;
  std::string column;
  bool has_aggregate = false;
};

struct SortKey {
  ExprPtr expr;
  bool desc = false;
};

struct Projection {
  bool is_return = false;
  bool distinct = false;
  std::vector<Item> items;
  std::vector<Aggregate> aggregates;  // non-empty: rows are grouped by the items without aggregates
  std::vector<SortKey> order;
  ExprPtr skip, limit;
  ExprPtr where;                      // WITH … WHERE
  // Variables used outside the aggregates of an aggregating item (`{k: n.x, c: count(*)}`) group too.
  std::vector<ExprPtr> hidden_keys;
};

struct SetItem {
  ast::SetItem::Kind kind = ast::SetItem::Kind::Property;
  int slot = -1;
  std::string key;
  std::vector<std::string> labels;  // canonical names
  ExprPtr value;
};

struct Set {
  std::vector<SetItem> items;
};

using Step = std::variant<Match, Create, Unwind, Projection, Set>;

struct Plan {
  std::vector<Step> steps;
  std::size_t slot_count = 0;
  std::vector<std::string> columns;
};

}  // namespace bangfu::query::plan
