#include "ingest/word_finder.hpp"

#include "ingest/utf8.hpp"

namespace bangfu::ingest {

WordFinder::WordFinder(const std::vector<std::string>& words) : words_(words) {
  for (std::uint32_t i = 0; i < words_.size(); ++i) {
    const std::string& word = words_[i];
    if (word.empty()) continue;
    if ((static_cast<unsigned char>(word[0]) & 0xC0) == 0x80) by_trie_ = false;
    for (std::size_t at = 0; at < word.size();)
      if (utf8::next(word, at) == U'\uFFFD') by_trie_ = false;
    if (const std::uint32_t* group = trie_.find(word)) {
      same_text_[*group].push_back(i);
    } else {
      trie_.add(word, static_cast<std::uint32_t>(same_text_.size()));
      same_text_.push_back({i});
    }
  }
}

}  // namespace bangfu::ingest
