#include "ingest/relation_hedge.hpp"

#include <algorithm>

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

HedgeIndex::HedgeIndex(std::vector<HedgeCue> cues) : cues_(std::move(cues)) {
  by_trie_ = true;
  for (std::uint32_t i = 0; i < cues_.size(); ++i) {
    const std::string& cue = cues_[i].cue;
    if (cue.empty()) continue;
    // The sentence is read at character starts: a cue must begin with one, and be well-formed without
    // U+FFFD, which malformed text also decodes to.
    if ((static_cast<unsigned char>(cue[0]) & 0xC0) == 0x80) by_trie_ = false;
    for (std::size_t at = 0; at < cue.size();)
      if (utf8::next(cue, at) == U'\uFFFD') by_trie_ = false;
    if (const std::uint32_t* group = trie_.find(cue)) {
      same_text_[*group].push_back(i);
    } else {
      trie_.add(cue, static_cast<std::uint32_t>(same_text_.size()));
      same_text_.push_back({i});
    }
  }
}

SentenceHedges::SentenceHedges(const SentenceIndex& index, const HedgeIndex& cues) : text_(index.text()) {
  auto note = [&](std::size_t at, const HedgeCue& cue) {
    if (!index.covered(at) && !excepted(text_, at, cue)) cues_.emplace_back(at, at + cue.cue.size());
  };
  if (cues.by_trie()) {
    // Every place a cue can start: any byte that does not continue a character.
    for (std::size_t at = 0; at < text_.size(); ++at)
      if ((static_cast<unsigned char>(text_[at]) & 0xC0) != 0x80)
        cues.each_at(text_, at, [&](const HedgeCue& cue) { note(at, cue); });
    return;
  }
  for (const auto& cue : cues.cues()) {
    if (cue.cue.empty()) continue;
    for (std::size_t at = text_.find(cue.cue); at != std::string_view::npos; at = text_.find(cue.cue, at + 1))
      note(at, cue);
  }
}

bool SentenceHedges::hedged(std::uint32_t anchor_begin, std::uint32_t anchor_end) const {
  if (cues_.empty()) return false;
  std::size_t begin = clause_start(text_, anchor_begin);
  std::size_t end = std::min<std::size_t>(anchor_end, text_.size());
  return std::any_of(cues_.begin(), cues_.end(), [&](const auto& c) { return c.first >= begin && c.second <= end; });
}

bool is_hedged(const SentenceIndex& index, std::uint32_t anchor_begin, std::uint32_t anchor_end,
               const std::vector<HedgeCue>& cues) {
  return SentenceHedges(index, HedgeIndex(cues)).hedged(anchor_begin, anchor_end);
}

}  // namespace bangfu::ingest
