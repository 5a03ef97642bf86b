// SentenceHedges finds a sentence's cues once and answers for each trigger; it must answer as the search
// per trigger did (kept here as the reference) on generated sentences: cues inside and outside the
// trigger's clause, inside names, inside exception words, overlapping and cut by the trigger's end.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "ingest/relation_hedge.hpp"
#include "ingest/relation_match.hpp"
#include "ingest/utf8.hpp"

using namespace bangfu;
using namespace bangfu::ingest;

namespace {

// The search per trigger as it was before SentenceHedges, with the object-marker reading of 将.
bool reference_hedged(const SentenceIndex& index, std::uint32_t anchor_begin, std::uint32_t anchor_end,
                      const std::vector<HedgeCue>& cues) {
  std::string_view sentence = index.text();
  std::size_t begin = 0;
  for (std::size_t i = 0; i < anchor_begin && i < sentence.size();) {
    char32_t cp = utf8::next(sentence, i);
    if (is_clause_break(cp) && i <= anchor_begin) begin = i;
  }
  std::string_view scope = sentence.substr(0, std::min<std::size_t>(anchor_end, sentence.size()));
  for (const auto& cue : cues) {
    if (cue.cue.empty()) continue;
    for (std::size_t at = scope.find(cue.cue, begin); at != std::string_view::npos; at = scope.find(cue.cue, at + 1)) {
      bool excepted = false;
      for (const auto& word : cue.exceptions)
        for (std::size_t off = word.find(cue.cue); off != std::string::npos; off = word.find(cue.cue, off + 1))
          excepted = excepted || (at >= off && sentence.substr(at - off, word.size()) == word);
      // 将 right before a name is the object marker 把 (added since: 将某院交由乙托管).
      bool object_marker = cue.cue == "将" && index.mention_at(at + cue.cue.size()) >= 0;
      if (!index.covered(at) && !excepted && !object_marker) return true;
    }
  }
  return false;
}

}  // namespace

TEST_CASE("hedge cues found once per sentence answer as the search per trigger", "[relations][hedge]") {
  const std::vector<HedgeCue> cues = {{"将", {"将近", "将军"}, false},   {"计划", {"计划生育"}, false},
                                      {"不", {"不断", "不仅"}, true},    {"未", {"未来"}, true},
                                      {"即将", {}, false},               {"", {}, false}};
  const std::vector<std::string> pieces = {"将", "将近", "将军", "计划", "计划生育", "不", "不断", "不仅", "未",
                                           "未来", "即将", "，", "。", ",", "帮扶", "医院", "签约", "甲", "乙",
                                           "\xE5", "\xB0\x86", "\xEF\xBF\xBD"};  // malformed bytes too
  const HedgeIndex by_trie(cues);
  std::vector<HedgeCue> odd = cues;
  odd.push_back({"\xB0\x86", {}, false});  // starts inside a character: searched cue by cue
  const HedgeIndex by_search(odd);
  REQUIRE(by_trie.finder().reads_once());
  REQUIRE_FALSE(by_search.finder().reads_once());
  std::mt19937 rng(18);
  std::size_t hedged = 0, asked = 0;
  for (int n = 0; n < 3000; ++n) {
    std::string text;
    for (int k = std::uniform_int_distribution<int>(1, 14)(rng); k > 0; --k)
      text += pieces[std::uniform_int_distribution<std::size_t>(0, pieces.size() - 1)(rng)];
    // A few mentions on character boundaries: cues inside them do not count.
    std::vector<std::size_t> starts;
    for (std::size_t i = 0; i < text.size(); i += utf8::seq_len(static_cast<unsigned char>(text[i]))) starts.push_back(i);
    starts.push_back(text.size());
    std::vector<Mention> mentions;
    for (std::size_t i = 0; i + 2 < starts.size(); i += 4 + std::uniform_int_distribution<std::size_t>(0, 4)(rng)) {
      if (std::uniform_int_distribution<int>(0, 2)(rng) != 0) continue;
      Mention m;
      m.begin = static_cast<std::uint32_t>(starts[i]);
      m.end = static_cast<std::uint32_t>(starts[i + 2]);
      mentions.push_back(m);
    }
    SentenceIndex index(text, mentions);
    SentenceHedges hedges(index, by_trie), searched(index, by_search);
    for (std::size_t a = 0; a < starts.size(); ++a) {
      for (std::size_t b = a; b < starts.size(); b += 2) {
        auto begin = static_cast<std::uint32_t>(starts[a]), end = static_cast<std::uint32_t>(starts[b]);
        bool want = reference_hedged(index, begin, end, cues);
        INFO(text << " [" << begin << ", " << end << ")");
        REQUIRE(hedges.hedged(begin, end) == want);
        REQUIRE(is_hedged(index, begin, end, cues) == want);
        REQUIRE(searched.hedged(begin, end) == reference_hedged(index, begin, end, odd));
        hedged += want;
        ++asked;
      }
    }
  }
  CHECK(hedged > asked / 10);
  CHECK(hedged < asked * 9 / 10);
}
