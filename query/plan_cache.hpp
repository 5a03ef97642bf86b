// PlanCache: bound plans by query text, so a statement run again skips parsing and binding.
#pragma once
#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "query/engine.hpp"
#include "query/plan.hpp"

namespace bangfu::query {

// Parses and binds `text` (QueryError on bad input). The plan depends on the text alone.
std::shared_ptr<const plan::Plan> prepare(std::string_view text, std::size_t max_depth = kDefaultMaxDepth);

// What databases do for prepared statements, keyed by the exact text. A plan holds no graph state:
// labels and relation types stay names, variables are row slots and parameters are read at run time,
// while everything the graph decides (type and label ids, the name index, node counts) is looked up on
// each run. So a cached plan stays right after CREATE or SET, and on any other graph, and nothing needs
// invalidating. Only the alias table (query/aliases.hpp) goes into a plan, as canonical label and type
// names: a plan bound under an earlier table is bound again. Errors are not cached; a bad statement fails the same way every time. Least recently
// used plans go first; statements longer than kMaxText (one-off data loads) are never kept.
class PlanCache {
 public:
  static constexpr std::size_t kMaxText = 64 * 1024;
  explicit PlanCache(std::size_t capacity = 256) : capacity_(capacity) {}
  PlanCache(const PlanCache&) = delete;
  PlanCache& operator=(const PlanCache&) = delete;

  std::shared_ptr<const plan::Plan> get(std::string_view text);

  struct Stats {
    std::size_t hits = 0, misses = 0, size = 0;
  };
  Stats stats() const;
  void clear();

 private:
  struct Entry {
    std::string text;
    std::shared_ptr<const plan::Plan> plan;
    std::uint64_t aliases = 0;  // alias_generation() when bound
  };
  mutable std::mutex mu_;
  std::size_t capacity_;
  std::list<Entry> lru_;  // most recently used first; keys of index_ point into these strings
  std::unordered_map<std::string_view, std::list<Entry>::iterator> index_;
  std::size_t hits_ = 0, misses_ = 0;
};

// The cache run_query uses (unless QueryOptions::plan_cache is false); safe to share between threads.
PlanCache& plan_cache();

}  // namespace bangfu::query
