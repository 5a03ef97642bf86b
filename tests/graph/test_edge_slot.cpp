// The compact evidence storage: Symbols (4-byte rule ids and dates) and an edge's slot, which keeps one
// evidence in place and more in a heap block, through growth, removal, copies and moves.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "graph/edge_slot.hpp"
#include "graph/graph.hpp"

using namespace bangfu::graph;

namespace {
Evidence ev(const std::string& doc, std::uint32_t begin) {
  Evidence e{doc, "句子" + std::to_string(begin), begin, begin + 9, "rule." + std::to_string(begin % 3), 0.5f};
  e.date = "2023-07-" + std::to_string(10 + begin % 20);
  e.event_rule = "sentence:month-day";
  return e;
}

std::vector<std::uint32_t> begins(EvidenceView evs) {
  std::vector<std::uint32_t> out;
  for (const auto& e : evs) out.push_back(e.begin);
  return out;
}
}  // namespace

TEST_CASE("symbols: equal strings share an id, the empty string is id 0, order is by content", "[graph][symbol]") {
  Symbol a("json:date"), b(std::string("json:") + "date"), c("html:meta"), none;
  CHECK(a.id() == b.id());
  CHECK(a == b);
  CHECK(a != c);
  CHECK(none.id() == 0);
  CHECK(none.empty());
  CHECK(Symbol("").id() == 0);
  CHECK(none.view().empty());
  CHECK(c < a);  // "html…" before "json…", whatever the ids
  CHECK(a == "json:date");
  CHECK(a.str() == "json:date");
  CHECK(std::string(a.c_str()) == "json:date");
  CHECK("rule " + a == "rule json:date");
  // A symbol made from a Text over someone else's bytes (a snapshot's mapping, which a failed open
  // unmaps again) holds its own copy: the bytes can go.
  {
    std::vector<char> mapped(64, '\0');
    std::string_view bytes = "sentence:year-only/symbol-test";
    auto n = static_cast<std::uint32_t>(bytes.size());
    std::memcpy(mapped.data(), &n, 4);
    std::memcpy(mapped.data() + 4, bytes.data(), bytes.size());
    Symbol s(Text::from_stored(mapped.data()));
    CHECK(s.text().stored() != mapped.data());
    std::fill(mapped.begin(), mapped.end(), 'x');
    CHECK(s == "sentence:year-only/symbol-test");
    CHECK(Symbol("sentence:year-only/symbol-test") == s);
  }
  // Many distinct symbols (growth across the table's chunks) all read back.
  std::vector<Symbol> many;
  for (int i = 0; i < 5000; ++i) many.emplace_back("2023-" + std::to_string(i));
  for (int i = 0; i < 5000; ++i) REQUIRE(many[i] == "2023-" + std::to_string(i));
  CHECK(symbol_count() >= 5000);
}

TEST_CASE("an edge slot holds one evidence in place and more in a block, in order", "[graph][edge_slot]") {
  CHECK(sizeof(Evidence) == 48);
  CHECK(sizeof(EdgeSlot) == 56);
  EdgeSlot s;
  CHECK(s.evidence().empty());
  CHECK(s.props == kNoProps);
  std::vector<std::uint32_t> want;
  for (std::uint32_t i = 0; i < 37; ++i) {
    s.add(ev("d" + std::to_string(i % 4), i));
    want.push_back(i);
    REQUIRE(begins(s.evidence()) == want);
    REQUIRE(s.evidence_count() == i + 1);
  }
  CHECK(s.evidence().at(5).rule == "rule.2");
  CHECK(s.evidence().at(5).date == "2023-07-15");
  CHECK_THROWS_AS(s.evidence().at(37), std::out_of_range);

  // Removing keeps the others' order; a block that shrinks to one moves the evidence back in place.
  CHECK(s.erase_if([](const Evidence& e) { return e.doc == "d1"; }) == 9);
  std::erase_if(want, [](std::uint32_t i) { return i % 4 == 1; });
  CHECK(begins(s.evidence()) == want);
  s.add(ev("d9", 100));  // room after a shrink: the block is reused or replaced, never overrun
  want.push_back(100);
  CHECK(begins(s.evidence()) == want);
  CHECK(s.erase_if([](const Evidence& e) { return e.begin != 8; }) == want.size() - 1);
  CHECK(begins(s.evidence()) == std::vector<std::uint32_t>{8});
  CHECK(s.evidence()[0].doc == "d0");
  s.add(ev("d1", 9));
  CHECK(begins(s.evidence()) == std::vector<std::uint32_t>{8, 9});
  CHECK(s.erase_if([](const Evidence&) { return true; }) == 2);
  CHECK(s.evidence().empty());
  s.add(ev("d2", 3));
  CHECK(s.erase_if([](const Evidence& e) { return e.begin == 4; }) == 0);
  CHECK(s.erase_if([](const Evidence& e) { return e.begin == 3; }) == 1);
  CHECK(s.evidence().empty());
}

