// Resolver: ties the candidates of one document into entities — aliases (A(B), A——B, short forms),
// references (我省, 该院, 州医院) and canonical names — and gives each sentence its mentions.
#pragma once
#include <string>
#include <vector>

#include "ingest/document.hpp"
#include "ingest/extraction.hpp"
#include "ingest/mention.hpp"
#include "ingest/recognize.hpp"

namespace bangfu::ingest {

struct Resolution {
  std::vector<ExtractedEntity> entities;
  std::vector<std::vector<Mention>> mentions;  // per sentence: sorted by begin, non-overlapping
  std::string province;                        // canonical name of the article's province, if any
};

class Resolver {
 public:
  explicit Resolver(const Recognizer& recognizer) : recognizer_(recognizer) {}

  // `candidates[i]` are the recognizer's candidates for `sentences[i]`; `source` is the page's stated
  // source (来源), normalized, or empty.
  Resolution resolve(const std::vector<Sentence>& sentences, const std::vector<std::vector<Candidate>>& candidates,
                     const std::string& source = {}) const;

 private:
  const Recognizer& recognizer_;
};

}  // namespace bangfu::ingest
