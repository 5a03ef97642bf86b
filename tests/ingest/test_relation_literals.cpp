// The rule book's fixed words found in a sentence in one pass (WordTable / WordHits).
#include <catch2/catch.hpp>

#include "ingest/relation_literals.hpp"
#include "ingest/relation_rules.hpp"

using namespace bangfu::ingest;

TEST_CASE("word table numbers each distinct word once", "[relations][words]") {
  WordTable table;
  int a = table.add("帮扶");
  int b = table.add("对口帮扶");
  CHECK(table.add("帮扶") == a);
  CHECK(a != b);
  CHECK(table.add("") == -1);
  CHECK(table.size() == 2);
  REQUIRE(table.starting_with(U'帮') != nullptr);
  CHECK(table.starting_with(U'援') == nullptr);
}

TEST_CASE("word hits: every occurrence, overlapping words too, and nothing else", "[relations][words]") {
  WordTable table;
  int help = table.add("帮扶");
  int paired = table.add("对口帮扶");
  int aid = table.add("援建");
  std::string text = "甲医院对口帮扶乙医院,并帮扶丙县";
  WordHits hits(table, text);
  std::size_t first = text.find("对口帮扶"), inner = first + std::string("对口").size(), second = text.rfind("帮扶");
  CHECK(hits.at(first, paired));
  CHECK(hits.at(inner, help));  // 帮扶 inside 对口帮扶 is still an occurrence
  CHECK(hits.at(second, help));
  CHECK_FALSE(hits.at(first, help));
  CHECK_FALSE(hits.at(first + 1, paired));  // not a character boundary
  CHECK(hits.present(help));
  CHECK_FALSE(hits.present(aid));
  CHECK_FALSE(hits.present(-1));
  std::vector<std::size_t> where;
  hits.positions(where);
  CHECK(where == std::vector<std::size_t>{first, inner, second});
}

TEST_CASE("word hits at the end of a text and in an empty one", "[relations][words]") {
  WordTable table;
  int w = table.add("合作");
  WordHits tail(table, "双方合作");
  CHECK(tail.at(std::string("双方").size(), w));
  CHECK_FALSE(tail.at(100, w));
  WordHits none(table, "");
  CHECK_FALSE(none.present(w));
}

TEST_CASE("a rule book numbers the spellings of its patterns, also after a user override", "[relations][words]") {
  RelationRuleBook book;
  book.load_text("rule\tr1\tsupports\t{A}(帮扶|支援)(了|){B}\torg\torg\t0.9\n", "base");
  const auto& e = book.rules.at(0).pattern.elements.at(1);
  REQUIRE(e.word_ids.size() == e.spellings.size());
  CHECK(book.words.word(e.word_ids[0]) == "帮扶");
  const auto& le = book.rules.at(0).pattern.elements.at(2);
  REQUIRE(le.word_ids.size() == 2);
  CHECK(le.word_ids.back() == -1);  // the empty spelling that makes the group optional
  book.load_text("rule\tr1\tsupports\t{A}托管{B}\torg\torg\t0.9\n", "user");
  const auto& replaced = book.rules.at(0).pattern.elements.at(1);
  REQUIRE(replaced.word_ids.size() == 1);
  CHECK(book.words.word(replaced.word_ids[0]) == "托管");
}
