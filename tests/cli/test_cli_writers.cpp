// The `bangfu` executable against hostile input and racing writers: every command exits 0 or 1 with a
// clear message, two writers of one graph keep each other's work, saves never clobber special files.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>

#include "graph/storage.hpp"
#include "graph/write_lock.hpp"
#include "tests/graph/test_util.hpp"

using namespace bangfu::testing;
namespace fs = std::filesystem;

namespace {

const std::string kBangfu = BANGFU_BINARY_DIR "/bangfu";

std::string bangfu_exe() {
  REQUIRE(fs::exists(kBangfu));  // build the `bangfu` target before running test_cli
  return shell_quote(kBangfu);
}

CommandResult run_bangfu(const std::string& args) { return run_command(bangfu_exe() + " " + args); }

// Two corpora of distinct short articles, `n` each.
void write_corpora(const TempDir& dir, int n) {
  fs::create_directories(dir.file("A"));
  fs::create_directories(dir.file("B"));
  for (int i = 0; i < n; ++i) {
    write_file(dir.file("A/a" + std::to_string(i) + ".txt"),
               "江南省人民医院与北岭县人民医院签署组团式帮扶协议，第" + std::to_string(i) + "批。\n");
    write_file(dir.file("B/b" + std::to_string(i) + ".txt"),
               "东川市中心医院与西海医科大学附属医院共建区域医疗中心，第" + std::to_string(i) + "期。\n");
  }
}

std::string deep_array(std::size_t n) { return std::string(n, '[') + std::string(n, ']'); }

}  // namespace

TEST_CASE("two concurrent ingests of one graph keep every document of both, every time", "[cli][writers][race]") {
  TempDir dir;
  write_corpora(dir, 3);
  for (int run = 0; run < 5; ++run) {
    std::string g = dir.file("g" + std::to_string(run) + ".json");
    auto r = run_command("(" + bangfu_exe() + " ingest " + dir.file("A") + " -g " + g + " > " + dir.file("a.out") +
                         " 2>&1 & " + bangfu_exe() + " ingest " + dir.file("B") + " -g " + g + " > " +
                         dir.file("b.out") + " 2>&1; s=$?; wait $!; t=$?; exit $((s + t)))");
    INFO(read_file(dir.file("a.out")) << read_file(dir.file("b.out")));
    REQUIRE(r.status == 0);
    auto graph = bangfu::graph::load_graph(g);
    for (int i = 0; i < 3; ++i) {
      CHECK(graph.document("a" + std::to_string(i) + ".txt"));
      CHECK(graph.document("b" + std::to_string(i) + ".txt"));
    }
    CHECK_FALSE(fs::exists(g + ".lock"));
  }
}

TEST_CASE("remove racing an ingest is never undone", "[cli][writers][race]") {
  TempDir dir;
  write_corpora(dir, 2);
  for (int run = 0; run < 3; ++run) {
    std::string g = dir.file("g" + std::to_string(run) + ".json");
    REQUIRE(run_bangfu("ingest " + dir.file("A") + " -g " + g).status == 0);
    auto r = run_command("(" + bangfu_exe() + " ingest " + dir.file("B") + " -g " + g + " >/dev/null 2>&1 & sleep 0.05; " +
                         bangfu_exe() + " remove a0.txt -g " + g + "; s=$?; wait $!; t=$?; exit $((s + t)))");
    INFO(r.output);
    REQUIRE(r.status == 0);
    CHECK(r.output.find("removed 1 document") != std::string::npos);
    auto graph = bangfu::graph::load_graph(g);
    CHECK_FALSE(graph.document("a0.txt"));
    CHECK(graph.document("a1.txt"));
    CHECK(graph.document("b0.txt"));
    CHECK(graph.document("b1.txt"));
  }
}

