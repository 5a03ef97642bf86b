// PartiesReader: agreements and joint building between several parties. 甲、乙与丙签署协议 makes every
// pair of 甲, 乙 and 丙 partners; 甲、乙共建丁 makes every pair co-builders. The trigger patterns read one
// source and one list of destinations, so they miss the pairs inside a list; this stage reads the
// whole list of parties (data/parties.tsv).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "ingest/document.hpp"
#include "ingest/extraction.hpp"
#include "ingest/mention.hpp"

namespace bangfu::ingest {

class PartiesReader {
 public:
  explicit PartiesReader(const std::string& data_dir);
  ~PartiesReader();
  PartiesReader(PartiesReader&&) noexcept;
  PartiesReader& operator=(PartiesReader&&) noexcept;

  // Every pair of the parties of each agreement or joint building stated in the sentence.
  std::vector<ExtractedRelation> read(const Sentence& sentence, const std::vector<Mention>& mentions) const;

  // 甲市市长A、乙医院院长B代表双方签订共建协议, 甲院长与乙县县长丙签订协议: officials who sign for their
  // bodies make those bodies the parties. `posts`: serves_as edges, the sentence's first, then the
  // article's earlier ones (a person's first post listed is the body they sign for).
  std::vector<ExtractedRelation> read_representatives(const Sentence& sentence, const std::vector<Mention>& mentions,
                                                      const std::vector<ExtractedRelation>& posts) const;

  struct Data;

 private:
  std::unique_ptr<Data> data_;
};

}  // namespace bangfu::ingest
