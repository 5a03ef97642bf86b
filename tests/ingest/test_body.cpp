#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "ingest/body.hpp"
#include "ingest/normalize.hpp"

using namespace bangfu::ingest;

namespace {

struct Classified {
  ArticleBody body;
  NormalizedText text;
  std::string line(std::size_t i) const {
    const auto& p = body.paragraphs.at(i);
    return text.text.substr(p.begin, p.end - p.begin);
  }
  // The paragraph whose text starts with `prefix`.
  const Paragraph& find(const std::string& prefix, int nth = 0) const {
    for (std::size_t i = 0; i < body.paragraphs.size(); ++i)
      if (line(i).rfind(prefix, 0) == 0 && nth-- == 0) return body.paragraphs[i];
    FAIL("no paragraph starts with " << prefix);
    return body.paragraphs.front();
  }
};

Classified classify(const std::string& source, Document doc = {}) {
  Classified c;
  c.text = normalize(source);
  doc.text = source;
  c.body = extract_body(c.text, doc);
  return c;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::string kPage = BANGFU_SOURCE_DIR "/tests/ingest/data/reader/page_boilerplate.txt";

}  // namespace

TEST_CASE("body: title, date and source from the page header", "[body]") {
  auto c = classify(slurp(kPage));
  CHECK(c.body.title == "北原市第一医院托管南坡县人民医院 县域诊疗能力明显提升");
  CHECK(c.body.date == "2024-09-03 14:20");
  CHECK(c.body.source == "北原晚报");
  Document doc;
  fill_metadata(doc, c.body);
  CHECK(doc.title == c.body.title);
  CHECK(doc.date == "2024-09-03 14:20");
  Document given;
  given.title = "loader title";
  fill_metadata(given, c.body);
  CHECK(given.title == "loader title");
}

TEST_CASE("body: repeated headline is kept once, as the title", "[body]") {
  auto c = classify(slurp(kPage));
  const auto& first = c.find("北原市第一医院托管南坡县人民医院 县域");
  CHECK(first.kind == ParagraphKind::main);
  CHECK(first.kept);
  CHECK(std::string(first.why) == "title");
  CHECK(c.find("北原市第一医院托管南坡县人民医院 县域", 1).kind == ParagraphKind::noise);
  CHECK(std::string(c.find("北原市第一医院托管南坡县人民医院 县域", 2).why) == "repeated");
}

TEST_CASE("body: each kind of boilerplate line is noise", "[body]") {
  auto c = classify(slurp(kPage));
  std::map<std::string, std::string> expected{
      {"• 首页", "navigation"},          {"• 健康频道", "navigation"},
      {"当前位置", "boilerplate"},         {"发布时间", "byline"},
      {"记者 孙小红", "byline"},           {"责任编辑", "byline"},
      {"二审", "byline"},                  {"版权所有", "boilerplate"},
      {"分享到", "boilerplate"},           {"2024-09-03 15:00:01", "timestamp"},
      {"以上内容为网页快照", "boilerplate"}, {"免责声明", "boilerplate"},
      {"粤ICP备", "boilerplate"},
      {"相关新闻", "marker"},
  };
  for (const auto& [prefix, why] : expected) {
    INFO(prefix);
    const auto& p = c.find(prefix);
    CHECK(p.kind == ParagraphKind::noise);
    CHECK_FALSE(p.kept);
    CHECK(std::string(p.why) == why);
  }
}

TEST_CASE("body: captions state the article's facts and are read like its text", "[body]") {
  auto c = classify(slurp(kPage));
  for (const char* prefix : {"专家在南坡县人民医院查房", "新建的胸痛中心(资料图)"}) {
    INFO(prefix);
    const auto& p = c.find(prefix);
    CHECK(p.kind == ParagraphKind::main);
    CHECK(p.kept);
    CHECK(std::string(p.why) == "caption");
  }
}

TEST_CASE("body: the article paragraphs are main and kept", "[body]") {
  auto c = classify(slurp(kPage));
  CHECK(c.find("9月2日,北原市第一医院").kind == ParagraphKind::main);
  CHECK(c.find("9月2日,北原市第一医院").kept);
  CHECK(c.find("“以前要跑到市里").kind == ParagraphKind::main);
}

TEST_CASE("body: on-topic related lists are kept, off-topic ones are not", "[body]") {
  auto c = classify(slurp(kPage));
  const auto& health = c.find("东岭县中医院加入市中医医联体");
  CHECK(health.kind == ParagraphKind::related);
  CHECK(health.kept);
  CHECK(c.find("...东岭县中医院与市中医院").kept);
  CHECK(c.find("西山镇卫生院获评").kept);
  const auto& bus = c.find("本市新开三条公交线路");
  CHECK(bus.kind == ParagraphKind::related);
  CHECK_FALSE(bus.kept);
  CHECK_FALSE(c.find("秋季开学").kept);
}

TEST_CASE("body: title lines followed by dates are a listing even without a marker", "[body]") {
  auto c = classify(
      "甲县医院与乙市医院签订帮扶协议。双方将共建专科。\n"
      "丙县开展义诊活动\n2024-01-02 10:00\n"
      "丁市医共体建设推进会召开\n2024-01-03 11:00\n");
  CHECK(c.find("甲县医院").kind == ParagraphKind::main);
  CHECK(c.find("丙县开展义诊活动").kind == ParagraphKind::related);
  CHECK(c.find("丁市医共体").kind == ParagraphKind::related);
  // Bare headlines name other pages (ANNOTATION: related-article lists are furniture): not read.
  CHECK_FALSE(c.find("丁市医共体").kept);
  // A listing that quotes the other articles' text (search-result pages) is read, as the gold does.
  auto q = classify(
      "甲县医院与乙市医院签订帮扶协议。双方将共建专科。\n"
      "丙县开展义诊活动\n...丙县人民医院专家团队深入乡镇开展义诊。\n2024-01-02 10:00\n"
      "丁市医共体建设推进会召开\n...丁市人民医院牵头组建医共体。\n2024-01-03 11:00\n");
  CHECK(q.find("丁市医共体").kind == ParagraphKind::related);
  CHECK(q.find("...丁市人民医院").kept);
}

TEST_CASE("body: comment sections after a stop marker are noise", "[body]") {
  auto c = classify("甲县医院派驻专家到乙县。\n发表评论\n网友甲\n说得好,支持医院。\n");
  CHECK(c.find("说得好").kind == ParagraphKind::noise);
  CHECK(c.find("甲县医院").kept);
}

TEST_CASE("body: paragraph ranges point into the normalized text", "[body]") {
  auto c = classify("## 小标题\n  甲医院托管乙医院。  \n");
  REQUIRE(c.body.paragraphs.size() == 2);
  CHECK(c.line(0) == "小标题");
  CHECK(c.line(1) == "甲医院托管乙医院。");
}

TEST_CASE("body: dates in several forms", "[body]") {
  std::string iso;
  CHECK(parse_date("2024年3月8日", iso) == std::string("2024年3月8日").size());
  CHECK(iso == "2024-03-08");
  CHECK(parse_date("2024/12/1 9:05 其他", iso) == std::string("2024/12/1 9:05").size());
  CHECK(iso == "2024-12-01 09:05");
  CHECK(parse_date("2024-13-01", iso) == 0);
  CHECK(parse_date("12345", iso) == 0);
}

TEST_CASE("body: a bad rules file is reported with file and line", "[body]") {
  std::string path = BANGFU_BINARY_DIR "/bad_boilerplate.tsv";
  {
    std::ofstream out(path);
    out << "# comment\nnoise\tcontains\t版权\nbogus\tprefix\tx\n";
  }
  try {
    BodyRules::from_files(path, {});
    FAIL("no exception");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()).find(path + ":3: unknown kind 'bogus'") != std::string::npos);
  }
  CHECK_THROWS_WITH(BodyRules::from_files(path + ".missing", {}), Catch::Contains("cannot open"));
}

