// GraphBuilder: documents' extractions into the graph; idempotent re-ingest, replacement, merging.
#include <catch2/catch.hpp>

#include "ingest/graph_builder.hpp"

using namespace bangfu;
using graph::EntityType;
using graph::RelType;
using ingest::BuildOutcome;

namespace {

ingest::Document doc(const std::string& id, const std::string& text) {
  ingest::Document d;
  d.id = id;
  d.path = "/corpus/" + id;
  d.text = text;
  d.title = "标题" + id;
  return d;
}

ingest::ExtractedRelation rel(const std::string& src, RelType r, const std::string& dst, const std::string& sentence) {
  ingest::ExtractedRelation x;
  x.src = src;
  x.dst = dst;
  x.rel = r;
  x.evidence = sentence;
  x.source_begin = 3;
  x.source_end = 3 + static_cast<std::uint32_t>(sentence.size());
  x.rule = "test-rule";
  x.confidence = 0.75f;
  return x;
}

ingest::DocumentExtraction first_extraction() {
  ingest::DocumentExtraction x;
  x.doc = "a.txt";
  x.entities = {{"江南省", EntityType::Province, {"我省"}},
                {"北岭县人民医院", EntityType::Hospital, {"县医院"}},
                {"王立新", EntityType::Person, {}}};
  x.relations = {rel("我省", RelType::supports, "县医院", "我省对口支援北岭县人民医院。"),
                 rel("王立新", RelType::serves_as, "北岭县人民医院", "王立新任北岭县人民医院副院长。")};
  x.relations[1].role = "副院长";
  auto planned = rel("江南省", RelType::funds, "北岭县人民医院", "江南省拟投入资金。");
  planned.hedged = true;
  planned.amount = "1亿元";
  x.relations.push_back(planned);
  return x;
}

}  // namespace

TEST_CASE("a document's entities and relations land in the graph with evidence", "[ingest][builder]") {
  graph::Graph g;
  ingest::GraphBuilder b(g);
  auto d = doc("a.txt", "正文：江南省对口支援北岭县人民医院。");
  CHECK(b.add(d, first_extraction()) == BuildOutcome::added);
  CHECK(g.node_count() == 3);
  CHECK(g.edge_count() == 2);  // the hedged funds relation stays out
  REQUIRE(g.document("a.txt"));
  CHECK(g.document("a.txt")->content_hash == ingest::content_hash(d.text));
  CHECK(g.document("a.txt")->title == "标题a.txt");
  CHECK(g.document("a.txt")->path == "/corpus/a.txt");

  auto p = g.find_canonical("江南省");
  auto h = g.find_canonical("北岭县人民医院");
  auto x = g.find_canonical("王立新");
  REQUIRE((p && h && x));
  CHECK(g.find("县医院") == std::vector<graph::Graph::Vertex>{*h});
  auto e = g.find_edge(*p, *h, *g.find_type("supports"));
  REQUIRE(e);
  const auto& ev = g.evidence(*e).at(0);
  CHECK(ev.doc == "a.txt");
  CHECK(ev.sentence == "我省对口支援北岭县人民医院。");
  CHECK(ev.begin == 3);
  CHECK(ev.rule == "test-rule");
  CHECK(ev.confidence == Approx(0.75f));
  auto s = g.find_edge(*x, *h, *g.find_type("serves_as"));
  REQUIRE(s);
  CHECK(g.edge_property(*s, "role") == graph::PropValue("副院长"));
  CHECK(b.counts().entities == 3);
  CHECK(b.counts().relations == 2);
}

