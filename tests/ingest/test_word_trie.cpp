// WordTrie: longest words at a position and ending at a position, as the recognizer and gazetteer use it.
#include <catch2/catch.hpp>

#include <map>
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

TEST_CASE("word trie: every word comes back once from each_word", "[word_trie]") {
  WordTrie<int> t;
  t.add("人民医院", 1);
  t.add("人民", 2);
  t.add("州", 3);
  t.add("人民", 4);  // added again: one word, the new value
  std::map<std::string, int> seen;
  t.each_word([&](std::string_view w, int v) { CHECK(seen.emplace(std::string(w), v).second); });
  CHECK(seen == std::map<std::string, int>{{"人民医院", 1}, {"人民", 4}, {"州", 3}});
}

TEST_CASE("word trie: the first-two-characters filter never drops a word", "[word_trie]") {
  WordTrie<int> t;
  t.add("院长", 1);
  t.add("州", 2);  // a one-character word lets any second character through
  t.add("𠀋院", 3);  // beyond the BMP: always tried
  auto cp = [](const char* s) {
    std::string_view v(s);
    std::size_t i = 0;
    return bangfu::ingest::utf8::next(v, i);
  };
  CHECK(t.may_start_with(cp("院"), cp("长")));
  CHECK(t.may_start_with(cp("州"), cp("医")));
  CHECK(t.may_start_with(cp("𠀋"), cp("院")));
  CHECK_FALSE(t.may_start_with(cp("医"), cp("院")));  // 医 starts no word
  // 院 followed by 士 starts no word; the filter may still say yes (hashed), but longest() must say none.
  CHECK(t.longest("院士", 0) == 0);
  CHECK(t.longest("州医院", 0) == std::string("州").size());
  CHECK(t.longest("𠀋院", 0) == std::string("𠀋院").size());
}
