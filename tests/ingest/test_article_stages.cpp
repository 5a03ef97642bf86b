// The stages that read more than one pattern at a time: lists of officials, agreements of several
// parties, branch campuses, the publisher (我院), persons listed without titles and numbered hospitals'
// short names. Whole invented articles through the pipeline; names are made up, places are real.
#include <catch2/catch.hpp>

#include <algorithm>

#include "ingest/pipeline.hpp"

using namespace bangfu::ingest;
using bangfu::graph::EntityType;
using bangfu::graph::RelType;

namespace {

const Pipeline& pipeline() {
  static Pipeline p(PipelineOptions{std::string(BANGFU_SOURCE_DIR) + "/data", {}});
  return p;
}

DocumentExtraction run(const std::string& text) {
  Document doc;
  doc.id = "t.txt";
  doc.text = text;
  return pipeline().extract(doc);
}

const ExtractedEntity* entity(const DocumentExtraction& d, const std::string& name_or_alias) {
  for (const auto& e : d.entities)
    if (e.name == name_or_alias || std::count(e.aliases.begin(), e.aliases.end(), name_or_alias)) return &e;
  return nullptr;
}

// The relation between the entities named (by any of their names), or null.
const ExtractedRelation* edge(const DocumentExtraction& d, const std::string& src, RelType rel, const std::string& dst) {
  const auto* a = entity(d, src);
  const auto* b = entity(d, dst);
  if (!a || !b) return nullptr;
  for (const auto& r : d.relations) {
    if (r.rel != rel) continue;
    if (r.src == a->name && r.dst == b->name) return &r;
    if (bangfu::graph::is_symmetric(rel) && r.src == b->name && r.dst == a->name) return &r;
  }
  return nullptr;
}

std::size_t count(const DocumentExtraction& d, RelType rel) {
  return static_cast<std::size_t>(
      std::count_if(d.relations.begin(), d.relations.end(), [&](const auto& r) { return r.rel == rel; }));
}

}  // namespace

TEST_CASE("officials: each listed title goes to the body written before it", "[officials]") {
  auto d = run("仪式上,龙里县卫生健康局党组书记、局长周明远,龙里县人民医院院长吴华清出席。\n");
  const auto* r = edge(d, "周明远", RelType::serves_as, "龙里县卫生健康局");
  REQUIRE(r);
  CHECK(r->role == "党组书记、局长");  // two titles at one body: one edge
  CHECK(r->rule == "officials.list");
  CHECK(edge(d, "吴华清", RelType::serves_as, "龙里县人民医院"));
  CHECK_FALSE(edge(d, "吴华清", RelType::serves_as, "龙里县卫生健康局"));
}

TEST_CASE("officials: a title without a body takes the previous item's; names after one title share it",
          "[officials]") {
  auto d = run("黔南州人民医院党委书记陈立新、院长杨光辉,副院长马俊峰、林德生参加签约。\n");
  CHECK(edge(d, "陈立新", RelType::serves_as, "黔南州人民医院"));
  CHECK(edge(d, "杨光辉", RelType::serves_as, "黔南州人民医院"));
  CHECK(edge(d, "马俊峰", RelType::serves_as, "黔南州人民医院"));
  CHECK(edge(d, "林德生", RelType::serves_as, "黔南州人民医院"));
}

TEST_CASE("officials: government heads go to the government of their level", "[officials]") {
  // 县委副书记、县长: two bodies, two edges; the county's government is named in the article.
  auto d = run("会议由惠水县人民政府主持。\n惠水县委副书记、县长韦正清,副县长罗永安出席。\n");
  const auto* party = edge(d, "韦正清", RelType::serves_as, "惠水县委");
  REQUIRE(party);
  CHECK(party->role == "副书记");
  CHECK(edge(d, "韦正清", RelType::serves_as, "惠水县人民政府"));
  CHECK(edge(d, "罗永安", RelType::serves_as, "惠水县人民政府"));
  CHECK_FALSE(edge(d, "罗永安", RelType::serves_as, "惠水县委"));

  // No government named: the county itself.
  d = run("瓮安县位于黔南州北部。\n瓮安县委常委、组织部部长杨红梅,副县长田志远参加座谈。\n");
  CHECK(edge(d, "田志远", RelType::serves_as, "瓮安县"));
  CHECK(edge(d, "杨红梅", RelType::serves_as, "瓮安县委"));
}

TEST_CASE("officials: a title after a verb or a venue is nobody's post there", "[officials]") {
  auto d = run("启动仪式在荔波县人民医院举行,副县长覃建华出席。\n");
  CHECK_FALSE(edge(d, "覃建华", RelType::serves_as, "荔波县人民医院"));
}

TEST_CASE("officials: ranks are membership, posts in brackets count too", "[officials]") {
  auto d = run("都匀市中医院心内科主任医师王晓峰、副院长(民盟都匀市委会主委)石玉兰参加义诊。\n");
  CHECK(edge(d, "王晓峰", RelType::works_for, "都匀市中医院"));
  CHECK_FALSE(edge(d, "王晓峰", RelType::serves_as, "都匀市中医院"));
}

TEST_CASE("persons: names without a surname between a post and a separator", "[officials][persons]") {
  auto d = run("贵定县人民医院院长助理扎西顿珠,副院长拉姆措出席。\n");
  CHECK(entity(d, "拉姆措"));
  CHECK(edge(d, "拉姆措", RelType::serves_as, "贵定县人民医院"));
  // A common word after a title is no name.
  d = run("贵定县人民医院院长一行,前往三都县调研。\n");
  CHECK(std::none_of(d.entities.begin(), d.entities.end(), [](const auto& e) { return e.type == EntityType::Person; }));
}

TEST_CASE("persons: names listed before a count of people, and the sender they work for", "[persons]") {
  auto d = run("长顺县人民医院选派了王文斌、李秀、赵海军等三名专家前往紫云县人民医院开展帮扶。\n");
  for (const char* name : {"王文斌", "李秀", "赵海军"}) {
    CHECK(entity(d, name));
    CHECK(edge(d, name, RelType::works_for, "长顺县人民医院"));
  }
  CHECK(edge(d, "长顺县人民医院", RelType::dispatches, "紫云县人民医院"));
  // Two words and 等 with no count are no list of people.
  d = run("帮扶、指导等工作在长顺县人民医院展开。\n");
  CHECK(std::none_of(d.entities.begin(), d.entities.end(), [](const auto& e) { return e.type == EntityType::Person; }));
}

TEST_CASE("parties: every pair of a list of signing parties", "[parties]") {
  auto d = run("望谟县人民医院、册亨县人民医院与安龙县人民医院签署医联体合作协议。\n");
  CHECK(edge(d, "望谟县人民医院", RelType::partners_with, "册亨县人民医院"));
  CHECK(edge(d, "望谟县人民医院", RelType::partners_with, "安龙县人民医院"));
  CHECK(edge(d, "册亨县人民医院", RelType::partners_with, "安龙县人民医院"));
  // A planned signing is no fact.
  d = run("望谟县人民医院、册亨县人民医院与安龙县人民医院计划签署合作协议。\n");
  CHECK(std::none_of(d.relations.begin(), d.relations.end(),
                     [](const auto& r) { return r.rel == RelType::partners_with && !r.hedged; }));
}

TEST_CASE("parties: co-builders in a list, each pair", "[parties]") {
  auto d = run("贞丰县人民政府、兴仁市人民政府和普安县人民政府共建区域医疗中心。\n");
  CHECK(edge(d, "贞丰县人民政府", RelType::co_builds, "兴仁市人民政府"));
  CHECK(edge(d, "兴仁市人民政府", RelType::co_builds, "普安县人民政府"));
  CHECK(edge(d, "贞丰县人民政府", RelType::co_builds, "普安县人民政府"));
}

TEST_CASE("branches: a campus named after its hospital is a member of it", "[branches]") {
  auto d = run("遵义市第一人民医院新蒲院区正式启用。\n遵义市第一人民医院派出专家坐诊。\n");
  CHECK(edge(d, "遵义市第一人民医院新蒲院区", RelType::member_of, "遵义市第一人民医院"));
  // A hospital named after its co-builder is not its branch.
  d = run("遵义市第一人民医院湄潭医院挂牌。\n遵义市第一人民医院派出专家。\n");
  CHECK(count(d, RelType::member_of) == 0);
}

TEST_CASE("publisher: 我院 is the institution the article names before it", "[publisher]") {
  auto d = run("近日,铜仁市人民医院与思南县人民医院签订帮扶协议。\n思南县人民医院院长冉启明,我院院长杨秋平出席。\n");
  CHECK(edge(d, "杨秋平", RelType::serves_as, "铜仁市人民医院"));
  CHECK(edge(d, "冉启明", RelType::serves_as, "思南县人民医院"));
  const auto* self = entity(d, "我院");
  REQUIRE(self);
  CHECK(self->name == "铜仁市人民医院");
}

TEST_CASE("publisher: unnamed, 我院 is an entity of its own, not the hospital it signs with", "[publisher]") {
  auto d = run("我院与石阡县人民医院签订医联体协议。\n我院党委书记田永红出席。\n");
  const auto* self = entity(d, "我院");
  REQUIRE(self);
  CHECK(self->name == "我院");
  CHECK(edge(d, "田永红", RelType::serves_as, "我院"));
  CHECK_FALSE(edge(d, "田永红", RelType::serves_as, "石阡县人民医院"));
}

TEST_CASE("numbered hospitals: the short name is the hospital named in full", "[resolve]") {
  auto d = run("苏州大学第二医院与松桃县人民医院签约。\n会上,苏大二院院长潘志勇讲话。\n");
  const auto* full = entity(d, "苏州大学第二医院");
  REQUIRE(full);
  CHECK(full == entity(d, "苏大二院"));
  CHECK(edge(d, "潘志勇", RelType::serves_as, "苏州大学第二医院"));
}

TEST_CASE("agencies: bodies written back to back are a list", "[relations]") {
  auto d = run("江口县委县政府将继续支持江口县人民医院发展。\n");
  CHECK(edge(d, "江口县委", RelType::supports, "江口县人民医院"));
}

TEST_CASE("parties: a consortium named before the signing is the one the parties join", "[parties]") {
  auto d = run("遵义医科大学附属医院与赤水市人民医院、习水县人民医院举行贵州省心血管专科联盟签约仪式。\n");
  for (const char* member : {"遵义医科大学附属医院", "赤水市人民医院", "习水县人民医院"})
    CHECK(edge(d, member, RelType::member_of, "贵州省心血管专科联盟"));
  CHECK(edge(d, "赤水市人民医院", RelType::partners_with, "习水县人民医院"));
}

TEST_CASE("agencies: an aid headquarters is named for the helper and the place", "[recognize]") {
  auto d = run("由贵州省卫生健康委员会、浙江省对口支援贵州省黔东南州前方指挥部联合主办。\n");
  const auto* hq = entity(d, "浙江省对口支援贵州省黔东南州前方指挥部");
  REQUIRE(hq);
  CHECK(hq->type == EntityType::Agency);
  CHECK(count(d, RelType::supports) == 0);  // 对口支援 inside a name supports nobody
}

TEST_CASE("member_of: a consortium made of its members, or headed by one", "[relations]") {
  auto d = run("荔波县医共体由荔波县人民医院、荔波县中医院和玉屏街道社区卫生服务中心组成。\n");
  for (const char* member : {"荔波县人民医院", "荔波县中医院", "玉屏街道社区卫生服务中心"})
    CHECK(edge(d, member, RelType::member_of, "荔波县医共体"));
  d = run("三都县医共体以三都县人民医院为龙头。\n");
  CHECK(edge(d, "三都县人民医院", RelType::member_of, "三都县医共体"));
}

TEST_CASE("co-building: a signing stays a partnership, and 托管共建 is the manager's support", "[relations]") {
  auto d = run("黄石市人民政府与武汉大学第一附属医院托管共建黄石市人民医院签约仪式近日举行。\n");
  CHECK(edge(d, "黄石市人民政府", RelType::co_builds, "武汉大学第一附属医院"));
  CHECK(edge(d, "黄石市人民政府", RelType::partners_with, "武汉大学第一附属医院"));
  CHECK(edge(d, "武汉大学第一附属医院", RelType::supports, "黄石市人民医院"));
  CHECK_FALSE(edge(d, "黄石市人民政府", RelType::supports, "黄石市人民医院"));  // a government manages no hospital
  // Without a signing the cooperation is the co-building itself.
  auto e = run("阳新县人民政府与黄石市中心医院合作共建阳新县人民医院。\n");
  CHECK(edge(e, "阳新县人民政府", RelType::co_builds, "黄石市中心医院"));
  CHECK_FALSE(edge(e, "阳新县人民政府", RelType::partners_with, "黄石市中心医院"));
}

