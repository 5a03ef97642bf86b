// Evaluation over a small invented support graph: who supports whom, multi-hop, shortest paths,
// aggregates, ordering, null semantics and Chinese aliases.
#include <catch2/catch.hpp>

#include "query_test_util.hpp"

using namespace bangfu;
using namespace bangfu::query;
using bangfu::query::test::integer;
using bangfu::query::test::strings;
using bangfu::query::test::support_graph;
using Strings = std::vector<std::string>;

TEST_CASE("one hop: who does a hospital support", "[eval]") {
  auto g = support_graph();
  auto r = run_query(g, "MATCH (a {name: '东岳省人民医院'})-[:supports]->(b) RETURN b.name");
  CHECK(r.columns == Strings{"b.name"});
  CHECK(strings(r) == Strings{"西川县人民医院"});
  r = run_query(g, "MATCH (a)<-[r:supports]-(b:Hospital) WHERE r.since < 2020 RETURN a.name, r.mode");
  CHECK(strings(r) == Strings{"西川县人民医院"});
  CHECK(strings(r, 1) == Strings{"托管"});
}

TEST_CASE("direction, undirected and several types", "[eval]") {
  auto g = support_graph();
  auto r = run_query(g, "MATCH ({name: '西川县人民医院'})--(x) RETURN x.name ORDER BY x.name");
  CHECK(r.rows.size() == 5);
  r = run_query(g, "MATCH ({name: '西川县人民医院'})-->(x) RETURN x.name ORDER BY x.name");
  CHECK(strings(r) == Strings{"西川县", "西川县石桥镇卫生院"});
  r = run_query(g, "MATCH ({name: '西川县人民医院'})<-[:supports|co_builds]-(x) RETURN x.name ORDER BY x.name");
  CHECK(strings(r) == Strings{"东岳省人民医院", "南湖大学附属医院"});
}

TEST_CASE("multi-hop: variable length and reachability", "[eval]") {
  auto g = support_graph();
  auto r = run_query(g, "MATCH (a {name: '东岳省人民医院'})-[:supports*1..3]->(b) RETURN b.name ORDER BY b.name");
  CHECK(strings(r) == Strings{"西川县人民医院", "西川县石桥镇卫生院"});
  r = run_query(g, "MATCH (a {name: '东岳省人民医院'})-[*1..2]->(b) RETURN count(DISTINCT b) AS n, count(*) AS paths");
  // one hop: 西川县人民医院, 李明, 南湖大学附属医院; two hops add 卫生院 and 西川县, and reach 西川县人民医院 twice more.
  CHECK(integer(r, 0, 0) == 5);
  CHECK(integer(r, 0, 1) == 7);
  r = run_query(g, "MATCH p = ({name: '东岳省人民医院'})-[rs:supports*2]->(c) RETURN c.name, length(p), size(rs)");
  CHECK(strings(r) == Strings{"西川县石桥镇卫生院"});
  CHECK(integer(r, 0, 1) == 2);
  CHECK(integer(r, 0, 2) == 2);
  // Zero-length: the start node itself.
  r = run_query(g, "MATCH ({name: '李明'})-[*0..0]-(x) RETURN x.name");
  CHECK(strings(r) == Strings{"李明"});
}

TEST_CASE("a relationship is used at most once per MATCH", "[eval]") {
  graph::Graph g;
  run_query(g, "CREATE (a {name: 'a'})-[:T]->(b {name: 'b'})");
  // Without isomorphism a-b-a would come back along the same edge.
  auto r = run_query(g, "MATCH ({name: 'a'})-[*2]-(x) RETURN x");
  CHECK(r.rows.empty());
  r = run_query(g, "MATCH (x)--(y), (y)--(z) RETURN x");
  CHECK(r.rows.empty());
}

TEST_CASE("shortestPath and allShortestPaths", "[eval]") {
  auto g = support_graph();
  auto r = run_query(g,
                     "MATCH (a {name: '东岳省人民医院'}), (b {name: '西川县石桥镇卫生院'}) "
                     "MATCH p = shortestPath((a)-[*]->(b)) RETURN length(p), nodes(p)");
  REQUIRE(r.rows.size() == 1);
  CHECK(integer(r) == 2);
  const auto& nodes = r.rows[0][1].as<List>();
  REQUIRE(nodes.size() == 3);
  CHECK(g.node(nodes[1].as<NodeRef>().v).name == "西川县人民医院");
  // Two routes of length 2 from the big hospital to the county hospital: via the expert and via the
  // university partner; a direct edge makes the shortest of length 1.
  r = run_query(g, "MATCH p = allShortestPaths(({name: '东岳省人民医院'})-[*]->({name: '西川县'})) RETURN length(p)");
  REQUIRE(r.rows.size() == 1);
  CHECK(integer(r) == 2);
  r = run_query(g,
                "MATCH p = allShortestPaths(({name: '李明'})-[*]-({name: '南湖大学附属医院'})) "
                "RETURN length(p) ORDER BY length(p)");
  CHECK(r.rows.size() == 2);
  CHECK(integer(r) == 2);
  r = run_query(g, "MATCH p = shortestPath(({name: '西川县'})-[*]->({name: '东岳省'})) RETURN p");
  CHECK(r.rows.empty());
}

