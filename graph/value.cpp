#include "graph/value.hpp"

namespace bangfu::graph {

const PropValue* find_property(const Properties& props, std::string_view key) {
  for (const auto& [k, v] : props)
    if (k == key) return &v;
  return nullptr;
}

void set_property(Properties& props, std::string key, PropValue value) {
  for (auto& [k, v] : props)
    if (k == key) {
      v = std::move(value);
      return;
    }
  props.emplace_back(std::move(key), std::move(value));
}

}  // namespace bangfu::graph
