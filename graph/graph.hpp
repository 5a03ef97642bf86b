// Graph: the typed, attributed property graph every stage shares, on a Boost.Graph adjacency list — or,
// opened from a snapshot, on the file's records read in place until its first edit (see InPlace).
//
// Nodes carry labels (the first is the entity type for extracted nodes), a canonical name, aliases and
// properties. Edges carry a relation type, properties (role, amount, what …) and evidences; the same
// fact stated twice is one edge with two evidences and weight 2. Lookups by any name are O(1).
#pragma once
#include <boost/graph/adjacency_list.hpp>
#include <boost/pool/pool_alloc.hpp>
#include <boost/range/irange.hpp>
#include <cstdint>
#include <cstring>
#include <deque>
#include <list>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graph/edge_slot.hpp"
#include "graph/evidence.hpp"
#include "graph/hash_index.hpp"
#include "graph/schema.hpp"
#include "graph/value.hpp"

namespace bangfu::graph {

// Edge-list selector: Boost keeps every edge of a bidirectional graph in one global std::list. Taking
// its nodes from a pool makes each cost its 48 bytes instead of malloc's 64 (header and rounding).
struct PooledListS {};

}  // namespace bangfu::graph

namespace boost {
template <class V>
struct container_gen<bangfu::graph::PooledListS, V> {
  // Blocks of at most 64k nodes (3 MB): the pool's last, partly used block stays small.
  using type = std::list<V, boost::fast_pool_allocator<V, boost::default_user_allocator_new_delete,
                                                        boost::details::pool::default_mutex, 1024, 65536>>;
};
template <>
struct parallel_edge_traits<bangfu::graph::PooledListS> {
  using type = allow_parallel_edge_tag;
};
}  // namespace boost

namespace bangfu::graph {

struct GraphError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class SnapshotView;

struct NodeData {
  std::uint32_t id = 0;                  // stable id, never reused (Cypher's id(n))
  std::vector<std::uint16_t> labels;     // ids in the graph's label table
  std::string name;                      // canonical name; may be empty for hand-made nodes
  std::vector<std::string> aliases;
  Properties props;                      // every other property
  std::vector<std::uint32_t> docs;       // indices into documents() that mention this node
};

inline constexpr std::uint32_t kNoExtra = UINT32_MAX;

// Kept small on purpose: properties and evidences live out of line (see graph/edge_slot.hpp).
struct EdgeData {
  std::uint32_t id = 0;                  // stable id (Cypher's id(r))
  std::uint16_t type = 0;                // id in the graph's relation-type table
  std::uint32_t weight = 1;              // number of evidences, 1 for edges without any
  std::uint32_t extra = kNoExtra;        // index into the edge-slot table
};

// An edge's properties and evidences as loaders hand them to Graph::restore_edge.
struct EdgeExtra {
  Properties props;
  std::vector<Evidence> evidence;
};

class Graph {
 public:
  using Adjacency =
      boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, NodeData, EdgeData, boost::no_property, PooledListS>;
  using Vertex = Adjacency::vertex_descriptor;
  using Edge = Adjacency::edge_descriptor;

  Graph();

  std::size_t node_count() const { return frozen_ ? in_place_->nodes : boost::num_vertices(g_); }
  std::size_t edge_count() const { return frozen_ ? in_place_->edges : boost::num_edges(g_); }

  // Read in place: a graph opened from a snapshot keeps its nodes and edges in the file's records
  // (graph/snapshot_view.hpp) until its first edit, which thaws it into the adjacency list: vertex
  // numbers stay, and edge descriptors taken before stay usable (they are looked up again).
  struct InPlace {
    const char* records = nullptr;  // snapshot::EdgeRecord, 28 bytes each
    const char *out_index = nullptr, *out_edges = nullptr, *in_index = nullptr, *in_edges = nullptr;
    std::uint32_t nodes = 0, edges = 0;
    const char *out_ends = nullptr, *in_ends = nullptr;  // beside each entry, the other end (null in older files)
    const std::uint16_t* type_map = nullptr;  // the file's relation-type index -> this graph's type id
    std::uint32_t types = 0;
  };
  void read_in_place(std::shared_ptr<const SnapshotView> view);
  bool in_place() const { return frozen_ != nullptr; }
  void thaw();

