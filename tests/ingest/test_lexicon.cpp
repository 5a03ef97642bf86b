#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>

#include "ingest/lexicon.hpp"

using namespace bangfu::ingest;

TEST_CASE("lexicon skips comments and blank lines and keeps line numbers", "[lexicon]") {
  auto lex = Lexicon::parse("# header\n\n医院\tHospital\n  # indented comment\n卫生院\tPrimaryCare\t备注\n", "x.tsv", 2);
  REQUIRE(lex.size() == 2);
  CHECK(lex.rows()[0].fields == std::vector<std::string>{"医院", "Hospital"});
  CHECK(lex.rows()[0].line == 3);
  CHECK(lex.rows()[1].line == 5);
  CHECK(lex.rows()[1].get(2) == "备注");
  CHECK(lex.rows()[1].get(7).empty());
  CHECK(lex.rows()[1].where() == "x.tsv:5");
}

TEST_CASE("lexicon handles BOM, CRLF, trailing tabs and padded fields", "[lexicon]") {
  auto lex = Lexicon::parse("\xEF\xBB\xBF" "a \t b\t\t\r\nc\td\r\n", "y.tsv", 2, 2);
  REQUIRE(lex.size() == 2);
  CHECK(lex.rows()[0].fields == std::vector<std::string>{"a", "b"});
  CHECK(lex.rows()[1].fields == std::vector<std::string>{"c", "d"});
}

TEST_CASE("lexicon errors name file, line and what is wrong", "[lexicon]") {
  try {
    Lexicon::parse("ok\tHospital\nonlyone\n", "bad.tsv", 2);
    FAIL("expected an error");
  } catch (const LexiconError& e) {
    CHECK(std::string(e.what()) == "bad.tsv:2: expected at least 2 tab-separated fields, found 1");
  }
  CHECK_THROWS_WITH(Lexicon::parse("a\tb\tc\n", "m.tsv", 1, 2), "m.tsv:1: expected at most 2 tab-separated fields, found 3");
  CHECK_THROWS_WITH(Lexicon::parse("\tb\n", "e.tsv", 2), "e.tsv:1: field 1 is empty");
  CHECK_THROWS_WITH(Lexicon::parse("ok\n\xFF\xFE\n", "u.tsv"), "u.tsv:2: not valid UTF-8");
  CHECK_THROWS_WITH(Lexicon::read_file("/nonexistent/dir/x.tsv"), Catch::Contains("cannot open"));
}

TEST_CASE("lexicon reads files and appends later files", "[lexicon]") {
  std::string path = std::string(BANGFU_BINARY_DIR) + "/test_lexicon_tmp.tsv";
  {
    std::ofstream out(path);
    out << "# user words\n张三\tPerson\n";
  }
  auto a = Lexicon::parse("李四\tPerson\n", "a.tsv", 2);
  a.append(Lexicon::read_file(path, 2));
  REQUIRE(a.size() == 2);
  CHECK(a.rows()[1].fields[0] == "张三");
  CHECK(a.rows()[1].where() == path + ":2");
  std::remove(path.c_str());
}

TEST_CASE("split_list splits on bars and commas", "[lexicon]") {
  CHECK(split_list("县医院| 县院 ,,州医院，市医院") == std::vector<std::string>{"县医院", "县院", "州医院", "市医院"});
  CHECK(split_list("").empty());
}
