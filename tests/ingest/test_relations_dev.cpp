// The relation rules on the shared dev articles, with the gold entities standing in for the recognizer:
// measures this stage alone (per-relation figures are printed). Skips when ../shared is absent.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <rapidjson/document.h>

#include "ingest/body.hpp"
#include "ingest/evaluate.hpp"
#include "ingest/normalize.hpp"
#include "ingest/sentences.hpp"
#include "test_relations_fixture.hpp"

using namespace bangfu::ingest;
using namespace bangfu::ingest::testing;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct GoldEntity {
  std::string name;
  bangfu::graph::EntityType type;
  std::vector<std::string> forms;  // normalized name and aliases
};

struct Edge {
  std::string src, rel, dst;
  bool operator<(const Edge& o) const { return std::tie(src, rel, dst) < std::tie(o.src, o.rel, o.dst); }
};

Edge edge_of(std::string src, const std::string& rel, std::string dst) {
  auto r = bangfu::graph::parse_rel_type(rel);
  if (r && bangfu::graph::is_symmetric(*r) && dst < src) std::swap(src, dst);
  return {src, rel, dst};
}

// Gold names and aliases placed in a sentence, longest first, without overlaps.
std::vector<Mention> oracle_mentions(const std::string& text, const std::vector<GoldEntity>& gold) {
  std::vector<std::pair<std::string, const GoldEntity*>> forms;
  for (const auto& e : gold)
    for (const auto& f : e.forms) forms.emplace_back(f, &e);
  std::stable_sort(forms.begin(), forms.end(), [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  std::vector<bool> taken(text.size(), false);
  std::vector<Mention> out;
  for (const auto& [form, e] : forms) {
    if (form.empty()) continue;
    for (std::size_t at = text.find(form); at != std::string::npos; at = text.find(form, at + form.size())) {
      if (std::any_of(taken.begin() + at, taken.begin() + at + form.size(), [](bool b) { return b; })) continue;
      std::fill(taken.begin() + at, taken.begin() + at + form.size(), true);
      Mention m;
      m.begin = static_cast<std::uint32_t>(at);
      m.end = static_cast<std::uint32_t>(at + form.size());
      m.surface = form;
      m.canonical = e->name;
      m.type = e->type;
      m.resolved_reference = form.rfind("我", 0) == 0 || form.rfind("本", 0) == 0 || form.rfind("该", 0) == 0;
      out.push_back(m);
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.begin < b.begin; });
  return out;
}

// Relation figures of the shipped rules over the articles of `docs` with the gold files of `gold_dir`.
Score oracle_figures(const fs::path& gold_dir, const fs::path& docs) {
  std::map<std::string, Score> by_rel;
  Score all;
  std::ostringstream misses;
  for (const auto& entry : fs::directory_iterator(gold_dir)) {
    rapidjson::Document gold;
    gold.Parse(slurp(entry.path()).c_str());
    REQUIRE(gold.IsObject());
    std::string doc_id = gold["doc"].GetString();
    std::vector<GoldEntity> entities;
    std::map<std::string, std::string> canon;
    for (const auto& e : gold["entities"].GetArray()) {
      GoldEntity g{normalize_string(e["name"].GetString()), *bangfu::graph::parse_entity_type(e["type"].GetString()), {}};
      g.forms.push_back(g.name);
      for (const auto& a : e["aliases"].GetArray()) g.forms.push_back(normalize_string(a.GetString()));
      for (const auto& f : g.forms) canon[f] = g.name;
      entities.push_back(g);
    }
    std::set<Edge> want;
    for (const auto& r : gold["relations"].GetArray())
      want.insert(edge_of(canon[normalize_string(r["src"].GetString())], r["rel"].GetString(),
                          canon[normalize_string(r["dst"].GetString())]));

    Document doc;
    doc.id = doc_id;
    doc.text = slurp(docs / fs::path(doc_id));
    NormalizedText text = normalize(doc.text);
    auto sentences = split_sentences(text, extract_body(text, doc));
    std::string province;
    std::map<std::string, int> province_votes;
    std::vector<std::vector<Mention>> mentions;
    for (const auto& s : sentences) {
      mentions.push_back(oracle_mentions(s.text, entities));
      for (const auto& m : mentions.back())
        if (m.type == bangfu::graph::EntityType::Province) ++province_votes[m.canonical];
    }
    for (const auto& [p, n] : province_votes)
      if (province.empty() || n > province_votes[province]) province = p;

    std::map<Edge, std::string> got;
    for (std::size_t i = 0; i < sentences.size(); ++i) {
      SentenceContext ctx{doc_id, province, {}};
      if (i > 0 && sentences[i - 1].paragraph == sentences[i].paragraph) ctx.previous = mentions[i - 1];
      for (const auto& r : shipped_extractor().extract(sentences[i], mentions[i], ctx)) {
        if (r.hedged) continue;
        got.emplace(edge_of(r.src, std::string(bangfu::graph::to_string(r.rel)), r.dst),
                    r.rule + " | " + sentences[i].text.substr(0, 120));
      }
    }
    for (const auto& e : want) {
      bool hit = got.count(e);
      by_rel[e.rel].gold++;
      all.gold++;
      by_rel[e.rel].true_pos += hit;
      all.true_pos += hit;
      if (!hit) misses << "  missed " << doc_id.substr(0, 3) << " " << e.src << " -" << e.rel << "-> " << e.dst << "\n";
    }
    for (const auto& [e, why] : got) {
      by_rel[e.rel].predicted++;
      all.predicted++;
      if (!want.count(e))
        misses << "  false  " << doc_id.substr(0, 3) << " " << e.src << " -" << e.rel << "-> " << e.dst << "  [" << why << "]\n";
    }
  }
  std::ostringstream report;
  report.precision(3);
  for (const auto& [rel, s] : by_rel)
    report << rel << " P=" << s.precision() << " R=" << s.recall() << " F1=" << s.f1() << " (" << s.true_pos << "/"
           << s.predicted << "/" << s.gold << ")\n";
  report << "relations P=" << all.precision() << " R=" << all.recall() << " F1=" << all.f1() << "\n";
  WARN(gold_dir.string() << "\n" << report.str() << (std::getenv("BANGFU_RELATIONS_VERBOSE") ? misses.str() : ""));
  return all;
}

}  // namespace

TEST_CASE("dev articles with gold entities: relation figures", "[relations][dev]") {
  fs::path shared = BANGFU_SHARED_DIR;
  if (!fs::is_directory(shared / "corpus" / "gold")) {
    WARN("no shared dev set at " << shared << ": skipped");
    return;
  }
  CHECK(oracle_figures(shared / "corpus" / "gold", shared / "corpus" / "seeds").f1() >= 0.6);
}

// A private held-out set (BANGFU_RELATIONS_HELDOUT=<dir> holding gold/ and docs/), never in the repo:
// the figures show how the rules carry over to articles they were not written from.
TEST_CASE("held-out articles with gold entities: relation figures", "[relations][heldout]") {
  const char* dir = std::getenv("BANGFU_RELATIONS_HELDOUT");
  if (!dir || !fs::is_directory(fs::path(dir) / "gold")) {
    WARN("BANGFU_RELATIONS_HELDOUT not set to a folder with gold/ and docs/: skipped");
    return;
  }
  Score all = oracle_figures(fs::path(dir) / "gold", fs::path(dir) / "docs");
  CHECK(all.gold > 0);
}
