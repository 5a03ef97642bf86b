#include "graph/canonical_dump.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <ostream>
#include <string>
#include <tuple>
#include <vector>

namespace bangfu::graph {

namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer, rapidjson::UTF8<>, rapidjson::UTF8<>, rapidjson::CrtAllocator,
                                 rapidjson::kWriteNanAndInfFlag>;

void str(Writer& w, const std::string& s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }

void value(Writer& w, const PropValue& v) {
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>) w.Null();
        else if constexpr (std::is_same_v<T, bool>) w.Bool(x);
        else if constexpr (std::is_same_v<T, std::int64_t>) w.Int64(x);
        else if constexpr (std::is_same_v<T, double>) w.Double(x);
        else if constexpr (std::is_same_v<T, std::string>) str(w, x);
        else if constexpr (std::is_same_v<T, temporal::Temporal>) {
          w.StartObject();
          w.Key("temporal");
          w.String(temporal::kind_name(x.kind));
          w.Key("value");
          str(w, temporal::to_string(x));
          w.EndObject();
        } else {
          w.StartArray();
          for (const auto& item : x) value(w, item);
          w.EndArray();
        }
      },
      v.v);
}

void props(Writer& w, Properties p) {
  std::stable_sort(p.begin(), p.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  w.Key("props");
  w.StartObject();
  for (const auto& [k, v] : p) {
    str(w, k);
    value(w, v);
  }
  w.EndObject();
}

void strings(Writer& w, const char* key, std::vector<std::string> items) {
  std::sort(items.begin(), items.end());
  w.Key(key);
  w.StartArray();
  for (const auto& s : items) str(w, s);
  w.EndArray();
}

// How a dump names a node: its name, else its labels and stored properties (ids depend on build order).
std::string node_ref(const Graph& g, Graph::Vertex v) {
  const auto& n = g.node(v);
  if (!n.name.empty()) return n.name;
  rapidjson::StringBuffer b;
  Writer w(b);
  w.StartObject();
  std::vector<std::string> labels;
  for (auto l : n.labels) labels.push_back(g.label_name(l));
  strings(w, "labels", labels);
  props(w, n.props);
  w.EndObject();
  return b.GetString();
}

std::string document_line(const DocumentInfo& d) {
  rapidjson::StringBuffer b;
  Writer w(b);
  w.StartObject();
  w.Key("document");
  w.StartObject();
  for (auto [k, v] : {std::pair<const char*, const std::string*>{"id", &d.id}, {"hash", &d.content_hash},
                      {"title", &d.title}, {"date", &d.date}, {"source", &d.source}, {"url", &d.url}, {"path", &d.path}}) {
    w.Key(k);
    str(w, *v);
  }
  w.EndObject();
  w.EndObject();
  return b.GetString();
}

std::string node_line(const Graph& g, Graph::Vertex v) {
  const auto& n = g.node(v);
  rapidjson::StringBuffer b;
  Writer w(b);
  w.StartObject();
  w.Key("node");
  w.StartObject();
  w.Key("name");
  str(w, n.name);
  w.Key("labels");  // in order: the first is the entity type
  w.StartArray();
  for (auto l : n.labels) str(w, g.label_name(l));
  w.EndArray();
  strings(w, "aliases", n.aliases);
  props(w, n.props);
  std::vector<std::string> docs;
  for (auto d : n.docs)
    if (d < g.documents().size() && !g.documents()[d].id.empty()) docs.push_back(g.documents()[d].id);
  strings(w, "docs", docs);
  w.EndObject();
  w.EndObject();
  return b.GetString();
}

std::string edge_line(const Graph& g, Graph::Edge e) {
  rapidjson::StringBuffer b;
  Writer w(b);
  w.StartObject();
  w.Key("edge");
  w.StartObject();
  w.Key("src");
  str(w, node_ref(g, Graph::source(e)));
  w.Key("type");
  str(w, g.type_name(g.edge(e).type));
  w.Key("dst");
  str(w, node_ref(g, Graph::target(e)));
  w.Key("weight");
  w.Uint(g.edge(e).weight);
  props(w, g.edge_properties(e));
  std::vector<const Evidence*> evs;
  for (const auto& ev : g.evidence(e)) evs.push_back(&ev);
  std::sort(evs.begin(), evs.end(), [](const Evidence* x, const Evidence* y) {
    return std::tie(x->doc, x->begin, x->end, x->rule, x->sentence, x->confidence) <
           std::tie(y->doc, y->begin, y->end, y->rule, y->sentence, y->confidence);
  });
  w.Key("evidence");
  w.StartArray();
  for (const auto* ev : evs) {
    w.StartObject();
    w.Key("doc");
    str(w, ev->doc);
    w.Key("begin");
    w.Uint(ev->begin);
    w.Key("end");
    w.Uint(ev->end);
    w.Key("rule");
    str(w, ev->rule);
    w.Key("confidence");
    w.Double(ev->confidence);
    w.Key("sentence");
    str(w, ev->sentence);
    for (auto [key, value] : {std::pair{"date", &ev->date}, {"date_rule", &ev->date_rule},
                              {"event_date", &ev->event_date}, {"event_rule", &ev->event_rule}}) {
      if (value->empty()) continue;
      w.Key(key);
      str(w, *value);
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  w.EndObject();
  return b.GetString();
}

void write_sorted(std::vector<std::string> lines, std::ostream& out) {
  std::sort(lines.begin(), lines.end());
  for (const auto& l : lines) out << l << '\n';
}

}  // namespace

void write_canonical_dump(const Graph& g, std::ostream& out) {
  std::vector<std::string> docs;
  for (const auto& d : g.documents())
    if (!d.id.empty()) docs.push_back(document_line(d));
  out << "{\"canonical\":\"bangfu-graph\",\"documents\":" << docs.size() << ",\"nodes\":" << g.node_count()
      << ",\"edges\":" << g.edge_count() << "}\n";
  write_sorted(std::move(docs), out);
  std::vector<std::string> lines;
  for (auto vi : g.vertices()) lines.push_back(node_line(g, vi));
  write_sorted(std::move(lines), out);
  lines.clear();
  for (auto ei : g.edges()) lines.push_back(edge_line(g, ei));
  write_sorted(std::move(lines), out);
}

}  // namespace bangfu::graph
