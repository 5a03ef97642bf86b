// A graph read in place from a snapshot answers every query as the same graph loaded from JSON or
// built into the adjacency list, and its first edit thaws it without losing a descriptor or an answer.
#include <catch2/catch.hpp>
#include <cstring>
#include <string>
#include <vector>

#include "graph/snapshot.hpp"
#include "graph/snapshot_format.hpp"
#include "graph/storage.hpp"
#include "query/engine.hpp"
#include "query/format.hpp"
#include "tests/graph/test_util.hpp"
#include "tests/query/query_test_util.hpp"

using namespace bangfu;
using graph::Graph;

namespace {

// The support graph with documents, evidences (two on one edge), dates, aliases, a loop and a node
// without labels, so that every field read in place is exercised.
Graph sample() {
  Graph g = query::test::support_graph();
  for (const char* id : {"a.txt", "b.txt"}) {
    graph::DocumentInfo d;
    d.id = id;
    d.date = "2023-05-01";
    g.add_document(d);
  }
  auto p = *g.find_canonical("东岳省");
  auto c = *g.find_canonical("西川县");
  auto h = *g.find_canonical("西川县人民医院");
  graph::Evidence one{"a.txt", "东岳省帮扶西川县。", 0, 9, "r1", 0.9f};
  one.date = "2023-05-01";
  one.event_date = "2023-04";
  g.upsert_relation(p, c, graph::RelType::supports, {{"mode", graph::PropValue("对口")}}, one);
  g.upsert_relation(p, c, graph::RelType::supports, {}, {"b.txt", "东岳省继续帮扶西川县。", 0, 11, "r2", 0.7f});
  g.upsert_entity("西川县", graph::EntityType::County, {"西川"}, "a.txt");
  g.add_edge(h, h, "reviews", {{"times", graph::PropValue(std::int64_t{3})}});
  g.add_node({}, {{"note", graph::PropValue("无标签")}});
  return g;
}

const std::vector<std::string> kQueries = {
    "MATCH (n) RETURN id(n), labels(n), n ORDER BY id(n)",
    "MATCH (a)-[r]->(b) RETURN id(r), type(r), a.name, b.name, r ORDER BY id(r)",
    "MATCH (a)-[r]->(b) RETURN r.evidence, r.docs, r.weight, r.first_seen, r.last_seen, r.dates ORDER BY id(r)",
    "MATCH (h:Hospital) RETURN h.name, h.aliases ORDER BY h.name",
    "MATCH (n {name: '西川县'}) RETURN n.name, n.aliases",
    "MATCH (n {name: '西川'}) RETURN n.name",
    "MATCH (a {name: '东岳省人民医院'})-[*1..3]->(b) RETURN count(DISTINCT b)",
    "MATCH (a {name: '东岳省人民医院'})-[*1..3]-(b) RETURN DISTINCT b.name ORDER BY b.name",
    "MATCH (a)-[*2..2]-(b) RETURN count(*)",
    "MATCH (a)<-[r:supports]-(b) RETURN a.name, b.name, r.since ORDER BY a.name, b.name",
    "MATCH p = (a {name: '东岳省人民医院'})-[*]->(c {name: '西川县石桥镇卫生院'}) RETURN p ORDER BY length(p)",
    "MATCH p = shortestPath((a {name: '李明'})-[*]-(b {name: '西川县'})) RETURN length(p), [n IN nodes(p) | n.name]",
    "MATCH ()-[r]->() RETURN startNode(r).name, endNode(r).name ORDER BY id(r)",
    "MATCH (a)-[r]->(a) RETURN a.name, r.times",
    "MATCH (n) WHERE n.note IS NOT NULL RETURN n.note, labels(n)",
    "MATCH (a)-[r]->(b) WHERE r.since >= 2021 RETURN a.name, r.since ORDER BY r.since",
    "MATCH (n:Hospital) OPTIONAL MATCH (n)-[:supports]->(m) RETURN n.name, count(m) ORDER BY n.name",
    "MATCH (a)-[r1]->(b)-[r2]->(c) RETURN a.name, b.name, c.name ORDER BY a.name, b.name, c.name",
};

// The same file as written before the adjacency entries carried the other end: those sections' kinds
// set to 0 (skipped by every reader), the table's and the header's checksums made again.
std::string without_ends(std::string bytes) {
  namespace s = graph::snapshot;
  std::uint32_t count;
  std::uint64_t table;
  std::memcpy(&count, bytes.data() + s::kOffSectionCount, 4);
  std::memcpy(&table, bytes.data() + s::kOffTableOffset, 8);
  for (std::uint32_t i = 0; i < count; ++i) {
    char* e = bytes.data() + table + i * s::kSectionEntrySize;
    std::uint32_t kind;
    std::memcpy(&kind, e, 4);
    if (kind == static_cast<std::uint32_t>(s::Section::kOutEnds) || kind == static_cast<std::uint32_t>(s::Section::kInEnds))
      std::memset(e, 0, 4);
  }
  std::uint64_t sum = s::checksum(bytes.data() + table, count * s::kSectionEntrySize);
  std::memcpy(bytes.data() + s::kOffTableChecksum, &sum, 8);
  sum = s::checksum(bytes.data(), s::kOffHeaderChecksum);
  std::memcpy(bytes.data() + s::kOffHeaderChecksum, &sum, 8);
  return bytes;
}

std::vector<std::string> answers(Graph& g) {
  std::vector<std::string> out;
  for (const auto& q : kQueries) {
    INFO(q);
    auto r = query::run_query(g, q);
    out.push_back(query::format_result(g, r, {query::Format::Json}));
  }
  return out;
}

}  // namespace

