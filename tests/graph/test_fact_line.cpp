// Fact lines (the mapper's output) read back exactly, rejected clearly when damaged, and built into the
// same graph as the extraction they came from; the canonical dump does not depend on build order.
#include <catch2/catch.hpp>
#include <sstream>

#include "graph/canonical_dump.hpp"
#include "graph/storage.hpp"
#include "ingest/fact_line.hpp"
#include "ingest/graph_builder.hpp"
#include "ingest/graph_facts.hpp"

using namespace bangfu;
using graph::EntityType;
using graph::RelType;

namespace {

ingest::Document doc(const std::string& id, const std::string& text) {
  ingest::Document d;
  d.id = id;
  d.path = "/corpus/" + id;
  d.text = text;
  d.title = "标题 \"" + id + "\"\n";
  d.url = "http://x/" + id;
  return d;
}

ingest::ExtractedRelation rel(const std::string& src, RelType r, const std::string& dst, std::uint32_t begin) {
  ingest::ExtractedRelation x;
  x.src = src;
  x.dst = dst;
  x.rel = r;
  x.evidence = src + "帮扶" + dst + "。\t\"quoted\"";
  x.source_begin = begin;
  x.source_end = begin + 30;
  x.rule = "rule." + std::to_string(begin);
  x.confidence = 0.7f;
  return x;
}

ingest::DocumentExtraction extraction_a() {
  ingest::DocumentExtraction x;
  x.entities = {{"浙江省人民医院", EntityType::Hospital, {"浙江省医", "省人民医院"}},
                {"凉山彝族自治州人民医院", EntityType::Hospital, {"凉山州医院"}},
                {"王立新", EntityType::Person, {}}};
  x.relations = {rel("浙江省人民医院", RelType::supports, "凉山州医院", 10),
                 rel("王立新", RelType::serves_as, "凉山彝族自治州人民医院", 50)};
  x.relations[1].role = "副院长";
  auto hedged = rel("浙江省人民医院", RelType::funds, "凉山彝族自治州人民医院", 90);
  hedged.hedged = true;
  hedged.amount = "3000万元";
  x.relations.push_back(hedged);
  return x;
}

ingest::DocumentExtraction extraction_b() {
  ingest::DocumentExtraction x;
  x.entities = {{"凉山州医院", EntityType::Hospital, {}}, {"浙江省卫生健康委员会", EntityType::Agency, {"浙江省卫健委"}}};
  x.relations = {rel("浙江省卫生健康委员会", RelType::funds, "凉山州医院", 0)};
  x.relations[0].amount = "1亿元";
  return x;
}

std::string dump(const graph::Graph& g) {
  std::ostringstream out;
  graph::write_canonical_dump(g, out);
  return out.str();
}

}  // namespace

TEST_CASE("a fact line reads back as the extraction it was written from", "[ingest][facts]") {
  auto d = doc("a.txt", "正文");
  auto x = extraction_a();
  auto info = ingest::document_info(d, x);
  std::string line = ingest::to_fact_line(info, x);
  CHECK(line.rfind(std::string(ingest::kFactLinePrefix), 0) == 0);
  CHECK(line.find('\n') == std::string::npos);  // a title with a line break stays on one line

  auto f = ingest::parse_fact_line(line, "t");
  CHECK(f.info.id == "a.txt");
  CHECK(f.info.content_hash == ingest::content_hash("正文"));
  CHECK(f.info.title == d.title);
  CHECK(f.info.url == d.url);
  CHECK(f.info.path == "/corpus/a.txt");
  REQUIRE(f.extraction.entities.size() == 3);
  CHECK(f.extraction.entities[0].aliases == x.entities[0].aliases);
  CHECK(f.extraction.entities[2].type == EntityType::Person);
  REQUIRE(f.extraction.relations.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    const auto &a = f.extraction.relations[i], &b = x.relations[i];
    CHECK(a.src == b.src);
    CHECK(a.dst == b.dst);
    CHECK(a.rel == b.rel);
    CHECK(a.role == b.role);
    CHECK(a.amount == b.amount);
    CHECK(a.evidence == b.evidence);
    CHECK(a.source_begin == b.source_begin);
    CHECK(a.source_end == b.source_end);
    CHECK(a.rule == b.rule);
    CHECK(a.confidence == b.confidence);  // float → double text → float is exact
    CHECK(a.hedged == b.hedged);
  }
}

