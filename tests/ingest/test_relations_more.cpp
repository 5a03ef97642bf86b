// Relation phrasings added from reading real support articles (short forms, teams, posts, trips), each on
// an invented sentence with hand-placed mentions.
#include <catch2/catch.hpp>

#include "test_relations_fixture.hpp"

using namespace bangfu::ingest;
using namespace bangfu::ingest::testing;
using bangfu::graph::EntityType;
using bangfu::graph::RelType;

TEST_CASE("supports: 援 before a province's short form names that province", "[relations][short]") {
  auto r = extract("依靠江西援滇专家的努力,当地群众受益", {{"江西", EntityType::Province}});
  // Nothing shows which spelling the article uses: both are offered, the pipeline keeps the one it knows.
  CHECK(find(r, "江西", RelType::supports, "云南省"));
  CHECK(find(r, "江西", RelType::supports, "云南"));

  // The province keeps the name the article gives it.
  r = extract("江西援疆专家来到新疆南部", {{"江西", EntityType::Province}, {"新疆", EntityType::Province}});
  CHECK(find(r, "江西", RelType::supports, "新疆"));
  // … also when the recognizer already read the short form as the province.
  r = extract("江西援疆专家来到南部", {{"江西", EntityType::Province}, {"疆", EntityType::Province, "新疆"}});
  CHECK(find(r, "江西", RelType::supports, "新疆"));
  SentenceContext context;
  context.province = "云南";
  r = extract("江西援滇专家再出发", {{"江西", EntityType::Province}}, context);
  CHECK(find(r, "江西", RelType::supports, "云南"));
  context.province = "云南省";  // the article province by its full name, the article writing 云南
  r = extract("江西援滇专家再出发", {{"江西", EntityType::Province}}, context);
  CHECK(find(r, "江西", RelType::supports, "云南"));

  r = extract("东海市人民医院选派3名专家组成援宁医疗队", {{"东海市人民医院", EntityType::Hospital}});
  CHECK(find(r, "东海市人民医院", RelType::dispatches, "宁夏回族自治区"));
  // 援建 and 援助 are no short forms: nothing is read into them.
  r = extract("东海市人民医院援建了一座病房楼", {{"东海市人民医院", EntityType::Hospital}});
  CHECK(count(r, RelType::supports) == 0);
}

TEST_CASE("supports: a team named for the province it aids", "[relations][short]") {
  auto r = extract("近日,省级援藏医学专家团抵达当地", {{"省级援藏医学专家团", EntityType::Organization}});
  CHECK(find(r, "省级援藏医学专家团", RelType::supports, "西藏自治区"));

  // A name that ends in the short form names no team; a person is never one.
  r = extract("会上,南湖援疆和北湖两地代表发言", {{"南湖援疆", EntityType::Organization}});
  CHECK(count(r, RelType::supports) == 0);
}

TEST_CASE("supports: a trip to carry out support, and support through someone", "[relations]") {
  auto r = extract("东海大学赴石门县开展对口支援工作", {{"东海大学", EntityType::University},
                                                  {"石门县", EntityType::County}});
  CHECK(find(r, "东海大学", RelType::supports, "石门县"));

  r = extract("地处山区的石门县,正通过东海市滨江区的组团式医疗帮扶补齐短板",
              {{"石门县", EntityType::County}, {"东海市", EntityType::City}, {"滨江区", EntityType::County}});
  CHECK(find(r, "滨江区", RelType::supports, "石门县"));

  r = extract("在东海市人民医院的帮扶下,石门县人民医院建成了卒中中心",
              {{"东海市人民医院", EntityType::Hospital}, {"石门县人民医院", EntityType::Hospital}});
  CHECK(find(r, "东海市人民医院", RelType::supports, "石门县人民医院"));
  CHECK_FALSE(find(r, "石门县人民医院", RelType::supports, "东海市人民医院"));
}

TEST_CASE("dispatches and supports: staff sent to help somewhere", "[relations]") {
  auto r = extract("东海市卫生健康局选派5名医生组成帮扶医疗队,启程前往石门县人民医院,开展为期一年的帮扶",
                   {{"东海市卫生健康局", EntityType::Agency}, {"石门县人民医院", EntityType::Hospital}});
  CHECK(find(r, "东海市卫生健康局", RelType::dispatches, "石门县人民医院"));
  CHECK(find(r, "东海市卫生健康局", RelType::supports, "石门县人民医院"));

  r = extract("东海市人民医院已累计选派40名专家,分批支援石门县人民医院和石门县中医医院",
              {{"东海市人民医院", EntityType::Hospital}, {"石门县人民医院", EntityType::Hospital},
               {"石门县中医医院", EntityType::Hospital}});
  CHECK(find(r, "东海市人民医院", RelType::dispatches, "石门县人民医院"));
  CHECK(find(r, "东海市人民医院", RelType::dispatches, "石门县中医医院"));

  r = extract("东海大学附属医院巡回医疗队在石门县开展义诊", {{"东海大学附属医院", EntityType::Hospital},
                                                            {"石门县", EntityType::County}});
  CHECK(find(r, "东海大学附属医院", RelType::dispatches, "石门县"));
}

TEST_CASE("serves_as: name before the title, post held by, title in the next clause", "[relations]") {
  auto r = extract("石门县卫健局王立新局长介绍了情况", {{"石门县卫健局", EntityType::Agency},
                                                  {"王立新", EntityType::Person}});
  const auto* e = find(r, "王立新", RelType::serves_as, "石门县卫健局");
  REQUIRE(e);
  CHECK(e->role == "局长");

  r = extract("东海医疗队的领队由副院长陈明担任", {{"东海医疗队", EntityType::Organization},
                                                {"陈明", EntityType::Person}});
  e = find(r, "陈明", RelType::serves_as, "东海医疗队");
  REQUIRE(e);
  CHECK(e->role == "领队");

  r = extract("东海市人民医院院长李强,副院长赵一、钱二带队前往", {{"东海市人民医院", EntityType::Hospital},
                                                             {"李强", EntityType::Person}, {"赵一", EntityType::Person},
                                                             {"钱二", EntityType::Person}});
  CHECK(find(r, "李强", RelType::serves_as, "东海市人民医院"));
  e = find(r, "赵一", RelType::serves_as, "东海市人民医院");
  REQUIRE(e);
  CHECK(e->role == "副院长");
  CHECK(find(r, "钱二", RelType::serves_as, "东海市人民医院"));
}

TEST_CASE("member_of: the hospital a consortium is built around belongs to it", "[relations]") {
  auto r = extract("该县以东海县人民医院为龙头,整合12家乡镇卫生院,组建东海县医共体",
                   {{"东海县人民医院", EntityType::Hospital}, {"东海县医共体", EntityType::Consortium}});
  CHECK(find(r, "东海县人民医院", RelType::member_of, "东海县医共体"));
}

TEST_CASE("serves_as: a team's post is not a post at the place the team comes from", "[relations]") {
  auto r = extract("东海省援边工作队领队周平出席会议", {{"东海省", EntityType::Province}, {"周平", EntityType::Person}});
  CHECK_FALSE(find(r, "周平", RelType::serves_as, "东海省"));

  r = extract("石门县人民医院放射科主任助理孙悦参加", {{"石门县人民医院", EntityType::Hospital},
                                                      {"孙悦", EntityType::Person}});
  const auto* e = find(r, "孙悦", RelType::serves_as, "石门县人民医院");
  REQUIRE(e);
  CHECK(e->role == "放射科主任助理");
}
