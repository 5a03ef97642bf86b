// Comparison of engine results with TCK expectations: nodes by labels and properties, relationships
// by type and properties, paths hop by hop with direction; list order matters unless told otherwise.
#pragma once
#include "graph/graph.hpp"
#include "query/value.hpp"
#include "tck/value.hpp"

namespace bangfu::tck {

struct MatchOptions {
  bool unordered_lists = false;  // "(ignoring element order for lists)"
};

bool matches(const TckValue& expected, const query::Value& actual, const graph::Graph& graph,
             const MatchOptions& options = {});
bool matches(const TckValue& expected, const graph::PropValue& actual, const MatchOptions& options = {});

// Parameters are written in the same notation; nodes, relationships and paths cannot be parameters.
query::Value to_query_value(const TckValue& value);

}  // namespace bangfu::tck
