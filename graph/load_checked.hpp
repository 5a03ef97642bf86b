// Checked loading: the reader of saved graphs that takes any key order and words every error.
//
// It parses the whole file into a JSON tree first, so it is the slow path: load_graph tries the
// streaming reader (load_stream.hpp) first and comes here for files that one turns down.
#pragma once
#include <cstddef>
#include <string>

#include "graph/graph.hpp"

namespace bangfu::graph {

// Parses `text` (`size` bytes, NUL-terminated) in place into `g`, a new Graph (filled in place because
// Boost's adjacency_list has no move: returning a Graph other than by elision copies every edge).
// Throws GraphError naming `where` and what is wrong: the byte offset of malformed JSON, the element
// (node #12, edge #3 evidence) of damaged data.
void load_checked(char* text, std::size_t size, const std::string& where, Graph& g);

}  // namespace bangfu::graph
