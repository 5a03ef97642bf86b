// The property graph's knowledge-graph semantics: merging facts, symmetric relations, names, removal.
#include <catch2/catch.hpp>

#include "graph/graph.hpp"

using namespace bangfu::graph;

namespace {
Evidence ev(const std::string& doc, const std::string& sentence, std::uint32_t begin = 0) {
  return Evidence{doc, sentence, begin, begin + static_cast<std::uint32_t>(sentence.size()), "test", 0.9f};
}

void add_doc(Graph& g, const std::string& id) {
  DocumentInfo info;
  info.id = id;
  info.content_hash = "h-" + id;
  g.add_document(info);
}
}  // namespace

TEST_CASE("the same fact stated twice is one edge with weight 2 and two evidences", "[graph][model]") {
  Graph g;
  add_doc(g, "a.txt");
  add_doc(g, "b.txt");
  auto src = g.upsert_entity("江南省", EntityType::Province, {}, "a.txt");
  auto dst = g.upsert_entity("北岭县人民医院", EntityType::Hospital, {"县医院"}, "a.txt");
  auto e1 = g.upsert_relation(src, dst, RelType::supports, {}, ev("a.txt", "江南省对口支援北岭县人民医院。"));
  auto src2 = g.upsert_entity("江南省", EntityType::Province, {}, "b.txt");
  auto dst2 = g.upsert_entity("北岭县人民医院", EntityType::Hospital, {}, "b.txt");
  auto e2 = g.upsert_relation(src2, dst2, RelType::supports, {}, ev("b.txt", "江南省继续帮扶北岭县人民医院。"));
  CHECK(src == src2);
  CHECK(dst == dst2);
  CHECK(g.node_count() == 2);
  CHECK(g.edge_count() == 1);
  CHECK(g.edge(e1).id == g.edge(e2).id);
  CHECK(g.edge(e1).weight == 2);
  CHECK(g.evidence(e1).size() == 2);
  CHECK(g.edge_property(e1, "weight") == PropValue(2));

  // Re-adding an identical evidence does not inflate the weight.
  g.upsert_relation(src, dst, RelType::supports, {}, ev("a.txt", "江南省对口支援北岭县人民医院。"));
  CHECK(g.edge(e1).weight == 2);
}

TEST_CASE("a symmetric relation merges whichever way round it is stated", "[graph][model]") {
  Graph g;
  auto a = g.upsert_entity("东川市人民医院", EntityType::Hospital, {});
  auto b = g.upsert_entity("西海医科大学附属医院", EntityType::Hospital, {});
  g.upsert_relation(a, b, RelType::co_builds, {{"what", PropValue("区域医疗中心")}}, ev("a", "甲乙共建。"));
  g.upsert_relation(b, a, RelType::co_builds, {}, ev("b", "乙甲共建。"));
  CHECK(g.edge_count() == 1);
  // A directed relation does not merge with its reverse.
  g.upsert_relation(a, b, RelType::supports, {}, ev("a", "甲帮扶乙。"));
  g.upsert_relation(b, a, RelType::supports, {}, ev("a", "乙帮扶甲。"));
  CHECK(g.edge_count() == 3);
  auto e = g.find_edge(a, b, *g.find_type("co_builds"));
  REQUIRE(e);
  CHECK(g.edge(*e).weight == 2);
  CHECK(g.edge_property(*e, "what") == PropValue("区域医疗中心"));
}

TEST_CASE("nodes are found by canonical name first, then by alias", "[graph][model]") {
  Graph g;
  auto full = g.upsert_entity("南川省人民医院", EntityType::Hospital, {"省医院", "南川省医"});
  auto other = g.upsert_entity("省医院", EntityType::Hospital, {});
  auto hits = g.find("省医院");
  REQUIRE(hits.size() == 2);
  CHECK(hits[0] == other);  // canonical match comes first
  CHECK(hits[1] == full);
  CHECK(g.find("南川省医") == std::vector<Graph::Vertex>{full});
  CHECK(g.find_canonical("南川省医") == std::nullopt);
  CHECK(g.find("没有这个").empty());
  CHECK(g.entity_type(full) == EntityType::Hospital);
  CHECK(g.nodes_with_label(*g.find_label("Hospital")).size() == 2);
}

