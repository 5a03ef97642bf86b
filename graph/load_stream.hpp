// Streaming load: reads a saved graph in one pass over the text, without building a JSON tree first.
//
// It takes files laid out the way save_graph writes them — header, then the label and type tables and
// documents, then nodes, then edges — with nothing wrong in them. For anything else (keys in another
// order, a foreign or newer file, damaged elements, malformed JSON) it gives up, and the caller falls
// back to load_checked, which reads any order and words the error. It never accepts a file that
// load_checked would refuse, and builds the same graph from one it accepts.
#pragma once
#include <cstddef>

#include "graph/graph.hpp"

namespace bangfu::graph {

// Loads `text` (`size` bytes and a NUL after them) into `g`, a new Graph. False when the file is left to
// load_checked; `g` then holds whatever was read before the reader stopped.
bool load_stream(const char* text, std::size_t size, Graph& g);

}  // namespace bangfu::graph
