// Evidence: where a fact was read — document, sentence, byte offsets into the source, rule.
//
// The texts are Texts (graph/text.hpp), not std::strings: an evidence is ~72 bytes whatever its
// sentence, ids and dates repeat across millions of evidences at no cost, and a graph opened from a
// snapshot reads its sentences in place from the mapped file instead of copying them to the heap.
#pragma once
#include <cstdint>
#include <string>

#include "graph/text.hpp"

namespace bangfu::graph {

struct Evidence {
  Text doc;               // document id
  Text sentence;          // the sentence as it stands in the source
  std::uint32_t begin = 0;  // byte offsets of the sentence in the original document text
  std::uint32_t end = 0;
  Text rule;              // id of the extraction rule that fired ("create" for hand-made edges)
  float confidence = 1.0f;
  // When: the document's date ("2023-07-28", or partial "2023-07" / "2023") and the rule that found
  // it; the date the sentence gives its fact, resolved against the document's, and that rule.
  Text date{}, date_rule{}, event_date{}, event_rule{};

  bool operator==(const Evidence& o) const {
    return doc == o.doc && begin == o.begin && end == o.end && rule == o.rule && sentence == o.sentence;
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
