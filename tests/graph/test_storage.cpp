// Saving and loading graphs: round trips keep everything; bad files give clear errors, never a crash.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

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
    g.add_document(info);
  }
  auto p = g.upsert_entity("江南省", EntityType::Province, {"我省"}, "a.txt");
  auto h = g.upsert_entity("北岭县人民医院", EntityType::Hospital, {"县医院"}, "b.txt");
  auto x = g.upsert_entity("王立新", EntityType::Person, {}, "a.txt");
  g.upsert_entity("江南省", EntityType::Province, {}, "b.txt");
  g.upsert_relation(p, h, RelType::supports, {}, {"a.txt", "江南省帮扶北岭县人民医院。", 10, 49, "r1", 0.8f});
  g.upsert_relation(p, h, RelType::supports, {}, {"b.txt", "江南省继续帮扶。", 0, 24, "r2", 0.7f});
  g.upsert_relation(x, h, RelType::serves_as, {{"role", PropValue("副院长")}}, {"a.txt", "任副院长。", 3, 18, "r3", 1.0f});
  auto t = g.add_node({"Thing", "Extra"}, {{"name", PropValue("手工节点")},
                                           {"count", PropValue(std::int64_t{1} << 40)},
                                           {"ratio", PropValue(2.0)},
                                           {"ok", PropValue(true)},
                                           {"tags", PropValue(PropList{PropValue("x"), PropValue(3)})}});
  g.add_edge(t, p, "MENTIONS", {{"note", PropValue("手工")}});
  g.remove_document("gone.txt");
  return g;
}

