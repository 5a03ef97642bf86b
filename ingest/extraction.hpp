// What extraction produces for one document: entities with aliases and relations with evidence.
// It is the gold format of ../shared/SCHEMA.md, plus offsets, rule ids and confidences.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "graph/schema.hpp"

namespace bangfu::ingest {

struct ExtractedEntity {
  std::string name;                  // fullest name the document uses
  graph::EntityType type = graph::EntityType::Organization;
  std::vector<std::string> aliases;  // every other surface form for the same thing in this document
};

struct ExtractedRelation {
  std::string src, dst;              // canonical names of entities in the same extraction
  graph::RelType rel = graph::RelType::supports;
  std::string role, amount, what;    // serves_as role, funds amount, co_builds object
  std::string evidence;              // the sentence as it stands in the source document
  std::uint32_t source_begin = 0, source_end = 0;  // byte offsets of the sentence in Document::text
  std::string rule;                  // id of the rule that fired
  float confidence = 1.0f;
  bool hedged = false;               // planned/negated statements: kept out of the graph
  std::string event_date, event_rule;  // the date the sentence gives its fact (ingest/dates.hpp)
};

struct DocumentExtraction {
  std::string doc;                   // document id
  std::string title, date, source, url;
  std::string day, date_rule;        // the document's date as YYYY-MM-DD (or partial) and where it came from
  std::vector<ExtractedEntity> entities;
  std::vector<ExtractedRelation> relations;
};

}  // namespace bangfu::ingest
