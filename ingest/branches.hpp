// Branches: a hospital named after another hospital of the same article (某某医院北院区, 某某医院某某分院,
// 甲大学第一医院乙医院) is its branch campus: member_of the parent. The names alone say so, so this is a
// document-level stage over the resolved entities, not a sentence pattern.
#pragma once
#include <vector>

#include "ingest/document.hpp"
#include "ingest/extraction.hpp"
#include "ingest/mention.hpp"

namespace bangfu::ingest {

// member_of edges from each branch to its parent, with the first sentence that names the branch
// (one naming both when there is one) as evidence.
std::vector<ExtractedRelation> find_branches(const std::vector<ExtractedEntity>& entities,
                                             const std::vector<Sentence>& sentences,
                                             const std::vector<std::vector<Mention>>& mentions);

}  // namespace bangfu::ingest
