// The Gherkin subset the TCK uses: scenarios, doc strings, tables, tags, outlines with Examples.
#include <catch2/catch.hpp>

#include "tck/feature.hpp"

using namespace bangfu;

namespace {
const char* kFeature = R"(#encoding: utf-8
# a comment line

Feature: Tiny - what the runner must read

  Scenario: [1] Return a literal
    Given an empty graph
    And having executed:
      """
      CREATE (:A {name: 'a|b'})
        WITH 1 AS x
      """
    When executing query:
      """
      RETURN 1 AS n
      """
    Then the result should be, in any order:
      | n |
      | 1 |
    And no side effects

  @skipGrammarCheck @other
  Scenario: [2] Side effects and parameters
    Given any graph
    And parameters are:
      | p | 'x \| y' |
    When executing query:
      """
      CREATE ()
      """
    Then the result should be empty
    And the side effects should be:
      | +nodes | 1 |

  Scenario Outline: [3] Compare <lhs>
    Given an empty graph
    When executing query:
      """
      RETURN <lhs> = <rhs> AS result
      """
    Then the result should be, in any order:
      | result   |
      | <result> |

    Examples:
      | lhs    | rhs | result |
      | 1      | 1   | true   |
      | [1, 2] | [1] | false  |
)";
}  // namespace

TEST_CASE("feature files parse into scenarios with steps", "[tck][feature]") {
  auto f = tck::parse_feature(kFeature, "Tiny.feature");
  CHECK(f.name == "Tiny - what the runner must read");
  REQUIRE(f.scenarios.size() == 4);
  const auto& s1 = f.scenarios[0];
  CHECK(s1.file == "Tiny.feature");
  CHECK(s1.name == "[1] Return a literal");
  CHECK(s1.line == 6);
  REQUIRE(s1.steps.size() == 5);
  CHECK(s1.steps[0].keyword == "Given");
  CHECK(s1.steps[0].text == "an empty graph");
  CHECK(s1.steps[1].doc_string == "CREATE (:A {name: 'a|b'})\n  WITH 1 AS x");  // dedented, inner indent kept
  CHECK(s1.steps[3].text == "the result should be, in any order:");
  CHECK(s1.steps[3].table == tck::Table{{"n"}, {"1"}});
  CHECK(s1.steps[4].text == "no side effects");

  const auto& s2 = f.scenarios[1];
  CHECK(s2.tags == std::vector<std::string>{"@skipGrammarCheck", "@other"});
  CHECK(s2.steps[1].table == tck::Table{{"p", "'x | y'"}});  // escaped pipe
  CHECK(s2.steps[4].table == tck::Table{{"+nodes", "1"}});
  CHECK(f.scenarios[0].tags.empty());
}

TEST_CASE("scenario outlines expand one scenario per example row", "[tck][feature]") {
  auto f = tck::parse_feature(kFeature, "Tiny.feature");
  const auto& e1 = f.scenarios[2];
  const auto& e2 = f.scenarios[3];
  CHECK(e1.name == "[3] Compare <lhs>");  // names keep placeholders so the scope file can list them
  CHECK(e1.example == 1);
  CHECK(e2.example == 2);
  CHECK(e1.steps[1].doc_string == "RETURN 1 = 1 AS result");
  CHECK(e2.steps[1].doc_string == "RETURN [1, 2] = [1] AS result");
  CHECK(e2.steps[2].table == tck::Table{{"result"}, {"false"}});
}

TEST_CASE("malformed feature files are errors with file and line", "[tck][feature]") {
  CHECK_THROWS_WITH(tck::parse_feature("Feature: x\n  Scenario: s\n    Given a\n      \"\"\"\n      open\n", "F.feature"),
                    Catch::Contains("F.feature:4") && Catch::Contains("never closed"));
  CHECK_THROWS_WITH(tck::parse_feature("Feature: x\n  Given a step\n", "F.feature"), Catch::Contains("F.feature:2"));
  CHECK_THROWS_WITH(tck::parse_feature("Feature: x\n  Scenario: s\n    Given a\n      | a | b |\n      | 1 |\n", "F.feature"),
                    Catch::Contains("F.feature:5") && Catch::Contains("1 cells"));
  CHECK_THROWS_WITH(tck::parse_feature("Feature: x\n  Scenario: s\n    Given a\n    Whatever this is\n", "F.feature"),
                    Catch::Contains("F.feature:4: unexpected line"));
  CHECK_THROWS_WITH(tck::parse_feature("Feature: x\n  Scenario Outline: s\n    Given <a>\n", "F.feature"),
                    Catch::Contains("without Examples"));
  CHECK_THROWS_AS(tck::read_feature("/nonexistent/x.feature"), tck::FeatureError);
}
