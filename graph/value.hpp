// PropValue: the value of a node or edge property (null, bool, integer, float, string, list, temporal).
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "temporal/temporal.hpp"

namespace bangfu::graph {

struct PropValue;
using PropList = std::vector<PropValue>;

struct PropValue {
  std::variant<std::monostate, bool, std::int64_t, double, std::string, PropList, temporal::Temporal> v;

  PropValue() = default;
  PropValue(bool b) : v(b) {}
  PropValue(int i) : v(static_cast<std::int64_t>(i)) {}
  PropValue(std::int64_t i) : v(i) {}
  PropValue(double d) : v(d) {}
  PropValue(std::string s) : v(std::move(s)) {}
  PropValue(const char* s) : v(std::string(s)) {}
  PropValue(PropList l) : v(std::move(l)) {}
  PropValue(temporal::Temporal t) : v(t) {}

  bool is_null() const { return std::holds_alternative<std::monostate>(v); }
  const std::string* as_string() const { return std::get_if<std::string>(&v); }
  bool operator==(const PropValue& o) const { return v == o.v; }
};

// Properties keep insertion order; graphs hold few keys per element, so a vector beats a map.
using Properties = std::vector<std::pair<std::string, PropValue>>;

const PropValue* find_property(const Properties& props, std::string_view key);
void set_property(Properties& props, std::string key, PropValue value);

}  // namespace bangfu::graph
