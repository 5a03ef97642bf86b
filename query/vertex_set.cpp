#include "query/vertex_set.hpp"

#include <algorithm>

namespace bangfu::query {

namespace {
constexpr std::size_t kFirstCapacity = 32;
}  // namespace

VertexSet::VertexSet(std::size_t node_count) : node_count_(node_count), table_(kFirstCapacity, kEmpty) {}

std::size_t VertexSet::slot_of(Vertex v) const {
  // Fibonacci hashing spreads consecutive vertex numbers (the common case) over the table.
  std::size_t mask = table_.size() - 1;
  std::size_t i = static_cast<std::size_t>((static_cast<std::uint64_t>(v) * 0x9E3779B97F4A7C15ull) >> 32) & mask;
  while (table_[i] != kEmpty && table_[i] != v) i = (i + 1) & mask;
  return i;
}

bool VertexSet::insert(Vertex v) {
  if (!bits_.empty()) {
    std::uint64_t& word = bits_[v >> 6];
    std::uint64_t bit = std::uint64_t{1} << (v & 63);
    if (word & bit) return false;
    word |= bit;
    ++size_;
    return true;
  }
  std::size_t i = slot_of(v);
  if (table_[i] == v) return false;
  table_[i] = v;
  if (++size_ * 2 > table_.size()) {
    // A bitmap costs node_count / 8 bytes; the table would cost 2 * capacity * sizeof(Vertex).
    if (table_.size() * 2 * sizeof(Vertex) * 8 >= node_count_) to_bitmap();
    else rehash(table_.size() * 2);
  }
  return true;
}

bool VertexSet::contains(Vertex v) const {
  if (!bits_.empty()) return v < node_count_ && (bits_[v >> 6] >> (v & 63)) & 1;
  return table_[slot_of(v)] == v;
}

void VertexSet::clear() {
  size_ = 0;
  if (!bits_.empty()) std::fill(bits_.begin(), bits_.end(), 0);
  else std::fill(table_.begin(), table_.end(), kEmpty);
}

void VertexSet::rehash(std::size_t capacity) {
  std::vector<Vertex> old(capacity, kEmpty);
  old.swap(table_);
  for (Vertex v : old)
    if (v != kEmpty) table_[slot_of(v)] = v;
}

void VertexSet::to_bitmap() {
  bits_.assign((node_count_ + 63) / 64 + 1, 0);  // +1: never empty, even for an empty graph
  for (Vertex v : table_)
    if (v != kEmpty) bits_[v >> 6] |= std::uint64_t{1} << (v & 63);
  table_.clear();
  table_.shrink_to_fit();
}

}  // namespace bangfu::query
