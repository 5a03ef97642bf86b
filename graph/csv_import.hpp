// CSV import: nodes and edges from two RFC 4180 files (header row names the columns) into a Graph.
//
// Nodes: `id` (the file's own key), `name` (not empty), optional `type` (labels, ';'-separated), `aliases`
// (';'-separated); any other column becomes a property. Edges: `src`, `dst` (node ids of the nodes file),
// `rel`; optional `evidence` and `doc` give the edge an evidence; any other column becomes a property.
// Cells that look like integers, decimals or true/false are stored as such; empty cells are left out.
// Files must be UTF-8 (after `decode`, when given); a header naming a column twice is an error.
#pragma once
#include <cstddef>
#include <functional>
#include <string>

#include "graph/graph.hpp"
#include "graph/progress.hpp"

namespace bangfu::graph {

struct CsvImportCounts {
  std::size_t nodes = 0;   // nodes created
  std::size_t merged = 0;  // rows that matched an existing entity (same canonical name and schema type)
  std::size_t edges = 0;
};

// Throws GraphError "FILE:LINE: what" on the first bad row; `graph` may then hold part of the import,
// so callers that must stay consistent import into a copy or do not save. `progress`, when given, hears
// of rows read and bytes of both files gone through. `decode`, when given, turns a file's raw bytes into
// UTF-8 (e.g. from GBK) before they are read.
using CsvDecoder = std::function<std::string(const std::string& path, std::string bytes)>;
CsvImportCounts import_csv(Graph& graph, const std::string& nodes_path, const std::string& edges_path,
                           const ProgressFn& progress = {}, const CsvDecoder& decode = {});
inline CsvImportCounts import_csv(Graph& graph, const std::string& nodes_path, const std::string& edges_path,
                                  const CsvDecoder& decode) {
  return import_csv(graph, nodes_path, edges_path, ProgressFn{}, decode);
}

}  // namespace bangfu::graph
