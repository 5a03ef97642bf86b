// Writes a Graph as a snapshot (graph/snapshot_format.hpp): sections built in memory, then one file
// written beside the target and renamed over it.

#include <cerrno>
#include <cstring>
#include <vector>

#include "graph/replace_file.hpp"
#include "graph/snapshot.hpp"
#include "graph/snapshot_format.hpp"

namespace bangfu::graph {

namespace {

using namespace snapshot;

// A growing section of bytes.
struct Bytes {
  std::vector<char> data;
  template <class T>
  void put(const T& v) {
    std::size_t at = data.size();
    data.resize(at + sizeof v);
    std::memcpy(data.data() + at, &v, sizeof v);
  }
  std::size_t size() const { return data.size(); }
};

class Writer {
 public:
  explicit Writer(const Graph& g) : g_(g) {
    strings_.put(std::uint32_t{0});  // ref 0: the empty string
    lists_.put(std::uint32_t{0});    // list 0: the empty list
    props_.put(std::uint32_t{0});    // props 0: no properties
  }

  std::string build() {
    Bytes labels, types, docs, nodes, edges, evidence, out_index, out_edges, in_index, in_edges;
    for (const auto& l : g_.labels()) labels.put(ref(l));
    for (const auto& t : g_.types()) types.put(ref(t));
    // Removed documents leave empty slots in the graph; the file keeps only live ones, as JSON does.
    std::vector<std::uint32_t> doc_remap(g_.documents().size(), UINT32_MAX);
    std::uint32_t live_docs = 0;
    for (std::size_t i = 0; i < g_.documents().size(); ++i) {
      const auto& d = g_.documents()[i];
      if (d.id.empty()) continue;
      doc_remap[i] = live_docs++;
      docs.put(DocRecord{ref(d.id), ref(d.content_hash), ref(d.title), ref(d.date), ref(d.source), ref(d.url), ref(d.path)});
    }
    std::vector<std::uint32_t> items;
    for (auto vi : g_.vertices()) {
      const NodeData& n = g_.node(vi);
      NodeRecord r{};
      r.id = n.id;
      r.name = ref(n.name);
      r.labels = list(std::vector<std::uint32_t>(n.labels.begin(), n.labels.end()));
      items.clear();
      for (const auto& al : n.aliases) items.push_back(ref(al));
      r.aliases = list(items);
      items.clear();
      for (auto d : n.docs)
        if (d < doc_remap.size() && doc_remap[d] != UINT32_MAX) items.push_back(doc_remap[d]);
      r.docs = list(items);
      r.props = props(n.props);
      nodes.put(r);
    }
    // Edge indices in the graph's edge order, and each node's degrees for the two adjacency indexes.
    std::size_t node_count = g_.node_count(), edge_count = g_.edge_count();
    std::vector<std::uint32_t> out_start(node_count + 1, 0), in_start(node_count + 1, 0);
    std::vector<std::uint32_t> srcs, dsts;
    srcs.reserve(edge_count);
    dsts.reserve(edge_count);
    std::uint32_t evidences = 0;
    for (auto ei : g_.edges()) {
      auto src = static_cast<std::uint32_t>(Graph::source(ei)), dst = static_cast<std::uint32_t>(Graph::target(ei));
      srcs.push_back(src);
      dsts.push_back(dst);
      ++out_start[src + 1];
      ++in_start[dst + 1];
      EdgeRecord r{};
      r.id = g_.edge(ei).id;
      r.src = src;
      r.dst = dst;
      r.type = g_.edge(ei).type;
      r.props = props(g_.edge_properties(ei));
      r.evidence_begin = evidences;
      for (const auto& ev : g_.evidence(ei)) {
        evidence.put(EvidenceRecord{ref(ev.doc), ref(ev.sentence), ev.begin, ev.end, ref(ev.rule), ref(ev.date),
                                    ref(ev.date_rule), ref(ev.event_date), ref(ev.event_rule), ev.confidence});
        if (++evidences == 0) throw GraphError("too many evidences for a snapshot (at most 2^32 - 1)");
      }
      r.evidence_count = evidences - r.evidence_begin;
      edges.put(r);
    }
    for (std::size_t v = 0; v < node_count; ++v) {
      out_start[v + 1] += out_start[v];
      in_start[v + 1] += in_start[v];
    }
    for (auto x : out_start) out_index.put(x);
    for (auto x : in_start) in_index.put(x);
    out_edges.data.resize(edge_count * 4);
    in_edges.data.resize(edge_count * 4);
    Bytes out_ends, in_ends;  // beside each adjacency entry, the edge's other end
    out_ends.data.resize(edge_count * 4);
    in_ends.data.resize(edge_count * 4);
    {
      std::vector<std::uint32_t> out_at(out_start.begin(), out_start.end() - 1), in_at(in_start.begin(), in_start.end() - 1);
      for (std::uint32_t e = 0; e < edge_count; ++e) {
        std::size_t o = 4 * std::size_t{out_at[srcs[e]]++}, i = 4 * std::size_t{in_at[dsts[e]]++};
        std::memcpy(out_edges.data.data() + o, &e, 4);
        std::memcpy(out_ends.data.data() + o, &dsts[e], 4);
        std::memcpy(in_edges.data.data() + i, &e, 4);
        std::memcpy(in_ends.data.data() + i, &srcs[e], 4);
      }
    }
    Meta meta{g_.next_node_id(), g_.next_edge_id(), static_cast<std::uint32_t>(node_count), static_cast<std::uint32_t>(edge_count),
              static_cast<std::uint32_t>(g_.labels().size()), static_cast<std::uint32_t>(g_.types().size()), live_docs, evidences};
    Bytes meta_bytes;
    meta_bytes.put(meta);

    std::vector<std::pair<Section, const Bytes*>> sections = {
        {Section::kMeta, &meta_bytes},   {Section::kStrings, &strings_}, {Section::kLabels, &labels},
        {Section::kTypes, &types},       {Section::kDocs, &docs},        {Section::kNodes, &nodes},
        {Section::kEdges, &edges},       {Section::kEvidence, &evidence}, {Section::kLists, &lists_},
        {Section::kProps, &props_},      {Section::kOutIndex, &out_index}, {Section::kOutEdges, &out_edges},
        {Section::kInIndex, &in_index},  {Section::kInEdges, &in_edges},  {Section::kOutEnds, &out_ends},
        {Section::kInEnds, &in_ends}};
    return assemble(sections);
  }