  // Traversal: readers walk the graph through these only, never through the storage behind them.
  // An edge descriptor carries both its ends; vertices are numbered 0 .. node_count() - 1.
  class IncidentEdges;
  class AllEdges;
  static Vertex source(Edge e) { return e.m_source; }
  static Vertex target(Edge e) { return e.m_target; }
  // The end of e that is not v (v itself for a loop).
  static Vertex other_end(Edge e, Vertex v) { return e.m_source == v ? e.m_target : e.m_source; }
  boost::integer_range<Vertex> vertices() const { return boost::irange<Vertex>(0, node_count()); }
  IncidentEdges out_edges(Vertex v) const;  // in the order they were added
  IncidentEdges in_edges(Vertex v) const;
  std::size_t out_degree(Vertex v) const;
  std::size_t in_degree(Vertex v) const;
  AllEdges edges() const;  // in the graph's edge order (the order saved files keep)

  // Label and relation-type tables. The schema's types are interned first, in SCHEMA.md order.
  std::uint16_t intern_label(std::string_view label);
  std::optional<std::uint16_t> find_label(std::string_view label) const;
  const std::string& label_name(std::uint16_t id) const { return labels_.at(id); }
  const std::vector<std::string>& labels() const { return labels_; }
  std::uint16_t intern_type(std::string_view type);
  std::optional<std::uint16_t> find_type(std::string_view type) const;
  const std::string& type_name(std::uint16_t id) const { return types_.at(id); }
  const std::vector<std::string>& types() const { return types_; }

  // Generic edits (CREATE, CSV import, load). Properties "name" and "aliases" fill the node's fields.
  Vertex add_node(const std::vector<std::string>& labels, Properties props);
  Edge add_edge(Vertex src, Vertex dst, std::string_view type, Properties props = {});
  void set_node_property(Vertex v, const std::string& key, PropValue value);
  void set_edge_property(Edge e, const std::string& key, PropValue value);
  void add_label(Vertex v, std::string_view label);
  void add_alias(Vertex v, const std::string& alias);

  // Knowledge-graph edits (ingest). An entity is found by canonical name, else created.
  Vertex upsert_entity(const std::string& name, EntityType type, const std::vector<std::string>& aliases,
                       std::string_view doc_id = {});
  // Merges with an existing edge of the same relation between the same ends (either direction for
  // symmetric relations): the evidence is appended unless already there, and weight follows.
  Edge upsert_relation(Vertex src, Vertex dst, RelType rel, const Properties& attrs, Evidence ev);
  void add_evidence(Edge e, Evidence ev);

  // Documents: re-ingest and removal are by document id.
  std::uint32_t add_document(DocumentInfo info);  // replaces the info of a known id
  const DocumentInfo* document(std::string_view id) const;
  const std::vector<DocumentInfo>& documents() const { return docs_; }
  // Takes out every evidence of the document, drops edges left with none and nodes that only it
  // mentioned and that have no edges left. Returns the number of edges dropped.
  std::size_t remove_document(std::string_view doc_id);

  // Lookup. find() matches canonical names first, then aliases; an alias may name several nodes.
  std::vector<Vertex> find(std::string_view name) const;
  std::optional<Vertex> find_canonical(std::string_view name) const;
  const std::vector<Vertex>& nodes_with_label(std::uint16_t label) const;
  bool has_label(Vertex v, std::uint16_t label) const;
  std::optional<Edge> find_edge(Vertex src, Vertex dst, std::uint16_t type) const;
  std::optional<Vertex> vertex_by_id(std::uint32_t id) const;

