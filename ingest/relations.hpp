// RelationExtractor: turns the entity mentions of a sentence into relations, by the trigger patterns
// of data/relations*.tsv (loadable and extendable without recompiling).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "ingest/document.hpp"
#include "ingest/extraction.hpp"
#include "ingest/mention.hpp"

namespace bangfu::ingest {

// What a sentence's neighbourhood tells the rules: the article's province, the subject carried over
// from earlier sentences (for "该院…", elided subjects), and so on.
struct SentenceContext {
  std::string doc_id;
  std::string province;              // canonical name of the article's province, if known
  std::vector<Mention> previous;     // mentions of the previous sentence in the same paragraph
};

// Drops works_for edges another edge makes wrong or redundant: a post at the same body (serves_as), or
// the body a person was sent to by the one they belong to (甲院派驻乙院的专家某某 belongs to 甲).
void drop_redundant_works_for(std::vector<ExtractedRelation>& relations);

class RelationExtractor {
 public:
  // Reads every pattern file in `paths` (later files add to earlier ones); throws naming file:line on a bad line.
  static RelationExtractor from_files(const std::vector<std::string>& paths);
  // Every relations*.tsv of `dir` in name order, then the `extra` user files.
  static RelationExtractor from_data_dir(const std::string& dir, const std::vector<std::string>& extra = {});
  RelationExtractor();
  ~RelationExtractor();
  RelationExtractor(RelationExtractor&&) noexcept;
  RelationExtractor& operator=(RelationExtractor&&) noexcept;

  // Relations stated in `sentence` between `mentions` (sorted by begin, non-overlapping).
  std::vector<ExtractedRelation> extract(const Sentence& sentence, const std::vector<Mention>& mentions,
                                         const SentenceContext& context) const;

  std::size_t rule_count() const;

 private:
  struct Rules;
  std::unique_ptr<Rules> rules_;
};

}  // namespace bangfu::ingest