TEST_CASE("a writer that cannot get the lock in --wait names the holder's PID and exits 1", "[cli][writers][lock]") {
  using namespace std::chrono_literals;
  TempDir dir;
  write_corpora(dir, 1);
  std::string g = dir.file("g.json");
  REQUIRE(run_bangfu("ingest " + dir.file("A") + " -g " + g).status == 0);
  std::string before = read_file(g);
  bangfu::graph::WriteLock held(g, 0ms);
  std::string pid = std::to_string(::getpid());
  auto ingest = run_bangfu("ingest " + dir.file("B") + " -g " + g + " --wait 0.3");
  CHECK(ingest.status == 1);
  CHECK(ingest.output.find("graph " + g + " is being written by PID " + pid + "; waiting up to 0.3 s") !=
        std::string::npos);
  CHECK(ingest.output.find("is being written by PID " + pid + " (lock " + g + ".lock); gave up after waiting 0.3 s") != std::string::npos);
  auto remove = run_bangfu("--wait 0 remove a0.txt -g " + g);
  CHECK(remove.status == 1);
  CHECK(remove.output.find("being written by PID " + pid) != std::string::npos);
  auto create = run_bangfu("query -g " + g + " --wait 0 \"CREATE (:Hospital {name: '新医院'})\"");
  CHECK(create.status == 1);
  // merge writes its output graph, which may also be its first input: it waits for the lock too.
  auto merge = run_bangfu("--wait 0 merge " + g + " -g " + g);
  CHECK(merge.status == 1);
  CHECK(merge.output.find("being written by PID " + pid) != std::string::npos);
  CHECK(read_file(g) == before);
  // Readers need no lock.
  CHECK(run_bangfu("stats -g " + g).status == 0);
}

TEST_CASE("a shell's :save does not overwrite what another writer saved since it loaded", "[cli][writers][repl]") {
  TempDir dir;
  write_corpora(dir, 1);
  std::string g = dir.file("g.json");
  REQUIRE(run_bangfu("ingest " + dir.file("A") + " -g " + g).status == 0);
  // The shell loads, an ingest saves meanwhile (run from inside the script), then the shell saves.
  write_file(dir.file("s.cypher"), "CREATE (:Hospital {name: '新医院'});\n:save\n:save " + dir.file("mine.json") +
                                       "\n:save!\n");
  write_file(dir.file("run.sh"), bangfu_exe() + " ingest " + dir.file("B") + " -g " + g + " >/dev/null\n");
  // The shell's first command writes a marker: once it exists, the shell has loaded the graph.
  std::string marker = shell_quote(dir.file("loaded.graphml"));
  auto r = run_command("(echo ':export graphml " + dir.file("loaded.graphml") + "'; i=0; while [ ! -e " + marker +
                       " ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i+1)); done; sh " + shell_quote(dir.file("run.sh")) +
                       "; cat " + shell_quote(dir.file("s.cypher")) + ") | " + bangfu_exe() + " repl -g " + g + " 2>&1");
  INFO(r.output);
  CHECK(r.status == 1);  // the first :save failed
  CHECK(r.output.find("was saved by another process since this shell loaded it; not saved") != std::string::npos);
  auto mine = bangfu::graph::load_graph(dir.file("mine.json"));
  CHECK(mine.find_canonical("新医院"));
  auto after = bangfu::graph::load_graph(g);  // :save! then overwrote on purpose
  CHECK(after.find_canonical("新医院"));
}

TEST_CASE("ingest through a symlinked graph keeps the link and writes its target", "[cli][writers][symlink]") {
  TempDir dir;
  write_corpora(dir, 1);
  std::string real = dir.file("real.json"), link = dir.file("link.json");
  REQUIRE(run_bangfu("ingest " + dir.file("A") + " -g " + real).status == 0);
  fs::create_symlink("real.json", link);
  auto r = run_bangfu("ingest " + dir.file("B") + " -g " + link);
  INFO(r.output);
  REQUIRE(r.status == 0);
  CHECK(fs::is_symlink(link));
  auto graph = bangfu::graph::load_graph(real);
  CHECK(graph.document("a0.txt"));
  CHECK(graph.document("b0.txt"));
}

