// RelationPattern: one trigger template of data/relations.tsv ({A}对{B}开展帮扶, {B}{ROLE}{A}), compiled.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace bangfu::ingest {

struct PatternElement {
  enum class Kind {
    src,        // {A}: the relation's source mention (a coordinated list gives one edge per conjunct)
    dst,        // {B}: the relation's destination mention
    dst_short,  // {B_SHORT}: the destination written as a province's one-character short form (援黔 → 贵州省)
    literal,    // fixed text, or a group of spellings (x|y|) where "" makes the group optional
    gap,        // …  any text inside the clause
    wide_gap,   // ~  any text inside the sentence, across commas
    role,       // {ROLE}  a post title, optionally with its department, several joined by 、
    amount,     // {AMOUNT}  a sum of money as written
    what        // {WHAT}  the object of co_builds: a mention or a short run of text
  };
  Kind kind = Kind::literal;
  std::vector<std::string> spellings;  // literal only
  std::vector<int> word_ids;           // each spelling's number in the rule book's WordTable (-1: empty)
  bool optional = false;               // {A?}: the subject may be elided (then filled from context)
  bool skippable = false;              // a literal group with an empty spelling (x|y|)
};

struct RelationPattern {
  std::vector<PatternElement> elements;
  std::string text;  // as written in the data file
  std::size_t anchor = 0;  // the trigger: the first fixed text that must be there, {ROLE} or {AMOUNT}
  // Word numbers (PatternElement::word_ids) of each literal group that cannot be skipped: a sentence
  // lacking every word of one group cannot match. Filled by the rule book.
  std::vector<std::vector<int>> required_words;

  bool elided_source() const { return !elements.empty() && elements.front().optional; }
};

// Compiles `text`; throws std::invalid_argument saying what is wrong (unknown slot, unbalanced group …).
RelationPattern compile_pattern(std::string_view text);

}  // namespace bangfu::ingest
