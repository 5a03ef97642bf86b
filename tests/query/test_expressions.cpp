// Expressions beyond the basics: list comprehensions, quantifiers, reduce, map projections, regular
// expressions, chained comparisons, the extra string/math functions and the statistical aggregates.
#include <catch2/catch.hpp>

#include <cmath>

#include "query_test_util.hpp"

using namespace bangfu;
using namespace bangfu::query;
using bangfu::query::test::integer;
using bangfu::query::test::strings;
using bangfu::query::test::support_graph;
using Strings = std::vector<std::string>;

namespace {

Value one(const std::string& q) {
  graph::Graph g;
  auto r = run_query(g, q);
  REQUIRE(r.rows.size() == 1);
  return r.rows[0].at(0);
}

std::vector<std::int64_t> ints(const Value& v) {
  std::vector<std::int64_t> out;
  for (const auto& x : v.as<List>()) out.push_back(x.as<std::int64_t>());
  return out;
}

using Ints = std::vector<std::int64_t>;

std::string error_code(const std::string& q) {
  graph::Graph g;
  try {
    run_query(g, q);
  } catch (const QueryError& e) {
    return e.code;
  }
  return "no error";
}

}  // namespace

TEST_CASE("list comprehension filters and maps with a local variable", "[expr]") {
  CHECK(ints(one("RETURN [n IN range(1, 6) WHERE n % 3 = 0 | n * n] AS v")) == Ints{9, 36});
  CHECK(ints(one("RETURN [n IN [4, 5] | n - 4] AS v")) == Ints{0, 1});
  CHECK(ints(one("RETURN [n IN [7, 8, 9] WHERE n <> 8] AS v")) == Ints{7, 9});
  CHECK(one("RETURN [n IN null | n] AS v").is_null());
  // The local name does not leak, and an outer variable of the same name is untouched afterwards.
  CHECK(ints(one("WITH 100 AS n RETURN [n IN [1, 2] | n] + n AS v")) == Ints{1, 2, 100});
  CHECK(error_code("RETURN [k IN [1] | k] AS v, k") == "UndefinedVariable");
  // A parenthesised IN test as the first element keeps a list literal a list literal.
  auto v = one("WITH 2 AS k RETURN [(k IN [1, 2]), 3] AS v");
  CHECK(v.as<List>().at(0).as<bool>() == true);
}

TEST_CASE("quantifiers follow three-valued logic", "[expr]") {
  CHECK(one("RETURN any(q IN [3, 9] WHERE q > 5) AS v").as<bool>() == true);
  CHECK(one("RETURN all(q IN [3, 9] WHERE q > 5) AS v").as<bool>() == false);
  CHECK(one("RETURN none(q IN [3, 9] WHERE q > 50) AS v").as<bool>() == true);
  CHECK(one("RETURN single(q IN [3, 9, 12] WHERE q > 5) AS v").as<bool>() == false);
  CHECK(one("RETURN single(q IN [3, 9] WHERE q > 5) AS v").as<bool>() == true);
  CHECK(one("RETURN all(q IN [] WHERE q > 5) AS v").as<bool>() == true);
  CHECK(one("RETURN any(q IN [1, null] WHERE q > 5) AS v").is_null());
  CHECK(one("RETURN any(q IN [10, null] WHERE q > 5) AS v").as<bool>() == true);
  CHECK(one("RETURN all(q IN [1, null] WHERE q > 5) AS v").as<bool>() == false);
}

TEST_CASE("reduce folds a list with an accumulator", "[expr]") {
  CHECK(one("RETURN reduce(s = 10, x IN [1, 2, 3] | s + x) AS v").as<std::int64_t>() == 16);
  CHECK(one("RETURN reduce(s = '', x IN ['a', 'b'] | s + x) AS v").as<std::string>() == "ab");
  CHECK(one("RETURN reduce(s = 0, x IN null | s + x) AS v").is_null());
}

