// The binary graph snapshot's layout: a file read in place through a read-only mapping.
//
// [header, 64 bytes][section table, 32 bytes a section][sections, each 8-aligned]
// All integers are little-endian and read with memcpy (no alignment is assumed). Records refer to
// each other by index and to strings by reference (offset / 4 into the string area), never by pointer,
// so the file means the same wherever it is mapped. A string in the area is [u32 length][bytes][NUL],
// 4-aligned; reference 0 is the empty string. The same string is stored once: a sentence shared by
// several evidences, a document id, a rule id. The header and the table carry checksums, and every
// section its own (snapshot_checksum), so a damaged file is refused before anything is built from it.
#pragma once
#include <cstddef>
#include <cstdint>

namespace bangfu::graph::snapshot {

inline constexpr char kMagic[8] = {'\x89', 'B', 'F', 'S', 'N', 'A', 'P', '\x1a'};
inline constexpr std::uint32_t kVersion = 1;
inline constexpr std::size_t kHeaderSize = 64;
inline constexpr std::size_t kSectionEntrySize = 32;

// Header fields by offset.
inline constexpr std::size_t kOffVersion = 8;         // u32
inline constexpr std::size_t kOffSectionCount = 12;   // u32
inline constexpr std::size_t kOffFileSize = 16;       // u64
inline constexpr std::size_t kOffTableOffset = 24;    // u64
inline constexpr std::size_t kOffTableChecksum = 32;  // u64
inline constexpr std::size_t kOffHeaderChecksum = 56; // u64, over bytes [0, 56)

enum class Section : std::uint32_t {
  kMeta = 1,      // Meta
  kStrings = 2,   // the string area
  kLabels = 3,    // u32 string ref per label
  kTypes = 4,     // u32 string ref per relation type
  kDocs = 5,      // DocRecord per live document
  kNodes = 6,     // NodeRecord per node, in vertex order
  kEdges = 7,     // EdgeRecord per edge, in the graph's edge order
  kEvidence = 8,  // EvidenceRecord, each edge's evidences consecutive
  kLists = 9,     // u32 lists [count][items...]; index 0 is the empty list
  kProps = 10,    // property blobs (below); offset 0 is the empty set
  kOutIndex = 11, // u32[nodes + 1]: node v's outgoing edges are kOutEdges[out[v] .. out[v+1])
  kOutEdges = 12, // u32 edge index per edge, grouped by source
  kInIndex = 13,  // u32[nodes + 1], likewise by target
  kInEdges = 14,
  // Optional (files written before them lack them, and readers that do not know them skip them):
  kOutEnds = 15,  // u32 per kOutEdges entry: that edge's target, so a walk need not read the edge record
  kInEnds = 16,   // u32 per kInEdges entry: that edge's source
};
inline constexpr std::uint32_t kRequiredSections = 14;  // kinds 1 .. 14 must be present
inline constexpr std::uint32_t kSectionKinds = 16;

struct Meta {
  std::uint32_t next_node_id, next_edge_id;
  std::uint32_t nodes, edges, labels, types, docs, evidences;
};

struct DocRecord {  // string refs
  std::uint32_t id, hash, title, date, source, url, path;
};

struct NodeRecord {
  std::uint32_t id;
  std::uint32_t name;     // string ref
  std::uint32_t labels;   // list of label indices
  std::uint32_t aliases;  // list of string refs
  std::uint32_t docs;     // list of document indices
  std::uint32_t props;    // offset into kProps
};

struct EdgeRecord {
  std::uint32_t id;
  std::uint32_t src, dst;  // node indices (vertex order)
  std::uint32_t type;
  std::uint32_t props;
  std::uint32_t evidence_begin, evidence_count;
};

struct EvidenceRecord {  // texts are string refs
  std::uint32_t doc, sentence, begin, end, rule, date, date_rule, event_date, event_rule;
  float confidence;
};

// A property set in kProps: u32 count, then count × (u32 key ref, value). A value is a tag byte and
// its payload: null, false, true (none), int (i64), float (f64), string (u32 ref), list (u32 count,
// values), temporal (u32 ref of its kind name, u32 ref of its ISO text).
enum class Tag : std::uint8_t { kNull, kFalse, kTrue, kInt, kFloat, kString, kList, kTemporal };
inline constexpr int kMaxListDepth = 64;

// A 64-bit checksum of `size` bytes (four multiply-rotate lanes over 8-byte words, then the tail and a
// final mix): detects damage, not tampering.
std::uint64_t checksum(const void* data, std::size_t size);

}  // namespace bangfu::graph::snapshot
