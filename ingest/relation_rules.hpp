// RelationRuleBook: the rules and cue words of the data/relations*.tsv files, loaded and checked.
#pragma once
#include <array>
#include <cstdint>
#include <bitset>
#include <string>
#include <string_view>
#include <vector>

#include "graph/schema.hpp"
#include "ingest/relation_literals.hpp"
#include "ingest/relation_pattern.hpp"
#include "ingest/word_trie.hpp"

namespace bangfu::ingest {

class Lexicon;

using TypeSet = std::bitset<std::size(graph::kAllEntityTypes)>;

inline bool contains(const TypeSet& set, graph::EntityType t) { return set.test(static_cast<std::size_t>(t)); }

// "Hospital|University", "region" (Province…Village), "org" (every organization type), "care"
// (Hospital|PrimaryCare), "*" (any); throws std::invalid_argument naming the unknown type.
TypeSet parse_type_set(std::string_view text);

struct RelationRule {
  std::string id;
  graph::RelType rel = graph::RelType::supports;
  RelationPattern pattern;
  TypeSet src_types, dst_types;
  float confidence = 1.0f;
  // A fallback rule reads a destination the sentence only implies (对乙帮扶,派驻专家: sent to 乙); an
  // edge of the same relation from the same source that another rule reads stated wins over it.
  bool fallback = false;
  std::string origin;  // file:line, for messages
};

// A hedge or negation cue, with the longer words that contain it but are no cue (不 in 不断).
struct HedgeCue {
  std::string cue;
  std::vector<std::string> exceptions;
  bool negation = false;
};

struct RelationRuleBook {
  std::vector<RelationRule> rules;
  std::vector<std::string> titles;       // post titles that end a {ROLE}: 院长, 主任, 书记 …
  std::vector<std::string> non_titles;   // words that look like titles but are ranks/degrees: 主任医师
  std::vector<std::string> role_stops;   // words no department holds (由, 被): a {ROLE} stops before them
  std::vector<std::string> money_units;  // 亿元, 万元 … ending an {AMOUNT}
  std::vector<HedgeCue> hedges;
  // One-character short forms of provinces (黔 → 贵州省), longest first: read by {B_SHORT} and in the
  // names of aid teams (某某援黔专家团).
  std::vector<std::pair<std::string, std::vector<std::string>>> short_forms;
  std::vector<std::string> aid_prefixes;  // 援: before a short form, names the province aided
  WordTable words;                        // every rule's fixed words, numbered (PatternElement::word_ids)
  // A rule can match only a sentence that has, for each of its required word groups, one of the group's
  // words (RelationPattern::required_words). By word: the rules and the group bits it satisfies; by rule:
  // all its group bits (0: none required, or too many groups to count, so always tried).
  std::vector<std::vector<std::pair<std::uint32_t, std::uint64_t>>> groups_by_word;
  std::vector<std::uint64_t> required_groups;
  // `titles` stored last character first, and `role_stops`: a {ROLE} asks at every character.
  WordTrie<std::uint8_t> titles_reversed, role_stop_words;  // values unused

  // Adds the lines of one file. A rule whose id is already loaded replaces it (user overrides);
  // the same id twice in one file is an error. Throws std::runtime_error "path:line: what".
  void load_file(const std::string& path);
  void load_text(std::string_view text, const std::string& name);  // `name` stands for the file

 private:
  void add(const Lexicon& lex);
};

}  // namespace bangfu::ingest
