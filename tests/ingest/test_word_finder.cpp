// WordFinder reads a text once for a list of words; it must report exactly what searching for each word
// reports, in its documented order, on generated text with malformed bytes, repeated and nested words.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "ingest/word_finder.hpp"

using namespace bangfu::ingest;

namespace {

// (byte, word) by searching for each word, ordered as WordFinder reports.
std::vector<std::pair<std::size_t, std::size_t>> searched(const std::vector<std::string>& words, std::string_view text) {
  std::vector<std::tuple<std::size_t, std::size_t, std::size_t>> found;  // byte, length, index
  for (std::size_t i = 0; i < words.size(); ++i)
    if (!words[i].empty())
      for (std::size_t at = text.find(words[i]); at != std::string_view::npos; at = text.find(words[i], at + 1))
        found.emplace_back(at, words[i].size(), i);
  std::sort(found.begin(), found.end());
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (const auto& [at, len, i] : found) out.emplace_back(at, i);
  return out;
}

}  // namespace

TEST_CASE("WordFinder reports what a search per word finds", "[word_finder]") {
  const std::vector<std::string> words = {"签约", "签", "合作共建", "共建", "签约", "", "将", "a"};
  std::vector<std::string> odd = words;
  odd.push_back("\x8d\xe7");  // begins inside a character: the finder searches word by word
  const std::vector<std::string> pieces = {"签约", "签", "合作", "共建", "将", "a", "b", "，", "\xE7\xAD",
                                           "\xBE", "\xEF\xBF\xBD", "医院"};
  WordFinder once(words), by_search(odd);
  REQUIRE(once.reads_once());
  REQUIRE_FALSE(by_search.reads_once());
  std::mt19937 rng(18);
  std::size_t hits = 0;
  for (int n = 0; n < 3000; ++n) {
    std::string text;
    for (int k = std::uniform_int_distribution<int>(0, 12)(rng); k > 0; --k)
      text += pieces[std::uniform_int_distribution<std::size_t>(0, pieces.size() - 1)(rng)];
    INFO(text);
    for (const auto* finder : {&once, &by_search}) {
      std::vector<std::pair<std::size_t, std::size_t>> got;
      finder->each(text, [&](std::size_t i, std::size_t at) { got.emplace_back(at, i); });
      REQUIRE(got == searched(finder->words(), text));
      hits += got.size();
    }
  }
  CHECK(hits > 3000);
}
