#include "query/format.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "query/utf8.hpp"

namespace bangfu::query {

namespace {

using graph::Graph;
using graph::PropValue;
using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

// Decodes one code point at `i` and advances; a malformed byte counts as one narrow character.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  auto c = static_cast<unsigned char>(s[i]);
  std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
  if (n == 1 || i + n > s.size()) {
    ++i;
    return c < 0x80 ? c : U'\uFFFD';
  }
  char32_t cp = c & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) {
    auto cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) {
      ++i;
      return U'\uFFFD';
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  i += n;
  return cp;
}

int code_point_width(char32_t c) {
  if (c < 0x20 || (c >= 0x7F && c < 0xA0)) return 0;
  if ((c >= 0x0300 && c <= 0x036F) || (c >= 0x200B && c <= 0x200F) || (c >= 0xFE00 && c <= 0xFE0F)) return 0;
  static constexpr std::pair<char32_t, char32_t> kWide[] = {
      {0x1100, 0x115F}, {0x2E80, 0x303E}, {0x3041, 0x33FF}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF},
      {0xA000, 0xA4CF}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF}, {0xFE30, 0xFE4F}, {0xFF00, 0xFF60},
      {0xFFE0, 0xFFE6}, {0x1F300, 0x1F64F}, {0x1F900, 0x1F9FF}, {0x20000, 0x3FFFD}};
  for (auto [lo, hi] : kWide)
    if (c >= lo && c <= hi) return 2;
  return 1;
}

std::string number_text(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  std::string s(buf, end);
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

std::string quoted(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "'";
}

bool is_identifier(std::string_view key) {
  if (key.empty() || std::isdigit(static_cast<unsigned char>(key[0]))) return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80;
  });
}

std::string key_text(std::string_view key) {
  return is_identifier(key) ? std::string(key) : "`" + std::string(key) + "`";
}

std::string props_text(const graph::Properties& props) {
  if (props.empty()) return {};
  std::string out = " {";
  for (std::size_t i = 0; i < props.size(); ++i) {
    if (i) out += ", ";
    out += key_text(props[i].first) + ": " + prop_text(props[i].second);
  }
  return out + "}";
}

std::string node_text(const Graph& g, Vertex v) {
  std::string out = "(";
  for (auto l : g.node(v).labels) out += ":" + key_text(g.label_name(l));
  auto props = props_text(g.node_property_map(v));
  out += out.size() == 1 && !props.empty() ? props.substr(1) : props;
  return out + ")";
}

std::string rel_text(const Graph& g, Edge e) {
  return "[:" + key_text(g.type_name(g.edge(e).type)) + props_text(g.edge_property_map(e)) + "]";
}

std::string path_text(const Graph& g, const PathValue& p) {
  if (p.nodes.empty()) return "<>";
  std::string out = "<" + node_text(g, p.nodes[0]);
  for (std::size_t i = 0; i < p.rels.size() && i + 1 < p.nodes.size(); ++i) {
    bool forward = Graph::source(p.rels[i]) == p.nodes[i];
    out += (forward ? "-" : "<-") + rel_text(g, p.rels[i]) + (forward ? "->" : "-") + node_text(g, p.nodes[i + 1]);
  }
  return out + ">";
}

