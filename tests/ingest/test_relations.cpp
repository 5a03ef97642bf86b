// Relation extraction with the shipped patterns, on hand-made sentences and hand-placed mentions.
#include <catch2/catch.hpp>

#include "test_relations_fixture.hpp"

using namespace bangfu::ingest;
using namespace bangfu::ingest::testing;
using bangfu::graph::EntityType;
using bangfu::graph::RelType;

TEST_CASE("shipped pattern files load", "[relations]") {
  CHECK(shipped_extractor().rule_count() >= 30);
}

TEST_CASE("supports: active constructions", "[relations]") {
  auto r = extract("山东省立医院对口支援岷县人民医院", {{"山东省立医院", EntityType::Hospital},
                                                     {"岷县人民医院", EntityType::Hospital}});
  REQUIRE(find(r, "山东省立医院", RelType::supports, "岷县人民医院"));
  CHECK_FALSE(find(r, "岷县人民医院", RelType::supports, "山东省立医院"));

  r = extract("山东省立医院在管理、技术等方面对岷县人民医院开展全方位帮扶",
              {{"山东省立医院", EntityType::Hospital}, {"岷县人民医院", EntityType::Hospital}});
  CHECK(find(r, "山东省立医院", RelType::supports, "岷县人民医院"));

  r = extract("青岛市全面托管了定西市第二人民医院", {{"青岛市", EntityType::City},
                                                 {"定西市第二人民医院", EntityType::Hospital}});
  CHECK(find(r, "青岛市", RelType::supports, "定西市第二人民医院"));
}

TEST_CASE("supports: passive constructions keep the direction", "[relations]") {
  auto r = extract("岷县人民医院接受山东省立医院的帮扶已有三年",
                   {{"岷县人民医院", EntityType::Hospital}, {"山东省立医院", EntityType::Hospital}});
  CHECK(find(r, "山东省立医院", RelType::supports, "岷县人民医院"));
  CHECK_FALSE(find(r, "岷县人民医院", RelType::supports, "山东省立医院"));

  r = extract("这些医院中有三所由青岛市负责对接定西市", {{"青岛市", EntityType::City}, {"定西市", EntityType::City}});
  CHECK(find(r, "青岛市", RelType::supports, "定西市"));

  r = extract("岷县人民医院在山东省立医院的大力帮扶下建成了胸痛中心",
              {{"岷县人民医院", EntityType::Hospital}, {"山东省立医院", EntityType::Hospital}});
  CHECK(find(r, "山东省立医院", RelType::supports, "岷县人民医院"));

  r = extract("定西市的对口帮扶工作由青岛市负责对接", {{"定西市", EntityType::City}, {"青岛市", EntityType::City}});
  CHECK(find(r, "青岛市", RelType::supports, "定西市"));
}

TEST_CASE("supports: one edge per conjunct of a coordinated object", "[relations]") {
  auto r = extract("面对宁洱、墨江、景东等县的医疗短板,普陀区组建了专家团队",
                   {{"宁洱", EntityType::County}, {"墨江", EntityType::County}, {"景东", EntityType::County},
                    {"普陀区", EntityType::County}});
  CHECK(find(r, "普陀区", RelType::supports, "宁洱"));
  CHECK(find(r, "普陀区", RelType::supports, "墨江"));
  CHECK(find(r, "普陀区", RelType::supports, "景东"));
  CHECK(count(r, RelType::supports) == 3);
}

TEST_CASE("supports: the nearest supporter in the clause is chosen", "[relations]") {
  auto r = extract("省卫生健康委推动临夏州与兰州大学第一医院签订协议帮扶东乡县",
                   {{"省卫生健康委", EntityType::Agency}, {"临夏州", EntityType::City},
                    {"兰州大学第一医院", EntityType::Hospital}, {"东乡县", EntityType::County}});
  CHECK(find(r, "兰州大学第一医院", RelType::supports, "东乡县"));
  CHECK_FALSE(find(r, "省卫生健康委", RelType::supports, "东乡县"));
  CHECK(find(r, "临夏州", RelType::partners_with, "兰州大学第一医院"));
}