TEST_CASE("map projection of nodes and maps", "[expr]") {
  auto g = support_graph();
  auto r = run_query(g, "MATCH (a)-[r:supports {since: 2022}]->() RETURN r {.since, extra: 1} AS m");
  REQUIRE(r.rows.size() == 1);
  const auto& m = r.rows[0][0].as<Map>();
  REQUIRE(m.size() == 2);
  CHECK(m[0].first == "since");
  CHECK(m[0].second.as<std::int64_t>() == 2022);
  CHECK(m[1].first == "extra");
  auto v = one("WITH {a: 1, b: 2} AS x RETURN x {.*, b: 3, .zz} AS v").as<Map>();
  REQUIRE(v.size() == 3);
  CHECK(v[1].second.as<std::int64_t>() == 3);
  CHECK(v[2].second.is_null());
}

TEST_CASE("regular expressions match the whole string", "[expr]") {
  CHECK(one("RETURN '西川县人民医院' =~ '.*医院' AS v").as<bool>() == true);
  CHECK(one("RETURN 'abc' =~ 'b' AS v").as<bool>() == false);
  CHECK(one("RETURN 42 =~ '4.*' AS v").is_null());
  CHECK(error_code("RETURN 'a' =~ '(' AS v") == "InvalidArgumentValue");
}

TEST_CASE("chained comparisons mean a conjunction", "[expr]") {
  CHECK(one("RETURN 1 < 5 < 3 AS v").as<bool>() == false);
  CHECK(one("RETURN 1 < 2 <= 2 AS v").as<bool>() == true);
  CHECK(one("RETURN 2 = 2 = true AS v").as<bool>() == false);
  CHECK(one("RETURN (2 = 2) = true AS v").as<bool>() == true);
}

TEST_CASE("the smallest integer is a literal, one past the largest is not", "[expr]") {
  CHECK(one("RETURN -9223372036854775808 AS v").as<std::int64_t>() == INT64_MIN);
  CHECK(error_code("RETURN 9223372036854775808 AS v") == "IntegerOverflow");
  CHECK(error_code("RETURN -9223372036854775808 - 1 AS v") == "IntegerOverflow");
}

TEST_CASE("string and math functions", "[expr]") {
  CHECK(one("RETURN lTrim('  x ') AS v").as<std::string>() == "x ");
  CHECK(one("RETURN rTrim(' x  ') AS v").as<std::string>() == " x");
  CHECK(one("RETURN left('abcdef', 2) AS v").as<std::string>() == "ab");
  CHECK(one("RETURN right('abcdef', 10) AS v").as<std::string>() == "abcdef");
  CHECK(one("RETURN log10(1000) AS v").as<double>() == Approx(3.0));
  CHECK(one("RETURN exp(1) = e() AS v").as<bool>() == true);
  CHECK(one("RETURN degrees(pi()) AS v").as<double>() == Approx(180.0));
  CHECK(one("RETURN atan2(1, 1) AS v").as<double>() == Approx(M_PI / 4));
  CHECK(one("RETURN sin(null) AS v").is_null());
  CHECK(error_code("RETURN left('abc', -1) AS v") == "NumberOutOfRange");
  CHECK(error_code("RETURN toInteger([1]) AS v") == "InvalidArgumentValue");
  CHECK(error_code("RETURN [1, 2]['x'] AS v") == "ListElementAccessByNonInteger");
}

TEST_CASE("exists() on a property tells present from missing", "[expr]") {
  auto g = support_graph();
  auto r = run_query(g, "MATCH ()-[r:supports]->() WHERE exists(r.mode) RETURN r.since");
  REQUIRE(r.rows.size() == 1);
  CHECK(integer(r) == 2019);
}

