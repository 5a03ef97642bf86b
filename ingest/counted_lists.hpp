// Counted lists: 四家医院, 这3所医院 standing for the list of exactly that many institutions named just
// before (甲、乙、丙和丁). A relation the patterns find with the count holds for each member, so this
// document-level stage adds a stand-in mention for the count and later gives its relations to the members.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "ingest/document.hpp"
#include "ingest/extraction.hpp"
#include "ingest/mention.hpp"

namespace bangfu::ingest {

// Is `canonical` a counted list's stand-in (never an entity's name)?
inline bool is_counted_stand_in(std::string_view canonical) { return !canonical.empty() && canonical[0] == '\x1f'; }

struct CountedList {
  std::string placeholder;           // the stand-in's canonical name: never an entity's name
  std::vector<std::string> members;  // canonical names of the listed institutions, in order
};

// Adds to `mentions[i]` a stand-in mention for each count of institutions in sentence i (四家医院,
// 3所医院, 这两家单位) that stands for a list of exactly that many named earlier in the sentence or in
// the two sentences before it; returns those lists.
std::vector<CountedList> find_counted_lists(const std::vector<Sentence>& sentences,
                                            std::vector<std::vector<Mention>>& mentions);

// Replaces each relation with a stand-in end by one relation per member (none between a list and
// its own members).
void expand_counted_lists(std::vector<ExtractedRelation>& relations, const std::vector<CountedList>& lists);

}  // namespace bangfu::ingest
