#include "graph/export_columns.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <unordered_map>

namespace bangfu::graph {

namespace {

std::optional<ColumnKind> kind_of(const PropValue& v) {
  if (std::holds_alternative<bool>(v.v)) return ColumnKind::Boolean;
  if (std::holds_alternative<std::int64_t>(v.v)) return ColumnKind::Long;
  if (std::holds_alternative<double>(v.v)) return ColumnKind::Double;
  if (v.is_null()) return std::nullopt;
  return ColumnKind::String;
}

ColumnKind merge(ColumnKind a, ColumnKind b) {
  if (a == b) return a;
  bool numeric = (a == ColumnKind::Long || a == ColumnKind::Double) && (b == ColumnKind::Long || b == ColumnKind::Double);
  return numeric ? ColumnKind::Double : ColumnKind::String;
}

class ColumnSet {
 public:
  explicit ColumnSet(const std::vector<std::string>& reserved) : reserved_(reserved) {}

  void add(const Properties& props) {
    for (const auto& [key, value] : props) {
      auto kind = kind_of(value);
      if (!kind || std::find(reserved_.begin(), reserved_.end(), key) != reserved_.end()) continue;
      auto [it, fresh] = index_.emplace(key, columns_.size());
      if (fresh) columns_.push_back({key, *kind});
      else columns_[it->second].kind = merge(columns_[it->second].kind, *kind);
    }
  }
  std::vector<Column> take() { return std::move(columns_); }

 private:
  const std::vector<std::string>& reserved_;
  std::unordered_map<std::string, std::size_t> index_;
  std::vector<Column> columns_;
};

std::string number_text(double d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", d);
  return buf;
}

std::string plain_text(const PropValue& value) {
  return std::visit(
      [](const auto& x) -> std::string {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>) return "";
        else if constexpr (std::is_same_v<T, bool>) return x ? "true" : "false";
        else if constexpr (std::is_same_v<T, std::int64_t>) return std::to_string(x);
        else if constexpr (std::is_same_v<T, double>) return number_text(x);
        else if constexpr (std::is_same_v<T, std::string>) return x;
        else if constexpr (std::is_same_v<T, temporal::Temporal>) return temporal::to_string(x);
        else {
          std::vector<std::string> parts;
          for (const auto& item : x) parts.push_back(plain_text(item));
          return join(parts, "; ");
        }
      },
      value.v);
}

}  // namespace

ExportColumns property_columns(const Graph& g, const std::vector<std::string>& reserved_node,
                               const std::vector<std::string>& reserved_edge) {
  ColumnSet nodes(reserved_node), edges(reserved_edge);
  for (auto vi : g.vertices()) nodes.add(g.node(vi).props);
  for (auto ei : g.edges()) edges.add(g.edge_properties(ei));
  return {nodes.take(), edges.take()};
}

std::string column_text(const PropValue& value, ColumnKind kind) {
  if (kind == ColumnKind::Double) {
    if (auto i = std::get_if<std::int64_t>(&value.v)) return number_text(static_cast<double>(*i));
  }
  return plain_text(value);
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        case '\t': out += "&#9;"; break;   // kept through attribute-value normalization
        case '\n': out += "&#10;"; break;
        case '\r': out += "&#13;"; break;
        default:
          if (c >= 0x20 && c != 0x7F) out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    std::size_t n = c >= 0xF0 && c < 0xF5 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
    bool ok = n > 0 && i + n <= text.size();
    for (std::size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    if (ok && n == 3) {
      unsigned char c1 = static_cast<unsigned char>(text[i + 1]);
      ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0) &&  // overlong, surrogates
           !(c == 0xEF && c1 == 0xBF && static_cast<unsigned char>(text[i + 2]) >= 0xBE);  // U+FFFE/FFFF
    }
    if (ok && n == 4) {
      unsigned char c1 = static_cast<unsigned char>(text[i + 1]);
      ok = !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
    }
    if (ok) {
      out.append(text.substr(i, n));
      i += n;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += separator;
    out += items[i];
  }
  return out;
}

std::vector<std::string> edge_documents(const Graph& g, Graph::Edge e) {
  std::vector<std::string> docs;
  for (const auto& ev : g.evidence(e))
    if (!ev.doc.empty() && std::find(docs.begin(), docs.end(), ev.doc) == docs.end()) docs.push_back(ev.doc);
  return docs;
}

std::vector<std::string> label_names(const Graph& g, Graph::Vertex v) {
  std::vector<std::string> out;
  for (auto l : g.node(v).labels) out.push_back(g.label_name(l));
  return out;
}

PropValue export_weight(const Graph& g, Graph::Edge e) {
  if (const PropValue* w = find_property(g.edge_properties(e), "weight"))
    if (std::holds_alternative<std::int64_t>(w->v) || std::holds_alternative<double>(w->v)) return *w;
  return PropValue(static_cast<std::int64_t>(g.edge(e).weight));
}

std::string display_name(const Graph& g, Graph::Vertex v) {
  const auto& n = g.node(v);
  if (!n.name.empty()) return n.name;
  std::string label = n.labels.empty() ? "node" : g.label_name(n.labels.front());
  return label + " " + std::to_string(n.id);
}

namespace {

// One colour per schema entity type (in kAllEntityTypes order), so Gephi shows the types apart at once.
constexpr std::array<Rgb, 12> kTypeColors = {{
    {31, 119, 180},   // Province
    {174, 199, 232},  // City
    {44, 160, 44},    // County
    {152, 223, 138},  // Township
    {188, 189, 34},   // Village
    {214, 39, 40},    // Hospital
    {255, 152, 150},  // PrimaryCare
    {148, 103, 189},  // University
    {255, 127, 14},   // Agency
    {140, 86, 75},    // Consortium
    {227, 119, 194},  // Person
    {127, 127, 127},  // Organization
}};

}  // namespace

Rgb type_color(const std::string& label) {
  if (auto t = parse_entity_type(label)) return kTypeColors[static_cast<std::size_t>(*t)];
  std::uint32_t h = 2166136261u;  // FNV-1a, so other labels keep their mid-tone colour across runs and machines
  for (unsigned char ch : label) h = (h ^ ch) * 16777619u;
  return {64 + static_cast<int>(h % 160), 64 + static_cast<int>((h / 160) % 160), 64 + static_cast<int>((h / 25600) % 160)};
}

}  // namespace bangfu::graph
