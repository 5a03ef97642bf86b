// Hashing for string-keyed tables looked up by string_view: scans probe them at every character, and
// building a std::string per probe (a heap allocation past 15 bytes) cost more than the lookup itself.
#pragma once
#include <cstdint>
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

// Up to eight bytes of `s` from `pos` as one integer, so short fixed-width keys (the first two
// characters of a name) are compared and hashed as numbers.
inline std::uint64_t pack_bytes(std::string_view s, std::size_t pos, std::size_t n) {
  std::uint64_t key = 0;
  for (std::size_t k = 0; k < n && pos + k < s.size(); ++k) key = (key << 8) | static_cast<unsigned char>(s[pos + k]);
  return key;
}

}  // namespace bangfu::ingest