  // Element access.
  const NodeData& node(Vertex v) const;  // on a graph read in place, built on first use and kept
  std::uint32_t node_id(Vertex v) const;
  std::string_view node_name(Vertex v) const;
  EdgeData edge(Edge e) const;
  const Properties& edge_properties(Edge e) const;
  EvidenceView evidence(Edge e) const;  // valid until the edge's evidences change
  // Property views as the query language sees them: a node's name and aliases, an edge's weight
  // (when it has evidence) appear as properties next to the stored ones. edge_property also answers
  // "evidence" (the first evidence sentence) and "docs" (the evidences' document ids) for edges with
  // evidence; these stay out of edge_property_map so results listing whole edges remain short.
  PropValue node_property(Vertex v, std::string_view key) const;
  PropValue edge_property(Edge e, std::string_view key) const;
  Properties node_property_map(Vertex v) const;
  Properties edge_property_map(Edge e) const;
  // The entity type of an extracted node: its first label when that is a schema type.
  std::optional<EntityType> entity_type(Vertex v) const;

  std::uint32_t next_node_id() const { return next_node_id_; }
  std::uint32_t next_edge_id() const { return next_edge_id_; }
  // Used by load so ids survive a save/load round trip.
  void reserve_ids(std::uint32_t next_node_id, std::uint32_t next_edge_id);
  // Restoring a saved graph (and bulk import): elements come back with their saved ids, labels (ids in this graph's
  // tables), document indices and evidences. Throws GraphError on a duplicate id.
  Vertex restore_node(NodeData data);
  Edge restore_edge(Vertex src, Vertex dst, std::uint32_t id, std::uint16_t type, EdgeExtra extra);
  Edge restore_edge(Vertex src, Vertex dst, std::uint32_t id, std::uint16_t type, Properties props, EvidenceView evidence);
  std::optional<Edge> edge_by_id(std::uint32_t id) const;  // linear scan: for tools, not hot paths
  // Bulk loading: room for `nodes` more nodes, and exact room for a node's edges, so vectors are not
  // grown by doubling (which leaves a third of their memory unused on average).
  void reserve_nodes(std::size_t nodes);
  void reserve_adjacency(Vertex v, std::size_t out_edges, std::size_t in_edges);
  // Bulk loading of edges: restore_edge(src, dst) touches both ends' vertex records (stage 0) and then
  // the ends of their edge vectors (stage 1); loaders prefetch them some edges ahead.
  void prefetch_ends(Vertex src, Vertex dst, int stage) const {
    const auto& vs = g_.m_vertices;
    if (stage == 0) {
      __builtin_prefetch(&vs[src]);
      __builtin_prefetch(&vs[dst]);
    } else {
      __builtin_prefetch(vs[src].m_out_edges.data() + vs[src].m_out_edges.size(), 1);
      __builtin_prefetch(vs[dst].m_in_edges.data() + vs[dst].m_in_edges.size(), 1);
    }
  }

 private:
  EdgeSlot& extra_of(Edge e);
  Properties& props_of(Edge e);
  void index_name(Vertex v, const std::string& name);
  void unindex_name(Vertex v, const std::string& name);
  void rebuild_indexes();
  // The edge number in the snapshot of a descriptor that points into it (taken while read in place).
  std::optional<std::uint32_t> in_place_index(Edge e) const;
  Edge live(Edge e) const;  // a descriptor of the adjacency list (looked up again when taken in place)
  EdgeData adjacency_edge(Edge e) const;
  static Edge in_place_edge(const InPlace& p, std::uint32_t k);

  std::shared_ptr<const SnapshotView> frozen_;       // set while read in place
  std::shared_ptr<const SnapshotView> thawed_from_;  // after a thaw: what older descriptors point into
  const InPlace* in_place_ = nullptr;                // frozen_'s layout
  Adjacency g_;
  std::vector<std::string> labels_, types_;
  std::unordered_map<std::string, std::uint16_t> label_ids_, type_ids_;
  std::vector<std::vector<Vertex>> label_index_;
  HashIndex name_index_;  // canonical names and aliases -> vertex
  HashIndex id_index_;    // NodeData::id -> vertex
  std::deque<EdgeSlot> extras_;
  std::deque<Properties> edge_props_;  // EdgeSlot::props indexes this
  std::vector<DocumentInfo> docs_;
  std::unordered_map<std::string, std::uint32_t> doc_ids_;
  std::uint32_t next_node_id_ = 0, next_edge_id_ = 0;
};

// A vertex's outgoing or incoming edges: a walk over its edge vector, or over its adjacency entries in
// the snapshot when read in place.
class Graph::IncidentEdges {
  using Stored = std::remove_cvref_t<decltype(std::declval<Adjacency&>().m_vertices[0].m_out_edges)>::value_type;