TEST_CASE("damaged fact lines are errors that say where and what", "[ingest][facts]") {
  auto good = ingest::to_fact_line(ingest::document_info(doc("a.txt", "x"), extraction_a()), extraction_a());
  auto fails_with = [](const std::string& line, const std::string& what) {
    INFO(line);
    try {
      ingest::parse_fact_line(line, "f.jsonl:7");
      FAIL("accepted");
    } catch (const std::runtime_error& e) {
      std::string msg = e.what();
      CHECK(msg.rfind("f.jsonl:7", 0) == 0);
      CHECK(msg.find(what) != std::string::npos);
    }
  };
  fails_with("{oops", "malformed JSON");
  fails_with("[1,2]", "not a JSON object");
  fails_with("{\"doc\":\"a\",\"hash\":\"h\"}", "not a bangfu fact line");
  fails_with("{\"facts\":2,\"doc\":\"a\",\"hash\":\"h\"}", "not a bangfu fact line");
  fails_with("{\"facts\":1,\"hash\":\"h\"}", "missing \"doc\"");
  fails_with("{\"facts\":1,\"doc\":\"\",\"hash\":\"h\"}", "empty document id");
  fails_with("{\"facts\":1,\"doc\":\"a\",\"hash\":\"h\",\"entities\":[{\"name\":\"x\",\"type\":\"Planet\"}]}",
             "unknown entity type 'Planet'");
  fails_with("{\"facts\":1,\"doc\":\"a\",\"hash\":\"h\",\"entities\":{}}", "\"entities\" is not an array");
  fails_with("{\"facts\":1,\"doc\":\"a\",\"hash\":\"h\",\"relations\":[{\"src\":\"a\",\"dst\":\"b\",\"rel\":\"loves\"}]}",
             "unknown relation 'loves'");
  fails_with("{\"facts\":1,\"doc\":\"a\",\"hash\":\"h\",\"relations\":[{\"src\":\"a\",\"dst\":\"b\",\"rel\":\"supports\","
             "\"begin\":9,\"end\":3}]}",
             "end offset before begin");
  fails_with("{\"facts\":1,\"doc\":\"a\",\"hash\":\"h\",\"relations\":[{\"src\":\"a\",\"dst\":\"b\",\"rel\":\"supports\","
             "\"begin\":-1}]}",
             "unsigned 32-bit offset");
  CHECK_NOTHROW(ingest::parse_fact_line(good, "ok"));
  // Issue 15: a line nesting `[` 100 000 deep (in a value the reader would skip) is an error, not a
  // stack overflow in the parser.
  fails_with("{\"facts\":1,\"doc\":\"a\",\"hash\":\"h\",\"x\":" + std::string(100000, '[') + std::string(100000, ']') + "}",
             "JSON nested deeper than 512 levels");
}

TEST_CASE("facts replayed through the builder give the graph the documents gave", "[ingest][facts]") {
  auto da = doc("a.txt", "甲"), db = doc("b.txt", "乙");
  graph::Graph direct;
  ingest::GraphBuilder(direct).add(da, extraction_a());
  {
    ingest::GraphBuilder b(direct);
    b.add(db, extraction_b());
  }
  graph::Graph replayed;
  ingest::GraphBuilder rb(replayed);
  for (auto [d, x] : {std::pair{da, extraction_a()}, std::pair{db, extraction_b()}})
    rb.add(ingest::parse_fact_line(ingest::to_fact_line(ingest::document_info(d, x), x), "t").info,
           ingest::parse_fact_line(ingest::to_fact_line(ingest::document_info(d, x), x), "t").extraction);
  CHECK(graph::graph_to_json(replayed) == graph::graph_to_json(direct));
  // 凉山州医院 (b) merged into a's node by its specific alias; the hedged funds edge stays out.
  CHECK(direct.node_count() == 4);
  CHECK(direct.edge_count() == 3);

  SECTION("the same facts again change nothing; a new hash replaces the document") {
    auto facts = ingest::parse_fact_line(ingest::to_fact_line(ingest::document_info(db, extraction_b()), extraction_b()), "t");
    CHECK(rb.add(facts.info, facts.extraction) == ingest::BuildOutcome::unchanged);
    facts.info.content_hash = "0000000000000000";
    facts.extraction.relations.clear();
    CHECK(rb.add(facts.info, facts.extraction) == ingest::BuildOutcome::replaced);
    CHECK(replayed.edge_count() == 2);
  }

  SECTION("a graph read back as facts rebuilds the same graph") {
    auto facts = ingest::facts_of_graph(direct);
    CHECK(facts.untied_nodes == 0);
    CHECK(facts.untied_edges == 0);
    REQUIRE(facts.documents.size() == 2);
    graph::Graph again;
    ingest::GraphBuilder ab(again);
    for (auto& f : facts.documents) ab.add(f.info, f.extraction);
    CHECK(dump(again) == dump(direct));
  }
}

TEST_CASE("the canonical dump is the same whatever order a graph was built in", "[graph][dump]") {
  auto build = [](bool reversed) {
    graph::Graph g;
    auto a = g.add_node({"Hospital"}, {{"name", graph::PropValue("甲医院")}, {"beds", graph::PropValue(500)}});
    auto b = g.add_node({"City", "Region"}, {{"name", graph::PropValue("乙市")}});
    g.add_alias(a, reversed ? "甲院" : "甲医");
    g.add_alias(a, reversed ? "甲医" : "甲院");
    auto e = g.add_edge(reversed ? b : a, reversed ? a : b, "supports", {{"role", graph::PropValue("x")}});
    g.add_evidence(e, {"d1", "s1", 0, 5, "r", 1.0f});
    g.add_evidence(e, {"d2", "s2", 0, 5, "r", 1.0f});
    return g;
  };
  graph::Graph one = build(false);
  std::string d1 = dump(one);
  CHECK(d1.find("\"aliases\":[\"甲医\",\"甲院\"]") != std::string::npos);
  CHECK(d1.find("\"labels\":[\"City\",\"Region\"]") != std::string::npos);
  CHECK(d1.find("\"weight\":2") != std::string::npos);
  CHECK(d1.rfind("{\"canonical\":\"bangfu-graph\",\"documents\":0,\"nodes\":2,\"edges\":1}\n", 0) == 0);
  // Reversed the edge: a different graph, a different dump.
  CHECK(dump(build(true)) != d1);
  // Same graph, other build order: the same dump.
  graph::Graph two;
  auto b = two.add_node({"City", "Region"}, {{"name", graph::PropValue("乙市")}});
  auto a = two.add_node({"Hospital"}, {{"name", graph::PropValue("甲医院")}, {"beds", graph::PropValue(500)}});
  two.add_alias(a, "甲院");
  two.add_alias(a, "甲医");
  auto e = two.add_edge(a, b, "supports", {{"role", graph::PropValue("x")}});
  two.add_evidence(e, {"d2", "s2", 0, 5, "r", 1.0f});
  two.add_evidence(e, {"d1", "s1", 0, 5, "r", 1.0f});
  CHECK(dump(two) == d1);
}
