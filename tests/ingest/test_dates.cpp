// Dates on facts: each publication-date form on invented pages, partial and relative event dates,
// and first_seen/last_seen on the edges built from them.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "graph/graph.hpp"
#include "ingest/dates.hpp"
#include "ingest/graph_builder.hpp"
#include "ingest/load.hpp"
#include "ingest/pipeline.hpp"

using namespace bangfu;
using namespace bangfu::ingest;
namespace fs = std::filesystem;

namespace {

const Pipeline& pipeline() {
  static Pipeline p(PipelineOptions{std::string(BANGFU_SOURCE_DIR) + "/data", {}});
  return p;
}

const char* kBody = "浙江省人民医院帮扶景东县人民医院，派出专家团队开展义诊。\n";

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("bangfu-dates-test-" + std::to_string(::getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
};

// Loads one invented file and extracts it.
DocumentExtraction extract_file(const std::string& name, const std::string& content) {
  TempDir dir;
  std::ofstream(dir.path / name) << content;
  std::vector<LoadIssue> issues;
  auto docs = load_documents({(dir.path / name).string()}, issues);
  REQUIRE(issues.empty());
  REQUIRE(docs.size() == 1);
  return pipeline().extract(docs.front());
}

DocumentExtraction extract_text(const std::string& text) {
  Document doc;
  doc.id = "t.txt";
  doc.text = text;
  return pipeline().extract(doc);
}

}  // namespace

TEST_CASE("publication dates from JSON fields name their field", "[dates]") {
  auto a = extract_file("a.json", R"({"title": "t", "date": "2023年7月28日", "text": "浙江省人民医院帮扶景东县人民医院。"})");
  CHECK(a.day == "2023-07-28");
  CHECK(a.date_rule == "json:date");
  auto b = extract_file("b.json", R"({"title": "t", "publish_time": "2023-07-28 09:30:00", "text": "浙江省人民医院帮扶景东县人民医院。"})");
  CHECK(b.day == "2023-07-28");
  CHECK(b.date_rule == "json:publish_time");
  auto c = extract_file("c.jsonl", R"({"id": "c1", "pubdate": "2023/7/28", "text": "浙江省人民医院帮扶景东县人民医院。"})" "\n");
  CHECK(c.day == "2023-07-28");
  CHECK(c.date_rule == "json:pubdate");
}

TEST_CASE("publication dates from HTML meta and time tags", "[dates]") {
  auto meta = extract_file("m.html",
                           "<html><head><meta charset=\"utf-8\"><meta property=\"article:published_time\" "
                           "content=\"2023-07-28T10:00:00+08:00\"><title>t</title></head><body><p>" +
                               std::string(kBody) + "</p><time datetime=\"2020-01-01\">x</time></body></html>");
  CHECK(meta.day == "2023-07-28");
  CHECK(meta.date_rule == "html:meta");
  auto time = extract_file("t.html", "<html><body><time datetime=\"2022-03-04\">三月</time><p>" + std::string(kBody) +
                                         "</p></body></html>");
  CHECK(time.day == "2022-03-04");
  CHECK(time.date_rule == "html:time");
}

TEST_CASE("publication dates from the page text, in every written form", "[dates]") {
  struct Case {
    const char* header;
    const char* day;
    const char* rule;
  };
  const Case cases[] = {
      {"发布时间：2023-07-28 10:00", "2023-07-28", "text:cue"},
      {"发布日期：2023年7月28日", "2023-07-28", "text:cue"},
      {"日期：2023.07.28", "2023-07-28", "text:cue"},
      {"發佈時間：2023年7月28日", "2023-07-28", "text:cue"},    // Traditional
      {"发布时间：２０２３年７月２８日", "2023-07-28", "text:cue"},  // full-width digits
      {"2023年7月28日 来源：健康报", "2023-07-28", "text:header"},
      {"2023-07-28", "2023-07-28", "text:header"},
  };
  for (const auto& c : cases) {
    INFO(c.header);
    auto x = extract_text(std::string("医疗帮扶见成效\n") + c.header + "\n" + kBody);
    CHECK(x.day == c.day);
    CHECK(x.date_rule == c.rule);
  }
}

TEST_CASE("metadata values in any form normalize to ISO dates", "[dates]") {
  CHECK(normalize_date("2023-07-28T10:00:00+08:00") == "2023-07-28");
  CHECK(normalize_date("２０２３年７月２８日") == "2023-07-28");
  CHECK(normalize_date("2023.7.8") == "2023-07-08");
  CHECK(normalize_date("20230728") == "2023-07-28");
  CHECK(normalize_date("2023年7月") == "2023-07");
  CHECK(normalize_date("昨天") == "");
  CHECK(normalize_date("2023-02-30") == "");
}

TEST_CASE("event dates in a sentence, partial and relative", "[dates]") {
  auto ev = [](const char* s, const char* doc = "2023-08-10") { return event_date(s, doc); };
  CHECK(ev("7月25日上午，浙江省人民医院专家抵达景东。").iso == "2023-07-25");
  CHECK(ev("7月25日上午，浙江省人民医院专家抵达景东。").rule == "sentence:month-day+doc-year");
  CHECK(ev("2013年8月，两院签订帮扶协议。").iso == "2013-08");  // partial stays partial
  CHECK(ev("两院自2013年起开展合作。").iso == "2013");
  CHECK(ev("今年以来，医院派出专家20人次。").iso == "2023");
  CHECK(ev("去年8月，医院成立了远程会诊中心。").iso == "2022-08");
  CHECK(ev("近日，省人民医院帮扶团队到达。").iso == "2023-08-10");
  CHECK(ev("昨天，专家组抵达。").iso == "2023-08-09");
  CHECK(ev("医院派出3个月的驻点专家。").iso.empty());  // 3个月 is a length, not a date
  CHECK(ev("今年以来，医院派出专家。", "").iso.empty());  // nothing to resolve against
  CHECK(ev("2023-07-28，签约仪式举行。").iso == "2023-07-28");
}

TEST_CASE("edges carry first_seen and last_seen from their evidences", "[dates][graph]") {
  graph::Graph g;
  GraphBuilder builder(g);
  Document d1;
  d1.id = "a.txt";
  d1.text = std::string("发布时间：2021-05-06\n") + kBody;
  Document d2;
  d2.id = "b.txt";
  d2.text = std::string("发布时间：2023-07-28\n2013年8月，") + kBody;
  builder.add(d1, pipeline().extract(d1));
  builder.add(d2, pipeline().extract(d2));
  REQUIRE(g.edge_count() >= 1);
  bool found = false;
  for (auto it : g.edges()) {
    if (g.evidence(it).size() != 2) continue;
    found = true;
    auto first = g.edge_property(it, "first_seen");
    auto last = g.edge_property(it, "last_seen");
    REQUIRE(std::holds_alternative<temporal::Temporal>(first.v));
    CHECK(temporal::to_string(std::get<temporal::Temporal>(first.v)) == "2021-05-06");
    CHECK(temporal::to_string(std::get<temporal::Temporal>(last.v)) == "2023-07-28");
    bool has_event = false;
    for (const auto& ev : g.evidence(it)) has_event = has_event || ev.event_date == "2013-08";
    CHECK(has_event);
  }
  CHECK(found);
}
