// The TCK value notation: parsing, and comparison with hand-made engine values.
#include <catch2/catch.hpp>

#include <cmath>

#include "tck/match.hpp"
#include "tck/value.hpp"

using namespace bangfu;
using query::Value;
using tck::parse_tck_value;

TEST_CASE("scalars parse with their types", "[tck][value]") {
  CHECK(parse_tck_value("null").is<std::monostate>());
  CHECK(parse_tck_value("true").as<bool>());
  CHECK_FALSE(parse_tck_value(" false ").as<bool>());
  CHECK(parse_tck_value("-5").as<std::int64_t>() == -5);
  CHECK(parse_tck_value("1.0").is<double>());
  CHECK(parse_tck_value("-1.5e3").as<double>() == -1500.0);
  CHECK(parse_tck_value(".5").as<double>() == 0.5);
  CHECK(std::isnan(parse_tck_value("NaN").as<double>()));
  CHECK(parse_tck_value("'it\\'s'").as<std::string>() == "it's");
  CHECK(parse_tck_value("'中文'").as<std::string>() == "中文");
}

TEST_CASE("structures parse", "[tck][value]") {
  auto list = parse_tck_value("[1, [2, 'x'], {}]").as<tck::TckList>();
  REQUIRE(list.size() == 3);
  CHECK(list[1].as<tck::TckList>()[1].as<std::string>() == "x");
  CHECK(list[2].as<tck::TckMap>().empty());
  auto map = parse_tck_value("{k: 1, `odd key`: null}").as<tck::TckMap>();
  REQUIRE(map.size() == 2);
  CHECK(map[1].first == "odd key");
  auto node = parse_tck_value("(:A:B {name: 'a', n: 2})").as<tck::TckNode>();
  CHECK(node.labels == std::vector<std::string>{"A", "B"});
  CHECK(node.props.size() == 2);
  CHECK(parse_tck_value("()").as<tck::TckNode>().labels.empty());
  auto rel = parse_tck_value("[:T {k: 1}]").as<tck::TckRel>();
  CHECK(rel.type == "T");
  auto path = parse_tck_value("<(:A)-[:T1]->(:B)<-[:T2]-({name: 'c'})>").as<tck::TckPath>();
  CHECK(path.nodes.size() == 3);
  CHECK(path.forward == std::vector<bool>{true, false});
  CHECK(parse_tck_value("<()>").as<tck::TckPath>().rels.empty());
  CHECK(parse_tck_value("[[:T]]").as<tck::TckList>()[0].is<tck::TckRel>());
}

TEST_CASE("malformed notation is an error naming the column", "[tck][value]") {
  CHECK_THROWS_WITH(parse_tck_value("[1, 2"), Catch::Contains("column 6"));
  CHECK_THROWS_AS(parse_tck_value("'open"), tck::TckSyntaxError);
  CHECK_THROWS_AS(parse_tck_value("(:A"), tck::TckSyntaxError);
  CHECK_THROWS_AS(parse_tck_value("1 2"), tck::TckSyntaxError);
  CHECK_THROWS_AS(parse_tck_value("<(a)-[:T]-(b)>"), tck::TckSyntaxError);  // no direction
  CHECK_THROWS_AS(parse_tck_value(""), tck::TckSyntaxError);
}

TEST_CASE("comparison with engine values", "[tck][value]") {
  graph::Graph g;
  auto a = g.add_node({"A"}, {{"name", "a"}});
  auto b = g.add_node({"B", "C"}, {{"name", "b"}, {"n", 1}});
  auto e = g.add_edge(a, b, "T", {{"k", 1}});
  auto m = [&](const char* text, const Value& v) { return tck::matches(parse_tck_value(text), v, g); };

  CHECK(m("null", Value()));
  CHECK_FALSE(m("null", Value(0)));
  CHECK(m("1", Value(1)));
  CHECK_FALSE(m("1", Value(1.0)));  // integer and float differ in Cypher
  CHECK(m("0.1", Value(0.1)));
  CHECK(m("NaN", Value(std::nan(""))));
  CHECK(m("'a'", Value("a")));
  CHECK_FALSE(m("'a'", Value("b")));
  CHECK(m("[1, 2]", Value(query::List{1, 2})));
  CHECK_FALSE(m("[2, 1]", Value(query::List{1, 2})));
  CHECK(tck::matches(parse_tck_value("[2, 1]"), Value(query::List{1, 2}), g, {true}));
  CHECK_FALSE(tck::matches(parse_tck_value("[1, 1]"), Value(query::List{1, 2}), g, {true}));
  CHECK(m("{k: 1, l: 'x'}", Value(query::Map{{"l", "x"}, {"k", 1}})));
  CHECK_FALSE(m("{k: 1}", Value(query::Map{{"k", 1}, {"l", Value()}})));

  CHECK(m("(:A {name: 'a'})", Value(query::NodeRef{a})));
  CHECK(m("(:C:B {n: 1, name: 'b'})", Value(query::NodeRef{b})));  // label and key order do not matter
  CHECK_FALSE(m("(:B {name: 'b', n: 1})", Value(query::NodeRef{b})));  // a label missing
  CHECK_FALSE(m("(:A)", Value(query::NodeRef{a})));                    // a property missing
  CHECK_FALSE(m("(:A {name: 'a'})", Value("a")));
  CHECK(m("[:T {k: 1}]", Value(query::RelRef{e})));
  CHECK_FALSE(m("[:U {k: 1}]", Value(query::RelRef{e})));
  CHECK_FALSE(m("[:T]", Value(query::RelRef{e})));

  query::PathValue forward{{a, b}, {e}};
  query::PathValue backward{{b, a}, {e}};
  CHECK(m("<(:A {name: 'a'})-[:T {k: 1}]->(:B:C {name: 'b', n: 1})>", Value(forward)));
  CHECK_FALSE(m("<(:A {name: 'a'})<-[:T {k: 1}]-(:B:C {name: 'b', n: 1})>", Value(forward)));
  CHECK(m("<(:B:C {name: 'b', n: 1})<-[:T {k: 1}]-(:A {name: 'a'})>", Value(backward)));
  CHECK(m("[[:T {k: 1}]]", Value(query::List{Value(query::RelRef{e})})));
}

TEST_CASE("parameters convert to engine values", "[tck][value]") {
  auto v = tck::to_query_value(parse_tck_value("{a: [1, 'x'], b: null}"));
  REQUIRE(v.is<query::Map>());
  CHECK(v.as<query::Map>()[0].second.as<query::List>()[1].as<std::string>() == "x");
  CHECK_THROWS_AS(tck::to_query_value(parse_tck_value("(:A)")), tck::TckSyntaxError);
}
