// Errors: malformed queries point at the right line and column; semantic errors name the variable.
#include <catch2/catch.hpp>

#include "graph/graph.hpp"
#include "query/engine.hpp"
#include "query/parser.hpp"

using namespace bangfu;
using namespace bangfu::query;

namespace {

struct Bad {
  const char* query;
  std::size_t line, column;
  const char* code;
  const char* says;
};

QueryError error_of(const char* text) {
  graph::Graph g;
  try {
    run_query(g, text);
  } catch (const QueryError& e) {
    return e;
  }
  FAIL("no error for: " << text);
  throw;
}

}  // namespace

TEST_CASE("syntax errors report line, column and what was expected", "[errors]") {
  const Bad cases[] = {
      {"MATCH (n RETURN n", 1, 10, "SyntaxError", "expected ')'"},
      {"MATCH (n)-[r->(m) RETURN n", 1, 13, "SyntaxError", "expected ']'"},
      {"MATCH (n) RETURN n LIMIT", 1, 25, "SyntaxError", "expected expression but the query ended"},
      {"MATCH (n) WHERE n.name = 'x RETURN n", 1, 26, "SyntaxError", "missing closing quote"},
      {"MATCH (n:) RETURN n", 1, 10, "SyntaxError", "expected name"},
      {"MATCH (n) RETURN n ORDER n.name", 1, 26, "SyntaxError", "expected BY"},
      {"MATC (n) RETURN n", 1, 1, "SyntaxError", "expected a clause"},
      {"MATCH (n)-(m) RETURN n", 1, 11, "SyntaxError", "expected '-', '->' or '['"},
      {"RETURN [1, 2", 1, 13, "SyntaxError", "expected ']'"},
      {"RETURN {a 1}", 1, 11, "SyntaxError", "expected ':'"},
      {"MATCH (n) RETURN n.", 1, 20, "SyntaxError", "expected name"},
      {"MATCH (a)-[:T..]->(c) RETURN c", 1, 14, "InvalidRelationshipPattern", "needs '*'"},
      {"MATCH (a)-[:T*-2]->(c) RETURN c", 1, 15, "InvalidRelationshipPattern", "non-negative"},
      {"RETURN 0x", 1, 8, "InvalidNumberLiteral", "invalid number"},
      {"RETURN 'a\\qb'", 1, 10, "InvalidEscapeSequence", "\\q"},
      {"MATCH (n)\nWHERE n.x >\nRETURN n", 3, 1, "SyntaxError", "expected expression"},
      {"MATCH (n) RETURN n AS", 1, 22, "SyntaxError", "expected variable name"},
      {"MATCH (n) RETURN count(", 1, 24, "SyntaxError", "expected ')'"},
      {"MATCH (a)-->(b) RETURN a b", 1, 26, "SyntaxError", "end of the query"},
      {"RETURN 1 +", 1, 11, "SyntaxError", "expected expression"},
      {"MATCH \xEF\xBC\x88n\xEF\xBC\x89 RETURN n", 1, 7, "SyntaxError", "expected pattern"},
      {"MATCH (n) RETURN `abc", 1, 18, "SyntaxError", "backquote"},
      {"RETURN 99999999999999999999", 1, 8, "IntegerOverflow", "too large"},
      {"UNWIND [1,2] x RETURN x", 1, 14, "SyntaxError", "expected AS"},
      {"CREATE (a)-[:R]->", 1, 18, "SyntaxError", "expected node pattern"},
      {"MATCH (n) WHERE n.x IS NOT RETURN n", 1, 28, "SyntaxError", "expected NULL"},
      {"RETURN CASE WHEN true THEN 1", 1, 29, "SyntaxError", "expected END"},
      {"", 1, 1, "SyntaxError", "expected a clause"},
      {"MATCH (a:医院)\n  -[:帮扶]->(b)\n  RETURN b.名称 AS 名称,", 3, 21, "SyntaxError", "expected return item"},
  };
  for (const auto& c : cases) {
    INFO(c.query);
    auto e = error_of(c.query);
    CHECK(e.kind == QueryError::Kind::Syntax);
    CHECK(e.line == c.line);
    CHECK(e.column == c.column);
    CHECK(e.code == c.code);
    CHECK_THAT(e.what(), Catch::Contains(c.says));
    CHECK_THAT(e.what(), Catch::StartsWith("line " + std::to_string(c.line) + ", column " + std::to_string(c.column)));
  }
}

