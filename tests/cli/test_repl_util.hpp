// Shell test helpers: the example graph built once per test process, and running `bangfu` with its
// stdout and stderr kept apart (piped use promises results on one and errors on the other).
#pragma once
#include <catch2/catch.hpp>
#include <filesystem>
#include <memory>
#include <string>

#include "tests/graph/test_util.hpp"

namespace bangfu::testing {

inline const std::string kBangfu = BANGFU_BINARY_DIR "/bangfu";

struct SplitResult {
  int status = -1;
  std::string out, err;
};

// Runs `command` through the shell with stdout and stderr captured separately.
inline SplitResult run_split(const std::string& command) {
  static TempDir scratch;
  static int n = 0;
  std::string err_file = scratch.file("stderr-" + std::to_string(++n));
  // The subshell keeps our redirection ahead of the 2>&1 run_command adds.
  auto r = run_command("( " + command + " 2>" + shell_quote(err_file) + " )");
  SplitResult s;
  s.status = r.status;
  s.out = r.output;
  s.err = read_file(err_file);
  return s;
}

// `bangfu repl -g GRAPH` reading `script` on stdin.
inline SplitResult run_piped(const std::string& graph, const std::string& script) {
  static TempDir scratch;
  static int n = 0;
  std::string file = scratch.file("script-" + std::to_string(++n) + ".cypher");
  write_file(file, script);
  return run_split(shell_quote(kBangfu) + " repl -g " + shell_quote(graph) + " < " + shell_quote(file));
}

// The graph `bangfu ingest` makes of examples/corpus, built on first use (a copy per caller would
// let tests that change it disturb each other: callers that edit must copy it).
inline const std::string& example_graph() {
  static TempDir dir;
  static std::string path;
  if (path.empty()) {
    REQUIRE(std::filesystem::exists(kBangfu));  // build the `bangfu` target before running test_cli
    std::string g = dir.file("example.graph.json");
    auto r = run_command(shell_quote(kBangfu) + " ingest " + shell_quote(BANGFU_SOURCE_DIR "/examples/corpus") +
                         " -g " + shell_quote(g));
    INFO(r.output);
    REQUIRE(r.status == 0);
    path = g;
  }
  return path;
}

inline std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + what.size())) ++n;
  return n;
}

}  // namespace bangfu::testing