TEST_CASE("re-ingesting the same text changes nothing, changed text replaces the document", "[ingest][builder]") {
  graph::Graph g;
  ingest::GraphBuilder b(g);
  auto d = doc("a.txt", "正文一");
  b.add(d, first_extraction());
  CHECK(b.unchanged(d));
  CHECK(b.add(d, first_extraction()) == BuildOutcome::unchanged);
  CHECK(g.edge_count() == 2);
  auto e = g.find_edge(*g.find_canonical("江南省"), *g.find_canonical("北岭县人民医院"), *g.find_type("supports"));
  CHECK(g.edge(*e).weight == 1);

  auto changed = doc("a.txt", "正文二：内容变了");
  CHECK(!b.unchanged(changed));
  ingest::DocumentExtraction x;
  x.doc = "a.txt";
  x.entities = {{"江南省", EntityType::Province, {}}, {"东川市", EntityType::City, {}}};
  x.relations = {rel("江南省", RelType::supports, "东川市", "江南省帮扶东川市。")};
  CHECK(b.add(changed, x) == BuildOutcome::replaced);
  CHECK(g.edge_count() == 1);
  CHECK(g.find("王立新").empty());
  CHECK(g.find("北岭县人民医院").empty());
  CHECK(g.document("a.txt")->content_hash == ingest::content_hash(changed.text));
  CHECK(b.counts().added == 1);
  CHECK(b.counts().unchanged == 1);
  CHECK(b.counts().replaced == 1);
}

TEST_CASE("the same fact from two documents is one edge with two evidences", "[ingest][builder]") {
  graph::Graph g;
  ingest::GraphBuilder b(g);
  b.add(doc("a.txt", "一"), first_extraction());
  auto x = first_extraction();
  x.doc = "b.txt";
  x.relations[0].evidence = "江南省继续支援北岭县人民医院。";
  b.add(doc("b.txt", "二"), x);
  CHECK(g.node_count() == 3);
  CHECK(g.edge_count() == 2);
  auto e = g.find_edge(*g.find_canonical("江南省"), *g.find_canonical("北岭县人民医院"), *g.find_type("supports"));
  CHECK(g.edge(*e).weight == 2);
  // Removing one document keeps the fact the other still states.
  g.remove_document("a.txt");
  e = g.find_edge(*g.find_canonical("江南省"), *g.find_canonical("北岭县人民医院"), *g.find_type("supports"));
  REQUIRE(e);
  CHECK(g.edge(*e).weight == 1);
}

TEST_CASE("entities merge across documents by specific names only", "[ingest][builder]") {
  graph::Graph g;
  ingest::GraphBuilder b(g);
  ingest::DocumentExtraction one;
  one.entities = {{"西海医科大学附属东川医院", EntityType::Hospital, {"东川市人民医院", "市医院"}}};
  b.add(doc("a.txt", "一"), one);
  ingest::DocumentExtraction two;
  two.entities = {{"东川市人民医院", EntityType::Hospital, {}}, {"市医院", EntityType::Hospital, {}}};
  b.add(doc("b.txt", "二"), two);
  // "东川市人民医院" was a specific alias: same hospital. "市医院" is relative to each article: not merged.
  CHECK(g.node_count() == 2);
  auto hits = g.find("东川市人民医院");
  REQUIRE(hits.size() == 1);
  CHECK(g.node(hits[0]).name == "西海医科大学附属东川医院");
  CHECK(g.find_canonical("市医院"));
}

TEST_CASE("a relation naming an unlisted entity is left out and counted", "[ingest][builder]") {
  graph::Graph g;
  ingest::GraphBuilder b(g);
  ingest::DocumentExtraction x;
  x.entities = {{"江南省", EntityType::Province, {}}};
  x.relations = {rel("江南省", RelType::supports, "不存在的医院", "江南省帮扶某院。")};
  b.add(doc("a.txt", "一"), x);
  CHECK(g.edge_count() == 0);
  CHECK(b.counts().skipped == 1);
}

TEST_CASE("content hashes are stable and tell texts apart", "[ingest][builder]") {
  CHECK(ingest::content_hash("") == "cbf29ce484222325");
  CHECK(ingest::content_hash("帮扶") == ingest::content_hash("帮扶"));
  CHECK(ingest::content_hash("帮扶") != ingest::content_hash("帮扶 "));
}
