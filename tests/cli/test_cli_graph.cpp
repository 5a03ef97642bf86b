// The `bangfu` executable on graph files: help, import, stats, export, remove and bad input.
#include <catch2/catch.hpp>
#include <filesystem>

#include "graph/storage.hpp"
#include "tests/graph/test_util.hpp"

using namespace bangfu::testing;

namespace {

const std::string kBangfu = BANGFU_BINARY_DIR "/bangfu";

CommandResult run_bangfu(const std::string& args) {
  REQUIRE(std::filesystem::exists(kBangfu));  // build the `bangfu` target before running test_cli
  return run_command(shell_quote(kBangfu) + " " + args);
}

// A small graph with two documents, written with the storage API.
std::string two_document_graph(const TempDir& dir) {
  using namespace bangfu::graph;
  Graph g;
  for (auto id : {"a.txt", "b.txt"}) {
    DocumentInfo info;
    info.id = id;
    info.content_hash = id;
    g.add_document(info);
  }
  auto p = g.upsert_entity("江南省", EntityType::Province, {}, "a.txt");
  auto h = g.upsert_entity("北岭县人民医院", EntityType::Hospital, {}, "a.txt");
  auto x = g.upsert_entity("王立新", EntityType::Person, {}, "b.txt");
  g.upsert_entity("北岭县人民医院", EntityType::Hospital, {}, "b.txt");
  g.upsert_relation(p, h, RelType::supports, {}, {"a.txt", "江南省帮扶北岭县人民医院。", 0, 10, "r", 1.0f});
  g.upsert_relation(x, h, RelType::serves_as, {{"role", PropValue("副院长")}}, {"b.txt", "王立新任副院长。", 0, 10, "r", 1.0f});
  std::string path = dir.file("two.graph.json");
  save_graph(g, path);
  return path;
}

}  // namespace

TEST_CASE("every graph subcommand has a one-screen --help", "[cli]") {
  for (std::string cmd : {"stats", "export", "import", "remove"}) {
    auto r = run_bangfu(cmd + " --help");
    INFO(cmd << ": " << r.output);
    CHECK(r.status == 0);
    CHECK(r.output.find("Usage: bangfu " + cmd) != std::string::npos);
    CHECK(std::count(r.output.begin(), r.output.end(), '\n') < 40);
  }
  auto top = run_bangfu("--help");
  CHECK(top.status == 0);
  CHECK(top.output.find("stats") != std::string::npos);
}

TEST_CASE("bangfu import builds a graph from CSV and stats counts it", "[cli]") {
  TempDir dir;
  write_file(dir.file("n.csv"), "id,name,type\nh,北岭县人民医院,Hospital\np,江南省,Province\nq,\"东川市\",City\n");
  write_file(dir.file("e.csv"), "src,dst,rel\np,h,supports\nq,h,supports\np,q,dispatches\n");
  std::string g = dir.file("g.graph.json");
  auto r = run_bangfu("import --nodes " + dir.file("n.csv") + " --edges " + dir.file("e.csv") + " -g " + g);
  INFO(r.output);
  REQUIRE(r.status == 0);
  CHECK(r.output.find("imported 3 nodes") != std::string::npos);

  auto s = run_bangfu("stats -g " + g);
  INFO(s.output);
  REQUIRE(s.status == 0);
  CHECK(s.output.find("supports         2") != std::string::npos);
  CHECK(s.output.find("Hospital         1") != std::string::npos);
  CHECK(s.output.size() > 20);
  CHECK(s.output.substr(s.output.size() - 18) == "nodes: 3\nedges: 3\n");

  // Importing the same entities again merges them; the edges are new facts.
  auto again = run_bangfu("import --nodes " + dir.file("n.csv") + " --edges " + dir.file("e.csv") + " -g " + g);
  CHECK(again.output.find("imported 0 nodes (3 merged with existing), 3 edges; graph: 3 nodes, 6 edges") !=
        std::string::npos);
}

TEST_CASE("bangfu import reports a bad row and leaves the graph unsaved", "[cli]") {
  TempDir dir;
  write_file(dir.file("n.csv"), "id,name,type\nh,北岭县人民医院,Hospital\n");
  write_file(dir.file("e.csv"), "src,dst,rel\nh,h,supports\nh,zz,supports\n");
  std::string g = dir.file("g.graph.json");
  auto r = run_bangfu("import --nodes " + dir.file("n.csv") + " --edges " + dir.file("e.csv") + " -g " + g);
  CHECK(r.status == 1);
  CHECK(r.output.find("e.csv:3: unknown node id 'zz'") != std::string::npos);
  CHECK(!std::filesystem::exists(g));
}

TEST_CASE("bangfu export writes GraphML and GEXF", "[cli]") {
  TempDir dir;
  std::string g = two_document_graph(dir);
  auto r = run_bangfu("export -g " + g + " -o " + dir.file("out.graphml"));
  INFO(r.output);
  REQUIRE(r.status == 0);
  CHECK(r.output.find("exported 3 nodes, 2 edges") != std::string::npos);
  CHECK(read_file(dir.file("out.graphml")).find("北岭县人民医院") != std::string::npos);
  auto x = run_bangfu("export -g " + g + " --format gexf -o " + dir.file("out.xml"));
  REQUIRE(x.status == 0);
  CHECK(read_file(dir.file("out.xml")).find("<gexf") != std::string::npos);
  auto bad = run_bangfu("export -g " + g + " --format dot -o " + dir.file("o.dot"));
  CHECK(bad.status != 0);
  auto nowhere = run_bangfu("export -g " + g + " -o " + dir.file("no/such/dir/o.graphml"));
  CHECK(nowhere.status == 1);
  CHECK(nowhere.output.find("No such file or directory") != std::string::npos);
}

TEST_CASE("bangfu remove takes a document out and saves", "[cli]") {
  TempDir dir;
  std::string g = two_document_graph(dir);
  auto r = run_bangfu("remove b.txt -g " + g);
  INFO(r.output);
  REQUIRE(r.status == 0);
  CHECK(r.output.find("dropped 1 edges; graph: 2 nodes, 1 edges") != std::string::npos);
  auto back = bangfu::graph::load_graph(g);
  CHECK(back.document("b.txt") == nullptr);
  CHECK(back.find("王立新").empty());

  auto missing = run_bangfu("remove b.txt -g " + g);
  CHECK(missing.status == 1);
  CHECK(missing.output.find("no document 'b.txt'") != std::string::npos);
}

TEST_CASE("bad graph input is a clear error with a non-zero exit", "[cli]") {
  TempDir dir;
  auto none = run_bangfu("stats -g " + dir.file("missing.graph.json"));
  CHECK(none.status == 1);
  CHECK(none.output.find("missing.graph.json: no such graph file") != std::string::npos);
  write_file(dir.file("cut.json"), "{\"format\":\"bangfu-graph\",\"version\":1,\"nodes\":[");
  auto cut = run_bangfu("stats -g " + dir.file("cut.json"));
  CHECK(cut.status == 1);
  CHECK(cut.output.find("malformed JSON at offset") != std::string::npos);
  write_file(dir.file("other.json"), "{\"hello\": 1}");
  auto other = run_bangfu("export -g " + dir.file("other.json") + " -o " + dir.file("x.graphml"));
  CHECK(other.status == 1);
  CHECK(other.output.find("not a bangfu graph") != std::string::npos);
  auto unknown = run_bangfu("no-such-command");
  CHECK(unknown.status != 0);
}