 public:
  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = Edge;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = Edge;
    iterator() = default;
    iterator(const Stored* p, Vertex v, bool out) : p_(reinterpret_cast<const char*>(p)), v_(v), out_(out) {}
    // In place: p walks the snapshot's u32 edge numbers.
    iterator(const char* p, const char* ends, const InPlace* in_place, Vertex v, bool out)
        : p_(p), ends_(ends), in_place_(in_place), v_(v), out_(out) {}
    Edge operator*() const {
      if (in_place_) return in_place();
      const auto* s = reinterpret_cast<const Stored*>(p_);
      return out_ ? Edge(v_, s->get_target(), &s->get_property()) : Edge(s->get_target(), v_, &s->get_property());
    }
    iterator& operator++() {
      if (in_place_) {
        p_ += 4;
        if (ends_) ends_ += 4;
      } else {
        p_ += sizeof(Stored);
      }
      return *this;
    }
    iterator operator++(int) {
      iterator old = *this;
      ++*this;
      return old;
    }
    bool operator==(const iterator& o) const { return p_ == o.p_; }
    bool operator!=(const iterator& o) const { return p_ != o.p_; }

   private:
    Edge in_place() const;
    const char* p_ = nullptr;
    const char* ends_ = nullptr;
    const InPlace* in_place_ = nullptr;
    Vertex v_ = 0;
    bool out_ = true;
  };

  IncidentEdges(const Stored* begin, std::size_t size, Vertex v, bool out) : begin_(begin, v, out), end_(begin + size, v, out), size_(size) {}
  IncidentEdges(const char* begin, const char* ends, std::size_t size, const InPlace* in_place, Vertex v, bool out)
      : begin_(begin, ends, in_place, v, out), end_(begin + 4 * size, nullptr, in_place, v, out), size_(size) {}
  iterator begin() const { return begin_; }
  iterator end() const { return end_; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

 private:
  iterator begin_, end_;
  std::size_t size_;
};

// Every edge of the graph.
class Graph::AllEdges {
  using Base = Adjacency::edge_iterator;

 public:
  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = Edge;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = Edge;
    iterator() = default;
    explicit iterator(Base it) : it_(it) {}
    iterator(const InPlace* in_place, std::uint32_t k) : in_place_(in_place), k_(k) {}
    Edge operator*() const { return in_place_ ? in_place_edge(*in_place_, k_) : *it_; }
    iterator& operator++() {
      if (in_place_) ++k_;
      else ++it_;
      return *this;
    }
    iterator operator++(int) {
      iterator old = *this;
      ++*this;
      return old;
    }
    bool operator==(const iterator& o) const { return in_place_ ? k_ == o.k_ : it_ == o.it_; }
    bool operator!=(const iterator& o) const { return !(*this == o); }

   private:
    Base it_;
    const InPlace* in_place_ = nullptr;
    std::uint32_t k_ = 0;
  };

  AllEdges(Base begin, Base end, std::size_t size) : begin_(begin), end_(end), size_(size) {}
  explicit AllEdges(const InPlace* in_place) : begin_(in_place, 0), end_(in_place, in_place->edges), size_(in_place->edges) {}
  iterator begin() const { return begin_; }
  iterator end() const { return end_; }
  std::size_t size() const { return size_; }

 private:
  iterator begin_, end_;
  std::size_t size_;
};

