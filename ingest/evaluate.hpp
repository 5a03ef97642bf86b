// Scoring extraction against gold files as ../shared/SCHEMA.md defines; reading and writing the format.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "ingest/extraction.hpp"

namespace bangfu::ingest {

struct Score {
  std::size_t true_pos = 0, predicted = 0, gold = 0;
  double precision() const { return predicted ? double(true_pos) / predicted : 0.0; }
  double recall() const { return gold ? double(true_pos) / gold : 0.0; }
  double f1() const { double p = precision(), r = recall(); return p + r > 0 ? 2 * p * r / (p + r) : 0.0; }
};

struct EvalMiss {
  std::string doc, kind;   // kind: "missed entity", "false entity", "missed relation", "false relation", …
  std::string what;        // e.g. "A -supports-> B"
  std::string sentence;
};

struct EvalReport {
  Score entities, entities_typed;
  std::map<std::string, Score> entities_by_type;
  Score relations;
  std::map<std::string, Score> relations_by_rel;
  Score roles, amounts;    // attribute accuracy over matched relations whose gold has them
  std::vector<EvalMiss> misses;
  std::size_t documents = 0;
};

// Reads one gold/extraction JSON file; throws std::runtime_error naming the file and what is wrong.
DocumentExtraction read_extraction_json(const std::string& path);
std::string to_extraction_json(const DocumentExtraction& extraction);  // the SCHEMA.md format, pretty-printed

// Scores `predicted` against the gold files in `gold_dir` (matched by document id + ".json").
EvalReport evaluate(const std::vector<DocumentExtraction>& predicted, const std::string& gold_dir);

}  // namespace bangfu::ingest
