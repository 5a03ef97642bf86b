// ExportColumns: the typed attribute columns a graph export (GraphML, GEXF) declares, and XML text helpers.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "graph/graph.hpp"

namespace bangfu::graph {

enum class ColumnKind { Boolean, Long, Double, String };

struct Column {
  std::string name;
  ColumnKind kind = ColumnKind::String;
};

// Every stored property of nodes (and of edges) as a column, in first-seen order. A key whose values
// mix kinds becomes a string column; names in `reserved_*` are left to the caller's fixed columns.
struct ExportColumns {
  std::vector<Column> node, edge;
};
ExportColumns property_columns(const Graph& g, const std::vector<std::string>& reserved_node,
                               const std::vector<std::string>& reserved_edge);

// A value as a column of `kind` writes it ("true", "42", "1.5", lists joined by "; ").
std::string column_text(const PropValue& value, ColumnKind kind);

// Valid XML 1.0 character data: markup escaped, control characters dropped, bad UTF-8 as U+FFFD.
std::string xml_escape(std::string_view text);

std::string join(const std::vector<std::string>& items, std::string_view separator);
// Distinct ids of the documents an edge's evidences come from, in evidence order.
std::vector<std::string> edge_documents(const Graph& g, Graph::Edge e);
// The names of a node's labels.
std::vector<std::string> label_names(const Graph& g, Graph::Vertex v);
// An edge's weight for export: its numeric "weight" property when it has one, else its evidence count.
PropValue export_weight(const Graph& g, Graph::Edge e);
struct Rgb {
  int r, g, b;
};
// One colour per schema entity type, so Gephi and the HTML view show the types apart at once; other
// labels get a stable mid-tone colour from a hash of the name.
Rgb type_color(const std::string& label);

// What an export calls a node: its name, else its first label and id.
std::string display_name(const Graph& g, Graph::Vertex v);

}  // namespace bangfu::graph
