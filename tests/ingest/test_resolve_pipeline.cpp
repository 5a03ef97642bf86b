#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>

#include "ingest/pipeline.hpp"

using namespace bangfu::ingest;
using bangfu::graph::EntityType;

namespace {

const Pipeline& pipeline() {
  static Pipeline p(PipelineOptions{std::string(BANGFU_SOURCE_DIR) + "/data", {}});
  return p;
}

const ExtractedEntity* entity(const DocumentExtraction& d, const std::string& name_or_alias) {
  for (const auto& e : d.entities)
    if (e.name == name_or_alias || std::count(e.aliases.begin(), e.aliases.end(), name_or_alias)) return &e;
  return nullptr;
}

DocumentExtraction run(const std::string& text) {
  Document doc;
  doc.id = "t.txt";
  doc.text = text;
  return pipeline().extract(doc);
}

}  // namespace

TEST_CASE("parenthesized and dashed names are aliases of one entity", "[resolve]") {
  auto d = run("湖南省儿童医院(湖南省妇幼保健院)与湘西州人民医院——吉首大学第一附属医院签约。\n");
  const auto* a = entity(d, "湖南省儿童医院");
  REQUIRE(a);
  CHECK(a == entity(d, "湖南省妇幼保健院"));
  const auto* b = entity(d, "湘西州人民医院");
  REQUIRE(b);
  CHECK(b == entity(d, "吉首大学第一附属医院"));
  CHECK(a != b);
}

TEST_CASE("names written with more or fewer regions are one entity named in full", "[resolve]") {
  auto d = run("湖南省湘西州泸溪县人民医院获评先进。\n泸溪县人民医院院长李青山表示,泸溪医院将继续努力。\n");
  const auto* e = entity(d, "泸溪县人民医院");
  REQUIRE(e);
  CHECK(e->name == "湖南省湘西州泸溪县人民医院");
  CHECK(e->type == EntityType::Hospital);
  CHECK(e == entity(d, "泸溪医院"));  // region short form + 医院
  // Regions chained in front of a name are places of their own.
  REQUIRE(entity(d, "湘西州"));
  CHECK(entity(d, "湘西州")->type == EntityType::City);
  CHECK(entity(d, "泸溪县")->type == EntityType::County);
  CHECK(entity(d, "李青山"));
}

TEST_CASE("我省 and level-prefixed names resolve to the article's province", "[resolve]") {
  auto d = run("湖南省卫生健康委发布通知。\n长沙、株洲、湘潭三地推进建设,我省将加大投入,省卫生健康委负责督导。\n");
  const auto* p = entity(d, "我省");
  REQUIRE(p);
  CHECK(p->name == "湖南省");
  CHECK(p->type == EntityType::Province);
  const auto* agency = entity(d, "省卫生健康委");
  REQUIRE(agency);
  CHECK(agency->name == "湖南省卫生健康委");
}

TEST_CASE("a university and its affiliated hospital stay apart", "[resolve]") {
  auto d = run("中南大学与中南大学附属湘雅医院共同举办培训。\n");
  const auto* u = entity(d, "中南大学");
  const auto* h = entity(d, "中南大学附属湘雅医院");
  REQUIRE(u);
  REQUIRE(h);
  CHECK(u != h);
  CHECK(u->type == EntityType::University);
  CHECK(h->type == EntityType::Hospital);
}

TEST_CASE("州医院 joins the one hospital of the article's prefecture", "[resolve]") {
  auto d = run("湘西州人民医院与长沙市中心医院签约。\n州医院将派出骨干。\n");
  const auto* e = entity(d, "州医院");
  REQUIRE(e);
  CHECK(e->name == "湘西州人民医院");
}

