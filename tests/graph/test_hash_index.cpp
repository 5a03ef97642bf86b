// The compact name and id indexes: lookups agree with a plain reference model through inserts, erasures
// and growth, and sparse saved ids load without a table sized by the largest id.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "graph/graph.hpp"
#include "graph/hash_index.hpp"
#include "graph/storage.hpp"

using namespace bangfu::graph;

namespace {
std::vector<std::uint32_t> values(const HashIndex& index, std::uint32_t hash) {
  std::vector<std::uint32_t> out;
  index.for_each(hash, [&](std::uint32_t v) {
    out.push_back(v);
    return true;
  });
  return out;
}
}  // namespace

TEST_CASE("hash index entries with one hash come back oldest first, through growth and erasure", "[graph][index]") {
  HashIndex index;
  // Few distinct hashes and many entries: long probe runs that wrap around the table end.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> model;
  std::mt19937 rng(7);
  for (std::uint32_t i = 0; i < 5000; ++i) {
    std::uint32_t h = rng() % 13 == 0 ? UINT32_MAX - (rng() % 3) : rng() % 40;
    index.insert(h, i);
    model.emplace_back(h, i);
    if (i % 3 == 2) {  // erase a random earlier entry
      auto victim = model[rng() % model.size()];
      REQUIRE(index.erase(victim.first, victim.second));
      model.erase(std::find(model.begin(), model.end(), victim));
    }
  }
  REQUIRE(index.size() == model.size());
  for (std::uint32_t h : {0u, 1u, 39u, UINT32_MAX, UINT32_MAX - 2, 12345u}) {
    std::vector<std::uint32_t> expected;
    for (const auto& [mh, v] : model)
      if (mh == h) expected.push_back(v);
    CHECK(values(index, h) == expected);
  }
  CHECK_FALSE(index.erase(12345u, 1));
  CHECK_FALSE(index.contains(0u, 999999));
}

TEST_CASE("hash index reserve keeps entries and order", "[graph][index]") {
  HashIndex index;
  for (std::uint32_t i = 0; i < 100; ++i) index.insert(i % 5, i);
  index.reserve(100000);
  CHECK(values(index, 3) == std::vector<std::uint32_t>{3, 8, 13, 18, 23, 28, 33, 38, 43, 48, 53, 58, 63, 68, 73,
                                                        78, 83, 88, 93, 98});
  CHECK_THROWS_AS(index.insert(1, HashIndex::kEmpty), std::length_error);
}

TEST_CASE("renamed nodes are found by their new name only, aliases stay", "[graph][index]") {
  Graph g;
  auto a = g.add_node({"Hospital"}, {{"name", PropValue("东川市第一医院")}});
  g.add_alias(a, "市一院");
  auto b = g.add_node({"Hospital"}, {{"name", PropValue("西岭县医院")}});
  g.add_alias(b, "市一院");
  g.set_node_property(a, "name", PropValue("东川市第一人民医院"));
  CHECK(g.find("东川市第一医院").empty());
  CHECK(g.find_canonical("东川市第一人民医院") == a);
  CHECK(g.find("市一院") == std::vector<Graph::Vertex>{a, b});
  // A name that is also one of the node's aliases stays findable after the node is renamed again.
  g.set_node_property(b, "name", PropValue("市一院"));
  g.set_node_property(b, "name", PropValue("西岭县人民医院"));
  CHECK(g.find("市一院") == std::vector<Graph::Vertex>{a, b});
  CHECK_FALSE(g.find_canonical("市一院"));
}

TEST_CASE("many nodes: every name, alias and id resolves after growth and document removal", "[graph][index]") {
  Graph g;
  DocumentInfo keep, drop;
  keep.id = "keep.txt";
  drop.id = "drop.txt";
  g.add_document(keep);
  g.add_document(drop);
  for (int i = 0; i < 3000; ++i)
    g.upsert_entity("单位" + std::to_string(i), EntityType::Organization, {"简称" + std::to_string(i % 100)},
                    i % 2 ? "drop.txt" : "keep.txt");
  g.remove_document("drop.txt");
  REQUIRE(g.node_count() == 1500);
  for (int i = 0; i < 3000; ++i) {
    auto v = g.find_canonical("单位" + std::to_string(i));
    REQUIRE(v.has_value() == (i % 2 == 0));
    if (v) CHECK(g.vertex_by_id(g.node(*v).id) == v);
  }
  CHECK(g.find("简称7").empty());            // only odd units carried it
  CHECK(g.find("简称8").size() == 30);       // 8, 108, ..., 2908
  CHECK_FALSE(g.vertex_by_id(1));            // unit 1 was dropped; ids are never reused
}

TEST_CASE("a saved graph with very sparse ids loads and keeps them", "[graph][storage][index]") {
  std::string text =
      "{\"format\":\"bangfu-graph\",\"version\":1,\"next_node_id\":4000000000,\"next_edge_id\":3900000001,"
      "\"labels\":[\"Thing\"],\"types\":[\"R\"],\"nodes\":[{\"id\":3999999999,\"name\":\"甲\"},{\"id\":7,\"name\":\"乙\"}],"
      "\"edges\":[{\"id\":3900000000,\"src\":7,\"dst\":3999999999,\"type\":0},{\"id\":5,\"src\":3999999999,\"dst\":7,\"type\":0}]}";
  Graph g = graph_from_json(text);
  REQUIRE(g.edge_count() == 2);
  auto a = g.vertex_by_id(3999999999u), b = g.vertex_by_id(7);
  REQUIRE(a);
  REQUIRE(b);
  CHECK(g.node(*a).name == "甲");
  CHECK(g.out_degree(*b) == 1);
  CHECK(g.in_degree(*b) == 1);
  CHECK(g.next_node_id() == 4000000000u);
  std::string dup = text;
  dup.replace(dup.find("\"id\":5,"), 7, "\"id\":3900000000,");
  CHECK_THROWS_WITH(graph_from_json(dup), Catch::Contains("edge #1") && Catch::Contains("duplicate id 3900000000"));
}

TEST_CASE("a copied graph keeps its edges and indexes", "[graph][index]") {
  Graph g;
  auto a = g.add_node({"Hospital"}, {{"name", PropValue("甲医院")}});
  auto b = g.add_node({"Hospital"}, {{"name", PropValue("乙医院")}});
  g.add_edge(a, b, "supports", {{"note", PropValue("x")}});
  Graph copy = g;
  g.add_edge(b, a, "supports");
  CHECK(copy.edge_count() == 1);
  CHECK(copy.find_canonical("乙医院") == b);
  auto e = copy.find_edge(a, b, *copy.find_type("supports"));
  REQUIRE(e);
  CHECK(copy.edge_property(*e, "note") == PropValue("x"));
}