 private:
  static std::size_t align8(std::size_t n) { return (n + 7) & ~std::size_t{7}; }

  static std::string assemble(const std::vector<std::pair<Section, const Bytes*>>& sections) {
    std::size_t table = kHeaderSize, at = align8(table + sections.size() * kSectionEntrySize);
    std::vector<std::size_t> offsets;
    for (const auto& [kind, bytes] : sections) {
      offsets.push_back(at);
      at = align8(at + bytes->size());
    }
    std::string out(at, '\0');
    char* base = out.data();
    auto put64 = [](char* p, std::uint64_t v) { std::memcpy(p, &v, 8); };
    auto put32 = [](char* p, std::uint32_t v) { std::memcpy(p, &v, 4); };
    for (std::size_t i = 0; i < sections.size(); ++i) {
      const Bytes& b = *sections[i].second;
      if (b.size()) std::memcpy(base + offsets[i], b.data.data(), b.size());
      char* entry = base + table + i * kSectionEntrySize;
      put32(entry, static_cast<std::uint32_t>(sections[i].first));
      put64(entry + 8, offsets[i]);
      put64(entry + 16, b.size());
      put64(entry + 24, checksum(base + offsets[i], b.size()));
    }
    std::memcpy(base, kMagic, sizeof kMagic);
    put32(base + kOffVersion, kVersion);
    put32(base + kOffSectionCount, static_cast<std::uint32_t>(sections.size()));
    put64(base + kOffFileSize, out.size());
    put64(base + kOffTableOffset, table);
    put64(base + kOffTableChecksum, checksum(base + table, sections.size() * kSectionEntrySize));
    put64(base + kOffHeaderChecksum, checksum(base, kOffHeaderChecksum));
    return out;
  }

  // The string's reference; each distinct string is stored once. Found again through an open-addressing
  // table of (hash, reference) slots that compares against the area itself (a node-based hash map of
  // string_views took a third of the writing time on a million names).
  std::uint32_t ref(std::string_view s) {
    if (s.empty()) return 0;
    if ((used_ + 1) * 2 > slots_.size()) grow();
    std::uint64_t h = std::hash<std::string_view>{}(s);
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (!slot.ref) {
        slot = {h, store(s)};
        ++used_;
        return slot.ref;
      }
      if (slot.hash == h && stored_view(slot.ref) == s) return slot.ref;
    }
  }
  std::uint32_t ref(const Text& t) { return ref(t.view()); }
  std::uint32_t ref(const Symbol& t) { return ref(t.view()); }
  std::uint32_t ref(const std::string& s) { return ref(std::string_view(s)); }

