// Hedging: whether a trigger stands in a planned or negated clause (拟, 将, 计划, 未, 尚未 …).
#pragma once
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/relation_rules.hpp"
#include "ingest/word_trie.hpp"

namespace bangfu::ingest {

class SentenceIndex;

// A rule book's cues in a trie, so that a sentence is read once for all of them.
class HedgeIndex {
 public:
  HedgeIndex() = default;
  explicit HedgeIndex(std::vector<HedgeCue> cues);

  const std::vector<HedgeCue>& cues() const { return cues_; }
  // Calls f(cue) for each cue written at byte `pos` of `text`.
  template <class F>
  void each_at(std::string_view text, std::size_t pos, F&& f) const {
    trie_.each_at(text, pos, [&](std::size_t bytes, std::uint32_t group) {
      for (std::uint32_t i : same_text_[group])
        if (text.compare(pos, bytes, cues_[i].cue) == 0) f(cues_[i]);
    });
  }
  bool by_trie() const { return by_trie_; }

 private:
  std::vector<HedgeCue> cues_;
  WordTrie<std::uint32_t> trie_;                        // cue text → its group in same_text_
  std::vector<std::vector<std::uint32_t>> same_text_;  // cues by text (a cue may be listed twice)
  bool by_trie_ = false;  // false when a cue could start inside a character: then each is searched
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
