// Reads a snapshot (graph/snapshot_format.hpp) into a Graph. Every count, offset, reference and index
// is checked against the bounds it must lie in before it is used, checksums or not, so a damaged or
// hostile file is a GraphError naming what is wrong, never a read outside the file.
#include <sys/mman.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>
#include <memory>
#include <mutex>
#include <vector>

#include "graph/mapped_file.hpp"
#include "graph/saved_ids.hpp"
#include "graph/snapshot.hpp"
#include "graph/snapshot_format.hpp"

namespace bangfu::graph {

namespace {

using namespace snapshot;

template <class T>
T load(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

struct Span {
  const char* p = nullptr;
  std::size_t size = 0;
};

class Reader {
 public:
  Reader(std::string_view bytes, const std::string& where, bool reference, SnapshotOptions options)
      : base_(bytes.data()), size_(bytes.size()), where_(where), reference_(reference), options_(options) {}

  void build(Graph& g) {
    read_header();
    read_meta();
    // Counts are checked against their sections' sizes before anything is sized by them.
    Span docs = records(Section::kDocs, meta_.docs, sizeof(DocRecord), "documents");
    Span nodes = records(Section::kNodes, meta_.nodes, sizeof(NodeRecord), "nodes");
    Span edges = records(Section::kEdges, meta_.edges, sizeof(EdgeRecord), "edges");
    Span evidence = records(Section::kEvidence, meta_.evidences, sizeof(EvidenceRecord), "evidences");
    Span out = records(Section::kOutIndex, std::size_t{meta_.nodes} + 1, 4, "outgoing index");
    Span in = records(Section::kInIndex, std::size_t{meta_.nodes} + 1, 4, "incoming index");
    records(Section::kOutEdges, meta_.edges, 4, "outgoing edges");
    records(Section::kInEdges, meta_.edges, 4, "incoming edges");
    std::vector<std::uint16_t> label_map, type_map;
    table(Section::kLabels, meta_.labels, label_map, [&](std::string_view s) { return g.intern_label(s); }, "label");
    table(Section::kTypes, meta_.types, type_map, [&](std::string_view s) { return g.intern_type(s); }, "relation type");
    std::vector<std::uint32_t> doc_map(meta_.docs);
    for (std::uint32_t i = 0; i < meta_.docs; ++i) {
      auto r = load<DocRecord>(docs.p + i * sizeof(DocRecord));
      DocumentInfo d{str(r.id), str(r.hash), str(r.title), str(r.date), str(r.source), str(r.url), str(r.path)};
      if (d.id.empty()) fail("document #" + std::to_string(i) + " has no id");
      doc_map[i] = g.add_document(std::move(d));
    }
    g.reserve_ids(meta_.next_node_id, meta_.next_edge_id);
    g.reserve_nodes(meta_.nodes);
    for (std::uint32_t i = 0; i < meta_.nodes; ++i) {
      auto r = load<NodeRecord>(nodes.p + std::size_t{i} * sizeof(NodeRecord));
      std::string at = "node #" + std::to_string(i);
      NodeData n;
      n.id = r.id;
      if (r.id >= meta_.next_node_id) fail(at + ": id " + std::to_string(r.id) + " is not below next_node_id");
      n.name = str(r.name);
      for_list(r.labels, at, [&](std::uint32_t l) {
        if (l >= label_map.size()) fail(at + ": label " + std::to_string(l) + " is not in the file's table");
        n.labels.push_back(label_map[l]);
      });
      for_list(r.aliases, at, [&](std::uint32_t s) { n.aliases.push_back(str(s)); });
      for_list(r.docs, at, [&](std::uint32_t d) {
        if (d >= doc_map.size()) fail(at + ": document " + std::to_string(d) + " is not in the file");
        n.docs.push_back(doc_map[d]);
      });
      n.props = props(r.props, at);
      try {
        g.restore_node(std::move(n));
      } catch (const GraphError& e) {
        fail(at + ": " + e.what());
      }
    }
    // Both adjacency indexes give every node's degrees, so edge vectors are allocated once at their size.
    std::uint32_t prev_out = 0, prev_in = 0;
    for (std::uint32_t v = 0; v <= meta_.nodes; ++v) {
      auto o = load<std::uint32_t>(out.p + 4 * std::size_t{v}), n = load<std::uint32_t>(in.p + 4 * std::size_t{v});
      if (o < prev_out || n < prev_in || (v == 0 && (o || n)) || o > meta_.edges || n > meta_.edges)
        fail("adjacency index damaged at node #" + std::to_string(v));
      if (v > 0 && (o > prev_out || n > prev_in)) g.reserve_adjacency(v - 1, o - prev_out, n - prev_in);
      prev_out = o;
      prev_in = n;
    }
    if (prev_out != meta_.edges || prev_in != meta_.edges) fail("adjacency index does not cover every edge");
    if (meta_.edges && !meta_.nodes) fail("damaged snapshot: edges without nodes");
    SavedIds edge_ids(meta_.next_edge_id, meta_.edges);
    std::vector<Evidence> evs;  // one edge's, reused
    // Adding an edge appends to both ends' edge vectors: on a big graph two cache misses, which the
    // prefetches start early (as load_stream does): the vertex a few edges ahead, then its vectors' ends.
    auto ends_of = [&](std::uint32_t k) {
      auto r = load<EdgeRecord>(edges.p + std::size_t{k} * sizeof(EdgeRecord));
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
      auto r = load<EdgeRecord>(edges.p + std::size_t{i} * sizeof(EdgeRecord));
      std::string_view what = "edge";
      auto at = [&] { return std::string(what) + " #" + std::to_string(i); };
      if (r.src >= meta_.nodes || r.dst >= meta_.nodes) fail(at() + ": dangling edge (node index out of range)");
      if (r.type >= type_map.size()) fail(at() + ": relation type " + std::to_string(r.type) + " is not in the file's table");
      switch (edge_ids.claim(r.id, i)) {
        case SavedIds::Claim::kOk: break;
        case SavedIds::Claim::kTooLarge: fail(at() + ": id " + std::to_string(r.id) + " is not below next_edge_id");
        case SavedIds::Claim::kDuplicate: fail(at() + ": duplicate id " + std::to_string(r.id));
      }
      if (r.evidence_begin > meta_.evidences || r.evidence_count > meta_.evidences - r.evidence_begin)
        fail(at() + ": evidence range out of bounds");
      Properties edge_props;
      if (r.props) edge_props = props(r.props, at());
      evs.clear();
      for (std::uint32_t k = 0; k < r.evidence_count; ++k) {
        auto ev = load<EvidenceRecord>(evidence.p + (std::size_t{r.evidence_begin} + k) * sizeof(EvidenceRecord));
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
      g.restore_edge(r.src, r.dst, r.id, type_map[r.type], std::move(edge_props), evs);
    }
  }

 private:
  [[noreturn]] void fail(const std::string& what) const { throw GraphError(where_ + ": " + what); }

  void read_header() {
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
    for (std::uint32_t k = 1; k <= kSectionKinds; ++k)
      if (!sections_[k].p) fail("damaged snapshot: section " + std::to_string(k) + " is missing");
    strings_ = sections_[static_cast<std::uint32_t>(Section::kStrings)];
    lists_ = sections_[static_cast<std::uint32_t>(Section::kLists)];
    props_ = sections_[static_cast<std::uint32_t>(Section::kProps)];
  }

  void read_meta() {
    Span m = sections_[static_cast<std::uint32_t>(Section::kMeta)];
    if (m.size < sizeof(Meta)) fail("damaged snapshot: metadata section too short");
    meta_ = load<Meta>(m.p);
    if (meta_.labels > 65536 || meta_.types > 65536) fail("damaged snapshot: more than 65536 labels or relation types");
  }

  // A section holding exactly `count` records of `size` bytes.
  Span records(Section kind, std::size_t count, std::size_t size, const char* what) const {
    Span s = sections_[static_cast<std::uint32_t>(kind)];
    if (s.size != count * size)
      fail("damaged snapshot: " + std::string(what) + " section has " + std::to_string(s.size) + " bytes, expected " +
           std::to_string(count * size));
    return s;
  }

  template <class Intern>
  void table(Section kind, std::uint32_t count, std::vector<std::uint16_t>& map, Intern intern, const char* what) {
    Span s = records(kind, count, 4, what);
    for (std::uint32_t i = 0; i < count; ++i) {
      std::string_view name = view(load<std::uint32_t>(s.p + 4 * i));
      if (name.empty()) fail(std::string("damaged snapshot: empty ") + what + " name");
      map.push_back(intern(name));
    }
  }

  // The stored form [u32 length][bytes][NUL] of string reference `r`, checked.
  const char* stored(std::uint32_t r) const {
    std::size_t off = std::size_t{r} * 4;
    if (strings_.size < 5 || off > strings_.size - 5) fail("damaged snapshot: string reference " + std::to_string(r) + " out of range");
    auto len = load<std::uint32_t>(strings_.p + off);
    if (len > strings_.size - off - 5 || strings_.p[off + 4 + len] != '\0')
      fail("damaged snapshot: string at reference " + std::to_string(r) + " runs past its area");
    return strings_.p + off;
  }
  std::string_view view(std::uint32_t r) const {
    if (!r) return {};
    const char* s = stored(r);
    return {s + 4, load<std::uint32_t>(s)};
  }
  std::string str(std::uint32_t r) const { return std::string(view(r)); }
  Text text(std::uint32_t r) const {
    if (!r) return {};
    return reference_ ? Text::from_stored(stored(r)) : Text(view(r));
  }
  // Rule ids and dates: a few distinct references repeated by every evidence, so a small
  // direct-mapped cache spares the symbol table's lock and hash for nearly all of them.
  Symbol symbol(std::uint32_t r) const {
    if (!r) return {};
    auto& slot = symbols_[r % symbols_.size()];
    if (slot.first != r) slot = {r, Symbol(view(r))};
    return slot.second;
  }

  template <class F>
  void for_list(std::uint32_t index, const std::string& at, F f) const {
    if (!index) return;
    std::size_t off = std::size_t{index} * 4;
    if (off > lists_.size || lists_.size - off < 4) fail(at + ": list out of range");
    auto n = load<std::uint32_t>(lists_.p + off);
    if (n > (lists_.size - off - 4) / 4) fail(at + ": list runs past its section");
    for (std::uint32_t k = 0; k < n; ++k) f(load<std::uint32_t>(lists_.p + off + 4 + 4 * std::size_t{k}));
  }

  Properties props(std::uint32_t offset, const std::string& at) const {
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

  PropValue value(std::size_t& pos, const std::string& at, int depth) const {
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

  const char* base_;
  std::size_t size_;
  const std::string& where_;
  bool reference_;
  SnapshotOptions options_;
  Span sections_[kSectionKinds + 1];
  Span strings_, lists_, props_;
  mutable std::array<std::pair<std::uint32_t, Symbol>, 1024> symbols_{};  // see symbol()
  Meta meta_{};
};

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
  Reader(std::string_view(file->data(), file->size()), path, true, options).build(g);
  // Everything but the texts has been copied into the graph; the pages read so far leave this
  // process's resident set (they stay in the page cache) and texts fault back in when read.
  if (file->size()) ::madvise(const_cast<char*>(file->data()), file->size(), MADV_DONTNEED);
  std::lock_guard lock(kept_mutex);
  kept_mappings().push_back(std::move(file));
  return g;
}

Graph snapshot_from_bytes(std::string_view bytes, const std::string& where, SnapshotOptions options) {
  Graph g;
  Reader(bytes, where, false, options).build(g);
  return g;
}

}  // namespace bangfu::graph
