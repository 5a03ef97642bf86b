#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>

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

#include <map>

#include "ingest/recognize.hpp"

namespace {

const Recognizer& recognizer() {
  static Recognizer r(RecognizerOptions{kData, {}, ""});
  return r;
}

// surface → type of the candidates that are mentions (not regions written inside a longer name).
std::map<std::string, std::string> found(const std::string& sentence) {
  std::map<std::string, std::string> out;
  for (const auto& c : recognizer().recognize(sentence))
    if (!c.inner && c.reference.empty()) out[c.surface] = std::string(bangfu::graph::to_string(c.type));
  return out;
}

}  // namespace

TEST_CASE("recognizer types names by their endings", "[recognize]") {
  auto f = found("湘西州人民医院与长沙市第一医院签约,吉首市中医院、石门县卫生健康局和湖南中医药大学参加。");
  CHECK(f["湘西州人民医院"] == "Hospital");
  CHECK(f["长沙市第一医院"] == "Hospital");
  CHECK(f["吉首市中医院"] == "Hospital");
  CHECK(f["石门县卫生健康局"] == "Agency");
  CHECK(f["湖南中医药大学"] == "University");
  auto g = found("泸溪县浦市镇中心卫生院加入泸溪县医共体,县红十字会捐赠设备。");
  CHECK(g["泸溪县浦市镇中心卫生院"] == "PrimaryCare");
  CHECK(g["泸溪县医共体"] == "Consortium");
}

TEST_CASE("recognizer keeps verbs and function words out of names", "[recognize]") {
  auto f = found("由中南大学湘雅医院派出的专家团队前往凤凰县人民医院开展帮扶。");
  CHECK(f.count("中南大学湘雅医院"));
  CHECK(f.count("凤凰县人民医院"));
  for (const auto& [s, t] : f) {
    CHECK(s.find("由") == std::string::npos);
    CHECK(s.find("前往") == std::string::npos);
  }
  auto g = found("建设省级区域医疗中心,受援医院和县级公立医院同步提升。");
  CHECK(g.empty());  // descriptions, not names
}

TEST_CASE("recognizer joins linked and branch names", "[recognize]") {
  auto f = found("中南大学附属第二医院泸溪医院挂牌,复旦大学附属华山医院专家到场。");
  CHECK(f["中南大学附属第二医院泸溪医院"] == "Hospital");
  CHECK(f["复旦大学附属华山医院"] == "Hospital");
}

TEST_CASE("recognizer keeps a university's school and its affiliated hospital in one name", "[recognize]") {
  auto f = found("南江大学医学院附属第一医院与北岭大学东湖医学院附属口腔医院签约,南江大学医学院也派员参加。");
  CHECK(f["南江大学医学院附属第一医院"] == "Hospital");
  CHECK(f["北岭大学东湖医学院附属口腔医院"] == "Hospital");
  CHECK(f["南江大学医学院"] == "University");
  CHECK(f.count("南江大学") == 0);
}

TEST_CASE("recognizer finds places: divisions, short forms, townships and villages", "[recognize]") {
  auto f = found("专家来到湘西州泸溪县浦市镇新堡村,又去了凤凰县和花垣。");
  CHECK(f["湘西州"] == "City");
  CHECK(f["泸溪县"] == "County");
  CHECK(f["浦市镇"] == "Township");
  CHECK(f["新堡村"] == "Village");
  CHECK(f["凤凰县"] == "County");
  CHECK(f["花垣"] == "County");
  auto g = found("推动健康保障体系建设,城乡一体。");
  CHECK(g.empty());  // 康保 is a county short form, but here it straddles 健康|保障
}

TEST_CASE("recognizer keeps a university and the hospital it helps apart, and joins X大学人民医院", "[recognize]") {
  auto f = found("北京大学帮扶和田地区人民医院。");  // a verb between: two names
  CHECK(f["北京大学"] == "University");
  CHECK(f["和田地区人民医院"] == "Hospital");
  auto h = found("武汉大学人民医院与恩施州中心医院签约。");  // 人民 joins a university to its hospital
  CHECK(h["武汉大学人民医院"] == "Hospital");
  CHECK(h["恩施州中心医院"] == "Hospital");
  CHECK(h.count("武汉大学") == 0);
}

// Prefecture names are written bare all the time; jieba tags many of them as persons or nouns (恩施州 nr),
// so their short forms are kept unless division_stop.tsv lists them as ordinary words.
TEST_CASE("recognizer finds prefectures by their short forms, but not ordinary words", "[recognize]") {
  auto f = found("医疗队从石家庄出发,抵达拉萨,随后前往恩施州和合肥。");
  CHECK(f["石家庄"] == "City");
  CHECK(f["拉萨"] == "City");
  CHECK(f["恩施州"] == "City");
  CHECK(f["合肥"] == "City");
  CHECK(found("以真金白银支持人才引进,延长日照时间。").empty());
}

TEST_CASE("recognizer finds persons next to titles and skips bylines", "[recognize]") {
  auto f = found("凤凰县人民医院副院长王建华说,帮扶专家刘洋正在查房。");
  CHECK(f["王建华"] == "Person");
  CHECK(f["刘洋"] == "Person");
  auto g = found("院长张明认为效果很好。");
  CHECK(g.count("张明"));
  CHECK_FALSE(g.count("张明认"));
  auto h = found("记者 李响 通讯员 王芳");
  CHECK(h.empty());
  auto k = found("患者,陈小梅医生为她复查。");
  CHECK(k["陈小梅"] == "Person");
}

