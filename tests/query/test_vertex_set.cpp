// VertexSet and VertexMap: the traversal tables must answer like ordinary sets and maps throughout.
#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <set>

#include "query/vertex_map.hpp"
#include "query/vertex_set.hpp"

using namespace bangfu::query;

TEST_CASE("VertexSet agrees with std::set across the switch to a bitmap", "[vertexset]") {
  for (std::size_t nodes : {std::size_t{1}, std::size_t{50}, std::size_t{1000}, std::size_t{200000}}) {
    std::mt19937 rng(static_cast<unsigned>(nodes));
    std::uniform_int_distribution<std::size_t> pick(0, nodes - 1);
    VertexSet set(nodes);
    std::set<Vertex> want;
    for (int round = 0; round < 2; ++round) {  // the second round starts from clear()
      for (std::size_t k = 0; k < std::min<std::size_t>(nodes * 2, 20000); ++k) {
        Vertex v = pick(rng);
        INFO("nodes " << nodes << " vertex " << v);
        REQUIRE(set.insert(v) == want.insert(v).second);
        REQUIRE(set.size() == want.size());
      }
      for (std::size_t k = 0; k < 2000; ++k) {
        Vertex v = pick(rng);
        REQUIRE(set.contains(v) == (want.count(v) == 1));
      }
      set.clear();
      want.clear();
      CHECK(set.size() == 0);
      CHECK_FALSE(set.contains(0));
    }
  }
}

TEST_CASE("VertexSet keeps the largest and neighbouring vertex numbers apart", "[vertexset]") {
  VertexSet set(1u << 20);
  for (Vertex v = 0; v < 64; ++v) CHECK(set.insert(v << 14));
  for (Vertex v = 0; v < 64; ++v) CHECK(set.contains(v << 14));
  CHECK_FALSE(set.contains(1));
  CHECK(set.insert((1u << 20) - 1));
  CHECK_FALSE(set.insert((1u << 20) - 1));
  CHECK(set.size() == 65);
}

TEST_CASE("VertexMap agrees with std::map, also on arrays reused from earlier maps", "[vertexset]") {
  std::mt19937 rng(7);
  for (std::size_t n : {std::size_t{3}, std::size_t{5000}, std::size_t{40}, std::size_t{70000}, std::size_t{10}}) {
    // Two maps at once, as a two-sided search holds; the second takes another pooled array.
    VertexMap<std::size_t> a, b;
    std::map<Vertex, std::size_t> want_a, want_b;
    std::uniform_int_distribution<Vertex> pick(0, n * 3);
    for (std::size_t k = 0; k < n; ++k) {
      Vertex v = pick(rng);
      INFO("n " << n << " vertex " << v);
      REQUIRE(a.insert(v, k) == want_a.emplace(v, k).second);
      REQUIRE(b.insert(v + 1, k) == want_b.emplace(v + 1, k).second);
    }
    CHECK(a.size() == want_a.size());
    for (Vertex v = 0; v <= n * 3 + 1; ++v) {
      const std::size_t* got = a.find(v);
      auto it = want_a.find(v);
      REQUIRE((got != nullptr) == (it != want_a.end()));
      if (got) REQUIRE(*got == it->second);
      REQUIRE(b.contains(v) == (want_b.count(v) == 1));
    }
  }
}
