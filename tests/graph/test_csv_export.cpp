// The Neo4j/Kùzu CSV export: headers, quoting, file split by label and type, the Kùzu scripts.
#include <catch2/catch.hpp>
#include <filesystem>

#include "graph/csv_export.hpp"
#include "tests/graph/test_util.hpp"

using namespace bangfu;
using namespace bangfu::testing;

TEST_CASE("export_csv writes Neo4j import files and Kùzu scripts that agree", "[graph][csv_export]") {
  graph::Graph g;
  auto a = g.add_node({"Hospital"}, {{"name", graph::PropValue("甲,\"医院\"")}, {"beds", graph::PropValue(500)},
                                     {"id", graph::PropValue("clash")}});
  g.add_alias(a, "甲院");
  g.add_alias(a, "甲医");
  auto b = g.add_node({"City", "Region"}, {{"name", graph::PropValue("乙市")}, {"beds", graph::PropValue(1.5)}});
  auto c = g.add_node({}, {{"note", graph::PropValue("no label\nsecond line")}});
  auto e = g.add_edge(a, b, "supports", {{"role", graph::PropValue("院长")}});
  g.add_evidence(e, {"d1", "第一句，有逗号", 0, 5, "r", 1.0f, {}, {}, {}, {}});
  g.add_evidence(e, {"d2", "第二句", 0, 5, "r", 1.0f, {}, {}, {}, {}});
  g.add_edge(b, c, "supports");
  g.add_edge(c, a, "帮扶 结对");

  TempDir dir;
  auto r = graph::export_csv(g, dir.file("out"));
  // Files numbered in label-table order (the schema's types first: City before Hospital).
  CHECK(r.nodes == 3);
  CHECK(r.edges == 3);
  REQUIRE(r.node_files == std::vector<std::string>{"nodes_000_City.csv", "nodes_001_Hospital.csv", "nodes_002_Node.csv"});
  REQUIRE(r.edge_files.size() == 3);

  std::string hospital = read_file(dir.file("out/nodes_001_Hospital.csv"));
  // Properties typed, the clashing "id" renamed, a mixed-kind column widened to double.
  CHECK(hospital.rfind("id:ID,:LABEL,name:string,aliases:string[],docs:string[],beds:double,id_prop:string,note:string\n", 0) == 0);
  CHECK(hospital.find(",Hospital,\"甲,\"\"医院\"\"\",甲院;甲医,,500,clash,\n") != std::string::npos);
  CHECK(read_file(dir.file("out/nodes_000_City.csv")).find(",City;Region,乙市,,,1.5,,\n") != std::string::npos);
  CHECK(read_file(dir.file("out/nodes_002_Node.csv")).find(",\"no label\nsecond line\"\n") != std::string::npos);

  std::string supports;
  for (const auto& f : r.edge_files)
    if (f.find("supports_Hospital_City") != std::string::npos) supports = read_file(dir.file("out/" + f));
  CHECK(supports.rfind(":START_ID,:END_ID,:TYPE,weight:long,docs:string[],evidence:string,role:string\n", 0) == 0);
  CHECK(supports.find(",supports,2,d1;d2,\"第一句，有逗号\",院长\n") == std::string::npos);  // ， is not a comma
  CHECK(supports.find(",supports,2,d1;d2,第一句，有逗号,院长\n") != std::string::npos);

  std::string schema = read_file(dir.file("out/kuzu-schema.cypher"));
  CHECK(schema.find("CREATE NODE TABLE `Hospital`(id INT64, label STRING, name STRING, aliases STRING, docs STRING, "
                    "`beds` DOUBLE, `id_prop` STRING, `note` STRING, PRIMARY KEY (id));") != std::string::npos);
  CHECK(schema.find("CREATE REL TABLE `supports`(FROM `City` TO `Node`, FROM `Hospital` TO `City`, type STRING") !=
        std::string::npos);
  CHECK(schema.find("CREATE REL TABLE `帮扶 结对`(FROM `Node` TO `Hospital`") != std::string::npos);
  std::string copy = read_file(dir.file("out/kuzu-copy.cypher"));
  CHECK(copy.find("COPY `Hospital` FROM 'nodes_001_Hospital.csv' (header=true, parallel=false);") != std::string::npos);
  CHECK(copy.find("(from='Hospital', to='City', header=true, parallel=false);") != std::string::npos);
  std::string neo = read_file(dir.file("out/neo4j-import.sh"));
  CHECK(neo.find("--nodes=nodes_002_Node.csv") != std::string::npos);
  CHECK(neo.find("neo4j-admin database import full") != std::string::npos);

  SECTION("a folder that cannot be made is an error naming it") {
    write_file(dir.file("file"), "x");
    CHECK_THROWS_WITH(graph::export_csv(g, dir.file("file/sub")), Catch::Contains("file/sub"));
  }
}
