// The binary snapshot: the same graph as its JSON file, texts read in place, and every damaged,
// truncated or foreign file refused with a clear error (never a crash: this runs under ASan too).
#include <catch2/catch.hpp>
#include <cstddef>
#include <cstring>
#include <filesystem>
#include <sstream>

#include "graph/canonical_dump.hpp"
#include "graph/snapshot.hpp"
#include "graph/snapshot_format.hpp"
#include "graph/storage.hpp"
#include "tests/graph/test_util.hpp"

using namespace bangfu::graph;
using bangfu::testing::TempDir;
using bangfu::testing::read_file;
using bangfu::testing::write_file;

namespace {

Graph sample_graph() {
  Graph g;
  for (auto id : {"a.txt", "gone.txt", "b.txt"}) {
    DocumentInfo info;
    info.id = id;
    info.content_hash = std::string("hash-") + id;
    info.title = "标题 \"引号\" 与\n换行";
    info.date = "2023-05-01";
    info.url = "https://example.org/" + std::string(id);
    g.add_document(info);
  }
  auto p = g.upsert_entity("江南省", EntityType::Province, {"我省"}, "a.txt");
  auto h = g.upsert_entity("北岭县人民医院", EntityType::Hospital, {"县医院", "北岭县医院"}, "b.txt");
  auto x = g.upsert_entity("王立新", EntityType::Person, {}, "a.txt");
  g.upsert_entity("江南省", EntityType::Province, {}, "b.txt");
  Evidence dated{"a.txt", "江南省帮扶北岭县人民医院。", 10, 49, "r1", 0.8f};
  dated.date = "2023-05-01";
  dated.date_rule = "page";
  dated.event_date = "2023-04";
  dated.event_rule = "month";
  g.upsert_relation(p, h, RelType::supports, {}, dated);
  g.upsert_relation(p, h, RelType::supports, {}, {"b.txt", "江南省继续帮扶。", 0, 24, "r2", 0.7f});
  // The same sentence gives two facts: stored once in the snapshot.
  g.upsert_relation(x, h, RelType::serves_as, {{"role", PropValue("副院长")}}, {"a.txt", "江南省帮扶北岭县人民医院。", 3, 18, "r3", 1.0f});
  auto t = g.add_node({"Thing", "Extra"}, {{"name", PropValue("手工节点")},
                                           {"count", PropValue(std::int64_t{1} << 40)},
                                           {"ratio", PropValue(2.5)},
                                           {"ok", PropValue(true)},
                                           {"none", PropValue()},
                                           {"when", PropValue(bangfu::temporal::parse(bangfu::temporal::Kind::Date, "2023-07-28"))},
                                           {"tags", PropValue(PropList{PropValue("x"), PropValue(3), PropValue(PropList{PropValue(false)})})}});
  g.add_edge(t, p, "MENTIONS", {{"note", PropValue("手工")}});
  g.add_edge(t, t, "SELF");
  g.add_node({}, {});  // no label, no name
  g.remove_document("gone.txt");
  return g;
}

std::string dump(const Graph& g) {
  std::ostringstream out;
  write_canonical_dump(g, out);
  return out.str();
}

}  // namespace

TEST_CASE("a snapshot gives back the graph its JSON file gives, ids and order included", "[graph][snapshot]") {
  TempDir dir;
  Graph g = sample_graph();
  std::string json = dir.file("g.graph.json"), bfs = dir.file("g.bfs");
  save_graph(g, json);
  save_graph(g, bfs);  // the extension picks the snapshot
  CHECK(is_snapshot_file(bfs));
  CHECK_FALSE(is_snapshot_file(json));
  Graph from_json = load_graph(json);
  Graph from_snapshot = load_graph(bfs);  // sniffed by its first bytes
  // graph_to_json writes ids, element order, documents, evidences and dates: byte-equal means equal.
  CHECK(graph_to_json(from_snapshot) == graph_to_json(g));
  CHECK(graph_to_json(from_snapshot) == graph_to_json(from_json));
  CHECK(dump(from_snapshot) == dump(from_json));
  CHECK(from_snapshot.next_node_id() == g.next_node_id());
  CHECK(from_snapshot.next_edge_id() == g.next_edge_id());
  // Indexes work on the opened graph: names, aliases, labels, edges by type.
  auto h = from_snapshot.find_canonical("北岭县人民医院");
  REQUIRE(h);
  CHECK(from_snapshot.find("县医院") == std::vector<Graph::Vertex>{*h});
  auto p = from_snapshot.find_canonical("江南省");
  REQUIRE(p);
  auto e = from_snapshot.find_edge(*p, *h, *from_snapshot.find_type("supports"));
  REQUIRE(e);
  CHECK(from_snapshot.edge(*e).weight == 2);
  CHECK(from_snapshot.edge_property(*e, "evidence") == PropValue("江南省帮扶北岭县人民医院。"));
  CHECK(from_snapshot.evidence(*e).at(0).event_date == "2023-04");
  // Snapshot of the snapshot: the same bytes (the writer is deterministic).
  CHECK(snapshot_bytes(from_snapshot) == snapshot_bytes(g));
  // And back to JSON.
  save_graph(from_snapshot, dir.file("again.graph.json"));
  CHECK(read_file(dir.file("again.graph.json")) == read_file(json));
}