TEST_CASE("pipeline quotes evidence from the source text and reads extra lexicons", "[pipeline]") {
  Document doc;
  doc.id = "p.txt";
  doc.text = "湘西州人民医院与长沙市第一医院共建区域医疗中心。\n";
  auto d = pipeline().extract(doc);
  CHECK(d.doc == "p.txt");
  for (const auto& r : d.relations) {
    CHECK(doc.text.find(r.evidence) != std::string::npos);
    CHECK(r.source_end > r.source_begin);
  }
  CHECK(entity(d, "长沙市第一医院"));
  CHECK_THROWS_WITH(Pipeline(PipelineOptions{"/nonexistent/data", {}}), Catch::Contains("/nonexistent/data"));
}

TEST_CASE("pipeline handles empty and odd input without crashing", "[pipeline]") {
  CHECK(run("").entities.empty());
  CHECK(run("\xFF\xFE abc 123 ,,,").entities.empty());
  std::string long_run(20000, 'x');
  CHECK_NOTHROW(run(long_run + "医院"));
}

TEST_CASE("user lexicon names and aliases are one entity", "[resolve]") {
  std::string path = std::string(BANGFU_BINARY_DIR) + "/test_resolve_lexicon.tsv";
  std::ofstream(path) << "星火健康联盟会\tOrganization\t星火会\n";
  Pipeline p(PipelineOptions{std::string(BANGFU_SOURCE_DIR) + "/data", {path}});
  Document doc;
  doc.id = "u.txt";
  doc.text = "星火健康联盟会成立。\n星火会向山区捐赠药品。\n";
  auto d = p.extract(doc);
  const auto* e = entity(d, "星火会");
  REQUIRE(e);
  CHECK(e->name == "星火健康联盟会");
  CHECK(e->type == EntityType::Organization);
  std::remove(path.c_str());
}

TEST_CASE("a short form keeping the region, the ending and part of the name joins the full name", "[resolve]") {
  auto d = run("四川蜀西医院开展义诊。\n四川省蜀西骨科专科医院组织专家团队下乡。\n");
  const auto* e = entity(d, "四川蜀西医院");
  REQUIRE(e);
  CHECK(e->name == "四川省蜀西骨科专科医院");
  // A name that continues into another one is not a shortening of it.
  auto g = run("北京协和医院与北京协和医院贵州医院签约。\n");
  REQUIRE(entity(g, "北京协和医院"));
  CHECK(entity(g, "北京协和医院") != entity(g, "北京协和医院贵州医院"));
}

TEST_CASE("a county short form alone in a foreign province is a word, not a place", "[resolve]") {
  auto d = run("湖南省人民医院坚持便民惠民,服务群众。\n");
  CHECK_FALSE(entity(d, "惠民"));
  auto g = run("滨州、惠民两地签约。\n");
  REQUIRE(entity(g, "惠民"));
  CHECK(entity(g, "惠民")->type == EntityType::County);
}

TEST_CASE("a name written with several regions also answers to its innermost region", "[resolve]") {
  auto d = run("江西省赣州市于都县人民医院获评先进。\n");
  const auto* e = entity(d, "于都县人民医院");
  REQUIRE(e);
  CHECK(e->name == "江西省赣州市于都县人民医院");
}

TEST_CASE("an edge stated first as a plan and then as a fact keeps the asserted copy", "[pipeline]") {
  auto supports = [](const DocumentExtraction& d) {
    std::vector<ExtractedRelation> out;
    for (const auto& r : d.relations)
      if (r.rel == bangfu::graph::RelType::supports) out.push_back(r);
    return out;
  };
  auto plan = supports(run("湖南省人民医院计划帮扶泸溪县人民医院。\n"));
  REQUIRE(plan.size() == 1);
  REQUIRE(plan[0].hedged);
  auto both = supports(run("湖南省人民医院计划帮扶泸溪县人民医院。\n湖南省人民医院帮扶泸溪县人民医院。\n"));
  REQUIRE(both.size() == 1);
  CHECK_FALSE(both[0].hedged);
  CHECK(both[0].evidence.find("计划") == std::string::npos);
}
