// The export formats meant for other systems rather than for Gephi: csv (a folder Neo4j's bulk importer
// and Kùzu's COPY FROM load) and json (the canonical, sorted dump that compares graphs).
#pragma once
#include <string>

#include "graph/graph.hpp"

namespace bangfu::cli {

// `format` is "csv" or "json"; prints the one-line summary and returns the exit status.
int export_bulk(const graph::Graph& g, const std::string& format, const std::string& output);

}  // namespace bangfu::cli
