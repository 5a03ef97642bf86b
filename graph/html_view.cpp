#include "graph/html_view.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <ostream>
#include <map>
#include <sstream>
#include <unordered_map>

#include "graph/export_columns.hpp"
#include "graph/export_file.hpp"
#include "graph/support.hpp"

namespace bangfu::graph {

namespace {

using Vertex = Graph::Vertex;
using Edge = Graph::Edge;

// The code point of the UTF-8 sequence at text[i] and its length; length 0 when the bytes there are not
// valid UTF-8 (stray continuation, truncated, overlong, surrogate, beyond U+10FFFF).
std::pair<std::uint32_t, std::size_t> decode_utf8(std::string_view text, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) return {c, 1};
  std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (len == 0 || c > 0xF4 || i + len > text.size()) return {0, 0};
  std::uint32_t cp = c & (0x7F >> len);
  for (std::size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return {0, 0};
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  static constexpr std::uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {0, 0};
  return {cp, len};
}

void append_u_escape(std::string& out, std::uint32_t unit) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(unit));
  out += buf;
}

// The nodes the page shows, and why those.
struct Selection {
  std::vector<Vertex> nodes;
  std::string scope, note;
};

std::size_t degree(const Graph& g, Vertex v) {
  return g.in_degree(v) + g.out_degree(v);
}

// By degree, most first; ties by id, so the same graph gives the same page.
void sort_by_degree(const Graph& g, std::vector<Vertex>& vs, std::size_t keep) {
  auto more = [&](Vertex a, Vertex b) {
    auto da = degree(g, a), db = degree(g, b);
    return da != db ? da > db : g.node(a).id < g.node(b).id;
  };
  keep = std::min(keep, vs.size());
  std::partial_sort(vs.begin(), vs.begin() + static_cast<std::ptrdiff_t>(keep), vs.end(), more);
  vs.resize(keep);
}

Selection neighbourhood(const Graph& g, const HtmlViewOptions& options) {
  EntityLookup found = lookup_entity(g, options.around);
  if (found.matches.empty()) {
    std::string hint;
    for (const auto& s : found.suggestions) hint += (hint.empty() ? " (did you mean: " : ", ") + s;
    throw GraphError("no node named '" + options.around + "' in the graph" + (hint.empty() ? "" : hint + "?)"));
  }
  std::vector<unsigned> dist(g.node_count(), UINT32_MAX);
  std::vector<Vertex> level = found.matches, reached;
  for (Vertex v : level) dist[v] = 0;
  bool cut = false;
  for (unsigned d = 0;; ++d) {
    // Each level nearest first; when the cap falls inside a level, its nodes of highest degree stay.
    std::vector<Vertex> sorted = level;
    if (reached.size() + sorted.size() > options.max_nodes) {
      sort_by_degree(g, sorted, options.max_nodes - reached.size());
      cut = true;
    }
    reached.insert(reached.end(), sorted.begin(), sorted.end());
    if (cut || d == options.hops) break;
    std::vector<Vertex> next;
    auto visit = [&](Vertex w) {
      if (dist[w] == UINT32_MAX) {
        dist[w] = d + 1;
        next.push_back(w);
      }
    };
    for (Vertex v : level) {
      for (auto ei : g.out_edges(v)) visit(Graph::target(ei));
      for (auto ei : g.in_edges(v)) visit(Graph::source(ei));
    }
    if (next.empty()) break;
    level = std::move(next);
  }
  Selection s;
  s.scope = "around";
  std::string who = display_name(g, found.matches.front());
  std::string hops = std::to_string(options.hops) + (options.hops == 1 ? " hop" : " hops");
  s.note = "Showing the neighbourhood of " + who + " within " + hops + ": " + std::to_string(reached.size()) +
           " of " + std::to_string(g.node_count()) + " nodes" +
           (cut ? " (the nearest " + std::to_string(options.max_nodes) + ", by degree within the farthest hop)" : "") +
           ".";
  s.nodes = std::move(reached);
  return s;
}

Selection select_nodes(const Graph& g, const HtmlViewOptions& options) {
  if (!options.around.empty()) return neighbourhood(g, options);
  Selection s;
  for (auto vi : g.vertices()) s.nodes.push_back(vi);
  if (s.nodes.size() <= options.max_nodes) {
    s.scope = "all";
    return s;
  }
  sort_by_degree(g, s.nodes, options.max_nodes);
  s.scope = "top";
  s.note = "Showing the " + std::to_string(s.nodes.size()) + " nodes of highest degree of " +
           std::to_string(g.node_count()) + ". Export with --around NAME --hops N to see one neighbourhood.";
  return s;
}