  std::uint32_t store(std::string_view s) {
    std::size_t at = strings_.size();
    if (at / 4 > UINT32_MAX) throw GraphError("the graph's strings exceed a snapshot's 16 GB string area");
    if (s.size() > UINT32_MAX) throw GraphError("a string longer than 4 GB cannot go into a snapshot");
    strings_.put(static_cast<std::uint32_t>(s.size()));
    std::size_t text = strings_.size();
    strings_.data.resize((text + s.size() + 1 + 3) & ~std::size_t{3}, '\0');  // the text, its NUL, padding to 4
    std::memcpy(strings_.data.data() + text, s.data(), s.size());
    return static_cast<std::uint32_t>(at / 4);
  }

  std::string_view stored_view(std::uint32_t r) const {
    const char* p = strings_.data.data() + std::size_t{r} * 4;
    std::uint32_t n;
    std::memcpy(&n, p, 4);
    return {p + 4, n};
  }

  void grow() {
    std::vector<Slot> old(slots_.empty() ? 1024 : slots_.size() * 2);
    old.swap(slots_);
    std::size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (!s.ref) continue;
      std::size_t i = s.hash & mask;
      while (slots_[i].ref) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }

  std::uint32_t list(const std::vector<std::uint32_t>& items) {
    if (items.empty()) return 0;
    std::size_t at = lists_.size() / 4;
    if (at + items.size() + 1 > UINT32_MAX) throw GraphError("too many list items for a snapshot");
    lists_.put(static_cast<std::uint32_t>(items.size()));
    for (auto x : items) lists_.put(x);
    return static_cast<std::uint32_t>(at);
  }

  std::uint32_t props(const Properties& p) {
    if (p.empty()) return 0;
    std::size_t at = props_.size();
    if (at > UINT32_MAX) throw GraphError("too many properties for a snapshot");
    props_.put(static_cast<std::uint32_t>(p.size()));
    for (const auto& [k, v] : p) {
      props_.put(ref(k));
      value(v);
    }
    return static_cast<std::uint32_t>(at);
  }

  void value(const PropValue& value) {
    std::visit(
        [&](const auto& x) {
          using T = std::decay_t<decltype(x)>;
          if constexpr (std::is_same_v<T, std::monostate>) props_.put(Tag::kNull);
          else if constexpr (std::is_same_v<T, bool>) props_.put(x ? Tag::kTrue : Tag::kFalse);
          else if constexpr (std::is_same_v<T, std::int64_t>) {
            props_.put(Tag::kInt);
            props_.put(x);
          } else if constexpr (std::is_same_v<T, double>) {
            props_.put(Tag::kFloat);
            props_.put(x);
          } else if constexpr (std::is_same_v<T, std::string>) {
            props_.put(Tag::kString);
            props_.put(ref(x));
          } else if constexpr (std::is_same_v<T, temporal::Temporal>) {
            props_.put(Tag::kTemporal);
            props_.put(ref(std::string_view(temporal::kind_name(x.kind))));
            props_.put(ref(std::string_view(temporal::to_string(x))));
          } else {
            props_.put(Tag::kList);
            props_.put(static_cast<std::uint32_t>(x.size()));
            for (const auto& item : x) this->value(item);
          }
        },
        value.v);
  }

  const Graph& g_;
  Bytes strings_, lists_, props_;
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t ref = 0;  // 0: empty (reference 0 is the empty string, never stored here)
  };
  std::vector<Slot> slots_;
  std::size_t used_ = 0;
};

std::string errno_text() { return std::strerror(errno); }

}  // namespace

bool has_snapshot_extension(const std::string& path) { return std::string_view(path).ends_with(kSnapshotExtension); }

std::string snapshot_bytes(const Graph& graph) { return Writer(graph).build(); }

void save_snapshot(const Graph& graph, const std::string& path) {
  std::string bytes = snapshot_bytes(graph);
  // The same whole-or-nothing replacement as JSON saves: symlinks followed, only regular files replaced.
  replace_file(
      path,
      [&](std::FILE* file) {
        if (std::fwrite(bytes.data(), 1, bytes.size(), file) != bytes.size())
          throw GraphError("short write (" + errno_text() + ")");
      },
      "cannot write snapshot to ");
}

}  // namespace bangfu::graph
