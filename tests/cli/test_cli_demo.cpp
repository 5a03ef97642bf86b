// The main job end to end on the shipped example corpus: ingest, stats, GraphML for Gephi, evidence.
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <regex>

#include <boost/range/iterator_range.hpp>

#include "graph/storage.hpp"
#include "ingest/load.hpp"
#include "tests/graph/test_util.hpp"

using namespace bangfu::testing;

namespace {

const std::string kBangfu = BANGFU_BINARY_DIR "/bangfu";
const std::string kCorpus = BANGFU_SOURCE_DIR "/examples/corpus";

CommandResult run_bangfu(const std::string& args) {
  REQUIRE(std::filesystem::exists(kBangfu));  // build the `bangfu` target before running test_cli
  return run_command(shell_quote(kBangfu) + " " + args);
}

// "nodes: 92" → 92, from `bangfu stats`.
long stat_value(const std::string& stats, const std::string& key) {
  std::smatch m;
  REQUIRE(std::regex_search(stats, m, std::regex("(^|\n)" + key + ": ([0-9]+)")));
  return std::stol(m[2]);
}

std::string example_graph(const TempDir& dir) {
  std::string graph = dir.file("examples.graph.json");
  auto r = run_bangfu("ingest " + shell_quote(kCorpus) + " -g " + shell_quote(graph));
  INFO(r.output);
  REQUIRE(r.status == 0);
  return graph;
}

}  // namespace

TEST_CASE("the example corpus builds a graph with support edges of several kinds", "[cli][demo]") {
  TempDir dir;
  std::string graph = example_graph(dir);
  auto stats = run_bangfu("stats -g " + shell_quote(graph));
  REQUIRE(stats.status == 0);
  CHECK(stat_value(stats.output, "documents") >= 9);
  CHECK(stat_value(stats.output, "nodes") > 30);
  CHECK(stat_value(stats.output, "edges") > 20);
  for (auto rel : {"supports", "co_builds", "dispatches", "funds", "serves_as", "works_for", "member_of"}) {
    INFO(rel);
    CHECK(std::regex_search(stats.output, std::regex(std::string("\n  ") + rel + " +[1-9]")));
  }
}

TEST_CASE("every edge built from the examples has an evidence quoting its own document", "[cli][demo]") {
  TempDir dir;
  auto g = bangfu::graph::load_graph(example_graph(dir));
  std::vector<bangfu::ingest::LoadIssue> issues;
  std::map<std::string, std::string> text_by_id;
  for (auto& doc : bangfu::ingest::load_documents({kCorpus}, issues)) text_by_id[doc.id] = doc.text;
  REQUIRE(issues.empty());

  std::size_t edges = 0;
  for (auto e : g.edges()) {
    ++edges;
    const auto& evidence = g.evidence(e);
    REQUIRE_FALSE(evidence.empty());
    bool quoted = false;
    for (const auto& ev : evidence) {
      auto it = text_by_id.find(ev.doc);
      if (it == text_by_id.end()) continue;
      const std::string& text = it->second;
      quoted = quoted || (ev.end <= text.size() && ev.begin < ev.end &&
                          text.compare(ev.begin, ev.end - ev.begin, ev.sentence) == 0);
    }
    INFO(g.node(bangfu::graph::Graph::source(e)).name << " -" << g.type_name(g.edge(e).type) << "-> "
                                           << g.node(bangfu::graph::Graph::target(e)).name);
    CHECK(quoted);
  }
  CHECK(edges > 20);
}

