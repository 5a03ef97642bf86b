// WordTrie: words with values, and the longest word starting at a byte position of a text. Scans ask
// at nearly every character: a miss is settled by one bit for the first character, and a hit walks the
// text once instead of hashing the text at every candidate length.
#pragma once
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/utf8.hpp"

namespace bangfu::ingest {

template <class V>
class WordTrie {
 public:
  // A word added again takes the new value; empty words are ignored.
  void add(std::string_view word, V value) {
    std::vector<char32_t> cps;
    for (std::size_t i = 0; i < word.size();) cps.push_back(utf8::next(word, i));
    add_code_points(cps, std::move(value));
  }

  // For longest_ending(): the word is stored last character first. A trie holds words one way only.
  void add_reversed(std::string_view word, V value) {
    std::vector<char32_t> cps;
    for (std::size_t i = 0; i < word.size();) cps.push_back(utf8::next(word, i));
    std::reverse(cps.begin(), cps.end());
    add_code_points(cps, std::move(value));
  }

  // Calls f(bytes, value) for every (reversed-added) word ending at `end`, shortest first.
  template <class F>
  void each_ending(std::string_view s, std::size_t end, F&& f) const {
    end = std::min(end, s.size());
    std::uint32_t node = 0;
    for (std::size_t at = end; at > 0;) {
      std::size_t b = at - 1;
      while (b > 0 && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80 && at - b < 4) --b;
      std::size_t i = b;
      char32_t cp = utf8::next(s, i);
      if (i != at) b = at - 1, cp = U'\uFFFD';  // not one well-formed character: no word holds it
      if (node == 0 && !may_start(cp)) break;
      node = child(node, cp);
      if (node == 0) break;
      if (nodes_[node].value >= 0) f(end - b, values_[static_cast<std::size_t>(nodes_[node].value)]);
      at = b;
    }
  }

  // Byte length of the longest (reversed-added) word ending at `end` (0 if none).
  std::size_t longest_ending(std::string_view s, std::size_t end, const V** value = nullptr) const {
    return last_of([&](auto&& report) { each_ending(s, end, report); }, value);
  }

  bool starts_word(std::string_view s, std::size_t pos) const {
    if (pos >= s.size()) return false;
    return may_start(utf8::next(s, pos));
  }
  bool may_start(char32_t cp) const { return cp >= kBmp || bit(first_, cp); }
  // Might a word start with `a` then `b`? A filter (false positives, no false negatives) that settles
  // most first-character hits of common characters without walking the trie.
  bool may_start_with(char32_t a, char32_t b) const {
    return cp_outside(a, b) || (bit(first_, a) && (bit(whole_, a) || bit(pairs_, pair_bit(a, b))));
  }

  // Calls f(bytes, value) for every word starting at `pos`, shortest first.
  template <class F>
  void each_at(std::string_view s, std::size_t pos, F&& f) const {
    if (pos >= s.size()) return;
    std::size_t after = pos;
    char32_t cp = utf8::next(s, after);
    each_at(s, pos, cp, after, f);
  }

  // The same, for a caller that has decoded the first character already: `cp` at `pos`, ending at `after`.
  template <class F>
  void each_at(std::string_view s, std::size_t pos, char32_t cp, std::size_t after, F&& f) const {
    if (!may_start(cp)) return;
    std::size_t i = after;
    for (std::uint32_t node = child(0, cp); node != 0;) {
      if (nodes_[node].value >= 0) f(i - pos, values_[static_cast<std::size_t>(nodes_[node].value)]);
      if (i >= s.size()) break;
      node = child(node, utf8::next(s, i));
    }
  }

  // Byte length of the longest word at `pos` (0 if none), its value in *value.
  std::size_t longest(std::string_view s, std::size_t pos, const V** value = nullptr) const {
    return last_of([&](auto&& report) { each_at(s, pos, report); }, value);
  }

  // Calls f(word, value) for every word, in no particular order (words added reversed come out reversed).
  template <class F>
  void each_word(F&& f) const {
    std::string word;
    each_word_below(0, word, f);
  }

  const V* find(std::string_view word) const {
    if (word.empty()) return nullptr;
    std::uint32_t node = 0;
    for (std::size_t i = 0; i < word.size();) {
      char32_t cp = utf8::next(word, i);
      if ((node == 0 && !may_start(cp)) || (node = child(node, cp)) == 0) return nullptr;
    }
    if (nodes_[node].value < 0) return nullptr;
    return &values_[static_cast<std::size_t>(nodes_[node].value)];
  }

