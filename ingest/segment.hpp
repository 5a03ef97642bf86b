// Segmenter: jieba-style Chinese word segmentation with part-of-speech tags from the jieba dictionary.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bangfu::ingest {

// A word of the segmented text; byte offsets into the text given to segment().
struct Token {
  std::uint32_t begin = 0, end = 0;
  std::string_view pos;  // jieba tag: n, v, nr (person), ns (place), nt (organization), m (number), eng, x …
                         // "x" also marks punctuation and runs of characters the dictionary does not know
};

class Segmenter {
 public:
  static constexpr const char* kDefaultDictionary = "/usr/lib/python3/dist-packages/jieba/dict.txt";

  // Loads a dictionary of "word freq pos" lines, then user dictionaries in the same format (freq and pos
  // optional: a user word without freq gets one just high enough to be kept whole). Throws
  // std::runtime_error naming the file (and line) when a file is missing or malformed.
  static Segmenter load(const std::string& path = kDefaultDictionary, const std::vector<std::string>& user_paths = {});

  // Words of `text` (UTF-8, normally normalized): the most probable split of each run of Chinese by the
  // dictionary's frequencies, ASCII letters/digits as one token each run, punctuation one token per
  // character; whitespace produces no token. Thread-safe.
  std::vector<Token> segment(std::string_view text) const;
  void segment(std::string_view text, std::vector<Token>& out) const;  // appends, reusing `out`'s storage

  struct Entry {
    std::uint32_t freq = 0;
    std::string_view pos;
  };
  // The dictionary's entry for `word`, or nothing when it is not a word (not only a prefix of one): one
  // probe where frequency() and pos_of() would take two.
  std::optional<Entry> lookup(std::string_view word) const;
  struct Word {
    std::size_t bytes = 0;
    Entry entry;
  };
  // The longest dictionary word at the start of `text` of `min_chars` to `max_chars` characters. Extends a
  // character at a time and stops as soon as the text so far begins no word, so a miss costs one probe.
  std::optional<Word> longest_word(std::string_view text, std::size_t min_chars, std::size_t max_chars) const;
  bool contains(std::string_view word) const;           // a dictionary word (not only a prefix of one)
  std::uint32_t frequency(std::string_view word) const;  // 0 when not a word
  std::string_view pos_of(std::string_view word) const;  // "" when not a word
  std::size_t size() const;                              // number of words

 private:
  struct Dictionary;
  explicit Segmenter(std::shared_ptr<const Dictionary> dict);
  std::shared_ptr<const Dictionary> dict_;  // shared and immutable: copies are cheap
};

}  // namespace bangfu::ingest