std::string signature(const Graph& g) {
  // Everything a round trip must keep, in a comparable form.
  std::string out;
  for (auto vi : g.vertices()) {
    const auto& n = g.node(vi);
    out += "N" + std::to_string(n.id) + ":";
    for (auto l : n.labels) out += g.label_name(l) + ",";
    out += n.name + "|";
    for (const auto& al : n.aliases) out += al + ",";
    for (auto d : n.docs) out += "@" + g.documents().at(d).id;
    out += "|" + std::to_string(n.props.size()) + "\n";
  }
  for (auto ei : g.edges()) {
    const auto& e = g.edge(ei);
    out += "E" + std::to_string(e.id) + ":" + std::to_string(g.node(Graph::source(ei)).id) + "-" +
           g.type_name(e.type) + "->" + std::to_string(g.node(Graph::target(ei)).id) + " w" +
           std::to_string(e.weight);
    for (const auto& ev : g.evidence(ei))
      out += " [" + ev.doc + "/" + ev.sentence + "/" + std::to_string(ev.begin) + "-" + std::to_string(ev.end) + "/" +
             ev.rule + "]";
    out += "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("save then load keeps ids, labels, names, properties, documents and evidences", "[graph][storage]") {
  TempDir dir;
  Graph g = sample_graph();
  std::string path = dir.file("g.graph.json");
  save_graph(g, path);
  Graph back = load_graph(path);

  CHECK(signature(back) == signature(g));
  CHECK(back.node_count() == 4);
  CHECK(back.edge_count() == 3);
  CHECK(back.next_node_id() == g.next_node_id());
  CHECK(back.next_edge_id() == g.next_edge_id());
  REQUIRE(back.document("a.txt"));
  CHECK(back.document("a.txt")->title == "标题 \"引号\" 与\n换行");
  CHECK(back.document("gone.txt") == nullptr);
  CHECK(back.documents().size() == 2);  // the removed document's slot is not stored

  auto t = back.find_canonical("手工节点");
  REQUIRE(t);
  CHECK(back.node_property(*t, "count") == PropValue(std::int64_t{1} << 40));
  CHECK(back.node_property(*t, "ratio") == PropValue(2.0));
  CHECK(back.node_property(*t, "ok") == PropValue(true));
  CHECK(back.node_property(*t, "tags") == PropValue(PropList{PropValue("x"), PropValue(3)}));
  CHECK(back.has_label(*t, *back.find_label("Extra")));
  CHECK(back.find("我省").size() == 1);

  auto x = back.find_canonical("王立新");
  auto h = back.find_canonical("北岭县人民医院");
  REQUIRE(x);
  REQUIRE(h);
  auto e = back.find_edge(*x, *h, *back.find_type("serves_as"));
  REQUIRE(e);
  CHECK(back.edge_property(*e, "role") == PropValue("副院长"));
  CHECK(back.evidence(*e).at(0).confidence == Approx(1.0f));

  // New elements after a load never reuse ids.
  auto n = back.add_node({"Thing"}, {});
  CHECK(back.node(n).id == g.next_node_id());
  // Re-ingesting after load still finds documents by id for mentions.
  CHECK(back.upsert_entity("江南省", EntityType::Province, {}, "a.txt") == *back.find_canonical("江南省"));
  // No temp file is left next to the graph.
  std::size_t files = 0;
  for ([[maybe_unused]] auto& f : std::filesystem::directory_iterator(dir.path())) ++files;
  CHECK(files == 1);
}

TEST_CASE("saving twice replaces the file and an empty graph round-trips", "[graph][storage]") {
  TempDir dir;
  std::string path = dir.file("g.json");
  save_graph(sample_graph(), path);
  Graph empty;
  save_graph(empty, path);
  Graph back = load_graph(path);
  CHECK(back.node_count() == 0);
  CHECK(back.edge_count() == 0);
  CHECK(back.labels().size() == empty.labels().size());
}

TEST_CASE("a missing graph file is a clear error", "[graph][storage]") {
  TempDir dir;
  std::string path = dir.file("nope.json");
  CHECK_THROWS_WITH(load_graph(path), Catch::Contains(path) && Catch::Contains("no such graph file"));
  CHECK_THROWS_WITH(load_graph(dir.path().string()), Catch::Contains("is a folder"));
}

TEST_CASE("a truncated graph file names the offset and never half-loads", "[graph][storage]") {
  TempDir dir;
  std::string path = dir.file("g.json");
  save_graph(sample_graph(), path);
  std::string text = read_file(path);
  for (std::size_t cut : {text.size() / 3, text.size() / 2, text.size() - 3}) {
    write_file(path, text.substr(0, cut));
    CHECK_THROWS_WITH(load_graph(path), Catch::Contains(path) && Catch::Contains("malformed JSON at offset") &&
                                            Catch::Contains("truncated"));
  }
  write_file(path, "");
  CHECK_THROWS_WITH(load_graph(path), Catch::Contains("empty file"));
  write_file(path, "{\"format\": \"bangfu-graph\", \"version\": 1,, }");
  CHECK_THROWS_WITH(load_graph(path), Catch::Contains("malformed JSON at offset 40"));
}

TEST_CASE("a graph from a newer bangfu is refused with both versions", "[graph][storage]") {
  TempDir dir;
  std::string path = dir.file("g.json");
  std::string text = bangfu::graph::graph_to_json(sample_graph());
  auto at = text.find("\"version\":1");
  REQUIRE(at != std::string::npos);
  text.replace(at, 11, "\"version\":7");
  write_file(path, text);
  CHECK_THROWS_WITH(load_graph(path), Catch::Contains("written by a newer bangfu: format version 7, this build reads <= 1"));
}

TEST_CASE("a JSON file that is not a bangfu graph is refused", "[graph][storage]") {
  TempDir dir;
  std::string path = dir.file("other.json");
  for (auto text : {"{\"nodes\": [], \"edges\": []}", "[1, 2, 3]", "{\"format\": \"gexf\"}", "\"text\""}) {
    write_file(path, text);
    CHECK_THROWS_WITH(load_graph(path), Catch::Contains("not a bangfu graph"));
  }
}

TEST_CASE("structural damage is reported with the element that carries it", "[graph][storage]") {
  TempDir dir;
  std::string path = dir.file("g.json");
  std::string head = "{\"format\":\"bangfu-graph\",\"version\":1,\"next_node_id\":2,\"next_edge_id\":1,"
                     "\"labels\":[\"Thing\"],\"types\":[\"R\"],";
  write_file(path, head + "\"nodes\":[{\"id\":0,\"labels\":[0]}],\"edges\":[{\"id\":0,\"src\":0,\"dst\":1,\"type\":0}]}");
  CHECK_THROWS_WITH(load_graph(path), Catch::Contains("edge #0") && Catch::Contains("dangling edge: node 1"));
  write_file(path, head + "\"nodes\":[{\"id\":0},{\"id\":0}],\"edges\":[]}");
  CHECK_THROWS_WITH(load_graph(path), Catch::Contains("node #1") && Catch::Contains("duplicate id 0"));
  write_file(path, head + "\"nodes\":[{\"id\":\"zero\"}],\"edges\":[]}");
  CHECK_THROWS_WITH(load_graph(path), Catch::Contains("node #0") && Catch::Contains("\"id\" must be a non-negative integer"));
  write_file(path, head + "\"nodes\":[{\"id\":0,\"labels\":[5]}],\"edges\":[]}");
  CHECK_THROWS_WITH(load_graph(path), Catch::Contains("label 5 is not in the file's table"));
  write_file(path, head + "\"nodes\":[{\"id\":0,\"props\":{\"p\":{\"x\":1}}}],\"edges\":[]}");
  CHECK_THROWS_WITH(load_graph(path), Catch::Contains("cannot be JSON objects"));
  write_file(path, head + "\"edges\":[]}");
  CHECK_THROWS_WITH(load_graph(path), Catch::Contains("missing \"nodes\""));
  write_file(path, head + "\"nodes\":[{\"id\":0}],\"edges\":[{\"id\":0,\"src\":0,\"dst\":0,\"type\":3}]}");
  CHECK_THROWS_WITH(load_graph(path), Catch::Contains("relation type 3"));
}

TEST_CASE("an unwritable output path is a clear error and leaves nothing behind", "[graph][storage]") {
  TempDir dir;
  Graph g = sample_graph();
  CHECK_THROWS_WITH(save_graph(g, dir.file("no/such/folder/g.json")),
                    Catch::Contains("cannot write graph to") && Catch::Contains("No such file or directory"));
  CHECK_THROWS_WITH(save_graph(g, dir.path().string() + "/"), Catch::Contains("cannot write graph to"));
  if (::geteuid() != 0) {  // root ignores permission bits
    std::filesystem::create_directory(dir.file("ro"));
    ::chmod(dir.file("ro").c_str(), 0555);
    CHECK_THROWS_WITH(save_graph(g, dir.file("ro/g.json")), Catch::Contains("Permission denied"));
    ::chmod(dir.file("ro").c_str(), 0755);
  }
  CHECK_THROWS_WITH(save_graph(g, "/dev/full/g.json"), Catch::Contains("cannot write graph to"));
}
