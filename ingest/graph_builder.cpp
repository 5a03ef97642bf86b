#include "ingest/graph_builder.hpp"

#include <spdlog/spdlog.h>

#include <cstdint>
#include <cstdio>
#include <unordered_map>

#include "ingest/utf8.hpp"

namespace bangfu::ingest {

namespace {

using graph::Graph;

// Names this short, or that start relative to the article (省…, 该院…), mean different things in
// different documents, so they never merge entities across documents.
bool specific_enough(const std::string& name) {
  if (utf8::length(name) < 5) return false;
  for (std::string_view lead : {"省", "市", "县", "州", "区", "我", "该", "本", "全"})
    if (name.compare(0, lead.size(), lead) == 0) return false;
  return true;
}

// The one node of type `type` that `name` names (canonically when `canonical_only`), if exactly one.
std::optional<Graph::Vertex> unique_node(const Graph& g, const std::string& name, graph::EntityType type,
                                         bool canonical_only) {
  std::optional<Graph::Vertex> found;
  for (auto v : g.find(name)) {
    if (g.entity_type(v) != type || (canonical_only && g.node(v).name != name)) continue;
    if (found && *found != v) return std::nullopt;
    found = v;
  }
  return found;
}

}  // namespace

std::string content_hash(std::string_view text) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

bool GraphBuilder::unchanged(const Document& doc) const { return unchanged(doc.id, content_hash(doc.text)); }

bool GraphBuilder::unchanged(const std::string& doc_id, const std::string& hash) const {
  const auto* known = graph_.document(doc_id);
  return known && known->content_hash == hash;
}

Graph::Vertex GraphBuilder::place_entity(const ExtractedEntity& e, const std::string& doc_id) {
  // Another document may have named the same thing with a different fullest name: merge when this
  // document's name is a specific alias there, or one of its aliases is a specific name there.
  std::optional<Graph::Vertex> same;
  if (!graph_.find_canonical(e.name)) {
    if (specific_enough(e.name)) same = unique_node(graph_, e.name, e.type, false);
    for (std::size_t i = 0; !same && i < e.aliases.size(); ++i)
      if (specific_enough(e.aliases[i])) same = unique_node(graph_, e.aliases[i], e.type, true);
  }
  if (!same) return graph_.upsert_entity(e.name, e.type, e.aliases, doc_id);
  std::vector<std::string> aliases = e.aliases;
  aliases.push_back(e.name);
  return graph_.upsert_entity(graph_.node(*same).name, e.type, aliases, doc_id);
}

graph::DocumentInfo document_info(const Document& doc, const DocumentExtraction& x) {
  graph::DocumentInfo info;
  info.id = doc.id;
  info.content_hash = content_hash(doc.text);
  info.title = doc.title.empty() ? x.title : doc.title;
  info.date = doc.date.empty() ? x.date : doc.date;
  info.source = doc.source.empty() ? x.source : doc.source;
  info.url = doc.url.empty() ? x.url : doc.url;
  info.path = doc.path;
  return info;
}

BuildOutcome GraphBuilder::add(const Document& doc, const DocumentExtraction& x) { return add(document_info(doc, x), x); }

BuildOutcome GraphBuilder::add(graph::DocumentInfo info, const DocumentExtraction& x) {
  BuildOutcome outcome = BuildOutcome::added;
  if (const auto* known = graph_.document(info.id)) {
    if (known->content_hash == info.content_hash) {
      ++counts_.unchanged;
      return BuildOutcome::unchanged;
    }
    graph_.remove_document(info.id);
    outcome = BuildOutcome::replaced;
  }
  const std::string doc_id = info.id;
  graph_.add_document(std::move(info));

  std::unordered_map<std::string, Graph::Vertex> by_name;
  for (const auto& e : x.entities) {
    auto v = place_entity(e, doc_id);
    by_name[e.name] = v;
    for (const auto& a : e.aliases) by_name.emplace(a, v);
    ++counts_.entities;
  }
  for (const auto& r : x.relations) {
    if (r.hedged) continue;
    auto src = by_name.find(r.src);
    auto dst = by_name.find(r.dst);
    if (src == by_name.end() || dst == by_name.end()) {
      spdlog::warn("{}: relation {} -{}-> {} names an entity the extraction does not list; left out", doc_id, r.src,
                   graph::to_string(r.rel), r.dst);
      ++counts_.skipped;
      continue;
    }
    graph::Properties attrs;
    if (!r.role.empty()) attrs.emplace_back("role", graph::PropValue(r.role));
    if (!r.amount.empty()) attrs.emplace_back("amount", graph::PropValue(r.amount));
    if (!r.what.empty()) attrs.emplace_back("what", graph::PropValue(r.what));
    graph::Evidence ev{doc_id, r.evidence, r.source_begin, r.source_end, r.rule, r.confidence,
                       x.day, x.date_rule, r.event_date, r.event_rule};
    graph_.upsert_relation(src->second, dst->second, r.rel, attrs, std::move(ev));
    ++counts_.relations;
  }
  if (outcome == BuildOutcome::added) ++counts_.added;
  else ++counts_.replaced;
  return outcome;
}

}  // namespace bangfu::ingest
