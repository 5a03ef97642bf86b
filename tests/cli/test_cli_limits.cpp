// The query limits from the command line: --timeout on `query` and `repl`, :timeout in the shell, and
// hostile statements that end with exit status 1 and a clear message (issue 15), never a signal.
#include <filesystem>

#include "tests/cli/test_repl_util.hpp"

using namespace bangfu::testing;

namespace {

const char* const kEndless = "UNWIND range(1, 9223372036854775807) AS x RETURN count(x)";

}  // namespace

TEST_CASE("bangfu query --timeout stops an endless statement with exit status 1", "[cli][limits]") {
  auto r = run_split(shell_quote(kBangfu) + " query --timeout 0.2 -g " + shell_quote(example_graph()) + " '" +
                     kEndless + "'");
  INFO("stdout:\n" << r.out << "\nstderr:\n" << r.err);
  CHECK(r.status == 1);
  CHECK(r.err.find("time limit of 200 ms") != std::string::npos);
  auto bad = run_split(shell_quote(kBangfu) + " query --timeout -1 -g " + shell_quote(example_graph()) + " 'RETURN 1'");
  CHECK(bad.status != 0);
  CHECK(bad.err.find("timeout") != std::string::npos);
}

TEST_CASE(":timeout in a piped shell applies to the statements after it", "[cli][limits][repl]") {
  auto r = run_piped(example_graph(), std::string(":timeout 0.2\n") + kEndless + ";\nRETURN 'after' AS a;\n");
  INFO("stdout:\n" << r.out << "\nstderr:\n" << r.err);
  CHECK(r.status != 0);
  CHECK(r.err.find("time limit of 200 ms") != std::string::npos);
  CHECK(r.out.find("after") != std::string::npos);
  auto bad = run_piped(example_graph(), ":timeout soon\n");
  CHECK(bad.err.find("a timeout is a number of seconds") != std::string::npos);
}

TEST_CASE("hostile statements from the issue end with a message and exit status 1", "[cli][limits]") {
  TempDir dir;
  std::string script = dir.file("deep.cypher");
  std::string deep = "RETURN ";
  for (int i = 0; i < 100000; ++i) deep += "NOT ";
  write_file(script, deep + "true;\n");
  auto r = run_split(shell_quote(kBangfu) + " query -g " + shell_quote(example_graph()) + " --file " +
                     shell_quote(script));
  CHECK(r.status == 1);
  CHECK(r.err.find("nested too deeply") != std::string::npos);
  auto json = run_split(shell_quote(kBangfu) + " query -f json -g " + shell_quote(example_graph()) +
                        " \"RETURN '\\uD800' AS s\"");
  CHECK(json.status == 1);
  CHECK(json.err.find("surrogate") != std::string::npos);
}
