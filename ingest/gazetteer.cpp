#include "ingest/gazetteer.hpp"

#include <algorithm>
#include <functional>

#include "ingest/lexicon.hpp"

namespace bangfu::ingest {

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
    forward_.add(name, 1);
    backward_.add_reversed(name, 1);
  };
  index(division.name);
  for (const auto& s : division.short_forms) index(s);
  divisions_.push_back(std::move(division));
}

void Gazetteer::add_variants(const std::vector<std::pair<std::string, std::string>>& variants) {
  auto respell = [&](std::string form) {
    for (const auto& [variant, standard] : variants)
      for (std::size_t at = form.find(standard); at != std::string::npos; at = form.find(standard, at + variant.size()))
        form.replace(at, standard.size(), variant);
    return form;
  };
  for (std::size_t id = 0; id < divisions_.size(); ++id) {
    Division& d = divisions_[id];
    std::vector<std::string> forms{d.name};
    forms.insert(forms.end(), d.short_forms.begin(), d.short_forms.end());
    for (const auto& form : forms) {
      std::string spelled = respell(form);
      if (spelled == form) continue;
      if (form == d.name) variant_full_names_.emplace(spelled, static_cast<int>(id));
      auto& ids = by_name_[spelled];
      if (std::find(ids.begin(), ids.end(), static_cast<int>(id)) == ids.end()) ids.push_back(static_cast<int>(id));
      forward_.add(spelled, 1);
      backward_.add_reversed(spelled, 1);
    }
  }
}

const std::vector<int>& Gazetteer::find(std::string_view surface) const {
  static const std::vector<int> kNone;
  auto it = by_name_.find(surface);
  return it == by_name_.end() ? kNone : it->second;
}

std::size_t Gazetteer::longest_at(std::string_view text, std::size_t pos) const {
  return forward_.longest(text, pos);
}

std::size_t Gazetteer::longest_before(std::string_view text, std::size_t end) const {
  return backward_.longest_ending(text, end);
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
