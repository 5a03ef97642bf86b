// HashIndex: an open-addressing table from 32-bit key hashes to vertex numbers, 8 bytes a slot.
//
// The graph's name and id indexes used to be node-based hash maps costing ~150 bytes per node; this
// keeps only (hash, vertex) pairs and lets the caller confirm a match against the vertex itself.
// Entries with the same hash come back in insertion order, across growth and erasure.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace bangfu::graph {

class HashIndex {
 public:
  static constexpr std::uint32_t kEmpty = UINT32_MAX;  // never a vertex: graphs stay below 2^32 - 1 nodes

  static std::uint32_t hash(std::string_view key);
  static std::uint32_t hash(std::uint32_t key);

  void insert(std::uint32_t hash, std::uint32_t value);
  // Removes one (hash, value) entry; false when there is none.
  bool erase(std::uint32_t hash, std::uint32_t value);
  bool contains(std::uint32_t hash, std::uint32_t value) const;
  // Calls f(value) for each entry with this hash, oldest first, until f returns false.
  template <class F>
  void for_each(std::uint32_t hash, F f) const {
    if (slots_.empty()) return;
    for (std::size_t i = home(hash); slots_[i].value != kEmpty; i = next(i))
      if (slots_[i].hash == hash && !f(slots_[i].value)) return;
  }

  void reserve(std::size_t entries);
  void clear();
  std::size_t size() const { return size_; }
  std::size_t memory_bytes() const { return slots_.capacity() * sizeof(Slot); }

 private:
  struct Slot {
    std::uint32_t hash = 0;
    std::uint32_t value = kEmpty;
  };
  // Any table size works: the home slot scales the hash to the size instead of masking it.
  std::size_t home(std::uint32_t hash) const { return static_cast<std::size_t>((std::uint64_t{hash} * slots_.size()) >> 32); }
  std::size_t next(std::size_t i) const { return i + 1 == slots_.size() ? 0 : i + 1; }
  std::size_t distance(std::size_t from, std::size_t to) const { return to >= from ? to - from : to + slots_.size() - from; }
  void rehash(std::size_t capacity);
  void place(Slot s);

  std::vector<Slot> slots_;  // at most 3/4 full
  std::size_t size_ = 0;
};

}  // namespace bangfu::graph