TEST_CASE("a graph read in place answers as its JSON file and as the built graph", "[query][snapshot]") {
  testing::TempDir dir;
  Graph g = sample();
  std::string json = dir.file("g.graph.json"), bfs = dir.file("g.bfs");
  graph::save_graph(g, json);
  graph::save_snapshot(g, bfs);
  Graph from_json = graph::load_graph(json);
  Graph built = graph::load_snapshot(bfs, {.in_place = false});
  Graph in_place = graph::load_snapshot(bfs);
  Graph from_bytes = graph::snapshot_from_bytes(testing::read_file(bfs));
  Graph older = graph::snapshot_from_bytes(without_ends(testing::read_file(bfs)));
  CHECK_FALSE(built.in_place());
  REQUIRE(in_place.in_place());
  REQUIRE(from_bytes.in_place());
  auto expected = answers(from_json);
  CHECK(answers(built) == expected);
  CHECK(answers(in_place) == expected);
  CHECK(answers(from_bytes) == expected);
  CHECK(answers(older) == expected);
  CHECK(graph::snapshot_bytes(older) == graph::snapshot_bytes(from_json));
  CHECK(in_place.in_place());  // reading never thaws
  // The whole graph as its writers see it: the same files.
  CHECK(graph::graph_to_json(in_place) == graph::graph_to_json(from_json));
  CHECK(graph::snapshot_bytes(in_place) == graph::snapshot_bytes(from_json));
  // Lookups: ids, names, aliases, labels, degrees.
  for (auto v : from_json.vertices()) {
    CHECK(in_place.node_id(v) == from_json.node_id(v));
    CHECK(in_place.vertex_by_id(from_json.node_id(v)) == std::optional<Graph::Vertex>(v));
    CHECK(in_place.out_degree(v) == from_json.out_degree(v));
    CHECK(in_place.in_degree(v) == from_json.in_degree(v));
    CHECK(in_place.entity_type(v) == from_json.entity_type(v));
  }
  CHECK_FALSE(in_place.vertex_by_id(999));
  CHECK(in_place.find("西川") == from_json.find("西川"));
  for (std::uint16_t l = 0; l < from_json.labels().size(); ++l) CHECK(in_place.nodes_with_label(l) == from_json.nodes_with_label(l));
}

TEST_CASE("the first edit of a graph read in place thaws it, keeping its descriptors", "[query][snapshot]") {
  testing::TempDir dir;
  std::string json = dir.file("g.graph.json"), bfs = dir.file("g.bfs");
  graph::save_graph(sample(), json);
  graph::save_snapshot(sample(), bfs);

  SECTION("edits through the query language, the same as on the JSON graph") {
    for (const char* q : {"MATCH (a)-[r:supports]->(b) SET r.checked = true, b.seen = a.name RETURN count(*)",
                          "MATCH (a {name: '李明'}) CREATE (a)-[:visits]->(:Hospital {name: '新医院'}) RETURN a.name",
                          "MATCH (n:Hospital) SET n:Checked RETURN count(n)"}) {
      INFO(q);
      Graph a = graph::load_graph(json), b = graph::load_snapshot(bfs);
      REQUIRE(b.in_place());
      auto ra = query::run_query(a, q), rb = query::run_query(b, q);
      CHECK(query::format_result(b, rb, {query::Format::Json}) == query::format_result(a, ra, {query::Format::Json}));
      CHECK_FALSE(b.in_place());
      CHECK(graph::graph_to_json(b) == graph::graph_to_json(a));
      CHECK(answers(b) == answers(a));
    }
  }
  SECTION("edits through the graph: ingest and removing a document") {
    Graph a = graph::load_graph(json), b = graph::load_snapshot(bfs);
    for (Graph* g : {&a, &b}) {
      auto x = g->upsert_entity("西川县", graph::EntityType::County, {"川县"});
      auto y = g->upsert_entity("北山医院", graph::EntityType::Hospital, {});
      g->upsert_relation(y, x, graph::RelType::supports, {}, {"b.txt", "北山医院帮扶西川县。", 0, 9, "r9", 1.0f});
      g->remove_document("a.txt");
    }
    CHECK_FALSE(b.in_place());
    CHECK(graph::graph_to_json(b) == graph::graph_to_json(a));
    CHECK(answers(b) == answers(a));
  }
  SECTION("an edge descriptor taken in place stays usable after the thaw") {
    Graph g = graph::load_snapshot(bfs);
    auto p = *g.find_canonical("东岳省"), c = *g.find_canonical("西川县");
    auto e = *g.find_edge(p, c, *g.find_type("supports"));
    auto id = g.edge(e).id;
    auto evidence = std::string(g.evidence(e).at(1).sentence);
    std::vector<Graph::Edge> all(g.edges().begin(), g.edges().end());
    g.add_node({"Thing"}, {});  // thaws
    REQUIRE_FALSE(g.in_place());
    CHECK(g.edge(e).id == id);
    CHECK(g.edge(e).weight == 2);
    CHECK(std::string(g.evidence(e).at(1).sentence) == evidence);
    g.set_edge_property(e, "checked", graph::PropValue(true));
    g.add_evidence(e, {"b.txt", "第三句。", 0, 4, "r3", 0.5f});
    CHECK(g.edge_property(e, "checked") == graph::PropValue(true));
    CHECK(g.edge(e).weight == 3);
    std::size_t i = 0;
    for (Graph::Edge now : g.edges()) CHECK(g.edge(all.at(i++)).id == g.edge(now).id);
  }
}

