// Mention: an entity named in a sentence, after alias resolution; what relation rules match against.
#pragma once
#include <cstdint>
#include <string>

#include "graph/schema.hpp"

namespace bangfu::ingest {

struct Mention {
  std::uint32_t begin = 0, end = 0;  // byte offsets in Sentence::text
  std::string surface;               // as written (normalized text)
  std::string canonical;             // the entity's canonical name in this document
  graph::EntityType type = graph::EntityType::Organization;
  int entity = -1;                   // index into DocumentExtraction::entities
  bool resolved_reference = false;   // came from 我省/该院/本院 … rather than a name
};

}  // namespace bangfu::ingest