// JSON must be UTF-8: a string that is not (bytes from a graph file or a parameter) is written with
// U+FFFD in place of each ill-formed sequence rather than passed on.
void write_key(Writer& w, std::string_view k) {
  if (first_invalid_utf8(k)) {
    std::string fixed = replace_invalid_utf8(k);
    w.Key(fixed.data(), static_cast<rapidjson::SizeType>(fixed.size()));
    return;
  }
  w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
}
void write_string(Writer& w, std::string_view s) {
  if (first_invalid_utf8(s)) {
    std::string fixed = replace_invalid_utf8(s);
    w.String(fixed.data(), static_cast<rapidjson::SizeType>(fixed.size()));
    return;
  }
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

void write_double(Writer& w, double d) {
  if (std::isfinite(d))
    w.Double(d);
  else
    w.Null();
}

void write_prop(Writer& w, const PropValue& p) {
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>) w.Null();
        else if constexpr (std::is_same_v<T, bool>) w.Bool(x);
        else if constexpr (std::is_same_v<T, std::int64_t>) w.Int64(x);
        else if constexpr (std::is_same_v<T, double>) write_double(w, x);
        else if constexpr (std::is_same_v<T, std::string>) write_string(w, x);
        else if constexpr (std::is_same_v<T, temporal::Temporal>) write_string(w, temporal::to_string(x));
        else {
          w.StartArray();
          for (const auto& item : x) write_prop(w, item);
          w.EndArray();
        }
      },
      p.v);
}


void write_props(Writer& w, const graph::Properties& props) {
  w.StartObject();
  for (const auto& [k, v] : props) {
    write_key(w, k);
    write_prop(w, v);
  }
  w.EndObject();
}

void write_node(Writer& w, const Graph& g, Vertex v) {
  w.StartObject();
  write_key(w, "id");
  w.Uint(g.node_id(v));
  write_key(w, "labels");
  w.StartArray();
  for (auto l : g.node(v).labels) write_string(w, g.label_name(l));
  w.EndArray();
  write_key(w, "properties");
  write_props(w, g.node_property_map(v));
  w.EndObject();
}

void write_rel(Writer& w, const Graph& g, Edge e) {
  w.StartObject();
  write_key(w, "id");
  w.Uint(g.edge(e).id);
  write_key(w, "type");
  write_string(w, g.type_name(g.edge(e).type));
  write_key(w, "start");
  w.Uint(g.node_id(Graph::source(e)));
  write_key(w, "end");
  w.Uint(g.node_id(Graph::target(e)));
  write_key(w, "properties");
  write_props(w, g.edge_property_map(e));
  w.EndObject();
}

void write_value(Writer& w, const Graph& g, const Value& value) {
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>) w.Null();
        else if constexpr (std::is_same_v<T, bool>) w.Bool(x);
        else if constexpr (std::is_same_v<T, std::int64_t>) w.Int64(x);
        else if constexpr (std::is_same_v<T, double>) write_double(w, x);
        else if constexpr (std::is_same_v<T, std::string>) write_string(w, x);
        else if constexpr (std::is_same_v<T, List>) {
          w.StartArray();
          for (const auto& item : x) write_value(w, g, item);
          w.EndArray();
        } else if constexpr (std::is_same_v<T, Map>) {
          w.StartObject();
          for (const auto& [k, v] : x) {
            write_key(w, k);
            write_value(w, g, v);
          }
          w.EndObject();
        } else if constexpr (std::is_same_v<T, NodeRef>) write_node(w, g, x.v);
        else if constexpr (std::is_same_v<T, RelRef>) write_rel(w, g, x.e);
        else if constexpr (std::is_same_v<T, Temporal>) {
          std::string t = temporal::to_string(x);
          w.String(t.data(), static_cast<rapidjson::SizeType>(t.size()));
        } else {
          w.StartObject();
          write_key(w, "nodes");
          w.StartArray();
          for (auto v : x.nodes) write_node(w, g, v);
          w.EndArray();
          write_key(w, "relationships");
          w.StartArray();
          for (auto e : x.rels) write_rel(w, g, e);
          w.EndArray();
          w.EndObject();
        }
      },
      value.v);
}

std::string row_json(const Graph& g, const std::vector<std::string>& columns, const std::vector<Value>& row) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.StartObject();
  for (std::size_t i = 0; i < columns.size(); ++i) {
    write_key(w, columns[i]);
    write_value(w, g, i < row.size() ? row[i] : Value());
  }
  w.EndObject();
  return {buf.GetString(), buf.GetSize()};
}

