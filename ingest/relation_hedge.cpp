#include "ingest/relation_hedge.hpp"

#include "ingest/relation_match.hpp"
#include "ingest/utf8.hpp"

namespace bangfu::ingest {
namespace {

std::size_t clause_start(std::string_view text, std::size_t anchor) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < anchor && i < text.size();) {
    char32_t cp = utf8::next(text, i);
    if (is_clause_break(cp) && i <= anchor) start = i;
  }
  return start;
}

// Whether the cue at `at` is inside an occurrence of one of the exception words.
bool excepted(std::string_view text, std::size_t at, const HedgeCue& cue) {
  for (const auto& word : cue.exceptions) {
    for (std::size_t off = word.find(cue.cue); off != std::string::npos; off = word.find(cue.cue, off + 1)) {
      if (at >= off && text.substr(at - off, word.size()) == word) return true;
    }
  }
  return false;
}

}  // namespace

bool is_hedged(const SentenceIndex& index, std::uint32_t anchor_begin, std::uint32_t anchor_end,
               const std::vector<HedgeCue>& cues) {
  std::string_view sentence = index.text();
  std::size_t begin = clause_start(sentence, anchor_begin);
  std::string_view scope = sentence.substr(0, std::min<std::size_t>(anchor_end, sentence.size()));
  for (const auto& cue : cues) {
    if (cue.cue.empty()) continue;
    for (std::size_t at = scope.find(cue.cue, begin); at != std::string_view::npos;
         at = scope.find(cue.cue, at + 1)) {
      if (!index.covered(at) && !excepted(sentence, at, cue)) return true;
    }
  }
  return false;
}

}  // namespace bangfu::ingest