TEST_CASE("aggregates group by the other items", "[eval]") {
  auto g = support_graph();
  auto r = run_query(g,
                     "MATCH (a)-[r]->(b) RETURN type(r) AS t, count(*) AS n, collect(b.name) AS names "
                     "ORDER BY n DESC, t");
  REQUIRE(r.rows.size() == 6);
  CHECK(strings(r)[0] == "supports");
  CHECK(integer(r, 0, 1) == 3);
  CHECK(r.rows[0][2].as<List>().size() == 3);
  r = run_query(g, "MATCH ()-[r:supports]->() RETURN min(r.since), max(r.since), sum(r.since), avg(r.since)");
  CHECK(integer(r, 0, 0) == 2019);
  CHECK(integer(r, 0, 1) == 2022);
  CHECK(integer(r, 0, 2) == 2019 + 2021 + 2022);
  CHECK(r.rows[0][3].as<double>() == Approx((2019 + 2021 + 2022) / 3.0));
  r = run_query(g, "MATCH (n:Village) RETURN count(n), collect(n), sum(n.x), max(n.x)");
  CHECK(integer(r) == 0);
  CHECK(r.rows[0][1].as<List>().empty());
  CHECK(integer(r, 0, 2) == 0);
  CHECK(r.rows[0][3].is_null());
}

TEST_CASE("ORDER BY, SKIP and LIMIT", "[eval]") {
  auto g = support_graph();
  auto r = run_query(g, "MATCH (n:Hospital) RETURN n.name ORDER BY n.name DESC SKIP 1 LIMIT 1");
  CHECK(strings(r) == Strings{"南湖大学附属医院"});
  r = run_query(g, "MATCH (n) RETURN n.name AS name ORDER BY size(name), name LIMIT 2");
  CHECK(strings(r) == Strings{"李明", "东岳省"});
  // Mixed types order as Cypher does: strings before booleans before numbers, nulls last.
  r = run_query(g, "UNWIND [3, null, 'b', true, 1.5, 'a'] AS x RETURN x ORDER BY x");
  REQUIRE(r.rows.size() == 6);
  CHECK(r.rows[0][0].as<std::string>() == "a");
  CHECK(r.rows[2][0].as<bool>());
  CHECK(r.rows[3][0].as<double>() == 1.5);
  CHECK(r.rows[5][0].is_null());
  r = run_query(g, "MATCH (n) RETURN n LIMIT 0");
  CHECK(r.rows.empty());
}

TEST_CASE("null semantics", "[eval]") {
  graph::Graph g;
  auto r = run_query(g, "RETURN null = null, null <> 1, 1 IN [null, 2], 2 IN [null, 2], null AND false, "
                        "null OR true, NOT null, [1, null] = [1, null], [1, 2] = [3, null], 1 = 1.0, 'a' < 1");
  const auto& row = r.rows.at(0);
  CHECK(row[0].is_null());
  CHECK(row[1].is_null());
  CHECK(row[2].is_null());
  CHECK(row[3].as<bool>());
  CHECK(row[4].as<bool>() == false);
  CHECK(row[5].as<bool>());
  CHECK(row[6].is_null());
  CHECK(row[7].is_null());
  CHECK(row[8].as<bool>() == false);
  CHECK(row[9].as<bool>());
  CHECK(row[10].is_null());
  auto s = support_graph();
  // WHERE keeps only true: rows whose property is missing are dropped by both the test and its negation.
  auto with = run_query(s, "MATCH ()-[r]->() WHERE r.since > 2020 RETURN count(*)");
  auto without = run_query(s, "MATCH ()-[r]->() WHERE NOT r.since > 2020 RETURN count(*)");
  CHECK(integer(with) == 2);
  CHECK(integer(without) == 1);
}

TEST_CASE("expressions and functions", "[eval]") {
  graph::Graph g;
  auto r = run_query(g,
                     "RETURN 7 / 2, 7 % 3, 2 ^ 3, -(1 + 2), 'a' + 'b', [1] + [2, 3], size('医院'), "
                     "toInteger('42'), toString(3.0), coalesce(null, 'x'), head([4, 5]), last([4, 5]), abs(-3), "
                     "[1, 2, 3][-1], 'abc' STARTS WITH 'a', 'abc' CONTAINS 'z', "
                     "CASE WHEN 1 > 2 THEN 'x' ELSE 'y' END");
  const auto& row = r.rows.at(0);
  CHECK(row[0].as<std::int64_t>() == 3);
  CHECK(row[1].as<std::int64_t>() == 1);
  CHECK(row[2].as<double>() == 8.0);
  CHECK(row[3].as<std::int64_t>() == -3);
  CHECK(row[4].as<std::string>() == "ab");
  CHECK(row[5].as<List>().size() == 3);
  CHECK(row[6].as<std::int64_t>() == 2);
  CHECK(row[7].as<std::int64_t>() == 42);
  CHECK(row[8].as<std::string>() == "3.0");
  CHECK(row[9].as<std::string>() == "x");
  CHECK(row[10].as<std::int64_t>() == 4);
  CHECK(row[11].as<std::int64_t>() == 5);
  CHECK(row[12].as<std::int64_t>() == 3);
  CHECK(row[13].as<std::int64_t>() == 3);
  CHECK(row[14].as<bool>());
  CHECK(row[15].as<bool>() == false);
  CHECK(row[16].as<std::string>() == "y");
}