TEST_CASE("recognize: a place after a word is read from the word's end (共建阳新县, not 建阳)", "[recognize]") {
  auto d = run("省卫健委将全力支持黄石市中心医院托管共建阳新县人民医院。\n");
  CHECK(entity(d, "阳新县人民医院"));
  CHECK_FALSE(entity(d, "建阳新县人民医院"));
  // A phrase ending in a verb (全力支持) does not start the name after it.
  auto e = run("省卫健委将全力支持武大一附院发展。\n");
  CHECK(entity(e, "武大一附院"));
  CHECK(edge(e, "省卫健委", RelType::supports, "武大一附院"));
}

TEST_CASE("relations: a leading clause of time takes the main clause's subject", "[relations]") {
  auto d = run("继与阳新县人民政府、大冶市人民政府签订合作协议之后,7月28日下午,黄石市中心医院又携手通山县人民政府。\n");
  CHECK(edge(d, "黄石市中心医院", RelType::partners_with, "阳新县人民政府"));
  CHECK(edge(d, "黄石市中心医院", RelType::partners_with, "大冶市人民政府"));
  // Without such a clause the subject is not looked for after the trigger.
  auto e = run("与阳新县人民政府签订合作协议,黄石市中心医院很重视。\n");
  CHECK_FALSE(edge(e, "黄石市中心医院", RelType::partners_with, "阳新县人民政府"));
}

TEST_CASE("dispatches: a hospital organizes a team that goes to a place", "[relations]") {
  auto d = run("7月24日,信阳市中心医院组织多学科专家团队,走进罗山县人民医院,开展大型义诊活动。\n");
  CHECK(edge(d, "信阳市中心医院", RelType::dispatches, "罗山县人民医院"));
}

TEST_CASE("resolve: bare 医院 opening a clause is the hospital the article is about", "[resolve]") {
  auto d = run("今天,青州市人民医院派出医生。\n青州市人民医院对口支援临朐县人民医院、昌乐县人民医院。\n"
               "青州市人民医院积极行动。\n在欢送仪式上,医院党委书记钱立平谈到,帮扶医院派驻的专家都是骨干。\n");
  const auto* r = edge(d, "钱立平", RelType::serves_as, "青州市人民医院");
  REQUIRE(r);
  CHECK(r->role == "党委书记");
  // 帮扶医院 is a kind of hospital, not the article's: no edge from it.
  CHECK_FALSE(edge(d, "青州市人民医院", RelType::dispatches, "青州市人民医院"));
  // Named no more often than the others, no hospital stands out: 医院 stays unresolved.
  auto e = run("临朐县人民医院和昌乐县人民医院签约。\n在仪式上,医院院长钱立平讲话。\n");
  CHECK_FALSE(edge(e, "钱立平", RelType::serves_as, "临朐县人民医院"));
  CHECK_FALSE(edge(e, "钱立平", RelType::serves_as, "昌乐县人民医院"));
}

TEST_CASE("recognize: 省立医院 after a region, listed names after 、 starting with 和, party departments",
          "[recognize][officials]") {
  auto d = run("山东省立医院小儿外科主任钱立平出席。\n");
  const auto* r = edge(d, "钱立平", RelType::serves_as, "山东省立医院");
  REQUIRE(r);
  CHECK(r->role == "小儿外科主任");
  CHECK_FALSE(entity(run("他们决定成立医院管理小组。\n"), "成立医院"));
  auto e = run("榆林市第一医院党委书记赵文玉,副院长白万祥、和水祥,院务委员赵广裕参加会议。\n");
  CHECK(edge(e, "和水祥", RelType::serves_as, "榆林市第一医院"));
  CHECK(edge(e, "赵广裕", RelType::serves_as, "榆林市第一医院"));
  auto f = run("连云港市委统战部常务副部长高艳平,县委常委、县委组织部部长游安明出席。\n");
  const auto* g = edge(f, "高艳平", RelType::serves_as, "连云港市委统战部");
  REQUIRE(g);
  CHECK(g->role == "常务副部长");
  CHECK_FALSE(entity(f, "县委组织部"));  // after a bare 县委 the department stays in the post
}

TEST_CASE("recognize: a province spelled with a variant character keeps the spelling", "[recognize]") {
  auto d = run("陜西省人民醫院院長錢立平指出,醫院將派出專家。\n");
  const auto* e = entity(d, "陜西省人民医院");
  REQUIRE(e);
  CHECK(e->type == EntityType::Hospital);
  CHECK(edge(d, "钱立平", RelType::serves_as, "陜西省人民医院"));
  CHECK(entity(run("浙江心脏专家千里送医阿克苏\n"), "浙江"));  // 江心 is a word, 浙江 still the province
}

TEST_CASE("resolve: 市委 in an article about a county-level city is that city's", "[resolve]") {
  auto d = run("9月3日,延吉大学第一医院与敦化市人民政府举行签约仪式。\n敦化市委书记钱立平出席。敦化市是县级市。\n"
               "市委副书记、市长李文明主持。\n");
  const auto* committee = entity(d, "敦化市委");
  REQUIRE(committee);
  CHECK(std::count(committee->aliases.begin(), committee->aliases.end(), "市委") == 1);
  CHECK(edge(d, "李文明", RelType::serves_as, "敦化市委"));
}

TEST_CASE("resolve: a region's short form plus 医院 is the hospital whose name ends with it", "[resolve]") {
  auto d = run("长春大学第一医院敦化医院揭牌。\n长春大学第一医院院长钱立平说,敦化医院将开设新科室。\n");
  const auto* branch = entity(d, "长春大学第一医院敦化医院");
  REQUIRE(branch);
  CHECK(std::count(branch->aliases.begin(), branch->aliases.end(), "敦化医院") == 1);
  CHECK(entity(d, "长春大学第一医院") != branch);
}

TEST_CASE("counted lists: 四家医院 stands for the four hospitals listed before it", "[counted]") {
  auto d = run("按照部署,青州市人民医院对口支援临朐县人民医院、昌乐县人民医院、寿光市人民医院和安丘市人民医院。"
               "工作启动后,青州市人民医院先后与四家医院完成了签约。\n");
  for (const char* h : {"临朐县人民医院", "昌乐县人民医院", "寿光市人民医院", "安丘市人民医院"})
    CHECK(edge(d, "青州市人民医院", RelType::partners_with, h));
  // A count that matches no list gives nothing, and the stand-in never becomes an entity.
  auto e = run("青州市人民医院对口支援临朐县人民医院、昌乐县人民医院。青州市人民医院与三家医院完成了签约。\n");
  CHECK(count(e, RelType::partners_with) == 0);
  for (const auto& ent : e.entities) CHECK(ent.name.find("三家医院") == std::string::npos);
  // 甲、乙两家医院: the count right after its own list adds nothing.
  auto f = run("临朐县人民医院、昌乐县人民医院两家医院与青州市人民医院签约。\n");
  CHECK(count(f, RelType::partners_with) == 2);
}

TEST_CASE("recognize: names start at the last place after a verb or a team's ending", "[recognize]") {
  auto d = run("上海市安排援滇资金5000万元支持永平县人民医院新建住院楼。\n");
  CHECK(edge(d, "上海市", RelType::funds, "永平县人民医院"));
  CHECK(entity(run("杭州市第一人民医院医疗队抵达恩施州人民医院。\n"), "恩施州人民医院"));
  CHECK(entity(run("专家赴伊犁州友谊医院开展工作。\n"), "伊犁州友谊医院"));  // 伊犁州: 哈萨克 left out
}

TEST_CASE("recognize: a university's hospital with a name of up to six characters of its own", "[recognize]") {
  auto d = run("岭南大学孙逸仙纪念医院院长钱立平出席。\n");
  CHECK(edge(d, "钱立平", RelType::serves_as, "岭南大学孙逸仙纪念医院"));
}

TEST_CASE("persons: a name before a verb of going or taking a post ends there", "[persons]") {
  auto d = run("该院心内科副主任医师王晓东到淳安县第一人民医院挂职副院长。\n");
  const auto* r = edge(d, "王晓东", RelType::serves_as, "淳安县第一人民医院");
  REQUIRE(r);
  CHECK(r->role == "副院长");
}

TEST_CASE("funds: a sum that is what donated goods are worth is support, not money", "[relations]") {
  auto d = run("当天,洛阳市中心医院向宜阳县人民医院捐赠了价值50万元的医疗设备。\n");
  CHECK(edge(d, "洛阳市中心医院", RelType::supports, "宜阳县人民医院"));
  CHECK_FALSE(edge(d, "洛阳市中心医院", RelType::funds, "宜阳县人民医院"));
  auto e = run("当天,洛阳市中心医院向宜阳县人民医院捐赠50万元。\n");
  const auto* r = edge(e, "洛阳市中心医院", RelType::funds, "宜阳县人民医院");
  REQUIRE(r);
  CHECK(r->amount == "50万元");
}

TEST_CASE("consortia named after their head hospital; thanks for help is support", "[recognize][relations]") {
  auto d = run("蒲城县人民医院正式成为宝鸡市中心医院医联体成员单位。\n");
  CHECK(edge(d, "蒲城县人民医院", RelType::member_of, "宝鸡市中心医院医联体"));
  // After 与 the word says what the pair builds.
  auto e = run("宝鸡市中心医院与蒲城县人民医院医联体正式签约揭牌。\n");
  CHECK_FALSE(entity(e, "蒲城县人民医院医联体"));
  CHECK(edge(e, "宝鸡市中心医院", RelType::partners_with, "蒲城县人民医院"));
  auto f = run("凤山县人民医院院长韦立明表示,感谢深圳市罗湖区人民医院的无私帮扶。\n");
  CHECK(edge(f, "深圳市罗湖区人民医院", RelType::supports, "凤山县人民医院"));
}

TEST_CASE("relations: a visit to guide is support; co-building named after a signing", "[relations]") {
  auto d = run("常德市第一人民医院院长祝明一行到桃源县人民医院调研指导帮扶工作。\n");
  CHECK(edge(d, "常德市第一人民医院", RelType::supports, "桃源县人民医院"));
  auto e = run("2021年,宜昌市中心医院与秭归县人民政府签订合作协议,共建秭归县人民医院新院区。\n");
  CHECK(edge(e, "宜昌市中心医院", RelType::co_builds, "秭归县人民政府"));
  CHECK(edge(e, "宜昌市中心医院", RelType::partners_with, "秭归县人民政府"));
}

TEST_CASE("recognize and relations: numbered-hospital abbreviations; thanks for care and support", "[recognize][relations]") {
  auto d = run("华蓥市人民医院在重医附一院的指导帮助下,学科建设加快推进。\n");
  CHECK(edge(d, "重医附一院", RelType::supports, "华蓥市人民医院"));
  auto e = run("县委常委荀丽丽对南昌大学第二附属医院长期以来对乐安县卫生健康事业的关心和支持表示衷心的感谢。\n");
  CHECK(edge(e, "南昌大学第二附属医院", RelType::supports, "乐安县"));
}

TEST_CASE("recognize: a numeral and a character after a place abbreviate a name (七台河七煤医院)", "[recognize]") {
  auto d = run("佳木斯市肿瘤医院与双鸭山双矿医院、七台河七煤医院举行黑龙江省肿瘤专科联盟签约仪式。\n");
  CHECK(entity(d, "七台河七煤医院"));
  CHECK(edge(d, "七台河七煤医院", RelType::member_of, "黑龙江省肿瘤专科联盟"));
  CHECK_FALSE(entity(run("七台河两家医院签约。\n"), "七台河两家医院"));
}

TEST_CASE("persons: a name before 的 or 陪同 ends there", "[persons]") {
  auto d = run("在县委副书记、县长钱明辉的陪同下,安徽省立医院党委书记王建华一行参观了县医院。\n");
  CHECK(entity(d, "钱明辉"));
  CHECK(edge(d, "钱明辉", RelType::serves_as, "县委"));
}

TEST_CASE("member_of: members listed after the consortium's clause", "[relations]") {
  auto d = run("大冶市医共体由大冶市人民医院牵头,成员单位包括金湖街道卫生院、保安镇卫生院。\n");
  CHECK(edge(d, "金湖街道卫生院", RelType::member_of, "大冶市医共体"));
  CHECK(edge(d, "保安镇卫生院", RelType::member_of, "大冶市医共体"));
  auto e = run("大冶市医共体成员单位包括:金湖街道卫生院、保安镇卫生院。\n");
  CHECK(edge(e, "保安镇卫生院", RelType::member_of, "大冶市医共体"));
}

TEST_CASE("recognize: a verbal noun between two places ends the phrase (合作建设)", "[recognize]") {
  auto d = run("2月10日上午,河南省人民医院、新乡市平原城乡一体化示范区合作建设河南省人民医院北院区协议签署仪式举行。\n");
  CHECK(entity(d, "河南省人民医院北院区"));
  CHECK(edge(d, "河南省人民医院北院区", RelType::member_of, "河南省人民医院"));
}

