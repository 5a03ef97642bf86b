// The shell with stdin not a terminal: results on stdout and nothing else, errors on stderr saying
// where, later statements still run, exit status non-zero when something failed. Also :read, the
// example query scripts, and `bangfu who` / `bangfu path` agreeing with :who / :path.
#include <filesystem>
#include <regex>

#include "tests/cli/test_repl_util.hpp"

using namespace bangfu::testing;

namespace {

std::string copy_of_example(const TempDir& dir) {
  std::string g = dir.file("example.graph.json");
  std::filesystem::copy_file(example_graph(), g);
  return g;
}

}  // namespace

TEST_CASE("piped statements print only their results and exit 0", "[cli][repl][pipe]") {
  auto r = run_piped(example_graph(),
                     "MATCH (n) RETURN count(*) AS nodes;\n"
                     "// a comment line, then a statement over three lines\n"
                     "MATCH (a)-[r:帮扶]->(b)\n"
                     "RETURN a.name AS supporter, b.name AS supported\n"
                     "ORDER BY supporter LIMIT 2;\n"
                     ":mode csv\n"
                     "RETURN 'x, y' AS quoted, 7 AS n;\n"
                     ":mode jsonl\n"
                     "RETURN 1 AS one; RETURN 2 AS two;\n"
                     ":timing off\n"
                     "RETURN 'no semicolon at the end' AS last");
  INFO("stdout:\n" << r.out << "\nstderr:\n" << r.err);
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out.find("bangfu shell") == std::string::npos);  // no banner
  CHECK(r.out.find("bangfu(") == std::string::npos);       // no prompt
  CHECK(r.out.find("mode:") == std::string::npos);         // settings are not acknowledged
  CHECK(r.out.find("timing:") == std::string::npos);
  CHECK(std::regex_search(r.out, std::regex(R"(\| nodes \|\n\+-+\+\n\| \d+ +\|)")));
  CHECK(r.out.find("| supporter") != std::string::npos);
  CHECK(r.out.find("2 rows\n") != std::string::npos);
  CHECK(r.out.find("quoted,n\r\n\"x, y\",7\r\n") != std::string::npos);
  CHECK(r.out.find("{\"one\":1}\n{\"two\":2}\n") != std::string::npos);
  CHECK(r.out.find("{\"last\":\"no semicolon at the end\"}\n") != std::string::npos);
  // Scripts get every row: the terminal's default row limit is not for them.
  auto all = run_piped(example_graph(), "MATCH (n) RETURN n.name;");
  CHECK(all.status == 0);
  CHECK(all.out.find("showing") == std::string::npos);
}

TEST_CASE("a failing statement in a piped script: caret message on stderr, the rest runs, exit non-zero", "[cli][repl][pipe]") {
  auto r = run_piped(example_graph(),
                     "RETURN 'before' AS a;\n"
                     "\n"
                     "MATCH (n\n"
                     "RETURN n;\n"
                     "RETURN 'after' AS b;\n"
                     ":nosuchcommand\n"
                     "RETURN 'end' AS c;\n");
  INFO("stdout:\n" << r.out << "\nstderr:\n" << r.err);
  CHECK(r.status == 1);
  CHECK(r.out.find("| before |") != std::string::npos);
  CHECK(r.out.find("| after |") != std::string::npos);
  CHECK(r.out.find("| end |") != std::string::npos);
  CHECK(r.out.find("error") == std::string::npos);  // errors stay off stdout
  // Where in the script (the statement starts on line 3), where in the statement, and a caret under it.
  CHECK(r.err.find("<stdin>:3: error: line 2, column 1: expected") != std::string::npos);
  CHECK(r.err.find("\n  RETURN n\n  ^\n") != std::string::npos);
  CHECK(r.err.find("<stdin>:6: error: unknown command :nosuchcommand") != std::string::npos);

  auto runtime = run_piped(example_graph(), "RETURN 1 / 0 AS x;\nRETURN 2 AS y;\n");
  INFO("stdout:\n" << runtime.out << "\nstderr:\n" << runtime.err);
  CHECK(runtime.status == 1);
  CHECK(runtime.err.find("<stdin>:1: error:") != std::string::npos);
  CHECK(runtime.out.find("| 2 |") != std::string::npos);
}

