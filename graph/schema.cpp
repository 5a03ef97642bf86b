#include "graph/schema.hpp"

namespace bangfu::graph {

std::string_view to_string(EntityType t) {
  switch (t) {
    case EntityType::Province: return "Province";
    case EntityType::City: return "City";
    case EntityType::County: return "County";
    case EntityType::Township: return "Township";
    case EntityType::Village: return "Village";
    case EntityType::Hospital: return "Hospital";
    case EntityType::PrimaryCare: return "PrimaryCare";
    case EntityType::University: return "University";
    case EntityType::Agency: return "Agency";
    case EntityType::Consortium: return "Consortium";
    case EntityType::Person: return "Person";
    case EntityType::Organization: return "Organization";
  }
  return "Organization";
}

std::string_view to_string(RelType r) {
  switch (r) {
    case RelType::supports: return "supports";
    case RelType::co_builds: return "co_builds";
    case RelType::funds: return "funds";
    case RelType::dispatches: return "dispatches";
    case RelType::serves_as: return "serves_as";
    case RelType::works_for: return "works_for";
    case RelType::member_of: return "member_of";
    case RelType::located_in: return "located_in";
    case RelType::partners_with: return "partners_with";
  }
  return "supports";
}

std::optional<EntityType> parse_entity_type(std::string_view s) {
  for (auto t : kAllEntityTypes)
    if (to_string(t) == s) return t;
  return std::nullopt;
}

std::optional<RelType> parse_rel_type(std::string_view s) {
  for (auto r : kAllRelTypes)
    if (to_string(r) == s) return r;
  return std::nullopt;
}

bool is_symmetric(RelType r) { return r == RelType::co_builds || r == RelType::partners_with; }

bool is_region(EntityType t) {
  return t == EntityType::Province || t == EntityType::City || t == EntityType::County ||
         t == EntityType::Township || t == EntityType::Village;
}

}  // namespace bangfu::graph