TEST_CASE("supports: aid work named for the aided province brings something to a place", "[relations]") {
  auto d = run("近年来,吉林省“组团式”医疗援疆工作成效显著,给阿勒泰地区群众带来了便利。\n");
  CHECK(edge(d, "吉林省", RelType::supports, "阿勒泰地区"));
}

TEST_CASE("relations: a name right after 对 is never the subject of the verbs after it", "[relations]") {
  auto d = run("2017年起,深圳市宝安区人民医院对凤山县人民医院实行对口帮扶,派驻3批医疗队到凤山帮助提高服务能力。\n");
  CHECK(edge(d, "深圳市宝安区人民医院", RelType::dispatches, "凤山"));
  CHECK_FALSE(edge(d, "凤山县人民医院", RelType::dispatches, "凤山"));
}

TEST_CASE("resolve: a hospital renamed (并命名为“…分院”) keeps one entity; 不遗余力 negates nothing", "[resolve]") {
  auto d = run("今年5月,湖北省人民医院正式托管红安县人民医院,并命名为“湖北省人民医院大别山分院”。"
               "红安县委县政府将不遗余力地继续支持湖北省人民医院大别山分院发展。\n");
  const auto* county = entity(d, "红安县人民医院");
  REQUIRE(county);
  CHECK(county == entity(d, "湖北省人民医院大别山分院"));
  CHECK(county != entity(d, "湖北省人民医院"));
  const auto* r = edge(d, "红安县委", RelType::supports, "红安县人民医院");
  REQUIRE(r);
  CHECK_FALSE(r->hedged);
  CHECK(edge(d, "红安县人民医院", RelType::member_of, "湖北省人民医院"));
}

TEST_CASE("works_for: a doctor who is a hospital's attending physician", "[relations]") {
  auto d = run("今年34岁的陈天明医生是厦门医学院附属口腔医院的主治医生。\n");
  CHECK(edge(d, "陈天明", RelType::works_for, "厦门医学院附属口腔医院"));
}

TEST_CASE("serves_as: a certificate of appointment to a post", "[relations]") {
  auto d = run("杂多县人民医院向主任医师张明华颁发杂多县人民医院副院长聘书。\n");
  const auto* r = edge(d, "张明华", RelType::serves_as, "杂多县人民医院");
  REQUIRE(r);
  CHECK(r->role == "副院长");
}

TEST_CASE("parties: officials signing on behalf of their bodies make the bodies partners", "[parties]") {
  auto d = run("4月2日,汕尾市市长杨明松、暨南大学附属第一医院院长宋立卫代表双方签订共建汕尾市中心医院协议。\n");
  CHECK(edge(d, "汕尾市", RelType::partners_with, "暨南大学附属第一医院"));
  CHECK(edge(d, "汕尾市", RelType::co_builds, "暨南大学附属第一医院"));
  auto e = run("汕尾市市长杨明松、暨南大学附属第一医院院长宋立卫代表双方拟签订协议。\n");
  CHECK_FALSE(edge(e, "汕尾市", RelType::partners_with, "暨南大学附属第一医院"));
}

TEST_CASE("resolve: a co-built hospital's second name (甲医院乙医院) is 乙's hospital", "[resolve]") {
  auto d = run("青川县人民政府与四川省人民医院共建四川省人民医院青川医院签约仪式在青川县人民医院举行。\n"
               "四川省医院院长王立新表示，将派专家支援青川县人民医院。\n");
  const auto* local = entity(d, "青川县人民医院");
  REQUIRE(local);
  CHECK(local == entity(d, "四川省人民医院青川医院"));
  CHECK(local != entity(d, "四川省人民医院"));
  CHECK(entity(d, "四川省医院") == entity(d, "四川省人民医院"));
}

TEST_CASE("recognize + resolve: a university's affiliated hospital named after a city's hospital", "[resolve]") {
  auto d = run("皖医大附属芜湖第二人民医院与南陵县医院签约。芜湖市第二人民医院院长李国强出席。\n"
               "安医大附属安庆第一人民医院专家到岳西县医院义诊。\n");
  const auto* wuhu = entity(d, "皖医大附属芜湖第二人民医院");
  REQUIRE(wuhu);
  CHECK(wuhu == entity(d, "芜湖市第二人民医院"));
  CHECK(entity(d, "安医大附属安庆第一人民医院"));
  auto e = run("北京协和医院贵州医院落户贵阳。贵州省人民医院专家参加。\n");
  CHECK(entity(e, "北京协和医院贵州医院") != entity(e, "贵州省人民医院"));
}

TEST_CASE("recognize: a name opening a clause before 是/现任 and a post is a person", "[recognize]") {
  auto d = run("据介绍，钟晓岚是湘雅二医院心内科副主任医师，现挂职担任桑植县人民医院副院长。\n");
  CHECK(edge(d, "钟晓岚", RelType::works_for, "湘雅二医院"));
  const auto* r = edge(d, "钟晓岚", RelType::serves_as, "桑植县人民医院");
  REQUIRE(r);
  CHECK(r->role == "副院长");
  auto e = run("田立新现任桑植县人民医院副院长。\n");
  CHECK(edge(e, "田立新", RelType::serves_as, "桑植县人民医院"));
  auto f = run("黄金是重要的资源，桑植县人民医院院长说。\n");
  CHECK_FALSE(entity(f, "黄金"));
}

TEST_CASE("dispatches: a doctor introduced first, then 他被派到 a hospital", "[relations]") {
  auto d = run("今年41岁的孙海涛是厦门大学附属中山医院的主治医师，今年3月，他被选派到会宁县人民医院开展为期一年的帮扶。\n");
  CHECK(edge(d, "厦门大学附属中山医院", RelType::dispatches, "会宁县人民医院"));
}

TEST_CASE("relations: a hospital's 的十名专家 are its own people; a verb unties two hospital names", "[relations]") {
  auto d = run("来自中南大学湘雅医院的10名专家来到花垣县人民医院开展义诊。\n");
  CHECK(edge(d, "中南大学湘雅医院", RelType::dispatches, "花垣县人民医院"));
  auto e = run("2019年起，北京大学第一医院全面托管延边州医院。\n");
  CHECK(entity(e, "延边州医院"));
  CHECK(edge(e, "北京大学第一医院", RelType::supports, "延边州医院"));
  auto f = run("会上，金寨县人民医院牵头组建的金寨县医共体正式揭牌。\n");
  CHECK(edge(f, "金寨县人民医院", RelType::member_of, "金寨县医共体"));
}

TEST_CASE("recognize: a township or village named without a county before it", "[recognize]") {
  auto d = run("医疗队在海拔最高的扎朵乡为牧民义诊。随后来到柳沟村。\n");
  CHECK(entity(d, "扎朵乡"));
  CHECK(entity(d, "柳沟村"));
  auto e = run("医院与经济薄弱村开展城乡结对活动，推进美丽乡村建设。\n");
  CHECK_FALSE(entity(e, "济薄弱村"));
  CHECK_FALSE(entity(e, "开展城乡"));
  auto f = run("裕民县阿勒腾也木勒乡村民对此深有体会。\n");
  CHECK_FALSE(entity(f, "木勒乡"));
}

TEST_CASE("recognize: a two-character name between a department and a post", "[recognize]") {
  auto d = run("会上，为泗阳县人民医院心内科钱进主任领衔的名医工作室揭牌。\n");
  const auto* r = edge(d, "钱进", RelType::serves_as, "泗阳县人民医院");
  REQUIRE(r);
  CHECK(r->role == "心内科主任");
}

TEST_CASE("resolve: a university written short before 附属 is the same affiliated hospital", "[resolve]") {
  auto d = run("蚌医大附属宿州第二人民医院与泗县医院签约。\n蚌埠医科大学附属宿州第二人民医院院长钱立新出席。\n");
  CHECK(entity(d, "蚌医大附属宿州第二人民医院") == entity(d, "蚌埠医科大学附属宿州第二人民医院"));
}

TEST_CASE("relations: two parties meet, then 双方 sign an agreement two clauses later", "[relations]") {
  auto d = run("3月13日上午，宜春市人民医院与铜鼓县人民政府召开医联体建设座谈会，双方围绕紧密型医联体建设深入交流，并在会后正式签订合作协议。\n");
  CHECK(edge(d, "宜春市人民医院", RelType::partners_with, "铜鼓县人民政府"));
  auto e = run("交大一附院榆林医院与多伦县卫健委座谈。\n");
  CHECK(entity(e, "交大一附院榆林医院"));
}

TEST_CASE("body: a site's welcome banner is page furniture", "[body]") {
  auto d = run("欢迎光临宜春市人民医院网站!\n铜鼓县人民医院派出专家到宜丰县人民医院。\n");
  CHECK_FALSE(entity(d, "宜春市人民医院"));
}

TEST_CASE("recognize: a second place not inside the first is part of a hospital's name", "[recognize]") {
  auto d = run("昆明市延安医院派出专家到禄劝县第一人民医院。\n");
  CHECK(entity(d, "昆明市延安医院"));
  CHECK_FALSE(entity(d, "延安"));
  auto e = run("毕节市七星关区人民医院派出专家。\n");
  CHECK(entity(e, "七星关区"));
}

TEST_CASE("recognize + relations: a department's consortium; gifts of equipment are support", "[relations]") {
  auto d = run("银川市第一人民医院成为北京天坛医院神经外科专科联盟成员单位。\n");
  CHECK(edge(d, "银川市第一人民医院", RelType::member_of, "北京天坛医院神经外科专科联盟"));
  auto e = run("北京市东城区向墨竹工卡县人民医院捐赠救护车2辆。\n");
  CHECK(edge(e, "东城区", RelType::supports, "墨竹工卡县人民医院"));
}

TEST_CASE("works_for: an expert sent by one hospital to another belongs to the sender", "[relations]") {
  auto d = run("湖南省人民医院派驻花垣县人民医院的帮扶专家、心内科主任医师吴俊在查房。\n");
  CHECK(edge(d, "吴俊", RelType::works_for, "湖南省人民医院"));
  CHECK_FALSE(edge(d, "吴俊", RelType::works_for, "花垣县人民医院"));
  auto e = run("援藏医生王海峰来自上海市第一人民医院。\n");
  CHECK(edge(e, "王海峰", RelType::works_for, "上海市第一人民医院"));
}

TEST_CASE("relations: experts from a province counted after it (来自某省的8位专家)", "[relations]") {
  auto d = run("2日，在拉萨市人民医院内，来自对口援藏省份江苏的8位医疗专家开展义诊。\n");
  CHECK(edge(d, "江苏", RelType::dispatches, "拉萨市人民医院"));
}

TEST_CASE("dispatches: an agency sends named staff who then set out for hospitals (派…等4名骨干,分别奔赴…)", "[relations]") {
  auto d = run("今年6月，伊宁市卫健委派伊宁市人民医院主治医师张晓燕、伊宁市中医院医师马建军等4名医疗骨干，分别奔赴常州市第一人民医院、常州市中医医院开展工作。\n");
  CHECK(edge(d, "伊宁市卫健委", RelType::dispatches, "常州市第一人民医院"));
  CHECK(edge(d, "伊宁市卫健委", RelType::dispatches, "常州市中医医院"));
}

TEST_CASE("dispatches: support, then staff sent with no place named again (累计派驻专家46人次)", "[relations]") {
  auto d = run("2020年以来，绍兴市人民医院持续帮扶鹤峰县人民医院，累计派驻专家46人次。\n");
  CHECK(edge(d, "绍兴市人民医院", RelType::dispatches, "鹤峰县人民医院"));
}

TEST_CASE("officials: a post taken through a verb survives the list reading of the same person", "[officials]") {
  auto d = run("援派干部、台州医院副院长周波现任普安县人民医院院长。\n");
  CHECK(edge(d, "周波", RelType::serves_as, "台州医院"));
  CHECK(edge(d, "周波", RelType::serves_as, "普安县人民医院"));
  auto e = run("上海交通大学医学院附属瑞金医院援滇专家陈刚被任命为勐腊县人民医院执行院长。\n");
  const auto* r = edge(e, "陈刚", RelType::serves_as, "勐腊县人民医院");
  REQUIRE(r);
  CHECK(r->role == "执行院长");
}

TEST_CASE("recognize: a name between a verb of appointment and 为 a post", "[recognize]") {
  auto d = run("会上，宣读了关于聘任刘建为临夏州人民医院名誉院长的决定。\n");
  const auto* r = edge(d, "刘建", RelType::serves_as, "临夏州人民医院");
  REQUIRE(r);
  CHECK(r->role == "名誉院长");
}

TEST_CASE("supports: a team's help, then the helped hospital's gain in the next clause", "[relations]") {
  auto d = run("多年来，苏州大学附属第一医院专家团队接力帮扶，铜仁市人民医院的诊疗水平明显提升。\n");
  CHECK(edge(d, "苏州大学附属第一医院", RelType::supports, "铜仁市人民医院"));
}

