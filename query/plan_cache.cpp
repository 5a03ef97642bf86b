#include "query/plan_cache.hpp"

#include "query/aliases.hpp"
#include "query/binder.hpp"
#include "query/parser.hpp"

namespace bangfu::query {

std::shared_ptr<const plan::Plan> prepare(std::string_view text, std::size_t max_depth) {
  ast::Statement statement = parse(text, max_depth);
  return std::make_shared<const plan::Plan>(bind(statement, text));
}

std::shared_ptr<const plan::Plan> PlanCache::get(std::string_view text) {
  if (capacity_ == 0 || text.size() > kMaxText) return prepare(text);
  // Read before binding: if the aliases change meanwhile, the plan is stored as stale, never as fresh.
  std::uint64_t aliases = alias_generation();
  {
    std::lock_guard lock(mu_);
    if (auto it = index_.find(text); it != index_.end()) {
      if (it->second->aliases == aliases) {
        ++hits_;
        lru_.splice(lru_.begin(), lru_, it->second);
        return it->second->plan;
      }
      auto stale = it->second;
      index_.erase(it);  // first: its key points into the entry's text
      lru_.erase(stale);
    }
    ++misses_;
  }
  // Bound outside the lock: another thread's hit need not wait for this parse.
  auto plan = prepare(text);
  std::lock_guard lock(mu_);
  if (index_.count(text)) return plan;  // another thread got there first
  lru_.push_front(Entry{std::string(text), plan, aliases});
  index_.emplace(lru_.front().text, lru_.begin());
  if (lru_.size() > capacity_) {
    index_.erase(lru_.back().text);
    lru_.pop_back();
  }
  return plan;
}

PlanCache::Stats PlanCache::stats() const {
  std::lock_guard lock(mu_);
  return {hits_, misses_, lru_.size()};
}

void PlanCache::clear() {
  std::lock_guard lock(mu_);
  index_.clear();
  lru_.clear();
  hits_ = misses_ = 0;
}

PlanCache& plan_cache() {
  static PlanCache cache;
  return cache;
}

}  // namespace bangfu::query
