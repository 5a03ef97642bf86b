// CanonicalDump: a graph as sorted JSON lines that do not depend on the order it was built in — node and
// edge ids, document slots, alias and evidence order left out or sorted — so two graphs holding the same
// documents, nodes, aliases, edges, weights and evidences dump to the same bytes. What `bangfu export
// --format json` writes and what the merge tests compare.
#pragma once
#include <iosfwd>

#include "graph/graph.hpp"

namespace bangfu::graph {

// Line 1: {"canonical":"bangfu-graph","documents":D,"nodes":N,"edges":M}; then one {"document":…} line per
// document, one {"node":…} per node (labels, name, sorted aliases, properties by key, ids of the documents
// mentioning it, sorted), one {"edge":…} per edge (ends by name, type, weight, properties, evidences
// sorted), each group sorted as text. Holds the dump's lines in memory to sort them.
void write_canonical_dump(const Graph& g, std::ostream& out);

}  // namespace bangfu::graph
