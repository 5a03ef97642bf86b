// PatternMatcher: where one relation rule's pattern fits a sentence, over its entity mentions.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/container/small_vector.hpp>

#include "ingest/mention.hpp"
#include "ingest/relation_rules.hpp"

namespace bangfu::ingest {

// A sentence with its mentions indexed by byte, so that matching can ask "which mention starts here".
class SentenceIndex {
 public:
  // With `words`, the occurrences of the rule book's fixed words are found once, up front.
  SentenceIndex(std::string_view text, const std::vector<Mention>& mentions, const WordTable* words = nullptr);

  std::string_view text() const { return text_; }
  const std::vector<Mention>& mentions() const { return mentions_; }
  int mention_at(std::size_t pos) const { return pos < start_.size() ? start_[pos] : -1; }
  bool covered(std::size_t pos) const { return pos < covered_.size() && covered_[pos]; }
  bool has_words() const { return has_words_; }
  const WordHits& words() const { return words_; }
  // Number of clause breaks (, ; : 。 ! ?) in [begin, end).
  int clause_breaks(std::size_t begin, std::size_t end) const;

  // The matcher's reading of the post titles at `pos` ({ROLE}), kept for the sentence's other rules:
  // it depends only on the sentence and the rule book `owner`, and `read(pos)` computes it once.
  template <class F>
  const std::vector<std::size_t>& title_ends(const void* owner, std::size_t pos, F&& read) const {
    if (owner != title_owner_) title_ends_.clear(), title_owner_ = owner;
    auto it = title_ends_.find(pos);
    if (it == title_ends_.end()) it = title_ends_.emplace(pos, read(pos)).first;
    return it->second;  // elements of an unordered_map stay where they are as it grows
  }

 private:
  std::string_view text_;
  const std::vector<Mention>& mentions_;
  std::vector<int> start_;
  std::vector<bool> covered_;
  bool has_words_ = false;
  WordHits words_;
  mutable const void* title_owner_ = nullptr;
  mutable std::unordered_map<std::size_t, std::vector<std::size_t>> title_ends_;
};

bool is_clause_break(char32_t cp);
bool is_sentence_break(char32_t cp);

struct PatternMatch {
  // Mention indices, several for a coordinated list; src empty when elided. Matches are copied as the
  // search backtracks, and lists are short: they stay inline.
  boost::container::small_vector<int, 4> src, dst;
  std::uint32_t begin = 0, end = 0;
  std::uint32_t anchor_begin = 0, anchor_end = 0;  // the trigger: first fixed text, {ROLE} or {AMOUNT}
  std::uint32_t gap_bytes = 0;                     // text skipped by … and ~ (less is nearer)
  std::string role, amount, what;
  std::string dst_name;  // {B_SHORT}: the province a short form stands for (dst is then empty)
};

// The best match of `rule` for each trigger occurrence in the sentence: an explicit subject before an
// elided one, then the nearest arguments (fewest gap bytes), then the longest coordinated lists.
std::vector<PatternMatch> find_matches(const RelationRule& rule, const SentenceIndex& sentence,
                                       const RelationRuleBook& book);

}  // namespace bangfu::ingest
