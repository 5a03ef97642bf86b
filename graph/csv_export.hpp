// CsvExport: a graph as the CSV files graph databases bulk-load — Neo4j's `neo4j-admin database import`
// layout (nodes with :ID and :LABEL, relationships with :START_ID, :END_ID and :TYPE, typed property
// columns such as name:string, weight:long, docs:string[]) — plus a Kùzu schema and COPY FROM script that
// load the same files.
//
// Kùzu wants a table per node label and relationship end points by table, so the files are split the
// same way for both: one node file per first label, one relationship file per (type, first label of the
// start, first label of the end). Writing streams each element straight to its file; besides the loaded
// graph it holds only the list of files (passes over the graph keep at most kMaxOpenFiles open).
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "graph/graph.hpp"

namespace bangfu::graph {

struct CsvExportResult {
  std::vector<std::string> node_files, edge_files;  // names inside the folder
  std::size_t nodes = 0, edges = 0;
};

// Writes into folder `dir` (created if missing): nodes_*.csv, edges_*.csv, neo4j-import.sh (the import
// command), kuzu-schema.cypher and kuzu-copy.cypher (run from `dir`). Throws GraphError on I/O errors.
CsvExportResult export_csv(const Graph& g, const std::string& dir);

inline constexpr std::size_t kMaxOpenFiles = 256;  // well under the usual limit of 1024 descriptors

}  // namespace bangfu::graph
