// Cypher's equality (three-valued), comparison (<, <=, …) and the total order used by ORDER BY,
// DISTINCT and grouping.
#pragma once
#include <compare>
#include <optional>
#include <vector>

#include "query/value.hpp"

namespace bangfu::query {

enum class Tri { False, True, Null };

inline Tri tri(bool b) { return b ? Tri::True : Tri::False; }
Value to_value(Tri t);

// `a = b`: null when either side is (or contains, for lists and maps) null where it matters.
Tri equals(const Value& a, const Value& b);

// `a < b` and friends: nullopt (null result) when the values are not comparable;
// `unordered` for NaN, which makes every comparison false.
std::optional<std::partial_ordering> compare(const Value& a, const Value& b);

// Total order across all types: map < node < relationship < list < path < string < boolean < number < null.
int order(const Value& a, const Value& b);

struct RowLess {
  bool operator()(const std::vector<Value>& a, const std::vector<Value>& b) const;
};

}  // namespace bangfu::query
