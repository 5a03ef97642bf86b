// VertexSet: the visited set of one traversal, sized by what the traversal touches, not by the graph.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "query/value.hpp"

namespace bangfu::query {

// A query that reaches eight nodes of a graph of a million must not clear a million flags first, yet
// a flood over most of the graph wants a flat bitmap. So the set starts as a small open-addressing hash
// table and turns into a bitmap over all nodes once the table would outgrow it.
class VertexSet {
 public:
  explicit VertexSet(std::size_t node_count);

  // True when v was not in the set yet.
  bool insert(Vertex v);
  bool contains(Vertex v) const;
  std::size_t size() const { return size_; }
  // Empties the set, keeping the memory it already has.
  void clear();

 private:
  static constexpr Vertex kEmpty = ~Vertex{0};
  std::size_t slot_of(Vertex v) const;
  void rehash(std::size_t capacity);
  void to_bitmap();

  std::size_t node_count_;
  std::size_t size_ = 0;
  std::vector<Vertex> table_;        // hash mode: capacity a power of two, at most half full
  std::vector<std::uint64_t> bits_;  // bitmap mode when non-empty
};

}  // namespace bangfu::query
