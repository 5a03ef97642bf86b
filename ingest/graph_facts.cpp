#include "ingest/graph_facts.hpp"

#include <unordered_map>

namespace bangfu::ingest {

namespace {

std::string string_prop(const graph::Properties& props, const char* key) {
  for (const auto& [k, v] : props)
    if (k == key) {
      if (const auto* s = v.as_string()) return *s;
    }
  return {};
}

}  // namespace

GraphFacts facts_of_graph(const graph::Graph& g) {
  GraphFacts out;
  const auto& docs = g.documents();
  // Graph document index -> position in out.documents (removed documents leave empty slots).
  std::vector<std::int64_t> slot(docs.size(), -1);
  std::unordered_map<std::string, std::size_t> by_id;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    if (docs[i].id.empty()) continue;
    slot[i] = static_cast<std::int64_t>(out.documents.size());
    by_id.emplace(docs[i].id, out.documents.size());
    DocumentFacts f;
    f.info = docs[i];
    f.extraction.doc = docs[i].id;
    f.extraction.title = docs[i].title;
    f.extraction.date = docs[i].date;
    f.extraction.source = docs[i].source;
    f.extraction.url = docs[i].url;
    out.documents.push_back(std::move(f));
  }

  for (auto vi : g.vertices()) {
    const auto& n = g.node(vi);
    auto type = g.entity_type(vi);
    bool tied = false;
    if (type && !n.name.empty())
      for (auto d : n.docs) {
        if (d >= slot.size() || slot[d] < 0) continue;
        out.documents[slot[d]].extraction.entities.push_back(ExtractedEntity{n.name, *type, n.aliases});
        tied = true;
      }
    if (!tied) ++out.untied_nodes;
  }

  for (auto ei : g.edges()) {
    auto rel = graph::parse_rel_type(g.type_name(g.edge(ei).type));
    const auto& src = g.node(graph::Graph::source(ei));
    const auto& dst = g.node(graph::Graph::target(ei));
    const auto& props = g.edge_properties(ei);
    bool tied = false;
    if (rel && !src.name.empty() && !dst.name.empty())
      for (const auto& ev : g.evidence(ei)) {
        auto it = by_id.find(ev.doc);
        if (it == by_id.end()) continue;
        ExtractedRelation r;
        r.src = src.name;
        r.dst = dst.name;
        r.rel = *rel;
        r.role = string_prop(props, "role");
        r.amount = string_prop(props, "amount");
        r.what = string_prop(props, "what");
        r.evidence = ev.sentence;
        r.source_begin = ev.begin;
        r.source_end = ev.end;
        r.rule = ev.rule;
        r.confidence = ev.confidence;
        r.event_date = ev.event_date;
        r.event_rule = ev.event_rule;
        auto& x = out.documents[it->second].extraction;
        // Every evidence of a document carries the document's date: the first one read gives it back.
        if (x.day.empty() && !ev.date.empty()) {
          x.day = ev.date;
          x.date_rule = ev.date_rule;
        }
        x.relations.push_back(std::move(r));
        tied = true;
      }
    if (!tied) ++out.untied_edges;
  }
  return out;
}

}  // namespace bangfu::ingest