 private:
  // The length of the last word a walk reports (walks go shortest first), its value in *value.
  template <class Walk>
  static std::size_t last_of(Walk&& walk, const V** value) {
    std::size_t best = 0;
    walk([&](std::size_t n, const V& v) {
      best = n;
      if (value) *value = &v;
    });
    return best;
  }

  template <class F>
  void each_word_below(std::uint32_t node, std::string& word, F& f) const {
    if (nodes_[node].value >= 0) f(std::string_view(word), values_[static_cast<std::size_t>(nodes_[node].value)]);
    for (const auto& [cp, kid] : nodes_[node].children) {
      std::size_t size = word.size();
      utf8::append(word, cp);
      each_word_below(kid, word, f);
      word.resize(size);
    }
  }

  void add_code_points(const std::vector<char32_t>& cps, V value) {
    if (cps.empty()) return;
    mark_first(cps);
    std::uint32_t node = 0;
    for (char32_t cp : cps) node = child_or_add(node, cp);
    if (nodes_[node].value < 0) {
      nodes_[node].value = static_cast<std::int32_t>(values_.size());
      values_.push_back(std::move(value));
    } else {
      values_[static_cast<std::size_t>(nodes_[node].value)] = std::move(value);
    }
  }

  struct Node {
    std::vector<std::pair<char32_t, std::uint32_t>> children;  // by code point
    std::int32_t value = -1;
  };

  // Node 0 is the root and never anyone's child, so 0 also says "no such child".
  std::uint32_t child(std::uint32_t node, char32_t cp) const {
    if (node == 0 && cp < root_.size()) return root_[cp];  // empty while the root is small
    const auto& kids = nodes_[node].children;
    auto it = std::lower_bound(kids.begin(), kids.end(), cp, [](const auto& kid, char32_t c) { return kid.first < c; });
    return it != kids.end() && it->first == cp ? it->second : 0;
  }

  std::uint32_t child_or_add(std::uint32_t node, char32_t cp) {
    if (std::uint32_t found = child(node, cp)) return found;
    auto id = static_cast<std::uint32_t>(nodes_.size());
    nodes_.emplace_back();
    auto& kids = nodes_[node].children;
    auto it = std::lower_bound(kids.begin(), kids.end(), cp, [](const auto& kid, char32_t c) { return kid.first < c; });
    kids.insert(it, {cp, id});
    if (node == 0 && kids.size() > kDenseRoot) {
      if (root_.empty()) {
        root_.assign(0x10000, 0);
        for (const auto& [c, n] : kids)
          if (c < root_.size()) root_[c] = n;
      } else if (cp < root_.size()) {
        root_[cp] = id;
      }
    }
    return id;
  }

  static constexpr char32_t kBmp = 0x10000;
  using Bits = std::vector<std::uint64_t>;
  static bool bit(const Bits& bits, std::uint32_t i) { return bits[i / 64] >> (i % 64) & 1; }
  static void set(Bits& bits, std::uint32_t i) { bits[i / 64] |= std::uint64_t{1} << (i % 64); }
  static std::uint32_t pair_bit(char32_t a, char32_t b) { return (a * 40503u + b) & (kBmp - 1); }
  static bool cp_outside(char32_t a, char32_t b) { return a >= kBmp || b >= kBmp; }

  void mark_first(const std::vector<char32_t>& cps) {
    if (cps.front() >= kBmp) return;  // beyond the BMP, always tried
    set(first_, cps.front());
    if (cps.size() == 1) set(whole_, cps.front());
    else if (cps[1] < kBmp) set(pairs_, pair_bit(cps[0], cps[1]));
    else set(whole_, cps.front());  // a second character beyond the BMP: let every pair through
  }

  std::vector<Node> nodes_{1};
  std::vector<V> values_;
  // Bits over the Basic Multilingual Plane: first characters, first characters that are words of their
  // own, and hashed pairs of first and second characters. 8 KB each.
  Bits first_ = Bits(kBmp / 64), whole_ = Bits(kBmp / 64), pairs_ = Bits(kBmp / 64);
  // The root's children in the BMP, by code point, once there are many (gazetteer, suffixes): the root
  // is asked at every character, its other levels only after a hit. 256 KB, so small tries go without.
  static constexpr std::size_t kDenseRoot = 64;
  std::vector<std::uint32_t> root_;
};

}  // namespace bangfu::ingest
