// GEXF 1.3 export for Gephi: labels, typed attributes, edge weights, and a colour per entity type.
#pragma once
#include <iosfwd>
#include <string>

#include "graph/graph.hpp"

namespace bangfu::graph {

void write_gexf(const Graph& graph, std::ostream& out);
void export_gexf(const Graph& graph, const std::string& path);  // throws GraphError naming the path

}  // namespace bangfu::graph
