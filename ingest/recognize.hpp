// Recognizer: finds entity names in a sentence by composition — region prefixes, name bodies and typed
// endings from data/entity_suffixes.tsv, persons next to titles, and reference words (我省, 该院).
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "graph/schema.hpp"
#include "ingest/gazetteer.hpp"

namespace bangfu::ingest {

// A name as written in one sentence, before it is tied to a document entity.
struct Candidate {
  std::uint32_t begin = 0, end = 0;  // byte offsets in the sentence
  std::string surface;
  graph::EntityType type = graph::EntityType::Organization;
  std::string rule;                  // which rule found it: "gazetteer", "suffix:医院", "title:院长" …
  std::vector<int> divisions;        // gazetteer divisions it may be (regions)
  std::vector<int> leading;          // for organizations: the division of each region written in front
  std::uint32_t body = 0;            // byte offset in `surface` where the part after leading regions starts
  std::uint32_t last_region = 0;     // byte offset in `surface` where the last leading region starts
  std::string level;                 // 省/市/州/县/区 when the name starts with a bare level word (省卫生健康委)
  std::string role;                  // persons: the title written next to the name
  std::string reference;             // reference words: the target kind ("region" / "nearest"), else empty
  bool inner = false;                // a region written inside a longer name (not a separate mention)
};

struct RecognizerOptions {
  std::string data_dir;                 // holds the files of data/
  std::vector<std::string> user_lexicons;  // "name<TAB>Type[<TAB>aliases]" lines added by the user
  std::string word_dictionary;          // jieba dict.txt (word freq pos); empty: the system copy if present
};

class Recognizer {
 public:
  // Loads every data file; throws LexiconError naming file:line on a bad line.
  explicit Recognizer(const RecognizerOptions& options);
  ~Recognizer();
  Recognizer(Recognizer&&) noexcept;
  Recognizer& operator=(Recognizer&&) noexcept;

  // Candidates sorted by begin; those with inner == false do not overlap each other.
  std::vector<Candidate> recognize(std::string_view sentence) const;

  const Gazetteer& gazetteer() const;
  // Byte length of the post or member title (院长, 党委书记, 专家) that starts at `pos` of `text`, 0 if none;
  // `member` (when given) tells whether it is a rank or membership (titles.tsv kind `member`).
  std::size_t title_at(std::string_view text, std::size_t pos, bool* member = nullptr) const;
  // `name` with its ending abbreviated as data/abbreviations.tsv says (…卫生健康委员会 → …卫健委).
  std::string abbreviate(const std::string& name) const;
  // User lexicon entries: name → aliases (the resolver joins them).
  const std::vector<std::pair<std::string, std::vector<std::string>>>& user_aliases() const;

 private:
  struct Data;
  std::unique_ptr<Data> data_;
};

}  // namespace bangfu::ingest
