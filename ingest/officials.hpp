// OfficialsReader: reads the lists of officials that news articles print (某市卫健委主任甲，某医院院长乙，
// 党委书记丙，县委副书记、县长丁) as serves_as / works_for edges. The body of each post is the name written
// before its title; a title with no body of its own takes the body of the list item before it, and a
// government head (县长, 副州长) goes to the government of its level. It needs the article's entities,
// so it runs after alias resolution, beside the trigger patterns, and wins over them for the persons
// it reads.
#pragma once
#include <map>
#include <memory>
#include <set>
#include <unordered_map>
#include <string>
#include <vector>

#include "ingest/document.hpp"
#include "ingest/extraction.hpp"
#include "ingest/mention.hpp"

namespace bangfu::ingest {

// What the whole article tells the list reader: its entities and how often each is mentioned.
struct ArticleEntities {
  const std::vector<ExtractedEntity>* entities = nullptr;
  std::unordered_map<std::string, const ExtractedEntity*> by_name;  // every name and alias → its entity
  std::map<std::string, int> mentions;  // canonical name → number of mentions in the article
  std::string self;                     // the institution the article calls 我院/本院/我校, if any
  graph::EntityType self_type = graph::EntityType::Hospital;
};

class OfficialsReader {
 public:
  // Reads data/titles.tsv (posts and ranks) and data/officials.tsv (government heads, words that end a post).
  explicit OfficialsReader(const std::string& data_dir);
  ~OfficialsReader();
  OfficialsReader(OfficialsReader&&) noexcept;
  OfficialsReader& operator=(OfficialsReader&&) noexcept;

  // What the reader made of one sentence: the posts and ranks it placed, and every person whose titles
  // it read (placed or not), whose posts the trigger patterns must not guess.
  struct Reading {
    std::vector<ExtractedRelation> relations;
    std::set<std::string> persons;
  };
  Reading read(const Sentence& sentence, const std::vector<Mention>& mentions, const ArticleEntities& article) const;
  // Does a list reading replace this pattern edge of a listed person? Posts read through a verb of
  // appointment (担任, 任命为; kind kept_rule in data/officials.tsv) and who sent a person stay.
  bool replaces(const ExtractedRelation& r) const;

  struct Data;  // the lexicons, shared with the reader of one sentence

 private:
  std::unique_ptr<Data> data_;
};

}  // namespace bangfu::ingest