// Table cells live on one line: control characters (newlines in evidence sentences) become spaces.
std::string one_line(std::string s) {
  for (auto& c : s)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  return s;
}

std::string pad(const std::string& s, std::size_t width) {
  std::size_t w = display_width(s);
  return s + std::string(width > w ? width - w : 0, ' ');
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string stats_line(const QueryStats& s) {
  std::vector<std::string> parts;
  if (s.nodes_created) parts.push_back("created " + plural(s.nodes_created, "node", "nodes"));
  if (s.relationships_created) parts.push_back("created " + plural(s.relationships_created, "relationship", "relationships"));
  if (s.properties_set) parts.push_back("set " + plural(s.properties_set, "property", "properties"));
  if (s.labels_added) parts.push_back("added " + plural(s.labels_added, "label", "labels"));
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

std::string format_table(const Graph& g, const QueryResult& r, const FormatOptions& o) {
  std::size_t shown = o.max_rows ? std::min(o.max_rows, r.rows.size()) : r.rows.size();
  std::size_t max_w = std::max<std::size_t>(o.max_col_width, 4);
  std::vector<std::vector<std::string>> cells(shown);
  std::vector<std::size_t> widths;
  for (const auto& c : r.columns) widths.push_back(std::min(display_width(c), max_w));
  for (std::size_t i = 0; i < shown; ++i) {
    for (std::size_t c = 0; c < r.columns.size(); ++c) {
      auto text = c < r.rows[i].size() ? value_text(g, r.rows[i][c], false) : std::string("null");
      cells[i].push_back(truncate_to_width(one_line(std::move(text)), max_w));
      widths[c] = std::max(widths[c], display_width(cells[i].back()));
    }
  }
  std::string out;
  if (!r.columns.empty()) {
    std::string rule = "+";
    for (auto w : widths) rule += std::string(w + 2, '-') + "+";
    rule += "\n";
    auto line = [&](const std::vector<std::string>& items) {
      std::string l = "|";
      for (std::size_t c = 0; c < widths.size(); ++c) l += " " + pad(items[c], widths[c]) + " |";
      return l + "\n";
    };
    std::vector<std::string> header;
    for (const auto& c : r.columns) header.push_back(truncate_to_width(one_line(c), max_w));
    out += rule + line(header) + rule;
    for (const auto& row : cells) out += line(row);
    if (shown) out += rule;
  }
  if (!o.footer) return out;
  if (r.rows.empty()) {
    if (!r.columns.empty()) out += "(no rows)\n";  // an update without RETURN shows only its counts
  } else if (shown < r.rows.size()) {
    out += "showing " + std::to_string(shown) + " of " + plural(r.rows.size(), "row", "rows") + " (:maxrows " +
           std::to_string(o.max_rows) + "); " + std::to_string(r.rows.size() - shown) +
           " more not shown, :maxrows 0 shows all\n";
  } else {
    out += plural(r.rows.size(), "row", "rows") + "\n";
  }
  if (auto s = stats_line(r.stats); !s.empty()) out += s + "\n";
  for (const auto& n : r.notes) out += "note: " + n + "\n";
  return out;
}

std::string csv_field(std::string s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string format_csv(const Graph& g, const QueryResult& r) {
  std::string out;
  for (std::size_t c = 0; c < r.columns.size(); ++c) out += (c ? "," : "") + csv_field(r.columns[c]);
  out += "\r\n";
  for (const auto& row : r.rows) {
    for (std::size_t c = 0; c < r.columns.size(); ++c) {
      std::string text = c < row.size() && !row[c].is_null() ? value_text(g, row[c], false) : std::string();
      out += (c ? "," : "") + csv_field(std::move(text));
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace

std::optional<Format> parse_format(std::string_view name) {
  if (name == "table") return Format::Table;
  if (name == "json") return Format::Json;
  if (name == "jsonl") return Format::Jsonl;
  if (name == "csv") return Format::Csv;
  return std::nullopt;
}

std::string_view to_string(Format f) {
  switch (f) {
    case Format::Table: return "table";
    case Format::Json: return "json";
    case Format::Jsonl: return "jsonl";
    case Format::Csv: return "csv";
  }
  return "table";
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) width += code_point_width(next_code_point(text, i));
  return width;
}

std::string truncate_to_width(std::string_view text, std::size_t width) {
  if (display_width(text) <= width) return std::string(text);
  std::size_t used = 0, i = 0, cut = 0;
  while (i < text.size()) {
    std::size_t w = code_point_width(next_code_point(text, i));
    if (used + w + 1 > width) break;  // keep one column for the ellipsis
    used += w;
    cut = i;
  }
  return std::string(text.substr(0, cut)) + "…";
}

std::string prop_text(const PropValue& value) {
  return std::visit(
      [](const auto& x) -> std::string {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>) return "null";
        else if constexpr (std::is_same_v<T, bool>) return x ? "true" : "false";
        else if constexpr (std::is_same_v<T, std::int64_t>) return std::to_string(x);
        else if constexpr (std::is_same_v<T, double>) return number_text(x);
        else if constexpr (std::is_same_v<T, std::string>) return quoted(x);
        else if constexpr (std::is_same_v<T, temporal::Temporal>) return temporal::to_string(x);
        else {
          std::string out = "[";
          for (std::size_t i = 0; i < x.size(); ++i) out += (i ? ", " : "") + prop_text(x[i]);
          return out + "]";
        }
      },
      value.v);
}

std::string value_text(const Graph& graph, const Value& value, bool quote_strings) {
  return std::visit(
      [&](const auto& x) -> std::string {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>) return "null";
        else if constexpr (std::is_same_v<T, bool>) return x ? "true" : "false";
        else if constexpr (std::is_same_v<T, std::int64_t>) return std::to_string(x);
        else if constexpr (std::is_same_v<T, double>) return number_text(x);
        else if constexpr (std::is_same_v<T, std::string>) return quote_strings ? quoted(x) : x;
        else if constexpr (std::is_same_v<T, List>) {
          std::string out = "[";
          for (std::size_t i = 0; i < x.size(); ++i) out += (i ? ", " : "") + value_text(graph, x[i]);
          return out + "]";
        } else if constexpr (std::is_same_v<T, Map>) {
          std::string out = "{";
          for (std::size_t i = 0; i < x.size(); ++i)
            out += (i ? ", " : "") + key_text(x[i].first) + ": " + value_text(graph, x[i].second);
          return out + "}";
        } else if constexpr (std::is_same_v<T, NodeRef>) return node_text(graph, x.v);
        else if constexpr (std::is_same_v<T, RelRef>) return rel_text(graph, x.e);
        else if constexpr (std::is_same_v<T, Temporal>) return temporal::to_string(x);
        else return path_text(graph, x);
      },
      value.v);
}

std::string value_json(const Graph& graph, const Value& value) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  write_value(w, graph, value);
  return {buf.GetString(), buf.GetSize()};
}

std::string format_result(const Graph& graph, const QueryResult& result, const FormatOptions& options) {
  switch (options.format) {
    case Format::Table: return format_table(graph, result, options);
    case Format::Csv: return format_csv(graph, result);
    case Format::Jsonl: {
      std::string out;
      for (const auto& row : result.rows) out += row_json(graph, result.columns, row) + "\n";
      return out;
    }
    case Format::Json: {
      if (result.rows.empty()) return "[]\n";
      std::string out = "[\n";
      for (std::size_t i = 0; i < result.rows.size(); ++i)
        out += "  " + row_json(graph, result.columns, result.rows[i]) + (i + 1 < result.rows.size() ? ",\n" : "\n");
      return out + "]\n";
    }
  }
  return {};
}

}  // namespace bangfu::query
