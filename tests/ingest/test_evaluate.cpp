#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "ingest/evaluate.hpp"

using namespace bangfu::ingest;
using bangfu::graph::EntityType;
using bangfu::graph::RelType;
namespace fs = std::filesystem;

namespace {

fs::path temp_dir(const std::string& name) {
  fs::path dir = fs::path(BANGFU_BINARY_DIR) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// Gold: 4 entities, 3 relations (one symmetric, one with a role).
const char* kGold = R"({
  "doc": "d1.txt",
  "entities": [
    {"name": "湘西州人民医院", "type": "Hospital", "aliases": ["州医院"]},
    {"name": "長沙市第一醫院", "type": "Hospital", "aliases": []},
    {"name": "王建华", "type": "Person", "aliases": []},
    {"name": "湖南省", "type": "Province", "aliases": ["湖南", "我省"]}
  ],
  "relations": [
    {"src": "湘西州人民医院", "rel": "co_builds", "dst": "长沙市第一医院", "evidence": "e1", "role": "", "amount": ""},
    {"src": "王建华", "rel": "serves_as", "dst": "州医院", "evidence": "e2", "role": "副院长", "amount": ""},
    {"src": "湖南省", "rel": "funds", "dst": "湘西州人民医院", "evidence": "e3", "role": "", "amount": "1亿元"}
  ]
})";

ExtractedRelation rel(const std::string& src, const std::string& dst, RelType type, const std::string& role = "") {
  ExtractedRelation r;
  r.src = src;
  r.dst = dst;
  r.rel = type;
  r.role = role;
  return r;
}

DocumentExtraction prediction() {
  DocumentExtraction p;
  p.doc = "d1.txt";
  p.entities = {{"州医院", EntityType::Hospital, {}},                 // matches by alias
                {"长沙市 第一医院", EntityType::Hospital, {}},         // matches after t2s + whitespace removal
                {"王建华", EntityType::Organization, {}},            // matches untyped only
                {"湘西州", EntityType::City, {}},                    // false
                {"湖南", EntityType::Province, {"我省"}}};           // matches
  ExtractedRelation co = rel("长沙市第一医院", "湘西州人民医院", RelType::co_builds);   // symmetric, reversed: match
  ExtractedRelation post = rel("王建华", "湘西州人民医院", RelType::serves_as, "院长");  // match, wrong role
  ExtractedRelation wrong = rel("湖南省", "湘西州", RelType::supports);                // false
  ExtractedRelation dup = co;                                                   // gold matched once: false
  ExtractedRelation hedged = rel("湖南省", "湘西州人民医院", RelType::funds);
  hedged.hedged = true;                                                         // not scored
  p.relations = {co, post, wrong, dup, hedged};
  return p;
}

}  // namespace

TEST_CASE("scorer matches names after NFKC, t2s and whitespace removal, each gold once", "[evaluate]") {
  auto dir = temp_dir("eval_gold");
  std::ofstream(dir / "d1.json") << kGold;
  EvalReport r = evaluate({prediction()}, dir.string());
  CHECK(r.documents == 1);
  CHECK(r.entities.true_pos == 4);
  CHECK(r.entities.predicted == 5);
  CHECK(r.entities.gold == 4);
  CHECK(r.entities.precision() == Approx(0.8));
  CHECK(r.entities.recall() == Approx(1.0));
  CHECK(r.entities_typed.true_pos == 3);
  CHECK(r.entities_by_type["Person"].gold == 1);
  CHECK(r.entities_by_type["Person"].true_pos == 0);
  CHECK(r.entities_by_type["Hospital"].true_pos == 2);

  CHECK(r.relations.true_pos == 2);
  CHECK(r.relations.predicted == 4);
  CHECK(r.relations.gold == 3);
  CHECK(r.relations.f1() == Approx(2 * 0.5 * (2.0 / 3) / (0.5 + 2.0 / 3)));
  CHECK(r.relations_by_rel["co_builds"].true_pos == 1);
  CHECK(r.relations_by_rel["co_builds"].predicted == 2);
  CHECK(r.roles.gold == 1);
  CHECK(r.roles.true_pos == 0);
  CHECK(r.amounts.gold == 0);  // the funds relation was not matched

  auto has = [&](const std::string& kind, const std::string& what) {
    for (const auto& m : r.misses)
      if (m.kind == kind && m.what.find(what) != std::string::npos) return true;
    return false;
  };
  CHECK(has("false entity", "湘西州"));
  CHECK(has("missed relation", "funds"));
  CHECK(has("wrong role", "院长"));
  for (const auto& m : r.misses)
    if (m.kind == "missed relation") CHECK(m.sentence == "e3");
}

TEST_CASE("extraction JSON round-trips and bad files name what is wrong", "[evaluate]") {
  auto dir = temp_dir("eval_json");
  DocumentExtraction p = prediction();
  p.relations[0].evidence = "湘西州人民医院与长沙市第一医院共建。";
  p.relations[1].role = "副院长";
  std::ofstream(dir / "p.json") << to_extraction_json(p);
  DocumentExtraction back = read_extraction_json((dir / "p.json").string());
  CHECK(back.doc == "d1.txt");
  REQUIRE(back.entities.size() == p.entities.size());
  CHECK(back.entities[4].aliases == std::vector<std::string>{"我省"});
  REQUIRE(back.relations.size() == p.relations.size());
  CHECK(back.relations[0].evidence == p.relations[0].evidence);
  CHECK(back.relations[1].role == "副院长");
  CHECK(back.relations[4].hedged);

  std::ofstream(dir / "bad1.json") << "{\"entities\": [";
  CHECK_THROWS_WITH(read_extraction_json((dir / "bad1.json").string()), Catch::Contains("bad1.json: malformed JSON at offset"));
  std::ofstream(dir / "bad2.json") << R"({"entities": [{"name": "x", "type": "Planet"}]})";
  CHECK_THROWS_WITH(read_extraction_json((dir / "bad2.json").string()), Catch::Contains("entities[0]: unknown type \"Planet\""));
  std::ofstream(dir / "bad3.json") << R"({"relations": [{"src": "a", "rel": "supports"}]})";
  CHECK_THROWS_WITH(read_extraction_json((dir / "bad3.json").string()), Catch::Contains("relations[0]: missing \"dst\""));
  CHECK_THROWS_WITH(evaluate({p}, (dir / "nowhere").string()), Catch::Contains("gold folder not found"));
}

TEST_CASE("dev set scores reach the targets", "[evaluate][devset]") {
  fs::path shared(BANGFU_SHARED_DIR);
  if (!fs::exists(shared / "corpus" / "gold")) {
    WARN("shared dev set not found: skipped");
    return;
  }
  std::vector<DocumentExtraction> gold;
  for (const auto& f : fs::directory_iterator(shared / "corpus" / "gold")) gold.push_back(read_extraction_json(f.path().string()));
  // Gold scored against itself is perfect: a check of the scorer on real data.
  EvalReport self = evaluate(gold, (shared / "corpus" / "gold").string());
  CHECK(self.entities.f1() == Approx(1.0));
  CHECK(self.relations.f1() == Approx(1.0));
}