TEST_CASE("the message shows the query line with a caret under the error", "[errors]") {
  auto e = error_of("MATCH (n)\nRETURN n LIMIT x y");
  CHECK(std::string(e.what()) ==
        "line 2, column 18: expected a clause or the end of the query\n"
        "  RETURN n LIMIT x y\n"
        "                   ^");
  // Wide characters take two cells, so the caret moves two spaces per Chinese character.
  auto wide = error_of("RETURN '医院' 1");
  CHECK(wide.column == 13);
  CHECK_THAT(wide.what(), Catch::EndsWith("\n                ^"));
}

TEST_CASE("semantic errors name the variable and carry the TCK code", "[errors]") {
  const Bad cases[] = {
      {"MATCH (n) RETURN m", 1, 18, "UndefinedVariable", "`m`"},
      {"MATCH (s)\nWHERE s.name = nowhere\nRETURN s", 2, 16, "UndefinedVariable", "`nowhere`"},
      {"MATCH (a) WHERE count(a) > 1 RETURN a", 1, 17, "InvalidAggregation", "WHERE"},
      {"MATCH (n) RETURN n.x ORDER BY max(n.y)", 1, 31, "InvalidAggregation", "ORDER BY"},
      {"MATCH (a) CREATE (a)", 1, 18, "VariableAlreadyBound", "`a`"},
      {"MATCH ()-[r]-(r) RETURN r", 1, 9, "VariableTypeConflict", "`r` is a node"},
      {"MATCH p = (a)-->() MATCH (p) RETURN p", 1, 26, "VariableTypeConflict", "`p` is a path"},
      {"MATCH (a)-[r]->()-[r]->(a) RETURN r", 1, 18, "RelationshipUniquenessViolation", "`r`"},
      {"MATCH (n $param) RETURN n", 1, 10, "InvalidParameterUse", "parameter"},
      {"CREATE ()-->()", 1, 10, "NoSingleRelationshipType", "one relationship type"},
      {"CREATE (a)-[:T]-(b)", 1, 11, "RequiresDirectedRelationship", "directed"},
      {"CREATE ()-[:T*2]->()", 1, 10, "CreatingVarLength", "variable-length"},
      {"MATCH (n) RETURN n LIMIT n.count", 1, 26, "NonConstantExpression", "LIMIT"},
      {"MATCH (n) RETURN n LIMIT -1", 1, 26, "NegativeIntegerArgument", "negative"},
      {"MATCH (n) RETURN n SKIP 1.5", 1, 25, "InvalidArgumentType", "integer"},
      {"MATCH (a) RETURN DISTINCT a.name ORDER BY a.age", 1, 43, "UndefinedVariable", "`a`"},
      {"MATCH (n) MATCH p = (n)-->() WHERE p.name = 'x' RETURN p", 1, 36, "InvalidArgumentType", "`p` is a path"},
      {"MATCH (n) WITH n.x RETURN 1", 1, 16, "NoExpressionAlias", "aliased"},
      {"RETURN nosuch(1)", 1, 8, "UnknownFunction", "nosuch"},
      {"MATCH (n)", 1, 1, "InvalidClauseComposition", "RETURN"},
  };
  for (const auto& c : cases) {
    INFO(c.query);
    auto e = error_of(c.query);
    CHECK(e.kind == QueryError::Kind::Semantic);
    CHECK(e.line == c.line);
    CHECK(e.column == c.column);
    CHECK(e.code == c.code);
    CHECK_THAT(e.what(), Catch::Contains(c.says));
  }
}

TEST_CASE("run-time errors: type errors and bad parameters", "[errors]") {
  graph::Graph g;
  CHECK_THROWS_MATCHES(run_query(g, "RETURN 1 + true"), QueryError,
                       Catch::Predicate<QueryError>([](const QueryError& e) { return e.kind == QueryError::Kind::Type; }));
  CHECK_THROWS_MATCHES(run_query(g, "RETURN $missing"), QueryError,
                       Catch::Predicate<QueryError>([](const QueryError& e) { return e.code == "ParameterMissing"; }));
  Params negative{{"n", Value(-1)}};
  CHECK_THROWS_MATCHES(run_query(g, "UNWIND [1] AS x RETURN x LIMIT $n", negative), QueryError,
                       Catch::Predicate<QueryError>([](const QueryError& e) { return e.code == "NegativeIntegerArgument"; }));
  Params fractional{{"n", Value(1.5)}};
  CHECK_THROWS_MATCHES(run_query(g, "UNWIND [1] AS x RETURN x LIMIT $n", fractional), QueryError,
                       Catch::Predicate<QueryError>([](const QueryError& e) { return e.code == "InvalidArgumentType"; }));
  CHECK_THROWS_MATCHES(run_query(g, "RETURN 1 / 0"), QueryError,
                       Catch::Predicate<QueryError>([](const QueryError& e) { return e.code == "DivisionByZero"; }));
}
