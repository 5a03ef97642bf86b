// WordTable / WordHits: where the fixed words of the relation rules occur in a sentence, found in one
// pass. Every rule is tried on every sentence; asking "does word #7 start here" of a prepared sentence
// replaced comparing every spelling of every rule at every position, the matcher's largest cost.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace bangfu::ingest {

// The distinct words of a rule book, numbered, and indexed by their first character.
class WordTable {
 public:
  // The word's number, adding it when new. Empty words have none (-1).
  int add(const std::string& word);
  std::size_t size() const { return words_.size(); }
  const std::string& word(int id) const { return words_[static_cast<std::size_t>(id)]; }
  // Words starting with code point `cp`.
  const std::vector<int>* starting_with(char32_t cp) const;

 private:
  std::vector<std::string> words_;
  std::unordered_map<std::string, int> ids_;
  std::vector<bool> first_bmp_;
  std::unordered_map<char32_t, std::vector<int>> by_first_;
};

// The occurrences of a table's words in one text.
class WordHits {
 public:
  WordHits() = default;
  WordHits(const WordTable& table, std::string_view text);

  bool present(int id) const { return id >= 0 && static_cast<std::size_t>(id) < present_.size() && present_[id]; }
  bool starts(std::size_t pos) const { return pos < first_.size() && first_[pos] != 0; }  // some word starts at `pos`
  bool at(std::size_t pos, int id) const {
    if (!starts(pos)) return false;
    for (std::size_t i = first_[pos] - 1; i < hits_.size() && hits_[i].first == pos; ++i)
      if (hits_[i].second == id) return true;
    return false;
  }
  void positions(std::vector<std::size_t>& out) const {  // appends where words start
    for (const auto& [pos, id] : hits_) out.push_back(pos);
  }
  const std::vector<std::pair<std::uint32_t, int>>& hits() const { return hits_; }  // (byte, word), by byte

 private:
  std::vector<bool> present_;
  std::vector<std::uint32_t> first_;                 // by byte: 1 + index of the first hit there, 0 for none
  std::vector<std::pair<std::uint32_t, int>> hits_;  // (byte, word), by byte
};

}  // namespace bangfu::ingest
