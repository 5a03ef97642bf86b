#include "graph/graph.hpp"

#include <algorithm>

#include "graph/snapshot_view.hpp"

namespace bangfu::graph {

namespace {
const std::vector<Graph::Vertex> kNoVertices;

PropValue string_list(const std::vector<std::string>& items) {
  PropList list;
  for (const auto& s : items) list.emplace_back(s);
  return PropValue(std::move(list));
}
}  // namespace

namespace in_place_detail {
void damaged(const char* what) { throw GraphError(std::string("damaged snapshot: ") + what); }
void not_an_edge() { throw GraphError("not a relationship of this graph"); }
}  // namespace in_place_detail

void Graph::read_in_place(std::shared_ptr<const SnapshotView> view) {
  thawed_from_.reset();
  frozen_ = std::move(view);
  in_place_ = &frozen_->layout();
}

void Graph::thaw() {
  if (!frozen_) return;
  auto view = std::move(frozen_);
  frozen_.reset();
  in_place_ = nullptr;
  try {
    view->build(*this);
  } catch (...) {  // a record refused on the way: back to reading in place, nothing half-built
    g_.clear();
    extras_.clear();
    edge_props_.clear();
    name_index_.clear();
    id_index_.clear();
    for (auto& l : label_index_) l.clear();
    frozen_ = view;
    in_place_ = &frozen_->layout();
    throw;
  }
  thawed_from_ = std::move(view);
}

std::optional<std::uint32_t> Graph::in_place_index(Edge e) const {
  const SnapshotView* view = frozen_ ? frozen_.get() : thawed_from_.get();
  if (!view) return std::nullopt;
  const auto& l = view->layout();
  auto p = reinterpret_cast<std::uintptr_t>(e.m_eproperty), b = reinterpret_cast<std::uintptr_t>(l.records);
  if (p < b || p >= b + std::uintptr_t{l.edges} * 28 || (p - b) % 28) return std::nullopt;
  return static_cast<std::uint32_t>((p - b) / 28);
}

Graph::Edge Graph::live(Edge e) const {
  if (!thawed_from_) return e;
  auto k = in_place_index(e);
  if (!k) return e;
  auto id = thawed_from_->edge_data(*k).id;
  if (e.m_source < boost::num_vertices(g_))
    for (auto [ei, ee] = boost::out_edges(e.m_source, g_); ei != ee; ++ei)
      if (g_[*ei].id == id) return *ei;
  throw GraphError("relationship " + std::to_string(id) + " is no longer in the graph");
}

const NodeData& Graph::node(Vertex v) const { return frozen_ ? frozen_->node_cached(static_cast<std::uint32_t>(v)) : g_[v]; }
std::uint32_t Graph::node_id(Vertex v) const { return frozen_ ? frozen_->node_id(static_cast<std::uint32_t>(v)) : g_[v].id; }
std::string_view Graph::node_name(Vertex v) const {
  return frozen_ ? frozen_->node_name(static_cast<std::uint32_t>(v)) : std::string_view(g_[v].name);
}

EdgeData Graph::adjacency_edge(Edge e) const { return g_[live(e)]; }

Graph::Graph() {
  for (auto t : kAllEntityTypes) intern_label(to_string(t));
  for (auto r : kAllRelTypes) intern_type(to_string(r));
}

std::uint16_t Graph::intern_label(std::string_view label) {
  if (auto id = find_label(label)) return *id;
  if (labels_.size() >= UINT16_MAX) throw GraphError("too many distinct labels");
  auto id = static_cast<std::uint16_t>(labels_.size());
  labels_.emplace_back(label);
  label_ids_.emplace(std::string(label), id);
  label_index_.emplace_back();
  return id;
}

std::optional<std::uint16_t> Graph::find_label(std::string_view label) const {
  auto it = label_ids_.find(std::string(label));
  if (it == label_ids_.end()) return std::nullopt;
  return it->second;
}

std::uint16_t Graph::intern_type(std::string_view type) {
  if (auto id = find_type(type)) return *id;
  if (types_.size() >= UINT16_MAX) throw GraphError("too many distinct relation types");
  auto id = static_cast<std::uint16_t>(types_.size());
  types_.emplace_back(type);
  type_ids_.emplace(std::string(type), id);
  return id;
}

std::optional<std::uint16_t> Graph::find_type(std::string_view type) const {
  auto it = type_ids_.find(std::string(type));
  if (it == type_ids_.end()) return std::nullopt;
  return it->second;
}

Graph::Vertex Graph::add_node(const std::vector<std::string>& labels, Properties props) {
  thaw();
  NodeData data;
  data.id = next_node_id_++;
  for (const auto& l : labels) {
    auto id = intern_label(l);
    if (std::find(data.labels.begin(), data.labels.end(), id) == data.labels.end()) data.labels.push_back(id);
  }
  Vertex v = boost::add_vertex(std::move(data), g_);
  id_index_.insert(HashIndex::hash(g_[v].id), static_cast<std::uint32_t>(v));
  for (auto l : g_[v].labels) label_index_[l].push_back(v);
  for (auto& [k, val] : props) set_node_property(v, k, std::move(val));
  return v;
}

void Graph::add_label(Vertex v, std::string_view label) {
  thaw();
  auto id = intern_label(label);
  auto& ls = g_[v].labels;
  if (std::find(ls.begin(), ls.end(), id) != ls.end()) return;
  ls.push_back(id);
  label_index_[id].push_back(v);
}

// One entry per (name hash, vertex): names of one node that share a hash share the entry.
void Graph::index_name(Vertex v, const std::string& name) {
  if (name.empty()) return;
  auto h = HashIndex::hash(name);
  auto x = static_cast<std::uint32_t>(v);
  if (!name_index_.contains(h, x)) name_index_.insert(h, x);
}

void Graph::unindex_name(Vertex v, const std::string& name) {
  if (name.empty()) return;
  auto h = HashIndex::hash(name);
  for (const auto& a : g_[v].aliases)
    if (HashIndex::hash(a) == h) return;  // the entry still serves this alias
  name_index_.erase(h, static_cast<std::uint32_t>(v));
}

void Graph::add_alias(Vertex v, const std::string& alias) {
  thaw();
  auto& n = g_[v];
  if (alias.empty() || alias == n.name) return;
  if (std::find(n.aliases.begin(), n.aliases.end(), alias) != n.aliases.end()) return;
  n.aliases.push_back(alias);
  index_name(v, alias);
}

void Graph::set_node_property(Vertex v, const std::string& key, PropValue value) {
  thaw();
  auto& n = g_[v];
  if (key == "name" && value.as_string()) {
    std::string old = std::move(n.name);
    n.name = *value.as_string();
    unindex_name(v, old);
    index_name(v, n.name);
    return;
  }
  if (key == "aliases" && std::holds_alternative<PropList>(value.v)) {
    for (const auto& a : std::get<PropList>(value.v))
      if (auto s = a.as_string()) add_alias(v, *s);
    return;
  }
  if (value.is_null()) {
    std::erase_if(n.props, [&](const auto& kv) { return kv.first == key; });
    return;
  }
  set_property(n.props, key, std::move(value));
}

EdgeSlot& Graph::extra_of(Edge e) {
  auto& d = g_[e];
  if (d.extra == kNoExtra) {
    if (extras_.size() >= kNoExtra) throw GraphError("too many edges with properties or evidence (at most 2^32 - 1)");
    d.extra = static_cast<std::uint32_t>(extras_.size());
    extras_.emplace_back();
  }
  return extras_[d.extra];
}

Properties& Graph::props_of(Edge e) {
  auto& slot = extra_of(e);
  if (slot.props == kNoProps) {
    if (edge_props_.size() >= kNoProps) throw GraphError("too many edges with properties (at most 2^32 - 1)");
    slot.props = static_cast<std::uint32_t>(edge_props_.size());
    edge_props_.emplace_back();
  }
  return edge_props_[slot.props];
}

Graph::Edge Graph::add_edge(Vertex src, Vertex dst, std::string_view type, Properties props) {
  thaw();
  EdgeData data;
  data.id = next_edge_id_++;
  data.type = intern_type(type);
  Edge e = boost::add_edge(src, dst, data, g_).first;
  if (!props.empty()) props_of(e) = std::move(props);
  return e;
}

void Graph::set_edge_property(Edge e, const std::string& key, PropValue value) {
  thaw();
  e = live(e);
  if (value.is_null()) {
    if (g_[e].extra != kNoExtra && extras_[g_[e].extra].props != kNoProps)
      std::erase_if(edge_props_[extras_[g_[e].extra].props], [&](const auto& kv) { return kv.first == key; });
    return;
  }
  set_property(props_of(e), key, std::move(value));
}

Graph::Vertex Graph::upsert_entity(const std::string& name, EntityType type,
                                   const std::vector<std::string>& aliases, std::string_view doc_id) {
  thaw();
  Vertex v;
  if (auto found = find_canonical(name)) {
    v = *found;
  } else {
    v = add_node({std::string(to_string(type))}, {{"name", PropValue(name)}});
  }
  for (const auto& a : aliases) add_alias(v, a);
  if (!doc_id.empty()) {
    auto it = doc_ids_.find(std::string(doc_id));
    if (it != doc_ids_.end()) {
      auto& docs = g_[v].docs;
      if (std::find(docs.begin(), docs.end(), it->second) == docs.end()) docs.push_back(it->second);
    }
  }
  return v;
}

Graph::Edge Graph::upsert_relation(Vertex src, Vertex dst, RelType rel, const Properties& attrs, Evidence ev) {
  thaw();
  auto type = intern_type(to_string(rel));
  std::optional<Edge> e = find_edge(src, dst, type);
  if (!e && is_symmetric(rel)) e = find_edge(dst, src, type);
  if (!e) e = add_edge(src, dst, to_string(rel));
  for (const auto& [k, v] : attrs) {
    if (v.is_null() || (v.as_string() && v.as_string()->empty())) continue;
    if (!find_property(edge_properties(*e), k)) props_of(*e).emplace_back(k, v);
  }
  add_evidence(*e, std::move(ev));
  return *e;
}

void Graph::add_evidence(Edge e, Evidence ev) {
  thaw();
  e = live(e);
  auto& slot = extra_of(e);
  auto list = slot.evidence();
  if (std::find(list.begin(), list.end(), ev) == list.end()) slot.add(ev);
  g_[e].weight = std::max<std::uint32_t>(1, slot.evidence_count());
}

std::uint32_t Graph::add_document(DocumentInfo info) {
  auto it = doc_ids_.find(info.id);
  if (it != doc_ids_.end()) {
    docs_[it->second] = std::move(info);
    return it->second;
  }
  auto idx = static_cast<std::uint32_t>(docs_.size());
  doc_ids_.emplace(info.id, idx);
  docs_.push_back(std::move(info));
  return idx;
}

const DocumentInfo* Graph::document(std::string_view id) const {
  auto it = doc_ids_.find(std::string(id));
  return it == doc_ids_.end() ? nullptr : &docs_[it->second];
}

std::size_t Graph::remove_document(std::string_view doc_id) {
  thaw();
  auto it = doc_ids_.find(std::string(doc_id));
  std::optional<std::uint32_t> doc_index;
  if (it != doc_ids_.end()) doc_index = it->second;

  std::vector<Edge> dead;
  for (auto [ei, ee] = boost::edges(g_); ei != ee; ++ei) {
    auto& d = g_[*ei];
    if (d.extra == kNoExtra) continue;
    auto& slot = extras_[d.extra];
    if (slot.evidence_count() == 0) continue;
    slot.erase_if([&](const Evidence& ev) { return ev.doc == doc_id; });
    if (slot.evidence_count() == 0) dead.push_back(*ei);
    else d.weight = slot.evidence_count();
  }
  for (auto e : dead) {
    auto& slot = extras_[g_[e].extra];
    if (slot.props != kNoProps) edge_props_[slot.props] = {};
    slot = {};
    boost::remove_edge(e, g_);
  }

  if (doc_index) {
    // Remove nodes only this document mentioned, highest descriptor first so the rest stay valid.
    std::vector<Vertex> orphans;
    for (auto [vi, ve] = boost::vertices(g_); vi != ve; ++vi) {
      auto& docs = g_[*vi].docs;
      bool had = std::erase(docs, *doc_index) > 0;
      if (had && docs.empty() && boost::in_degree(*vi, g_) == 0 && boost::out_degree(*vi, g_) == 0)
        orphans.push_back(*vi);
    }
    std::sort(orphans.rbegin(), orphans.rend());
    for (auto v : orphans) boost::remove_vertex(v, g_);
    doc_ids_.erase(it);
    docs_[*doc_index] = DocumentInfo{};  // keep indices stable; an empty id marks a removed slot
  }
  rebuild_indexes();
  return dead.size();
}

void Graph::rebuild_indexes() {
  for (auto& l : label_index_) l.clear();
  name_index_.clear();
  id_index_.clear();
  name_index_.reserve(node_count());
  id_index_.reserve(node_count());
  for (auto [vi, ve] = boost::vertices(g_); vi != ve; ++vi) {
    const auto& n = g_[*vi];
    id_index_.insert(HashIndex::hash(n.id), static_cast<std::uint32_t>(*vi));
    for (auto l : n.labels) label_index_[l].push_back(*vi);
    index_name(*vi, n.name);
    for (const auto& a : n.aliases) index_name(*vi, a);
  }
}

std::vector<Graph::Vertex> Graph::find(std::string_view name) const {
  std::vector<Vertex> exact, alias;
  if (frozen_) {
    frozen_->name_index().for_each(HashIndex::hash(name), [&](std::uint32_t v) {
      if (frozen_->node_name(v) == name) {
        exact.push_back(v);
      } else {
        auto as = frozen_->node_aliases(v);
        if (std::find(as.begin(), as.end(), name) != as.end()) alias.push_back(v);
      }
      return true;
    });
    exact.insert(exact.end(), alias.begin(), alias.end());
    return exact;
  }
  name_index_.for_each(HashIndex::hash(name), [&](std::uint32_t v) {
    const auto& n = g_[v];
    if (n.name == name) exact.push_back(v);
    else if (std::find(n.aliases.begin(), n.aliases.end(), name) != n.aliases.end()) alias.push_back(v);
    return true;
  });
  exact.insert(exact.end(), alias.begin(), alias.end());
  return exact;
}

std::optional<Graph::Vertex> Graph::find_canonical(std::string_view name) const {
  std::optional<Vertex> found;
  if (frozen_) {
    frozen_->name_index().for_each(HashIndex::hash(name), [&](std::uint32_t v) {
      if (frozen_->node_name(v) == name) found = v;
      return !found;
    });
    return found;
  }
  name_index_.for_each(HashIndex::hash(name), [&](std::uint32_t v) {
    if (g_[v].name == name) found = v;
    return !found;
  });
  return found;
}

const std::vector<Graph::Vertex>& Graph::nodes_with_label(std::uint16_t label) const {
  if (frozen_) return frozen_->nodes_with_label(label);
  return label < label_index_.size() ? label_index_[label] : kNoVertices;
}

bool Graph::has_label(Vertex v, std::uint16_t label) const {
  if (frozen_) return frozen_->has_label(static_cast<std::uint32_t>(v), label);
  const auto& ls = g_[v].labels;
  return std::find(ls.begin(), ls.end(), label) != ls.end();
}

std::optional<Graph::Edge> Graph::find_edge(Vertex src, Vertex dst, std::uint16_t type) const {
  if (frozen_) {
    for (Edge e : out_edges(src))
      if (e.m_target == dst && edge(e).type == type) return e;
    return std::nullopt;
  }
  for (auto [ei, ee] = boost::out_edges(src, g_); ei != ee; ++ei)
    if (boost::target(*ei, g_) == dst && g_[*ei].type == type) return *ei;
  return std::nullopt;
}

std::optional<Graph::Vertex> Graph::vertex_by_id(std::uint32_t id) const {
  if (frozen_) return frozen_->vertex_by_id(id);
  std::optional<Vertex> found;
  id_index_.for_each(HashIndex::hash(id), [&](std::uint32_t v) {
    if (g_[v].id == id) found = v;
    return !found;
  });
  return found;
}

const Properties& Graph::edge_properties(Edge e) const {
  static const Properties none;
  if (frozen_) {
    auto k = in_place_index(e);
    if (!k) throw GraphError("not a relationship of this graph");
    return frozen_->edge_props_cached(*k);
  }
  auto x = g_[live(e)].extra;
  if (x == kNoExtra || extras_[x].props == kNoProps) return none;
  return edge_props_[extras_[x].props];
}

EvidenceView Graph::evidence(Edge e) const {
  if (frozen_) {
    auto k = in_place_index(e);
    if (!k) throw GraphError("not a relationship of this graph");
    return frozen_->evidence_cached(*k);
  }
  auto x = g_[live(e)].extra;
  return x == kNoExtra ? EvidenceView{} : extras_[x].evidence();
}

PropValue Graph::node_property(Vertex v, std::string_view key) const {
  if (frozen_) {
    auto x = static_cast<std::uint32_t>(v);
    if (key == "name") {
      auto name = frozen_->node_name(x);
      return name.empty() ? PropValue() : PropValue(std::string(name));
    }
    if (key == "aliases") {
      auto as = frozen_->node_aliases(x);
      return as.empty() ? PropValue() : string_list(as);
    }
    auto props = frozen_->node_props(x);
    if (auto p = find_property(props, key)) return *p;
    return {};
  }
  const auto& n = g_[v];
  if (key == "name") return n.name.empty() ? PropValue() : PropValue(n.name);
  if (key == "aliases") return n.aliases.empty() ? PropValue() : string_list(n.aliases);
  if (auto p = find_property(n.props, key)) return *p;
  return {};
}

namespace {

// A date value for an evidence's ISO date text; partial dates count from their first day.
std::optional<temporal::Temporal> date_value(const std::string& iso) {
  if (iso.size() < 4) return std::nullopt;
  try {
    return temporal::parse(temporal::Kind::Date, iso.substr(0, 10));
  } catch (const temporal::TemporalError&) {
    return std::nullopt;
  }
}

// first_seen / last_seen: the earliest and latest document date among the evidences (the date the
// sentence gives, for an evidence from an undated document).
PropValue seen(EvidenceView evs, bool first) {
  std::optional<temporal::Temporal> best;
  for (const auto& ev : evs) {
    // A partial document date ("2023", from a page address) yields to the sentence's fuller date in it.
    bool finer = !ev.event_date.empty() && ev.event_date.size() > ev.date.size() && ev.event_date.starts_with(ev.date);
    auto d = date_value(finer ? ev.event_date : ev.date);
    if (d && (!best || (first ? d->days < best->days : d->days > best->days))) best = d;
  }
  return best ? PropValue(*best) : PropValue();
}

}  // namespace

PropValue Graph::edge_property(Edge e, std::string_view key) const {
  if (auto p = find_property(edge_properties(e), key)) return *p;
  auto evs = evidence(e);
  if (evs.empty()) return {};
  if (key == "weight") return PropValue(static_cast<std::int64_t>(edge(e).weight));
  if (key == "evidence") return PropValue(evs.front().sentence);
  if (key == "docs") {
    PropList docs;
    for (const auto& ev : evs)
      if (std::find(docs.begin(), docs.end(), PropValue(ev.doc)) == docs.end()) docs.emplace_back(ev.doc);
    return PropValue(std::move(docs));
  }
  if (key == "first_seen") return seen(evs, true);
  if (key == "last_seen") return seen(evs, false);
  if (key == "dates" || key == "event_dates") {
    PropList out;
    for (const auto& ev : evs) {
      const std::string& d = key == "dates" ? ev.date : ev.event_date;
      if (!d.empty() && std::find(out.begin(), out.end(), PropValue(d)) == out.end()) out.emplace_back(d);
    }
    return out.empty() ? PropValue() : PropValue(std::move(out));
  }
  return {};
}

Properties Graph::node_property_map(Vertex v) const {
  Properties out;
  if (frozen_) {
    auto x = static_cast<std::uint32_t>(v);
    if (auto name = frozen_->node_name(x); !name.empty()) out.emplace_back("name", PropValue(std::string(name)));
    if (auto as = frozen_->node_aliases(x); !as.empty()) out.emplace_back("aliases", string_list(as));
    auto props = frozen_->node_props(x);
    out.insert(out.end(), std::make_move_iterator(props.begin()), std::make_move_iterator(props.end()));
    return out;
  }
  const auto& n = g_[v];
  if (!n.name.empty()) out.emplace_back("name", PropValue(n.name));
  if (!n.aliases.empty()) out.emplace_back("aliases", string_list(n.aliases));
  out.insert(out.end(), n.props.begin(), n.props.end());
  return out;
}

Properties Graph::edge_property_map(Edge e) const {
  Properties out = edge_properties(e);
  if (!evidence(e).empty() && !find_property(out, "weight"))
    out.emplace_back("weight", PropValue(static_cast<std::int64_t>(edge(e).weight)));
  for (const char* key : {"first_seen", "last_seen"})
    if (!find_property(out, key))
      if (PropValue v = edge_property(e, key); !v.is_null()) out.emplace_back(key, std::move(v));
  return out;
}

std::optional<EntityType> Graph::entity_type(Vertex v) const {
  if (frozen_) {
    auto ls = frozen_->node_labels(static_cast<std::uint32_t>(v));
    if (ls.empty()) return std::nullopt;
    return parse_entity_type(labels_[ls.front()]);
  }
  const auto& ls = g_[v].labels;
  if (ls.empty()) return std::nullopt;
  return parse_entity_type(labels_[ls.front()]);
}

void Graph::reserve_ids(std::uint32_t next_node_id, std::uint32_t next_edge_id) {
  next_node_id_ = std::max(next_node_id_, next_node_id);
  next_edge_id_ = std::max(next_edge_id_, next_edge_id);
}

Graph::Vertex Graph::restore_node(NodeData data) {
  thaw();
  if (vertex_by_id(data.id)) throw GraphError("duplicate node id " + std::to_string(data.id));
  for (auto l : data.labels)
    if (l >= labels_.size()) throw GraphError("node " + std::to_string(data.id) + " has an unknown label id");
  next_node_id_ = std::max(next_node_id_, data.id + 1);
  Vertex v = boost::add_vertex(std::move(data), g_);
  const auto& n = g_[v];
  id_index_.insert(HashIndex::hash(n.id), static_cast<std::uint32_t>(v));
  for (auto l : n.labels) label_index_[l].push_back(v);
  index_name(v, n.name);
  for (const auto& a : n.aliases) index_name(v, a);
  return v;
}

Graph::Edge Graph::restore_edge(Vertex src, Vertex dst, std::uint32_t id, std::uint16_t type, EdgeExtra extra) {
  return restore_edge(src, dst, id, type, std::move(extra.props), extra.evidence);
}

Graph::Edge Graph::restore_edge(Vertex src, Vertex dst, std::uint32_t id, std::uint16_t type, Properties props,
                                EvidenceView evidence) {
  thaw();
  if (type >= types_.size()) throw GraphError("edge " + std::to_string(id) + " has an unknown type id");
  if (evidence.size() > UINT32_MAX) throw GraphError("edge " + std::to_string(id) + " has more than 2^32 evidences");
  EdgeData data;
  data.id = id;
  data.type = type;
  data.weight = static_cast<std::uint32_t>(std::max<std::size_t>(1, evidence.size()));
  if (!props.empty() || !evidence.empty()) {
    if (extras_.size() >= kNoExtra || edge_props_.size() >= kNoProps)
      throw GraphError("too many edges with properties or evidence (at most 2^32 - 1)");
    data.extra = static_cast<std::uint32_t>(extras_.size());
    auto& slot = extras_.emplace_back();
    slot.assign(evidence);
    if (!props.empty()) {
      slot.props = static_cast<std::uint32_t>(edge_props_.size());
      edge_props_.push_back(std::move(props));
    }
  }
  next_edge_id_ = std::max(next_edge_id_, id + 1);
  return boost::add_edge(src, dst, data, g_).first;
}

void Graph::reserve_nodes(std::size_t nodes) {
  thaw();
  g_.m_vertices.reserve(node_count() + nodes);
  id_index_.reserve(node_count() + nodes);
  name_index_.reserve(name_index_.size() + nodes);
}

void Graph::reserve_adjacency(Vertex v, std::size_t out_edges, std::size_t in_edges) {
  thaw();
  auto& sv = g_.m_vertices.at(v);
  sv.m_out_edges.reserve(sv.m_out_edges.size() + out_edges);
  sv.m_in_edges.reserve(sv.m_in_edges.size() + in_edges);
}

std::optional<Graph::Edge> Graph::edge_by_id(std::uint32_t id) const {
  for (Edge e : edges())
    if (edge(e).id == id) return e;
  return std::nullopt;
}

}  // namespace bangfu::graph
