#include "ingest/known_names.hpp"

#include <algorithm>
#include <set>
#include <string>

namespace bangfu::ingest {

namespace {

// Names read next to a title are reliable; a two-character name alone is too common a string to trust.
bool titled_person(const Candidate& c) {
  if (c.type != graph::EntityType::Person || c.inner || c.surface.size() < 6 || c.surface.size() > 12) return false;
  return c.rule.rfind("title-name:", 0) == 0 || c.rule.rfind("name-title:", 0) == 0;
}

bool free_span(const std::vector<Candidate>& cs, std::size_t begin, std::size_t end) {
  return std::none_of(cs.begin(), cs.end(), [&](const Candidate& c) { return c.begin < end && begin < c.end; });
}

}  // namespace

void find_persons_again(const std::vector<Sentence>& sentences, std::vector<std::vector<Candidate>>& candidates) {
  std::set<std::string> names;
  for (const auto& cs : candidates)
    for (const auto& c : cs)
      if (titled_person(c)) names.insert(c.surface);
  if (names.empty()) return;
  // Longest first, so a three-character name is not read as the two-character one inside it.
  std::vector<std::string> ordered(names.begin(), names.end());
  std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  for (std::size_t si = 0; si < sentences.size() && si < candidates.size(); ++si) {
    const std::string& text = sentences[si].text;
    auto& cs = candidates[si];
    bool added = false;
    for (const auto& name : ordered)
      for (std::size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + name.size())) {
        if (!free_span(cs, at, at + name.size())) continue;
        Candidate c;
        c.begin = static_cast<std::uint32_t>(at);
        c.end = static_cast<std::uint32_t>(at + name.size());
        c.surface = name;
        c.type = graph::EntityType::Person;
        c.rule = "known-person";
        cs.push_back(std::move(c));
        added = true;
      }
    if (added)
      std::stable_sort(cs.begin(), cs.end(), [](const Candidate& a, const Candidate& b) { return a.begin < b.begin; });
  }
}

}  // namespace bangfu::ingest