namespace in_place_detail {
inline std::uint32_t u32(const char* p) {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
[[noreturn]] void damaged(const char* what);
[[noreturn]] void not_an_edge();
// [begin, end) of vertex v in a CSR index, checked at open to be non-decreasing and within the edges.
inline std::pair<std::uint32_t, std::uint32_t> range(const char* index, std::size_t v) {
  return {u32(index + 4 * v), u32(index + 4 * v + 4)};
}
}  // namespace in_place_detail

// Edge k's record: its ends were checked at open.
inline Graph::Edge Graph::in_place_edge(const InPlace& p, std::uint32_t k) {
  const char* r = p.records + std::size_t{k} * 28;
  return Edge(in_place_detail::u32(r + 4), in_place_detail::u32(r + 8), r);
}

// An adjacency entry: the edge number was checked at open; that the edge has this end is checked here.
inline Graph::Edge Graph::IncidentEdges::iterator::in_place() const {
  if (ends_) {  // the other end beside the entry: the edge record is not read
    Vertex w = in_place_detail::u32(ends_);
    const char* r = in_place_->records + std::size_t{in_place_detail::u32(p_)} * 28;
    return out_ ? Edge(v_, w, r) : Edge(w, v_, r);
  }
  Edge e = in_place_edge(*in_place_, in_place_detail::u32(p_));
  if ((out_ ? e.m_source : e.m_target) != v_) in_place_detail::damaged("an adjacency entry names an edge of another node");
  return e;
}

// Read in place: the edge's record, found by the descriptor's pointer (checked to be one of the records).
inline EdgeData Graph::edge(Edge e) const {
  if (!frozen_) return adjacency_edge(e);
  const InPlace& p = *in_place_;
  auto at = reinterpret_cast<std::uintptr_t>(e.m_eproperty) - reinterpret_cast<std::uintptr_t>(p.records);
  if (at >= std::uintptr_t{p.edges} * 28 || at % 28) in_place_detail::not_an_edge();
  const char* r = p.records + at;
  EdgeData d;
  d.id = in_place_detail::u32(r);
  auto type = in_place_detail::u32(r + 12);
  d.type = type < p.types ? p.type_map[type] : 0;  // checked at open
  d.weight = std::max<std::uint32_t>(1, in_place_detail::u32(r + 24));
  return d;
}

inline Graph::IncidentEdges Graph::out_edges(Vertex v) const {
  if (frozen_) {
    auto [b, e] = in_place_detail::range(in_place_->out_index, v);
    const char* ends = in_place_->out_ends ? in_place_->out_ends + 4 * std::size_t{b} : nullptr;
    return {in_place_->out_edges + 4 * std::size_t{b}, ends, std::size_t{e - b}, in_place_, v, true};
  }
  const auto& list = g_.m_vertices[v].m_out_edges;
  return {list.data(), list.size(), v, true};
}
inline Graph::IncidentEdges Graph::in_edges(Vertex v) const {
  if (frozen_) {
    auto [b, e] = in_place_detail::range(in_place_->in_index, v);
    const char* ends = in_place_->in_ends ? in_place_->in_ends + 4 * std::size_t{b} : nullptr;
    return {in_place_->in_edges + 4 * std::size_t{b}, ends, std::size_t{e - b}, in_place_, v, false};
  }
  const auto& list = g_.m_vertices[v].m_in_edges;
  return {list.data(), list.size(), v, false};
}
inline std::size_t Graph::out_degree(Vertex v) const {
  if (frozen_) {
    auto [b, e] = in_place_detail::range(in_place_->out_index, v);
    return e - b;
  }
  return g_.m_vertices[v].m_out_edges.size();
}
inline std::size_t Graph::in_degree(Vertex v) const {
  if (frozen_) {
    auto [b, e] = in_place_detail::range(in_place_->in_index, v);
    return e - b;
  }
  return g_.m_vertices[v].m_in_edges.size();
}
inline Graph::AllEdges Graph::edges() const {
  if (frozen_) return AllEdges(in_place_);
  auto [b, e] = boost::edges(g_);
  return {b, e, boost::num_edges(g_)};
}

}  // namespace bangfu::graph