TEST_CASE("percentiles and standard deviations", "[expr][aggregate]") {
  CHECK(one("UNWIND [5, 1, 4, 2, 3] AS x RETURN percentileDisc(x, 0.5) AS v").as<std::int64_t>() == 3);
  CHECK(one("UNWIND [10, 20, 30, 40] AS x RETURN percentileCont(x, 0.5) AS v").as<double>() == Approx(25.0));
  CHECK(one("UNWIND [10, 20, 30, 40] AS x RETURN percentileDisc(x, 1.0) AS v").as<std::int64_t>() == 40);
  CHECK(one("UNWIND [2, 4, 4, 4, 5, 5, 7, 9] AS x RETURN stDevP(x) AS v").as<double>() == Approx(2.0));
  CHECK(one("UNWIND [1, 3] AS x RETURN stDev(x) AS v").as<double>() == Approx(std::sqrt(2.0)));
  CHECK(one("UNWIND [] AS x RETURN percentileCont(x, 0.5) AS v").is_null());
  CHECK(error_code("UNWIND [1] AS x RETURN percentileCont(x, 1.5) AS v") == "NumberOutOfRange");
}

TEST_CASE("WITH ... WHERE sees the variables before the projection unless it groups", "[expr][with]") {
  graph::Graph g;
  auto r = run_query(g, "UNWIND [1, 2, 3] AS i WITH i * 10 AS t WHERE i <> 2 RETURN t");
  REQUIRE(r.rows.size() == 2);
  CHECK(integer(r, 0) == 10);
  CHECK(integer(r, 1) == 30);
  CHECK(error_code("UNWIND [1, 2] AS i WITH count(*) AS c WHERE i > 1 RETURN c") == "UndefinedVariable");
  CHECK(error_code("UNWIND [1, 2] AS i WITH DISTINCT i % 2 AS m WHERE i > 1 RETURN m") == "UndefinedVariable");
}

TEST_CASE("variables used beside an aggregate group rows", "[expr][aggregate]") {
  graph::Graph g;
  // No rows in, a grouping part in the item: no rows out (a pure aggregate would still give one row).
  auto r = run_query(g, "MATCH (a) RETURN {n: a.name, c: count(*)} AS m");
  CHECK(r.rows.empty());
  r = run_query(g, "UNWIND ['x', 'y', 'x'] AS k RETURN {k: k, c: count(*)} AS m");
  CHECK(r.rows.size() == 2);
}

TEST_CASE("a value from UNWIND can stand for a node in a later pattern", "[expr][unwind]") {
  auto g = support_graph();
  auto r = run_query(g,
                     "MATCH (a {name: '东岳省人民医院'})-[:supports]->(b) WITH collect(b) AS bs UNWIND bs AS b2 "
                     "MATCH (b2)-[:supports]->(c) RETURN c.name");
  CHECK(strings(r) == Strings{"西川县石桥镇卫生院"});
  r = run_query(g, "UNWIND [1, 2] AS x MATCH (x)-->(y) RETURN y");
  CHECK(r.rows.empty());
}

TEST_CASE("an operand beside an aggregate must be a grouping key", "[expr][aggregate]") {
  auto g = support_graph();
  CHECK(error_code("UNWIND [1, 2] AS x RETURN x + count(*) AS v") == "AmbiguousAggregationExpression");
  CHECK(error_code("UNWIND [{a: 1}] AS m RETURN m.a + m.a + count(*) AS v, m.a + m.a") ==
        "AmbiguousAggregationExpression");
  CHECK(error_code("UNWIND [1, 2] AS x RETURN count(rand()) AS v") == "NonConstantExpression");
  CHECK(error_code("UNWIND ['a'] AS s RETURN s, [s] + collect(s) AS v") == "no error");
  CHECK(error_code("UNWIND ['a'] AS s WITH s, 1 AS t RETURN s, [t] + collect(s) AS v") == "AmbiguousAggregationExpression");
  auto r = run_query(g, "MATCH (a)-[:supports]->(b) RETURN a.name AS n, a.name + count(b) AS v ORDER BY v");
  CHECK(strings(r, 1) == Strings{"东岳省1", "东岳省人民医院1", "西川县人民医院1"});
  r = run_query(g, "MATCH (a)-[:supports]->(b) WITH a RETURN a, size(collect(a)) + 1 AS n");
  CHECK(r.rows.size() == 3);
}

TEST_CASE("CREATE creates for every row even when a later LIMIT stops early", "[create]") {
  graph::Graph g;
  auto r = run_query(g, "UNWIND range(1, 4) AS i CREATE (:Clinic {n: i}) WITH i LIMIT 1 RETURN count(*) AS c");
  CHECK(integer(r) == 1);
  CHECK(r.stats.nodes_created == 4);
  CHECK(g.node_count() == 4);
}