TEST_CASE("export and :save refuse devices and FIFOs and never print success", "[cli][writers][special]") {
  TempDir dir;
  write_corpora(dir, 1);
  std::string g = dir.file("g.json");
  REQUIRE(run_bangfu("ingest " + dir.file("A") + " -g " + g).status == 0);
  std::string fifo = dir.file("f");
  REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
  for (std::string target : {fifo, std::string("/dev/full"), std::string("/dev/null")}) {
    auto r = run_bangfu("export -g " + g + " -o " + target);
    INFO(r.output);
    CHECK(r.status == 1);
    CHECK(r.output.find("not a regular file; refusing to replace it") != std::string::npos);
    CHECK(r.output.find("exported") == std::string::npos);
  }
  CHECK(fs::is_fifo(fifo));
  auto repl = run_command("printf ':save /dev/full\\n:export graphml " + fifo + "\\n' | " + bangfu_exe() + " repl -g " + g);
  INFO(repl.output);
  CHECK(repl.status == 1);
  CHECK(repl.output.find("saved") == std::string::npos);
  CHECK(repl.output.find("exported") == std::string::npos);
  CHECK(repl.output.find("character device") != std::string::npos);
  CHECK(repl.output.find("FIFO") != std::string::npos);
}

TEST_CASE("a deeply nested document is a warning: the folder, the shell and graph readers survive", "[cli][writers][depth]") {
  TempDir dir;
  write_corpora(dir, 1);
  write_file(dir.file("A/deep.json"), "{\"text\":\"江南省帮扶。\",\"x\":" + deep_array(100000) + "}");
  std::string g = dir.file("g.json");
  auto r = run_bangfu("ingest " + dir.file("A") + " -g " + g);
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK(r.output.find("deep.json: JSON nested deeper than 512 levels") != std::string::npos);
  CHECK(r.output.find("ingested 1 documents (1 unreadable)") != std::string::npos);
  auto shell = run_command("printf ':ingest " + dir.file("A/deep.json") + "\\nRETURN 41 + 1 AS x;\\n' | " + bangfu_exe() +
                           " repl -g " + g);
  INFO(shell.output);
  CHECK(shell.status == 1);
  CHECK(shell.output.find("42") != std::string::npos);
  write_file(dir.file("d.json"), "{\"format\":\"bangfu-graph\",\"version\":1,\"x\":" + deep_array(100000) + "}");
  for (const std::string& cmd : std::vector<std::string>{"stats", "query 'RETURN 1'", "who 江南省", "export -o " + dir.file("o.graphml")}) {
    auto bad = run_bangfu(cmd + " -g " + dir.file("d.json"));
    INFO(cmd << ": " << bad.output);
    CHECK(bad.status == 1);
    CHECK(bad.output.find("nested deeper than 512 levels") != std::string::npos);
  }
}

TEST_CASE("ingest --max-document-size skips a larger document with a warning", "[cli][writers][size]") {
  TempDir dir;
  write_corpora(dir, 1);
  write_file(dir.file("A/big.txt"), std::string(3 << 20, 'x'));
  auto r = run_bangfu("ingest " + dir.file("A") + " -g " + dir.file("g.json") + " --max-document-size 2");
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK(r.output.find("big.txt: file of 3.0 MiB larger than the 2.0 MiB limit for one document skipped") !=
        std::string::npos);
}

TEST_CASE("bangfu import: GBK bytes are refused with the line, or converted with --encoding", "[cli][writers][csv]") {
  TempDir dir;
  std::string g = dir.file("g.json");
  write_file(dir.file("n.csv"), "id,name,type\na,\xB1\xB1\xBE\xA9\xCA\xD0,City\n");  // 北京市 in GBK
  auto r = run_bangfu("import --nodes " + dir.file("n.csv") + " -g " + g);
  CHECK(r.status == 1);
  CHECK(r.output.find("n.csv:2: not UTF-8") != std::string::npos);
  CHECK_FALSE(fs::exists(g));
  auto ok = run_bangfu("import --nodes " + dir.file("n.csv") + " --encoding GBK -g " + g);
  INFO(ok.output);
  REQUIRE(ok.status == 0);
  CHECK(bangfu::graph::load_graph(g).find_canonical("北京市"));
}
