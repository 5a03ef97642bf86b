// Persons named again: a person the recognizer found by a title (院长李强) is written later without one
// (李强院长与…签订, 李强表示). Those later occurrences become mentions too, so the relation rules and the
// signers' reader see them.
#pragma once
#include <vector>

#include "ingest/document.hpp"
#include "ingest/recognize.hpp"

namespace bangfu::ingest {

// Adds a Person candidate wherever a name found with a title in the article is written again outside
// every other candidate. Keeps each sentence's candidates sorted by begin.
void find_persons_again(const std::vector<Sentence>& sentences, std::vector<std::vector<Candidate>>& candidates);

}  // namespace bangfu::ingest
