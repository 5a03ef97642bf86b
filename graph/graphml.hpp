// GraphML export: a file Gephi, networkx and Boost open as is (typed keys, directed, XML-escaped).
#pragma once
#include <iosfwd>
#include <string>

#include "graph/graph.hpp"

namespace bangfu::graph {

// Nodes carry label (name), type (first label), labels, aliases and docs; edges carry label (the
// relation), weight (evidence count), evidence (first sentence) and docs; every stored property follows
// as its own typed key (role, amount, what …).
void write_graphml(const Graph& graph, std::ostream& out);
void export_graphml(const Graph& graph, const std::string& path);  // throws GraphError naming the path

}  // namespace bangfu::graph