TEST_CASE("removing a document takes out its evidence, its edges and the nodes only it mentioned",
          "[graph][model]") {
  Graph g;
  add_doc(g, "a.txt");
  add_doc(g, "b.txt");
  auto p = g.upsert_entity("江南省", EntityType::Province, {}, "a.txt");
  auto h = g.upsert_entity("北岭县人民医院", EntityType::Hospital, {}, "a.txt");
  auto x = g.upsert_entity("王立新", EntityType::Person, {}, "a.txt");
  g.upsert_relation(p, h, RelType::supports, {}, ev("a.txt", "甲帮扶乙。"));
  g.upsert_relation(x, h, RelType::serves_as, {{"role", PropValue("副院长")}}, ev("a.txt", "王立新任副院长。"));
  g.upsert_entity("江南省", EntityType::Province, {}, "b.txt");
  g.upsert_entity("北岭县人民医院", EntityType::Hospital, {}, "b.txt");
  g.upsert_relation(p, h, RelType::supports, {}, ev("b.txt", "甲又帮扶乙。"));
  auto person_id = g.node(x).id;
  REQUIRE(g.edge_count() == 2);

  CHECK(g.remove_document("a.txt") == 1);  // serves_as had only a.txt's evidence
  CHECK(g.document("a.txt") == nullptr);
  CHECK(g.document("b.txt") != nullptr);
  CHECK(g.edge_count() == 1);
  CHECK(g.node_count() == 2);
  CHECK(!g.vertex_by_id(person_id));
  CHECK(g.find("王立新").empty());
  auto p2 = g.find_canonical("江南省");
  auto h2 = g.find_canonical("北岭县人民医院");
  REQUIRE(p2);
  REQUIRE(h2);
  auto e = g.find_edge(*p2, *h2, *g.find_type("supports"));
  REQUIRE(e);
  CHECK(g.edge(*e).weight == 1);
  CHECK(g.evidence(*e).front().doc == "b.txt");

  CHECK(g.remove_document("b.txt") == 1);
  CHECK(g.edge_count() == 0);
  CHECK(g.node_count() == 0);
  CHECK(g.remove_document("never-seen") == 0);
}

TEST_CASE("hand-made edges without evidence survive document removal", "[graph][model]") {
  Graph g;
  auto a = g.add_node({"Thing"}, {{"name", PropValue("甲")}});
  auto b = g.add_node({"Thing"}, {{"name", PropValue("乙")}});
  g.add_edge(a, b, "LINKS", {{"w", PropValue(3)}});
  g.remove_document("x");
  CHECK(g.edge_count() == 1);
  CHECK(g.node_count() == 2);
  CHECK(g.find_canonical("甲"));
}

TEST_CASE("an edge with evidence answers weight, evidence and docs as properties", "[graph][model]") {
  Graph g;
  auto a = g.upsert_entity("江南省", EntityType::Province, {});
  auto b = g.upsert_entity("东川市", EntityType::City, {});
  auto e = g.upsert_relation(a, b, RelType::supports, {}, ev("x.txt", "江南省帮扶东川市。"));
  g.upsert_relation(a, b, RelType::supports, {}, ev("y.txt", "江南省继续帮扶东川市。"));
  g.upsert_relation(a, b, RelType::supports, {}, ev("x.txt", "江南省又帮扶东川市。", 40));
  CHECK(g.edge_property(e, "weight") == PropValue(3));
  CHECK(g.edge_property(e, "evidence") == PropValue("江南省帮扶东川市。"));
  CHECK(g.edge_property(e, "docs") == PropValue(PropList{PropValue("x.txt"), PropValue("y.txt")}));
  CHECK(!find_property(g.edge_property_map(e), "evidence"));
  auto plain = g.add_edge(b, a, "LINKS");
  CHECK(g.edge_property(plain, "evidence").is_null());
  CHECK(g.edge_property(plain, "weight").is_null());
}