TEST_CASE("a graph read in place refuses damaged records when it reads them, and stays readable", "[query][snapshot]") {
  std::string bytes = graph::snapshot_bytes(sample());
  // Find a section by kind in the table.
  auto section = [&](graph::snapshot::Section kind) {
    std::uint32_t count;
    std::uint64_t table;
    std::memcpy(&count, bytes.data() + graph::snapshot::kOffSectionCount, 4);
    std::memcpy(&table, bytes.data() + graph::snapshot::kOffTableOffset, 8);
    for (std::uint32_t i = 0; i < count; ++i) {
      const char* e = bytes.data() + table + i * graph::snapshot::kSectionEntrySize;
      std::uint32_t k;
      std::memcpy(&k, e, 4);
      if (k == static_cast<std::uint32_t>(kind)) {
        std::uint64_t offset;
        std::memcpy(&offset, e + 8, 8);
        return offset;
      }
    }
    FAIL("no such section");
    return std::uint64_t{0};
  };
  graph::SnapshotOptions unchecked{.verify_checksums = false};

  SECTION("an adjacency entry's other end outside the graph") {
    auto ends = section(graph::snapshot::Section::kOutEnds);
    std::uint32_t far = 1000;
    std::memcpy(bytes.data() + ends, &far, 4);
    CHECK_THROWS_WITH(graph::snapshot_from_bytes(bytes, "<memory>", unchecked), Catch::Contains("names no node"));
  }
  SECTION("an adjacency entry naming an edge of another node (a file without the ends sections)") {
    bytes = without_ends(bytes);
    // Node 0's first outgoing entry names the last edge, a loop on another node.
    auto out = section(graph::snapshot::Section::kOutEdges);
    std::uint32_t edges = static_cast<std::uint32_t>(Graph(sample()).edge_count());
    std::uint32_t other = edges - 1;
    std::memcpy(bytes.data() + out, &other, 4);
    Graph g = graph::snapshot_from_bytes(bytes, "<memory>", unchecked);
    REQUIRE(g.in_place());
    auto walk = [&] {
      std::size_t n = 0;
      for (auto v : g.vertices())
        for (auto e : g.out_edges(v)) n += Graph::source(e) == v;
      return n;
    };
    CHECK_THROWS_WITH(walk(), Catch::Contains("damaged snapshot"));
    CHECK(g.node_name(0) == "东岳省");  // still readable
  }
  SECTION("a name reference out of range: an error when read, and the thaw is refused whole") {
    auto nodes = section(graph::snapshot::Section::kNodes);
    std::uint32_t far = 0x7fffffff;
    std::memcpy(bytes.data() + nodes + sizeof(graph::snapshot::NodeRecord) + offsetof(graph::snapshot::NodeRecord, name), &far, 4);
    Graph g = graph::snapshot_from_bytes(bytes, "<memory>", unchecked);
    REQUIRE(g.in_place());
    CHECK_THROWS_WITH(g.node_name(1), Catch::Contains("<memory>: damaged snapshot: string reference"));
    CHECK_THROWS_AS(g.find("西川"), graph::GraphError);
    CHECK_THROWS_AS(g.add_node({"Thing"}, {}), graph::GraphError);
    CHECK(g.in_place());
    CHECK(g.node_name(0) == "东岳省");
    CHECK(g.node_count() == sample().node_count());
  }
}
