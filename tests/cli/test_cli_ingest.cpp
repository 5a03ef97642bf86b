// The `bangfu` executable end to end on articles: ingest (idempotent, replacing), extract, eval.
#include <catch2/catch.hpp>
#include <filesystem>
#include <regex>

#include "graph/storage.hpp"
#include "tests/graph/test_util.hpp"

using namespace bangfu::testing;

namespace {

const std::string kBangfu = BANGFU_BINARY_DIR "/bangfu";

CommandResult run_bangfu(const std::string& args) {
  REQUIRE(std::filesystem::exists(kBangfu));  // build the `bangfu` target before running test_cli
  return run_command(shell_quote(kBangfu) + " " + args);
}

// Our own short articles, phrased the way support news is.
void write_corpus(const TempDir& dir) {
  std::filesystem::create_directories(dir.file("corpus"));
  write_file(dir.file("corpus/a.txt"),
             "江南省对口支援北岭县工作会召开\n"
             "发布时间：2023-04-02 来源：江南日报\n"
             "近日，江南省人民医院与北岭县人民医院签署组团式帮扶协议。"
             "江南省人民医院派驻专家王立新担任北岭县人民医院副院长。\n"
             "责任编辑：李明\n");
  write_file(dir.file("corpus/b.txt"),
             "东川市卫生健康局投入资金3000万元，支持东川市中心医院建设区域医疗中心。\n"
             "东川市中心医院与西海医科大学附属医院共建区域医疗中心。\n");
}

std::string last_lines(const std::string& text, int n) {
  std::size_t pos = text.size();
  if (pos && text[pos - 1] == '\n') --pos;
  while (n-- > 0 && pos != std::string::npos && pos > 0) pos = text.rfind('\n', pos - 1);
  return pos == std::string::npos ? text : text.substr(pos + 1);
}

}  // namespace

TEST_CASE("bangfu ingest builds a graph, re-ingest is idempotent, a changed article replaces", "[cli][ingest]") {
  TempDir dir;
  write_corpus(dir);
  std::string g = dir.file("g.graph.json");
  auto r = run_bangfu("ingest " + dir.file("corpus") + " -g " + g);
  INFO(r.output);
  REQUIRE(r.status == 0);
  std::smatch m;
  REQUIRE(std::regex_search(r.output, m, std::regex(R"(ingested 2 documents: (\d+) entities, (\d+) relations; graph: (\d+) nodes, (\d+) edges)")));
  CHECK(std::stoi(m[1]) > 0);
  CHECK(std::stoi(m[3]) > 0);
  auto graph = bangfu::graph::load_graph(g);
  CHECK(graph.document("a.txt"));
  CHECK(graph.document("b.txt"));
  std::string nodes = m[3], edges = m[4];

  auto again = run_bangfu("ingest " + dir.file("corpus") + " -g " + g);
  INFO(again.output);
  CHECK(again.output.find("ingested 2 documents (2 unchanged): 0 entities, 0 relations; graph: " + nodes + " nodes, " +
                          edges + " edges") != std::string::npos);

  write_file(dir.file("corpus/b.txt"), "东川市中心医院今天举行义诊活动。\n");
  auto changed = run_bangfu("ingest " + dir.file("corpus") + " -g " + g);
  INFO(changed.output);
  CHECK(changed.output.find("(1 unchanged, 1 replaced)") != std::string::npos);
  auto after = bangfu::graph::load_graph(g);
  for (auto ei : after.edges())
    for (const auto& ev : after.evidence(ei)) CHECK(ev.sentence.find("共建") == std::string::npos);

  auto removed = run_bangfu("remove a.txt -g " + g);
  CHECK(removed.status == 0);
}

TEST_CASE("bangfu ingest of nothing readable is an error and writes no graph", "[cli][ingest]") {
  TempDir dir;
  std::string g = dir.file("g.graph.json");
  auto missing = run_bangfu("ingest " + dir.file("nowhere") + " -g " + g);
  CHECK(missing.status == 1);
  CHECK(missing.output.find("nowhere") != std::string::npos);
  CHECK(missing.output.find("no documents read") != std::string::npos);
  std::filesystem::create_directories(dir.file("empty"));
  auto empty = run_bangfu("ingest " + dir.file("empty") + " -g " + g);
  CHECK(empty.status == 1);
  CHECK(!std::filesystem::exists(g));

  // One bad file among good ones is a warning naming it; the rest is ingested.
  write_corpus(dir);
  write_file(dir.file("corpus/broken.json"), "{\"id\": \"x\", \"text\": ");
  auto mixed = run_bangfu("ingest " + dir.file("corpus") + " -g " + g);
  INFO(mixed.output);
  CHECK(mixed.status == 0);
  CHECK(mixed.output.find("warning: " + dir.file("corpus/broken.json")) != std::string::npos);
  CHECK(mixed.output.find("ingested 2 documents (1 unreadable)") != std::string::npos);
}

