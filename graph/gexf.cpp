#include "graph/gexf.hpp"

#include <cstdint>
#include <ostream>

#include "graph/export_columns.hpp"
#include "graph/export_file.hpp"

namespace bangfu::graph {

namespace {

// The fixed attributes every node and edge may carry, declared in this order. A new one (a date, a spell)
// is one more row here and, for its value, one more line in node_values/edge_values.
struct FixedAttr {
  const char* id;
  const char* type;  // GEXF attribute type
};
constexpr FixedAttr kNodeAttrs[] = {{"type", "string"}, {"labels", "string"}, {"aliases", "string"}, {"docs", "string"}};
constexpr FixedAttr kEdgeAttrs[] = {{"relation", "string"}, {"evidence", "string"}, {"docs", "string"}};
// Names property columns must not take: the fixed attributes and what GEXF writes as XML attributes.
const std::vector<std::string> kNodeReserved = {"type", "labels", "aliases", "docs"};
const std::vector<std::string> kEdgeReserved = {"relation", "evidence", "docs", "weight", "label"};

const char* gexf_type(ColumnKind k) {
  switch (k) {
    case ColumnKind::Boolean: return "boolean";
    case ColumnKind::Long: return "long";
    case ColumnKind::Double: return "double";
    case ColumnKind::String: return "string";
  }
  return "string";
}

template <std::size_t N>
void declare(std::ostream& out, const char* cls, const FixedAttr (&fixed)[N], const char* prefix,
             const std::vector<Column>& cols) {
  out << "    <attributes class=\"" << cls << "\" mode=\"static\">\n";
  for (const auto& a : fixed)
    out << "      <attribute id=\"" << a.id << "\" title=\"" << a.id << "\" type=\"" << a.type << "\"/>\n";
  for (std::size_t i = 0; i < cols.size(); ++i)
    out << "      <attribute id=\"" << prefix << i << "\" title=\"" << xml_escape(cols[i].name) << "\" type=\""
        << gexf_type(cols[i].kind) << "\"/>\n";
  out << "    </attributes>\n";
}

void attvalue(std::ostream& out, const std::string& id, const std::string& text) {
  if (!text.empty()) out << "          <attvalue for=\"" << id << "\" value=\"" << xml_escape(text) << "\"/>\n";
}

void prop_values(std::ostream& out, const char* prefix, const std::vector<Column>& cols, const Properties& props) {
  for (std::size_t i = 0; i < cols.size(); ++i)
    if (const PropValue* p = find_property(props, cols[i].name)) attvalue(out, prefix + std::to_string(i), column_text(*p, cols[i].kind));
}

void write_node(std::ostream& out, const Graph& g, Graph::Vertex v, const std::vector<Column>& cols) {
  const auto& n = g.node(v);
  auto labels = label_names(g, v);
  out << "      <node id=\"n" << n.id << "\" label=\"" << xml_escape(display_name(g, v)) << "\">\n"
      << "        <attvalues>\n";
  attvalue(out, "type", labels.empty() ? std::string() : labels.front());
  attvalue(out, "labels", join(labels, ";"));
  attvalue(out, "aliases", join(n.aliases, "; "));
  std::vector<std::string> docs;
  for (auto d : n.docs)
    if (d < g.documents().size() && !g.documents()[d].id.empty()) docs.push_back(g.documents()[d].id);
  attvalue(out, "docs", join(docs, "; "));
  prop_values(out, "np", cols, n.props);
  Rgb c = type_color(labels.empty() ? std::string() : labels.front());
  out << "        </attvalues>\n"
      << "        <viz:color r=\"" << c.r << "\" g=\"" << c.g << "\" b=\"" << c.b << "\" a=\"1.0\"/>\n"
      << "      </node>\n";
}

// An edge's spell: from first to last seen (ISO dates), so Gephi's timeline plays the graph.
std::string spell(const Graph& g, Graph::Edge e) {
  PropValue first = g.edge_property(e, "first_seen"), last = g.edge_property(e, "last_seen");
  if (first.is_null() || last.is_null()) return {};
  return " start=\"" + column_text(first, ColumnKind::String) + "\" end=\"" + column_text(last, ColumnKind::String) + "\"";
}

bool dated(const Graph& g) {
  for (auto ei : g.edges())
    if (!g.edge_property(ei, "first_seen").is_null()) return true;
  return false;
}

void write_edge(std::ostream& out, const Graph& g, Graph::Edge e, const std::vector<Column>& cols) {
  const std::string& rel = g.type_name(g.edge(e).type);
  out << "      <edge id=\"e" << g.edge(e).id << "\" source=\"n" << g.node(Graph::source(e)).id << "\" target=\"n"
      << g.node(Graph::target(e)).id << "\"" << spell(g, e) << " label=\"" << xml_escape(rel) << "\" weight=\""
      << column_text(export_weight(g, e), ColumnKind::Double) << "\">\n"
      << "        <attvalues>\n";
  attvalue(out, "relation", rel);
  const auto& evs = g.evidence(e);
  attvalue(out, "evidence", evs.empty() ? std::string() : evs.front().sentence.str());
  attvalue(out, "docs", join(edge_documents(g, e), "; "));
  prop_values(out, "ep", cols, g.edge_properties(e));
  out << "        </attvalues>\n      </edge>\n";
}

// Namespaces and version strings as each version's schema has them.
struct VersionStrings {
  const char* ns;
  const char* viz;
  const char* version;
};

VersionStrings strings_of(GexfVersion v) {
  if (v == GexfVersion::v1_3) return {"http://gexf.net/1.3", "http://gexf.net/1.3/viz", "1.3"};
  return {"http://www.gexf.net/1.2draft", "http://www.gexf.net/1.2draft/viz", "1.2"};
}

}  // namespace

std::optional<GexfVersion> parse_gexf_version(const std::string& text) {
  if (text == "1.2draft" || text == "1.2") return GexfVersion::v1_2draft;
  if (text == "1.3") return GexfVersion::v1_3;
  return std::nullopt;
}

void write_gexf(const Graph& g, std::ostream& out, const GexfOptions& options) {
  auto cols = property_columns(g, kNodeReserved, kEdgeReserved);
  VersionStrings v = strings_of(options.version);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<gexf xmlns=\"" << v.ns << "\" xmlns:viz=\"" << v.viz << "\" "
      << "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      << "xsi:schemaLocation=\"" << v.ns << " " << v.ns << "/gexf.xsd\" version=\"" << v.version << "\">\n"
      << "  <meta>\n    <creator>bangfu</creator>\n"
         "    <description>who supports whom in healthcare, read from news</description>\n  </meta>\n"
      << (dated(g) ? "  <graph defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\"date\">\n"
                   : "  <graph defaultedgetype=\"directed\" mode=\"static\">\n");
  declare(out, "node", kNodeAttrs, "np", cols.node);
  declare(out, "edge", kEdgeAttrs, "ep", cols.edge);
  out << "    <nodes>\n";
  for (auto vi : g.vertices()) write_node(out, g, vi, cols.node);
  out << "    </nodes>\n    <edges>\n";
  for (auto ei : g.edges()) write_edge(out, g, ei, cols.edge);
  out << "    </edges>\n  </graph>\n</gexf>\n";
}

void export_gexf(const Graph& g, const std::string& path, const GexfOptions& options) {
  write_export_file(path, [&](std::ostream& out) { write_gexf(g, out, options); });
}

}  // namespace bangfu::graph
