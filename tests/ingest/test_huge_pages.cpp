// HugePageAllocator: large blocks mapped on their own and 2 MB aligned, small ones from the heap.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "ingest/huge_pages.hpp"

using bangfu::ingest::HugePageAllocator;

TEST_CASE("huge pages: a large table is 2 MB aligned and keeps what is written", "[huge_pages]") {
  std::vector<std::uint64_t, HugePageAllocator<std::uint64_t>> table(3'000'000);  // 24 MB
  REQUIRE(reinterpret_cast<std::uintptr_t>(table.data()) % HugePageAllocator<char>::kHuge == 0);
  for (std::size_t i = 0; i < table.size(); i += 4099) table[i] = i * 7;
  for (std::size_t i = 0; i < table.size(); i += 4099) CHECK(table[i] == i * 7);
  table.resize(6'000'000);  // grows into a new mapping, the old one given back
  CHECK(table[4099] == 4099 * 7);
  CHECK(table.back() == 0);
}

TEST_CASE("huge pages: small blocks come from the ordinary heap and work as usual", "[huge_pages]") {
  std::vector<int, HugePageAllocator<int>> small{1, 2, 3};
  small.push_back(4);
  CHECK(small == std::vector<int, HugePageAllocator<int>>{1, 2, 3, 4});
  auto moved = std::move(small);
  CHECK(moved.size() == 4);
}