TEST_CASE("id, type, labels, properties and parameters", "[eval]") {
  auto g = support_graph();
  Params params{{"who", Value("李明")}};
  auto r = run_query(g, "MATCH (p {name: $who})-[r]->(h) RETURN labels(p), type(r), r.role, properties(r), id(p)",
                     params);
  REQUIRE(r.rows.size() == 1);
  CHECK(r.rows[0][0].as<List>()[0].as<std::string>() == "Person");
  CHECK(r.rows[0][1].as<std::string>() == "serves_as");
  CHECK(r.rows[0][2].as<std::string>() == "副院长");
  CHECK(r.rows[0][3].as<Map>().size() == 1);
  CHECK(r.rows[0][4].as<std::int64_t>() == 6);
  // Aliases are names too: the index lookup must not confuse them with the canonical name.
  r = run_query(g, "MATCH (h {name: '东岳省医'}) RETURN h");
  CHECK(r.rows.empty());
  r = run_query(g, "MATCH (h) WHERE '东岳省医' IN h.aliases RETURN h.name");
  CHECK(strings(r) == Strings{"东岳省人民医院"});
}

TEST_CASE("Chinese aliases for relationship types and labels", "[eval]") {
  auto g = support_graph();
  auto english = run_query(g, "MATCH (a:Hospital)-[:supports]->(b:Hospital) RETURN a.name, b.name");
  auto chinese = run_query(g, "MATCH (a:医院)-[:帮扶]->(b:`医院`) RETURN a.name, b.name");
  CHECK(chinese.rows.size() == 1);
  CHECK(strings(chinese) == strings(english));
  auto r = run_query(g, "MATCH (a:省)-[:对口支援]->(b:县) RETURN b.name");
  CHECK(strings(r) == Strings{"西川县"});
  r = run_query(g, "MATCH (p:人物)-[:担任 {role: '副院长'}]->(h) RETURN h.name");
  CHECK(strings(r) == Strings{"西川县人民医院"});
  r = run_query(g, "MATCH (x:卫生院)<-[:支援|共建]-(y) RETURN y.name");
  CHECK(strings(r) == Strings{"西川县人民医院"});
  r = run_query(g, "MATCH (n) WHERE n:医院 RETURN count(n)");
  CHECK(integer(r) == 3);
  r = run_query(g, "MATCH (医院:医院)-[关系:派驻]->(专家) RETURN 专家.name AS 姓名");
  CHECK(r.columns == Strings{"姓名"});
  CHECK(strings(r) == Strings{"李明"});
}

TEST_CASE("CREATE adds nodes and relationships and binds them", "[eval]") {
  graph::Graph g;
  auto r = run_query(g, "CREATE (a:医院 {name: '甲医院', beds: 300})-[s:帮扶 {since: 2023}]->(b:Hospital {name: '乙医院'}) "
                        "RETURN a.name, type(s), labels(b)");
  CHECK(r.stats.nodes_created == 2);
  CHECK(r.stats.relationships_created == 1);
  CHECK(r.stats.properties_set == 4);
  CHECK(r.stats.labels_added == 1);
  CHECK(strings(r) == Strings{"甲医院"});
  CHECK(r.rows[0][1].as<std::string>() == "supports");
  CHECK(g.find_canonical("甲医院").has_value());
  r = run_query(g, "MATCH (a {name: '甲医院'}), (b {name: '乙医院'}) CREATE (b)-[:partners_with]->(a)");
  CHECK(r.stats.relationships_created == 1);
  r = run_query(g, "MATCH (a)-[:partners_with]->(b) RETURN a.name, b.beds");
  CHECK(strings(r) == Strings{"乙医院"});
  CHECK(integer(r, 0, 1) == 300);
  r = run_query(g, "UNWIND range(1, 3) AS i CREATE (:Person {n: i})");
  CHECK(r.stats.nodes_created == 3);
  CHECK(integer(run_query(g, "MATCH (p:人) RETURN sum(p.n)")) == 6);
}

TEST_CASE("WITH, OPTIONAL MATCH and DISTINCT", "[eval]") {
  auto g = support_graph();
  auto r = run_query(g,
                     "MATCH (h:Hospital) OPTIONAL MATCH (h)-[:supports]->(x) "
                     "WITH h, count(x) AS n WHERE n = 0 RETURN h.name");
  CHECK(strings(r) == Strings{"南湖大学附属医院"});
  r = run_query(g, "MATCH (a)-->(b) RETURN DISTINCT labels(a) AS l ORDER BY l");
  CHECK(r.rows.size() == 3);
}
