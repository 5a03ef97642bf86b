#include "graph/symbol.hpp"

#include <atomic>
#include <bit>
#include <memory>
#include <mutex>
#include <ostream>
#include <stdexcept>
#include <vector>

namespace bangfu::graph {

namespace {

// The table: id -> Text in chunks that never move (chunk k holds 2^(k+10) entries), so reading a
// symbol's text takes no lock; string -> id through an open-addressing table of (hash, id) slots,
// consulted under the mutex when a Symbol is made.
class SymbolTable {
 public:
  static constexpr std::size_t kChunks = 23;  // 1024 * (2^23 - 1) entries: more than 2^32 ids

  SymbolTable() { add(Text{}, 0); }  // id 0: the empty string

  Text text(std::uint32_t id) const {
    std::uint64_t x = std::uint64_t{id} + 1024;
    unsigned k = static_cast<unsigned>(std::bit_width(x)) - 11;
    const Text* chunk = chunks_[k].load(std::memory_order_acquire);
    return chunk[x - (std::uint64_t{1024} << k)];
  }

  // The id of s; a new s is stored as an interned Text (never a caller's Text, which may point into
  // a snapshot mapping that a failed open unmaps again).
  std::uint32_t intern(std::string_view s) {
    std::uint64_t h = std::hash<std::string_view>{}(s);
    std::lock_guard lock(mutex_);
    if ((count_ + 1) * 4 > slots_.size() * 3) grow();
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (!slot.id) {
        if (count_ >= UINT32_MAX) throw std::length_error("more than 2^32 distinct symbols");
        auto id = static_cast<std::uint32_t>(count_);
        add(Text(s), id);
        slot = {h, id};
        return id;
      }
      if (slot.hash == h && text(slot.id).view() == s) return slot.id;
    }
  }

  std::size_t count() {
    std::lock_guard lock(mutex_);
    return count_ - 1;
  }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t id = 0;  // 0: free (the empty string is never looked up here)
  };

  // Called with the mutex held (or from the constructor).
  void add(Text t, std::uint32_t id) {
    std::uint64_t x = std::uint64_t{id} + 1024;
    unsigned k = static_cast<unsigned>(std::bit_width(x)) - 11;
    if (!owned_[k]) {
      owned_[k] = std::make_unique<Text[]>(std::size_t{1024} << k);
      chunks_[k].store(owned_[k].get(), std::memory_order_release);
    }
    owned_[k][x - (std::uint64_t{1024} << k)] = t;
    ++count_;
  }

  void grow() {
    std::vector<Slot> old(slots_.empty() ? 1024 : slots_.size() * 2);
    old.swap(slots_);
    std::size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (!s.id) continue;
      std::size_t i = s.hash & mask;
      while (slots_[i].id) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }

  std::mutex mutex_;
  std::vector<Slot> slots_;
  std::size_t count_ = 0;
  std::unique_ptr<Text[]> owned_[kChunks];
  std::atomic<const Text*> chunks_[kChunks] = {};
};

SymbolTable& table() {
  static SymbolTable t;
  return t;
}

}  // namespace

Symbol::Symbol(std::string_view s) {
  if (!s.empty()) id_ = table().intern(s);
}

Text Symbol::text() const { return id_ ? table().text(id_) : Text{}; }

std::ostream& operator<<(std::ostream& os, const Symbol& s) { return os << s.view(); }

std::size_t symbol_count() { return table().count(); }

}  // namespace bangfu::graph
