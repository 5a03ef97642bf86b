// Progress lines of ingest, import and the shell's :ingest: drawn on stderr when it is a terminal (run
// under a pseudo-terminal by util-linux `script`), never when stderr is a pipe or a file, and not with
// --quiet. The inputs are generated big enough to take a few tenths of a second.
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "tests/cli/test_repl_util.hpp"

using namespace bangfu::testing;

namespace {

// Runs `command` with stdin, stdout and stderr on a fresh pseudo-terminal; returns what it showed.
CommandResult run_in_pty(const std::string& command) {
  return run_command("script -qec " + shell_quote(command) + " /dev/null < /dev/null");
}

// A jsonl corpus of `n` short articles, each with one support relation.
std::string make_corpus(const TempDir& dir, int n) {
  std::string path = dir.file("corpus.jsonl");
  std::ofstream out(path);
  std::string text;
  for (int i = 0; i < 6; ++i) text += "湖南省人民医院向凤凰县人民医院派驻医疗队，谭永康担任凤凰县人民医院副院长。";
  for (int i = 0; i < n; ++i) out << "{\"id\":\"r" << i << "\",\"text\":\"" << text << i << "\"}\n";
  return path;
}

void make_csv(const TempDir& dir, int n) {
  std::ofstream nodes(dir.file("nodes.csv")), edges(dir.file("edges.csv"));
  nodes << "id,name,type\n";
  edges << "src,dst,rel\n";
  for (int i = 0; i < n; ++i) {
    nodes << "n" << i << ",机构" << i << ",Organization\n";
    if (i) edges << "n" << i - 1 << ",n" << i << ",partners_with\n";
  }
}

bool has_progress(const std::string& shown, const std::string& job, const std::string& items) {
  auto at = shown.find("\r" + job + ": ");
  if (at == std::string::npos) return false;
  std::string line = shown.substr(at, shown.find('\x1b', at) - at);
  return line.find(" " + items + " · ") != std::string::npos && line.find(" MB · ") != std::string::npos &&
         line.find(" MB/s") != std::string::npos && line.find("ETA ") != std::string::npos;
}

bool need_script() {
  if (have_program("script")) return true;
  WARN("util-linux `script` not installed: pty checks skipped");
  return false;
}

}  // namespace

TEST_CASE("ingest shows a progress line in a terminal, none in a pipe, none with --quiet", "[cli][progress]") {
  if (!need_script()) return;
  TempDir dir;
  std::string corpus = make_corpus(dir, 2000);
  std::string bangfu = shell_quote(kBangfu) + " ingest " + shell_quote(corpus);

  auto tty = run_in_pty(bangfu + " -g " + shell_quote(dir.file("a.graph.json")));
  INFO(tty.output);
  REQUIRE(tty.status == 0);
  CHECK(has_progress(tty.output, "ingest", "documents"));
  char total[32];  // out of the corpus's size, known up front
  std::snprintf(total, sizeof total, "/%.1f MB", static_cast<double>(std::filesystem::file_size(corpus)) / 1e6);
  CHECK(tty.output.find(total) != std::string::npos);
  // The line is taken away before the summary, which starts on a clean line.
  CHECK(tty.output.find("\r\x1b[Kingested 2000 documents") != std::string::npos);

  auto piped = run_split(bangfu + " -g " + shell_quote(dir.file("b.graph.json")) + " | cat");
  CHECK(piped.status == 0);
  CHECK(piped.err == "");
  CHECK(piped.out.find("ingested 2000 documents") == 0);

  auto quiet = run_in_pty(bangfu + " --quiet -g " + shell_quote(dir.file("c.graph.json")));
  INFO(quiet.output);
  CHECK(quiet.status == 0);
  CHECK(quiet.output.find("ingest: ") == std::string::npos);
  CHECK(quiet.output.find("ingested 2000 documents") != std::string::npos);

  // With several threads the line is the same kind.
  auto jobs = run_in_pty(bangfu + " -j 2 -g " + shell_quote(dir.file("d.graph.json")));
  INFO(jobs.output);
  CHECK(has_progress(jobs.output, "ingest", "documents"));
}

TEST_CASE("import shows a progress line in a terminal and none in a pipe", "[cli][progress]") {
  if (!need_script()) return;
  TempDir dir;
  make_csv(dir, 100000);
  std::string args = " import --nodes " + shell_quote(dir.file("nodes.csv")) + " --edges " +
                     shell_quote(dir.file("edges.csv"));
  auto tty = run_in_pty(shell_quote(kBangfu) + args + " -g " + shell_quote(dir.file("a.graph.json")));
  INFO(tty.output);
  REQUIRE(tty.status == 0);
  CHECK(has_progress(tty.output, "import", "rows"));
  CHECK(tty.output.find("imported 100000 nodes") != std::string::npos);

  auto piped = run_split(shell_quote(kBangfu) + args + " -g " + shell_quote(dir.file("b.graph.json")));
  CHECK(piped.status == 0);
  CHECK(piped.err == "");
  auto quiet = run_in_pty(shell_quote(kBangfu) + args + " -q -g " + shell_quote(dir.file("c.graph.json")));
  CHECK(quiet.output.find("import: ") == std::string::npos);
}

TEST_CASE("the shell's :ingest shows progress when stderr is a terminal, not otherwise", "[cli][progress][repl]") {
  if (!need_script()) return;
  TempDir dir;
  std::string corpus = make_corpus(dir, 2000);
  write_file(dir.file("cmds"), ":ingest " + corpus + "\n");
  std::string repl = shell_quote(kBangfu) + " repl -g " + shell_quote(dir.file("g.graph.json"));

  auto tty = run_in_pty(repl + " < " + shell_quote(dir.file("cmds")));
  INFO(tty.output);
  REQUIRE(tty.status == 0);
  CHECK(has_progress(tty.output, "ingest", "documents"));
  CHECK(tty.output.find("ingested 2000 documents") != std::string::npos);

  auto piped = run_piped(dir.file("h.graph.json"), ":ingest " + corpus + "\n");
  CHECK(piped.status == 0);
  CHECK(piped.err == "");
  auto quiet = run_in_pty(repl + " --quiet < " + shell_quote(dir.file("cmds")));
  CHECK(quiet.output.find("ingest: ") == std::string::npos);
}
