// Reads a snapshot (graph/snapshot_format.hpp): in place (SnapshotView) or into a Graph's adjacency
// list. Every count, offset, reference and index is checked against the bounds it must lie in before it
// is used, checksums or not, so a damaged or hostile file is a GraphError naming what is wrong, never a
// read outside the file.
#include <sys/mman.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstring>
#include <fstream>
#include <memory>
#include <mutex>
#include <type_traits>
#include <vector>

#include "graph/mapped_file.hpp"
#include "graph/saved_ids.hpp"
#include "graph/snapshot.hpp"
#include "graph/snapshot_format.hpp"
#include "graph/snapshot_view.hpp"

namespace bangfu::graph {

namespace {

using namespace snapshot;

template <class T>
T load(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

template <class At>
std::string where(const At& at) {
  if constexpr (std::is_invocable_v<At>) return at();
  else return at;
}

// Names node v in a message, lazily.
auto node_at(std::uint32_t v) {
  return [v] { return "node #" + std::to_string(v); };
}

}  // namespace

SnapshotView::SnapshotView(std::string_view bytes, std::string where, bool reference, SnapshotOptions options,
                           std::shared_ptr<const void> owner)
    : owner_(std::move(owner)), base_(bytes.data()), size_(bytes.size()), where_(std::move(where)), reference_(reference),
      options_(options) {}

void SnapshotView::fail(const std::string& what) const { throw GraphError(where_ + ": " + what); }

void SnapshotView::read_header() {
  if (size_ < sizeof kMagic || std::memcmp(base_, kMagic, sizeof kMagic) != 0) fail("not a bangfu snapshot");
  if (size_ < kHeaderSize) fail("truncated snapshot: " + std::to_string(size_) + " bytes, the header alone takes 64");
  auto version = load<std::uint32_t>(base_ + kOffVersion);
  if (version != kVersion)
    fail("snapshot format version " + std::to_string(version) + ", this build reads version " + std::to_string(kVersion) +
         (version > kVersion ? " (written by a newer bangfu)" : "") + "; rewrite it with `bangfu snapshot` or export JSON");
  if (checksum(base_, kOffHeaderChecksum) != load<std::uint64_t>(base_ + kOffHeaderChecksum))
    fail("damaged snapshot: header checksum mismatch");
  auto file_size = load<std::uint64_t>(base_ + kOffFileSize);
  if (file_size != size_)
    fail("truncated or damaged snapshot: the header says " + std::to_string(file_size) + " bytes, the file has " +
         std::to_string(size_));
  auto count = load<std::uint32_t>(base_ + kOffSectionCount);
  auto table = load<std::uint64_t>(base_ + kOffTableOffset);
  if (count > 1024 || table > size_ || count * kSectionEntrySize > size_ - table) fail("damaged snapshot: section table out of bounds");
  if (checksum(base_ + table, count * kSectionEntrySize) != load<std::uint64_t>(base_ + kOffTableChecksum))
    fail("damaged snapshot: section table checksum mismatch");
  for (std::uint32_t i = 0; i < count; ++i) {
    const char* e = base_ + table + i * kSectionEntrySize;
    auto kind = load<std::uint32_t>(e);
    auto offset = load<std::uint64_t>(e + 8), size = load<std::uint64_t>(e + 16);
    if (offset > size_ || size > size_ - offset) fail("damaged snapshot: section " + std::to_string(kind) + " out of bounds");
    if (kind == 0 || kind > kSectionKinds) continue;  // a kind this version does not know: skipped
    if (sections_[kind].p) fail("damaged snapshot: section " + std::to_string(kind) + " appears twice");
    if (options_.verify_checksums && checksum(base_ + offset, size) != load<std::uint64_t>(e + 24))
      fail("damaged snapshot: checksum mismatch in section " + std::to_string(kind));
    sections_[kind] = {base_ + offset, static_cast<std::size_t>(size)};
  }
  for (std::uint32_t k = 1; k <= kRequiredSections; ++k)
    if (!sections_[k].p) fail("damaged snapshot: section " + std::to_string(k) + " is missing");
  strings_ = sections_[static_cast<std::uint32_t>(Section::kStrings)];
  lists_ = sections_[static_cast<std::uint32_t>(Section::kLists)];
  props_ = sections_[static_cast<std::uint32_t>(Section::kProps)];
}

void SnapshotView::read_meta() {
  Span m = sections_[static_cast<std::uint32_t>(Section::kMeta)];
  if (m.size < sizeof(Meta)) fail("damaged snapshot: metadata section too short");
  meta_ = load<Meta>(m.p);
  if (meta_.labels > 65536 || meta_.types > 65536) fail("damaged snapshot: more than 65536 labels or relation types");
}

// A section holding exactly `count` records of `size` bytes.
SnapshotView::Span SnapshotView::records(Section kind, std::size_t count, std::size_t size, const char* what) const {
  Span s = sections_[static_cast<std::uint32_t>(kind)];
  if (s.size != count * size)
    fail("damaged snapshot: " + std::string(what) + " section has " + std::to_string(s.size) + " bytes, expected " +
         std::to_string(count * size));
  return s;
}

// The stored form [u32 length][bytes][NUL] of string reference `r`, checked.
const char* SnapshotView::stored(std::uint32_t r) const {
  std::size_t off = std::size_t{r} * 4;
  if (strings_.size < 5 || off > strings_.size - 5) fail("damaged snapshot: string reference " + std::to_string(r) + " out of range");
  auto len = load<std::uint32_t>(strings_.p + off);
  if (len > strings_.size - off - 5 || strings_.p[off + 4 + len] != '\0')
    fail("damaged snapshot: string at reference " + std::to_string(r) + " runs past its area");
  return strings_.p + off;
}
std::string_view SnapshotView::view(std::uint32_t r) const {
  if (!r) return {};
  const char* s = stored(r);
  return {s + 4, load<std::uint32_t>(s)};
}
Text SnapshotView::text(std::uint32_t r) const {
  if (!r) return {};
  return reference_ ? Text::from_stored(stored(r)) : Text(view(r));
}
// Rule ids and dates: a few distinct references repeated by every evidence, so a small
// direct-mapped cache spares the symbol table's lock and hash for nearly all of them.
Symbol SnapshotView::symbol(std::uint32_t r) const {
  if (!r) return {};
  auto& slot = symbols_[r % symbols_.size()];
  if (slot.first != r) slot = {r, Symbol(view(r))};
  return slot.second;
}

// `at` names the record for a message: a string, or a function giving one (built only on failure).
template <class At, class F>
void SnapshotView::for_list(std::uint32_t index, const At& at, F f) const {
  if (!index) return;
  std::size_t off = std::size_t{index} * 4;
  if (off > lists_.size || lists_.size - off < 4) fail(where(at) + ": list out of range");
  auto n = load<std::uint32_t>(lists_.p + off);
  if (n > (lists_.size - off - 4) / 4) fail(where(at) + ": list runs past its section");
  for (std::uint32_t k = 0; k < n; ++k) f(load<std::uint32_t>(lists_.p + off + 4 + 4 * std::size_t{k}));
}

Properties SnapshotView::props(std::uint32_t offset, const std::string& at) const {
  Properties out;
  if (!offset) return out;
  std::size_t pos = offset;
  auto need = [&](std::size_t n) {
    if (pos > props_.size || props_.size - pos < n) fail(at + ": properties run past their section");
  };
  need(4);
  auto count = load<std::uint32_t>(props_.p + pos);
  pos += 4;
  if (count > (props_.size - pos) / 5) fail(at + ": properties run past their section");
  for (std::uint32_t i = 0; i < count; ++i) {
    need(4);
    std::string key = str(load<std::uint32_t>(props_.p + pos));
    pos += 4;
    out.emplace_back(std::move(key), value(pos, at, 0));
  }
  return out;
}

PropValue SnapshotView::value(std::size_t& pos, const std::string& at, int depth) const {
  auto need = [&](std::size_t n) {
    if (pos > props_.size || props_.size - pos < n) fail(at + ": properties run past their section");
  };
  need(1);
  auto tag = static_cast<Tag>(props_.p[pos++]);
  switch (tag) {
    case Tag::kNull: return {};
    case Tag::kFalse: return PropValue(false);
    case Tag::kTrue: return PropValue(true);
    case Tag::kInt: {
      need(8);
      auto v = load<std::int64_t>(props_.p + pos);
      pos += 8;
      return PropValue(v);
    }
    case Tag::kFloat: {
      need(8);
      auto v = load<double>(props_.p + pos);
      pos += 8;
      return PropValue(v);
    }
    case Tag::kString: {
      need(4);
      auto r = load<std::uint32_t>(props_.p + pos);
      pos += 4;
      return PropValue(str(r));
    }
    case Tag::kList: {
      if (depth >= kMaxListDepth) fail(at + ": lists nested too deeply");
      need(4);
      auto n = load<std::uint32_t>(props_.p + pos);
      pos += 4;
      if (n > props_.size - pos) fail(at + ": properties run past their section");  // each item takes a byte at least
      PropList items;
      items.reserve(n);
      for (std::uint32_t k = 0; k < n; ++k) items.push_back(value(pos, at, depth + 1));
      return PropValue(std::move(items));
    }
    case Tag::kTemporal: {
      need(8);
      auto kind = temporal::kind_from_name(view(load<std::uint32_t>(props_.p + pos)));
      std::string_view text = view(load<std::uint32_t>(props_.p + pos + 4));
      pos += 8;
      if (!kind) fail(at + ": unknown temporal kind");
      try {
        return PropValue(temporal::parse(*kind, text));
      } catch (const std::exception& e) {
        fail(at + ": bad temporal value '" + std::string(text) + "': " + e.what());
      }
    }
  }
  fail(at + ": unknown property value tag " + std::to_string(static_cast<int>(tag)));
}


// An edge record's ends and type in range and its id below next_edge_id and not seen before.
void SnapshotView::check_edge(const EdgeRecord& r, std::uint32_t i, SavedIds& ids) const {
  auto at = [&] { return "edge #" + std::to_string(i); };
  if (r.src >= meta_.nodes || r.dst >= meta_.nodes) fail(at() + ": dangling edge (node index out of range)");
  if (r.type >= type_map_.size()) fail(at() + ": relation type " + std::to_string(r.type) + " is not in the file's table");
  switch (ids.claim(r.id, i)) {
    case SavedIds::Claim::kOk: break;
    case SavedIds::Claim::kTooLarge: fail(at() + ": id " + std::to_string(r.id) + " is not below next_edge_id");
    case SavedIds::Claim::kDuplicate: fail(at() + ": duplicate id " + std::to_string(r.id));
  }
}

void SnapshotView::open(Graph& g, bool check_records) {
  read_header();
  read_meta();
  // Counts are checked against their sections' sizes before anything is sized by them.
  docs_ = records(Section::kDocs, meta_.docs, sizeof(DocRecord), "documents");
  nodes_ = records(Section::kNodes, meta_.nodes, sizeof(NodeRecord), "nodes");
  edges_ = records(Section::kEdges, meta_.edges, sizeof(EdgeRecord), "edges");
  evidence_ = records(Section::kEvidence, meta_.evidences, sizeof(EvidenceRecord), "evidences");
  out_ = records(Section::kOutIndex, std::size_t{meta_.nodes} + 1, 4, "outgoing index");
  in_ = records(Section::kInIndex, std::size_t{meta_.nodes} + 1, 4, "incoming index");
  Span out_edges = records(Section::kOutEdges, meta_.edges, 4, "outgoing edges");
  Span in_edges = records(Section::kInEdges, meta_.edges, 4, "incoming edges");
  static_assert(sizeof(EdgeRecord) == 28 && offsetof(EdgeRecord, src) == 4 && offsetof(EdgeRecord, dst) == 8 &&
                offsetof(EdgeRecord, type) == 12 && offsetof(EdgeRecord, evidence_count) == 24);  // read so by graph.hpp
  layout_ = {edges_.p, out_.p, out_edges.p, in_.p, in_edges.p, meta_.nodes, meta_.edges};
  const Span out_ends = sections_[static_cast<std::uint32_t>(Section::kOutEnds)];
  const Span in_ends = sections_[static_cast<std::uint32_t>(Section::kInEnds)];
  if (out_ends.p && in_ends.p) {  // both or neither are used
    records(Section::kOutEnds, meta_.edges, 4, "outgoing ends");
    records(Section::kInEnds, meta_.edges, 4, "incoming ends");
  }
  auto table = [&](Section kind, std::uint32_t count, std::vector<std::uint16_t>& map, auto intern, const char* what) {
    Span s = records(kind, count, 4, what);
    for (std::uint32_t i = 0; i < count; ++i) {
      std::string_view name = view(load<std::uint32_t>(s.p + 4 * i));
      if (name.empty()) fail(std::string("damaged snapshot: empty ") + what + " name");
      map.push_back(intern(name));
    }
  };
  table(Section::kLabels, meta_.labels, label_map_, [&](std::string_view s) { return g.intern_label(s); }, "label");
  table(Section::kTypes, meta_.types, type_map_, [&](std::string_view s) { return g.intern_type(s); }, "relation type");
  layout_.type_map = type_map_.data();
  layout_.types = static_cast<std::uint32_t>(type_map_.size());
  doc_map_.assign(meta_.docs, 0);
  for (std::uint32_t i = 0; i < meta_.docs; ++i) {
    auto r = load<DocRecord>(docs_.p + i * sizeof(DocRecord));
    DocumentInfo d{str(r.id), str(r.hash), str(r.title), str(r.date), str(r.source), str(r.url), str(r.path)};
    if (d.id.empty()) fail("document #" + std::to_string(i) + " has no id");
    doc_map_[i] = g.add_document(std::move(d));
  }
  g.reserve_ids(meta_.next_node_id, meta_.next_edge_id);
  // Both adjacency indexes: non-decreasing from 0 to the edge count.
  std::uint32_t prev_out = 0, prev_in = 0;
  for (std::uint32_t v = 0; v <= meta_.nodes; ++v) {
    auto o = load<std::uint32_t>(out_.p + 4 * std::size_t{v}), n = load<std::uint32_t>(in_.p + 4 * std::size_t{v});
    if (o < prev_out || n < prev_in || (v == 0 && (o || n)) || o > meta_.edges || n > meta_.edges)
      fail("adjacency index damaged at node #" + std::to_string(v));
    prev_out = o;
    prev_in = n;
  }
  if (prev_out != meta_.edges || prev_in != meta_.edges) fail("adjacency index does not cover every edge");
  if (meta_.edges && !meta_.nodes) fail("damaged snapshot: edges without nodes");
  if (!check_records) return;

  // Read in place: every record is checked now, as build() would, except the strings and property
  // blobs (checked when read). Nodes: ids below next_node_id and unique; labels, aliases and documents
  // lists inside their section and naming entries that exist.
  node_ids_ = std::make_unique<SavedIds>(meta_.next_node_id, meta_.nodes);
  for (std::uint32_t i = 0; i < meta_.nodes; ++i) {
    auto r = load<NodeRecord>(nodes_.p + std::size_t{i} * sizeof(NodeRecord));
    if (r.id != i) ids_are_vertices_ = false;
    switch (node_ids_->claim(r.id, i)) {
      case SavedIds::Claim::kOk: break;
      case SavedIds::Claim::kTooLarge: fail("node #" + std::to_string(i) + ": id " + std::to_string(r.id) + " is not below next_node_id");
      case SavedIds::Claim::kDuplicate: fail("node #" + std::to_string(i) + ": duplicate node id " + std::to_string(r.id));
    }
    if (r.labels || r.aliases || r.docs) {
      std::string at = "node #" + std::to_string(i);
      for_list(r.labels, at, [&](std::uint32_t l) {
        if (l >= label_map_.size()) fail(at + ": label " + std::to_string(l) + " is not in the file's table");
      });
      for_list(r.aliases, at, [](std::uint32_t) {});
      for_list(r.docs, at, [&](std::uint32_t d) {
        if (d >= doc_map_.size()) fail(at + ": document " + std::to_string(d) + " is not in the file");
      });
    }
  }
  if (ids_are_vertices_) node_ids_.reset();
  // The adjacency entries name edges and ends that exist. Whether an edge has that end is checked when
  // read, without the ends sections; with them, a walk takes their word (a damaged file then gives a
  // wrong neighbour, never one outside the graph), and the thaw builds from the edge records.
  auto max_of = [&](const Span& s) {
    std::uint32_t worst = 0;
    for (std::size_t k = 0; k < meta_.edges; ++k) worst = std::max(worst, load<std::uint32_t>(s.p + 4 * k));
    return worst;
  };
  if (meta_.edges && (max_of(out_edges) >= meta_.edges || max_of(in_edges) >= meta_.edges))
    fail("damaged snapshot: an adjacency entry names no edge");
  if (out_ends.p && in_ends.p) {
    if (meta_.edges && (max_of(out_ends) >= meta_.nodes || max_of(in_ends) >= meta_.nodes))
      fail("damaged snapshot: an adjacency entry names no node");
    layout_.out_ends = out_ends.p;
    layout_.in_ends = in_ends.p;
  }
  // Edges: ends and type in range, ids below next_edge_id and unique, evidences inside their section.
  SavedIds edge_ids(meta_.next_edge_id, meta_.edges);
  for (std::uint32_t i = 0; i < meta_.edges; ++i) {
    auto r = load<EdgeRecord>(edges_.p + std::size_t{i} * sizeof(EdgeRecord));
    check_edge(r, i, edge_ids);
    if (r.evidence_begin > meta_.evidences || r.evidence_count > meta_.evidences - r.evidence_begin)
      fail("edge #" + std::to_string(i) + ": evidence range out of bounds");
  }
}

NodeRecord SnapshotView::node(std::uint32_t v) const {
  if (v >= meta_.nodes) fail("node #" + std::to_string(v) + " is not in the graph");
  return load<NodeRecord>(nodes_.p + std::size_t{v} * sizeof(NodeRecord));
}

EdgeRecord SnapshotView::edge(std::uint32_t k) const {
  if (k >= meta_.edges) fail("edge #" + std::to_string(k) + " is not in the graph");
  return load<EdgeRecord>(edges_.p + std::size_t{k} * sizeof(EdgeRecord));
}

NodeData SnapshotView::node_data(std::uint32_t v) const {
  auto r = node(v);
  std::string at = "node #" + std::to_string(v);
  NodeData n;
  n.id = r.id;
  if (r.id >= meta_.next_node_id) fail(at + ": id " + std::to_string(r.id) + " is not below next_node_id");
  n.name = str(r.name);
  for_list(r.labels, at, [&](std::uint32_t l) {
    if (l >= label_map_.size()) fail(at + ": label " + std::to_string(l) + " is not in the file's table");
    n.labels.push_back(label_map_[l]);
  });
  for_list(r.aliases, at, [&](std::uint32_t s) { n.aliases.push_back(str(s)); });
  for_list(r.docs, at, [&](std::uint32_t d) {
    if (d >= doc_map_.size()) fail(at + ": document " + std::to_string(d) + " is not in the file");
    n.docs.push_back(doc_map_[d]);
  });
  n.props = props(r.props, at);
  return n;
}

std::vector<std::uint16_t> SnapshotView::node_labels(std::uint32_t v) const {
  std::vector<std::uint16_t> out;
  for_list(node(v).labels, node_at(v), [&](std::uint32_t l) {
    if (l >= label_map_.size()) fail("node #" + std::to_string(v) + ": label " + std::to_string(l) + " is not in the file's table");
    out.push_back(label_map_[l]);
  });
  return out;
}

bool SnapshotView::has_label(std::uint32_t v, std::uint16_t label) const {
  auto r = node(v);
  if (!r.labels) return false;
  bool found = false;
  for_list(r.labels, node_at(v), [&](std::uint32_t l) { found = found || (l < label_map_.size() && label_map_[l] == label); });
  return found;
}

std::vector<std::string> SnapshotView::node_aliases(std::uint32_t v) const {
  std::vector<std::string> out;
  for_list(node(v).aliases, node_at(v), [&](std::uint32_t s) { out.push_back(str(s)); });
  return out;
}

Properties SnapshotView::node_props(std::uint32_t v) const {
  auto r = node(v);
  if (!r.props) return {};
  return props(r.props, "node #" + std::to_string(v));
}

const NodeData& SnapshotView::node_cached(std::uint32_t v) const {
  std::lock_guard lock(mutex_);
  return cached(node_cache_, v, [&] { return node_data(v); });
}

std::optional<std::uint32_t> SnapshotView::vertex_by_id(std::uint32_t id) const {
  if (ids_are_vertices_) return id < meta_.nodes ? std::optional<std::uint32_t>(id) : std::nullopt;
  auto v = node_ids_ ? node_ids_->find(id) : SavedIds::kNone;
  return v == SavedIds::kNone ? std::nullopt : std::optional<std::uint32_t>(v);
}

EdgeData SnapshotView::edge_data(std::uint32_t k) const {
  auto r = edge(k);
  EdgeData d;
  d.id = r.id;
  d.type = r.type < type_map_.size() ? type_map_[r.type] : 0;  // checked at open
  d.weight = std::max<std::uint32_t>(1, r.evidence_count);
  return d;
}

Properties SnapshotView::edge_props(std::uint32_t k) const {
  auto r = edge(k);
  if (!r.props) return {};
  return props(r.props, "edge #" + std::to_string(k));
}

std::vector<Evidence> SnapshotView::evidence(std::uint32_t k) const {
  auto r = edge(k);
  if (r.evidence_begin > meta_.evidences || r.evidence_count > meta_.evidences - r.evidence_begin)
    fail("edge #" + std::to_string(k) + ": evidence range out of bounds");
  std::vector<Evidence> evs;
  evs.reserve(r.evidence_count);
  for (std::uint32_t i = 0; i < r.evidence_count; ++i) {
    auto ev = load<EvidenceRecord>(evidence_.p + (std::size_t{r.evidence_begin} + i) * sizeof(EvidenceRecord));
    Evidence& e = evs.emplace_back();
    e.doc = text(ev.doc);
    e.sentence = text(ev.sentence);
    e.begin = ev.begin;
    e.end = ev.end;
    e.rule = symbol(ev.rule);
    e.date = symbol(ev.date);
    e.date_rule = symbol(ev.date_rule);
    e.event_date = symbol(ev.event_date);
    e.event_rule = symbol(ev.event_rule);
    e.confidence = ev.confidence;
  }
  return evs;
}

const Properties& SnapshotView::edge_props_cached(std::uint32_t k) const {
  static const Properties none;
  if (!edge(k).props) return none;
  std::lock_guard lock(mutex_);
  return cached(edge_props_cache_, k, [&] { return edge_props(k); });
}

EvidenceView SnapshotView::evidence_cached(std::uint32_t k) const {
  if (!edge(k).evidence_count) return {};
  std::lock_guard lock(mutex_);
  const auto& evs = cached(evidence_cache_, k, [&] { return evidence(k); });
  return {evs.data(), evs.size()};
}

const std::vector<Graph::Vertex>& SnapshotView::nodes_with_label(std::uint16_t label) const {
  static const std::vector<Graph::Vertex> none;
  std::lock_guard lock(mutex_);
  if (!label_index_) {
    auto index = std::make_unique<std::vector<std::vector<Graph::Vertex>>>();
    for (std::uint32_t v = 0; v < meta_.nodes; ++v) {
      auto r = node(v);
      for_list(r.labels, node_at(v), [&](std::uint32_t l) {
        if (l >= label_map_.size()) return;  // checked at open
        auto id = label_map_[l];
        if (id >= index->size()) index->resize(id + 1);
        auto& list = (*index)[id];
        if (list.empty() || list.back() != v) list.push_back(v);
      });
    }
    label_index_ = std::move(index);
  }
  return label < label_index_->size() ? (*label_index_)[label] : none;
}

const HashIndex& SnapshotView::name_index() const {
  std::lock_guard lock(mutex_);
  if (!name_index_) {
    auto index = std::make_unique<HashIndex>();
    index->reserve(meta_.nodes);
    // One entry per (name hash, vertex), as Graph::index_name keeps them.
    for (std::uint32_t v = 0; v < meta_.nodes; ++v) {
      auto r = node(v);
      auto add = [&](std::string_view name) {
        if (name.empty()) return;
        auto h = HashIndex::hash(name);
        if (!index->contains(h, v)) index->insert(h, v);
      };
      add(view(r.name));
      for_list(r.aliases, node_at(v), [&](std::uint32_t s) { add(view(s)); });
    }
    name_index_ = std::move(index);
  }
  return *name_index_;
}

void SnapshotView::build(Graph& g) const {
  std::lock_guard lock(mutex_);  // symbol() shares its cache with readers of other copies of the graph
  g.reserve_nodes(meta_.nodes);
  for (std::uint32_t i = 0; i < meta_.nodes; ++i) {
    try {
      g.restore_node(node_data(i));
    } catch (const GraphError& e) {
      std::string what = e.what();
      if (what.starts_with(where_)) throw;
      fail("node #" + std::to_string(i) + ": " + what);
    }
  }
  // Both adjacency indexes give every node's degrees, so edge vectors are allocated once at their size.
  for (std::uint32_t v = 0; v < meta_.nodes; ++v) {
    auto o0 = load<std::uint32_t>(out_.p + 4 * std::size_t{v}), o1 = load<std::uint32_t>(out_.p + 4 * std::size_t{v} + 4);
    auto n0 = load<std::uint32_t>(in_.p + 4 * std::size_t{v}), n1 = load<std::uint32_t>(in_.p + 4 * std::size_t{v} + 4);
    if (o1 > o0 || n1 > n0) g.reserve_adjacency(v, o1 - o0, n1 - n0);  // checked non-decreasing at open
  }
  SavedIds edge_ids(meta_.next_edge_id, meta_.edges);
  // Adding an edge appends to both ends' edge vectors: on a big graph two cache misses, which the
  // prefetches start early (as load_stream does): the vertex a few edges ahead, then its vectors' ends.
  auto ends_of = [&](std::uint32_t k) {
    auto r = load<EdgeRecord>(edges_.p + std::size_t{k} * sizeof(EdgeRecord));
    return std::pair{std::min(r.src, meta_.nodes - 1), std::min(r.dst, meta_.nodes - 1)};  // unchecked yet: clamped
  };
  for (std::uint32_t i = 0; i < meta_.edges; ++i) {
    if (i + 32 < meta_.edges) {
      auto [s, d] = ends_of(i + 32);
      g.prefetch_ends(s, d, 0);
    }
    if (i + 16 < meta_.edges) {
      auto [s, d] = ends_of(i + 16);
      g.prefetch_ends(s, d, 1);
    }
    auto r = load<EdgeRecord>(edges_.p + std::size_t{i} * sizeof(EdgeRecord));
    check_edge(r, i, edge_ids);
    auto at = [&] { return "edge #" + std::to_string(i); };
    Properties edge_props;
    if (r.props) edge_props = props(r.props, at());
    auto evs = r.evidence_count ? evidence(i) : std::vector<Evidence>{};
    g.restore_edge(r.src, r.dst, r.id, type_map_[r.type], std::move(edge_props), evs);
  }
}

namespace {

// Mappings whose bytes Texts point into: kept until the process ends (see graph/text.hpp).
std::mutex kept_mutex;
std::vector<std::unique_ptr<MappedFile>>& kept_mappings() {
  static std::vector<std::unique_ptr<MappedFile>> kept;
  return kept;
}

}  // namespace

bool is_snapshot(std::string_view head) { return head.size() >= sizeof kMagic && std::memcmp(head.data(), kMagic, sizeof kMagic) == 0; }

bool is_snapshot_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char head[sizeof kMagic] = {};
  in.read(head, sizeof head);
  return in.gcount() == sizeof head && is_snapshot(std::string_view(head, sizeof head));
}

Graph load_snapshot(const std::string& path, SnapshotOptions options) {
  auto file = std::make_unique<MappedFile>(path);
  Graph g;  // returned by name: a Graph cannot be moved without copying its adjacency list
  auto view = std::make_shared<SnapshotView>(std::string_view(file->data(), file->size()), path, true, options, nullptr);
  view->open(g, options.in_place);
  if (options.in_place) g.read_in_place(std::move(view));
  else view->build(g);
  // The pages read so far (all of them, for the checksums) leave this process's resident set; they stay
  // in the page cache and fault back in when read.
  if (file->size()) ::madvise(const_cast<char*>(file->data()), file->size(), MADV_DONTNEED);
  std::lock_guard lock(kept_mutex);
  kept_mappings().push_back(std::move(file));
  return g;
}

Graph snapshot_from_bytes(std::string_view bytes, const std::string& where, SnapshotOptions options) {
  Graph g;
  if (options.in_place) {
    // Read in place from a copy the view owns: the caller's bytes may go away before the graph.
    auto copy = std::make_shared<const std::string>(bytes);
    auto view = std::make_shared<SnapshotView>(std::string_view(*copy), where, false, options, copy);
    view->open(g, true);
    g.read_in_place(std::move(view));
  } else {
    SnapshotView view(bytes, where, false, options, nullptr);
    view.open(g, false);
    view.build(g);
  }
  return g;
}

}  // namespace bangfu::graph