TEST_CASE("recognize: a co-built hospital named by its parent's short name and the place (华西资阳医院)", "[recognize]") {
  auto d = run("四川大学华西医院与资阳市人民政府共同建设华西资阳医院。\n");
  CHECK(entity(d, "华西资阳医院"));
  auto e = run("医疗队前往凤凰县人民医院。\n");
  CHECK(entity(e, "凤凰县人民医院"));
}

TEST_CASE("recognize: a title before an abstract noun names no person (专家常态化下沉)", "[recognize]") {
  auto d = run("湘西医联体建设提速，省级专家常态化下沉。\n");
  CHECK_FALSE(entity(d, "常态化"));
}

TEST_CASE("recognize: a surname that closes a word with the character before it starts no name (每周开展专家门诊)", "[recognize]") {
  auto d = run("金寨县人民医院向梅山镇中心卫生院派驻内科医生3名，每周开展专家门诊和查房带教。\n");
  CHECK_FALSE(entity(d, "周开展"));
  auto e = run("会上，神经内科王建国专家作了报告。\n");
  CHECK(entity(e, "王建国"));
}

TEST_CASE("recognize: 某区乡镇卫生院 is a kind of place in a region, not a name", "[recognize]") {
  auto d = run("山东省卫生健康委员会安排专项资金500万元，用于万州区乡镇卫生院设备更新。\n");
  CHECK_FALSE(entity(d, "万州区乡镇卫生院"));
}

TEST_CASE("resolve: the page's stated source names the publisher that 我院 means", "[resolve]") {
  auto d = run("我院专家团队赴会东县开展帮扶\n来源：西昌市人民医院 发布时间：2024-03-12\n\n"
               "3月10日，我院专家团队一行6人抵达会东县人民医院，开始为期一年的帮扶工作。\n"
               "我院党委书记王海表示，医院将继续全力支持会东县人民医院提升诊疗能力。\n");
  CHECK(entity(d, "我院") == entity(d, "西昌市人民医院"));
  CHECK(edge(d, "西昌市人民医院", RelType::dispatches, "会东县人民医院"));
  CHECK(edge(d, "西昌市人民医院", RelType::supports, "会东县人民医院"));
  CHECK(edge(d, "王海", RelType::serves_as, "西昌市人民医院"));
}

TEST_CASE("supports: 将倾力帮扶,推动某院… is an ongoing commitment, not a plan", "[relations]") {
  auto d = run("刘明表示，眉山市人民医院将倾力帮扶，推动仁寿县人民医院在三年内创建三级医院。\n");
  const auto* r = edge(d, "眉山市人民医院", RelType::supports, "仁寿县人民医院");
  REQUIRE(r);
  CHECK_FALSE(r->hedged);
}

TEST_CASE("officials: a post a verb governs is not an item of the next person's list", "[officials]") {
  auto d = run("其中，张卫东挂职和田地区人民医院副院长，天津市胸科医院心内科副主任医师赵宏担任心内科主任。\n");
  CHECK(edge(d, "张卫东", RelType::serves_as, "和田地区人民医院"));
  CHECK_FALSE(edge(d, "赵宏", RelType::serves_as, "和田地区人民医院"));
  CHECK(edge(d, "赵宏", RelType::works_for, "天津市胸科医院"));
  auto e = run("签约仪式由新乡市委常委、常务副市长，平原示范区党工委书记孙栋主持。\n");
  CHECK(edge(e, "孙栋", RelType::serves_as, "新乡市委"));
}

TEST_CASE("resolve: a source line alone is page furniture, no entity", "[resolve]") {
  auto d = run("某县新闻\n来源：西昌市人民医院\n\n会东县人民医院开展义诊。\n");
  CHECK_FALSE(entity(d, "西昌市人民医院"));
}

TEST_CASE("funds: money passed on by its receiver is still the giver's", "[relations]") {
  auto d = run("深圳市向河源市拨付对口帮扶资金2亿元，用于支持河源市人民医院建设。\n");
  CHECK(edge(d, "深圳市", RelType::funds, "河源市"));
  CHECK(edge(d, "深圳市", RelType::funds, "河源市人民医院"));
  CHECK_FALSE(edge(d, "河源市", RelType::funds, "河源市人民医院"));
}

TEST_CASE("supports + dispatches: 结成帮扶对子; 第五批援派某院的专家团队", "[relations]") {
  auto d = run("为提升基层医疗服务能力，贵州省人民医院与印江县人民医院结成帮扶对子。\n");
  CHECK(edge(d, "贵州省人民医院", RelType::supports, "印江县人民医院"));
  auto e = run("这是湘雅二医院第五批援派湘西州人民医院的专家团队。\n");
  CHECK(edge(e, "湘雅二医院", RelType::dispatches, "湘西州人民医院"));
}

TEST_CASE("counted lists: 对口医院 later in the sentence stands for the same counted list", "[counted]") {
  auto d = run("聊城市人民医院对口支援东阿县人民医院、高唐县人民医院、茌平区人民医院和冠县人民医院。"
               "项目启动后，聊城市人民医院迅速行动，先后与四家医院签订了帮扶协议，并于近日派驻专家前往对口医院开展工作。\n");
  CHECK(edge(d, "聊城市人民医院", RelType::dispatches, "东阿县人民医院"));
  CHECK(edge(d, "聊城市人民医院", RelType::dispatches, "冠县人民医院"));
}

TEST_CASE("supports: under whose support two others sign; building aid at a place", "[relations]") {
  auto d = run("在锦州市委、市政府的大力支持下，辽宁工业大学与锦州市中心医院签署合作协议。\n");
  CHECK(edge(d, "锦州市委", RelType::supports, "锦州市中心医院"));
  auto e = run("2019年9月，思明区投资30万元在临夏县北塬乡中心小学援建一座教学楼。\n");
  CHECK(edge(e, "思明区", RelType::supports, "北塬乡中心小学"));
  auto f = run("据悉，省质控中心在省卫生健康委的支持下，依托兰州市第一人民医院正式成立。\n");
  CHECK_FALSE(edge(f, "省卫生健康委", RelType::supports, "兰州市第一人民医院"));
}

TEST_CASE("resolve: an aid body's short name (某省援X指挥部) is its full name", "[resolve]") {
  auto d = run("浙江省对口支援新疆阿克苏地区前方指挥部组织专家义诊。\n浙江援疆指挥部总指挥、阿克苏地委副书记王立新出席。\n");
  CHECK(entity(d, "浙江援疆指挥部") == entity(d, "浙江省对口支援新疆阿克苏地区前方指挥部"));
  CHECK(edge(d, "王立新", RelType::serves_as, "浙江省对口支援新疆阿克苏地区前方指挥部"));
}

TEST_CASE("recognize: a place's short form that is a verb here (新建) starts no name; class words name kinds",
          "[recognize]") {
  auto d = run("曲靖市人民政府投入2.6亿元新建曲靖市第二人民医院。\n");
  CHECK(entity(d, "曲靖市第二人民医院"));
  CHECK_FALSE(entity(d, "新建曲靖市第二人民医院"));
  const auto* f = edge(d, "曲靖市人民政府", RelType::funds, "曲靖市第二人民医院");
  REQUIRE(f);
  CHECK(f->amount == "2.6亿元");
  auto e = run("在上海市第六人民医院的帮扶下，会泽县人民医院创成三级医院。\n");
  CHECK_FALSE(entity(e, "创成三级医院"));
  CHECK(edge(e, "上海市第六人民医院", RelType::supports, "会泽县人民医院"));
}

TEST_CASE("persons: 挂任 and a name after 的 before its post; 来自某院的 is that hospital's staff", "[persons]") {
  auto d = run("珠海市人民医院心内科主任医师王建国挂任钟山区人民医院副院长。\n");
  CHECK(edge(d, "王建国", RelType::serves_as, "钟山区人民医院"));
  CHECK(edge(d, "王建国", RelType::works_for, "珠海市人民医院"));
  auto e = run("来自珠海市人民医院的李红梅担任钟山区人民医院执行院长。\n");
  CHECK(edge(e, "李红梅", RelType::serves_as, "钟山区人民医院"));
  CHECK(edge(e, "李红梅", RelType::works_for, "珠海市人民医院"));
  auto f = run("据悉，张伟是珠海市人民医院选派的帮扶专家，现任钟山区人民医院业务副院长。\n");
  CHECK(edge(f, "张伟", RelType::serves_as, "钟山区人民医院"));
}

TEST_CASE("co_builds: 携手…共建, 依托…建设 a centre, not a meeting held together; supports: a team 赴 a hospital to help", "[relations]") {
  auto d = run("安徽省立医院携手阜阳市人民医院共建国家区域医疗中心。\n");
  CHECK(edge(d, "安徽省立医院", RelType::co_builds, "阜阳市人民医院"));
  auto e = run("北京大学人民医院依托青岛市市立医院建设国家区域医疗中心。\n");
  CHECK(edge(e, "北京大学人民医院", RelType::co_builds, "青岛市市立医院"));
  auto f = run("中组部、国家卫生健康委和教育部共同举办的支援工作推进会在拉萨召开。\n");
  CHECK_FALSE(edge(f, "中组部", RelType::co_builds, "教育部"));
  auto g = run("北京积水潭医院专家团队赴承德市中心医院开展骨科帮扶。\n");
  CHECK(edge(g, "北京积水潭医院", RelType::supports, "承德市中心医院"));
  CHECK(edge(g, "北京积水潭医院", RelType::dispatches, "承德市中心医院"));
}

TEST_CASE("serves_as: 聘用 a hospital's head, named with his post, as a post elsewhere", "[relations]") {
  auto d = run("签约仪式上，双方同时聘用运城市中心医院院长赵明为稷山县人民医院名誉院长。\n");
  const auto* r = edge(d, "赵明", RelType::serves_as, "稷山县人民医院");
  REQUIRE(r);
  CHECK(r->role == "名誉院长");
  CHECK(edge(d, "赵明", RelType::serves_as, "运城市中心医院"));
}

TEST_CASE("recognize: a county under its former level (水城县, now 水城区) is one place, not 水城 + 县医院",
          "[recognize]") {
  auto d = run("未来三年，市人民医院将全力帮助水城县人民医院提高综合医疗水平。\n");
  CHECK(entity(d, "水城县人民医院"));
  CHECK_FALSE(entity(d, "县人民医院"));
  auto e = run("丽江市场监管局和贵阳市卫生健康局参加。\n");
  CHECK_FALSE(entity(e, "丽江市场"));
}

TEST_CASE("recognize: central bodies by name (中组部, 教育部); a post inside a body makes no hospital",
          "[recognize]") {
  auto d = run("会上，中组部常务副部长王立平和教育部有关负责人讲话。\n");
  CHECK(edge(d, "王立平", RelType::serves_as, "中组部"));
  CHECK(entity(d, "教育部"));
  auto e = run("会议在拉萨召开，刘海东书记代表医院参会。\n");
  CHECK_FALSE(entity(e, "刘海东书记代表医院"));
}

TEST_CASE("officials: names each followed by its own title share the body, not the titles", "[officials]") {
  auto d = run("西藏自治区人民医院副院长格桑与北京协和医院援藏队员赵彬副主任、李尊柱护士长一同迎接。\n");
  const auto* r = edge(d, "李尊柱", RelType::serves_as, "北京协和医院");
  REQUIRE(r);
  CHECK(r->role == "护士长");
  const auto* z = edge(d, "赵彬", RelType::serves_as, "北京协和医院");
  REQUIRE(z);
  CHECK(z->role == "副主任");
}

TEST_CASE("resolve: 该院 opening a sentence continues the previous sentence's subject", "[resolve]") {
  auto d = run("根据协议，云南省第一人民医院将对镇雄县人民医院进行全方位帮扶。"
               "该院派驻8名专家组成的团队常驻镇雄县人民医院。\n");
  CHECK(edge(d, "云南省第一人民医院", RelType::dispatches, "镇雄县人民医院"));
  CHECK_FALSE(edge(d, "镇雄县人民医院", RelType::dispatches, "镇雄县人民医院"));
}

TEST_CASE("officials: a body closed by a comma is not the body of the titles after it", "[officials]") {
  auto d = run("专家团队常驻镇雄县，主任医师李春华挂任镇雄县人民医院副院长。\n");
  CHECK(edge(d, "李春华", RelType::serves_as, "镇雄县人民医院"));
  CHECK_FALSE(edge(d, "李春华", RelType::works_for, "镇雄县"));
}

TEST_CASE("partners_with: 与…建立了专科联盟关系, for each listed party", "[relations]") {
  auto d = run("近年来，镇雄县人民医院先后与昆明医科大学第一附属医院、云南省肿瘤医院等6家省级医院建立了专科联盟关系。\n");
  CHECK(edge(d, "镇雄县人民医院", RelType::partners_with, "昆明医科大学第一附属医院"));
  CHECK(edge(d, "镇雄县人民医院", RelType::partners_with, "云南省肿瘤医院"));
}

