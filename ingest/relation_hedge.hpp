// Hedging: whether a trigger stands in a planned or negated clause (拟, 将, 计划, 未, 尚未 …).
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "ingest/relation_rules.hpp"

namespace bangfu::ingest {

class SentenceIndex;

// True when a cue of `cues` occurs in the clause of the trigger [anchor_begin, anchor_end), from the
// clause's start to the trigger's end, outside entity names (将乐县) and not part of one of its
// exception words (不 in 不断).
bool is_hedged(const SentenceIndex& sentence, std::uint32_t anchor_begin, std::uint32_t anchor_end,
               const std::vector<HedgeCue>& cues);

}  // namespace bangfu::ingest
