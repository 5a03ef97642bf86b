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

namespace {

std::vector<std::string> texts_of(const std::vector<HedgeCue>& cues) {
  std::vector<std::string> out;
  for (const auto& cue : cues) out.push_back(cue.cue);
  return out;
}

}  // namespace

HedgeIndex::HedgeIndex(std::vector<HedgeCue> cues) : cues_(std::move(cues)), finder_(texts_of(cues_)) {}

SentenceHedges::SentenceHedges(const SentenceIndex& index, const HedgeIndex& cues) : text_(index.text()) {
  cues.finder().each(text_, [&](std::size_t i, std::size_t at) {
    const HedgeCue& cue = cues.cues()[i];
    // 将某院交由乙托管: 将 right before a name is 把, the object marker, not the future.
    bool object_marker = cue.cue == "将" && index.mention_at(at + cue.cue.size()) >= 0;
    if (!index.covered(at) && !excepted(text_, at, cue) && !object_marker) cues_.emplace_back(at, at + cue.cue.size());
  });
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