TEST_CASE("edge slots copy and move with their evidences", "[graph][edge_slot]") {
  for (std::uint32_t n : {0u, 1u, 2u, 3u, 8u}) {
    EdgeSlot a;
    a.props = 7;
    for (std::uint32_t i = 0; i < n; ++i) a.add(ev("d", i));
    auto want = begins(a.evidence());
    EdgeSlot b(a);
    CHECK(begins(b.evidence()) == want);
    CHECK(b.props == 7);
    if (n > 1) CHECK(b.evidence().data() != a.evidence().data());  // its own block
    EdgeSlot c(std::move(a));
    CHECK(begins(c.evidence()) == want);
    CHECK(a.evidence().empty());
    EdgeSlot d;
    d.add(ev("x", 99));
    d.add(ev("x", 98));
    d = c;
    CHECK(begins(d.evidence()) == want);
    d = std::move(b);
    CHECK(begins(d.evidence()) == want);
    d = EdgeSlot{};
    CHECK(d.evidence().empty());
    std::vector<Evidence> plain(want.size());
    for (std::size_t i = 0; i < want.size(); ++i) plain[i] = ev("p", want[i] + 1);
    d.assign(plain);
    CHECK(d.evidence().size() == n);
    if (n) CHECK(d.evidence().front().begin == 1);
  }
}

TEST_CASE("edge properties and evidences live apart and survive document removal", "[graph][edge_slot]") {
  Graph g;
  for (const char* id : {"a", "b", "c"}) {
    DocumentInfo info;
    info.id = id;
    g.add_document(info);
  }
  auto p = g.upsert_entity("江南省", EntityType::Province, {}, "a");
  auto h = g.upsert_entity("北岭县人民医院", EntityType::Hospital, {}, "a");
  auto e = g.upsert_relation(p, h, RelType::supports, {{"what", PropValue("远程会诊")}}, ev("a", 1));
  g.upsert_relation(p, h, RelType::supports, {{"what", PropValue("别的")}, {"role", PropValue("牵头")}}, ev("b", 2));
  g.upsert_relation(p, h, RelType::supports, {}, ev("c", 3));
  CHECK(g.edge(e).weight == 3);
  CHECK(g.edge_properties(e) == Properties{{"what", PropValue("远程会诊")}, {"role", PropValue("牵头")}});
  CHECK(g.remove_document("b") == 0);
  CHECK(begins(g.evidence(e)) == std::vector<std::uint32_t>{1, 3});
  CHECK(g.edge(e).weight == 2);
  CHECK(g.remove_document("a") == 0);
  CHECK(begins(g.evidence(e)) == std::vector<std::uint32_t>{3});
  CHECK(g.edge_property(e, "what") == PropValue("远程会诊"));
  g.set_edge_property(e, "what", PropValue());
  CHECK(g.edge_property(e, "what").is_null());
  CHECK(g.edge_property(e, "evidence") == PropValue("句子3"));

  // A hand-made edge: properties without evidence, weight 1.
  auto made = g.add_edge(h, p, "knows", {{"since", PropValue(std::int64_t{2020})}});
  CHECK(g.evidence(made).empty());
  CHECK(g.edge(made).weight == 1);
  CHECK(g.edge_property(made, "since") == PropValue(std::int64_t{2020}));

  CHECK(g.remove_document("c") == 1);
  CHECK(g.edge_count() == 1);
  Graph copy = g;  // slots copy with the graph
  CHECK(copy.edge_count() == 1);
}
