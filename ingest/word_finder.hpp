// WordFinder: every occurrence of a list's words in a text, found in one pass over the text instead of
// one search per word. For the short cue lists read in every sentence (hedges, agreement triggers).
#pragma once
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/word_trie.hpp"

namespace bangfu::ingest {

class WordFinder {
 public:
  WordFinder() = default;
  explicit WordFinder(const std::vector<std::string>& words);

  const std::vector<std::string>& words() const { return words_; }
  bool reads_once() const { return by_trie_; }  // false: searches word by word (see by_trie_)

  // Calls f(word index, byte) for every occurrence of every non-empty word, overlapping ones included:
  // by byte, and at one byte in list order for words of the same text, shorter texts first.
  template <class F>
  void each(std::string_view text, F&& f) const {
    if (!by_trie_) return each_by_search(text, f);
    for (std::size_t at = 0; at < text.size(); ++at) {
      if ((static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) continue;  // inside a character
      trie_.each_at(text, at, [&](std::size_t bytes, std::uint32_t group) {
        for (std::uint32_t i : same_text_[group])
          if (text.compare(at, bytes, words_[i]) == 0) f(static_cast<std::size_t>(i), at);
      });
    }
  }

 private:
  template <class F>
  void each_by_search(std::string_view text, F& f) const {
    std::vector<std::pair<std::size_t, std::size_t>> found;  // (byte, word)
    for (std::size_t i = 0; i < words_.size(); ++i)
      if (!words_[i].empty())
        for (std::size_t at = text.find(words_[i]); at != std::string_view::npos; at = text.find(words_[i], at + 1))
          found.emplace_back(at, i);
    std::sort(found.begin(), found.end(), [&](const auto& a, const auto& b) {
      if (a.first != b.first) return a.first < b.first;
      if (words_[a.second].size() != words_[b.second].size()) return words_[a.second].size() < words_[b.second].size();
      return a.second < b.second;
    });
    for (const auto& [at, i] : found) f(i, at);
  }

  std::vector<std::string> words_;
  WordTrie<std::uint32_t> trie_;                        // word text → its group in same_text_
  std::vector<std::vector<std::uint32_t>> same_text_;  // word indices by text (a word may be listed twice)
  // The text is read at character starts: false when a word could begin inside a character or holds
  // U+FFFD (malformed text decodes to it), and then each word is searched for.
  bool by_trie_ = true;
};

}  // namespace bangfu::ingest
