// Syntax tree of one query statement, as the grammar builds it; the binder then resolves its variables.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "query/value.hpp"

namespace bangfu::query::ast {

enum class Op {
  Or, Xor, And, Not,
  Eq, Ne, Lt, Le, Gt, Ge,
  In, StartsWith, EndsWith, Contains, IsNull, IsNotNull,
  Add, Sub, Mul, Div, Mod, Pow, Neg,
  Regex
};

enum class ExprKind {
  Literal, Parameter, Variable, Property, List, Map, Unary, Binary, Call, CountStar, Index, Slice, HasLabels,
  Case,
  ListComp,    // [x IN list WHERE pred | expr]: name = x; args = {list, pred or null, expr or null}
  Quantifier,  // any/all/none/single(x IN list WHERE pred): keys = {which}; name = x; args = {list, pred}
  Reduce,      // reduce(acc = init, x IN list | expr): keys = {acc}; name = x; args = {init, list, expr}
  MapProjection,  // v {.a, b: expr, .*}: args[0] = v, then one value per key (null: the property of that name)
  PatternPredicate,  // (a)-[:T]->(): true when the pattern has a match for the row; `pattern` holds it
  PatternComp,       // [(a)-->(b) WHERE pred | expr]: `pattern`; args = {pred or null, expr}
  Slot  // made by the binder: read a row slot (a projected item or an aggregate's result)
};

struct Expr;
using ExprPtr = std::shared_ptr<Expr>;
struct Pattern;
}  // namespace bangfu::query::ast

namespace bangfu::query::plan {
struct Match;
}  // namespace bangfu::query::plan

namespace bangfu::query::ast {

// One node type for every expression keeps the grammar's semantic actions and the binder short.
struct Expr {
  ExprKind kind = ExprKind::Literal;
  std::size_t pos = 0;             // byte offset in the query text, for error messages
  Value value;                     // Literal
  std::string name;                // Variable, Parameter, Property key, Call function name
  Op op = Op::Eq;                  // Unary, Binary
  bool distinct = false;           // Call: count(DISTINCT x)
  std::vector<ExprPtr> args;       // operands, list elements, map values, call arguments
  std::vector<std::string> keys;   // Map keys, HasLabels labels
  int slot = -1;                   // Variable/Slot: row slot, set by the binder
  int fn = -1;                     // Call: function id, set by the binder
  int slot2 = -1;                  // Reduce: the accumulator's slot, set by the binder
  bool chain = false;              // an AND the grammar made of chained comparisons (a < b < c)
  std::uint32_t height = 1;        // levels of this tree, set by the grammar, which refuses trees past its limit
  std::shared_ptr<Pattern> pattern;        // PatternPredicate, as parsed
  std::shared_ptr<plan::Match> match;      // PatternPredicate, as bound
};

ExprPtr make_expr(ExprKind kind, std::size_t pos);

enum class Dir { Out, In, Both };

struct NodePattern {
  std::size_t pos = 0;
  std::string var;
  std::vector<std::string> labels;
  ExprPtr props;                   // a Map expression, or a Parameter (rejected by the binder)
};

struct RelPattern {
  std::size_t pos = 0;
  bool left = false, right = false;  // arrow heads as written: <-, ->
  std::string var;
  std::vector<std::string> types;
  ExprPtr props;
  bool var_length = false;
  std::optional<std::int64_t> min, max;
  Dir dir() const { return left == right ? Dir::Both : (right ? Dir::Out : Dir::In); }
};

enum class PathKind { Plain, Shortest, AllShortest };

struct Pattern {
  std::size_t pos = 0;
  std::string path_var;
  PathKind kind = PathKind::Plain;
  std::vector<NodePattern> nodes;  // nodes.size() == rels.size() + 1
  std::vector<RelPattern> rels;
};

struct ReturnItem {
  ExprPtr expr;
  std::string alias;               // empty: the column is named by `text`
  std::string text;                // the expression as written
};

struct SortItem {
  ExprPtr expr;
  bool desc = false;
};

struct Projection {
  bool distinct = false, star = false;
  std::vector<ReturnItem> items;
  std::vector<SortItem> order;
  ExprPtr skip, limit;
};

enum class ClauseKind { Match, OptionalMatch, Create, With, Return, Unwind, Set, Remove };

// One item of SET: `v.key = value`, `v = map`, `v += map` or `v:Label`.
struct SetItem {
  enum class Kind { Property, Replace, Merge, Labels };
  Kind kind = Kind::Property;
  std::size_t pos = 0;
  std::string var, key;
  std::vector<std::string> labels;
  ExprPtr value;
};

struct Clause {
  ClauseKind kind = ClauseKind::Match;
  std::size_t pos = 0;
  std::vector<Pattern> patterns;   // Match, Create
  ExprPtr where;                   // Match, With
  Projection projection;           // With, Return
  ExprPtr unwind;                  // Unwind
  std::string unwind_var;
  std::vector<SetItem> set_items;  // Set
};

struct Statement {
  std::vector<Clause> clauses;
};

// A canonical rendering used to match ORDER BY expressions against projected ones.
std::string expr_key(const Expr& e);

}  // namespace bangfu::query::ast
