// The streaming graph reader against the checked one: same graph from every file it takes, and it
// takes no file the checked reader refuses; files it leaves still load, and errors stay precise.
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <optional>
#include <string>

#include "graph/load_checked.hpp"
#include "graph/load_stream.hpp"
#include "graph/storage.hpp"
#include "tests/graph/test_util.hpp"

using namespace bangfu::graph;
using bangfu::testing::TempDir;
using bangfu::testing::write_file;

namespace {

// Everything a saved graph holds, including documents, aliases, nested property lists, odd doubles,
// integers at the edges of their ranges and evidences. No number in exponent form: rapidjson's
// full-precision parse of a zero with a large negative exponent ("0e-324", which the byte-replacing
// test below would make of "5e-324") reads uninitialised memory, in both readers alike.
Graph rich_graph() {
  Graph g;
  for (auto id : {"甲.txt", "乙.txt"}) {
    DocumentInfo info;
    info.id = id;
    info.content_hash = std::string("h-") + id;
    info.title = "标题\t\"引号\"\\反斜杠\n换行";
    info.url = "https://example.org/a?b=1&c=\u00e9";
    g.add_document(info);
  }
  auto p = g.upsert_entity("东川省", EntityType::Province, {"我省", "东川"}, "甲.txt");
  auto h = g.upsert_entity("西岭市第一人民医院", EntityType::Hospital, {"市一院"}, "乙.txt");
  g.upsert_entity("东川省", EntityType::Province, {}, "乙.txt");
  g.upsert_relation(p, h, RelType::supports, {{"what", PropValue("远程会诊")}},
                    {"甲.txt", "东川省支援西岭市第一人民医院。", 7, 52, "supports.active.assist", 0.1f});
  g.upsert_relation(p, h, RelType::supports, {}, {"乙.txt", "继续支援。", 0, 15, "supports.again", 1.0f / 3});
  auto t = g.add_node({"Thing", "Extra"},
                      {{"name", PropValue("手工")},
                       {"big", PropValue(std::numeric_limits<std::int64_t>::max())},
                       {"small", PropValue(std::numeric_limits<std::int64_t>::min())},
                       {"third", PropValue(1.0 / 3)},
                       {"negzero", PropValue(-0.0)},
                       {"inf", PropValue(std::numeric_limits<double>::infinity())},
                       {"nan", PropValue(std::nan(""))},
                       {"nested", PropValue(PropList{PropValue(), PropValue(PropList{PropValue(true), PropValue("x")}),
                                                     PropValue(PropList{})})},
                       {"empty", PropValue("")}});
  g.add_node({}, {});  // no labels, no name
  g.add_edge(t, p, "MENTIONS", {{"note", PropValue("手工边")}, {"n", PropValue(2.5)}});
  g.add_edge(t, t, "SELF");
  return g;
}

// Both readers on the same text. The checked one parses in place, so it gets a copy.
bool streamed(const std::string& text, Graph& g) { return load_stream(text.c_str(), text.size(), g); }

std::optional<std::string> checked(std::string text) {
  Graph g;
  try {
    load_checked(text.data(), text.size(), "<test>", g);
  } catch (const GraphError&) {
    return std::nullopt;
  }
  return graph_to_json(g);
}

}  // namespace