TEST_CASE("a snapshot stores each distinct text once and the loaded graph reads it in place", "[graph][snapshot]") {
  TempDir dir;
  Graph g = sample_graph();
  std::string bytes = snapshot_bytes(g);
  std::string sentence = "江南省帮扶北岭县人民医院。";
  std::size_t first = bytes.find(sentence);
  REQUIRE(first != std::string::npos);
  CHECK(bytes.find(sentence, first + 1) == std::string::npos);
  CHECK(bytes.find("a.txt") != std::string::npos);
  std::string path = dir.file("g.bfs");
  save_snapshot(g, path);
  Graph back = load_snapshot(path);
  auto h = back.find_canonical("北岭县人民医院");
  auto x = back.find_canonical("王立新");
  auto p = back.find_canonical("江南省");
  REQUIRE((h && x && p));
  const auto& e1 = back.evidence(*back.find_edge(*p, *h, *back.find_type("supports"))).at(0);
  const auto& e2 = back.evidence(*back.find_edge(*x, *h, *back.find_type("serves_as"))).at(0);
  CHECK(e1.sentence == sentence);
  CHECK(e1.sentence.stored() == e2.sentence.stored());  // one copy, shared by both edges
  CHECK(std::strlen(e1.sentence.c_str()) == sentence.size());
  // The file can be replaced while the graph is open: the mapping keeps the old bytes.
  save_snapshot(Graph(), path);
  CHECK(e1.sentence == sentence);
  CHECK(load_graph(path).node_count() == 0);
}

TEST_CASE("an empty graph round-trips through a snapshot", "[graph][snapshot]") {
  Graph g;
  Graph back = snapshot_from_bytes(snapshot_bytes(g));
  CHECK(back.node_count() == 0);
  CHECK(graph_to_json(back) == graph_to_json(g));
}

