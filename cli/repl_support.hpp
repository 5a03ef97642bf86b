// Support reports as text — `bangfu who`, `bangfu path` and the shell's :who / :path share them.
#pragma once
#include <string>
#include <string_view>

#include "graph/graph.hpp"
#include "graph/support.hpp"

namespace bangfu::cli {

// The one entity `name` (a name, an alias, or #ID) denotes. Several matches: a UserError listing
// them and asking which; none: a UserError suggesting the nearest names.
graph::Graph::Vertex resolve_entity(const graph::Graph& graph, std::string_view name);

// "江北市人民医院 (Hospital)".
std::string entity_text(const graph::Graph& graph, graph::Graph::Vertex v);

// How far :who and `bangfu who` look for indirect support by default: further chains are rarely news.
inline constexpr std::size_t kWhoMaxHops = 4;

// Direct supporters and beneficiaries with relation, role/amount and evidence, then transitive ones
// with their chain and hop count.
// "2023", "2023-07" or "2023-07-28" as days since 1970-01-01 (its first day); UserError otherwise.
std::int64_t since_day(const std::string& text);
std::string who_report(const graph::Graph& graph, graph::Graph::Vertex entity, const graph::SupportOptions& options = {});

// The shortest support chain from `from` to `to` with the evidence of every hop; falls back to the
// other direction, then to any direction, saying so. No chain at all: a UserError.
std::string path_report(const graph::Graph& graph, graph::Graph::Vertex from, graph::Graph::Vertex to,
                        const graph::SupportOptions& options = {});

}  // namespace bangfu::cli
