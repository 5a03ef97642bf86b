// Test helpers for the relation extractor: sentences and mentions built by hand, no recognizer needed.
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

#include "ingest/relations.hpp"

namespace bangfu::ingest::testing {

struct Named {
  std::string surface;
  graph::EntityType type;
  std::string canonical = {};  // empty: same as surface
  bool resolved = false;
};

// Mentions found left to right in `text`, in the order given.
inline std::vector<Mention> mentions_in(const std::string& text, const std::vector<Named>& names) {
  std::vector<Mention> out;
  std::size_t from = 0;
  for (const auto& n : names) {
    std::size_t at = text.find(n.surface, from);
    if (at == std::string::npos) throw std::logic_error("fixture: '" + n.surface + "' not in '" + text + "'");
    Mention m;
    m.begin = static_cast<std::uint32_t>(at);
    m.end = static_cast<std::uint32_t>(at + n.surface.size());
    m.surface = n.surface;
    m.canonical = n.canonical.empty() ? n.surface : n.canonical;
    m.type = n.type;
    m.resolved_reference = n.resolved;
    out.push_back(m);
    from = m.end;
  }
  return out;
}

inline Sentence sentence_of(const std::string& text) {
  Sentence s;
  s.text = text;
  s.end = static_cast<std::uint32_t>(text.size());
  s.source_end = s.end;
  return s;
}

inline const RelationExtractor& shipped_extractor() {
  static const RelationExtractor x = RelationExtractor::from_data_dir(std::string(BANGFU_SOURCE_DIR) + "/data");
  return x;
}

inline std::vector<ExtractedRelation> extract(const std::string& text, const std::vector<Named>& names,
                                              const SentenceContext& context = {}) {
  return shipped_extractor().extract(sentence_of(text), mentions_in(text, names), context);
}

inline const ExtractedRelation* find(const std::vector<ExtractedRelation>& rels, const std::string& src,
                                     graph::RelType rel, const std::string& dst) {
  for (const auto& r : rels) {
    bool same = r.src == src && r.dst == dst;
    bool swapped = graph::is_symmetric(rel) && r.src == dst && r.dst == src;
    if (r.rel == rel && (same || swapped)) return &r;
  }
  return nullptr;
}

inline std::size_t count(const std::vector<ExtractedRelation>& rels, graph::RelType rel) {
  std::size_t n = 0;
  for (const auto& r : rels) n += r.rel == rel;
  return n;
}

}  // namespace bangfu::ingest::testing