TEST_CASE("co_builds: coordinated subjects, symmetry and the object built", "[relations]") {
  auto r = extract("临夏州人民医院、定西市人民医院和陇南市第一人民医院分别与兰州大学第一医院共建区域医疗中心",
                   {{"临夏州人民医院", EntityType::Hospital}, {"定西市人民医院", EntityType::Hospital},
                    {"陇南市第一人民医院", EntityType::Hospital}, {"兰州大学第一医院", EntityType::Hospital}});
  CHECK(count(r, RelType::co_builds) == 3);
  for (std::string a : {"临夏州人民医院", "定西市人民医院", "陇南市第一人民医院"}) {
    const auto* e = find(r, "兰州大学第一医院", RelType::co_builds, a);  // symmetric: either order
    REQUIRE(e);
    CHECK(e->what == "区域医疗中心");
  }

  r = extract("甘肃省与复旦大学附属华山医院共建甘肃省神经疾病研究院",
              {{"甘肃省", EntityType::Province}, {"复旦大学附属华山医院", EntityType::Hospital},
               {"甘肃省神经疾病研究院", EntityType::Organization}});
  const auto* e = find(r, "甘肃省", RelType::co_builds, "复旦大学附属华山医院");
  REQUIRE(e);
  CHECK(e->what == "甘肃省神经疾病研究院");
  CHECK_FALSE(find(r, "甘肃省", RelType::co_builds, "甘肃省神经疾病研究院"));
}

TEST_CASE("co_builds: an elided subject comes from context with lower confidence", "[relations]") {
  SentenceContext ctx;
  ctx.province = "甘肃省";
  auto r = extract("新增三甲医院5家;与复旦大学附属华山医院共建神经疾病研究院",
                   {{"复旦大学附属华山医院", EntityType::Hospital}}, ctx);
  const auto* e = find(r, "甘肃省", RelType::co_builds, "复旦大学附属华山医院");
  REQUIRE(e);
  CHECK(e->confidence < 0.5f);

  ctx.previous = mentions_in("兰州大学第二医院发挥专业作用。", {{"兰州大学第二医院", EntityType::Hospital}});
  r = extract("同时,与甘肃省红十字会合作开展救助", {{"甘肃省红十字会", EntityType::Organization}}, ctx);
  e = find(r, "兰州大学第二医院", RelType::partners_with, "甘肃省红十字会");
  REQUIRE(e);
  CHECK(e->confidence < 0.6f);
}

TEST_CASE("partners_with: signing and pairing are symmetric", "[relations]") {
  auto r = extract("普陀区与宁洱县人民医院结成紧密型帮扶对子",
                   {{"普陀区", EntityType::County}, {"宁洱县人民医院", EntityType::Hospital}});
  CHECK(find(r, "宁洱县人民医院", RelType::partners_with, "普陀区"));

  r = extract("宁洱县人民医院与普陀区中心医院签订了合作协议",
              {{"宁洱县人民医院", EntityType::Hospital}, {"普陀区中心医院", EntityType::Hospital}});
  CHECK(find(r, "普陀区中心医院", RelType::partners_with, "宁洱县人民医院"));
  CHECK(count(r, RelType::partners_with) == 1);  // pw.sign and pw.coop both fire: one edge
}

TEST_CASE("partners_with: a place qualifying counted units is not a partner", "[relations]") {
  auto r = extract("省人民医院与城关区、七里河区的30家社区卫生服务中心签订医联体协议",
                   {{"省人民医院", EntityType::Hospital}, {"城关区", EntityType::County},
                    {"七里河区", EntityType::County}});
  CHECK_FALSE(find(r, "省人民医院", RelType::partners_with, "城关区"));
  CHECK_FALSE(find(r, "省人民医院", RelType::partners_with, "七里河区"));

  // The list goes on past the last recognized name.
  r = extract("省人民医院与城关区、七里河区、兰州高新技术开发区的30家社区卫生服务中心签订医联体协议",
              {{"省人民医院", EntityType::Hospital}, {"城关区", EntityType::County}, {"七里河区", EntityType::County}});
  CHECK(count(r, RelType::partners_with) == 0);
}