TEST_CASE("officials: 挂职 opening the next item leaves the titles before it to their body", "[officials]") {
  auto d = run("湖里区副区长、挂职临夏县委常委、副县长陈明辉出席了座谈会。\n");
  CHECK(edge(d, "陈明辉", RelType::serves_as, "湖里区"));
  CHECK(edge(d, "陈明辉", RelType::serves_as, "临夏县委"));
}

TEST_CASE("funds: aid money a pair's helper put in (与某县开展协作，累计投入帮扶资金…)", "[relations]") {
  auto d = run("2021年以来，厦门市湖里区与临夏县开展东西部协作，累计投入帮扶资金3200万元。\n");
  const auto* f = edge(d, "湖里区", RelType::funds, "临夏县");
  REQUIRE(f);
  CHECK(f->amount == "3200万元");
}

TEST_CASE("relations: a team led to a place, the team that went on, thanks for support, later-clause support",
          "[relations]") {
  auto d = run("四川省人民医院组织15名专家组成医疗队，在副院长王建军的带领下赴甘孜州开展巡回医疗活动。\n");
  CHECK(edge(d, "四川省人民医院", RelType::dispatches, "甘孜州"));
  auto e = run("四川省人民医院派出医疗队。医疗队先后来到康定市人民医院和泸定县人民医院，开展义诊。\n");
  CHECK(edge(e, "四川省人民医院", RelType::dispatches, "康定市人民医院"));
  CHECK(edge(e, "四川省人民医院", RelType::dispatches, "泸定县人民医院"));
  auto f = run("甘孜州人民医院院长扎西在座谈会上对四川省人民医院长期以来的支持表示感谢。\n");
  CHECK(edge(f, "四川省人民医院", RelType::supports, "甘孜州人民医院"));
  auto g = run("王建军表示，四川省人民医院将继续发挥龙头作用，全力支持甘孜州医疗卫生事业发展。\n");
  const auto* r = edge(g, "四川省人民医院", RelType::supports, "甘孜州");
  REQUIRE(r);
  CHECK_FALSE(r->hedged);
  auto h = run("四川省人民医院组织专家，在副院长李明的带领下赴甘孜州。\n");
  if (const auto* s = edge(h, "李明", RelType::serves_as, "四川省人民医院")) CHECK(s->role == "副院长");
}

TEST_CASE("member_of: members listed 为成员单位, joining a consortium another hospital leads; 紧密型县域医共体 = 医共体",
          "[relations]") {
  auto d = run("会泽县紧密型县域医共体挂牌。会泽县医共体以会泽县人民医院为牵头医院，会泽县中医医院、娜姑镇中心卫生院等"
               "21家医疗机构为成员单位。\n");
  CHECK(entity(d, "会泽县紧密型县域医共体") == entity(d, "会泽县医共体"));
  CHECK(edge(d, "会泽县人民医院", RelType::member_of, "会泽县医共体"));
  CHECK(edge(d, "会泽县中医医院", RelType::member_of, "会泽县医共体"));
  CHECK(edge(d, "娜姑镇中心卫生院", RelType::member_of, "会泽县医共体"));
  auto e = run("此前，会泽县人民医院已加入昆明医科大学第一附属医院牵头的云南省心血管专科联盟。\n");
  CHECK(edge(e, "会泽县人民医院", RelType::member_of, "云南省心血管专科联盟"));
  CHECK(edge(e, "昆明医科大学第一附属医院", RelType::member_of, "云南省心血管专科联盟"));
}

TEST_CASE("numbered hospitals: a rare dictionary word abbreviates too (广医二院); a support signing ceremony",
          "[resolve][relations]") {
  auto d = run("6月16日，广州医科大学附属第二医院与毕节市第一人民医院举行对口帮扶签约仪式。"
               "根据协议，广医二院每年选派10名专家到毕节市第一人民医院开展帮扶。\n");
  CHECK(entity(d, "广医二院") == entity(d, "广州医科大学附属第二医院"));
  CHECK(edge(d, "广州医科大学附属第二医院", RelType::supports, "毕节市第一人民医院"));
  CHECK(edge(d, "广州医科大学附属第二医院", RelType::partners_with, "毕节市第一人民医院"));
}

TEST_CASE("relations: 分别 pairs two lists in order; the helped unit of someone's support; led by (由…牵头)",
          "[relations]") {
  auto d = run("四川大学华西第二医院、四川大学华西口腔医院分别与甘孜州妇幼保健院、甘孜州人民医院签订帮扶协议。\n");
  CHECK(edge(d, "四川大学华西第二医院", RelType::supports, "甘孜州妇幼保健院"));
  CHECK(edge(d, "四川大学华西口腔医院", RelType::partners_with, "甘孜州人民医院"));
  CHECK_FALSE(edge(d, "四川大学华西第二医院", RelType::partners_with, "甘孜州人民医院"));
  CHECK_FALSE(edge(d, "四川大学华西口腔医院", RelType::supports, "甘孜州妇幼保健院"));
  auto e = run("昌都市人民医院是重庆市卫生健康委对口支援的受援单位。\n");
  CHECK(edge(e, "重庆市卫生健康委", RelType::supports, "昌都市人民医院"));
  auto f = run("由重庆医科大学附属第一医院牵头，联合12家区县医院组建重庆市心血管专科联盟。\n");
  CHECK(edge(f, "重庆医科大学附属第一医院", RelType::member_of, "重庆市心血管专科联盟"));
  CHECK_FALSE(entity(f, "区县医院"));
}

TEST_CASE("persons: a bracketed aside between a post and the name; the post of someone a hospital sent",
          "[persons]") {
  auto d = run("援藏干部、日喀则市人民医院副院长（山东大学齐鲁医院心内科主任医师）刘强说，这里条件艰苦。\n");
  CHECK(edge(d, "刘强", RelType::serves_as, "日喀则市人民医院"));
  CHECK(edge(d, "刘强", RelType::works_for, "山东大学齐鲁医院"));
  auto e = run("重庆医科大学附属第二医院派驻巫溪县人民医院的执行院长陈勇带领团队开展手术。\n");
  CHECK(edge(e, "陈勇", RelType::serves_as, "巫溪县人民医院"));
  CHECK(edge(e, "陈勇", RelType::works_for, "重庆医科大学附属第二医院"));
}

TEST_CASE("recognize: 地区 stands for the article's prefecture at a phrase's start, not in 贫困地区",
          "[recognize][resolve]") {
  auto d = run("浙江援疆医疗队来到阿克苏地区，在阿克苏地区第一人民医院开展手术。"
               "地区第一人民医院心胸外科主任庄永胜介绍了情况。\n");
  CHECK(edge(d, "庄永胜", RelType::serves_as, "阿克苏地区第一人民医院"));
  auto e = run("帮助边远地区医院提升能力，贫困地区卫生院受益，打造地区一流县级医院。\n");
  CHECK_FALSE(entity(e, "地区卫生院"));
  CHECK_FALSE(entity(e, "地区医院"));
  CHECK_FALSE(entity(e, "地区一流县级医院"));
}

TEST_CASE("partners_with: the signing ceremony of a hospital taking over another (某院托管某院签约仪式)",
          "[relations]") {
  auto d = run("11月9日，贵州省人民医院托管贵州省第二人民医院(瓮安县人民医院)签约仪式在瓮安县举行。\n");
  CHECK(edge(d, "贵州省人民医院", RelType::partners_with, "贵州省第二人民医院"));
  CHECK(edge(d, "贵州省人民医院", RelType::supports, "贵州省第二人民医院"));
}

TEST_CASE("recognize: a unit with a name of its own under a named agency (某省卫健委医疗服务管理中心)", "[recognize]") {
  auto d = run("河南省人民医院院长陈传亮，河南省卫健委医疗服务管理中心主任董薇出席。\n");
  CHECK(edge(d, "董薇", RelType::serves_as, "河南省卫健委医疗服务管理中心"));
  auto e = run("省卫健委基层卫生处处长王刚出席。\n");
  CHECK(edge(e, "王刚", RelType::serves_as, "省卫健委"));
}

TEST_CASE("resolve: 区 in an autonomous region's article that names no district is the region", "[resolve]") {
  auto d = run("广西壮族自治区卫生健康委组织专家赴百色市。区卫生健康委主任李明表示将继续支持百色市人民医院建设。\n");
  CHECK(edge(d, "李明", RelType::serves_as, "广西壮族自治区卫生健康委"));
  CHECK(entity(d, "区卫生健康委") == entity(d, "广西壮族自治区卫生健康委"));
}

TEST_CASE("relations: 迎来某院帮扶专家; 作为某院援疆干部，在某院担任副院长; 与某院组建医联体", "[relations]") {
  auto d = run("叙永县人民医院迎来了四川省人民医院第五批帮扶专家。\n");
  CHECK(edge(d, "四川省人民医院", RelType::supports, "叙永县人民医院"));
  CHECK(edge(d, "四川省人民医院", RelType::dispatches, "叙永县人民医院"));
  auto e = run("王芳作为天津医科大学总医院第十批援疆干部，在和田地区人民医院担任副院长。\n");
  CHECK(edge(e, "王芳", RelType::serves_as, "和田地区人民医院"));
  CHECK(edge(e, "王芳", RelType::works_for, "天津医科大学总医院"));
  auto f = run("泸州市人民医院与叙永县人民医院组建医联体，实现双向转诊。\n");
  CHECK(edge(f, "泸州市人民医院", RelType::co_builds, "叙永县人民医院"));
  auto g = run("浙江省人民医院与阿克苏地区第一人民医院建立了跨省医联体合作关系。\n");
  CHECK_FALSE(edge(g, "浙江省人民医院", RelType::co_builds, "阿克苏地区第一人民医院"));
}

TEST_CASE("recognize: a place split across words starts no name (打造成县域医共体); 贫困乡村 is no township",
          "[recognize]") {
  auto d = run("河南省人民医院将把固始县人民医院打造成县域医共体的领头雁。\n");
  CHECK_FALSE(entity(d, "成县域医共体"));
  auto e = run("厦门市湖里区帮扶临夏县贫困乡村完善基础设施建设。\n");
  CHECK_FALSE(entity(e, "贫困乡"));
}

TEST_CASE("persons: a second name after 和 in a titled list (dotted, or closed by a cue)", "[persons]") {
  auto d = run("援疆医生阿依古丽·买买提和热合曼江·吐尔逊参加义诊。\n");
  CHECK(entity(d, "阿依古丽·买买提"));
  CHECK(entity(d, "热合曼江·吐尔逊"));
  auto e = run("主任医师张建国和李红梅参加义诊。\n");
  CHECK(entity(e, "李红梅"));
}

TEST_CASE("supports: the helping province of an aid pairing (对口援藏省份山东); a team arriving to serve",
          "[relations]") {
  auto d = run("在西藏日喀则市妇幼保健院内，来自对口援藏省份山东的8位医疗专家启动了公益活动。\n");
  CHECK(edge(d, "山东", RelType::supports, "西藏"));
  auto e = run("8月4日，上海医疗专家团一行到永平县开展为期3天的基层服务活动。\n");
  CHECK(edge(e, "上海医疗专家团", RelType::supports, "永平县"));
}

TEST_CASE("recognize: a prefecture's party committee (地委); a dotted name before a cue inside a word (艾买提到)",
          "[recognize][persons]") {
  auto d = run("和田地委副书记刘建军，地区卫生健康委主任吐尔逊·艾买提到机场迎接。\n");
  CHECK(edge(d, "刘建军", RelType::serves_as, "和田地委"));
  CHECK(entity(d, "吐尔逊·艾买提"));
  CHECK_FALSE(entity(d, "吐尔逊·艾买"));
}

TEST_CASE("resolve + supports: 甲医院—乙医院 of two places is a pair of a list, not one hospital", "[resolve][relations]") {
  auto d = run("帮扶关系如下：贵州省人民医院—赤水市人民医院，遵义市第一人民医院—务川县人民医院。\n");
  CHECK(entity(d, "贵州省人民医院") != entity(d, "赤水市人民医院"));
  CHECK(edge(d, "贵州省人民医院", RelType::supports, "赤水市人民医院"));
  CHECK(edge(d, "遵义市第一人民医院", RelType::supports, "务川县人民医院"));
  CHECK_FALSE(edge(d, "贵州省人民医院", RelType::supports, "务川县人民医院"));
}

TEST_CASE("supports: a dash pair is read only as an item of its own, never from a list before it", "[relations]") {
  auto d = run("湖南省儿童医院与湘西州人民医院——吉首大学第一附属医院签约。\n");
  CHECK_FALSE(edge(d, "湖南省儿童医院", RelType::supports, "吉首大学第一附属医院"));
}

TEST_CASE("resolve: 第一附属医院 in a university's own news is that university's hospital, named in full",
          "[resolve]") {
  auto d = run("来源：昆明医科大学\n\n7月18日，我校召开援藏干部人才欢送会。第一附属医院副院长李华代表派出单位发言。\n");
  const auto* h = entity(d, "昆明医科大学第一附属医院");
  REQUIRE(h);
  CHECK(h == entity(d, "第一附属医院"));
  CHECK(edge(d, "李华", RelType::serves_as, "昆明医科大学第一附属医院"));
}

