// GraphBuilder: adds documents' extractions to a Graph so that re-ingesting is idempotent and a changed
// document replaces what it said before.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "graph/graph.hpp"
#include "ingest/document.hpp"
#include "ingest/extraction.hpp"

namespace bangfu::ingest {

// What happened to one document.
enum class BuildOutcome { added, unchanged, replaced };

struct BuildCounts {
  std::size_t added = 0, unchanged = 0, replaced = 0;  // documents
  std::size_t entities = 0;   // entity mentions upserted (one per extracted entity per document)
  std::size_t relations = 0;  // evidences added (hedged relations are kept out)
  std::size_t skipped = 0;    // relations whose ends are not among the document's entities

  std::size_t documents() const { return added + unchanged + replaced; }
};

// Hex digest of a document's text (64-bit FNV-1a): equal text, equal hash.
std::string content_hash(std::string_view text);

// The record GraphBuilder::add(doc, x) stores for `doc`: its metadata, else what extraction read from
// the page, and content_hash(doc.text).
graph::DocumentInfo document_info(const Document& doc, const DocumentExtraction& x);

class GraphBuilder {
 public:
  explicit GraphBuilder(graph::Graph& graph) : graph_(graph) {}

  // True when the graph already holds this document id with the same text: extraction can be skipped.
  bool unchanged(const Document& doc) const;
  // The same, by id and content_hash() of the text (merge replays facts without their text).
  bool unchanged(const std::string& doc_id, const std::string& hash) const;

  // Adds `doc` as `extraction` read it. Same id and text as before: nothing changes. Same id, new text:
  // the old document's evidence goes first.
  BuildOutcome add(const Document& doc, const DocumentExtraction& extraction);
  // The same for a document known by its record: `info.content_hash` stands for the text, and the
  // record's title, date, source, url and path are stored as given. add(doc, x) comes down to this,
  // so a merge replaying extracted facts builds what ingest built.
  BuildOutcome add(graph::DocumentInfo info, const DocumentExtraction& extraction);

  // Records a document skipped because unchanged() said so.
  void count_unchanged() { ++counts_.unchanged; }

  const BuildCounts& counts() const { return counts_; }

 private:
  graph::Graph::Vertex place_entity(const ExtractedEntity& entity, const std::string& doc_id);

  graph::Graph& graph_;
  BuildCounts counts_;
};

}  // namespace bangfu::ingest
