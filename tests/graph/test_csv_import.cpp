// CSV import: header-named columns, RFC 4180 quoting, Chinese text, CRLF, typed cells, row errors.
#include <catch2/catch.hpp>

#include "graph/csv_import.hpp"
#include "tests/graph/test_util.hpp"

using namespace bangfu::graph;
using namespace bangfu::testing;

TEST_CASE("nodes and edges import with quotes, Chinese text, CRLF and typed cells", "[graph][csv]") {
  TempDir dir;
  write_file(dir.file("nodes.csv"),
             "\xEF\xBB\xBFid,name,type,aliases,beds,score,note\r\n"
             "h1,东川市人民医院,Hospital,市医院;东川人医,1200,4.5,\"说明，含逗号\"\r\n"
             "p1,江南省,Province,,,,\"有\"\"引号\"\"的\r\n两行说明\"\r\n"
             "\r\n"
             "x9,王立新,Person,,,,007\r\n");
  write_file(dir.file("edges.csv"),
             "src,dst,rel,role,weight,evidence,doc\r\n"
             "p1,h1,supports,,3,江南省帮扶东川市人民医院。,a.txt\r\n"
             "x9,h1,serves_as,副院长,,,\r\n");
  Graph g;
  auto counts = import_csv(g, dir.file("nodes.csv"), dir.file("edges.csv"));
  CHECK(counts.nodes == 3);
  CHECK(counts.edges == 2);
  CHECK(g.node_count() == 3);
  CHECK(g.edge_count() == 2);

  auto h = g.find_canonical("东川市人民医院");
  REQUIRE(h);
  CHECK(g.entity_type(*h) == EntityType::Hospital);
  CHECK(g.find("东川人医") == std::vector<Graph::Vertex>{*h});
  CHECK(g.node_property(*h, "beds") == PropValue(1200));
  CHECK(g.node_property(*h, "score") == PropValue(4.5));
  CHECK(g.node_property(*h, "note") == PropValue("说明，含逗号"));
  auto p = g.find_canonical("江南省");
  REQUIRE(p);
  CHECK(g.node_property(*p, "note") == PropValue("有\"引号\"的\r\n两行说明"));
  CHECK(g.node_property(*p, "beds").is_null());  // empty cells are left out
  auto x = g.find_canonical("王立新");
  REQUIRE(x);
  CHECK(g.node_property(*x, "note") == PropValue("007"));  // leading zeros stay text

  auto e = g.find_edge(*p, *h, *g.find_type("supports"));
  REQUIRE(e);
  CHECK(g.edge_property(*e, "weight") == PropValue(3));
  REQUIRE(g.evidence(*e).size() == 1);
  CHECK(g.evidence(*e)[0].doc == "a.txt");
  CHECK(g.evidence(*e)[0].sentence == "江南省帮扶东川市人民医院。");
  auto s = g.find_edge(*x, *h, *g.find_type("serves_as"));
  REQUIRE(s);
  CHECK(g.edge_property(*s, "role") == PropValue("副院长"));
  CHECK(g.evidence(*s).empty());
}

TEST_CASE("importing an entity already in the graph merges into it", "[graph][csv]") {
  TempDir dir;
  Graph g;
  auto h = g.upsert_entity("东川市人民医院", EntityType::Hospital, {});
  write_file(dir.file("n.csv"), "id,name,type,level\nA,东川市人民医院,Hospital,三甲\nB,东川市人民医院,Thing,\n");
  auto counts = import_csv(g, dir.file("n.csv"), "");
  CHECK(counts.merged == 1);
  CHECK(counts.nodes == 1);  // a non-entity label does not merge
  CHECK(g.node_count() == 2);
  CHECK(g.node_property(h, "level") == PropValue("三甲"));
}

TEST_CASE("a bad CSV row is reported as FILE:LINE: what", "[graph][csv]") {
  TempDir dir;
  std::string nodes = dir.file("nodes.csv"), edges = dir.file("edges.csv");
  write_file(nodes, "id,name,type\na,甲,Hospital\nb,乙,Hospital\n");
  Graph g;

  write_file(edges, "src,dst,rel\na,b,supports\n\na,zz,supports\n");
  CHECK_THROWS_WITH(import_csv(g, nodes, edges), edges + ":4: unknown node id 'zz' in column dst (not in " + nodes + ")");
  write_file(edges, "src,dst,rel\r\na,b\r\n");
  CHECK_THROWS_WITH(import_csv(g, nodes, edges), edges + ":2: expected 3 fields as in the header, found 2");
  write_file(edges, "src,dst,rel\na,b,\"supports\nb,a,supports\n");
  CHECK_THROWS_WITH(import_csv(g, nodes, edges), Catch::StartsWith(edges + ":2: quoted field never closed"));
  write_file(edges, "src,dst,rel\na,b,\"supports\"x\n");
  CHECK_THROWS_WITH(import_csv(g, nodes, edges), edges + ":2: unexpected text after a closing quote");
  write_file(edges, "source,target,rel\n");
  CHECK_THROWS_WITH(import_csv(g, nodes, edges), edges + ":1: header lacks the \"src\" column");
  write_file(edges, "");
  CHECK_THROWS_WITH(import_csv(g, nodes, edges), Catch::StartsWith(edges + ":1: empty file"));
  write_file(edges, "src,dst,rel\na,b,\n");
  CHECK_THROWS_WITH(import_csv(g, nodes, edges), edges + ":2: empty rel");

  write_file(nodes, "id,name,type\na,甲,Hospital\n\"multi\nline\",乙,Hospital\na,丙,Hospital\n");
  CHECK_THROWS_WITH(import_csv(g, nodes, edges), nodes + ":5: node id 'a' appears twice");
  CHECK_THROWS_WITH(import_csv(g, dir.file("none.csv"), edges), Catch::Contains("none.csv: cannot open"));
}

TEST_CASE("import reports rows and bytes as it goes, ending at the files' whole size", "[graph][csv][progress]") {
  TempDir dir;
  std::string nodes = "id,name,type\n", edges = "src,dst,rel\n";
  for (int i = 0; i < 1000; ++i) {
    nodes += "n" + std::to_string(i) + ",机构" + std::to_string(i) + ",Organization\n";
    if (i) edges += "n" + std::to_string(i - 1) + ",n" + std::to_string(i) + ",partners_with\n";
  }
  write_file(dir.file("nodes.csv"), nodes);
  write_file(dir.file("edges.csv"), edges);
  std::vector<Progress> seen;
  Graph g;
  import_csv(g, dir.file("nodes.csv"), dir.file("edges.csv"), [&](const Progress& p) { seen.push_back(p); });
  REQUIRE(seen.size() >= 4);
  for (std::size_t i = 1; i < seen.size(); ++i) {
    CHECK(seen[i].items >= seen[i - 1].items);
    CHECK(seen[i].bytes >= seen[i - 1].bytes);
  }
  CHECK(seen.front().total_bytes == nodes.size() + edges.size());
  CHECK(seen.back().bytes == nodes.size() + edges.size());
  CHECK(seen.back().items == 1999);  // rows, headers not counted
}
