// Functions: Cypher's scalar functions by id, and which names are aggregates.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/graph.hpp"
#include "query/value.hpp"

namespace bangfu::query {

enum class AggregateKind { Count, Collect, Min, Max, Sum, Avg, PercentileDisc, PercentileCont, StDev, StDevP };

std::string lower(std::string_view s);
std::optional<AggregateKind> aggregate_kind(std::string_view name);  // name in any case

struct FunctionInfo {
  int id = -1;
  std::size_t min_args = 0, max_args = 0;
};
// nullopt for unknown names; the binder reports those with the call's position.
std::optional<FunctionInfo> scalar_function(std::string_view name);

// Throws QueryError{Type} with code InvalidArgumentType when an argument has the wrong type.
Value call_scalar(int id, std::vector<Value>& args, const graph::Graph& graph);

Value from_prop(const graph::PropValue& p);
// Throws QueryError{Type} for values a property cannot hold (maps, nodes, …).
graph::PropValue to_prop(const Value& v);
std::string type_name(const Value& v);
// toString() of a number, string or boolean ("1.0" for floats with no fraction).
std::string scalar_to_string(const Value& v);

}  // namespace bangfu::query
