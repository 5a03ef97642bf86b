// Binder: checks a syntax tree against Cypher's scoping and typing rules and resolves it into a Plan.
#pragma once
#include <string_view>

#include "query/ast.hpp"
#include "query/plan.hpp"

namespace bangfu::query {

// Throws QueryError{Semantic} with a TCK code (UndefinedVariable, VariableTypeConflict, …), naming the
// variable and pointing at it in `text`.
plan::Plan bind(ast::Statement& statement, std::string_view text);

}  // namespace bangfu::query
