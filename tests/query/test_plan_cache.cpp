// Plan cache: a statement run again reuses its plan, and the answers still follow the graph.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>

#include "query/aliases.hpp"
#include "query/engine.hpp"
#include "query/plan_cache.hpp"
#include "query_test_util.hpp"

using namespace bangfu;
using namespace bangfu::query;
using namespace bangfu::query::test;

namespace {

std::int64_t count_of(graph::Graph& g, const std::string& q, const Params& p = {}) { return integer(run_query(g, q, p)); }

}  // namespace

TEST_CASE("plan cache: the second run of a text is a hit with the same answer", "[plancache]") {
  auto g = support_graph();
  const std::string q = "MATCH (a {name: '东岳省人民医院'})-[:supports*1..2]->(b) RETURN count(DISTINCT b) AS plancache_hit";
  auto before = plan_cache().stats();
  auto first = run_query(g, q);
  auto second = run_query(g, q);
  auto after = plan_cache().stats();
  CHECK(after.misses == before.misses + 1);
  CHECK(after.hits == before.hits + 1);
  REQUIRE(first.columns == std::vector<std::string>{"plancache_hit"});
  CHECK(second.columns == first.columns);
  CHECK(integer(first) == 2);
  CHECK(integer(second) == 2);
  QueryOptions fresh;
  fresh.plan_cache = false;
  CHECK(integer(run_query(g, q, {}, fresh)) == 2);
  CHECK(plan_cache().stats().hits == after.hits);  // plan_cache = false bypasses the cache
}

TEST_CASE("plan cache: a cached reach sees relationships and types CREATE adds later", "[plancache]") {
  auto g = support_graph();
  // `mentors` is a type the graph has never seen: the first run finds the filter impossible.
  const std::string reach = "MATCH (a {name: '西川县人民医院'})-[:mentors*1..3]->(b) RETURN count(DISTINCT b)";
  const std::string one_hop = "MATCH (a {name: '西川县人民医院'})-[:mentors]->(b) RETURN count(b)";
  CHECK(count_of(g, reach) == 0);
  CHECK(count_of(g, one_hop) == 0);
  run_query(g, "MATCH (a {name: '西川县人民医院'}), (b {name: '西川县石桥镇卫生院'}) CREATE (a)-[:mentors]->(b)");
  CHECK(count_of(g, reach) == 1);
  CHECK(count_of(g, one_hop) == 1);
  run_query(g, "MATCH (b {name: '西川县石桥镇卫生院'}) CREATE (b)-[:mentors]->(:Clinic {name: '新村卫生室'})");
  CHECK(count_of(g, reach) == 2);
  CHECK(count_of(g, one_hop) == 1);
}

TEST_CASE("plan cache: a cached plan sees labels and names that CREATE and SET change", "[plancache]") {
  auto g = support_graph();
  const std::string labelled = "MATCH (n:Mobile_Team) RETURN count(n)";
  const std::string named = "MATCH (n {name: '巡回医疗队'}) RETURN count(n)";
  const std::string reach = "MATCH (a {name: '东岳省人民医院'})-[*1..2]->(b:Mobile_Team) RETURN count(DISTINCT b)";
  CHECK(count_of(g, labelled) == 0);
  CHECK(count_of(g, named) == 0);
  CHECK(count_of(g, reach) == 0);
  run_query(g, "CREATE (:Mobile_Team {name: '巡回医疗队'})");
  CHECK(count_of(g, labelled) == 1);
  CHECK(count_of(g, named) == 1);
  run_query(g, "MATCH (n {name: '李明'}) SET n:Mobile_Team");
  CHECK(count_of(g, labelled) == 2);
  CHECK(count_of(g, reach) == 1);  // 东岳省人民医院 -dispatches-> 李明
  run_query(g, "MATCH (n {name: '巡回医疗队'}) SET n.name = '第二巡回医疗队'");
  CHECK(count_of(g, named) == 0);
  CHECK(count_of(g, labelled) == 2);
}

TEST_CASE("plan cache: one text, other graphs and other parameters", "[plancache]") {
  auto g = support_graph();
  graph::Graph empty;
  const std::string q = "MATCH (a {name: $from})-[:supports*1..3]->(b) RETURN count(DISTINCT b)";
  CHECK(count_of(g, q, {{"from", Value("东岳省人民医院")}}) == 2);
  CHECK(count_of(empty, q, {{"from", Value("东岳省人民医院")}}) == 0);
  CHECK(count_of(g, q, {{"from", Value("东岳省")}}) == 1);
  CHECK(count_of(g, q, {{"from", Value("西川县石桥镇卫生院")}}) == 0);
}

TEST_CASE("plan cache: errors are not cached, each run reports them", "[plancache]") {
  auto g = support_graph();
  for (int i = 0; i < 2; ++i) {
    CHECK_THROWS_AS(run_query(g, "MATCH (a)-[:supports]->(b RETURN b"), QueryError);
    CHECK_THROWS_AS(run_query(g, "MATCH (a) RETURN plancache_nowhere"), QueryError);
  }
}

TEST_CASE("plan cache: least recently used plans go first, long texts are not kept", "[plancache]") {
  PlanCache cache(2);
  auto a = cache.get("RETURN 1 AS a");
  cache.get("RETURN 2 AS b");
  CHECK(cache.get("RETURN 1 AS a") == a);  // a hit: the very same plan object
  cache.get("RETURN 3 AS c");              // evicts b, the least recently used
  auto s = cache.stats();
  CHECK(s.size == 2);
  CHECK(s.hits == 1);
  CHECK(s.misses == 3);
  CHECK(cache.get("RETURN 1 AS a") == a);
  cache.get("RETURN 2 AS b");
  CHECK(cache.stats().misses == 4);

  std::string long_text = "RETURN '" + std::string(PlanCache::kMaxText, 'x') + "' AS s";
  cache.get(long_text);
  cache.get(long_text);
  CHECK(cache.stats().hits == 2);
  CHECK(cache.stats().size == 2);
  cache.clear();
  CHECK(cache.stats().size == 0);
  CHECK_THROWS_AS(cache.get("RETURN"), QueryError);
  CHECK(cache.stats().size == 0);
}

TEST_CASE("plan cache: a new alias table binds cached texts again", "[plancache]") {
  auto g = support_graph();
  auto write = [](const std::string& name, const std::string& text) {
    std::string path = std::string(BANGFU_BINARY_DIR) + "/" + name;
    std::ofstream(path) << text;
    return path;
  };
  const std::string q = "MATCH ()-[:指点]->() RETURN count(*)";
  set_alias_file(write("plancache_aliases_a.tsv", "type\t指点\tsupports\n"));
  CHECK(count_of(g, q) == 3);
  CHECK(count_of(g, q) == 3);
  set_alias_file(write("plancache_aliases_b.tsv", "type\t指点\tdispatches\n"));
  CHECK(count_of(g, q) == 1);
  set_alias_file("");
  CHECK(count_of(g, q) == 0);  // the default table does not know the word
}
