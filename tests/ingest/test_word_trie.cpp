// WordTrie: longest words at a position and ending at a position, as the recognizer and gazetteer use it.
#include <catch2/catch.hpp>

#include <string>

#include "ingest/word_trie.hpp"

using bangfu::ingest::WordTrie;

TEST_CASE("word trie: the longest word starting at a byte position", "[word_trie]") {
  WordTrie<int> t;
  t.add("人民", 1);
  t.add("人民医院", 2);
  t.add("医院", 3);
  t.add("", 9);  // ignored
  std::string s = "县人民医院门诊";
  const int* v = nullptr;
  CHECK(t.longest(s, 0) == 0);
  CHECK(t.longest(s, 3, &v) == std::string("人民医院").size());
  REQUIRE(v);
  CHECK(*v == 2);
  CHECK(t.longest(s, 9, &v) == std::string("医院").size());
  CHECK(*v == 3);
  CHECK(t.longest(s, 1) == 0);  // inside a character
  CHECK(t.longest(s, s.size()) == 0);
  CHECK(t.longest("人民医", 0) == std::string("人民").size());  // a cut-off longer word is no match
}

TEST_CASE("word trie: exact lookup and a word added again", "[word_trie]") {
  WordTrie<std::string> t;
  t.add("院长", "post");
  t.add("院长", "title");
  REQUIRE(t.find("院长"));
  CHECK(*t.find("院长") == "title");
  CHECK_FALSE(t.find("院"));  // a prefix only
  CHECK_FALSE(t.find("院长们"));
  CHECK_FALSE(t.find(""));
  CHECK(t.starts_word("院长", 0));
  CHECK_FALSE(t.starts_word("长院", 0));
}

TEST_CASE("word trie: reversed words, the longest one ending at a position", "[word_trie]") {
  WordTrie<int> t;
  t.add_reversed("贵州省", 1);
  t.add_reversed("州省", 2);  // a suffix of the first
  t.add_reversed("ABC", 3);
  std::string s = "在贵州省的";
  std::size_t end = s.find("的");
  const int* v = nullptr;
  CHECK(t.longest_ending(s, end, &v) == std::string("贵州省").size());
  CHECK(*v == 1);
  CHECK(t.longest_ending(s, end - 3) == 0);
  CHECK(t.longest_ending(s, 0) == 0);
  CHECK(t.longest_ending(s, 100) == 0);  // past the end: the end of the text
  CHECK(t.longest_ending("xABC", 4) == 3);
  std::string broken = "贵州\xE7\x9C";  // a cut-off last character
  CHECK(t.longest_ending(broken, broken.size()) == 0);
}
