#include "ingest/relation_rules.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "ingest/lexicon.hpp"

namespace bangfu::ingest {
namespace {

using graph::EntityType;

TypeSet bits(std::initializer_list<EntityType> types) {
  TypeSet set;
  for (auto t : types) set.set(static_cast<std::size_t>(t));
  return set;
}

float parse_confidence(const LexiconRow& row, const std::string& text) {
  try {
    std::size_t used = 0;
    float value = std::stof(text, &used);
    if (used == text.size() && value > 0.0f && value <= 1.0f) return value;
  } catch (const std::exception&) {
  }
  row.fail("confidence must be a number in (0, 1], got '" + text + "'");
}

// Longest first, so that matching a title or unit at a position takes the fullest word.
void sort_longest_first(std::vector<std::string>& words) {
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  std::stable_sort(words.begin(), words.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
}

}  // namespace

TypeSet parse_type_set(std::string_view text) {
  TypeSet set;
  for (const auto& name : split_list(text)) {
    if (name == "*") {
      set.set();
    } else if (name == "region") {
      set |= bits({EntityType::Province, EntityType::City, EntityType::County, EntityType::Township,
                   EntityType::Village});
    } else if (name == "org") {
      set |= bits({EntityType::Hospital, EntityType::PrimaryCare, EntityType::University, EntityType::Agency,
                   EntityType::Consortium, EntityType::Organization});
    } else if (name == "care") {
      set |= bits({EntityType::Hospital, EntityType::PrimaryCare});
    } else if (auto t = graph::parse_entity_type(name)) {
      set.set(static_cast<std::size_t>(*t));
    } else {
      throw std::invalid_argument("unknown entity type '" + name +
                                  "' (use a SCHEMA.md type, region, org, care or *)");
    }
  }
  if (set.none()) throw std::invalid_argument("empty type list");
  return set;
}

void RelationRuleBook::load_file(const std::string& path) { add(Lexicon::read_file(path)); }

void RelationRuleBook::load_text(std::string_view text, const std::string& name) { add(Lexicon::parse(text, name)); }

void RelationRuleBook::add(const Lexicon& lex) {
  std::set<std::string> ids_here;
  for (const auto& row : lex) {
    const std::string& kind = row.get(0);
    if (kind == "rule") {
      if (row.size() != 7 && row.size() != 8)
        row.fail("a rule line is: rule, id, relation, pattern, A types, B types, confidence[, fallback]");
      RelationRule rule;
      rule.id = row.get(1);
      rule.origin = row.where();
      if (!ids_here.insert(rule.id).second) row.fail("rule id '" + rule.id + "' is used twice in this file");
      auto rel = graph::parse_rel_type(row.get(2));
      if (!rel) row.fail("unknown relation '" + row.get(2) + "' (see SCHEMA.md)");
      rule.rel = *rel;
      try {
        rule.pattern = compile_pattern(row.get(3));
        rule.src_types = parse_type_set(row.get(4));
        rule.dst_types = parse_type_set(row.get(5));
      } catch (const std::invalid_argument& e) {
        row.fail(e.what());
      }
      rule.confidence = parse_confidence(row, row.get(6));
      if (row.size() == 8) {
        if (row.get(7) != "fallback") row.fail("the eighth field of a rule can only be 'fallback'");
        rule.fallback = true;
      }
      auto same = std::find_if(rules.begin(), rules.end(), [&](const auto& r) { return r.id == rule.id; });
      if (same != rules.end()) *same = std::move(rule);
      else rules.push_back(std::move(rule));
    } else if (kind == "title" || kind == "not_title" || kind == "unit" || kind == "role_stop") {
      if (row.size() != 2) row.fail("a " + kind + " line is: " + kind + ", word");
      auto& list = kind == "title" ? titles : kind == "unit" ? money_units : kind == "role_stop" ? role_stops : non_titles;
      list.push_back(row.get(1));
    } else if (kind == "short") {
      if (row.size() != 3) row.fail("a short line is: short, short form, province names (full first, | between)");
      auto names = split_list(row.get(2));
      if (names.empty()) row.fail("a short form needs the province's name");
      auto same = std::find_if(short_forms.begin(), short_forms.end(), [&](const auto& s) { return s.first == row.get(1); });
      if (same != short_forms.end()) same->second = names;
      else short_forms.emplace_back(row.get(1), names);
    } else if (kind == "aid_prefix") {
      if (row.size() != 2) row.fail("an aid_prefix line is: aid_prefix, word");
      aid_prefixes.push_back(row.get(1));
    } else if (kind == "hedge" || kind == "negation") {
      if (row.size() < 2 || row.size() > 3) row.fail("a " + kind + " line is: " + kind + ", cue[, exceptions]");
      HedgeCue cue{row.get(1), split_list(row.get(2)), kind == "negation"};
      for (const auto& ex : cue.exceptions)
        if (ex.find(cue.cue) == std::string::npos) row.fail("exception '" + ex + "' does not contain the cue");
      hedges.push_back(std::move(cue));
    } else {
      row.fail("unknown line kind '" + kind + "' (rule, title, not_title, unit, role_stop, short, aid_prefix, hedge, negation)");
    }
  }
  for (auto& rule : rules) {
    rule.pattern.required_words.clear();
    for (auto& e : rule.pattern.elements) {
      e.word_ids.clear();
      for (const auto& spelling : e.spellings) e.word_ids.push_back(words.add(spelling));
      if (e.kind == PatternElement::Kind::literal && !e.skippable) rule.pattern.required_words.push_back(e.word_ids);
    }
  }
  groups_by_word.assign(words.size(), {});
  required_groups.assign(rules.size(), 0);
  for (std::size_t r = 0; r < rules.size(); ++r) {
    const auto& groups = rules[r].pattern.required_words;
    if (groups.size() > 64) continue;
    for (std::size_t g = 0; g < groups.size(); ++g) {
      std::uint64_t bit = std::uint64_t{1} << g;
      required_groups[r] |= bit;
      for (int id : groups[g])
        if (id >= 0) groups_by_word[static_cast<std::size_t>(id)].emplace_back(static_cast<std::uint32_t>(r), bit);
    }
  }
  sort_longest_first(titles);
  titles_reversed = {};
  for (const auto& title : titles) titles_reversed.add_reversed(title, 1);
  role_stop_words = {};
  for (const auto& word : role_stops) role_stop_words.add(word, 1);
  sort_longest_first(non_titles);
  sort_longest_first(money_units);
  sort_longest_first(aid_prefixes);
  std::stable_sort(short_forms.begin(), short_forms.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
}

}  // namespace bangfu::ingest
