// VertexMap: one value per vertex a traversal reached (e.g. the edge it came by), in one flat table.
#pragma once
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "query/value.hpp"

namespace bangfu::query {

// A node-based hash map pays a malloc and a free per vertex reached, and fresh memory pays a page fault
// per 4 KB (expensive under virtualisation). So the table is open-addressed in one array, and the array
// outlives the map: it goes back to a per-thread pool and the next search on the thread reuses it. A
// slot counts only when its stamp is the current one, so a reused array needs no clearing.
template <class T>
class VertexMap {
 public:
  VertexMap() {
    auto& pool = free_buffers();
    if (!pool.empty()) {
      buf_ = std::move(pool.back());
      pool.pop_back();
    }
    if (buf_.slots.empty()) buf_.slots.resize(16);
    set_shift();
    if (++buf_.stamp == 0) {  // stamps wrapped: old slots could look current
      for (auto& s : buf_.slots) s.stamp = 0;
      buf_.stamp = 1;
    }
  }
  ~VertexMap() {
    auto& pool = free_buffers();
    if (buf_.slots.size() <= kKeptSlots && pool.size() < 2) pool.push_back(std::move(buf_));
  }
  VertexMap(const VertexMap&) = delete;
  VertexMap& operator=(const VertexMap&) = delete;

  // Adds v -> value unless v is present; true when added.
  bool insert(Vertex v, T value) {
    std::size_t i = slot_of(v);
    Slot& s = buf_.slots[i];
    if (s.stamp == buf_.stamp) return false;
    s = Slot{buf_.stamp, v, std::move(value)};
    if (++size_ * 2 > buf_.slots.size()) grow();
    return true;
  }
  const T* find(Vertex v) const {
    const Slot& s = buf_.slots[slot_of(v)];
    return s.stamp == buf_.stamp ? &s.value : nullptr;
  }
  bool contains(Vertex v) const { return find(v) != nullptr; }
  std::size_t size() const { return size_; }

 private:
  static constexpr std::size_t kKeptSlots = std::size_t{1} << 18;  // at most 12 MB kept; larger arrays are freed
  struct Slot {
    std::uint32_t stamp = 0;
    Vertex key = 0;
    T value{};
  };
  struct Buffer {
    std::vector<Slot> slots;
    std::uint32_t stamp = 0;
  };
  static std::vector<Buffer>& free_buffers() {
    thread_local std::vector<Buffer> pool;
    return pool;
  }

  // The slot holding v, or the empty slot where it would go.
  std::size_t slot_of(Vertex v) const {
    std::size_t mask = buf_.slots.size() - 1;
    // Fibonacci hashing: the top bits of the product spread consecutive vertex numbers.
    std::size_t i = static_cast<std::size_t>((static_cast<std::uint64_t>(v) * 0x9E3779B97F4A7C15ull) >> shift_);
    while (buf_.slots[i].stamp == buf_.stamp && buf_.slots[i].key != v) i = (i + 1) & mask;
    return i;
  }
  void grow() {
    std::vector<Slot> old(buf_.slots.size() * 2);
    old.swap(buf_.slots);
    set_shift();
    for (auto& s : old)
      if (s.stamp == buf_.stamp) buf_.slots[slot_of(s.key)] = std::move(s);
  }

  void set_shift() {
    shift_ = 64;
    for (std::size_t n = buf_.slots.size(); n > 1; n >>= 1) --shift_;
  }

  Buffer buf_;
  std::size_t size_ = 0;
  int shift_ = 64;  // 64 - log2(slots): the product's top bits pick the slot
};

}  // namespace bangfu::query
