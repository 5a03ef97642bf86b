// Evidence: where a fact was read — document, sentence, byte offsets into the source, rule.
//
// The texts are Texts (graph/text.hpp), not std::strings: an evidence is 48 bytes whatever its
// sentence, ids and dates repeat across millions of evidences at no cost, and a graph opened from a
// snapshot reads its sentences in place from the mapped file instead of copying them to the heap.
// Rule ids and dates come from small sets, so they are 4-byte Symbols (graph/symbol.hpp): 48 bytes
// lets an edge hold its one evidence in a 56-byte slot (graph/edge_slot.hpp).
#pragma once
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "graph/symbol.hpp"
#include "graph/text.hpp"

namespace bangfu::graph {

struct Evidence {
  Text doc;               // document id
  Text sentence;          // the sentence as it stands in the source
  std::uint32_t begin = 0;  // byte offsets of the sentence in the original document text
  std::uint32_t end = 0;
  Symbol rule;            // id of the extraction rule that fired ("create" for hand-made edges)
  float confidence = 1.0f;
  // When: the document's date ("2023-07-28", or partial "2023-07" / "2023") and the rule that found
  // it; the date the sentence gives its fact, resolved against the document's, and that rule.
  Symbol date{}, date_rule{}, event_date{}, event_rule{};

  bool operator==(const Evidence& o) const {
    return doc == o.doc && begin == o.begin && end == o.end && rule == o.rule && sentence == o.sentence;
  }
};
static_assert(sizeof(Evidence) == 48, "an edge's slot holds one evidence in place (graph/edge_slot.hpp)");
static_assert(std::is_trivially_copyable_v<Evidence> && std::is_trivially_destructible_v<Evidence>);

// An edge's evidences as Graph::evidence hands them out: a span (with at()), valid until the edge's
// evidences change.
class EvidenceView : public std::span<const Evidence> {
 public:
  using std::span<const Evidence>::span;
  const Evidence& at(std::size_t i) const {
    if (i >= size()) throw std::out_of_range("evidence index " + std::to_string(i) + " of " + std::to_string(size()));
    return (*this)[i];
  }
};

// What bangfu knows about an ingested document: enough to make re-ingest idempotent and removal exact.
struct DocumentInfo {
  std::string id;
  std::string content_hash;
  std::string title;
  std::string date;
  std::string source;
  std::string url;
  std::string path;
};

}  // namespace bangfu::graph