// Writes the page's data as one JSON object.
class DataWriter {
 public:
  DataWriter(const Graph& g, const HtmlViewOptions& options) : g_(g), options_(options) {}

  std::string write(const Selection& sel, const std::vector<Edge>& edges, std::size_t edges_between) {
    out_ += "{\"title\":" + json_string_for_script(options_.title);
    out_ += ",\"graph\":{\"nodes\":" + std::to_string(g_.node_count()) + ",\"edges\":" +
            std::to_string(g_.edge_count()) + "}";
    out_ += ",\"scope\":" + json_string_for_script(sel.scope);
    out_ += ",\"note\":" + json_string_for_script(note_);
    out_ += ",\"edgesBetween\":" + std::to_string(edges_between);
    out_ += ",\"nodes\":[";
    for (std::size_t i = 0; i < sel.nodes.size(); ++i) {
      if (i) out_ += ',';
      node(sel.nodes[i]);
    }
    out_ += "],\"edges\":[";
    for (std::size_t i = 0; i < edges.size(); ++i) {
      if (i) out_ += ',';
      edge(edges[i]);
    }
    out_ += "],\"types\":{";
    bool first = true;
    for (const auto& [type, color] : colors_) {
      out_ += (first ? "" : ",") + json_string_for_script(type) + ":" + json_string_for_script(color);
      first = false;
    }
    out_ += "},\"docs\":[";
    for (std::size_t i = 0; i < docs_.size(); ++i) {
      const DocumentInfo* info = g_.document(docs_[i]);
      out_ += (i ? ",{\"id\":" : "{\"id\":") + json_string_for_script(docs_[i]);
      if (info && !info->title.empty()) out_ += ",\"title\":" + json_string_for_script(info->title);
      if (info && !info->url.empty()) out_ += ",\"url\":" + json_string_for_script(info->url);
      out_ += '}';
    }
    out_ += "]}";
    return std::move(out_);
  }

  void set_note(std::string note) { note_ = std::move(note); }

 private:
  std::size_t doc_index(const std::string& id) {
    auto [it, fresh] = doc_ids_.emplace(id, docs_.size());
    if (fresh) docs_.push_back(id);
    return it->second;
  }

  void strings(const std::vector<std::string>& items) {
    out_ += '[';
    for (std::size_t i = 0; i < items.size(); ++i) out_ += (i ? "," : "") + json_string_for_script(items[i]);
    out_ += ']';
  }

  void node(Vertex v) {
    const auto& n = g_.node(v);
    auto labels = label_names(g_, v);
    std::string type = labels.empty() ? std::string() : labels.front();
    if (!colors_.count(type)) {
      Rgb c = type_color(type);
      char buf[8];
      std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r & 0xFF, c.g & 0xFF, c.b & 0xFF);
      colors_.emplace(type, buf);
    }
    out_ += "{\"id\":\"n" + std::to_string(n.id) + "\",\"name\":" + json_string_for_script(display_name(g_, v));
    out_ += ",\"type\":" + json_string_for_script(type) + ",\"labels\":";
    strings(labels);
    out_ += ",\"aliases\":";
    strings(n.aliases);
    out_ += ",\"degree\":" + std::to_string(degree(g_, v)) + ",\"docs\":[";
    std::size_t kept = 0;
    for (auto d : n.docs) {
      if (d >= g_.documents().size() || g_.documents()[d].id.empty()) continue;
      if (kept == options_.max_evidence) break;
      out_ += (kept++ ? "," : "") + std::to_string(doc_index(g_.documents()[d].id));
    }
    out_ += "],\"docCount\":" + std::to_string(n.docs.size()) + "}";
  }

  void edge(Edge e) {
    const auto& data = g_.edge(e);
    out_ += "{\"id\":\"e" + std::to_string(data.id) + "\",\"source\":\"n" +
            std::to_string(g_.node(Graph::source(e)).id) + "\",\"target\":\"n" +
            std::to_string(g_.node(Graph::target(e)).id) + "\",\"rel\":" +
            json_string_for_script(g_.type_name(data.type)) +
            ",\"weight\":" + json_string_for_script(column_text(export_weight(g_, e), ColumnKind::Double));
    out_ += ",\"props\":{";
    bool first = true;
    for (const auto& [key, value] : g_.edge_properties(e)) {
      if (value.is_null()) continue;
      out_ += (first ? "" : ",") + json_string_for_script(key) + ":" +
              json_string_for_script(column_text(value, ColumnKind::String));
      first = false;
    }
    const auto& evs = g_.evidence(e);
    out_ += "},\"ev\":[";
    for (std::size_t i = 0; i < evs.size() && i < options_.max_evidence; ++i)
      out_ += std::string(i ? ",[" : "[") + json_string_for_script(evs[i].sentence) + "," +
              std::to_string(doc_index(evs[i].doc)) + "]";
    out_ += "],\"evCount\":" + std::to_string(evs.size()) + "}";
  }

  const Graph& g_;
  const HtmlViewOptions& options_;
  std::string out_, note_;
  std::vector<std::string> docs_;
  std::unordered_map<std::string, std::size_t> doc_ids_;
  std::map<std::string, std::string> colors_;
};

