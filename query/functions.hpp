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

struct QueryOptions;

// Throws QueryError{Type} with code InvalidArgumentType when an argument has the wrong type, and
// QueryError{Limit} when a result would pass `limits`' max_list or max_string (defaults when null).
Value call_scalar(int id, std::vector<Value>& args, const graph::Graph& graph, const QueryOptions* limits = nullptr);

// range(from, to[, step]) without its list: the elements are from + k*step for k < size. Built from
// range()'s evaluated arguments, with range()'s errors; computed without overflow near the int64 ends.
struct IntRange {
  std::int64_t from = 0, step = 1;
  std::uint64_t size = 0;
  std::int64_t at(std::uint64_t k) const {
    return static_cast<std::int64_t>(static_cast<__int128>(from) + static_cast<__int128>(k) * step);
  }
};
IntRange range_of(const std::vector<Value>& args);
int range_function_id();

// QueryError{Limit} naming the setting that was passed.
[[noreturn]] void list_too_long(const QueryOptions& limits);
[[noreturn]] void string_too_long(const QueryOptions& limits);
const QueryOptions& default_limits();

Value from_prop(const graph::PropValue& p);
// Throws QueryError{Type} for values a property cannot hold (maps, nodes, …).
graph::PropValue to_prop(const Value& v);
std::string type_name(const Value& v);
// toString() of a number, string or boolean ("1.0" for floats with no fraction).
std::string scalar_to_string(const Value& v);

}  // namespace bangfu::query
