// VertexSet: a hash table that becomes a bitmap must answer like an ordinary set throughout.
#include <catch2/catch.hpp>

#include <random>
#include <set>

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