TEST_CASE("bangfu ingest --jobs builds the same graph and says the same as one thread", "[cli][ingest]") {
  TempDir dir;
  write_corpus(dir);
  // Same file name (so the same document id) in two folders with different texts: the later one
  // replaces the earlier whatever the number of threads; an exact copy is unchanged.
  std::filesystem::create_directories(dir.file("corpus/more"));
  std::filesystem::create_directories(dir.file("corpus/zcopy"));
  for (int i = 0; i < 12; ++i)
    write_file(dir.file("corpus/more/n" + std::to_string(i) + ".txt"),
               "南山市人民医院对口帮扶北岭县第" + std::to_string(i + 1) + "人民医院。\n");
  write_file(dir.file("corpus/more/a.txt"), "西海医科大学附属医院托管北岭县中医医院。\n");
  write_file(dir.file("corpus/zcopy/b.txt"), read_file(dir.file("corpus/b.txt")));
  std::string one = dir.file("one.graph.json"), many = dir.file("many.graph.json");
  auto r1 = run_bangfu("ingest " + dir.file("corpus") + " -g " + one + " --jobs 1");
  auto r3 = run_bangfu("ingest " + dir.file("corpus") + " -g " + many + " -j 3");
  INFO(r1.output);
  INFO(r3.output);
  REQUIRE(r1.status == 0);
  REQUIRE(r3.status == 0);
  CHECK(last_lines(r1.output, 1) == last_lines(r3.output, 1));
  CHECK(r1.output.find("1 unchanged, 1 replaced") != std::string::npos);
  CHECK(read_file(one) == read_file(many));
  auto g = bangfu::graph::load_graph(many);
  CHECK(g.document("a.txt"));
  auto again = run_bangfu("ingest " + dir.file("corpus") + " -g " + many + " -j 0");  // 0: one thread per core
  INFO(again.output);
  CHECK(again.status == 0);
  CHECK(again.output.find("2 replaced") != std::string::npos);  // a.txt, then its namesake, again
  CHECK(run_bangfu("ingest " + dir.file("corpus") + " -g " + many + " --jobs 999").status != 0);
}

TEST_CASE("bangfu extract writes one gold-format file per document and eval scores them", "[cli][ingest]") {
  TempDir dir;
  write_corpus(dir);
  auto r = run_bangfu("extract " + dir.file("corpus") + " --out " + dir.file("out"));
  INFO(r.output);
  REQUIRE(r.status == 0);
  REQUIRE(std::filesystem::exists(dir.file("out/a.json")));
  REQUIRE(std::filesystem::exists(dir.file("out/b.json")));
  std::string a = read_file(dir.file("out/a.json"));
  CHECK(a.find("\"doc\": \"a.txt\"") != std::string::npos);
  CHECK(a.find("\"entities\"") != std::string::npos);

  // The extraction scored against itself as gold is perfect.
  auto e = run_bangfu("eval --gold " + dir.file("out") + " " + dir.file("corpus"));
  INFO(e.output);
  REQUIRE(e.status == 0);
  CHECK(last_lines(e.output, 2) == "entities P=1.000 R=1.000 F1=1.000\nrelations P=1.000 R=1.000 F1=1.000\n");
  CHECK(e.output.find("relations by rel") != std::string::npos);

  auto bad = run_bangfu("eval --gold " + dir.file("no-gold") + " " + dir.file("corpus"));
  CHECK(bad.status == 1);
  CHECK(bad.output.find("no-gold") != std::string::npos);
}

TEST_CASE("bangfu eval on the shared dev set ends with the two score lines", "[cli][ingest][shared]") {
  if (!std::filesystem::is_directory(BANGFU_SHARED_DIR "/corpus/gold")) {
    WARN("shared dev set not present: skipped");
    return;
  }
  auto e = run_bangfu("eval --misses --gold " BANGFU_SHARED_DIR "/corpus/gold " BANGFU_SHARED_DIR "/corpus/seeds");
  INFO(e.output);
  REQUIRE(e.status == 0);
  CHECK(std::regex_search(last_lines(e.output, 2),
                          std::regex(R"(^entities P=\d\.\d{3} R=\d\.\d{3} F1=\d\.\d{3}\nrelations P=\d\.\d{3} R=\d\.\d{3} F1=\d\.\d{3}\n$)")));
  CHECK(e.output.find("documents: 4") != std::string::npos);
}

TEST_CASE("ingest, extract and eval have one-screen help", "[cli][ingest]") {
  for (std::string cmd : {"ingest", "extract", "eval"}) {
    auto r = run_bangfu(cmd + " --help");
    CHECK(r.status == 0);
    CHECK(r.output.find("Usage: bangfu " + cmd) != std::string::npos);
    CHECK(std::count(r.output.begin(), r.output.end(), '\n') < 40);
  }
}
