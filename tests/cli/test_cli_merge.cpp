// `bangfu extract --jsonl` + `bangfu merge` end to end: a corpus cut into shards, extracted or ingested
// shard by shard and merged, must give the graph one ingest of the corpus gives — compared as the
// canonical sorted dump (`export --format json`) and as `bangfu stats`.
#include <catch2/catch.hpp>
#include <filesystem>
#include <regex>
#include <sstream>

#include "tests/graph/test_util.hpp"

using namespace bangfu::testing;

namespace {

const std::string kBangfu = BANGFU_BINARY_DIR "/bangfu";
const std::string kGenCorpus = BANGFU_BINARY_DIR "/bench/bench_gen_corpus";

CommandResult run_bangfu(const std::string& args) {
  REQUIRE(std::filesystem::exists(kBangfu));  // build the `bangfu` target before running test_cli
  return run_command(shell_quote(kBangfu) + " " + args);
}

std::string ok(const std::string& args) {
  auto r = run_bangfu(args);
  INFO(args << "\n" << r.output);
  REQUIRE(r.status == 0);
  return r.output;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

std::string quoted(const std::vector<std::string>& items) {
  std::string s;
  for (const auto& i : items) s += shell_quote(i) + " ";
  return s;
}

// The canonical dump and the stats of a graph file (stats without its first line, which names the file).
std::pair<std::string, std::string> fingerprint(const TempDir& dir, const std::string& graph) {
  std::string dump = dir.file("dump.json");
  ok("export -g " + shell_quote(graph) + " --format json -o " + shell_quote(dump));
  std::string stats = ok("stats -g " + shell_quote(graph));
  return {read_file(dump), stats.substr(stats.find('\n') + 1)};
}

// Cuts the corpus's files (in reading order) into `n` consecutive runs and checks that merging the runs'
// fact files, and merging the runs' own graphs, both give the single ingest's graph.
void check_shards(const TempDir& dir, const std::string& corpus, int n) {
  auto files = lines_of(ok("extract --list-files " + shell_quote(corpus)));
  REQUIRE(files.size() >= static_cast<std::size_t>(n));
  std::string single = dir.file("single.graph.json");
  ok("ingest " + shell_quote(corpus) + " -g " + shell_quote(single));
  auto expected = fingerprint(dir, single);
  REQUIRE(expected.first.size() > 100);

  std::vector<std::string> facts, graphs;
  for (int i = 0; i < n; ++i) {
    std::vector<std::string> run(files.begin() + files.size() * i / n, files.begin() + files.size() * (i + 1) / n);
    facts.push_back(dir.file("part-" + std::to_string(i) + ".jsonl"));
    graphs.push_back(dir.file("part-" + std::to_string(i) + ".graph.json"));
    // Half the runs give their paths on stdin, the way an engine's pipe does.
    if (i % 2) {
      write_file(dir.file("paths.txt"), [&] { std::string s; for (auto& f : run) s += f + "\n"; return s; }());
      ok("extract --jsonl - < " + shell_quote(dir.file("paths.txt")) + " > " + shell_quote(facts.back()));
    } else {
      ok("extract --jsonl -j 2 " + quoted(run) + " > " + shell_quote(facts.back()));
    }
    ok("ingest " + quoted(run) + " -g " + shell_quote(graphs.back()));
  }
  // One setup, four merges (Catch sections would redo the setup for each).
  std::string merged = dir.file("merged.graph.json");
  std::vector<std::string> mixed = facts;
  mixed[0] = graphs[0];
  const std::pair<const char*, std::string> merges[] = {
      {"fact files", quoted(facts)},
      {"fact files, two shards given again: their documents count once",
       quoted(facts) + shell_quote(facts[1]) + " " + shell_quote(facts[0]) + " "},
      {"shard graphs", quoted(graphs)},
      {"a shard graph first, then fact files", quoted(mixed)}};
  for (const auto& [what, inputs] : merges) {
    INFO(what);
    ok("merge " + inputs + "-g " + shell_quote(merged));
    CHECK(fingerprint(dir, merged) == expected);
  }
}

}  // namespace

TEST_CASE("merging the examples ingested in 4 shards gives the single ingest's graph", "[cli][merge]") {
  TempDir dir;
  check_shards(dir, BANGFU_SOURCE_DIR "/examples/corpus", 4);
}

TEST_CASE("merging a generated corpus ingested in 4 shards gives the single ingest's graph", "[cli][merge]") {
  if (!std::filesystem::exists(kGenCorpus)) {
    WARN("bench_gen_corpus not built; build the bench targets to run this test");
    return;
  }
  TempDir dir;
  auto r = run_command(shell_quote(kGenCorpus) + " --mb 0.5 --seed 7 --out " + shell_quote(dir.file("corpus")));
  REQUIRE(r.status == 0);
  check_shards(dir, dir.file("corpus"), 4);
}

TEST_CASE("merge replays a changed document by content hash, as a second ingest does", "[cli][merge]") {
  TempDir dir;
  std::filesystem::create_directories(dir.file("v1"));
  std::filesystem::create_directories(dir.file("v2"));
  write_file(dir.file("v1/a.txt"), "江南省人民医院与北岭县人民医院签署组团式帮扶协议。\n");
  write_file(dir.file("v1/b.txt"), "东川市中心医院与西海医科大学附属医院共建区域医疗中心。\n");
  write_file(dir.file("v2/a.txt"), "江南省人民医院派驻专家王立新担任北岭县人民医院副院长。\n");
  std::string single = dir.file("single.graph.json");
  ok("ingest " + shell_quote(dir.file("v1")) + " -g " + shell_quote(single));
  ok("ingest " + shell_quote(dir.file("v2")) + " -g " + shell_quote(single));
  auto expected = fingerprint(dir, single);
  CHECK(expected.first.find("王立新") != std::string::npos);
  CHECK(expected.first.find("组团式帮扶") == std::string::npos);  // v1's a.txt is gone

  ok("extract --jsonl " + shell_quote(dir.file("v1")) + " > " + shell_quote(dir.file("v1.jsonl")));
  ok("extract --jsonl " + shell_quote(dir.file("v2")) + " > " + shell_quote(dir.file("v2.jsonl")));
  std::string merged = dir.file("merged.graph.json");
  auto out = ok("merge " + shell_quote(dir.file("v1.jsonl")) + " " + shell_quote(dir.file("v2.jsonl")) + " -g " +
                shell_quote(merged));
  CHECK(out.find("1 replaced") != std::string::npos);
  CHECK(fingerprint(dir, merged) == expected);
}

TEST_CASE("extract --jsonl writes one fact line per document and warns per bad document", "[cli][merge]") {
  TempDir dir;
  std::filesystem::create_directories(dir.file("c"));
  write_file(dir.file("c/a.txt"), "江南省人民医院与北岭县人民医院签署组团式帮扶协议。\n");
  write_file(dir.file("c/empty.txt"), "  \n");
  write_file(dir.file("c/bad.jsonl"), "{\"id\":\"r1\",\"text\":\"东川市中心医院与西海医科大学附属医院共建区域医疗中心。\"}\n{oops\n");
  // In a group: run_command's own 2>&1 must not fold the warnings into the fact lines.
  REQUIRE(std::filesystem::exists(kBangfu));
  auto r = run_command("{ " + shell_quote(kBangfu) + " extract --jsonl " + shell_quote(dir.file("c")) + " >" +
                       shell_quote(dir.file("out")) + " 2>" + shell_quote(dir.file("err")) + "; }");
  INFO(read_file(dir.file("out")) << read_file(dir.file("err")));
  CHECK(r.status == 3);
  auto lines = lines_of(read_file(dir.file("out")));
  REQUIRE(lines.size() == 2);
  for (const auto& l : lines) CHECK(l.rfind("{\"facts\":1,", 0) == 0);
  CHECK(lines[0].find("\"doc\":\"a.txt\"") != std::string::npos);
  CHECK(lines[1].find("\"doc\":\"r1\"") != std::string::npos);
  CHECK(lines[1].find("\"rel\":\"co_builds\"") != std::string::npos);
  CHECK(lines[1].find("\"begin\":0,\"end\":81,\"rule\":\"co.with\"") != std::string::npos);
  auto err = read_file(dir.file("err"));
  CHECK(err.find("warning: " + dir.file("c/empty.txt")) != std::string::npos);
  CHECK(err.find("bad.jsonl:2") != std::string::npos);

  SECTION("merge reads the lines, warns on damaged ones and exits 3") {
    write_file(dir.file("f.jsonl"), lines[0] + "\n" + "{\"facts\":1,\"doc\":\"x\"}\n" + "not json\n\n" + lines[1] + "\n");
    auto m = run_bangfu("merge " + shell_quote(dir.file("f.jsonl")) + " -g " + shell_quote(dir.file("m.graph.json")));
    INFO(m.output);
    CHECK(m.status == 3);
    CHECK(m.output.find("f.jsonl:2: missing \"hash\"") != std::string::npos);
    CHECK(m.output.find("f.jsonl:3: malformed JSON") != std::string::npos);
    CHECK(m.output.find("merged 2 documents from 1 inputs (2 unreadable)") != std::string::npos);
  }
  SECTION("the gold-format mode still needs a folder") {
    auto g = run_bangfu("extract " + shell_quote(dir.file("c/a.txt")));
    CHECK(g.status != 0);
    CHECK(g.output.find("--out") != std::string::npos);
  }
}
