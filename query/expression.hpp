// Expression evaluation over one row of bound variables, with Cypher's null semantics.
#pragma once
#include <functional>
#include <optional>
#include <vector>

#include "graph/graph.hpp"
#include "query/ast.hpp"
#include "query/engine.hpp"
#include "query/value.hpp"

namespace bangfu::query {

using Row = std::vector<Value>;

struct ExecContext;

struct EvalContext {
  const graph::Graph& graph;
  const Row& row;
  const Params& params;
  ExecContext* exec = nullptr;  // what pattern predicates match with; without it they are an error
};

// Throws QueryError{Type} for type errors (e.g. `1 + true`) and for missing parameters.
Value evaluate(const ast::Expr& e, const EvalContext& ctx);

// WHERE keeps a row only when its predicate is true — not false, not null.
bool is_true(const Value& v);

// Calls `f` with each element of the list `e` evaluates to, until `f` returns false (then returns false).
// range(…) is walked without building its list. A null list: returns nullopt without a call. A value
// that is not a list: one call with it when `not_a_list` is null (UNWIND 1), else a type error saying
// `not_a_list`.
std::optional<bool> for_each_element(const ast::Expr& e, const EvalContext& ctx, const char* not_a_list,
                                     const std::function<bool(Value)>& f);

// The limits in force for an evaluation (QueryOptions of the running query, or the defaults).
const QueryOptions& limits_of(const EvalContext& ctx);

}  // namespace bangfu::query
