// GraphFacts: a saved graph read back as per-document facts, so that `bangfu merge` can replay a shard
// graph through GraphBuilder like a fact file.
//
// A graph keeps less than the facts it was built from: a node holds the union of the names every
// document gave it, an edge the first value of each attribute. So a document comes back naming each
// node by its canonical name with all the node's aliases. Replayed, that builds the same nodes, aliases,
// edges and evidences as ingesting the documents did whenever the shard merged names the way the whole
// corpus does (the usual case: canonical names are the fullest names); fact files are exact always.
#pragma once
#include <cstddef>
#include <vector>

#include "graph/graph.hpp"
#include "ingest/fact_line.hpp"

namespace bangfu::ingest {

struct GraphFacts {
  std::vector<DocumentFacts> documents;  // in the graph's document order (the order they were ingested)
  std::size_t untied_nodes = 0;  // nodes no document mentions (CREATE, import): not in any document's facts
  std::size_t untied_edges = 0;  // edges without evidence, or not of a schema relation type
};

GraphFacts facts_of_graph(const graph::Graph& g);

}  // namespace bangfu::ingest
