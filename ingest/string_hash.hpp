// Hashing for string-keyed tables looked up by string_view: scans probe them at every character, and
// building a std::string per probe (a heap allocation past 15 bytes) cost more than the lookup itself.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace bangfu::ingest {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

template <class V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

}  // namespace bangfu::ingest