TEST_CASE("body: the topic list is extendable by a user file", "[body]") {
  std::string path = BANGFU_BINARY_DIR "/extra_topic.txt";
  {
    std::ofstream out(path);
    out << "# my words\n公交\n";
  }
  BodyRules rules = BodyRules::from_data_dir(BANGFU_DATA_DIR, {path});
  CHECK(rules.on_topic("本市新开三条公交线路"));
  CHECK_FALSE(BodyRules::defaults().on_topic("本市新开三条公交线路"));
}

TEST_CASE("body: the dev seeds keep their article and drop off-topic listings", "[body][shared]") {
  std::string seeds = BANGFU_SHARED_DIR "/corpus/seeds/";
  if (!std::ifstream(seeds + "000_665815207df06e30.txt")) {
    WARN("shared dev set not found: skipped");
    return;
  }
  for (std::string name : {"000_665815207df06e30.txt", "001_bcc276dad3482f02.txt", "002_d0010fbb54b3bdc0.txt",
                           "003_993314f26d1d3f19.txt"}) {
    INFO(name);
    auto c = classify(slurp(seeds + name));
    CHECK_FALSE(c.body.title.empty());
    std::size_t main = 0, kept = 0;
    bool off_topic_block = false;
    for (std::size_t i = 0; i < c.body.paragraphs.size(); ++i) {
      const auto& p = c.body.paragraphs[i];
      if (std::string(p.why) == "marker") off_topic_block = c.line(i).rfind("更多关于", 0) == 0;
      if (off_topic_block) CHECK_FALSE(p.kept);
      main += p.kind == ParagraphKind::main;
      kept += p.kept;
      if (std::string(p.why) == "repeated") CHECK_FALSE(p.kept);
    }
    CHECK(main >= 15);
    CHECK(kept >= main);
  }
  auto first = classify(slurp(seeds + "000_665815207df06e30.txt"));
  CHECK(first.body.date == "2024-12-01 11:37:00");
  std::size_t related_kept = 0;
  for (const auto& p : first.body.paragraphs) related_kept += p.kind == ParagraphKind::related && p.kept;
  CHECK(related_kept >= 10);  // the on-topic listing after the snapshot notice
}
