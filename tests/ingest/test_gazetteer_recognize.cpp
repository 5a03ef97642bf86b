#include <catch2/catch.hpp>

#include "ingest/gazetteer.hpp"
#include "ingest/lexicon.hpp"

using namespace bangfu::ingest;
using bangfu::graph::EntityType;

static const std::string kData = std::string(BANGFU_SOURCE_DIR) + "/data";

TEST_CASE("gazetteer reads divisions with short forms and parents", "[gazetteer]") {
  auto g = Gazetteer::from_file(kData + "/divisions.tsv");
  REQUIRE(g.size() > 3000);
  const auto& qdn = g.find("黔东南州");
  REQUIRE(qdn.size() == 1);
  CHECK(g.at(qdn[0]).name == "黔东南苗族侗族自治州");
  CHECK(g.at(qdn[0]).level == EntityType::City);
  const auto& weining = g.find("威宁县");
  REQUIRE(weining.size() == 1);
  CHECK(g.at(weining[0]).name == "威宁彝族回族苗族自治县");
  int province = g.province_of(weining[0]);
  CHECK(g.at(province).name == "贵州省");
  CHECK(g.contains(g.find("毕节市")[0], weining[0]));
  CHECK_FALSE(g.contains(weining[0], g.find("毕节市")[0]));
  CHECK(g.at(g.find("广西")[0]).name == "广西壮族自治区");
  CHECK(g.find("北京").size() == 1);
  CHECK(g.find("市中").empty());  // generic stems are not short forms
  CHECK(g.find("市中区").size() > 1);  // ambiguous full names keep every candidate
  std::string s = "在黔东南州剑河县";
  CHECK(g.longest_at(s, 3) == std::string("黔东南州").size());
  CHECK(g.longest_before(s, s.size()) == std::string("剑河县").size());
}

TEST_CASE("gazetteer rejects bad lines with file:line", "[gazetteer]") {
  Gazetteer g;
  g.add(Division{"52", "贵州省", EntityType::Province, -1, {"贵州"}}, "", "t:1");
  CHECK_THROWS_WITH(g.add(Division{"5201", "贵阳市", EntityType::City, -1, {}}, "99", "t:2"),
                    "t:2: parent code 99 is not defined above");
  CHECK_THROWS_WITH(g.add(Division{"52", "贵州", EntityType::Province, -1, {}}, "", "t:3"),
                    "t:3: duplicate division code 52");
}