TEST_CASE("dispatches: staff sent to work somewhere", "[relations]") {
  auto r = extract("普陀区依托区内医疗资源,选派多批专家常驻宁洱县开展工作",
                   {{"普陀区", EntityType::County}, {"宁洱县", EntityType::County}});
  REQUIRE(find(r, "普陀区", RelType::dispatches, "宁洱县"));
  CHECK_FALSE(find(r, "宁洱县", RelType::dispatches, "普陀区"));

  r = extract("山东省立医院派驻专家到岷县人民医院担任院长",
              {{"山东省立医院", EntityType::Hospital}, {"岷县人民医院", EntityType::Hospital}});
  CHECK(find(r, "山东省立医院", RelType::dispatches, "岷县人民医院"));
  CHECK(count(r, RelType::serves_as) == 0);  // no named person holds the post
}

TEST_CASE("dispatches: the team sent is not the destination", "[relations]") {
  auto r = extract("由山东省派出的山东大学齐鲁医院医疗队为患者实施手术",
                   {{"山东省", EntityType::Province}, {"山东大学齐鲁医院", EntityType::Hospital}});
  CHECK_FALSE(find(r, "山东省", RelType::dispatches, "山东大学齐鲁医院"));
}

TEST_CASE("serves_as: organization, post, person", "[relations]") {
  auto r = extract("上海市第六人民医院副院长王建国表示", {{"上海市第六人民医院", EntityType::Hospital},
                                                      {"王建国", EntityType::Person}});
  const auto* e = find(r, "王建国", RelType::serves_as, "上海市第六人民医院");
  REQUIRE(e);
  CHECK(e->role == "副院长");

  r = extract("定西市卫生健康委党组书记、主任李春梅说", {{"定西市卫生健康委", EntityType::Agency},
                                                   {"李春梅", EntityType::Person}});
  e = find(r, "李春梅", RelType::serves_as, "定西市卫生健康委");
  REQUIRE(e);
  CHECK(e->role == "党组书记、主任");

  r = extract("岷县人民医院骨科主任赵立新介绍", {{"岷县人民医院", EntityType::Hospital}, {"赵立新", EntityType::Person}});
  e = find(r, "赵立新", RelType::serves_as, "岷县人民医院");
  REQUIRE(e);
  CHECK(e->role == "骨科主任");

  r = extract("青岛市卫生健康委医政医管处处长孙明说", {{"青岛市卫生健康委", EntityType::Agency},
                                                  {"孙明", EntityType::Person}});
  e = find(r, "孙明", RelType::serves_as, "青岛市卫生健康委");
  REQUIRE(e);
  CHECK(e->role == "医政医管处处长");
}

TEST_CASE("serves_as: person first, and posts taken", "[relations]") {
  auto r = extract("王建国,上海市第六人民医院副院长,介绍了经验",
                   {{"王建国", EntityType::Person}, {"上海市第六人民医院", EntityType::Hospital}});
  const auto* e = find(r, "王建国", RelType::serves_as, "上海市第六人民医院");
  REQUIRE(e);
  CHECK(e->role == "副院长");

  r = extract("王建国被派驻到宁洱县人民医院担任执行院长",
              {{"王建国", EntityType::Person}, {"宁洱县人民医院", EntityType::Hospital}});
  e = find(r, "王建国", RelType::serves_as, "宁洱县人民医院");
  REQUIRE(e);
  CHECK(e->role == "执行院长");

  r = extract("王建国挂职宁洱县人民医院副院长", {{"王建国", EntityType::Person}, {"宁洱县人民医院", EntityType::Hospital}});
  e = find(r, "王建国", RelType::serves_as, "宁洱县人民医院");
  REQUIRE(e);
  CHECK(e->role == "副院长");
}

