// SavedIds: the ids of one kind (nodes or edges) met while loading a saved graph, each checked once.
//
// Every id must lie below the header's next id and be used once. A saved id maps to a number (a node's
// vertex); the map is a plain vector unless the ids are very sparse.
#pragma once
#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace bangfu::graph {

class SavedIds {
 public:
  static constexpr std::uint32_t kNone = UINT32_MAX;
  enum class Claim { kOk, kTooLarge, kDuplicate };

  // `count` is how many ids are expected: with few ids and a huge next id, a dense vector would waste memory.
  SavedIds(std::uint32_t next_id, std::size_t count) : next_id_(next_id) {
    if (next_id <= 8 * count + (1u << 20)) dense_.assign(next_id, kNone);
  }

  Claim claim(std::uint32_t id, std::uint32_t value) {
    if (id >= next_id_) return Claim::kTooLarge;
    if (dense_.empty()) return sparse_.emplace(id, value).second ? Claim::kOk : Claim::kDuplicate;
    if (dense_[id] != kNone) return Claim::kDuplicate;
    dense_[id] = value;
    return Claim::kOk;
  }

  std::uint32_t find(std::uint32_t id) const {
    if (!dense_.empty()) return id < dense_.size() ? dense_[id] : kNone;
    auto it = sparse_.find(id);
    return it == sparse_.end() ? kNone : it->second;
  }

 private:
  std::uint32_t next_id_;
  std::vector<std::uint32_t> dense_;
  std::unordered_map<std::uint32_t, std::uint32_t> sparse_;
};

}  // namespace bangfu::graph
