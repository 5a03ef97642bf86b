// CSV import of bad data: non-UTF-8 bytes, a header without name or with a column twice, empty names.
#include <catch2/catch.hpp>

#include "graph/csv_import.hpp"
#include "tests/graph/test_util.hpp"

using namespace bangfu::graph;
using namespace bangfu::testing;

TEST_CASE("CSV that is not UTF-8 (GBK) is refused with line and column, or read through a decoder",
          "[graph][csv][hostile]") {
  TempDir dir;
  std::string nodes = dir.file("n.csv");
  // 北京 in GBK is B1 B1 BE A9.
  write_file(nodes, "id,name,type\na,ok,Hospital\nb,\xB1\xB1\xBE\xA9,City\n");
  Graph g;
  CHECK_THROWS_WITH(import_csv(g, nodes, ""), nodes + ":3: not UTF-8 (byte 0xB1 at byte column 3); save the file "
                                                      "as UTF-8, or name its encoding with --encoding (e.g. --encoding GBK)");
  // Overlong forms, surrogates and truncated sequences are not UTF-8 either.
  for (std::string bad : {"\xC0\xAF", "\xED\xA0\x80", "\xE4\xB8", "\xF5\x80\x80\x80"}) {
    write_file(nodes, "id,name\na," + bad + "\n");
    CHECK_THROWS_WITH(import_csv(g, nodes, ""), Catch::StartsWith(nodes + ":2: not UTF-8"));
  }
  write_file(nodes, "id,name,type\na,\xB1\xB1\xBE\xA9,City\n");
  Graph decoded;
  auto counts = import_csv(decoded, nodes, "", [](const std::string&, std::string bytes) {
    CHECK(bytes == "id,name,type\na,\xB1\xB1\xBE\xA9,City\n");
    return std::string("id,name,type\na,北京,City\n");
  });
  CHECK(counts.nodes == 1);
  CHECK(decoded.find_canonical("北京"));
}

TEST_CASE("a nodes header without name, a column named twice and an empty name are errors with the line",
          "[graph][csv][hostile]") {
  TempDir dir;
  std::string nodes = dir.file("n.csv"), edges = dir.file("e.csv");
  Graph g;
  write_file(nodes, "id,type\na,Hospital\n");
  CHECK_THROWS_WITH(import_csv(g, nodes, ""), nodes + ":1: header lacks the \"name\" column");
  write_file(nodes, "id,name,type,name\na,甲,Hospital,乙\n");
  CHECK_THROWS_WITH(import_csv(g, nodes, ""), nodes + ":1: column \"name\" appears twice in the header (columns 2 and 4)");
  write_file(nodes, "id,name,type\na,甲,Hospital\n\nb, ,Hospital\n");
  CHECK_THROWS_WITH(import_csv(g, nodes, ""), nodes + ":4: empty name for node id 'b'");
  write_file(nodes, "id,name,type\na,甲,Hospital\nb,乙,Hospital\n");
  write_file(edges, "src,dst,rel,weight, weight\na,b,supports,1,2\n");
  CHECK_THROWS_WITH(import_csv(g, nodes, edges), edges + ":1: column \"weight\" appears twice in the header (columns 4 and 5)");
}