TEST_CASE("works_for and serves_as from one apposition chain", "[relations]") {
  auto r = extract("他找到了上海市第六人民医院帮扶专家、宁洱县人民医院副院长、心内科博士王建国",
                   {{"上海市第六人民医院", EntityType::Hospital}, {"宁洱县人民医院", EntityType::Hospital},
                    {"王建国", EntityType::Person}});
  CHECK(find(r, "王建国", RelType::works_for, "上海市第六人民医院"));
  const auto* e = find(r, "王建国", RelType::serves_as, "宁洱县人民医院");
  REQUIRE(e);
  CHECK(e->role == "副院长");
  CHECK_FALSE(find(r, "王建国", RelType::serves_as, "上海市第六人民医院"));
}

TEST_CASE("works_for: a rank is not a post", "[relations]") {
  auto r = extract("岷县人民医院主任医师赵立新为患者会诊", {{"岷县人民医院", EntityType::Hospital},
                                                      {"赵立新", EntityType::Person}});
  CHECK_FALSE(find(r, "赵立新", RelType::serves_as, "岷县人民医院"));
  CHECK(find(r, "赵立新", RelType::works_for, "岷县人民医院"));

  r = extract("在岷县人民医院儿科病房,赵立新医生正在查房", {{"岷县人民医院", EntityType::Hospital},
                                                        {"赵立新", EntityType::Person}});
  CHECK(find(r, "赵立新", RelType::works_for, "岷县人民医院"));
}

TEST_CASE("funds: amount as written", "[relations]") {
  auto r = extract("青岛市累计投入资金超2.3亿元用于定西市人民医院建设",
                   {{"青岛市", EntityType::City}, {"定西市人民医院", EntityType::Hospital}});
  const auto* e = find(r, "青岛市", RelType::funds, "定西市人民医院");
  REQUIRE(e);
  CHECK(e->amount == "2.3亿元");

  r = extract("青岛市向定西市拨付帮扶资金5000余万元", {{"青岛市", EntityType::City}, {"定西市", EntityType::City}});
  e = find(r, "青岛市", RelType::funds, "定西市");
  REQUIRE(e);
  CHECK(e->amount == "5000余万元");

  r = extract("我省积极协调各级财政累计超3亿元支持", {{"我省", EntityType::Province, "甘肃省", true}});
  CHECK(count(r, RelType::funds) == 0);  // no recipient named
}

TEST_CASE("member_of: branches, joining and alliance seats", "[relations]") {
  auto r = extract("今年3月,医共体分院城关镇卫生院接诊了一名患者",
                   {{"医共体", EntityType::Consortium, "岷县医共体"}, {"城关镇卫生院", EntityType::PrimaryCare}});
  CHECK(find(r, "城关镇卫生院", RelType::member_of, "岷县医共体"));

  r = extract("岷县人民医院正式加入西北肿瘤专科联盟", {{"岷县人民医院", EntityType::Hospital},
                                                   {"西北肿瘤专科联盟", EntityType::Consortium}});
  CHECK(find(r, "岷县人民医院", RelType::member_of, "西北肿瘤专科联盟"));

  r = extract("岷县人民医院获评“西北胸痛联盟理事单位”", {{"岷县人民医院", EntityType::Hospital},
                                                     {"西北胸痛联盟", EntityType::Consortium}});
  CHECK(find(r, "岷县人民医院", RelType::member_of, "西北胸痛联盟"));
}

