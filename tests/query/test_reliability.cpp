// Hostile queries (issue 15, items 3-11, 13, 14 and *$n): each gives the right answer or a clear error
// within bounded time and memory, never a crash, a hang or a silent wrong value.
#include <catch2/catch.hpp>

#include <string>

#include "graph/graph.hpp"
#include "query/engine.hpp"
#include "query/format.hpp"
#include "query/regex.hpp"
#include "query/utf8.hpp"

using namespace bangfu;
using namespace bangfu::query;

namespace {

QueryResult run(const std::string& text, const QueryOptions& options = {}) {
  graph::Graph g;
  return run_query(g, text, {}, options);
}

QueryResult run_on(graph::Graph& g, const std::string& text, const QueryOptions& options = {}) {
  return run_query(g, text, {}, options);
}

// The error a query gives; fails the test when it gives none.
QueryError error_of(graph::Graph& g, const std::string& text, const QueryOptions& options = {}) {
  try {
    run_query(g, text, {}, options);
  } catch (const QueryError& e) {
    return e;
  }
  FAIL("expected an error from: " << text.substr(0, 200));
  throw std::logic_error("unreachable");
}

QueryError error_of(const std::string& text, const QueryOptions& options = {}) {
  graph::Graph g;
  return error_of(g, text, options);
}

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

// Nodes with no relationships: only cartesian products can make work of them.
graph::Graph isolated_nodes(int n) {
  graph::Graph g;
  for (int i = 0; i < n; ++i) g.add_node({"N"}, {{"name", "n" + std::to_string(i)}});
  return g;
}

std::int64_t int_at(const QueryResult& r, std::size_t column = 0) { return r.rows.at(0).at(column).as<std::int64_t>(); }

}  // namespace

TEST_CASE("item 3: deeply nested brackets, NOT and unary minus give a nesting error", "[reliability]") {
  for (const auto& [open, close] : std::vector<std::pair<std::string, std::string>>{
           {"(", ")"}, {"[", "]"}, {"{a: ", "}"}, {"NOT ", ""}, {"- ", ""}, {"+ ", ""}}) {
    INFO("nesting " << open);
    std::string deep = "RETURN " + repeat(open, 100'000) + "1" + repeat(close, 100'000);
    auto e = error_of(deep);
    CHECK(e.kind == QueryError::Kind::Syntax);
    CHECK(e.code == "NestingTooDeep");
    CHECK_THAT(e.what(), Catch::Contains("nested too deeply"));
  }
  // Within the limit the same shapes still work.
  CHECK(int_at(run("RETURN " + repeat("(", 150) + "7" + repeat(")", 150))) == 7);
  CHECK(int_at(run("RETURN " + repeat("- ", 151) + "7")) == -7);
  CHECK(run("RETURN " + repeat("NOT ", 150) + "true").rows.at(0).at(0).as<bool>());
  CHECK(run("RETURN size(" + repeat("[", 150) + "1" + repeat("]", 150) + ")").rows.size() == 1);
  CHECK(run("RETURN " + repeat("{a: ", 150) + "1" + repeat("}", 150)).rows.size() == 1);
}

TEST_CASE("item 3: the nesting limit is a setting", "[reliability]") {
  QueryOptions tight;
  tight.max_depth = 10;
  auto e = error_of("RETURN " + repeat("(", 20) + "1" + repeat(")", 20), tight);
  CHECK(e.code == "NestingTooDeep");
  CHECK_THAT(e.what(), Catch::Contains("10"));
  CHECK(int_at(run("RETURN " + repeat("(", 5) + "1" + repeat(")", 5), tight)) == 1);
}

