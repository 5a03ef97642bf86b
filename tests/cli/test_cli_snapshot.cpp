// `bangfu` on binary snapshots: every reader takes either format and answers the same.
#include <catch2/catch.hpp>
#include <filesystem>

#include "graph/snapshot.hpp"
#include "graph/storage.hpp"
#include "tests/graph/test_util.hpp"

using namespace bangfu::testing;

namespace {

const std::string kBangfu = BANGFU_BINARY_DIR "/bangfu";
const std::string kSource = BANGFU_SOURCE_DIR;

CommandResult run_bangfu(const std::string& args) {
  REQUIRE(std::filesystem::exists(kBangfu));  // build the `bangfu` target before running test_cli
  return run_command(shell_quote(kBangfu) + " " + args);
}

// The output without its first line when that line names the graph file.
std::string without_path_line(const std::string& out) {
  return out.rfind("graph: ", 0) == 0 ? out.substr(out.find('\n') + 1) : out;
}

}  // namespace

TEST_CASE("a snapshot and the JSON file of the same graph give the same answers", "[cli][snapshot]") {
  TempDir dir;
  std::string json = dir.file("g.graph.json"), snap = dir.file("g.bfs"), ingested = dir.file("i.bfs");
  std::string corpus = shell_quote(kSource + "/examples/corpus");
  auto r = run_bangfu("ingest " + corpus + " -g " + json);
  REQUIRE(r.status == 0);
  auto s = run_bangfu("snapshot -g " + json + " -o " + snap);
  INFO(s.output);
  REQUIRE(s.status == 0);
  CHECK(s.output.rfind("snapshot: " + snap + ", ", 0) == 0);
  CHECK(bangfu::graph::is_snapshot_file(snap));
  // ingest writes a snapshot when the graph's name ends in .bfs, with the same report line.
  auto ri = run_bangfu("ingest " + corpus + " -g " + ingested);
  REQUIRE(ri.status == 0);
  CHECK(ri.output == r.output);
  CHECK(bangfu::graph::is_snapshot_file(ingested));

  for (const std::string& g : {snap, ingested}) {
    INFO(g);
    auto stats_json = run_bangfu("stats -g " + json), stats_snap = run_bangfu("stats -g " + g);
    CHECK(stats_snap.status == 0);
    CHECK(without_path_line(stats_snap.output) == without_path_line(stats_json.output));
    for (const char* q : {"MATCH (a)-[r:supports]->(b) RETURN a.name, b.name, r.evidence, r.docs ORDER BY a.name, b.name",
                          "MATCH (a)-[*1..3]->(b) RETURN count(DISTINCT b)",
                          "MATCH (n) RETURN labels(n), n.name, n.aliases, id(n) ORDER BY id(n)",
                          "MATCH ()-[r]->() RETURN type(r), r.weight, r.evidence, id(r) ORDER BY id(r)"}) {
      auto a = run_bangfu("query -g " + json + " " + shell_quote(q)), b = run_bangfu("query -g " + g + " " + shell_quote(q));
      INFO(q);
      CHECK(b.status == 0);
      CHECK(b.output == a.output);
    }
    for (const char* name : {"浙江省", "昭觉县人民医院"}) {
      auto a = run_bangfu("who -g " + json + " " + name), b = run_bangfu("who -g " + g + " " + name);
      CHECK(b.status == 0);
      CHECK(b.output == a.output);
    }
    for (const char* ext : {"json", "graphml", "gexf"}) {
      std::string a = dir.file(std::string("a.") + ext), b = dir.file(std::string("b.") + ext);
      CHECK(run_bangfu("export -g " + json + " --format " + ext + " -o " + a).status == 0);
      CHECK(run_bangfu("export -g " + g + " --format " + ext + " -o " + b).status == 0);
      CHECK(read_file(b) == read_file(a));
    }
  }
  // Back to JSON: the same file the ingest wrote.
  auto back = run_bangfu("snapshot --to-json -g " + snap + " -o " + dir.file("back.graph.json"));
  REQUIRE(back.status == 0);
  CHECK(read_file(dir.file("back.graph.json")) == read_file(json));
  // A graph command that saves keeps the snapshot format (remove a document from the .bfs).
  auto rm = run_bangfu("remove -g " + snap + " 01_zhejiang_liangshan.txt");
  INFO(rm.output);
  CHECK(rm.status == 0);
  CHECK(bangfu::graph::is_snapshot_file(snap));
}

TEST_CASE("a damaged snapshot is a clear error from every command", "[cli][snapshot]") {
  TempDir dir;
  std::string json = dir.file("g.graph.json"), snap = dir.file("g.bfs");
  REQUIRE(run_bangfu("ingest " + shell_quote(kSource + "/examples/corpus") + " -g " + json).status == 0);
  REQUIRE(run_bangfu("snapshot -g " + json + " -o " + snap).status == 0);
  std::string bytes = read_file(snap);
  write_file(snap, bytes.substr(0, bytes.size() / 2));
  auto r = run_bangfu("stats -g " + snap);
  CHECK(r.status != 0);
  CHECK(r.output.find("truncated or damaged snapshot") != std::string::npos);
  bytes[bytes.size() / 2] ^= 0x40;
  write_file(snap, bytes);
  r = run_bangfu("who -g " + snap + " 浙江省");
  CHECK(r.status != 0);
  CHECK(r.output.find("damaged snapshot: checksum mismatch") != std::string::npos);
  CHECK(run_bangfu("snapshot -g " + json + " --to-json -o " + dir.file("x.bfs")).status != 0);
}