TEST_CASE("exists() of a pattern is the pattern predicate", "[expr]") {
  auto g = support_graph();
  auto r = run_query(g, "MATCH (a:Person) WHERE exists((a)-[:serves_as]->()) RETURN a.name");
  CHECK(strings(r) == Strings{"李明"});
  r = run_query(g, "MATCH (a:Person) WHERE exists((a)-[:supports]->()) RETURN a.name");
  CHECK(r.rows.empty());
  r = run_query(g, "MATCH (h:Hospital) WHERE NOT (h)<-[:supports]-() RETURN h.name ORDER BY h.name");
  CHECK(strings(r) == Strings{"东岳省人民医院", "南湖大学附属医院"});
  r = run_query(g, "MATCH (h {name: '东岳省人民医院'}) RETURN [(h)-[:supports|dispatches]->(x) | x.name] AS xs");
  REQUIRE(r.rows.size() == 1);
  CHECK(r.rows[0][0].as<List>().size() == 2);
}

TEST_CASE("literal edges: negated 2^63 in every base, float overflow, property of a non-map", "[expr][literal]") {
  CHECK(one("RETURN -0x8000000000000000 AS v").as<std::int64_t>() == INT64_MIN);
  CHECK(one("RETURN -0o1000000000000000000000 AS v").as<std::int64_t>() == INT64_MIN);
  CHECK(one("RETURN 0x7FFFFFFFFFFFFFFF AS v").as<std::int64_t>() == INT64_MAX);
  CHECK(error_code("RETURN 0x8000000000000000 AS v") == "IntegerOverflow");
  CHECK(error_code("RETURN 1e400 AS v") == "FloatingPointOverflow");
  CHECK(error_code("RETURN {a: 1}.a.b AS v") == "PropertyAccessOnNonMap");
}

TEST_CASE("SET writes properties and labels, null removes, = replaces, += merges", "[set]") {
  auto g = support_graph();
  auto r = run_query(g, "MATCH (h:Hospital {name: '西川县人民医院'}) SET h.beds = 300, h:Secondary RETURN h.beds");
  CHECK(integer(r) == 300);
  CHECK(r.stats.properties_set == 1);
  CHECK(r.stats.labels_added == 1);
  CHECK(run_query(g, "MATCH (h:Secondary) RETURN count(*)").rows[0][0].as<std::int64_t>() == 1);
  run_query(g, "MATCH (h {name: '西川县人民医院'}) SET h.beds = null");
  CHECK(run_query(g, "MATCH (h {name: '西川县人民医院'}) RETURN h.beds").rows[0][0].is_null());
  run_query(g, "MATCH ()-[r:supports {since: 2019}]->() SET r += {level: 3}");
  r = run_query(g, "MATCH ()-[r:supports {since: 2019}]->() RETURN r.mode, r.level");
  CHECK(strings(r) == Strings{"托管"});
  CHECK(integer(r, 0, 1) == 3);
  run_query(g, "MATCH ()-[r:supports {since: 2019}]->() SET r = {since: 2020}");
  r = run_query(g, "MATCH ()-[r:supports {since: 2020}]->() RETURN r.mode");
  CHECK(strings(r) == Strings{"null"});
  CHECK(error_code("MATCH (n) SET m.x = 1") == "UndefinedVariable");
  CHECK(error_code("UNWIND [1] AS x SET x.k = 1") == "InvalidArgumentType");
}

TEST_CASE("REMOVE of a property clears it; REMOVE of a label is refused clearly", "[set]") {
  auto g = support_graph();
  auto r = run_query(g, "MATCH ()-[r:supports {since: 2019}]->() REMOVE r.mode RETURN r.mode, r.since");
  CHECK(strings(r) == Strings{"null"});
  CHECK(integer(r, 0, 1) == 2019);
  CHECK(error_code("MATCH (n) REMOVE n:Hospital") == "UnsupportedClause");
}
