// GraphML and GEXF exports: read back by Boost, networkx and xmllint, with escaping and typed keys.
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphml.hpp>
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <sstream>

#include "graph/gexf.hpp"
#include "graph/graphml.hpp"
#include "tests/graph/test_util.hpp"

using namespace bangfu::graph;
using namespace bangfu::testing;

namespace {

Graph export_sample() {
  Graph g;
  DocumentInfo info;
  info.id = "doc-1.txt";
  g.add_document(info);
  auto p = g.upsert_entity("江南省", EntityType::Province, {"我省"}, "doc-1.txt");
  auto h = g.upsert_entity("北岭县人民医院", EntityType::Hospital, {"县医院"}, "doc-1.txt");
  auto x = g.upsert_entity("王立新", EntityType::Person, {}, "doc-1.txt");
  auto odd = g.add_node({"Organization"}, {{"name", PropValue("A&B <公司> \"引\" 'x'\x01")}, {"size", PropValue(3)}});
  g.upsert_relation(p, h, RelType::supports, {}, {"doc-1.txt", "江南省对口支援北岭县人民医院。", 0, 45, "r", 1.0f});
  g.upsert_relation(p, h, RelType::supports, {}, {"doc-2.txt", "江南省继续支援。", 0, 24, "r", 1.0f});
  g.upsert_relation(x, h, RelType::serves_as, {{"role", PropValue("副院长")}}, {"doc-1.txt", "王立新任副院长。", 0, 24, "r", 1.0f});
  g.upsert_relation(p, h, RelType::funds, {{"amount", PropValue("1.2亿元")}}, {"doc-1.txt", "投入1.2亿元。", 0, 17, "r", 1.0f});
  g.add_edge(odd, p, "MENTIONS", {{"score", PropValue(0.5)}, {"score2", PropValue(2)}});
  return g;
}

using BoostGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS,
                                         boost::property<boost::vertex_name_t, std::string>,
                                         boost::property<boost::edge_name_t, std::string>>;

}  // namespace

TEST_CASE("GraphML reads back with boost::read_graphml: same counts, labels, relations", "[graph][export]") {
  TempDir dir;
  Graph g = export_sample();
  std::string path = dir.file("g.graphml");
  export_graphml(g, path);

  BoostGraph bg;
  boost::dynamic_properties dp(boost::ignore_other_properties);
  std::map<BoostGraph::vertex_descriptor, std::string> types;
  std::map<BoostGraph::edge_descriptor, double> weights;
  dp.property("label", boost::get(boost::vertex_name, bg));
  dp.property("type", boost::make_assoc_property_map(types));
  dp.property("label", boost::get(boost::edge_name, bg));
  dp.property("weight", boost::make_assoc_property_map(weights));
  std::ifstream in(path);
  boost::read_graphml(in, bg, dp);

  CHECK(boost::num_vertices(bg) == g.node_count());
  CHECK(boost::num_edges(bg) == g.edge_count());
  std::multiset<std::string> names, rels;
  for (auto [vi, ve] = boost::vertices(bg); vi != ve; ++vi) names.insert(boost::get(boost::vertex_name, bg, *vi));
  CHECK(names.count("江南省") == 1);
  CHECK(names.count("A&B <公司> \"引\" 'x'") == 1);  // escaped on write, control character dropped
  std::multiset<double> ws;
  for (auto [ei, ee] = boost::edges(bg); ei != ee; ++ei) {
    rels.insert(boost::get(boost::edge_name, bg, *ei));
    ws.insert(weights[*ei]);
  }
  CHECK(rels == std::multiset<std::string>{"supports", "serves_as", "funds", "MENTIONS"});
  CHECK(ws.count(2.0) == 1);
  std::multiset<std::string> type_set;
  for (auto& [v, t] : types) type_set.insert(t);
  CHECK(type_set.count("Hospital") == 1);
  CHECK(type_set.count("Person") == 1);

  std::string text = read_file(path);
  CHECK(text.find("attr.name=\"weight\" attr.type=\"double\"") != std::string::npos);
  CHECK(text.find("attr.name=\"role\" attr.type=\"string\"") != std::string::npos);
  CHECK(text.find("attr.name=\"amount\"") != std::string::npos);
  CHECK(text.find("attr.name=\"score2\" attr.type=\"long\"") != std::string::npos);
  CHECK(text.find("edgedefault=\"directed\"") != std::string::npos);
  CHECK(text.find("doc-1.txt; doc-2.txt") != std::string::npos);
}

TEST_CASE("GraphML and GEXF are well-formed XML (xmllint)", "[graph][export]") {
  if (!have_program("xmllint")) {
    WARN("xmllint not installed: skipped");
    return;
  }
  TempDir dir;
  Graph g = export_sample();
  export_graphml(g, dir.file("g.graphml"));
  export_gexf(g, dir.file("g.gexf"));
  export_gexf(g, dir.file("g13.gexf"), {GexfVersion::v1_3});
  auto r3 = run_command("xmllint --noout " + shell_quote(dir.file("g13.gexf")));
  CHECK(r3.status == 0);
  CHECK(r3.output == "");
  auto r1 = run_command("xmllint --noout " + shell_quote(dir.file("g.graphml")));
  CHECK(r1.status == 0);
  CHECK(r1.output == "");
  auto r2 = run_command("xmllint --noout " + shell_quote(dir.file("g.gexf")));
  CHECK(r2.status == 0);
  CHECK(r2.output == "");
}