TEST_CASE(":read runs a script file from a piped session and from inside another script", "[cli][repl][pipe]") {
  TempDir dir;
  write_file(dir.file("inner.cypher"), "RETURN 'inner' AS who;\n:mode jsonl\nRETURN 41 + 1 AS answer;\n");
  write_file(dir.file("bad.cypher"), "RETURN 'fine' AS f;\nRETURN nosuchvariable;\n");
  write_file(dir.file("self.cypher"), ":read " + dir.file("self.cypher") + "\n");

  auto r = run_piped(example_graph(), ":read " + dir.file("inner.cypher") + "\nRETURN 'outer' AS who;\n");
  INFO("stdout:\n" << r.out << "\nstderr:\n" << r.err);
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out.find("| inner |") != std::string::npos);
  CHECK(r.out.find("{\"answer\":42}\n") != std::string::npos);
  CHECK(r.out.find("{\"who\":\"outer\"}\n") != std::string::npos);  // the mode set inside stays

  auto bad = run_piped(example_graph(), ":read " + dir.file("bad.cypher") + "\nRETURN 'after' AS a;\n");
  INFO("stdout:\n" << bad.out << "\nstderr:\n" << bad.err);
  CHECK(bad.status == 1);
  CHECK(bad.out.find("| fine |") != std::string::npos);
  CHECK(bad.out.find("| after |") != std::string::npos);
  CHECK(bad.err.find(dir.file("bad.cypher") + ":2: error:") != std::string::npos);
  CHECK(bad.err.find("1 statement(s) in " + dir.file("bad.cypher") + " failed") != std::string::npos);

  auto missing = run_piped(example_graph(), ":read " + dir.file("nothere.cypher") + "\n");
  CHECK(missing.status == 1);
  CHECK(missing.err.find("cannot read " + dir.file("nothere.cypher")) != std::string::npos);

  auto loop = run_piped(example_graph(), ":read " + dir.file("self.cypher") + "\n");
  CHECK(loop.status == 1);
  CHECK(loop.err.find("nested too deeply") != std::string::npos);
}

TEST_CASE("the example query scripts run piped and through :read", "[cli][repl][pipe][examples]") {
  std::filesystem::path dir = BANGFU_SOURCE_DIR "/examples/queries";
  std::vector<std::string> scripts;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".cypher") scripts.push_back(e.path().string());
  REQUIRE(scripts.size() >= 3);
  for (const auto& script : scripts) {
    auto r = run_split(shell_quote(kBangfu) + " repl -g " + shell_quote(example_graph()) + " < " + shell_quote(script));
    INFO(script << "\nstdout:\n" << r.out << "\nstderr:\n" << r.err);
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    CHECK(occurrences(r.out, " rows\n") + occurrences(r.out, " row\n") >= 2);  // every statement printed a table
    CHECK(r.out.find("(no rows)") == std::string::npos);                      // and found something

    auto read = run_piped(example_graph(), ":read " + script + "\n");
    CHECK(read.status == 0);
    CHECK(read.out == r.out);
  }
}

TEST_CASE("piped :who and :path: ambiguous and unknown names, and the same reports as bangfu who / path", "[cli][repl][pipe][who]") {
  TempDir dir;
  std::string g = copy_of_example(dir);
  // Two entities of one name: the report must list both and ask which.
  auto made = run_split(shell_quote(kBangfu) + " query -g " + shell_quote(g) +
                        " \"CREATE (:Hospital {name: '东岭医院'}), (:Agency {name: '东岭医院'})\"");
  REQUIRE(made.status == 0);
  auto r = run_piped(g, ":who 东岭医院\n:who 东岭医\n:path 东岭医院 东岭医院\n");
  INFO("stdout:\n" << r.out << "\nstderr:\n" << r.err);
  CHECK(r.status == 1);
  CHECK(r.err.find("'东岭医院' names 2 entities") != std::string::npos);
  CHECK(r.err.find("东岭医院 (Hospital)") != std::string::npos);
  CHECK(r.err.find("东岭医院 (Agency)") != std::string::npos);
  CHECK(r.err.find("which one?") != std::string::npos);
  CHECK(r.err.find("no entity named '东岭医'; did you mean: 东岭医院") != std::string::npos);
  auto cli = run_split(shell_quote(kBangfu) + " who 东岭医院 -g " + shell_quote(g));
  CHECK(cli.status == 2);
  CHECK(cli.err.find("names 2 entities") != std::string::npos);

  // A direct support edge of the example graph, looked up through the shell and the subcommands.
  auto edge = run_piped(g, ":mode csv\nMATCH (a)-[:supports]->(b) RETURN a.name, b.name ORDER BY a.name, b.name LIMIT 1;\n");
  REQUIRE(edge.status == 0);
  std::smatch m;
  REQUIRE(std::regex_search(edge.out, m, std::regex("\r\n([^,\r\n]+),([^,\r\n]+)\r\n")));
  std::string from = m[1], to = m[2];
  auto who = run_piped(g, ":who " + to + "\n");
  auto who_cli = run_split(shell_quote(kBangfu) + " who " + shell_quote(to) + " -g " + shell_quote(g));
  INFO(who.out << who.err);
  CHECK(who.status == 0);
  CHECK(who_cli.status == 0);
  CHECK(who.out == who_cli.out);
  CHECK(who.out.find("Supported by:\n  " + from) != std::string::npos);
  auto path = run_piped(g, ":path " + from + " " + to + "\n");
  auto path_cli = run_split(shell_quote(kBangfu) + " path " + shell_quote(from) + " " + shell_quote(to) + " -g " + shell_quote(g));
  INFO(path.out << path.err);
  CHECK(path.status == 0);
  CHECK(path.out == path_cli.out);
  CHECK(std::regex_search(path.out, std::regex(" supports .* in 1 hop:\n  1\\. ")));
  CHECK(path.out.find("“") != std::string::npos);
}
