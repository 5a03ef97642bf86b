// Support analysis on a small hand-made graph: direct and transitive supporters/beneficiaries,
// symmetric relations, shortest chains with their edges, and lookup with suggestions.
#include <catch2/catch.hpp>

#include <algorithm>

#include "graph/support.hpp"

using namespace bangfu::graph;

namespace {

struct SupportGraph {
  Graph g;
  Graph::Vertex east, west, east_hosp, west_hosp, county_hosp, city, doctor;
  SupportGraph() {
    east = g.upsert_entity("东海省", EntityType::Province, {"东海"});
    west = g.upsert_entity("西岭省", EntityType::Province, {});
    east_hosp = g.upsert_entity("东海省人民医院", EntityType::Hospital, {"省医"});
    west_hosp = g.upsert_entity("西岭市人民医院", EntityType::Hospital, {"市医院"});
    county_hosp = g.upsert_entity("青山县人民医院", EntityType::Hospital, {"县医院", "市医院"});
    city = g.upsert_entity("东海市", EntityType::City, {});
    doctor = g.upsert_entity("张明", EntityType::Person, {});
    auto ev = [](const char* sentence) { return Evidence{"doc1.txt", sentence, 0, 10, "test", 1.0f}; };
    g.upsert_relation(east, west, RelType::supports, {}, ev("东海省对口支援西岭省。"));
    g.upsert_relation(east_hosp, west_hosp, RelType::co_builds, {{"what", "区域医疗中心"}}, ev("两院共建区域医疗中心。"));
    g.upsert_relation(east_hosp, west_hosp, RelType::dispatches, {}, ev("东海省人民医院派驻专家到西岭市人民医院。"));
    g.upsert_relation(west_hosp, county_hosp, RelType::supports, {}, ev("西岭市人民医院托管青山县人民医院。"));
    g.upsert_relation(city, county_hosp, RelType::funds, {{"amount", "3000万元"}}, ev("东海市投入资金3000万元。"));
    g.upsert_relation(doctor, west_hosp, RelType::serves_as, {{"role", "副院长"}}, ev("张明任西岭市人民医院副院长。"));
  }
  std::vector<std::string> names(const std::vector<SupportLink>& links) const {
    std::vector<std::string> out;
    for (const auto& l : links) out.push_back(g.node(l.other).name);
    return out;
  }
  std::string rel(const Hop& h) const { return g.type_name(g.edge(h.edge).type); }
};

}  // namespace

TEST_CASE("support relations are the help-carrying ones", "[support]") {
  CHECK(is_support_relation(RelType::supports));
  CHECK(is_support_relation(RelType::co_builds));
  CHECK(is_support_relation(RelType::partners_with));
  CHECK_FALSE(is_support_relation(RelType::serves_as));
  CHECK_FALSE(is_support_relation(RelType::located_in));
}

TEST_CASE("direct supporters and beneficiaries, one per edge", "[support]") {
  SupportGraph s;
  auto r = analyse_support(s.g, s.west_hosp);
  // co_builds (symmetric) and dispatches from the provincial hospital; not the person's post.
  REQUIRE(r.direct_supporters.size() == 2);
  CHECK(s.names(r.direct_supporters) == std::vector<std::string>{"东海省人民医院", "东海省人民医院"});
  CHECK(s.rel(r.direct_supporters[0].hops[0]) == "co_builds");
  CHECK(s.rel(r.direct_supporters[1].hops[0]) == "dispatches");
  CHECK_FALSE(r.direct_supporters[0].hops[0].against_edge);
  // Beneficiaries: the county hospital (supports) and, through the symmetric co_builds, the partner.
  CHECK(s.names(r.direct_beneficiaries) == std::vector<std::string>{"青山县人民医院", "东海省人民医院"});
  CHECK(r.direct_beneficiaries[1].hops[0].against_edge);  // stored east->west, walked west->east
  const Hop& h = r.direct_beneficiaries[0].hops[0];
  CHECK(h.from == s.west_hosp);
  CHECK(h.to == s.county_hosp);
  CHECK(s.g.evidence(h.edge).at(0).sentence == "西岭市人民医院托管青山县人民医院。");
}

TEST_CASE("transitive supporters come with a shortest chain and hop count", "[support]") {
  SupportGraph s;
  auto r = analyse_support(s.g, s.county_hosp);
  CHECK(s.names(r.direct_supporters) == std::vector<std::string>{"西岭市人民医院", "东海市"});  // supports before funds
  REQUIRE(r.indirect_supporters.size() == 1);
  const auto& link = r.indirect_supporters[0];
  CHECK(s.g.node(link.other).name == "东海省人民医院");
  REQUIRE(link.hops.size() == 2);
  CHECK(link.hops[0].from == s.east_hosp);
  CHECK(link.hops[0].to == s.west_hosp);
  CHECK(link.hops[1].to == s.county_hosp);
  CHECK(r.direct_beneficiaries.empty());
  CHECK(r.indirect_beneficiaries.empty());

  SupportOptions one_hop;
  one_hop.max_hops = 1;
  CHECK(analyse_support(s.g, s.county_hosp, one_hop).indirect_supporters.empty());
  SupportOptions no_sym;
  no_sym.symmetric = false;
  auto directed = analyse_support(s.g, s.west_hosp, no_sym);
  CHECK(s.names(directed.direct_supporters) == std::vector<std::string>{"东海省人民医院"});
  CHECK(s.rel(directed.direct_supporters[0].hops[0]) == "dispatches");
}

TEST_CASE("support chains follow the direction of help", "[support]") {
  SupportGraph s;
  auto chain = support_chain(s.g, s.east_hosp, s.county_hosp);
  REQUIRE(chain);
  REQUIRE(chain->size() == 2);
  CHECK((*chain)[0].from == s.east_hosp);
  CHECK((*chain)[1].to == s.county_hosp);
  CHECK_FALSE(support_chain(s.g, s.county_hosp, s.east, {}, false));
  CHECK_FALSE(support_chain(s.g, s.east, s.county_hosp));  // provinces are not linked to hospitals here
  auto back = support_chain(s.g, s.county_hosp, s.east_hosp, {}, true);
  REQUIRE(back);
  CHECK(back->size() == 2);
  CHECK(support_chain(s.g, s.city, s.city)->empty());
  CHECK_FALSE(support_chain(s.g, s.doctor, s.west_hosp));  // serves_as is not support
}

TEST_CASE("lookup by name or alias, with suggestions for unknown names", "[support]") {
  SupportGraph s;
  CHECK(lookup_entity(s.g, "东海").matches == std::vector<Graph::Vertex>{s.east});
  auto both = lookup_entity(s.g, "市医院").matches;  // an alias of two hospitals
  CHECK(both.size() == 2);
  auto partial = lookup_entity(s.g, "西岭市人民医");
  CHECK(partial.matches.empty());
  REQUIRE_FALSE(partial.suggestions.empty());
  CHECK(partial.suggestions[0] == "西岭市人民医院");
  auto typo = lookup_entity(s.g, "青山县人民医完");
  REQUIRE_FALSE(typo.suggestions.empty());
  CHECK(typo.suggestions[0] == "青山县人民医院");
  CHECK(lookup_entity(s.g, "完全无关的名字").suggestions.empty());
}

TEST_CASE("edit distance counts characters", "[support]") {
  CHECK(edit_distance("医院", "医完") == 1);
  CHECK(edit_distance("abc", "") == 3);
  CHECK(edit_distance("东海省", "东海省") == 0);
  CHECK(edit_distance("kitten", "sitting") == 3);
}