TEST_CASE("located_in: settling and siting", "[relations]") {
  auto r = extract("明确华西医院甘肃医院落户兰州新区", {{"华西医院甘肃医院", EntityType::Hospital},
                                                   {"兰州新区", EntityType::County}});
  CHECK(find(r, "华西医院甘肃医院", RelType::located_in, "兰州新区"));
  CHECK_FALSE(find(r, "兰州新区", RelType::located_in, "华西医院甘肃医院"));

  r = extract("推动华西医院甘肃医院选址兰州市", {{"华西医院甘肃医院", EntityType::Hospital},
                                               {"兰州市", EntityType::City}});
  CHECK(find(r, "华西医院甘肃医院", RelType::located_in, "兰州市"));
}

TEST_CASE("argument types are enforced", "[relations]") {
  // A person does not "support" a hospital in the schema; and a region holds no post.
  auto r = extract("赵立新指导岷县人民医院开展手术", {{"赵立新", EntityType::Person},
                                                  {"岷县人民医院", EntityType::Hospital}});
  CHECK(r.empty());
}

TEST_CASE("hedged and negated statements are marked", "[relations][hedge]") {
  for (std::string cue : {"拟", "将", "计划", "准备", "预计", "未", "不", "没有", "尚未"}) {
    INFO("cue " << cue);
    std::string text = "青岛市" + cue + "对口帮扶定西市";
    auto r = extract(text, {{"青岛市", EntityType::City}, {"定西市", EntityType::City}});
    const auto* e = find(r, "青岛市", RelType::supports, "定西市");
    REQUIRE(e);
    CHECK(e->hedged);
  }
}

TEST_CASE("hedge cues: exceptions and clause scope", "[relations][hedge]") {
  auto r = extract("青岛市不断加大力度对口帮扶定西市", {{"青岛市", EntityType::City}, {"定西市", EntityType::City}});
  REQUIRE(find(r, "青岛市", RelType::supports, "定西市"));
  CHECK_FALSE(find(r, "青岛市", RelType::supports, "定西市")->hedged);

  r = extract("按年初计划,青岛市对口帮扶定西市", {{"青岛市", EntityType::City}, {"定西市", EntityType::City}});
  REQUIRE(find(r, "青岛市", RelType::supports, "定西市"));
  CHECK_FALSE(find(r, "青岛市", RelType::supports, "定西市")->hedged);

  // A cue inside an entity name is no cue.
  r = extract("将乐县对口帮扶定西市", {{"将乐县", EntityType::County}, {"定西市", EntityType::City}});
  REQUIRE(find(r, "将乐县", RelType::supports, "定西市"));
  CHECK_FALSE(find(r, "将乐县", RelType::supports, "定西市")->hedged);
}

TEST_CASE("confidence: names over references, one clause over several", "[relations][confidence]") {
  auto named = extract("青岛市对口帮扶定西市", {{"青岛市", EntityType::City}, {"定西市", EntityType::City}});
  auto ref = extract("我市对口帮扶定西市", {{"我市", EntityType::City, "青岛市", true}, {"定西市", EntityType::City}});
  REQUIRE(find(named, "青岛市", RelType::supports, "定西市"));
  REQUIRE(find(ref, "青岛市", RelType::supports, "定西市"));
  CHECK(find(ref, "青岛市", RelType::supports, "定西市")->confidence <
        find(named, "青岛市", RelType::supports, "定西市")->confidence);

  auto near = extract("普陀区选派专家常驻宁洱县", {{"普陀区", EntityType::County}, {"宁洱县", EntityType::County}});
  auto far = extract("普陀区发挥优势,选派专家常驻宁洱县", {{"普陀区", EntityType::County}, {"宁洱县", EntityType::County}});
  REQUIRE(find(near, "普陀区", RelType::dispatches, "宁洱县"));
  REQUIRE(find(far, "普陀区", RelType::dispatches, "宁洱县"));
  CHECK(find(far, "普陀区", RelType::dispatches, "宁洱县")->confidence <
        find(near, "普陀区", RelType::dispatches, "宁洱县")->confidence);
}

