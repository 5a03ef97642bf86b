// Hedging: whether a trigger stands in a planned or negated clause (拟, 将, 计划, 未, 尚未 …).
#pragma once
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/relation_rules.hpp"
#include "ingest/word_finder.hpp"

namespace bangfu::ingest {

class SentenceIndex;

// A rule book's cues, indexed so that a sentence is read once for all of them.
class HedgeIndex {
 public:
  HedgeIndex() = default;
  explicit HedgeIndex(std::vector<HedgeCue> cues);

  const std::vector<HedgeCue>& cues() const { return cues_; }
  const WordFinder& finder() const { return finder_; }  // finds the cues' texts, by index in cues()

 private:
  std::vector<HedgeCue> cues_;
  WordFinder finder_;
};

// The cues of one sentence, found once: a sentence's rules ask about many triggers, and searching
// every cue again for each of them was a tenth of the relation stage.
class SentenceHedges {
 public:
  SentenceHedges(const SentenceIndex& sentence, const HedgeIndex& cues);

  // True when a cue occurs in the clause of the trigger [anchor_begin, anchor_end), from the clause's
  // start to the trigger's end, outside entity names (将乐县) and not part of one of its exception words
  // (不 in 不断).
  bool hedged(std::uint32_t anchor_begin, std::uint32_t anchor_end) const;

 private:
  std::string_view text_;
  std::vector<std::pair<std::size_t, std::size_t>> cues_;  // [begin, end) of each counted cue occurrence
};

// The same for one trigger, without keeping the cues found.
bool is_hedged(const SentenceIndex& sentence, std::uint32_t anchor_begin, std::uint32_t anchor_end,
               const std::vector<HedgeCue>& cues);

}  // namespace bangfu::ingest
