// SnapshotView: a snapshot (graph/snapshot_format.hpp) read in place, the storage behind a Graph
// opened from one until its first edit.
//
// Opening checks the header, the checksums and every record's counts, ranges, ids and list bounds in
// one pass that allocates nothing per element; what is left — strings, property blobs and whether an
// adjacency entry names an edge of its node — is checked when it is read, so a damaged file gives a
// GraphError at open or at access, never a read outside the file. Fields are decoded on demand; the
// few things a Graph hands out by reference (a node's NodeData, an edge's properties and evidences)
// and the lookup indexes (names, labels) are built on first use and kept. build() makes the mutable
// adjacency list from the same records (an eager load, or a Graph thawing before its first edit).
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graph/graph.hpp"
#include "graph/hash_index.hpp"
#include "graph/saved_ids.hpp"
#include "graph/snapshot.hpp"
#include "graph/snapshot_format.hpp"
#include "graph/symbol.hpp"

namespace bangfu::graph {

class SnapshotView {
 public:
  // `owner` keeps `bytes` alive as long as the view. With `reference`, evidence texts point into the
  // bytes (which must then outlive every copy of them: a mapping kept until the process ends).
  SnapshotView(std::string_view bytes, std::string where, bool reference, SnapshotOptions options,
               std::shared_ptr<const void> owner);

  // Checks the file and enters its label and type tables and its documents into `g` (an empty graph).
  // `records`: also check every node and edge record (for reading in place; build() checks as it goes).
  void open(Graph& g, bool records);
  // Adds every node and edge to g's adjacency list (after open(g, ...)).
  void build(Graph& g) const;

  const Graph::InPlace& layout() const { return layout_; }
  std::uint32_t nodes() const { return meta_.nodes; }
  std::uint32_t edges() const { return meta_.edges; }

  // Nodes (v < nodes()).
  std::uint32_t node_id(std::uint32_t v) const { return node(v).id; }
  std::string_view node_name(std::uint32_t v) const { return view(node(v).name); }
  std::vector<std::uint16_t> node_labels(std::uint32_t v) const;
  bool has_label(std::uint32_t v, std::uint16_t label) const;
  std::vector<std::string> node_aliases(std::uint32_t v) const;
  Properties node_props(std::uint32_t v) const;
  NodeData node_data(std::uint32_t v) const;
  const NodeData& node_cached(std::uint32_t v) const;  // kept: valid as long as the view
  std::optional<std::uint32_t> vertex_by_id(std::uint32_t id) const;

  // Edges (k < edges()).
  EdgeData edge_data(std::uint32_t k) const;
  const Properties& edge_props_cached(std::uint32_t k) const;
  EvidenceView evidence_cached(std::uint32_t k) const;

  // Lazily built indexes.
  const std::vector<Graph::Vertex>& nodes_with_label(std::uint16_t label) const;
  const HashIndex& name_index() const;

 private:
  struct Span {
    const char* p = nullptr;
    std::size_t size = 0;
  };
  [[noreturn]] void fail(const std::string& what) const;
  void check_edge(const snapshot::EdgeRecord& r, std::uint32_t i, SavedIds& ids) const;
  void read_header();
  void read_meta();
  Span records(snapshot::Section kind, std::size_t count, std::size_t size, const char* what) const;
  snapshot::NodeRecord node(std::uint32_t v) const;
  snapshot::EdgeRecord edge(std::uint32_t k) const;
  std::vector<Evidence> evidence(std::uint32_t k) const;
  Properties edge_props(std::uint32_t k) const;
  const char* stored(std::uint32_t r) const;
  std::string_view view(std::uint32_t r) const;
  std::string str(std::uint32_t r) const { return std::string(view(r)); }
  Text text(std::uint32_t r) const;
  Symbol symbol(std::uint32_t r) const;
  template <class At, class F>
  void for_list(std::uint32_t index, const At& at, F f) const;
  Properties props(std::uint32_t offset, const std::string& at) const;
  PropValue value(std::size_t& pos, const std::string& at, int depth) const;

  std::shared_ptr<const void> owner_;
  const char* base_;
  std::size_t size_;
  std::string where_;
  bool reference_;
  SnapshotOptions options_;
  Span sections_[snapshot::kSectionKinds + 1];
  Span strings_, lists_, props_, docs_, nodes_, edges_, evidence_, out_, in_;
  snapshot::Meta meta_{};
  std::vector<std::uint16_t> label_map_, type_map_;  // file's table index -> the graph's id
  std::vector<std::uint32_t> doc_map_;               // file's document index -> the graph's
  Graph::InPlace layout_{};
  bool ids_are_vertices_ = true;
  std::unique_ptr<SavedIds> node_ids_;  // node id -> vertex, when ids are not vertex numbers

  // The kept value of `key` in `cache`, made by `make()` the first time; a failed make leaves no slot
  // behind. The caller holds mutex_.
  template <class Cache, class Make>
  const auto& cached(Cache& cache, std::uint32_t key, Make&& make) const {
    auto& slot = cache[key];
    if (!slot) {
      try {
        slot = std::make_unique<typename Cache::mapped_type::element_type>(make());
      } catch (...) {
        cache.erase(key);
        throw;
      }
    }
    return *slot;
  }

  // Built on first use, under the lock.
  mutable std::mutex mutex_;
  mutable std::array<std::pair<std::uint32_t, Symbol>, 1024> symbols_{};  // see symbol()
  mutable std::unordered_map<std::uint32_t, std::unique_ptr<NodeData>> node_cache_;
  mutable std::unordered_map<std::uint32_t, std::unique_ptr<Properties>> edge_props_cache_;
  mutable std::unordered_map<std::uint32_t, std::unique_ptr<std::vector<Evidence>>> evidence_cache_;
  mutable std::unique_ptr<std::vector<std::vector<Graph::Vertex>>> label_index_;
  mutable std::unique_ptr<HashIndex> name_index_;
};

}  // namespace bangfu::graph
