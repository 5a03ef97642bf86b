// Splitting the kept paragraphs of an article into sentences, and sentences into clauses.
#pragma once
#include <cstdint>
#include <vector>

#include "ingest/body.hpp"
#include "ingest/document.hpp"

namespace bangfu::ingest {

// Sentences of the kept paragraphs (ArticleBody::paragraphs[i].kept), in order. Splits after 。!?; (full-width
// forms are ASCII after normalize) and at line ends; never inside “…” 「…」 (…) 《…》 unless a terminator closes
// the quote (“……。” ends a sentence). Markdown emphasis and spaces at the edges are trimmed.
std::vector<Sentence> split_sentences(const NormalizedText& text, const ArticleBody& body);

// A clause: byte range in Sentence::text.
struct Clause {
  std::uint32_t begin = 0, end = 0;
};

// Clauses of a sentence, split at , 、 : ; outside quotes and brackets (the separator is not included).
std::vector<Clause> clauses(const Sentence& sentence);

}  // namespace bangfu::ingest
