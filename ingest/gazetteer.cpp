#include "ingest/gazetteer.hpp"

#include <algorithm>
#include <functional>

#include "ingest/lexicon.hpp"

namespace bangfu::ingest {

namespace {
constexpr std::size_t kMinNameBytes = 6;  // names have at least two CJK characters
}  // namespace

Gazetteer Gazetteer::from_file(const std::string& path) {
  Gazetteer g;
  for (const auto& row : Lexicon::read_file(path, 3, 5)) {
    auto level = graph::parse_entity_type(row.fields[2]);
    if (!level || (*level != graph::EntityType::Province && *level != graph::EntityType::City &&
                   *level != graph::EntityType::County))
      row.fail("level must be Province, City or County, not '" + row.fields[2] + "'");
    Division d{row.fields[0], row.fields[1], *level, -1, split_list(row.get(4))};
    g.add(std::move(d), row.get(3), row.where());
  }
  return g;
}

void Gazetteer::add(Division division, const std::string& parent_code, const std::string& where) {
  if (by_code_.count(division.code)) throw LexiconError(where + ": duplicate division code " + division.code);
  if (!parent_code.empty()) {
    auto it = by_code_.find(parent_code);
    if (it == by_code_.end()) throw LexiconError(where + ": parent code " + parent_code + " is not defined above");
    division.parent = it->second;
  }
  int id = static_cast<int>(divisions_.size());
  by_code_[division.code] = id;
  auto index = [&](const std::string& name) {
    auto& ids = by_name_[name];
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    max_name_bytes_ = std::max(max_name_bytes_, name.size());
    if (name.size() < kMinNameBytes) return;
    heads_.insert(pack_bytes(name, 0, kMinNameBytes));
    tails_.insert(pack_bytes(name, name.size() - kMinNameBytes, kMinNameBytes));
    auto at = std::lower_bound(lengths_.begin(), lengths_.end(), name.size(), std::greater<>());
    if (at == lengths_.end() || *at != name.size()) lengths_.insert(at, name.size());
  };
  index(division.name);
  for (const auto& s : division.short_forms) index(s);
  divisions_.push_back(std::move(division));
}

const std::vector<int>& Gazetteer::find(std::string_view surface) const {
  static const std::vector<int> kNone;
  auto it = by_name_.find(surface);
  return it == by_name_.end() ? kNone : it->second;
}

std::size_t Gazetteer::longest_at(std::string_view text, std::size_t pos) const {
  if (pos + kMinNameBytes > text.size() || !heads_.count(pack_bytes(text, pos, kMinNameBytes))) return 0;
  for (std::size_t n : lengths_)
    if (pos + n <= text.size() && by_name_.count(text.substr(pos, n))) return n;
  return 0;
}

std::size_t Gazetteer::longest_before(std::string_view text, std::size_t end) const {
  end = std::min(end, text.size());
  if (end < kMinNameBytes || !tails_.count(pack_bytes(text, end - kMinNameBytes, kMinNameBytes))) return 0;
  for (std::size_t n : lengths_)
    if (n <= end && by_name_.count(text.substr(end - n, n))) return n;
  return 0;
}

int Gazetteer::province_of(int id) const {
  while (id >= 0 && at(id).parent >= 0) id = at(id).parent;
  return id;
}

bool Gazetteer::contains(int outer, int inner) const {
  for (int id = inner; id >= 0; id = at(id).parent)
    if (id == outer) return true;
  return false;
}

}  // namespace bangfu::ingest
