// GraphFile: how subcommands find, load and save the graph file they work on.
#pragma once
#include <string>

#include "graph/graph.hpp"

namespace bangfu::cli {

// The graph a command should use: `given` (from -g) if set, else $BANGFU_GRAPH, else bangfu.graph.json
// in the current folder, else the only *.graph.json there, else "bangfu.graph.json".
std::string resolve_graph_path(const std::string& given);

// Loads the graph at `path`; a missing or damaged file is a UserError saying which and why.
graph::Graph load_graph_file(const std::string& path);
// Loads `path` when it exists, else starts an empty graph (for commands that create graphs).
graph::Graph load_or_new_graph(const std::string& path);
// Saves atomically; failure is a UserError.
void save_graph_file(const graph::Graph& graph, const std::string& path);

}  // namespace bangfu::cli
