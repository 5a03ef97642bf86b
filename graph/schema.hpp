// The entity and relation vocabulary of ../shared/SCHEMA.md, shared by ingest, query and export.
#pragma once
#include <optional>
#include <string_view>

namespace bangfu::graph {

enum class EntityType {
  Province, City, County, Township, Village, Hospital, PrimaryCare,
  University, Agency, Consortium, Person, Organization
};

enum class RelType {
  supports, co_builds, funds, dispatches, serves_as, works_for, member_of, located_in, partners_with
};

std::string_view to_string(EntityType t);
std::string_view to_string(RelType r);
std::optional<EntityType> parse_entity_type(std::string_view s);
std::optional<RelType> parse_rel_type(std::string_view s);
bool is_symmetric(RelType r);
bool is_region(EntityType t);

inline constexpr EntityType kAllEntityTypes[] = {
  EntityType::Province, EntityType::City, EntityType::County, EntityType::Township,
  EntityType::Village, EntityType::Hospital, EntityType::PrimaryCare, EntityType::University,
  EntityType::Agency, EntityType::Consortium, EntityType::Person, EntityType::Organization};
inline constexpr RelType kAllRelTypes[] = {
  RelType::supports, RelType::co_builds, RelType::funds, RelType::dispatches, RelType::serves_as,
  RelType::works_for, RelType::member_of, RelType::located_in, RelType::partners_with};

}  // namespace bangfu::graph