TEST_CASE("evidence, rule id and offsets are filled", "[relations]") {
  Sentence s = sentence_of("青岛市对口帮扶定西市");
  s.source_begin = 100;
  s.source_end = 130;
  auto r = shipped_extractor().extract(
      s, mentions_in(s.text, {{"青岛市", EntityType::City}, {"定西市", EntityType::City}}), {});
  REQUIRE(r.size() == 1);
  CHECK(r[0].evidence == s.text);
  CHECK(r[0].source_begin == 100);
  CHECK(r[0].source_end == 130);
  CHECK(r[0].rule == "sup.strong");
}

TEST_CASE("bad mention offsets and empty input do not crash", "[relations]") {
  Sentence s = sentence_of("青岛市对口帮扶定西市");
  Mention bad;
  bad.begin = 5;
  bad.end = 500;
  bad.canonical = "x";
  CHECK_NOTHROW(shipped_extractor().extract(s, {bad}, {}));
  CHECK(shipped_extractor().extract(sentence_of(""), {}, {}).empty());
  CHECK(RelationExtractor().extract(s, mentions_in(s.text, {{"青岛市", EntityType::City}}), {}).empty());
}

TEST_CASE("serves_as: a post written before a name belongs to that name", "[relations]") {
  auto r = extract("出席的有孙明,上海市第六人民医院院长王建国等",
                   {{"孙明", EntityType::Person}, {"上海市第六人民医院", EntityType::Hospital},
                    {"王建国", EntityType::Person}});
  CHECK(find(r, "王建国", RelType::serves_as, "上海市第六人民医院"));
  CHECK_FALSE(find(r, "孙明", RelType::serves_as, "上海市第六人民医院"));
}

TEST_CASE("places written one inside the next stand for the most specific", "[relations]") {
  auto r = extract("明确华西医院甘肃医院落户兰州市城关区", {{"华西医院甘肃医院", EntityType::Hospital},
                                                     {"兰州市", EntityType::City}, {"城关区", EntityType::County}});
  CHECK(find(r, "华西医院甘肃医院", RelType::located_in, "城关区"));
  CHECK_FALSE(find(r, "华西医院甘肃医院", RelType::located_in, "兰州市"));

  r = extract("青岛市黄岛区对口帮扶岷县和漳县", {{"青岛市", EntityType::City}, {"黄岛区", EntityType::County},
                                            {"岷县", EntityType::County}, {"漳县", EntityType::County}});
  CHECK(find(r, "黄岛区", RelType::supports, "岷县"));
  CHECK(find(r, "黄岛区", RelType::supports, "漳县"));
  CHECK_FALSE(find(r, "青岛市", RelType::supports, "岷县"));
}

TEST_CASE("member_of: a seat is read from what the member was named", "[relations]") {
  auto r = extract("医院先后获评“省级示范单位”“西北胸痛联盟理事单位”",
                   {{"医院", EntityType::Hospital, "岷县人民医院", true}, {"西北胸痛联盟", EntityType::Consortium}});
  CHECK(find(r, "岷县人民医院", RelType::member_of, "西北胸痛联盟"));
  r = extract("“省级示范单位”“西北胸痛联盟理事单位”等称号已公布", {{"西北胸痛联盟", EntityType::Consortium}});
  CHECK(r.empty());
}

TEST_CASE("dispatches and funds read across a comma to the destination", "[relations]") {
  auto r = extract("南通市卫生健康委选派6名医生组成帮扶医疗队,启程前往岷县人民医院",
                   {{"南通市卫生健康委", EntityType::Agency}, {"岷县人民医院", EntityType::Hospital}});
  CHECK(find(r, "南通市卫生健康委", RelType::dispatches, "岷县人民医院"));

  r = extract("省财政厅下达专项资金1.2亿元,用于支持陇南市第一人民医院建设",
              {{"省财政厅", EntityType::Agency}, {"陇南市第一人民医院", EntityType::Hospital}});
  const auto* e = find(r, "省财政厅", RelType::funds, "陇南市第一人民医院");
  REQUIRE(e);
  CHECK(e->amount == "1.2亿元");
}