std::string html_text(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::string json_string_for_script(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  for (std::size_t i = 0; i < text.size();) {
    auto [cp, len] = decode_utf8(text, i);
    if (len == 0) {
      out += "\\ufffd";
      ++i;
      continue;
    }
    switch (cp) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '<':
      case '>':
      case '&':
      case 0x2028:
      case 0x2029: append_u_escape(out, cp); break;
      default:
        if (cp < 0x20 || cp == 0x7F) append_u_escape(out, cp);
        else out.append(text.substr(i, len));
    }
    i += len;
  }
  out += '"';
  return out;
}

HtmlViewSummary write_html_view(const Graph& g, std::ostream& out, const HtmlViewAssets& assets,
                                const HtmlViewOptions& options) {
  Selection sel = select_nodes(g, options);
  std::vector<char> shown(g.node_count(), 0);
  for (Vertex v : sel.nodes) shown[v] = 1;
  std::vector<Edge> edges;
  for (Vertex v : sel.nodes)
    for (auto ei : g.out_edges(v))
      if (shown[Graph::target(ei)]) edges.push_back(ei);
  std::size_t between = edges.size();
  if (edges.size() > options.max_edges) {
    // The heaviest (most often stated) edges stay; ties by id for a stable page.
    std::partial_sort(edges.begin(), edges.begin() + static_cast<std::ptrdiff_t>(options.max_edges), edges.end(),
                      [&](Edge x, Edge y) {
                        auto wx = g.edge(x).weight, wy = g.edge(y).weight;
                        return wx != wy ? wx > wy : g.edge(x).id < g.edge(y).id;
                      });
    edges.resize(options.max_edges);
    sel.note += (sel.note.empty() ? "" : " ") + std::string("Of the ") + std::to_string(between) +
                " edges between them, the " + std::to_string(edges.size()) + " stated most often are drawn.";
  }
  std::sort(edges.begin(), edges.end(), [&](Edge x, Edge y) { return g.edge(x).id < g.edge(y).id; });

  DataWriter data(g, options);
  data.set_note(sel.note);
  std::string json = data.write(sel, edges, between);

  std::string page(assets.page_template);
  auto library = std::string(assets.library);
  // Inside a <script>, "</script" would end the element early; "<\/script" means the same to JavaScript.
  for (std::size_t at = 0; (at = library.find("</script", at)) != std::string::npos; at += 2) library.insert(at + 1, "\\");
  std::size_t title_at = page.find("{{BANGFU_TITLE}}");
  std::size_t lib_at = page.find("{{BANGFU_LIBRARY}}");
  std::size_t data_at = page.find("{{BANGFU_DATA}}");
  if (title_at == std::string::npos || lib_at == std::string::npos || data_at == std::string::npos)
    throw GraphError("HTML view template lacks a {{BANGFU_TITLE}}, {{BANGFU_LIBRARY}} or {{BANGFU_DATA}} marker");
  // Replace from the last marker back, so the earlier positions stay valid.
  std::vector<std::pair<std::size_t, std::pair<std::string_view, const std::string*>>> order;
  std::string title = html_text(options.title);
  order.push_back({title_at, {"{{BANGFU_TITLE}}", &title}});
  order.push_back({lib_at, {"{{BANGFU_LIBRARY}}", &library}});
  order.push_back({data_at, {"{{BANGFU_DATA}}", &json}});
  std::sort(order.begin(), order.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
  for (const auto& [at, what] : order) page.replace(at, what.first.size(), *what.second);
  out << page;

  HtmlViewSummary summary;
  summary.nodes = sel.nodes.size();
  summary.edges = edges.size();
  summary.graph_nodes = g.node_count();
  summary.graph_edges = g.edge_count();
  summary.scope = sel.scope;
  summary.note = sel.note;
  return summary;
}

HtmlViewSummary export_html_view(const Graph& g, const std::string& path, const HtmlViewAssets& assets,
                                 const HtmlViewOptions& options) {
  // Rendered first, so that a bad --around leaves no file behind.
  std::ostringstream page;
  HtmlViewSummary summary = write_html_view(g, page, assets, options);
  write_export_file(path, [&](std::ostream& out) { out << page.view(); });
  return summary;
}

}  // namespace bangfu::graph
