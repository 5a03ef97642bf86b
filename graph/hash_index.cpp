#include "graph/hash_index.hpp"

#include <algorithm>
#include <functional>
#include <stdexcept>

namespace bangfu::graph {

namespace {
std::uint32_t mix(std::uint32_t h) {  // murmur3's finalizer: every input bit moves every output bit
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  return h;
}

std::size_t capacity_for(std::size_t entries) { return std::max<std::size_t>(16, entries * 4 / 3 + 2); }
}  // namespace

std::uint32_t HashIndex::hash(std::string_view key) {
  std::uint64_t h = std::hash<std::string_view>{}(key);
  return mix(static_cast<std::uint32_t>(h ^ (h >> 32)));
}

std::uint32_t HashIndex::hash(std::uint32_t key) { return mix(key); }

void HashIndex::place(Slot s) {
  std::size_t i = home(s.hash);
  while (slots_[i].value != kEmpty) i = next(i);
  slots_[i] = s;
}

void HashIndex::rehash(std::size_t capacity) {
  std::vector<Slot> old(capacity);
  old.swap(slots_);
  if (old.empty()) return;
  // Walk the old table from an empty slot so every probe run is read front to back: entries with the
  // same hash then keep their order in the new table.
  std::size_t start = 0;
  while (old[start].value != kEmpty) ++start;
  for (std::size_t n = 1; n <= old.size(); ++n) {
    const Slot& s = old[(start + n) % old.size()];
    if (s.value != kEmpty) place(s);
  }
}

void HashIndex::reserve(std::size_t entries) {
  std::size_t cap = capacity_for(entries);
  if (cap > slots_.size()) rehash(cap);
}

void HashIndex::insert(std::uint32_t hash, std::uint32_t value) {
  if (value == kEmpty) throw std::length_error("HashIndex: vertex number out of range");
  if (slots_.empty()) rehash(16);
  else if ((size_ + 1) * 4 > slots_.size() * 3) rehash(slots_.size() * 2);
  place({hash, value});
  ++size_;
}

bool HashIndex::contains(std::uint32_t hash, std::uint32_t value) const {
  bool found = false;
  for_each(hash, [&](std::uint32_t v) { return !(found = v == value); });
  return found;
}

bool HashIndex::erase(std::uint32_t hash, std::uint32_t value) {
  if (slots_.empty()) return false;
  std::size_t hole = home(hash);
  for (;; hole = next(hole)) {
    if (slots_[hole].value == kEmpty) return false;
    if (slots_[hole].hash == hash && slots_[hole].value == value) break;
  }
  // Backward-shift deletion: later entries of the run move into the hole when their home slot allows,
  // so lookups never need tombstones.
  for (std::size_t k = next(hole); slots_[k].value != kEmpty; k = next(k)) {
    if (distance(home(slots_[k].hash), k) >= distance(hole, k)) {
      slots_[hole] = slots_[k];
      hole = k;
    }
  }
  slots_[hole] = Slot{};
  --size_;
  return true;
}

void HashIndex::clear() {
  slots_.clear();
  size_ = 0;
}

}  // namespace bangfu::graph