TEST_CASE("resolve: 学校 after a university is that university", "[resolve]") {
  auto d = run("江西中医药大学与乐安县签约。5月15日，学校党委委员、副校长严小军率队赴乐安县中医院。\n");
  CHECK(edge(d, "严小军", RelType::serves_as, "江西中医药大学"));
}

TEST_CASE("co_builds: signing an agreement to co-build; 开展共建 with a village; 作为… names no subject",
          "[relations]") {
  auto d = run("大连理工大学与大连市中心医院签署合作共建附属医院协议。\n");
  CHECK(edge(d, "大连理工大学", RelType::co_builds, "大连市中心医院"));
  auto e = run("来源：南京医科大学第二附属医院\n\n作为江苏省文明单位，我院积极响应号召，已于今年8月与灌云县伊山镇披甲墩村开展了共建帮扶座谈。\n");
  CHECK(edge(e, "南京医科大学第二附属医院", RelType::co_builds, "披甲墩村"));
  CHECK_FALSE(edge(e, "江苏省", RelType::co_builds, "披甲墩村"));
}

TEST_CASE("recognize: a township whose name closes a place word (伊山|山镇) with no county before it",
          "[recognize]") {
  auto d = run("南京医科大学第二附属医院专家来到伊山镇披甲墩村开展义诊。\n");
  CHECK(entity(d, "伊山镇"));
  CHECK(entity(d, "披甲墩村"));
}

TEST_CASE("supports: a region's own body helping that region is no aid fact", "[relations]") {
  auto d = run("山东省援藏干部总领队、日喀则市委常务副书记马金栋表示，作为对口支援日喀则市的结对省，山东省一直重视医疗援藏。\n");
  CHECK_FALSE(edge(d, "日喀则市委", RelType::supports, "日喀则市"));
}

TEST_CASE("recognize: a society named after a level word; a team's batch number is part of its name",
          "[recognize]") {
  auto d = run("贵州省召开会议。省紧急医学救援协会会长陈中国出席会议并讲话。\n");
  CHECK(edge(d, "陈中国", RelType::serves_as, "省紧急医学救援协会"));
  auto e = run("5月15日，专家参加第十七批省卫生人才服务团挂职锻炼见面会。\n");
  CHECK(entity(e, "第十七批省卫生人才服务团"));
  CHECK_FALSE(entity(e, "省卫生人才服务团"));
}

TEST_CASE("recognize: a hospital's consortium of a field (某医院心血管专科联盟) and the hospitals joining it",
          "[recognize][relations]") {
  auto d = run("会泽县人民医院和富源县人民医院共同加入昆明医科大学第一附属医院心血管专科联盟。\n");
  CHECK(edge(d, "会泽县人民医院", RelType::member_of, "昆明医科大学第一附属医院心血管专科联盟"));
  CHECK(edge(d, "富源县人民医院", RelType::member_of, "昆明医科大学第一附属医院心血管专科联盟"));
}

TEST_CASE("supports: a managed hospital (某院作为某院的托管医院); funds given 累计向 a hospital", "[relations]") {
  auto d = run("泰和县人民医院作为江西省人民医院的托管医院，近年来发展迅速。\n");
  CHECK(edge(d, "江西省人民医院", RelType::supports, "泰和县人民医院"));
  CHECK_FALSE(edge(d, "泰和县人民医院", RelType::supports, "江西省人民医院"));
  auto e = run("据统计，托管以来，江西省人民医院累计向泰和县人民医院投入设备资金2000余万元。\n");
  const auto* f = edge(e, "江西省人民医院", RelType::funds, "泰和县人民医院");
  REQUIRE(f);
  CHECK(f->amount == "2000余万元");
}

TEST_CASE("recognize: 自治区 as a level word is the article's autonomous region", "[recognize][resolve]") {
  auto d = run("宁夏回族自治区卫生健康委召开会议。受自治区卫生健康委委派，宁夏回族自治区人民医院派出12名专家到西吉县人民医院开展帮扶。\n");
  CHECK(entity(d, "自治区卫生健康委") == entity(d, "宁夏回族自治区卫生健康委"));
  CHECK_FALSE(entity(d, "区卫生健康委"));
  CHECK(edge(d, "宁夏回族自治区人民医院", RelType::dispatches, "西吉县人民医院"));
}

TEST_CASE("resolve: a hospital that 挂牌 a branch's name is that branch", "[resolve]") {
  auto d = run("昆明医科大学第一附属医院与会泽县签约。会泽县人民医院正式挂牌“昆明医科大学第一附属医院会泽分院”。\n");
  CHECK(entity(d, "会泽县人民医院") == entity(d, "昆明医科大学第一附属医院会泽分院"));
  CHECK(edge(d, "会泽县人民医院", RelType::member_of, "昆明医科大学第一附属医院"));
}

TEST_CASE("resolve: a hospital's own name is the university hospital of that name; a team arriving, then helping",
          "[resolve][relations]") {
  auto d = run("近日，复旦大学附属华山医院神经外科专家团队来到大理州人民医院，开展为期一周的技术帮扶。"
               "华山医院专家还与大理州人民医院共建神经外科诊疗中心。\n");
  CHECK(entity(d, "华山医院") == entity(d, "复旦大学附属华山医院"));
  CHECK(edge(d, "复旦大学附属华山医院", RelType::supports, "大理州人民医院"));
  CHECK(edge(d, "复旦大学附属华山医院", RelType::co_builds, "大理州人民医院"));
}

TEST_CASE("dispatches: a stated destination wins over the supported party a fallback rule implies", "[relations]") {
  auto d = run("广西平果县位于百色市。2019年起，佛山市南海区人民医院对平果县人民医院实行对口帮扶，派驻4批医疗队到平果县开展工作。\n");
  CHECK(edge(d, "佛山市南海区人民医院", RelType::supports, "平果县人民医院"));
  CHECK(edge(d, "佛山市南海区人民医院", RelType::dispatches, "平果县"));
  CHECK_FALSE(edge(d, "佛山市南海区人民医院", RelType::dispatches, "平果县人民医院"));
  // With no stated destination the implied one stays, and 援疆 naming a region does not count as stated.
  auto e = run("2020年，长春市卫健委派出8名援疆医疗专家，对口支援阿勒泰市人民医院、阿勒泰市中医院。\n");
  CHECK(edge(e, "长春市卫健委", RelType::dispatches, "阿勒泰市人民医院"));
  CHECK(edge(e, "长春市卫健委", RelType::dispatches, "阿勒泰市中医院"));
}

TEST_CASE("resolve: a county named with its level word stays a place when two divisions share the name",
          "[resolve][relations]") {
  // 东乡县 is Gansu's 东乡族自治县 and the former name of Jiangxi's 东乡区; 大城市 is only a word.
  auto d = run("2016年签订结对帮扶协议以来，福州市鼓楼区深入东乡县开展全方位结对帮扶。农村人口流向大城市。\n");
  CHECK(entity(d, "东乡县"));
  CHECK_FALSE(entity(d, "大城市"));
  CHECK(edge(d, "鼓楼区", RelType::supports, "东乡县"));
  CHECK(edge(d, "鼓楼区", RelType::partners_with, "东乡县"));
}

TEST_CASE("member_of: a plaque of a consortium's member awarded to a hospital (向某院授予“某医联体成员单位”牌匾)",
          "[relations]") {
  auto d = run("仪式上，遵义医科大学附属医院向湄潭县人民医院授予“遵义医科大学附属医院医疗联合体成员单位”牌匾。\n");
  CHECK(edge(d, "湄潭县人民医院", RelType::member_of, "遵义医科大学附属医院医疗联合体"));
  CHECK_FALSE(edge(d, "遵义医科大学附属医院", RelType::member_of, "遵义医科大学附属医院医疗联合体"));
  // 为 before a count of unnamed hospitals is "for", not "is": the giver is no member.
  auto e = run("会上，安徽省立医院为12家县级医院授牌“安徽省立医院专科联盟成员单位”。\n");
  CHECK_FALSE(edge(e, "安徽省立医院", RelType::member_of, "安徽省立医院专科联盟"));
}

TEST_CASE("supports: helpers in one clause, the helped gaining after commas; a place before 各大医院 is no helper",
          "[relations]") {
  auto d = run("自对口帮扶开展以来，南京市鼓楼区及南京市各大医院援疆专家团队接力帮扶，和田县人民医院诊疗水平、管理能力都得到了显著提升。\n");
  CHECK(edge(d, "鼓楼区", RelType::supports, "和田县人民医院"));
  CHECK_FALSE(edge(d, "南京市", RelType::supports, "和田县人民医院"));
}

TEST_CASE("parties: heads named earlier sign for their hospitals (李强院长与某院院长龙飞签订协议)", "[relations][parties]") {
  auto d = run("我院与施秉县人民医院签订紧密型医联体协议\n\n"
               "11月20日，签约仪式在施秉县举行。我院院长周明、施秉县卫生健康局局长吴刚出席仪式。\n"
               "仪式上，双方为“镇远县中医医院施秉分院”揭牌。\n"
               "周明院长与施秉县人民医院院长龙飞签订合作协议。\n"
               "镇远县中医医院是一所二级甲等中医医院。\n");
  // The publisher is the hospital that describes itself, though only named at the end.
  CHECK(entity(d, "我院") == entity(d, "镇远县中医医院"));
  CHECK(edge(d, "镇远县中医医院", RelType::partners_with, "施秉县人民医院"));
  CHECK_FALSE(edge(d, "镇远县中医医院施秉分院", RelType::partners_with, "施秉县人民医院"));
  CHECK(edge(d, "周明", RelType::serves_as, "镇远县中医医院"));
}

TEST_CASE("resolve: 其中该院 is the sender; supports by 助力; co_builds by 与…建立…中心", "[resolve][relations]") {
  auto d = run("苏州大学附属第一医院选派10名专家组团式帮扶伽师县人民医院，其中该院骨科副主任医师赵海挂职伽师县人民医院副院长。\n");
  CHECK(edge(d, "赵海", RelType::works_for, "苏州大学附属第一医院"));
  CHECK(edge(d, "赵海", RelType::serves_as, "伽师县人民医院"));
  CHECK_FALSE(edge(d, "赵海", RelType::works_for, "伽师县人民医院"));
  auto e = run("江苏援疆医疗队助力伽师县人民医院创建三级医院。南京鼓楼医院与伽师县人民医院建立远程会诊中心。\n");
  CHECK(edge(e, "江苏援疆医疗队", RelType::supports, "伽师县人民医院"));
  CHECK(edge(e, "南京鼓楼医院", RelType::co_builds, "伽师县人民医院"));
  CHECK_FALSE(edge(e, "南京鼓楼医院", RelType::co_builds, "江苏援疆医疗队"));
}

TEST_CASE("recognize: a township's health centre after 包括/有; a consortium word after a verb names none; 下拨 funds",
          "[recognize][relations]") {
  auto d = run("湄潭县医共体成员单位包括抄乐镇卫生院、兴隆镇卫生院等8家单位，另有茅坪镇卫生院加入。要持续深化医共体改革。\n"
               "遵义市卫生健康局下拨专项资金600万元，支持湄潭县医共体信息化建设。\n");
  CHECK(entity(d, "抄乐镇卫生院"));
  CHECK(entity(d, "茅坪镇卫生院"));
  CHECK_FALSE(entity(d, "有茅坪镇卫生院"));
  CHECK_FALSE(entity(d, "深化医共体"));
  const auto* f = edge(d, "遵义市卫生健康局", RelType::funds, "湄潭县医共体");
  REQUIRE(f);
  CHECK(f->amount == "600万元");
}

TEST_CASE("dispatches: a team arriving in a title is not sent by the article's most named province", "[relations]") {
  auto d = run("第九批组团式援藏医疗队抵达林芝\n\n"
               "8月10日，由上海市卫生健康委员会选派的第九批组团式援藏医疗队一行20人抵达林芝市。"
               "队员来自上海瑞金医院、上海中山医院、上海华山医院等10家医院。\n");
  CHECK(edge(d, "上海市卫生健康委员会", RelType::dispatches, "林芝市"));
  CHECK_FALSE(edge(d, "上海市", RelType::dispatches, "林芝市"));
}

TEST_CASE("resolve: 该院 after 由甲共建的丙 is 丙; 其中 before a name does not start 中华", "[resolve]") {
  auto d = run("由北京大学第一医院与宁夏回族自治区人民政府合作共建的国家区域医疗中心——北京大学第一医院宁夏妇女儿童医院正式开诊。"
               "该院位于银川市金凤区。北京大学第一医院派出专家常驻银川，其中华西医院的张丽也在内。\n");
  CHECK(edge(d, "北京大学第一医院宁夏妇女儿童医院", RelType::located_in, "金凤区"));
  CHECK_FALSE(edge(d, "北京大学第一医院", RelType::located_in, "金凤区"));
  CHECK_FALSE(entity(d, "中华西医院"));
  CHECK(entity(d, "华西医院"));
}

