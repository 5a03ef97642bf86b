// Loading relation pattern files: the pattern language, user extensions, and errors naming file:line.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "ingest/relation_pattern.hpp"
#include "ingest/relation_rules.hpp"
#include "test_relations_fixture.hpp"

using namespace bangfu::ingest;
using namespace bangfu::ingest::testing;
using bangfu::graph::EntityType;
using bangfu::graph::RelType;

namespace {

std::string write_temp(const std::string& name, const std::string& text) {
  auto path = std::filesystem::temp_directory_path() / ("bangfu_relations_test_" + name);
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

std::string load_error(const std::string& text) {
  std::string path = write_temp("bad.tsv", text);
  try {
    RelationExtractor::from_files({path});
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("pattern compiler: slots, groups, gaps", "[relations][pattern]") {
  auto p = compile_pattern("{A?}(分别|)与{B}…共建{WHAT}");
  REQUIRE(p.elements.size() == 7);
  CHECK(p.elided_source());
  CHECK(p.elements[1].spellings == std::vector<std::string>{"分别", ""});
  CHECK(p.elements[4].kind == PatternElement::Kind::gap);
  CHECK(compile_pattern("{A}，{B}{ROLE}").elements[1].spellings[0] == ",");  // full-width folded
  CHECK(compile_pattern("{A}\\({B}{ROLE}").elements[1].spellings[0] == "(");
}

TEST_CASE("pattern compiler rejects malformed patterns", "[relations][pattern]") {
  CHECK_THROWS_WITH(compile_pattern("{A}帮扶{C}"), Catch::Contains("unknown slot {C}"));
  CHECK_THROWS_WITH(compile_pattern("{A}帮扶"), Catch::Contains("exactly one {A}"));
  CHECK_THROWS_WITH(compile_pattern("{A}{B}"), Catch::Contains("needs a trigger"));
  CHECK_THROWS_WITH(compile_pattern("{A}(帮扶{B}"), Catch::Contains("groups hold plain text"));
  CHECK_THROWS_WITH(compile_pattern("{A}(帮扶|支援{B}"), Catch::Contains("groups hold plain text"));
  CHECK_THROWS_WITH(compile_pattern("{A}包括:?{B}"), Catch::Contains("no operator"));  // (:|) is the optional colon
  CHECK_THROWS_WITH(compile_pattern("{A}帮扶(|){B}"), Catch::Contains("non-empty"));
  CHECK_THROWS_WITH(compile_pattern("{A}帮扶…~{B}"), Catch::Contains("two gaps"));
  CHECK_THROWS_WITH(compile_pattern("{B}帮扶{A?}"), Catch::Contains("{A?} may only start"));
  CHECK_THROWS_WITH(compile_pattern("{A}帮扶{B"), Catch::Contains("closing '}'"));
  CHECK_THROWS_WITH(compile_pattern("…{A}帮扶{B}"), Catch::Contains("gap"));
}

TEST_CASE("a malformed pattern file names file:line and what is wrong", "[relations][rules]") {
  std::string head = "# comment\n\n";
  std::string ok = "rule\tx.ok\tsupports\t{A}帮扶{B}\tregion\tregion\t0.8\n";
  CHECK_THAT(load_error(head + ok + "rule\tx.bad\thelps\t{A}帮扶{B}\tregion\tregion\t0.8\n"),
             Catch::Contains("bad.tsv:4:") && Catch::Contains("unknown relation 'helps'"));
  CHECK_THAT(load_error(head + "rule\tx\tsupports\t{A}帮扶{X}\tregion\tregion\t0.8\n"),
             Catch::Contains("bad.tsv:3:") && Catch::Contains("unknown slot {X}"));
  CHECK_THAT(load_error(head + "rule\tx\tsupports\t{A}帮扶{B}\tplanet\tregion\t0.8\n"),
             Catch::Contains("bad.tsv:3:") && Catch::Contains("unknown entity type 'planet'"));
  CHECK_THAT(load_error(head + "rule\tx\tsupports\t{A}帮扶{B}\tregion\tregion\t1.5\n"),
             Catch::Contains("bad.tsv:3:") && Catch::Contains("confidence"));
  CHECK_THAT(load_error(head + "rule\tx\tsupports\t{A}帮扶{B}\tregion\n"), Catch::Contains("bad.tsv:3:"));
  CHECK_THAT(load_error(ok + ok), Catch::Contains("bad.tsv:2:") && Catch::Contains("used twice"));
  CHECK_THAT(load_error("rule\tx\tsupports\t{A}帮扶{B}\tregion\tregion\t0.8\tfallbak\n"),
             Catch::Contains("bad.tsv:1:") && Catch::Contains("'fallback'"));
  CHECK_THAT(load_error("frobnicate\tx\n"), Catch::Contains("bad.tsv:1:") && Catch::Contains("unknown line kind"));
  CHECK_THAT(load_error("negation\t不\t断了\n"), Catch::Contains("bad.tsv:1:") && Catch::Contains("does not contain"));
  CHECK_THAT(load_error("rule\tx\tsupports\t{A}帮扶\xff{B}\tregion\tregion\t0.8\n"), Catch::Contains("UTF-8"));
  CHECK_THROWS_WITH(RelationExtractor::from_files({"/nonexistent/relations.tsv"}),
                    Catch::Contains("/nonexistent/relations.tsv"));
}

TEST_CASE("user files extend and override the shipped rules without recompiling", "[relations][rules]") {
  std::string data = std::string(BANGFU_SOURCE_DIR) + "/data";
  std::string extra = write_temp("user.tsv",
                                 "rule\tuser.chip\tsupports\t{A}(照拂|资助了){B}\tregion|org\tregion|org\t0.6\n"
                                 "rule\tsup.strong\tsupports\t{A}托管{B}\tregion|org\tregion|org\t0.5\n");
  auto plain = RelationExtractor::from_data_dir(data);
  auto extended = RelationExtractor::from_data_dir(data, {extra});
  CHECK(extended.rule_count() == plain.rule_count() + 1);  // one new, one replaced

  std::string text = "青岛市照拂定西市";
  auto mentions = mentions_in(text, {{"青岛市", EntityType::City}, {"定西市", EntityType::City}});
  CHECK(plain.extract(sentence_of(text), mentions, {}).empty());
  auto r = extended.extract(sentence_of(text), mentions, {});
  REQUIRE(r.size() == 1);
  CHECK(r[0].rule == "user.chip");

  text = "青岛市托管定西市";
  mentions = mentions_in(text, {{"青岛市", EntityType::City}, {"定西市", EntityType::City}});
  r = extended.extract(sentence_of(text), mentions, {});
  REQUIRE(r.size() == 1);
  CHECK(r[0].confidence == Approx(0.5f));

  text = "青岛市援建定西市";  // the replaced rule no longer knows 援建
  mentions = mentions_in(text, {{"青岛市", EntityType::City}, {"定西市", EntityType::City}});
  CHECK_FALSE(plain.extract(sentence_of(text), mentions, {}).empty());
  CHECK(extended.extract(sentence_of(text), mentions, {}).empty());
}

TEST_CASE("type sets", "[relations][rules]") {
  auto set = parse_type_set("region|Hospital");
  CHECK(contains(set, EntityType::County));
  CHECK(contains(set, EntityType::Hospital));
  CHECK_FALSE(contains(set, EntityType::Person));
  CHECK(parse_type_set("*").all());
  CHECK(contains(parse_type_set("org"), EntityType::Consortium));
  CHECK_THROWS(parse_type_set("Hospitals"));
}