TEST_CASE("networkx reads the GraphML and the GEXF as written, with the right counts and attributes",
          "[graph][export]") {
  std::string python = networkx_python();
  if (python.empty()) {
    WARN("python3 with networkx not available: skipped");
    return;
  }
  TempDir dir;
  Graph g = export_sample();
  export_graphml(g, dir.file("g.graphml"));
  export_gexf(g, dir.file("g.gexf"));  // 1.2draft: the version networkx reads
  std::string script =
      "import sys, networkx as nx\n"
      "print('networkx', nx.__version__)\n"
      "g = nx.read_graphml(sys.argv[1])\n"
      "print('graphml', g.number_of_nodes(), g.number_of_edges(), g.is_directed())\n"
      "print('label', sorted(d.get('label') for _, d in g.nodes(data=True))[0])\n"
      "print('role', [d.get('role') for _, _, d in g.edges(data=True) if d.get('label') == 'serves_as'])\n"
      "x = nx.read_gexf(sys.argv[2])\n"
      "print('gexf', x.number_of_nodes(), x.number_of_edges(), x.is_directed())\n"
      "w = sorted(d.get('weight') for _, _, d in x.edges(data=True))\n"
      "print('weights', w)\n"
      "print('types', sorted(d.get('type') for _, d in x.nodes(data=True)))\n"
      "print('labels', sorted(d.get('label') for _, d in x.nodes(data=True))[0])\n"
      "print('roles', [d.get('role') for _, _, d in x.edges(data=True) if d.get('relation') == 'serves_as'])\n"
      "print('amount', [d.get('amount') for _, _, d in x.edges(data=True) if d.get('relation') == 'funds'])\n"
      "print('score2', [d.get('score2') for _, _, d in x.edges(data=True) if d.get('relation') == 'MENTIONS'])\n"
      "print('color', [d['viz']['color'] for _, d in x.nodes(data=True) if d.get('type') == 'Hospital'])\n";
  write_file(dir.file("check.py"), script);
  auto r = run_command(python + " " + shell_quote(dir.file("check.py")) + " " + shell_quote(dir.file("g.graphml")) +
                       " " + shell_quote(dir.file("g.gexf")));
  INFO(r.output);
  REQUIRE(r.status == 0);
  CHECK(r.output.find("graphml 4 4 True") != std::string::npos);
  CHECK(r.output.find("role ['副院长']") != std::string::npos);
  CHECK(r.output.find("gexf 4 4 True") != std::string::npos);
  CHECK(r.output.find("weights [1.0, 1.0, 1.0, 2.0]") != std::string::npos);
  CHECK(r.output.find("types ['Hospital', 'Organization', 'Person', 'Province']") != std::string::npos);
  CHECK(r.output.find("labels A&B <公司> \"引\" 'x'") != std::string::npos);
  CHECK(r.output.find("roles ['副院长']") != std::string::npos);
  CHECK(r.output.find("amount ['1.2亿元']") != std::string::npos);
  CHECK(r.output.find("score2 [2]") != std::string::npos);  // a long attribute comes back as a number
  CHECK(r.output.find("'r': 214, 'g': 39, 'b': 40") != std::string::npos);
}

TEST_CASE("GEXF is 1.2draft by default and 1.3 on request, each with its own namespaces", "[graph][export]") {
  TempDir dir;
  Graph g = export_sample();
  std::ostringstream v12, v13;
  write_gexf(g, v12);
  write_gexf(g, v13, {GexfVersion::v1_3});
  CHECK(v12.str().find("xmlns=\"http://www.gexf.net/1.2draft\"") != std::string::npos);
  CHECK(v12.str().find("xmlns:viz=\"http://www.gexf.net/1.2draft/viz\"") != std::string::npos);
  CHECK(v12.str().find("version=\"1.2\"") != std::string::npos);
  CHECK(v13.str().find("xmlns=\"http://gexf.net/1.3\"") != std::string::npos);
  CHECK(v13.str().find("xmlns:viz=\"http://gexf.net/1.3/viz\"") != std::string::npos);
  CHECK(v13.str().find("version=\"1.3\"") != std::string::npos);
  CHECK(v13.str().find("1.2draft") == std::string::npos);
  // Only the header differs: the same nodes, attributes and edges in both.
  auto body = [](const std::string& s) { return s.substr(s.find("<meta>")); };
  CHECK(body(v12.str()) == body(v13.str()));
  CHECK(parse_gexf_version("1.2draft") == GexfVersion::v1_2draft);
  CHECK(parse_gexf_version("1.3") == GexfVersion::v1_3);
  CHECK_FALSE(parse_gexf_version("1.4"));
}

TEST_CASE("exporting to a folder that does not exist is a clear error", "[graph][export]") {
  TempDir dir;
  Graph g = export_sample();
  CHECK_THROWS_WITH(export_graphml(g, dir.file("missing/g.graphml")),
                    Catch::Contains("missing/g.graphml") && Catch::Contains("No such file"));
  CHECK_THROWS_WITH(export_gexf(g, dir.file("missing/g.gexf")), Catch::Contains("cannot write"));
}
