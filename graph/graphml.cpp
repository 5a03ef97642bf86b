#include "graph/graphml.hpp"

#include <fstream>
#include <ostream>

#include "graph/export_columns.hpp"
#include "graph/export_file.hpp"

namespace bangfu::graph {

namespace {

const std::vector<std::string> kNodeKeys = {"label", "type", "labels", "aliases", "docs"};
const std::vector<std::string> kEdgeKeys = {"label", "weight", "evidence", "docs", "first_seen", "last_seen"};

const char* graphml_type(ColumnKind k) {
  switch (k) {
    case ColumnKind::Boolean: return "boolean";
    case ColumnKind::Long: return "long";
    case ColumnKind::Double: return "double";
    case ColumnKind::String: return "string";
  }
  return "string";
}

void key(std::ostream& out, const std::string& id, const char* domain, const std::string& name, ColumnKind kind) {
  out << "  <key id=\"" << id << "\" for=\"" << domain << "\" attr.name=\"" << xml_escape(name)
      << "\" attr.type=\"" << graphml_type(kind) << "\"/>\n";
}

void data(std::ostream& out, const std::string& key, const std::string& text) {
  if (text.empty()) return;
  out << "      <data key=\"" << key << "\">" << xml_escape(text) << "</data>\n";
}

void write_keys(std::ostream& out, const ExportColumns& cols) {
  for (const auto& k : kNodeKeys) key(out, "n_" + k, "node", k, ColumnKind::String);
  for (std::size_t i = 0; i < cols.node.size(); ++i)
    key(out, "np" + std::to_string(i), "node", cols.node[i].name, cols.node[i].kind);
  for (const auto& k : kEdgeKeys) key(out, "e_" + k, "edge", k, k == "weight" ? ColumnKind::Double : ColumnKind::String);
  for (std::size_t i = 0; i < cols.edge.size(); ++i)
    key(out, "ep" + std::to_string(i), "edge", cols.edge[i].name, cols.edge[i].kind);
}

void write_node(std::ostream& out, const Graph& g, Graph::Vertex v, const std::vector<Column>& cols) {
  const auto& n = g.node(v);
  out << "    <node id=\"n" << n.id << "\">\n";
  auto labels = label_names(g, v);
  data(out, "n_label", display_name(g, v));
  data(out, "n_type", labels.empty() ? std::string() : labels.front());
  data(out, "n_labels", join(labels, ";"));
  data(out, "n_aliases", join(n.aliases, "; "));
  std::vector<std::string> docs;
  for (auto d : n.docs)
    if (d < g.documents().size() && !g.documents()[d].id.empty()) docs.push_back(g.documents()[d].id);
  data(out, "n_docs", join(docs, "; "));
  for (std::size_t i = 0; i < cols.size(); ++i)
    if (const PropValue* p = find_property(n.props, cols[i].name)) data(out, "np" + std::to_string(i), column_text(*p, cols[i].kind));
  out << "    </node>\n";
}

void write_edge(std::ostream& out, const Graph& g, Graph::Edge e, const std::vector<Column>& cols) {
  out << "    <edge id=\"e" << g.edge(e).id << "\" source=\"n" << g.node(Graph::source(e)).id << "\" target=\"n"
      << g.node(Graph::target(e)).id << "\">\n";
  data(out, "e_label", g.type_name(g.edge(e).type));
  data(out, "e_weight", column_text(export_weight(g, e), ColumnKind::Double));
  const auto& evs = g.evidence(e);
  data(out, "e_evidence", evs.empty() ? std::string() : evs.front().sentence.str());
  data(out, "e_docs", join(edge_documents(g, e), "; "));
  for (const char* k : {"first_seen", "last_seen"})  // ISO dates of the earliest and latest evidence
    if (PropValue d = g.edge_property(e, k); !d.is_null()) data(out, std::string("e_") + k, column_text(d, ColumnKind::String));
  const auto& props = g.edge_properties(e);
  for (std::size_t i = 0; i < cols.size(); ++i)
    if (const PropValue* p = find_property(props, cols[i].name)) data(out, "ep" + std::to_string(i), column_text(*p, cols[i].kind));
  out << "    </edge>\n";
}

}  // namespace

void write_graphml(const Graph& g, std::ostream& out) {
  auto cols = property_columns(g, kNodeKeys, kEdgeKeys);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  write_keys(out, cols);
  out << "  <graph id=\"bangfu\" edgedefault=\"directed\">\n";
  for (auto vi : g.vertices()) write_node(out, g, vi, cols.node);
  for (auto ei : g.edges()) write_edge(out, g, ei, cols.edge);
  out << "  </graph>\n</graphml>\n";
}

void export_graphml(const Graph& g, const std::string& path) {
  write_export_file(path, [&](std::ostream& out) { write_graphml(g, out); });
}

}  // namespace bangfu::graph
