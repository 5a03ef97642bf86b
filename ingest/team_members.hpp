// Team members: a person named with a rank and no body (这批援宁专家是心内科副主任医师林海) in a sentence that,
// or whose predecessor, says who sent the team belongs to the sender (ANNOTATION: a person in a team sent by
// a hospital works_for that hospital).
#pragma once
#include <vector>

#include "ingest/document.hpp"
#include "ingest/extraction.hpp"
#include "ingest/mention.hpp"
#include "ingest/recognize.hpp"

namespace bangfu::ingest {

// works_for edges for the ranked persons who have no employer (nor a post at the sender) in `found` (the
// article's edges so far), to the organization that dispatches in their sentence or the one before it
// (same paragraph), else to the article's only dispatching organization when their sentence speaks of a team.
std::vector<ExtractedRelation> team_members(const std::vector<Sentence>& sentences,
                                            const std::vector<std::vector<Mention>>& mentions,
                                            const std::vector<ExtractedRelation>& found, const Recognizer& recognizer);

}  // namespace bangfu::ingest