TEST_CASE("officials: the last item after 和 keeps its own department and title; 包括 opens no name", "[officials][recognize]") {
  auto d = run("随行专家包括遵义医科大学附属医院心血管内科主任医师钱峰、儿科副主任苗玲和护理部主任姚静。\n");
  CHECK_FALSE(entity(d, "包括遵"));
  CHECK(edge(d, "钱峰", RelType::works_for, "遵义医科大学附属医院"));
  const auto* p = edge(d, "姚静", RelType::serves_as, "遵义医科大学附属医院");
  REQUIRE(p);
  CHECK(p->role == "护理部主任");
}

TEST_CASE("lists: 甲(先后)与乙、丙和丁签约 — 乙, 丙, 丁 are 甲's partners and helped, never one another's helpers",
          "[relations]") {
  for (std::string adverb : {"", "先后"}) {
    auto d = run("遵义医科大学附属医院" + adverb + "与湄潭县人民医院、凤冈县人民医院和余庆县人民医院签订对口帮扶协议。\n");
    for (const char* helped : {"湄潭县人民医院", "凤冈县人民医院", "余庆县人民医院"}) {
      CHECK(edge(d, "遵义医科大学附属医院", RelType::supports, helped));
      CHECK(edge(d, "遵义医科大学附属医院", RelType::partners_with, helped));
    }
    CHECK_FALSE(edge(d, "湄潭县人民医院", RelType::supports, "余庆县人民医院"));
    CHECK_FALSE(edge(d, "凤冈县人民医院", RelType::supports, "余庆县人民医院"));
  }
  // 与乙签订协议帮扶丙: the partner signed with is the helper when nothing else is joined after it.
  auto e = run("贵州省与北京协和医院签订协议帮扶毕节市。\n");
  CHECK(edge(e, "北京协和医院", RelType::supports, "毕节市"));
}

TEST_CASE("resolve: 我院 is the later-named hospital that acts as the publisher, not the one it helps", "[resolve]") {
  // Its officials follow its name.
  auto a = run("我院专家赴务川开展帮扶\n\n近日，我院选派4名专家赴务川仡佬族苗族自治县人民医院开展帮扶工作。"
               "出发前，遵义市第二人民医院党委书记田力为专家们送行。\n");
  CHECK(entity(a, "我院") == entity(a, "遵义市第二人民医院"));
  // The helped hospital, written after 在, is not the publisher; the one that convenes the send-off is.
  auto b = run("我院再派专家援宁\n\n8月29日，我院援宁医疗队一行2人出发前往宁夏。他们将在同心县人民医院开展半年的帮扶。\n"
               "8月28日，漳州市第二医院召开欢送座谈会，副院长郑立叮嘱队员做好帮扶工作。\n");
  CHECK(entity(b, "我院") == entity(b, "漳州市第二医院"));
  CHECK(entity(b, "我院") != entity(b, "同心县人民医院"));
  // It stands in 我院's place beside the counterpart the title names.
  auto c = run("我院与西藏自治区妇幼保健院签约\n\n北京华信儿童医院与西藏自治区妇幼保健院合作签约仪式在拉萨市举行。\n");
  CHECK(entity(c, "我院") == entity(c, "北京华信儿童医院"));
}

TEST_CASE("resolve: 我区/我市 is the region of the body that opens the text with 讯/消息, and a 州 for 我州",
          "[resolve]") {
  auto a = run("我区与赫章县签订帮扶协议\n\n白云区卫健局讯：近日，我区与赫章县签订东西部协作医疗卫生帮扶协议。\n");
  CHECK(entity(a, "我区") == entity(a, "白云区"));
  CHECK(edge(a, "白云区", RelType::partners_with, "赫章县"));
  auto b = run("我市专家抵达凯里\n\n宁波市卫生健康委员会消息，近日，我市选派的第六批医疗专家抵达黔东南苗族侗族自治州人民医院。\n");
  CHECK(entity(b, "我市") == entity(b, "宁波市"));
  CHECK(edge(b, "宁波市", RelType::dispatches, "黔东南苗族侗族自治州人民医院"));
}

TEST_CASE("member_of: members joining a consortium named in an earlier clause (成为首批成员单位, 加入联盟, 等单位参加)",
          "[relations]") {
  auto a = run("曲靖市第一人民医院医联体揭牌，陆良县人民医院、师宗县中医医院等10家医疗机构成为首批成员单位。\n");
  CHECK(edge(a, "陆良县人民医院", RelType::member_of, "曲靖市第一人民医院医联体"));
  CHECK(edge(a, "师宗县中医医院", RelType::member_of, "曲靖市第一人民医院医联体"));
  auto b = run("曲靖市心血管专科联盟正式成立，罗平县人民医院、富源县人民医院加入联盟。\n");
  CHECK(edge(b, "罗平县人民医院", RelType::member_of, "曲靖市心血管专科联盟"));
  auto c = run("平利县医共体由平利县人民医院牵头，长安镇卫生院、城关镇卫生院等9家单位参加。\n");
  CHECK(edge(c, "平利县人民医院", RelType::member_of, "平利县医共体"));
  CHECK(edge(c, "长安镇卫生院", RelType::member_of, "平利县医共体"));
}

TEST_CASE("persons: sent or appointed by name (派出某某任, 任命某某同志为), 队员某某, names before ranks after 包括, "
          "a name after an institution, compound surnames", "[recognize][officials][relations]") {
  auto a = run("铜仁市人民医院派出杨晓燕任石阡县人民医院执行院长。经研究，任命龙志刚同志为石阡县人民医院副院长。\n");
  CHECK(edge(a, "杨晓燕", RelType::serves_as, "石阡县人民医院"));
  CHECK(edge(a, "杨晓燕", RelType::works_for, "铜仁市人民医院"));
  CHECK(edge(a, "铜仁市人民医院", RelType::dispatches, "石阡县人民医院"));
  CHECK(edge(a, "龙志刚", RelType::serves_as, "石阡县人民医院"));
  auto b = run("山东省立医院援藏医疗队员孙晓东挂职日喀则市人民医院副院长。"
               "山东省立医院第二批援藏医疗队员包括何伟主任医师、贾娜副主任护师。\n");
  CHECK(edge(b, "孙晓东", RelType::serves_as, "日喀则市人民医院"));
  CHECK(entity(b, "何伟"));
  CHECK(entity(b, "贾娜"));
  auto c = run("在天津市第一中心医院郝海涛副院长的带领下，专家团队来到承德县医院。骨科主任欧阳振华出席。\n");
  CHECK(edge(c, "郝海涛", RelType::serves_as, "天津市第一中心医院"));
  CHECK(entity(c, "欧阳振华"));
  CHECK_FALSE(entity(c, "阳振华"));
}

TEST_CASE("relations: 某州的某医院 is the hospital; a government signing a 托管共建 agreement is a party, not the helped",
          "[relations]") {
  auto d = run("上海市第六人民医院、上海市第九人民医院分别对口帮扶文山州的丘北县人民医院和广南县人民医院。\n");
  CHECK(edge(d, "上海市第六人民医院", RelType::supports, "丘北县人民医院"));
  CHECK(edge(d, "上海市第九人民医院", RelType::supports, "广南县人民医院"));
  CHECK_FALSE(edge(d, "上海市第六人民医院", RelType::supports, "文山州"));
  auto e = run("重庆医科大学附属第二医院与綦江区人民政府签订托管共建协议，托管共建綦江区人民医院。\n");
  CHECK(edge(e, "重庆医科大学附属第二医院", RelType::supports, "綦江区人民医院"));
  CHECK(edge(e, "重庆医科大学附属第二医院", RelType::partners_with, "綦江区人民政府"));
  CHECK_FALSE(edge(e, "重庆医科大学附属第二医院", RelType::supports, "綦江区人民政府"));
}

TEST_CASE("divisions: customary one-character prefecture forms (克州, 博州) name the prefecture", "[recognize]") {
  auto d = run("克州人民医院与博州人民医院签订协议。克州党委副书记王刚出席。\n");
  CHECK(entity(d, "克州人民医院"));
  CHECK(entity(d, "博州人民医院"));
  CHECK_FALSE(entity(d, "州人民医院"));
  CHECK(edge(d, "王刚", RelType::serves_as, "克州党委"));
}

TEST_CASE("recognize: a province's aid working group, ethnic-medicine hospitals, a charity; funds by 捐款",
          "[recognize][relations]") {
  auto d = run("浙江省援疆工作组组长、阿克苏地委副书记李明出席。阿拉善盟蒙医医院、库伦旗蒙医中医医院派员参加。"
               "泉州慈济慈善会向库伦旗蒙医中医医院捐款30万元。\n");
  CHECK(entity(d, "浙江省援疆工作组"));
  CHECK(edge(d, "李明", RelType::serves_as, "浙江省援疆工作组"));
  CHECK(entity(d, "阿拉善盟蒙医医院"));
  CHECK(entity(d, "泉州慈济慈善会"));
  const auto* f = edge(d, "泉州慈济慈善会", RelType::funds, "库伦旗蒙医中医医院");
  REQUIRE(f);
  CHECK(f->amount == "30万元");
}

TEST_CASE("recognize/resolve: 联合大学; a verb between a university and 附属 unties them; a hospital's name without "
          "its place is that hospital", "[recognize][resolve]") {
  auto a = run("江汉联合大学附属医院派出专家。遵义医科大学选派附属医院10名专家赴务川县开展帮扶。\n");
  CHECK(entity(a, "江汉联合大学附属医院"));
  CHECK(entity(a, "遵义医科大学"));
  CHECK_FALSE(entity(a, "遵义医科大学选派附属医院"));
  CHECK_FALSE(entity(a, "选派附属医院"));
  auto b = run("北京瑞华医院派出专家赴通辽市医院。瑞华医院专家在通辽开展手术12台。\n");
  CHECK(entity(b, "瑞华医院") == entity(b, "北京瑞华医院"));
}

TEST_CASE("officials: 县委副书记、县长某某 with the county only inside names serves the county, and so does the next 副县长",
          "[officials]") {
  auto d = run("天柱县人民医院与黔东南州人民医院签订协议。天柱县委副书记、县长吴国华，副县长杨丽出席签约仪式。\n");
  CHECK(entity(d, "天柱县"));
  CHECK(edge(d, "吴国华", RelType::serves_as, "天柱县委"));
  CHECK(edge(d, "吴国华", RelType::serves_as, "天柱县"));
  CHECK(edge(d, "杨丽", RelType::serves_as, "天柱县"));
}

TEST_CASE("dispatches and supports: a team led by a hospital's head, experts 来自 a hospital working 在 another, staff "
          "sent after a signing", "[relations]") {
  auto a = run("此次医疗队由绵阳市中心医院副院长刘强带队，前往理塘县人民医院开展帮扶。\n");
  CHECK(edge(a, "绵阳市中心医院", RelType::dispatches, "理塘县人民医院"));
  CHECK(edge(a, "绵阳市中心医院", RelType::supports, "理塘县人民医院"));
  auto b = run("来自中南大学湘雅医院的王磊博士在花垣县人民医院开展技术指导。\n");
  CHECK(edge(b, "中南大学湘雅医院", RelType::supports, "花垣县人民医院"));
  CHECK(edge(b, "中南大学湘雅医院", RelType::dispatches, "花垣县人民医院"));
  auto c = run("安顺市人民医院与紫云县人民医院签订托管协议，并派驻6名管理人员。\n");
  CHECK(edge(c, "安顺市人民医院", RelType::dispatches, "紫云县人民医院"));
}

TEST_CASE("supports: in a support agreement the party of the higher level helps, whatever the word order",
          "[relations]") {
  auto d = run("台江县人民医院与贵州省人民医院签订对口帮扶协议。\n");
  CHECK(edge(d, "贵州省人民医院", RelType::supports, "台江县人民医院"));
  CHECK_FALSE(edge(d, "台江县人民医院", RelType::supports, "贵州省人民医院"));
  auto e = run("贵州省人民医院与台江县人民医院签订对口帮扶协议。\n");
  CHECK(edge(e, "贵州省人民医院", RelType::supports, "台江县人民医院"));
  // The innermost level word counts (云南省普洱市… is a city's), and a municipality stands as a province.
  auto f = run("云南省普洱市人民医院与上海市第六人民医院签订对口帮扶协议。\n");
  CHECK(edge(f, "上海市第六人民医院", RelType::supports, "云南省普洱市人民医院"));
  CHECK_FALSE(edge(f, "云南省普洱市人民医院", RelType::supports, "上海市第六人民医院"));
}

