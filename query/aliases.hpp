// Aliases: other names (Chinese ones by default) for node labels and relationship types in queries.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace bangfu::query {

// Where the alias table is read from; overrides $BANGFU_DATA/query_aliases.tsv. Takes effect at the next
// lookup. An empty path goes back to the default.
void set_alias_file(std::string path);

// Counts set_alias_file calls: a plan bound under another alias table may name other labels or types.
std::uint64_t alias_generation();

// The canonical name of a label or relationship type; unknown names come back unchanged.
std::string resolve_label(std::string_view name);
std::string resolve_type(std::string_view name);

}  // namespace bangfu::query