TEST_CASE("the streaming reader takes what save_graph writes and builds the same graph", "[graph][storage][stream]") {
  Graph g = rich_graph();
  auto hand = g.find_canonical("手工");
  REQUIRE(hand);
  g.set_node_property(*hand, "tiny", PropValue(5e-324));
  g.set_node_property(*hand, "huge", PropValue(1.7976931348623157e308));
  std::string text = graph_to_json(g);
  Graph back;
  REQUIRE(streamed(text, back));
  // The writer puts out every double to the last bit, so equal text means equal graphs.
  CHECK(graph_to_json(back) == text);
  CHECK(checked(text) == text);
  CHECK(back.next_node_id() == g.next_node_id());
  CHECK(back.next_edge_id() == g.next_edge_id());

  auto t = back.find_canonical("手工");
  REQUIRE(t);
  CHECK(back.node_property(*t, "big") == PropValue(std::numeric_limits<std::int64_t>::max()));
  CHECK(back.node_property(*t, "tiny") == PropValue(5e-324));
  CHECK(std::signbit(std::get<double>(back.node_property(*t, "negzero").v)));
  CHECK(back.find("东川").size() == 1);
  auto p = back.find_canonical("东川省");
  auto h = back.find_canonical("西岭市第一人民医院");
  REQUIRE(p);
  REQUIRE(h);
  CHECK(back.node(*p).docs.size() == 2);
  // Names and evidence texts take heap blocks of their own size (memory per node and per evidence).
  CHECK(back.node(*h).name.capacity() == back.node(*h).name.size());
  auto e = back.find_edge(*p, *h, *back.find_type("supports"));
  REQUIRE(e);
  CHECK(back.edge(*e).weight == 2);
  CHECK(back.evidence(*e).at(1).confidence == 1.0f / 3);
  // Evidence texts are interned: the same rule id read again is the same symbol and stored copy.
  const auto& rule = back.evidence(*e).at(0).rule;
  CHECK(Symbol(rule.str()).id() == rule.id());
  CHECK(Text(rule.str()).stored() == rule.text().stored());
  CHECK(back.edge_property(*e, "what") == PropValue("远程会诊"));
  CHECK(back.out_degree(*t) == 2);
  CHECK(back.in_degree(*t) == 1);
}

TEST_CASE("the streaming reader skips keys it does not know, values and all", "[graph][storage][stream]") {
  std::string text =
      "{\"format\":\"bangfu-graph\",\"version\":1,\"written_by\":{\"tool\":[1,{\"x\":null}]},\"next_node_id\":2,"
      "\"next_edge_id\":1,\"labels\":[\"Thing\"],\"types\":[\"R\"],\"documents\":[{\"id\":\"d\",\"lang\":\"zh\"}],"
      "\"nodes\":[{\"id\":0,\"labels\":[0],\"name\":\"甲\",\"colour\":[[\"red\"]],\"docs\":[0]},{\"id\":1,\"note\":{}}],"
      "\"edges\":[{\"id\":0,\"src\":0,\"dst\":1,\"type\":0,\"since\":2020,"
      "\"evidence\":[{\"doc\":\"d\",\"sentence\":\"s\",\"page\":3}]}],\"trailer\":true}";
  Graph g;
  REQUIRE(streamed(text, g));
  CHECK(g.node_count() == 2);
  CHECK(g.edge_count() == 1);
  CHECK(g.evidence(*g.edges().begin()).at(0).sentence == "s");
  CHECK(checked(text) == graph_to_json(g));
}

TEST_CASE("files in another key order are left to the checked reader and still load", "[graph][storage][stream]") {
  std::string nodes = "\"nodes\":[{\"name\":\"甲\",\"id\":0,\"labels\":[0]},{\"id\":1}]";
  std::string edges = "\"edges\":[{\"type\":0,\"dst\":1,\"src\":0,\"id\":0}]";
  std::string header = "\"format\":\"bangfu-graph\",\"version\":1,\"next_node_id\":2,\"next_edge_id\":1";
  std::string tables = "\"labels\":[\"Thing\"],\"types\":[\"R\"]";
  std::string canonical = "{" + header + "," + tables + "," + nodes + "," + edges + "}";
  Graph reference;
  REQUIRE(streamed(canonical, reference));  // keys inside elements may come in any order
  for (const std::string& text : {"{" + tables + "," + header + "," + nodes + "," + edges + "}",
                                  "{" + header + "," + edges + "," + nodes + "," + tables + "}",
                                  "{" + header + "," + nodes + "," + tables + "," + edges + "}",
                                  "{" + nodes + "," + edges + "," + tables + "," + header + "}"}) {
    Graph g;
    CHECK_FALSE(streamed(text, g));
        CHECK(graph_to_json(graph_from_json(text)) == graph_to_json(reference));
  }
}