TEST_CASE("item 4: long operator chains give an error instead of a deep tree", "[reliability]") {
  auto sum = error_of("RETURN 1" + repeat("+1", 30'000));
  CHECK(sum.code == "NestingTooDeep");
  graph::Graph g = isolated_nodes(2);
  auto conj = error_of(g, "MATCH (n) WHERE true" + repeat(" AND true", 100'000) + " RETURN n");
  CHECK(conj.code == "NestingTooDeep");
  CHECK(error_of("RETURN [1]" + repeat("[0]", 50'000)).code == "NestingTooDeep");
  CHECK(error_of("RETURN {a: 1}" + repeat(".a", 50'000)).code == "NestingTooDeep");
  CHECK(error_of("RETURN 1" + repeat(" < 1", 50'000)).code == "NestingTooDeep");
  // A long chain below the limit is still computed.
  CHECK(int_at(run("RETURN 1" + repeat("+1", 150))) == 151);
}

TEST_CASE("items 5 and 6: regex matching is linear: no crash on long input, no hang on nested stars",
          "[reliability][regex]") {
  auto long_input = run("RETURN reduce(s = '', i IN range(1, 100000) | s + 'a') =~ '(a|b)*' AS ok");
  CHECK(long_input.rows.at(0).at(0).as<bool>());
  auto nested = run("RETURN 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab' =~ '(a*)*c' AS ok");
  CHECK_FALSE(nested.rows.at(0).at(0).as<bool>());
  CHECK(run("RETURN 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac' =~ '(a*)*c'").rows.at(0).at(0).as<bool>());
}

TEST_CASE("regex: Cypher (Java) semantics on RE2", "[reliability][regex]") {
  auto yes = [](const std::string& q) { return run("RETURN " + q).rows.at(0).at(0).as<bool>(); };
  CHECK(yes("'abc' =~ 'a.c'"));
  CHECK_FALSE(yes("'abcd' =~ 'a.c'"));  // the whole string must match
  CHECK(yes("'ABC' =~ '(?i)abc'"));
  CHECK(yes("'湖南省人民医院' =~ '.*人民医院'"));
  CHECK(yes("'湖南' =~ '..'"));  // a dot is one character, not one byte
  CHECK(yes("'2019-01' =~ '(?<year>\\\\d{4})-\\\\d{2}'"));  // Java's named groups
  CHECK(yes("'a+b' =~ 'a\\\\Q+\\\\Eb'"));
  CHECK(yes("'ab' =~ 'a+?b'"));  // lazy is fine, possessive is not
  for (const auto& [pattern, what] : std::vector<std::pair<std::string, std::string>>{
           {"(a)\\\\1", "backreferences"},
           {"a(?=b)", "lookahead"},
           {"(?<!a)b", "lookahead and lookbehind"},
           {"(?>a)", "atomic groups"},
           {"a*+", "possessive"},
           {"[a-z&&[^b]]", "intersections"},
           {"(?x)a b", "comments mode"},
           {"(", "invalid regular expression"}}) {
    INFO(pattern);
    auto e = error_of("RETURN 'aa' =~ '" + pattern + "'");
    CHECK(e.kind == QueryError::Kind::Type);
    CHECK(e.code == "InvalidArgumentValue");
    CHECK_THAT(e.what(), Catch::Contains(what));
  }
  CHECK(translate_regex("(?<n>a)") == "(?P<n>a)");
  CHECK(translate_regex("(?iu)a") == "(?i)a");
  CHECK(translate_regex("[]a]") == "[]a]");
}

TEST_CASE("item 7: cartesian products count against the expansion bound", "[reliability]") {
  auto g = isolated_nodes(200);  // 200^4 = 1.6e9 combinations
  QueryOptions options;
  options.max_expansions = 1'000'000;
  auto e = error_of(g, "MATCH (a), (b), (c), (d) RETURN count(*)", options);
  CHECK(e.kind == QueryError::Kind::Limit);
  CHECK(e.code == "ExpansionLimit");
  CHECK_THAT(e.what(), Catch::Contains("cartesian"));
  // A product within the bound is counted right.
  CHECK(int_at(run_on(g, "MATCH (a), (b) RETURN count(*)", options)) == 40'000);
}

TEST_CASE("item 8: replace() is linear and bounded by max_string", "[reliability]") {
  // 2^20 characters, every one replaced: quadratic work took seconds here, linear takes milliseconds.
  auto r = run("RETURN size(replace(reduce(s = 'x', i IN range(1, 20) | s + s), 'x', 'yy')) AS n");
  CHECK(int_at(r) == 2 * (1 << 20));
  CHECK(run("RETURN replace('aXbXc', 'X', '--')").rows.at(0).at(0).as<std::string>() == "a--b--c");
  CHECK(run("RETURN replace('aaa', 'aa', 'a')").rows.at(0).at(0).as<std::string>() == "aa");
  QueryOptions small;
  small.max_string = 1000;
  auto e = error_of("RETURN replace(reduce(s = 'x', i IN range(1, 9) | s + s), 'x', 'yy')", small);
  CHECK(e.code == "StringLimit");
}

TEST_CASE("item 9: UNWIND and comprehensions walk range() without building it", "[reliability]") {
  QueryOptions options;
  options.max_list = 1000;  // a built list of 10^6 elements would be refused
  CHECK(int_at(run("UNWIND range(1, 1000000) AS x RETURN count(x), sum(x)", options)) == 1'000'000);
  CHECK(run("UNWIND range(1, 1000000) AS x RETURN sum(x)", options).rows.at(0).at(0).as<std::int64_t>() ==
        500'000'500'000);
  CHECK(int_at(run("RETURN reduce(s = 0, i IN range(1, 1000000) | s + i)", options)) == 500'000'500'000);
  CHECK(run("RETURN any(x IN range(1, 1000000) WHERE x = 999999)", options).rows.at(0).at(0).as<bool>());
  CHECK(run("UNWIND range(1, 10) AS x WITH x LIMIT 3 RETURN collect(x)", options).rows.at(0).at(0).as<List>().size() == 3);
  // Building the list itself is what max_list refuses.
  CHECK(error_of("RETURN size(range(1, 1000000))", options).code == "ListLimit");
  CHECK(error_of("WITH range(1, 1000000) AS l RETURN size(l)", options).code == "ListLimit");
}

TEST_CASE("item 10: range() near the int64 ends neither overflows nor grows", "[reliability]") {
  auto r = run("RETURN range(9223372036854775800, 9223372036854775807, 5) AS l");
  const auto& l = r.rows.at(0).at(0).as<List>();
  REQUIRE(l.size() == 2);
  CHECK(l[0].as<std::int64_t>() == 9223372036854775800);
  CHECK(l[1].as<std::int64_t>() == 9223372036854775805);
  auto down = run("RETURN range(-9223372036854775800, -9223372036854775808, -5) AS l");
  CHECK(down.rows.at(0).at(0).as<List>().size() == 2);
  CHECK(run("RETURN range(0, 10, -1)").rows.at(0).at(0).as<List>().empty());
  CHECK(run("RETURN range(3, 3)").rows.at(0).at(0).as<List>().size() == 1);
  CHECK(error_of("RETURN range(-9223372036854775808, 9223372036854775807)").code == "ListLimit");
  CHECK(error_of("RETURN range(1, 2, 0)").code == "NumberOutOfRange");
}

TEST_CASE("item 11: rows, lists and strings are bounded", "[reliability]") {
  auto g = isolated_nodes(300);
  QueryOptions options;
  options.max_rows = 10'000;
  options.max_list = 10'000;
  CHECK(error_of(g, "MATCH (a), (b) RETURN size(collect(a.name))", options).code == "ListLimit");
  CHECK(error_of(g, "MATCH (a), (b) RETURN a.name, b.name", options).code == "RowLimit");
  CHECK(error_of(g, "MATCH (a), (b) RETURN a.name, b.name ORDER BY a.name", options).code == "RowLimit");
  CHECK(error_of(g, "MATCH (a), (b) RETURN DISTINCT a.name, b.name", options).code == "RowLimit");
  CHECK(error_of(g, "MATCH (a), (b) RETURN a.name, b.name, count(*)", options).code == "RowLimit");
  auto big = error_of("RETURN size(reduce(s = 'x', i IN range(1, 40) | s + s))");
  CHECK(big.kind == QueryError::Kind::Limit);
  CHECK(big.code == "StringLimit");
  CHECK_THAT(big.what(), Catch::Contains("max_string"));
  CHECK(error_of("RETURN size(reduce(l = [1], i IN range(1, 40) | l + l))").code == "ListLimit");
  CHECK(error_of("RETURN size([x IN range(1, 100000) | x])", options).code == "ListLimit");
  // Within the limits the answers are right.
  CHECK(int_at(run_on(g, "MATCH (a) RETURN size(collect(a.name))", options)) == 300);
}

TEST_CASE("item 11: a time limit stops a long query with a clear error", "[reliability]") {
  QueryOptions options;
  options.timeout = std::chrono::milliseconds(50);
  auto e = error_of("UNWIND range(1, 9223372036854775807) AS x RETURN count(x)", options);
  CHECK(e.kind == QueryError::Kind::Limit);
  CHECK(e.code == "TimeLimit");
  CHECK_THAT(e.what(), Catch::Contains("50 ms"));
  auto r = error_of("RETURN reduce(s = 0, i IN range(1, 9223372036854775807) | s + 1)", options);
  CHECK(r.code == "TimeLimit");
}

TEST_CASE("item 13: integer overflow is reported everywhere, never wrapped", "[reliability]") {
  for (const auto& q : {"RETURN abs(-9223372036854775808)", "RETURN -(-9223372036854775808)",
                        "RETURN - -9223372036854775808", "WITH -9223372036854775808 AS x RETURN -x",
                        "RETURN toInteger(1e30)", "RETURN toInteger(-1e19)", "RETURN toInteger('99999999999999999999')",
                        "UNWIND [9223372036854775807, 1] AS x RETURN sum(x)",
                        "RETURN 9223372036854775807 + 1", "RETURN -9223372036854775808 - 1"}) {
    INFO(q);
    auto e = error_of(q);
    CHECK(e.code == "IntegerOverflow");
  }
  CHECK(int_at(run("RETURN -9223372036854775808")) == INT64_MIN);
  CHECK(int_at(run("RETURN abs(-9223372036854775807)")) == INT64_MAX);
  CHECK(int_at(run("RETURN toInteger(9.2e18)")) == 9'200'000'000'000'000'000);
  CHECK(int_at(run("RETURN toInteger('-12')")) == -12);
  CHECK(int_at(run("UNWIND [9223372036854775807, 1, -2] AS x RETURN sum(x)")) == INT64_MAX - 1);
  CHECK(run("UNWIND [9223372036854775807, 1, 0.5] AS x RETURN sum(x)").rows.at(0).at(0).is<double>());
}

TEST_CASE("item 13 for temporal values: durations and epoch instants out of range are errors, not wraps",
          "[reliability][temporal]") {
  for (const auto& q : {"RETURN duration('P9223372036854775807Y')", "RETURN duration('PT9223372036854775807H')",
                        "RETURN duration('P9999999999999999-01-01T00:00:00')",
                        "RETURN datetime({epochSeconds: 9223372036854775807})",
                        "RETURN datetime({epochSeconds: -9223372036854775808})",
                        "RETURN datetime({epochSeconds: 31556889832780799, nanosecond: 1000000000})",
                        "RETURN datetime({epochSeconds: -31557014135683200, nanosecond: -1})",
                        // fuzz finding: the fraction's nanoseconds times a large factor overflowed the cast
                        "RETURN duration('P1Y2M3DT4H5M6.5S') * 444444444444"}) {
    INFO(q);
    CHECK_THROWS_AS(run(q), QueryError);
  }
  auto text = [](const std::string& e) { return run("RETURN toString(" + e + ")").rows.at(0).at(0).as<std::string>(); };
  CHECK(text("duration('P1Y2M3DT4H5M6.5S')") == "P1Y2M3DT4H5M6.5S");
  CHECK(text("duration('P0001-02-03T04:05:06')") == "P1Y2M3DT4H5M6S");
  CHECK(text("datetime({epochSeconds: 31556889832780799})") == "+999999999-12-31T23:59:59Z");
  CHECK(text("datetime({epochMillis: 1700000000123, nanosecond: 5})") == "2023-11-14T22:13:20.123000005Z");
}

TEST_CASE("item 14: lone surrogates are refused; output and graph stay valid UTF-8", "[reliability][utf8]") {
  auto e = error_of("RETURN '\\uD800' AS s");
  CHECK(e.kind == QueryError::Kind::Syntax);
  CHECK(e.code == "InvalidUnicodeLiteral");
  CHECK_THAT(e.what(), Catch::Contains("surrogate"));
  graph::Graph g;
  CHECK(error_of(g, "CREATE (:X {s: '\\uDC00'})").code == "InvalidUnicodeLiteral");
  CHECK(g.node_count() == 0);
  CHECK(error_of("RETURN '\\U0000D800'").code == "InvalidUnicodeLiteral");
  // A surrogate pair is one character, as in Java strings.
  CHECK(run("RETURN '\\uD83D\\uDE00' AS s").rows.at(0).at(0).as<std::string>() == "\xF0\x9F\x98\x80");
  CHECK(run("RETURN '\\u4E2D'").rows.at(0).at(0).as<std::string>() == "中");
  // Query text that is not UTF-8 is refused where it goes wrong.
  auto bad = error_of(std::string("RETURN 'a\xFF'"));
  CHECK(bad.code == "InvalidUnicodeLiteral");
  CHECK(bad.column == 10);
  // String functions count characters, so they never cut one in half.
  CHECK(run("RETURN substring('凤凰县人民医院', 1, 2)").rows.at(0).at(0).as<std::string>() == "凰县");
  CHECK(run("RETURN left('凤凰县', 2), right('凤凰县', 2)").rows.at(0).at(0).as<std::string>() == "凤凰");
  CHECK(run("RETURN right('凤凰县', 2)").rows.at(0).at(0).as<std::string>() == "凰县");
  CHECK(run("RETURN reverse('中文ab')").rows.at(0).at(0).as<std::string>() == "ba文中");
  // Bytes that are not UTF-8 (from a parameter, say) become U+FFFD in JSON and in the graph.
  graph::Graph h;
  Params params{{"s", Value(std::string("ok\xC3"))}};
  auto r = run_query(h, "CREATE (n:X {s: $s}) RETURN n.s AS s, $s AS raw", params);
  FormatOptions json;
  json.format = Format::Json;
  auto text = format_result(h, r, json);
  CHECK_FALSE(first_invalid_utf8(text));
  CHECK_THAT(text, Catch::Contains("ok\xEF\xBF\xBD"));
  CHECK(r.rows.at(0).at(0).as<std::string>() == "ok\xEF\xBF\xBD");
}

TEST_CASE("[*$n]: a parameter as a variable-length bound gets a clear error", "[reliability]") {
  for (const auto& q : {"MATCH (a)-[*$n]->(b) RETURN a", "MATCH (a)-[*1..$n]->(b) RETURN a",
                        "MATCH (a)-[*..$n]->(b) RETURN a"}) {
    INFO(q);
    auto e = error_of(q);
    CHECK(e.kind == QueryError::Kind::Syntax);
    CHECK_THAT(e.what(), Catch::Contains("variable-length bound"));
    CHECK_THAT(e.what(), Catch::Contains("parameter"));
  }
}

TEST_CASE("fuzz finding: a parameter name of digits followed by a Chinese character", "[reliability][fuzz]") {
  // X3's digit class called isdigit() on the first byte of 大 (a negative char): an assertion failure,
  // undefined behaviour in Release. fuzz/regressions/query_eval/ holds the input the fuzzer found.
  graph::Graph g;
  auto e = error_of(g, "RETURN $22222322222大学");
  CHECK(e.kind == QueryError::Kind::Syntax);
  Params params{{"12", Value(std::int64_t{5})}};
  CHECK(run_query(g, "RETURN $12 AS v", params).rows.at(0).at(0).as<std::int64_t>() == 5);
}

TEST_CASE("utf8 helpers", "[reliability][utf8]") {
  CHECK_FALSE(first_invalid_utf8("abc 中文 \xF0\x9F\x98\x80"));
  CHECK(first_invalid_utf8("ab\xED\xA0\x80") == 2u);  // an encoded surrogate
  CHECK(first_invalid_utf8("\xC0\xAF") == 0u);        // overlong
  CHECK(first_invalid_utf8("a\xE4\xB8") == 1u);       // cut short
  CHECK(replace_invalid_utf8("a\xFF" "b\xE4\xB8") == "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
}

TEST_CASE("fuzz finding: nested index brackets are parsed once per level", "[reliability][fuzz]") {
  // Trying a slice a[i..j] and, failing, an index a[i] parsed i twice at every level: a[a[a[…]]] 40 deep
  // took 2^40 steps (the fuzzer's input ran past two minutes). The bracket's bound is now read once.
  graph::Graph g;
  std::string nested = "0";
  for (int i = 0; i < 40; ++i) nested = "x[" + nested + "]";
  auto r = run_query(g, "WITH [0] AS x RETURN " + nested + " AS v");
  CHECK(r.rows.at(0).at(0).as<std::int64_t>() == 0);
  std::string slices = "0";
  for (int i = 0; i < 40; ++i) slices = "x[" + slices + "..1][0]";
  CHECK(run_query(g, "WITH [0] AS x RETURN " + slices + " AS v").rows.at(0).at(0).as<std::int64_t>() == 0);
  CHECK(error_of(g, "RETURN [1,2][]").kind == QueryError::Kind::Syntax);
}
