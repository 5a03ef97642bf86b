#include "ingest/relation_literals.hpp"

#include <algorithm>

#include "ingest/utf8.hpp"

namespace bangfu::ingest {

int WordTable::add(const std::string& word) {
  if (word.empty()) return -1;
  auto [it, fresh] = ids_.emplace(word, static_cast<int>(words_.size()));
  if (!fresh) return it->second;
  words_.push_back(word);
  std::size_t i = 0;
  char32_t cp = utf8::next(word, i);
  if (cp < 0x10000) {
    if (first_bmp_.size() <= cp) first_bmp_.resize(0x10000);
    first_bmp_[cp] = true;
  }
  by_first_[cp].push_back(it->second);
  return it->second;
}

const std::vector<int>* WordTable::starting_with(char32_t cp) const {
  if (cp < 0x10000 && (cp >= first_bmp_.size() || !first_bmp_[cp])) return nullptr;
  auto it = by_first_.find(cp);
  return it == by_first_.end() ? nullptr : &it->second;
}

WordHits::WordHits(const WordTable& table, std::string_view text)
    : present_(table.size(), false), first_(text.size() + 1, 0) {
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t next = pos;
    const auto* ids = table.starting_with(utf8::next(text, next));
    if (ids) {
      for (int id : *ids) {
        const std::string& w = table.word(id);
        if (text.size() - pos < w.size() || text.compare(pos, w.size(), w) != 0) continue;
        hits_.emplace_back(static_cast<std::uint32_t>(pos), id);
        present_[static_cast<std::size_t>(id)] = true;
      }
    }
    pos = next;
  }
  std::sort(hits_.begin(), hits_.end());
  for (std::size_t i = hits_.size(); i-- > 0;) first_[hits_[i].first] = static_cast<std::uint32_t>(i + 1);
}

}  // namespace bangfu::ingest
