// Expression evaluation over one row of bound variables, with Cypher's null semantics.
#pragma once
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

}  // namespace bangfu::query
