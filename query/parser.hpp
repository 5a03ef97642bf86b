// Parser: turns query text into a syntax tree, or a QueryError pointing at the offending character.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "query/ast.hpp"
#include "query/engine.hpp"

namespace bangfu::query {

// Throws QueryError{Syntax} with line, column and a caret display of the line in what(); code
// NestingTooDeep past `max_depth` (kDefaultMaxDepth, engine.hpp).
ast::Statement parse(std::string_view text, std::size_t max_depth = kDefaultMaxDepth);

// 1-based line and column (in characters, not bytes) of a byte offset.
struct Location {
  std::size_t line = 1, column = 1;
};
Location locate(std::string_view text, std::size_t offset);

// "line L, column C: <message>" followed by the query line and a caret under the column.
std::string describe_at(std::string_view text, std::size_t offset, const std::string& message);

// An error tied to a place in the query, e.g. an unknown variable.
QueryError error_at(QueryError::Kind kind, std::string_view text, std::size_t offset, const std::string& message,
                    std::string code);

}  // namespace bangfu::query
