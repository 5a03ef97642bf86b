// Document: one article as loaded (metadata + UTF-8 text), and the normalized form the extractor reads.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace bangfu::ingest {

struct Document {
  std::string id;       // file name for txt/html/json files, the "id" field for jsonl records
  std::string path;     // where it was read from (file, or file:line for jsonl)
  std::string text;     // the article as UTF-8, after decoding and (for html) tag removal: "the source"
  std::string title, date, source, url;
  std::string date_rule;  // where `date` came from (json:date, html:meta …); see ingest/dates.hpp
  std::map<std::string, std::string> attributes;  // any other fields of json/jsonl records
};

// Text after NFKC and Traditional→Simplified, with a map back to byte offsets in Document::text.
struct NormalizedText {
  std::string text;
  std::vector<std::uint32_t> to_source;  // to_source[i] = source byte offset of normalized byte i; size text.size()+1

  std::uint32_t source_offset(std::uint32_t i) const { return i < to_source.size() ? to_source[i] : to_source.back(); }
};

// A sentence of the article body. Offsets are bytes into NormalizedText::text and into Document::text.
struct Sentence {
  std::string text;             // normalized text of the sentence
  std::uint32_t begin = 0, end = 0;            // in the normalized text
  std::uint32_t source_begin = 0, source_end = 0;  // in Document::text
  std::uint32_t paragraph = 0;  // index of the paragraph (line block) it came from
};

}  // namespace bangfu::ingest
