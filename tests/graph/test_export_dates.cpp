// The graph over time in exports: GEXF as a dynamic graph whose edges live from first to last seen
// (networkx reads it as dynamic), GraphML with first_seen/last_seen.
#include <catch2/catch.hpp>

#include "graph/gexf.hpp"
#include "graph/graphml.hpp"
#include "graph/support.hpp"
#include "tests/graph/test_util.hpp"

using namespace bangfu::graph;
using namespace bangfu::testing;

namespace {

Evidence dated(const char* doc, const char* sentence, const char* date) {
  Evidence ev{doc, sentence, 0, 10, "r", 1.0f};
  ev.date = date;
  return ev;
}

Graph dated_sample() {
  Graph g;
  auto p = g.upsert_entity("江南省", EntityType::Province, {});
  auto h = g.upsert_entity("北岭县人民医院", EntityType::Hospital, {});
  auto u = g.upsert_entity("东山大学附属医院", EntityType::Hospital, {});
  g.upsert_relation(p, h, RelType::supports, {}, dated("a.txt", "江南省对口支援北岭县人民医院。", "2019-03-02"));
  g.upsert_relation(p, h, RelType::supports, {}, dated("b.txt", "江南省继续支援北岭县人民医院。", "2023-07"));
  g.upsert_relation(u, h, RelType::co_builds, {}, Evidence{"c.txt", "两院共建胸痛中心。", 0, 10, "r", 1.0f});
  return g;
}

}  // namespace

TEST_CASE("GEXF is a dynamic graph with edge spells networkx reads; GraphML carries the dates", "[graph][export][dates]") {
  TempDir dir;
  Graph g = dated_sample();
  export_gexf(g, dir.file("g.gexf"));
  export_graphml(g, dir.file("g.graphml"));
  std::string gexf = read_file(dir.file("g.gexf"));
  CHECK(gexf.find("mode=\"dynamic\" timeformat=\"date\"") != std::string::npos);
  CHECK(gexf.find("start=\"2019-03-02\" end=\"2023-07-01\"") != std::string::npos);
  std::string graphml = read_file(dir.file("g.graphml"));
  CHECK(graphml.find(">2019-03-02</data>") != std::string::npos);
  if (run_command("python3 -c 'import networkx'").status != 0) {
    WARN("python3 with networkx not available: networkx check skipped");
    return;
  }
  write_file(dir.file("check.py"),
             "import sys, networkx as nx\n"
             "text = open(sys.argv[1], encoding='utf-8').read()\n"
             "text = text.replace('http://gexf.net/1.3', 'http://www.gexf.net/1.2draft').replace('version=\"1.3\"', 'version=\"1.2draft\"')\n"
             "open(sys.argv[1] + '.12', 'w', encoding='utf-8').write(text)\n"
             "x = nx.read_gexf(sys.argv[1] + '.12')\n"
             "print('mode', x.graph.get('mode'))\n"
             "print('spells', sorted((d.get('start'), d.get('end')) for _, _, d in x.edges(data=True) if 'start' in d))\n"
             "y = nx.read_graphml(sys.argv[2])\n"
             "print('graphml', sorted(d.get('first_seen', '-') for _, _, d in y.edges(data=True)))\n");
  auto r = run_command("python3 " + shell_quote(dir.file("check.py")) + " " + shell_quote(dir.file("g.gexf")) + " " +
                       shell_quote(dir.file("g.graphml")));
  INFO(r.output);
  REQUIRE(r.status == 0);
  CHECK(r.output.find("mode dynamic") != std::string::npos);
  CHECK(r.output.find("spells [('2019-03-02', '2023-07-01')]") != std::string::npos);
  CHECK(r.output.find("graphml ['-', '2019-03-02']") != std::string::npos);
}

TEST_CASE("support analysis since a date keeps only edges seen on or after it", "[graph][support][dates]") {
  Graph g = dated_sample();
  auto h = *g.find_canonical("北岭县人民医院");
  auto all = analyse_support(g, h);
  CHECK(all.direct_supporters.size() == 2);
  SupportOptions since2023;
  since2023.since_days = bangfu::temporal::parse(bangfu::temporal::Kind::Date, "2023-01-01").days;
  auto recent = analyse_support(g, h, since2023);
  REQUIRE(recent.direct_supporters.size() == 1);  // last seen 2023-07; the undated co_builds edge is out
  CHECK(g.node(recent.direct_supporters[0].other).name == "江南省");
  SupportOptions since2024;
  since2024.since_days = bangfu::temporal::parse(bangfu::temporal::Kind::Date, "2024-01-01").days;
  CHECK(analyse_support(g, h, since2024).direct_supporters.empty());
}