TEST_CASE("member_of: members listed after the consortium", "[relations]") {
  auto r = extract("岷县医共体成员单位包括岷县人民医院、岷县中医院和梅川镇卫生院",
                   {{"岷县医共体", EntityType::Consortium}, {"岷县人民医院", EntityType::Hospital},
                    {"岷县中医院", EntityType::Hospital}, {"梅川镇卫生院", EntityType::PrimaryCare}});
  CHECK(find(r, "岷县人民医院", RelType::member_of, "岷县医共体"));
  CHECK(find(r, "岷县中医院", RelType::member_of, "岷县医共体"));
  CHECK(find(r, "梅川镇卫生院", RelType::member_of, "岷县医共体"));
}

TEST_CASE("an adverb between the subject and 与 keeps the subject", "[relations]") {
  auto r = extract("兰州大学第二医院已经与岷县人民医院签订合作协议",
                   {{"兰州大学第二医院", EntityType::Hospital}, {"岷县人民医院", EntityType::Hospital}});
  const auto* e = find(r, "兰州大学第二医院", RelType::partners_with, "岷县人民医院");
  REQUIRE(e);
  CHECK(e->confidence > 0.8f);
}

TEST_CASE("supports, dispatches, member_of, located_in: further general phrasings", "[relations]") {
  auto r = extract("山东省立医院是岷县人民医院的对口帮扶单位", {{"山东省立医院", EntityType::Hospital},
                                                          {"岷县人民医院", EntityType::Hospital}});
  CHECK(find(r, "山东省立医院", RelType::supports, "岷县人民医院"));

  r = extract("岷县人民医院的对口帮扶医院为山东省立医院", {{"岷县人民医院", EntityType::Hospital},
                                                        {"山东省立医院", EntityType::Hospital}});
  CHECK(find(r, "山东省立医院", RelType::supports, "岷县人民医院"));

  r = extract("今年青岛市向定西市派出医疗队5支", {{"青岛市", EntityType::City}, {"定西市", EntityType::City}});
  CHECK(find(r, "青岛市", RelType::dispatches, "定西市"));

  r = extract("梅川镇卫生院是岷县人民医院的分院", {{"梅川镇卫生院", EntityType::PrimaryCare},
                                                {"岷县人民医院", EntityType::Hospital}});
  CHECK(find(r, "梅川镇卫生院", RelType::member_of, "岷县人民医院"));
  CHECK_FALSE(find(r, "岷县人民医院", RelType::member_of, "梅川镇卫生院"));

  r = extract("位于兰州市的华西医院甘肃医院今天开诊", {{"兰州市", EntityType::City},
                                                  {"华西医院甘肃医院", EntityType::Hospital}});
  CHECK(find(r, "华西医院甘肃医院", RelType::located_in, "兰州市"));

  r = extract("王建国在岷县人民医院挂职副院长", {{"王建国", EntityType::Person}, {"岷县人民医院", EntityType::Hospital}});
  const auto* e = find(r, "王建国", RelType::serves_as, "岷县人民医院");
  REQUIRE(e);
  CHECK(e->role == "副院长");
}

TEST_CASE("co-building with cooperation is one tie", "[relations]") {
  auto r = extract("兰州大学第一医院与临夏州人民医院合作共建区域医疗中心",
                   {{"兰州大学第一医院", EntityType::Hospital}, {"临夏州人民医院", EntityType::Hospital}});
  CHECK(find(r, "兰州大学第一医院", RelType::co_builds, "临夏州人民医院"));
  CHECK_FALSE(find(r, "兰州大学第一医院", RelType::partners_with, "临夏州人民医院"));

  r = extract("兰州大学第一医院与临夏州人民医院开展合作", {{"兰州大学第一医院", EntityType::Hospital},
                                                        {"临夏州人民医院", EntityType::Hospital}});
  CHECK(find(r, "兰州大学第一医院", RelType::partners_with, "临夏州人民医院"));
}
