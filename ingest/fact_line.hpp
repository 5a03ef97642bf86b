// FactLine: one document's extraction as one line of JSON — what `bangfu extract --jsonl` writes and
// `bangfu merge` reads. It holds everything GraphBuilder needs to build the document into a graph
// without its text: the document record (id, content hash, title, date, source, url, path), the
// entities with their aliases and the relations with evidence sentence, offsets, rule and confidence.
#pragma once
#include <string>
#include <string_view>

#include "graph/evidence.hpp"
#include "ingest/document.hpp"
#include "ingest/extraction.hpp"

namespace bangfu::ingest {

// A fact line's content: the document's record (content_hash set) and its extraction.
struct DocumentFacts {
  graph::DocumentInfo info;
  DocumentExtraction extraction;
};

// Fact lines start with this, so a reader can tell them from other JSON without parsing the line.
inline constexpr std::string_view kFactLinePrefix = "{\"facts\":1,";

// One line of JSON, no newline. Hedged relations are kept (marked), for consumers other than the graph.
std::string to_fact_line(const graph::DocumentInfo& info, const DocumentExtraction& x);

// Parses a line written by to_fact_line. Throws std::runtime_error prefixed with `where` on malformed
// JSON, missing fields, unknown entity or relation types, or offsets out of range.
DocumentFacts parse_fact_line(std::string_view line, const std::string& where);

}  // namespace bangfu::ingest
