// Storage: saving a Graph to one JSON file and loading it back, ids, documents and evidences included.
//
// The file starts with {"format":"bangfu-graph","version":1,...}. Saving is atomic (temp file in the
// same folder, fsync, rename), so a crash never leaves a half-written graph behind. Loading checks
// everything it reads and throws GraphError naming the file and what is wrong; nothing is returned
// half-loaded. Both also handle the binary snapshot (graph/snapshot.hpp): load_graph reads either
// format, told apart by the file's first bytes; save_graph writes a snapshot to paths ending in ".bfs".
#pragma once
#include <string>

#include "graph/graph.hpp"

namespace bangfu::graph {

inline constexpr const char* kGraphFormat = "bangfu-graph";
inline constexpr int kGraphFormatVersion = 1;

void save_graph(const Graph& graph, const std::string& path);
Graph load_graph(const std::string& path);

// The same two, on strings (tests, tools that keep graphs in memory).
std::string graph_to_json(const Graph& graph);
Graph graph_from_json(std::string text, const std::string& where = "<memory>");

}  // namespace bangfu::graph
