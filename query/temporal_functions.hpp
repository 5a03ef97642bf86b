// Cypher's temporal functions (date(), datetime.truncate(), duration.between() …), the components of
// temporal values (d.year, d.offset …) and temporal arithmetic, over query values.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "query/value.hpp"

namespace bangfu::query {

struct FunctionInfo;

// Function ids here start at kTemporalFunctionBase so they never meet the scalar functions' ids.
constexpr int kTemporalFunctionBase = 1000;
std::optional<FunctionInfo> temporal_function(std::string_view lower_name);
Value call_temporal(int id, std::vector<Value>& args);

// `t.key`; throws QueryError for a component the value does not have.
Value temporal_property(const Temporal& t, const std::string& key);

// a + b, a - b, a * b, a / b where one side is temporal; op is '+', '-', '*' or '/'.
Value temporal_arithmetic(char op, const Value& a, const Value& b);

}  // namespace bangfu::query