TEST_CASE("truncated, damaged and foreign snapshots give clear errors, never a crash", "[graph][snapshot]") {
  TempDir dir;
  const std::string good = snapshot_bytes(sample_graph());
  std::string path = dir.file("g.bfs");

  SECTION("another format version") {
    std::string other = good;
    other[snapshot::kOffVersion] = 2;
    write_file(path, other);
    CHECK_THROWS_WITH(load_graph(path), Catch::Contains(path) && Catch::Contains("snapshot format version 2") &&
                                            Catch::Contains("this build reads version 1") && Catch::Contains("newer"));
  }
  SECTION("every truncation") {
    for (std::size_t n = 8; n < good.size(); n += (n < 200 ? 1 : 7)) {
      INFO("cut at " << n);
      write_file(path, good.substr(0, n));
      CHECK_THROWS_AS(load_graph(path), GraphError);
    }
    write_file(path, good.substr(0, 40));
    CHECK_THROWS_WITH(load_graph(path), Catch::Contains("truncated snapshot"));
    write_file(path, good.substr(0, good.size() - 1));
    CHECK_THROWS_WITH(load_graph(path), Catch::Contains("truncated or damaged snapshot"));
  }
  SECTION("every damaged byte is caught by a checksum or a bounds check") {
    for (std::size_t i = 8; i < good.size(); ++i) {
      std::string bad = good;
      bad[i] = static_cast<char>(bad[i] ^ 0x5a);
      INFO("byte " << i);
      // Alignment padding between sections carries nothing: such a file may load, and then it is the same graph.
      try {
        Graph g = snapshot_from_bytes(bad);
        CHECK(graph_to_json(g) == graph_to_json(snapshot_from_bytes(good)));
      } catch (const GraphError& e) {
        CHECK(std::string(e.what()).find("<memory>: ") == 0);
      }
    }
  }
  SECTION("without checksums, damaged records are still refused by the structural checks") {
    SnapshotOptions unchecked{false};
    std::size_t refused = 0;
    for (std::size_t i = 64; i < good.size(); ++i) {
      for (int flip : {0x01, 0x80, 0xff}) {
        std::string bad = good;
        bad[i] = static_cast<char>(bad[i] ^ flip);
        try {
          snapshot_from_bytes(bad, "<memory>", unchecked);
        } catch (const GraphError&) {
          ++refused;
        }
      }
    }
    CHECK(refused > 0);
  }
  SECTION("not a snapshot") {
    write_file(path, "\x89" "BFSNAX\x1a and more bytes to pass the header size.............................");
    CHECK_THROWS_WITH(load_graph(path), Catch::Contains("not a bangfu graph") || Catch::Contains("malformed JSON"));
    CHECK_THROWS_WITH(snapshot_from_bytes("short"), Catch::Contains("not a bangfu snapshot"));
  }
}

TEST_CASE("an open that fails half-way leaves no symbol pointing into the unmapped file", "[graph][snapshot]") {
  // Rule ids and dates become Symbols (process-wide) as edges are read; the file is unmapped when a
  // later record is refused, so a symbol first seen in it must hold its own copy of the string.
  TempDir dir;
  Graph g;
  auto a = g.add_node({"Thing"}, {{"name", PropValue("甲")}});
  auto b = g.add_node({"Thing"}, {{"name", PropValue("乙")}});
  Evidence ev{"d", "s", 0, 1, "r", 1.0f};
  ev.date_rule = "rule-AAAAAAAA-half-open";
  g.add_evidence(g.add_edge(a, b, "R"), ev);
  g.add_edge(b, a, "R");
  std::string bytes = snapshot_bytes(g);
  auto at = bytes.find("rule-AAAAAAAA-half-open");
  REQUIRE(at != std::string::npos);
  bytes.replace(at, 13, "rule-ZZZZZZZZ");  // a string no Symbol of this process has seen
  // The second edge's source out of range: refused after the first edge's evidence was read.
  std::uint32_t count;
  std::uint64_t table;
  std::memcpy(&count, bytes.data() + snapshot::kOffSectionCount, 4);
  std::memcpy(&table, bytes.data() + snapshot::kOffTableOffset, 8);
  std::uint64_t edges = 0;
  for (std::uint32_t i = 0; i < count; ++i) {
    std::uint32_t kind;
    std::memcpy(&kind, bytes.data() + table + i * snapshot::kSectionEntrySize, 4);
    if (kind == static_cast<std::uint32_t>(snapshot::Section::kEdges))
      std::memcpy(&edges, bytes.data() + table + i * snapshot::kSectionEntrySize + 8, 8);
  }
  REQUIRE(edges);
  std::uint32_t far = 1000;
  std::memcpy(bytes.data() + edges + sizeof(snapshot::EdgeRecord) + offsetof(snapshot::EdgeRecord, src), &far, 4);
  std::string path = dir.file("half.bfs");
  write_file(path, bytes);
  CHECK_THROWS_WITH(load_snapshot(path, SnapshotOptions{false}), Catch::Contains("dangling edge"));
  Symbol z("rule-ZZZZZZZZ-half-open");
  CHECK(z.view() == "rule-ZZZZZZZZ-half-open");
  CHECK(z.id() != Symbol("rule-AAAAAAAA-half-open").id());
}

TEST_CASE("a snapshot cannot be written where there is no folder", "[graph][snapshot]") {
  TempDir dir;
  CHECK_THROWS_WITH(save_snapshot(Graph(), dir.file("no/such/folder/g.bfs")), Catch::Contains("cannot write snapshot to"));
  CHECK_FALSE(std::filesystem::exists(dir.file("no/such/folder")));
}
