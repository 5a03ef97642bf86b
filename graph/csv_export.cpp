#include "graph/csv_export.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <tuple>
#include <unordered_map>

#include "graph/export_columns.hpp"

namespace bangfu::graph {

namespace {

namespace fs = std::filesystem;

// A CSV field: quoted when it holds a separator, quote, line break or surrounding space; quotes doubled.
void field(std::ostream& out, std::string_view text) {
  bool quote = text.find_first_of(",\"\r\n") != std::string_view::npos ||
               (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  if (!quote) {
    out << text;
    return;
  }
  out << '"';
  for (char c : text) {
    if (c == '"') out << '"';
    out << c;
  }
  out << '"';
}

const char* neo4j_type(ColumnKind k) {
  switch (k) {
    case ColumnKind::Boolean: return "boolean";
    case ColumnKind::Long: return "long";
    case ColumnKind::Double: return "double";
    default: return "string";
  }
}

const char* kuzu_type(ColumnKind k) {
  switch (k) {
    case ColumnKind::Boolean: return "BOOLEAN";
    case ColumnKind::Long: return "INT64";
    case ColumnKind::Double: return "DOUBLE";
    default: return "STRING";
  }
}

// A Kùzu identifier in backquotes (backquotes inside doubled).
std::string kuzu_name(std::string_view name) {
  std::string out = "`";
  for (char c : name) {
    if (c == '`') out += '`';
    out += c;
  }
  return out + "`";
}

// A header name Neo4j parses: ':' would start a type and ',' end the field.
std::string header_name(std::string name) {
  for (char& c : name)
    if (c == ':' || c == ',' || c == '"') c = '_';
  return name;
}

// File names: ASCII letters, digits, '-' and '_' kept, the rest '_' (labels may be Chinese); the index
// in front keeps names apart.
std::string file_part(std::string_view name) {
  std::string out;
  for (char c : name) out += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ? c : '_';
  return out;
}

// Three digits at least, so a folder listing shows the files in order.
std::string numbered(std::size_t i) {
  std::string s = std::to_string(i);
  return std::string(s.size() < 3 ? 3 - s.size() : 0, '0') + s;
}

// A property column, named so it cannot clash with the fixed columns.
struct PropColumn {
  std::string key, header;
  ColumnKind kind;
};

std::vector<PropColumn> prop_columns(const std::vector<Column>& columns, const std::set<std::string>& fixed) {
  std::vector<PropColumn> out;
  std::set<std::string> taken = fixed;
  for (const auto& c : columns) {
    std::string h = header_name(c.name);
    while (!taken.insert(h).second) h += "_prop";
    out.push_back({c.name, h, c.kind});
  }
  return out;
}

// One output file per group; a pass keeps at most kMaxOpenFiles open, so many groups take several passes.
class GroupFiles {
 public:
  GroupFiles(fs::path dir, std::vector<std::string> names) : dir_(std::move(dir)), names_(std::move(names)) {}

  // Calls `fill(open)` once per pass; `open(group)` is the stream of a group written in this pass, or null.
  template <class Fill>
  void write(const std::string& header, Fill fill) {
    for (std::size_t first = 0; first < names_.size(); first += kMaxOpenFiles) {
      std::size_t last = std::min(names_.size(), first + kMaxOpenFiles);
      std::vector<std::unique_ptr<std::ofstream>> files;
      for (std::size_t i = first; i < last; ++i) {
        auto f = std::make_unique<std::ofstream>(dir_ / names_[i], std::ios::binary | std::ios::trunc);
        if (!*f) throw GraphError("cannot write '" + (dir_ / names_[i]).string() + "': " + std::strerror(errno));
        *f << header << '\n';
        files.push_back(std::move(f));
      }
      fill([&](std::size_t group) -> std::ostream* {
        return group >= first && group < last ? files[group - first].get() : nullptr;
      });
      for (std::size_t i = first; i < last; ++i) {
        auto& f = *files[i - first];
        f.flush();
        if (!f) throw GraphError("cannot write '" + (dir_ / names_[i]).string() + "': " + std::strerror(errno));
      }
    }
  }

 private:
  fs::path dir_;
  std::vector<std::string> names_;
};

void write_text_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.flush();
  if (!out) throw GraphError("cannot write '" + path.string() + "': " + std::strerror(errno));
}

}  // namespace

CsvExportResult export_csv(const Graph& g, const std::string& dir_name) {
  fs::path dir(dir_name);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir)) throw GraphError("cannot create folder '" + dir_name + "': " + ec.message());
  CsvExportResult result;

  // Node groups: a node's first label (nodes without labels: "Node"). Kùzu names are case-insensitive,
  // so two labels differing only in case get numbered apart.
  constexpr std::uint32_t kNoLabel = UINT16_MAX + 1u;
  std::map<std::uint32_t, std::size_t> node_group;  // first label id -> group
  std::vector<std::string> tables;
  std::set<std::string> table_keys;
  auto group_of_node = [&](Graph::Vertex v) -> std::uint32_t {
    const auto& labels = g.node(v).labels;
    return labels.empty() ? kNoLabel : labels.front();
  };
  for (auto vi : g.vertices()) {
    auto key = group_of_node(vi);
    if (node_group.count(key)) continue;
    std::string table = key == kNoLabel ? "Node" : g.label_name(static_cast<std::uint16_t>(key));
    std::string folded = table;
    for (char& c : folded) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (int n = 2; !table_keys.insert(folded).second; ++n) folded += "_" + std::to_string(n), table += "_" + std::to_string(n);
    node_group.emplace(key, tables.size());
    tables.push_back(table);
  }
  // Groups numbered in label order, so the files do not depend on node order.
  {
    std::vector<std::pair<std::uint32_t, std::string>> order;
    for (auto& [key, i] : node_group) order.emplace_back(key, tables[i]);
    tables.clear();
    for (auto& [key, table] : order) {
      node_group[key] = tables.size();
      tables.push_back(table);
    }
  }
  for (std::size_t i = 0; i < tables.size(); ++i)
    result.node_files.push_back("nodes_" + numbered(i) + "_" + file_part(tables[i]) + ".csv");

  // Edge groups: (type, start table, end table).
  std::map<std::tuple<std::uint16_t, std::size_t, std::size_t>, std::size_t> edge_group;
  auto edge_key = [&](Graph::Edge e) {
    return std::make_tuple(g.edge(e).type, node_group.at(group_of_node(Graph::source(e))),
                           node_group.at(group_of_node(Graph::target(e))));
  };
  for (auto ei : g.edges()) edge_group.emplace(edge_key(ei), 0);
  std::size_t n = 0;
  for (auto& [key, i] : edge_group) {
    i = n++;
    auto [type, from, to] = key;
    result.edge_files.push_back("edges_" + numbered(i) + "_" + file_part(g.type_name(type)) + "_" +
                                file_part(tables[from]) + "_" + file_part(tables[to]) + ".csv");
  }

  ExportColumns columns = property_columns(g, {"name", "aliases"}, {"weight"});
  auto node_props = prop_columns(columns.node, {"id", "label", "name", "aliases", "docs"});
  auto edge_props = prop_columns(columns.edge, {"type", "weight", "docs", "evidence"});

  // ---- nodes ----
  std::string header = "id:ID,:LABEL,name:string,aliases:string[],docs:string[]";
  for (const auto& c : node_props) header += "," + c.header + ":" + neo4j_type(c.kind);
  GroupFiles(dir, result.node_files).write(header, [&](const auto& open) {
    for (auto vi : g.vertices()) {
      std::ostream* out = open(node_group.at(group_of_node(vi)));
      if (!out) continue;
      const auto& node = g.node(vi);
      *out << node.id << ',';
      field(*out, join(label_names(g, vi), ";"));
      *out << ',';
      field(*out, node.name);
      *out << ',';
      field(*out, join(node.aliases, ";"));
      std::vector<std::string> docs;
      for (auto d : node.docs)
        if (d < g.documents().size() && !g.documents()[d].id.empty()) docs.push_back(g.documents()[d].id);
      *out << ',';
      field(*out, join(docs, ";"));
      for (const auto& c : node_props) {
        *out << ',';
        if (const auto* v = find_property(node.props, c.key)) field(*out, column_text(*v, c.kind));
      }
      *out << '\n';
      ++result.nodes;
    }
  });

  // ---- edges ----
  header = ":START_ID,:END_ID,:TYPE,weight:long,docs:string[],evidence:string";
  for (const auto& c : edge_props) header += "," + c.header + ":" + neo4j_type(c.kind);
  GroupFiles(dir, result.edge_files).write(header, [&](const auto& open) {
    for (auto ei : g.edges()) {
      std::ostream* out = open(edge_group.at(edge_key(ei)));
      if (!out) continue;
      Graph::Edge e = ei;
      *out << g.node(Graph::source(e)).id << ',' << g.node(Graph::target(e)).id << ',';
      field(*out, g.type_name(g.edge(e).type));
      *out << ',';
      // The weight as queries see it (r.weight): the evidence count, or a stored weight; none on
      // hand-made edges without either, so that sums and filters answer alike in both engines. The
      // column is typed long: a stored weight that is not an integer is left empty.
      PropValue weight = g.edge_property(e, "weight");
      if (std::holds_alternative<std::int64_t>(weight.v)) field(*out, column_text(weight, ColumnKind::Long));
      *out << ',';
      field(*out, join(edge_documents(g, e), ";"));
      *out << ',';
      const auto& evs = g.evidence(e);
      if (!evs.empty()) field(*out, evs.front().sentence);
      const auto& props = g.edge_properties(e);
      for (const auto& c : edge_props) {
        *out << ',';
        if (const auto* v = find_property(props, c.key)) field(*out, column_text(*v, c.kind));
      }
      *out << '\n';
      ++result.edges;
    }
  });

  // ---- scripts ----
  std::string neo4j = "#!/bin/sh\n# Loads this folder into a new Neo4j database (run here; the database must not exist).\n"
                      "exec neo4j-admin database import full --array-delimiter=';' --multiline-fields=true \\\n";
  for (const auto& f : result.node_files) neo4j += "  --nodes=" + f + " \\\n";
  for (const auto& f : result.edge_files) neo4j += "  --relationships=" + f + " \\\n";
  neo4j += "  \"${1:-neo4j}\"\n";
  write_text_file(dir / "neo4j-import.sh", neo4j);

  std::string schema = "// Kùzu schema for the CSV files of this folder (bangfu export --format csv).\n";
  auto node_columns = [&] {
    std::string s = "id INT64, label STRING, name STRING, aliases STRING, docs STRING";
    for (const auto& c : node_props) s += ", " + kuzu_name(c.header) + " " + kuzu_type(c.kind);
    return s;
  }();
  for (const auto& t : tables)
    schema += "CREATE NODE TABLE " + kuzu_name(t) + "(" + node_columns + ", PRIMARY KEY (id));\n";
  std::string edge_columns = "type STRING, weight INT64, docs STRING, evidence STRING";
  for (const auto& c : edge_props) edge_columns += ", " + kuzu_name(c.header) + " " + kuzu_type(c.kind);
  std::map<std::uint16_t, std::vector<std::pair<std::size_t, std::size_t>>> pairs;
  for (const auto& [key, i] : edge_group) pairs[std::get<0>(key)].emplace_back(std::get<1>(key), std::get<2>(key));
  for (const auto& [type, ends] : pairs) {
    schema += "CREATE REL TABLE " + kuzu_name(g.type_name(type)) + "(";
    for (const auto& [from, to] : ends) schema += "FROM " + kuzu_name(tables[from]) + " TO " + kuzu_name(tables[to]) + ", ";
    schema += edge_columns + ");\n";
  }
  write_text_file(dir / "kuzu-schema.cypher", schema);

  // Quoted fields may hold line breaks, which Kùzu's parallel CSV reader refuses.
  std::string copy = "// Loads the CSV files into the Kùzu schema of kuzu-schema.cypher; run from this folder.\n";
  for (std::size_t i = 0; i < tables.size(); ++i)
    copy += "COPY " + kuzu_name(tables[i]) + " FROM '" + result.node_files[i] + "' (header=true, parallel=false);\n";
  for (const auto& [key, i] : edge_group) {
    auto [type, from, to] = key;
    copy += "COPY " + kuzu_name(g.type_name(type)) + " FROM '" + result.edge_files[i] + "' (from='" + tables[from] +
            "', to='" + tables[to] + "', header=true, parallel=false);\n";
  }
  write_text_file(dir / "kuzu-copy.cypher", copy);
  return result;
}

}  // namespace bangfu::graph
