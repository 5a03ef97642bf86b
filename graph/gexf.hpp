// GEXF export for Gephi, networkx and friends: labels, typed attributes, edge weights, and a colour per
// entity type. 1.2draft by default (what networkx and most readers take; Gephi reads it too), 1.3 on request.
#pragma once
#include <iosfwd>
#include <optional>
#include <string>

#include "graph/graph.hpp"

namespace bangfu::graph {

enum class GexfVersion { v1_2draft, v1_3 };

// "1.2draft"/"1.2" and "1.3" name the versions; anything else is nullopt.
std::optional<GexfVersion> parse_gexf_version(const std::string& text);

struct GexfOptions {
  GexfVersion version = GexfVersion::v1_2draft;
};

void write_gexf(const Graph& graph, std::ostream& out, const GexfOptions& options = {});
// Throws GraphError naming the path.
void export_gexf(const Graph& graph, const std::string& path, const GexfOptions& options = {});

}  // namespace bangfu::graph