TEST_CASE("co_builds: what is built after 合作共建的 is the name that follows, never 的", "[relations]") {
  auto d = run("由上海长征医院输出管理，与宁德市第二医院合作共建的上海长征医院宁德分院正式揭牌。\n");
  bool any = false;
  for (const auto& r : d.relations)
    if (r.rel == RelType::co_builds) {
      any = true;
      CHECK(r.what != "的");
    }
  CHECK(any);
}

TEST_CASE("member_of: 等N家医疗机构成为集团成员单位; supports: staff sent to stay (下派…常驻某院开展帮扶)", "[relations]") {
  auto d = run("以安顺市人民医院为牵头医院组建安顺市城市医疗集团，西秀区人民医院、东关街道社区卫生服务中心等9家医疗机构成为集团成员单位。"
               "集团成立后，安顺市人民医院向成员单位下派医疗骨干20名，常驻西秀区人民医院开展帮扶。\n");
  CHECK(edge(d, "西秀区人民医院", RelType::member_of, "安顺市城市医疗集团"));
  CHECK(edge(d, "东关街道社区卫生服务中心", RelType::member_of, "安顺市城市医疗集团"));
  CHECK(edge(d, "安顺市人民医院", RelType::supports, "西秀区人民医院"));
}

TEST_CASE("relations: 接管 as support, a managing party sends staff, staff sent to train are no dispatch",
          "[relations]") {
  auto a = run("2020年起，遵义医科大学第二附属医院全面接管凤冈县人民医院。\n");
  CHECK(edge(a, "遵义医科大学第二附属医院", RelType::supports, "凤冈县人民医院"));
  auto b = run("荆州市中心医院作为公安县人民医院的托管方，派出执行院长1名。\n");
  CHECK(edge(b, "荆州市中心医院", RelType::supports, "公安县人民医院"));
  CHECK(edge(b, "荆州市中心医院", RelType::dispatches, "公安县人民医院"));
  auto c = run("公安县人民医院选派10名医生到荆州市中心医院进修。荆州市中心医院派驻5名专家到公安县人民医院开展带教培训。\n");
  CHECK_FALSE(edge(c, "公安县人民医院", RelType::dispatches, "荆州市中心医院"));
  CHECK(edge(c, "荆州市中心医院", RelType::dispatches, "公安县人民医院"));
}

TEST_CASE("funds: the payer in an earlier clause (某市作为…,先后投入资金…支持某院); a pair's 财政帮扶资金", "[relations]") {
  auto d = run("珠海市作为阳江市的对口帮扶城市，先后投入资金1.5亿元支持阳江市人民医院建设。\n");
  const auto* f = edge(d, "珠海市", RelType::funds, "阳江市人民医院");
  REQUIRE(f);
  CHECK(f->amount == "1.5亿元");
  auto e = run("佛山市与凉山州开展东西部协作以来，累计投入财政帮扶资金3.2亿元。\n");
  CHECK(edge(e, "佛山市", RelType::funds, "凉山州"));
}

TEST_CASE("resolve: 我院 is the later hospital that helps, not one its team is posted to", "[resolve]") {
  auto d = run("我院第二批帮扶队员圆满完成任务\n\n7月5日，我院第二批帮扶队员返回医院，院长刘敏迎接队员。"
               "2023年，我院选派8名骨干组成帮扶队，进驻关岭布依族苗族自治县人民医院。"
               "其中，普外科主任医师王涛挂职关岭县人民医院副院长。\n"
               "据了解，遵义医科大学附属医院自2019年起对口帮扶关岭县人民医院。\n");
  CHECK(entity(d, "我院") == entity(d, "遵义医科大学附属医院"));
  CHECK(edge(d, "刘敏", RelType::serves_as, "遵义医科大学附属医院"));
  CHECK(edge(d, "遵义医科大学附属医院", RelType::dispatches, "关岭布依族苗族自治县人民医院"));
}

TEST_CASE("resolve: 我县 is the one county the article names when the provinces' votes tie; arriving, then helping 在某院",
          "[resolve][relations]") {
  auto d = run("近日，佛山市人民医院5名专家来到我县，在赫章县人民医院开展帮扶。\n");
  CHECK(entity(d, "我县") == entity(d, "赫章县"));
  CHECK(edge(d, "佛山市人民医院", RelType::supports, "赫章县人民医院"));
  CHECK(edge(d, "佛山市人民医院", RelType::dispatches, "赫章县"));
}

TEST_CASE("dispatches: a hospital staffed by another (某院位于…,由某院派出院长…组成管理团队)", "[relations]") {
  auto d = run("湘雅岳阳医院位于岳阳市岳阳楼区，由中南大学湘雅医院派出院长及10名学科带头人组成管理团队。\n");
  CHECK(edge(d, "中南大学湘雅医院", RelType::dispatches, "湘雅岳阳医院"));
  CHECK_FALSE(edge(d, "中南大学湘雅医院", RelType::dispatches, "岳阳楼区"));
}

TEST_CASE("recognize: a consortium of a region's level (某省省级区域医疗联合体) is one body, not a kind", "[recognize]") {
  auto d = run("甘肃省人民医院向临潭县人民医院授予“甘肃省省级区域医疗联合体”牌匾。全省三级医院都加入了联盟。\n");
  CHECK(entity(d, "甘肃省省级区域医疗联合体"));
  CHECK(edge(d, "临潭县人民医院", RelType::member_of, "甘肃省省级区域医疗联合体"));
}

TEST_CASE("partners_with: the parties named in a signed agreement's title (签署《甲对口帮扶乙协议书》)", "[relations]") {
  auto d = run("会上，双方签署了《浙江省人民医院对口帮扶淳安县第一人民医院协议书》。"
               "随后，温州医科大学与泰顺县签订了《温州医科大学附属第一医院泰顺县人民政府紧密型医联体合作协议》。\n");
  CHECK(edge(d, "浙江省人民医院", RelType::partners_with, "淳安县第一人民医院"));
  CHECK(edge(d, "浙江省人民医院", RelType::supports, "淳安县第一人民医院"));
  CHECK(edge(d, "温州医科大学附属第一医院", RelType::partners_with, "泰顺县人民政府"));
}

TEST_CASE("officials: 某院第四批援藏队员甲副主任、乙护士长 — each name keeps the title after it", "[officials]") {
  auto d = run("西藏自治区人民医院副院长格桑与北京朝阳医院第四批援藏队员陈宁副主任、刘芬护士长一同迎接。\n");
  const auto* a = edge(d, "陈宁", RelType::serves_as, "北京朝阳医院");
  REQUIRE(a);
  CHECK(a->role == "副主任");
  const auto* b = edge(d, "刘芬", RelType::serves_as, "北京朝阳医院");
  REQUIRE(b);
  CHECK(b->role == "护士长");
}

TEST_CASE("serves_as: the head a managing hospital sends takes the post at the managed one (托管乙院,并派出某某任执行院长)",
          "[relations]") {
  auto d = run("铜仁市人民医院全面托管沿河土家族自治县人民医院，并派出杨红梅任执行院长。\n");
  CHECK(edge(d, "杨红梅", RelType::serves_as, "沿河土家族自治县人民医院"));
  CHECK(edge(d, "铜仁市人民医院", RelType::dispatches, "沿河土家族自治县人民医院"));
}

TEST_CASE("supports: pairs 分别 结成帮扶对子, the higher party helping", "[relations]") {
  auto d = run("丽水市人民医院、丽水市中医院分别与庆元县人民医院、景宁畲族自治县人民医院结成帮扶对子。"
               "松阳县人民医院与丽水市中心医院结成帮扶对子。\n");
  CHECK(edge(d, "丽水市人民医院", RelType::supports, "庆元县人民医院"));
  CHECK(edge(d, "丽水市中医院", RelType::supports, "景宁畲族自治县人民医院"));
  CHECK(edge(d, "丽水市中心医院", RelType::supports, "松阳县人民医院"));
}

TEST_CASE("recognize: a village after 走进; a headline word ending in 村 (义诊进村) is none", "[recognize]") {
  auto d = run("义诊进村\n\n近日，县人民医院专家走进平寨村开展义诊。\n");
  CHECK(entity(d, "平寨村"));
  CHECK_FALSE(entity(d, "义诊进村"));
}

TEST_CASE("works_for: ranked members of a team belong to the hospital that sent it (team_members)", "[relations]") {
  auto d = run("8月29日，厦门市第五医院援宁医疗队一行2人出发前往宁夏。这批援宁专家是心内科副主任医师林涛和检验科主治医师苏琴。\n"
               "党委书记陈晖书记一行在固原慰问了援宁医疗人员。\n");
  CHECK(edge(d, "林涛", RelType::works_for, "厦门市第五医院"));
  CHECK(edge(d, "苏琴", RelType::works_for, "厦门市第五医院"));
  CHECK_FALSE(edge(d, "陈晖", RelType::works_for, "厦门市第五医院"));  // a post, not a rank, and no sender here
}

TEST_CASE("recognize: a modal that is also a surname, then a verb (医生应秉承), is no name", "[recognize]") {
  auto d = run("援藏医生应秉承严谨作风。主任医师应雪峰出席。\n");
  CHECK_FALSE(entity(d, "应秉承"));
  CHECK(entity(d, "应雪峰"));
}

TEST_CASE("dispatches/supports: a hospital's team working 在 another (专家团队还在我院开展义诊)", "[relations]") {
  auto d = run("湘雅二医院专家团队还在花垣县人民医院开展了为期一周的义诊。\n");
  CHECK(edge(d, "湘雅二医院", RelType::dispatches, "花垣县人民医院"));
  CHECK(edge(d, "湘雅二医院", RelType::supports, "花垣县人民医院"));
}

TEST_CASE("officials: 某州委常委、副州长 serves the prefecture, named in full by the gazetteer with the written alias",
          "[officials]") {
  auto d = run("黔南州委常委、副州长李明，荔波县委书记王强出席。\n");
  CHECK(edge(d, "李明", RelType::serves_as, "黔南州委"));
  CHECK(edge(d, "李明", RelType::serves_as, "黔南布依族苗族自治州"));
  CHECK(entity(d, "黔南州") == entity(d, "黔南布依族苗族自治州"));
}

TEST_CASE("persons: a two-character name before a rarer word (医生罗兵随队); a post governed by 任 and closed by a "
          "comma is not the next person's", "[recognize][officials]") {
  auto d = run("毕节市第一人民医院护士杨梅、医生罗兵随队参加义诊。此次帮扶专家中，孙海涛任县人民医院副院长，李静任急诊科主任。\n");
  CHECK(entity(d, "罗兵"));
  CHECK(edge(d, "孙海涛", RelType::serves_as, "县人民医院"));
  // 李静's own post, with no body written, is at the body of the clause before.
  const auto* own = edge(d, "李静", RelType::serves_as, "县人民医院");
  REQUIRE(own);
  CHECK(own->role == "急诊科主任");
}

TEST_CASE("supports: 将某院交由乙托管 is a fact (将 as 把); 将继续支持 is a commitment", "[relations]") {
  auto d = run("2019年，岑巩县人民政府将岑巩县人民医院交由黔东南州人民医院托管。\n");
  const auto* a = edge(d, "黔东南州人民医院", RelType::supports, "岑巩县人民医院");
  REQUIRE(a);
  CHECK_FALSE(a->hedged);
  auto e = run("黔东南州人民医院将继续支持岑巩县人民医院。黔东南州人民医院将于明年托管施秉县人民医院。\n");
  const auto* b = edge(e, "黔东南州人民医院", RelType::supports, "岑巩县人民医院");
  REQUIRE(b);
  CHECK_FALSE(b->hedged);
  const auto* c = edge(e, "黔东南州人民医院", RelType::supports, "施秉县人民医院");
  CHECK((c == nullptr || c->hedged));
}

TEST_CASE("serves_as: a team's post held by someone (某医疗队队长由某院副院长某某担任, 由某某担任)", "[relations][recognize]") {
  auto d = run("第九批江苏省援疆医疗队队长由南京鼓楼医院副院长孙强担任。\n");
  CHECK(edge(d, "孙强", RelType::serves_as, "第九批江苏省援疆医疗队"));
  CHECK(edge(d, "孙强", RelType::serves_as, "南京鼓楼医院"));
  auto e = run("第九批江苏省援疆医疗队的领队由周刚担任。\n");
  CHECK(entity(e, "周刚"));
  CHECK(edge(e, "周刚", RelType::serves_as, "第九批江苏省援疆医疗队"));
}

TEST_CASE("works_for: a team's listed members belong to the article's one dispatching hospital", "[relations]") {
  auto d = run("11月3日，宁波市第二医院帮扶专家团队一行7人抵达普安县，开始为期一年的医疗帮扶。\n"
               "此次帮扶团队成员包括骨科副主任医师张明、儿科主治医师陈静等。\n");
  CHECK(edge(d, "张明", RelType::works_for, "宁波市第二医院"));
  CHECK(edge(d, "陈静", RelType::works_for, "宁波市第二医院"));
}
