// EdgeSlot: what an edge keeps out of line — its evidences, and where its properties are.
//
// Most extracted edges are stated once, so the slot holds one evidence in place and needs no heap
// block of its own; from the second evidence on they move to one heap block whose capacity is the
// next power of two of their count (so no capacity field). Properties, which most extracted edges
// lack, are an index into the graph's property table. 56 bytes: an edge with one evidence costs its
// slot and nothing more (nine slots fill a std::deque block of 512 bytes).
#pragma once
#include <algorithm>
#include <bit>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <utility>

#include "graph/evidence.hpp"

namespace bangfu::graph {

inline constexpr std::uint32_t kNoProps = UINT32_MAX;

class EdgeSlot {
 public:
  EdgeSlot() noexcept : one_{} {}
  EdgeSlot(const EdgeSlot& o) : props(o.props) { assign(o.evidence()); }
  EdgeSlot(EdgeSlot&& o) noexcept : one_{}, props(o.props) { take(o); }
  EdgeSlot& operator=(const EdgeSlot& o) {
    if (this != &o) {
      EdgeSlot copy(o);
      *this = std::move(copy);
    }
    return *this;
  }
  EdgeSlot& operator=(EdgeSlot&& o) noexcept {
    if (this != &o) {
      release();
      props = o.props;
      take(o);
    }
    return *this;
  }
  ~EdgeSlot() { release(); }

  EvidenceView evidence() const { return {size_ > 1 ? many_ : &one_, size_}; }
  std::uint32_t evidence_count() const { return size_; }

  void add(const Evidence& ev) {
    if (size_ == 0) {
      std::construct_at(&one_, ev);
      size_ = 1;
      return;
    }
    if (size_ == UINT32_MAX) throw std::length_error("more than 2^32 evidences on one edge");
    if (size_ == 1) {
      Evidence* block = allocate(2);
      block[0] = one_;
      many_ = block;
    } else if (std::has_single_bit(size_)) {  // the block is full
      Evidence* block = allocate(std::size_t{size_} * 2);
      std::copy(many_, many_ + size_, block);
      deallocate(many_);
      many_ = block;
    }
    many_[size_++] = ev;
  }

  void assign(EvidenceView evs) {
    release();
    if (evs.size() == 1) {
      std::construct_at(&one_, evs[0]);
    } else if (evs.size() > 1) {
      if (evs.size() > UINT32_MAX) throw std::length_error("more than 2^32 evidences on one edge");
      many_ = allocate(std::bit_ceil(evs.size()));
      std::copy(evs.begin(), evs.end(), many_);
    }
    size_ = static_cast<std::uint32_t>(evs.size());
  }

  // Removes the evidences `drop` says yes to, keeping the others' order; returns how many went.
  template <class Pred>
  std::size_t erase_if(Pred drop) {
    if (size_ <= 1) {
      if (size_ == 1 && drop(one_)) {
        size_ = 0;
        return 1;
      }
      return 0;
    }
    std::uint32_t kept = 0;
    for (std::uint32_t i = 0; i < size_; ++i)
      if (!drop(many_[i])) many_[kept++] = many_[i];
    std::size_t gone = size_ - kept;
    if (kept <= 1) {  // back in place
      Evidence* block = many_;
      if (kept == 1) std::construct_at(&one_, block[0]);
      deallocate(block);
    }
    size_ = kept;  // a block bigger than bit_ceil(kept) is only reallocated early by add()
    return gone;
  }

 private:
  static Evidence* allocate(std::size_t n) { return std::make_unique<Evidence[]>(n).release(); }
  static void deallocate(Evidence* block) { std::unique_ptr<Evidence[]> owner(block); }

  void release() {
    if (size_ > 1) deallocate(many_);
    size_ = 0;
  }
  // Takes o's evidences (this holds none); o is left empty.
  void take(EdgeSlot& o) {
    if (o.size_ > 1) many_ = o.many_;
    else if (o.size_ == 1) std::construct_at(&one_, o.one_);
    size_ = o.size_;
    o.size_ = 0;
  }

  union {
    Evidence one_;    // size_ == 1
    Evidence* many_;  // size_ > 1: a block of bit_ceil(size_) or more
  };
  std::uint32_t size_ = 0;

 public:
  std::uint32_t props = kNoProps;  // index into the graph's edge property table
};
static_assert(sizeof(EdgeSlot) == 56);

}  // namespace bangfu::graph