TEST_CASE("recognizer finds names without a surname next to titles: Tibetan and dotted names", "[recognize]") {
  auto f = found("林周县卫生健康局局长次仁多吉介绍,医疗队队长扎西平措表示。");
  CHECK(f["次仁多吉"] == "Person");
  CHECK(f["扎西平措"] == "Person");
  auto g = found("林周县人民医院格桑卓玛主任说,墨竹工卡县卫健局罗布次仁局长参加。");  // name before the title
  CHECK(g["格桑卓玛"] == "Person");
  CHECK(g["罗布次仁"] == "Person");
  CHECK(g["林周县人民医院"] == "Hospital");
  auto h = found("和田县人民医院院长艾力·买买提表示,洛浦县人民医院阿依古丽·吐尔逊主任介绍。");
  CHECK(h["艾力·买买提"] == "Person");
  CHECK(h["阿依古丽·吐尔逊"] == "Person");
  CHECK_FALSE(h.count("艾力·买买提表示"));
  auto k = found("扎西德勒,次仁的家人前来就诊。");  // one listed syllable, no title: no name
  CHECK(k.empty());
}

TEST_CASE("recognizer marks reference words and level-prefixed names", "[recognize]") {
  std::map<std::string, std::string> refs;
  for (const auto& c : recognizer().recognize("我省与省卫生健康委联合督导,该院表示州医院将配合。"))
    refs[c.surface] = c.reference;
  CHECK(refs["我省"] == "region");
  CHECK(refs["该院"] == "nearest");
  CHECK(refs["省卫生健康委"] == "level-name");
  CHECK(refs["州医院"] == "level");
}

TEST_CASE("user lexicon adds names with types", "[recognize]") {
  std::string path = std::string(BANGFU_BINARY_DIR) + "/test_user_lexicon.tsv";
  {
    std::ofstream out(path);
    out << "# mine\n星火健康联盟会\tOrganization\t星火会\n";
  }
  Recognizer r(RecognizerOptions{kData, {path}, ""});
  bool seen = false;
  for (const auto& c : r.recognize("星火会向山区捐赠药品。")) seen = seen || (c.surface == "星火会" && c.type == EntityType::Organization);
  CHECK(seen);
  std::ofstream(path) << "坏行没有类型\n";
  CHECK_THROWS_WITH(Recognizer(RecognizerOptions{kData, {path}, ""}), Catch::Contains("test_user_lexicon.tsv:1:"));
  std::remove(path.c_str());
}

TEST_CASE("recognizer drops bodies made only of ordinary words but keeps place-like ones", "[recognize]") {
  auto f = found("专家组帮助收治卫生院住院病人,又成立骨科研究所,病人转诊到桃花铺卫生院。");
  CHECK_FALSE(f.count("收治卫生院"));
  CHECK_FALSE(f.count("骨科研究所"));
  CHECK(f["桃花铺卫生院"] == "PrimaryCare");
}

TEST_CASE("recognizer drops kinds of places written after a region or a count", "[recognize]") {
  auto f = found("12家江西省三级医院对口支援江西县级医院,江西省人民医院牵头。");
  CHECK_FALSE(f.count("江西省三级医院"));
  CHECK_FALSE(f.count("江西县级医院"));
  CHECK(f["江西省人民医院"] == "Hospital");
  auto g = found("30家湖南医院参加培训。");
  CHECK_FALSE(g.count("湖南医院"));
}

TEST_CASE("recognizer reads zones without a region, national agencies and institution committees", "[recognize]") {
  auto f = found("与洪山区、南湖新技术开发区及江岸区签约。");
  CHECK(f["南湖新技术开发区"] == "County");
  auto g = found("认真落实国家卫健委的部署,国家医保局参加。");
  CHECK(g["国家卫健委"] == "Agency");
  CHECK(g["国家医保局"] == "Agency");
  auto h = found("中共桃源县人民医院委员会召开会议。");
  CHECK(h["中共桃源县人民医院委员会"] == "Organization");
  CHECK_FALSE(h.count("中共桃源县人民医院"));
}

TEST_CASE("recognizer finds persons in title lists, after departments and before posts", "[recognize]") {
  auto f = found("副院长周敏、吕志远,带领团队出发。");
  CHECK(f["周敏"] == "Person");
  CHECK(f["吕志远"] == "Person");
  auto g = found("会上,刘建华副院长表示支持。");
  CHECK(g["刘建华"] == "Person");
  auto h = found("麻醉科孙丽娟主任医师参加,3位科室主任到场。");
  CHECK(h["孙丽娟"] == "Person");
  CHECK_FALSE(h.count("位科室"));
  auto k = found("院长许文林带队,副院长郑和美担任领队。");
  CHECK(k.count("许文林"));  // three characters win when only dictionary words follow
  CHECK_FALSE(k.count("许文"));
  CHECK(k.count("郑和美"));  // 和 inside a full name
  auto m = found("副校长马冬等出席,领队钱立群介绍情况。");
  CHECK(m.count("马冬"));
  CHECK(m.count("钱立群"));
}