TEST_CASE("the examples' GraphML is valid XML and networkx reads the counts bangfu stats reports",
          "[cli][demo]") {
  TempDir dir;
  std::string graph = example_graph(dir);
  std::string graphml = dir.file("examples.graphml");
  REQUIRE(run_bangfu("export -g " + shell_quote(graph) + " -o " + shell_quote(graphml)).status == 0);
  auto stats = run_bangfu("stats -g " + shell_quote(graph));
  long nodes = stat_value(stats.output, "nodes"), edges = stat_value(stats.output, "edges");

  if (run_command("command -v xmllint").status == 0) {
    auto lint = run_command("xmllint --noout " + shell_quote(graphml));
    INFO(lint.output);
    CHECK(lint.status == 0);
  } else {
    WARN("xmllint not installed: XML check skipped");
  }
  if (run_command("python3 -c 'import networkx'").status != 0) {
    WARN("python3 with networkx not available: networkx check skipped");
    return;
  }
  auto nx = run_command("python3 -c 'import sys, networkx as nx; g = nx.read_graphml(sys.argv[1]); "
                        "print(g.number_of_nodes(), g.number_of_edges())' " + shell_quote(graphml));
  INFO(nx.output);
  REQUIRE(nx.status == 0);
  CHECK(nx.output.find(std::to_string(nodes) + " " + std::to_string(edges)) != std::string::npos);
}

TEST_CASE("the examples' GEXF, exactly as bangfu writes it, reads in Debian's networkx with the counts of stats",
          "[cli][demo]") {
  std::string python = networkx_python();
  if (python.empty()) {
    WARN("python3 with networkx not available: GEXF check skipped");
    return;
  }
  TempDir dir;
  std::string graph = example_graph(dir);
  auto stats = run_bangfu("stats -g " + shell_quote(graph));
  long nodes = stat_value(stats.output, "nodes"), edges = stat_value(stats.output, "edges");
  std::string gexf = dir.file("examples.gexf");
  REQUIRE(run_bangfu("export -g " + shell_quote(graph) + " -o " + shell_quote(gexf)).status == 0);
  auto nx = run_command(python + " -c 'import sys, networkx as nx; g = nx.read_gexf(sys.argv[1]); "
                        "print(g.number_of_nodes(), g.number_of_edges())' " + shell_quote(gexf));
  INFO(nx.output);
  REQUIRE(nx.status == 0);
  CHECK(nx.output.find(std::to_string(nodes) + " " + std::to_string(edges)) != std::string::npos);

  // 1.3 on request: Gephi's current version, which this networkx does not read.
  std::string gexf13 = dir.file("examples13.gexf");
  REQUIRE(run_bangfu("export -g " + shell_quote(graph) + " --gexf-version 1.3 -o " + shell_quote(gexf13)).status == 0);
  CHECK(read_file(gexf13).find("version=\"1.3\"") != std::string::npos);
  CHECK(run_bangfu("export -g " + shell_quote(graph) + " --gexf-version 2.0 -o " + shell_quote(gexf13)).status != 0);
}

TEST_CASE("the examples' HTML view: one file with everything inlined, a neighbourhood on request", "[cli][demo]") {
  TempDir dir;
  std::string graph = example_graph(dir);
  std::string page = dir.file("view.html");
  auto r = run_bangfu("export -g " + shell_quote(graph) + " --format html -o " + shell_quote(page));
  INFO(r.output);
  REQUIRE(r.status == 0);
  std::string html = read_file(page);
  CHECK(html.find("<script src") == std::string::npos);  // nothing to fetch
  CHECK(html.find("<link") == std::string::npos);
  CHECK(html.find("cytoscape") != std::string::npos);
  CHECK(html.find("凤凰县人民医院") != std::string::npos);
  CHECK(html.find("{{BANGFU_") == std::string::npos);

  auto around = run_bangfu("export -g " + shell_quote(graph) + " -o " + shell_quote(dir.file("around.html")) +
                           " --around 凤凰县人民医院 --hops 1");
  INFO(around.output);
  REQUIRE(around.status == 0);
  CHECK(std::regex_search(around.output, std::regex("Showing the neighbourhood of 凤凰县人民医院 within 1 hop: [2-9] of")));
  auto missing = run_bangfu("export -g " + shell_quote(graph) + " -o " + shell_quote(dir.file("none.html")) +
                            " --around 凤凰县人民医 --hops 1");
  CHECK(missing.status != 0);
  CHECK(missing.output.find("did you mean: 凤凰县人民医院") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir.file("none.html")));
}
