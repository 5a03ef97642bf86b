#include "graph/text.hpp"

#include <memory>
#include <mutex>
#include <ostream>
#include <stdexcept>
#include <vector>

namespace bangfu::graph {

namespace {

// The interning store: bytes in append-only chunks that are never freed or moved (every Text handed
// out stays valid), found again through an open-addressing table of (hash, pointer) slots.
class TextStore {
 public:
  const char* intern(std::string_view s) {
    std::uint64_t h = hash(s);
    std::lock_guard lock(mutex_);
    if ((count_ + 1) * 4 > slots_.size() * 3) grow();
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (!slot.text) {
        slot = {h, store(s)};
        ++count_;
        return slot.text;
      }
      if (slot.hash == h && Text::from_stored(slot.text).view() == s) return slot.text;
    }
  }

  TextStoreStats stats() {
    std::lock_guard lock(mutex_);
    return {count_, bytes_};
  }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    const char* text = nullptr;
  };
  static constexpr std::size_t kChunk = 1 << 20;

  static std::uint64_t hash(std::string_view s) {
    std::uint64_t h = 1469598103934665603ull ^ s.size();  // FNV-1a, then a final mix
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ull;
    return h ^ (h >> 32);
  }

  const char* store(std::string_view s) {
    std::size_t need = sizeof(std::uint32_t) + s.size() + 1;
    if (need > kChunk / 4) {  // large strings get a block of their own; the current chunk stays in use
      chunks_.push_back(std::make_unique<char[]>(need));
      return fill(chunks_.back().get(), s);
    }
    if (left_ < need) {
      chunks_.push_back(std::make_unique<char[]>(kChunk));
      next_ = chunks_.back().get();
      left_ = kChunk;
    }
    char* at = next_;
    next_ += need;
    left_ -= need;
    return fill(at, s);
  }

  const char* fill(char* at, std::string_view s) {
    auto n = static_cast<std::uint32_t>(s.size());
    std::memcpy(at, &n, sizeof n);
    std::memcpy(at + sizeof n, s.data(), s.size());
    at[sizeof n + s.size()] = '\0';
    bytes_ += sizeof n + s.size() + 1;
    return at;
  }

  void grow() {
    std::vector<Slot> old(slots_.empty() ? 1024 : slots_.size() * 2);
    old.swap(slots_);
    std::size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (!s.text) continue;
      std::size_t i = s.hash & mask;
      while (slots_[i].text) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }

  std::mutex mutex_;
  std::vector<Slot> slots_;
  std::size_t count_ = 0, bytes_ = 0;
  std::vector<std::unique_ptr<char[]>> chunks_;
  char* next_ = nullptr;
  std::size_t left_ = 0;
};

TextStore& store() {
  static TextStore s;
  return s;
}

}  // namespace

Text::Text(std::string_view s) {
  if (s.size() > UINT32_MAX) throw std::length_error("text longer than 4 GB");
  if (!s.empty()) p_ = store().intern(s);
}

std::ostream& operator<<(std::ostream& os, const Text& t) { return os << t.view(); }

TextStoreStats text_store_stats() { return store().stats(); }

}  // namespace bangfu::graph