TEST_CASE("the streaming reader never takes a file the checked reader refuses", "[graph][storage][stream]") {
  // Every cut, every dropped byte and a handful of replaced bytes of a small saved graph: whenever the
  // streaming reader says yes, the checked reader must load the very same graph.
  std::string text = graph_to_json(rich_graph());
  std::size_t taken = 0, refused = 0;
  auto compare = [&](const std::string& variant) {
    Graph g;
    bool fast = false;
    try {
      fast = streamed(variant, g);
    } catch (const std::exception& e) {
      FAIL("the streaming reader threw: " << e.what());  // it gives up quietly instead
    }
    auto slow = checked(variant);
    if (fast) {
      ++taken;
      INFO(variant);
      REQUIRE(slow);
      CHECK(*slow == graph_to_json(g));
    } else if (!slow) {
      ++refused;
    }
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    compare(text.substr(0, i));
    compare(text.substr(0, i) + text.substr(i + 1));
    for (char c : {'0', '7', '-', '"', ',', '{', '[', 'n', ' '}) {
      if (text[i] == c) continue;
      std::string variant = text;
      variant[i] = c;
      compare(variant);
    }
  }
  CHECK(taken > 100);    // replaced digits and spaces still make graphs
  CHECK(refused > 1000);
}

TEST_CASE("damaged graph files name the file and the element", "[graph][storage][stream]") {
  TempDir dir;
  std::string path = dir.file("g.graph.json");
  std::string head = "{\"format\":\"bangfu-graph\",\"version\":1,\"next_node_id\":2,\"next_edge_id\":1,"
                     "\"labels\":[\"Thing\"],\"types\":[\"R\"],";
  std::string nodes = "\"nodes\":[{\"id\":0,\"labels\":[0]},{\"id\":1}],";
  auto error_of = [&](const std::string& text) {
    write_file(path, text);
    try {
      load_graph(path);
    } catch (const GraphError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  // Fields of the wrong type.
  CHECK_THAT(error_of(head + "\"nodes\":[{\"id\":0,\"name\":7}],\"edges\":[]}"),
             Catch::StartsWith(path) && Catch::Contains("node #0") && Catch::Contains("\"name\" must be a string"));
  CHECK_THAT(error_of(head + "\"nodes\":[{\"id\":0,\"aliases\":\"x\"}],\"edges\":[]}"),
             Catch::Contains("node #0") && Catch::Contains("\"aliases\" must be an array"));
  CHECK_THAT(error_of(head + nodes + "\"edges\":[{\"id\":0,\"src\":0,\"dst\":1,\"type\":-1}]}"),
             Catch::Contains("edge #0") && Catch::Contains("\"type\" must be a non-negative integer"));
  CHECK_THAT(error_of(head + nodes + "\"edges\":[{\"id\":0,\"src\":0,\"dst\":1,\"type\":0,\"props\":[1]}]}"),
             Catch::Contains("edge #0") && Catch::Contains("\"props\" must be an object"));
  CHECK_THAT(error_of(head + nodes +
                      "\"edges\":[{\"id\":0,\"src\":0,\"dst\":1,\"type\":0,\"evidence\":[{\"confidence\":\"high\"}]}]}"),
             Catch::Contains("edge #0 evidence") && Catch::Contains("\"confidence\" must be a number"));
  CHECK_THAT(error_of(head + "\"documents\":[{\"id\":\"a\"},{\"id\":\"a\"}]," + nodes + "\"edges\":[]}"),
             Catch::Contains("document #1") && Catch::Contains("duplicate document id \"a\""));
  CHECK_THAT(error_of(head + "\"nodes\":[{\"id\":2}],\"edges\":[]}"),
             Catch::Contains("node #0") && Catch::Contains("id 2 is not below the header's next id"));
  // A file cut inside the edges: the offset of the cut, never a half-loaded graph.
  std::string whole = head + nodes + "\"edges\":[{\"id\":0,\"src\":0,\"dst\":1,\"type\":0}]}";
  std::string cut = whole.substr(0, whole.size() - 12);
  CHECK_THAT(error_of(cut), Catch::StartsWith(path) &&
                                Catch::Contains("malformed JSON at offset " + std::to_string(cut.size())) &&
                                Catch::Contains("truncated"));
  // Malformed JSON comes first even when an element before it is damaged too.
  CHECK_THAT(error_of(head + "\"nodes\":[{\"id\":0,\"labels\":[9]}],\"edges\":[}"),
             Catch::Contains("malformed JSON at offset"));
}

TEST_CASE("a graph file of exactly one page and an empty file load or fail cleanly", "[graph][storage][stream]") {
  // The mapped file must end in a NUL even when it fills its last page to the brim.
  TempDir dir;
  std::string path = dir.file("g.graph.json");
  auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  std::string text = graph_to_json(Graph());
  std::string padded = text.substr(0, text.size() - 1);
  padded += std::string(page - text.size(), ' ') + "}";
  REQUIRE(padded.size() == page);
  write_file(path, padded);
  CHECK(load_graph(path).node_count() == 0);
  write_file(path, "");
  CHECK_THROWS_WITH(load_graph(path), Catch::Contains(path) && Catch::Contains("empty file"));
}

TEST_CASE("edges find their ends when node ids are not vertex numbers", "[graph][storage][stream]") {
  // Removing a document drops the nodes only it mentioned; the ids of the rest no longer match their
  // vertex numbers, so the reader must map ids instead of taking them as they are.
  Graph g;
  for (auto id : {"gone.txt", "kept.txt"}) {
    DocumentInfo info;
    info.id = id;
    g.add_document(info);
  }
  auto lost = g.upsert_entity("南坪县卫生院", EntityType::PrimaryCare, {}, "gone.txt");
  auto a = g.upsert_entity("北河市人民医院", EntityType::Hospital, {}, "kept.txt");
  auto b = g.upsert_entity("南坪县人民医院", EntityType::Hospital, {}, "kept.txt");
  g.upsert_relation(lost, a, RelType::member_of, {}, {"gone.txt", "甲。", 0, 3, "r", 1.0f});
  g.upsert_relation(a, b, RelType::supports, {}, {"kept.txt", "乙。", 0, 3, "r", 1.0f});
  g.upsert_relation(b, a, RelType::partners_with, {}, {"kept.txt", "丙。", 3, 6, "r", 1.0f});
  g.remove_document("gone.txt");
  REQUIRE(g.node_count() == 2);
  REQUIRE(g.node(0).id == 1);

  std::string text = graph_to_json(g);
  Graph back;
  REQUIRE(streamed(text, back));
  CHECK(graph_to_json(back) == text);
  auto a2 = back.find_canonical("北河市人民医院"), b2 = back.find_canonical("南坪县人民医院");
  REQUIRE(a2);
  REQUIRE(b2);
  CHECK(back.find_edge(*a2, *b2, *back.find_type("supports")));
  CHECK(back.find_edge(*b2, *a2, *back.find_type("partners_with")));
  CHECK_FALSE(back.find_edge(*b2, *a2, *back.find_type("supports")));
  // An edge naming the removed node's id is dangling, not silently tied to whatever vertex 0 holds now.
  std::string dangling = text;
  auto at = dangling.find("\"src\":1,\"dst\":2");
  REQUIRE(at != std::string::npos);
  dangling.replace(at, 15, "\"src\":0,\"dst\":2");
  Graph none;
  CHECK_FALSE(streamed(dangling, none));
  CHECK_THROWS_WITH(graph_from_json(dangling), Catch::Contains("dangling edge: node 0 does not exist"));
}
