#include "ingest/branches.hpp"

#include <algorithm>
#include <string_view>

namespace bangfu::ingest {
namespace {

using graph::EntityType;

bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// Does `child` name a branch of the hospital called `parent`? The rest of the name must be a place or
// campus of its own (北院区, 大别山分院), not an affiliation (附属医院) or a department.
bool branch_name(std::string_view child, std::string_view parent) {
  if (parent.size() < 9 || child.size() < parent.size() + 6 || child.substr(0, parent.size()) != parent) return false;
  std::string_view rest = child.substr(parent.size());
  if (rest.substr(0, 6) == "附属") return false;
  // 甲医院乙医院 is more often a hospital co-built with 甲 and named for it (北京某某医院贵州医院) than
  // its branch: only 分院 and 院区 say branch.
  for (std::string_view ending : {"分院", "院区"})
    if (ends_with(rest, ending)) return true;
  return false;
}

int sentence_naming(const std::vector<std::vector<Mention>>& mentions, const std::string& a, const std::string& b) {
  int first = -1;
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    bool has_a = false, has_b = false;
    for (const auto& m : mentions[i]) {
      has_a = has_a || m.canonical == a;
      has_b = has_b || m.canonical == b;
    }
    if (has_a && has_b) return static_cast<int>(i);
    if (has_a && first < 0) first = static_cast<int>(i);
  }
  return first;
}

}  // namespace

std::vector<ExtractedRelation> find_branches(const std::vector<ExtractedEntity>& entities,
                                             const std::vector<Sentence>& sentences,
                                             const std::vector<std::vector<Mention>>& mentions) {
  std::vector<ExtractedRelation> out;
  for (const auto& child : entities) {
    if (child.type != EntityType::Hospital) continue;
    for (const auto& parent : entities) {
      if (&parent == &child || parent.type != EntityType::Hospital) continue;
      std::vector<std::string> names{parent.name};
      names.insert(names.end(), parent.aliases.begin(), parent.aliases.end());
      if (std::none_of(names.begin(), names.end(), [&](const std::string& n) { return branch_name(child.name, n); }))
        continue;
      int s = sentence_naming(mentions, child.name, parent.name);
      if (s < 0) continue;
      ExtractedRelation r;
      r.src = child.name;
      r.dst = parent.name;
      r.rel = graph::RelType::member_of;
      r.evidence = sentences[s].text;
      r.source_begin = sentences[s].source_begin;
      r.source_end = sentences[s].source_end;
      r.rule = "branch_name";
      r.confidence = 0.8f;
      out.push_back(std::move(r));
      break;
    }
  }
  return out;
}

}  // namespace bangfu::ingest
