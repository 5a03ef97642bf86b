#include "graph/load_stream.hpp"

#include <rapidjson/reader.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "graph/json_depth.hpp"
#include "graph/saved_ids.hpp"
#include "graph/storage.hpp"

namespace bangfu::graph {

namespace {

// The same flags as load_checked, so both read every number alike (doubles to the last bit).
// Numbers as text, read by ExactNumbers (json_numbers.hpp): exact as the full-precision flag, without its
// zero-significand bug.
constexpr unsigned kParseFlags = rapidjson::kParseNanAndInfFlag | rapidjson::kParseNumbersAsStringsFlag;

// One JSON scalar as the reader reports it. Integers keep their exact value, as the JSON tree does.
struct Scalar {
  enum Kind : std::uint8_t { kNull, kBool, kInt, kHugeUint, kDouble, kString };
  Kind kind = kNull;
  bool b = false;
  std::int64_t i = 0;   // kInt
  std::uint64_t u = 0;  // kHugeUint: above INT64_MAX
  double d = 0;         // kDouble
  std::string_view s;   // kString

  bool u32(std::uint32_t& out) const {
    if (kind != kInt || i < 0 || i > INT64_C(0xffffffff)) return false;
    out = static_cast<std::uint32_t>(i);
    return true;
  }

  // A missing or null text field reads as empty. A new string, not assign(): growing an empty one
  // rounds 16-29 bytes up to 30, a bigger heap block for many names and rule ids.
  bool text(std::string& out) const {
    if (kind == kString) out = std::string(s);
    return kind == kString || kind == kNull;
  }
  bool text(Text& out) const {
    if (kind == kString) out = Text(s);
    return kind == kString || kind == kNull;
  }
  bool text(Symbol& out) const {
    if (kind == kString) out = Symbol(s);
    return kind == kString || kind == kNull;
  }

  bool number(double& out) const {
    if (kind == kInt) out = static_cast<double>(i);
    else if (kind == kHugeUint) out = static_cast<double>(u);
    else if (kind == kDouble) out = d;
    return kind == kInt || kind == kHugeUint || kind == kDouble;
  }

  PropValue prop() const {
    switch (kind) {
      case kBool: return PropValue(b);
      case kInt: return PropValue(i);
      case kHugeUint: return PropValue(static_cast<double>(u));
      case kDouble: return PropValue(d);
      case kString: return PropValue(std::string(s));
      default: return {};
    }
  }
};

// Object keys the file format knows. Any other key is skipped, value and all, as load_checked does.
enum Field : std::uint8_t {
  kOther,
  kFormat, kVersion, kNextNodeId, kNextEdgeId, kNodeCount, kEdgeCount,  // header
  kLabels, kTypes, kDocuments, kNodes, kEdges,                          // sections, in this order
  kId, kHash, kTitle, kDate, kSource, kUrl, kPath,                      // document (and kId)
  kName, kAliases, kProps, kDocs,                                       // node (and kId, kLabels)
  kSrc, kDst, kType, kEvidence,                                         // edge (and kId, kProps)
  kDoc, kSentence, kBegin, kEnd, kRule, kConfidence,                    // evidence (and kDate)
  kDateRule, kEventDate, kEventRule,
};

struct KeyName {
  std::string_view name;
  Field field;
};

constexpr KeyName kRootKeys[] = {{"format", kFormat},       {"version", kVersion},     {"next_node_id", kNextNodeId},
                                 {"next_edge_id", kNextEdgeId}, {"node_count", kNodeCount}, {"edge_count", kEdgeCount},
                                 {"labels", kLabels},       {"types", kTypes},         {"documents", kDocuments},
                                 {"nodes", kNodes},         {"edges", kEdges}};
constexpr KeyName kDocumentKeys[] = {{"id", kId},         {"hash", kHash}, {"title", kTitle}, {"date", kDate},
                                     {"source", kSource}, {"url", kUrl},   {"path", kPath}};
constexpr KeyName kNodeKeys[] = {{"id", kId},           {"labels", kLabels}, {"name", kName},
                                 {"aliases", kAliases}, {"props", kProps},   {"docs", kDocs}};
constexpr KeyName kEdgeKeys[] = {{"id", kId},     {"src", kSrc},     {"dst", kDst},
                                 {"type", kType}, {"props", kProps}, {"evidence", kEvidence}};
constexpr KeyName kEvidenceKeys[] = {{"doc", kDoc}, {"sentence", kSentence}, {"begin", kBegin},
                                     {"end", kEnd}, {"rule", kRule},         {"confidence", kConfidence},
                                     {"date", kDate}, {"date_rule", kDateRule}, {"event_date", kEventDate},
                                     {"event_rule", kEventRule}};

template <std::size_t N>
Field lookup(const KeyName (&keys)[N], std::string_view name) {
  for (const auto& k : keys)
    if (k.name == name) return k.field;
  return kOther;
}

constexpr std::uint64_t bit(Field f) { return std::uint64_t{1} << f; }

// Where the reader stands: the JSON container being read.
enum class In : std::uint8_t {
  kRoot, kTable, kDocuments, kDocument, kNodes, kNode, kNodeLabels, kAliases, kNodeDocs,
  kProps, kList, kEdges, kEdge, kEvidences, kEvidence, kTemporal,
};

struct Frame {
  In in;
  Field field = kOther;    // the key whose value comes next (objects with fixed keys)
  std::uint64_t seen = 0;  // keys met so far: a repeated key is left to load_checked
};

// An edge read but not yet added: edges go in once every node's degree is known, so that each
// adjacency vector is allocated once at its final size.
struct PendingEdge {
  std::uint32_t src, dst, id, extra;
  std::uint16_t type;
};

// The rapidjson SAX handler. Every callback returns false on anything it does not take, which stops
// the parse and leaves the file to load_checked.
class Loader {
 public:
  Loader(std::size_t text_size, Graph& g) : text_size_(text_size), g_(g) { stack_.reserve(8); }

  bool done() const { return done_; }

  bool Null() { return scalar({}); }
  bool Bool(bool b) {
    Scalar s;
    s.kind = Scalar::kBool;
    s.b = b;
    return scalar(s);
  }
  bool Int(int i) { return integer(i); }
  bool Uint(unsigned u) { return integer(u); }
  bool Int64(std::int64_t i) { return integer(i); }
  bool Uint64(std::uint64_t u) {
    if (u <= static_cast<std::uint64_t>(INT64_MAX)) return integer(static_cast<std::int64_t>(u));
    Scalar s;
    s.kind = Scalar::kHugeUint;
    s.u = u;
    return scalar(s);
  }
  bool Double(double d) {
    Scalar s;
    s.kind = Scalar::kDouble;
    s.d = d;
    return scalar(s);
  }
  bool RawNumber(const char*, rapidjson::SizeType, bool) { return false; }  // ExactNumbers turns them into numbers
  bool String(const char* str, rapidjson::SizeType len, bool) {
    Scalar s;
    s.kind = Scalar::kString;
    s.s = std::string_view(str, len);
    return scalar(s);
  }
  bool StartObject() { return open(true); }
  bool StartArray() { return open(false); }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool EndArray(rapidjson::SizeType) { return close(); }
  bool Key(const char* str, rapidjson::SizeType len, bool) {
    if (skip_) return true;
    Frame& top = stack_.back();
    if (top.in == In::kProps) {
      prop_key_.assign(str, len);
      return true;
    }
    if (top.in == In::kTemporal) {
      temporal_key_.assign(str, len);
      return true;
    }
    top.field = field_of(top.in, std::string_view(str, len));
    if (top.field == kOther) return true;
    if (top.seen & bit(top.field)) return false;
    top.seen |= bit(top.field);
    return top.in != In::kRoot || enter_root_field(top.field);
  }

 private:
  static Field field_of(In in, std::string_view key) {
    switch (in) {
      case In::kRoot: return lookup(kRootKeys, key);
      case In::kDocument: return lookup(kDocumentKeys, key);
      case In::kNode: return lookup(kNodeKeys, key);
      case In::kEdge: return lookup(kEdgeKeys, key);
      default: return lookup(kEvidenceKeys, key);
    }
  }

  static bool has_fields(In in) {
    return in == In::kRoot || in == In::kDocument || in == In::kNode || in == In::kEdge || in == In::kEvidence;
  }

  bool integer(std::int64_t i) {
    Scalar s;
    s.kind = Scalar::kInt;
    s.i = i;
    return scalar(s);
  }

  // Sections come in the order save_graph writes them, after a complete, known header.
  bool enter_root_field(Field f) {
    if (f <= kEdgeCount) return stage_ == 0;
    if (stage_ == 0) {
      std::uint64_t header = bit(kFormat) | bit(kVersion) | bit(kNextNodeId) | bit(kNextEdgeId);
      if ((stack_.front().seen & header) != header) return false;
    }
    if (f == kEdges) {
      if (stage_ != 2) return false;
      stage_ = 3;
      return true;
    }
    if (stage_ > 1) return false;
    stage_ = f == kNodes ? 2 : 1;
    return true;
  }

  bool push(In in) {
    stack_.push_back({in});
    return true;
  }

  bool open(bool object) {
    if (skip_) {
      ++skip_;
      return true;
    }
    if (stack_.empty()) return object && push(In::kRoot);
    const Frame& top = stack_.back();
    if (has_fields(top.in) && top.field == kOther) {
      skip_ = 1;
      return true;
    }
    switch (top.in) {
      case In::kRoot: return !object && open_section(top.field);
      case In::kDocuments: return object && open_document();
      case In::kNodes: return object && open_node();
      case In::kNode: return open_node_field(top.field, object);
      case In::kProps:
      case In::kList:
        if (object) {
          temporal_kind_.clear();
          temporal_text_.clear();
          return push(In::kTemporal);
        }
        return open_list();
      case In::kEdges: return object && open_edge();
      case In::kEdge: return open_edge_field(top.field, object);
      case In::kEvidences: return object && open_evidence();
      default: return false;
    }
  }

  bool close() {
    if (skip_) {
      --skip_;
      return true;
    }
    Frame f = stack_.back();
    stack_.pop_back();
    switch (f.in) {
      case In::kRoot:
        g_.reserve_ids(next_node_id_, next_edge_id_);
        return (done_ = stage_ == 3);
      case In::kDocument: return close_document(f.seen);
      case In::kNode: return close_node(f.seen);
      case In::kList: return close_list();
      case In::kTemporal: return close_temporal();
      case In::kEdge: return close_edge(f.seen);
      case In::kEdges: return close_edges();
      case In::kEvidence:
        extra_.evidence.push_back(std::move(evidence_));
        return true;
      default: return true;
    }
  }

  bool scalar(const Scalar& s) {
    if (skip_) return true;
    if (stack_.empty()) return false;
    const Frame& top = stack_.back();
    switch (top.in) {
      case In::kRoot: return header_value(top.field, s);
      case In::kTable: return table_value(s);
      case In::kDocument: return document_value(top.field, s);
      case In::kNode: return node_value(top.field, s);
      case In::kNodeLabels: return node_label(s);
      case In::kAliases: return s.kind == Scalar::kString && (node_.aliases.emplace_back(s.s), true);
      case In::kNodeDocs: return node_doc(s);
      case In::kProps:
        if (s.kind != Scalar::kNull) props_->emplace_back(prop_key_, s.prop());
        return true;
      case In::kList:
        lists_.back().push_back(s.prop());
        return true;
      case In::kTemporal:
        if (s.kind != Scalar::kString) return false;
        if (temporal_key_ == "temporal") temporal_kind_ = s.s;
        else if (temporal_key_ == "value") temporal_text_ = s.s;
        return true;
      case In::kEdge: return edge_value(top.field, s);
      case In::kEvidence: return evidence_value(top.field, s);
      default: return false;  // arrays of objects hold no scalars
    }
  }

  // ---- header, tables, documents ----

  bool header_value(Field f, const Scalar& s) {
    std::uint32_t n = 0;
    switch (f) {
      case kOther: return true;
      case kFormat: return s.kind == Scalar::kString && s.s == kGraphFormat;
      case kVersion: return s.kind == Scalar::kInt && s.i >= 1 && s.i <= kGraphFormatVersion;
      case kNextNodeId: return s.u32(next_node_id_);
      case kNextEdgeId: return s.u32(next_edge_id_);
      case kNodeCount:  // sizes to reserve; load_checked does not read them, so any value goes
        if (s.u32(n)) node_hint_ = n;
        return true;
      case kEdgeCount:
        if (s.u32(n)) edge_hint_ = n;
        return true;
      default: return false;  // sections are arrays
    }
  }

  bool open_section(Field f) {
    switch (f) {
      case kLabels:
      case kTypes:
        table_is_labels_ = f == kLabels;
        return push(In::kTable);
      case kDocuments: return push(In::kDocuments);
      case kNodes: return open_nodes();
      case kEdges: return open_edges();
      default: return false;
    }
  }

  bool table_value(const Scalar& s) {
    if (s.kind != Scalar::kString) return false;
    if (table_is_labels_) label_map_.push_back(g_.intern_label(s.s));
    else type_map_.push_back(g_.intern_type(s.s));
    return true;
  }

  bool open_document() {
    document_ = DocumentInfo{};
    return push(In::kDocument);
  }

  bool document_value(Field f, const Scalar& s) {
    switch (f) {
      case kOther: return true;
      case kId: return s.text(document_.id);
      case kHash: return s.text(document_.content_hash);
      case kTitle: return s.text(document_.title);
      case kDate: return s.text(document_.date);
      case kSource: return s.text(document_.source);
      case kUrl: return s.text(document_.url);
      case kPath: return s.text(document_.path);
      default: return false;
    }
  }

  bool close_document(std::uint64_t) {
    if (document_.id.empty() || g_.document(document_.id)) return false;
    g_.add_document(std::move(document_));
    return true;
  }

  // ---- nodes ----

  // The header's counts only size reservations; a count no file of this size could hold is ignored.
  std::size_t plausible(std::size_t hint, std::size_t min_bytes_each) const {
    return std::min(hint, text_size_ / min_bytes_each);
  }

  bool open_nodes() {
    std::size_t expected = plausible(node_hint_, sizeof("{\"id\":0},") - 1);
    node_ids_.emplace(next_node_id_, expected);
    g_.reserve_nodes(expected);
    return push(In::kNodes);
  }

  bool open_node() {
    node_ = NodeData{};
    return push(In::kNode);
  }

  bool node_value(Field f, const Scalar& s) {
    switch (f) {
      case kOther: return true;
      case kId: return s.u32(node_.id);
      case kName: return s.text(node_.name);
      default: return false;  // labels, aliases, props and docs are containers
    }
  }

  bool open_node_field(Field f, bool object) {
    switch (f) {
      case kLabels: return !object && push(In::kNodeLabels);
      case kAliases: return !object && push(In::kAliases);
      case kDocs: return !object && push(In::kNodeDocs);
      case kProps:
        props_ = &node_.props;
        return object && push(In::kProps);
      default: return false;
    }
  }

  bool node_label(const Scalar& s) {
    std::uint32_t saved = 0;
    if (!s.u32(saved) || saved >= label_map_.size()) return false;
    node_.labels.push_back(label_map_[saved]);
    return true;
  }

  bool node_doc(const Scalar& s) {
    std::uint32_t doc = 0;
    if (!s.u32(doc) || doc >= g_.documents().size()) return false;
    node_.docs.push_back(doc);
    return true;
  }

  bool close_node(std::uint64_t seen) {
    if (!(seen & bit(kId))) return false;
    auto vertex = static_cast<std::uint32_t>(g_.node_count());
    if (node_ids_->claim(node_.id, vertex) != SavedIds::Claim::kOk) return false;
    ids_are_vertices_ = ids_are_vertices_ && node_.id == vertex;
    g_.restore_node(std::move(node_));
    return true;
  }

  // Edges name their ends by node id. In a graph that never lost a node, ids are vertex numbers, and
  // answering without the id map saves a cache miss per edge on big graphs.
  std::uint32_t vertex_of(std::uint32_t id) const {
    if (ids_are_vertices_) return id < g_.node_count() ? id : SavedIds::kNone;
    return node_ids_->find(id);
  }

  // ---- properties ----

  bool open_list() {
    lists_.emplace_back();
    return push(In::kList);
  }

  // {"temporal": KIND, "value": TEXT} inside props or a list.
  bool close_temporal() {
    auto kind = temporal::kind_from_name(temporal_kind_);
    if (!kind) return false;
    PropValue value;
    try {
      value = PropValue(temporal::parse(*kind, temporal_text_));
    } catch (const temporal::TemporalError&) {
      return false;
    }
    if (lists_.empty()) props_->emplace_back(prop_key_, std::move(value));
    else lists_.back().push_back(std::move(value));
    return true;
  }

  bool close_list() {
    PropList list = std::move(lists_.back());
    lists_.pop_back();
    if (lists_.empty()) props_->emplace_back(prop_key_, PropValue(std::move(list)));
    else lists_.back().push_back(PropValue(std::move(list)));
    return true;
  }

  // ---- edges ----

  bool open_edges() {
    std::size_t expected = plausible(edge_hint_, sizeof("{\"id\":0,\"src\":0,\"dst\":0,\"type\":0},") - 1);
    edge_ids_.emplace(next_edge_id_, expected);
    pending_.reserve(expected);
    return push(In::kEdges);
  }

  bool open_edge() {
    edge_ = PendingEdge{};
    extra_ = EdgeExtra{};
    return push(In::kEdge);
  }

  bool edge_value(Field f, const Scalar& s) {
    switch (f) {
      case kOther: return true;
      case kId: return s.u32(edge_.id);
      case kSrc: return s.u32(edge_.src);
      case kDst: return s.u32(edge_.dst);
      case kType: return s.u32(saved_type_);
      default: return false;  // props and evidence are containers
    }
  }

  bool open_edge_field(Field f, bool object) {
    switch (f) {
      case kProps:
        props_ = &extra_.props;
        return object && push(In::kProps);
      case kEvidence: return !object && push(In::kEvidences);
      default: return false;
    }
  }

  bool open_evidence() {
    evidence_ = Evidence{};
    return push(In::kEvidence);
  }

  bool evidence_value(Field f, const Scalar& s) {
    double confidence = 0;
    switch (f) {
      case kOther: return true;
      case kDoc: return s.text(evidence_.doc);
      case kSentence: return s.text(evidence_.sentence);
      case kRule: return s.text(evidence_.rule);
      case kDate: return s.text(evidence_.date);
      case kDateRule: return s.text(evidence_.date_rule);
      case kEventDate: return s.text(evidence_.event_date);
      case kEventRule: return s.text(evidence_.event_rule);
      case kBegin: return s.u32(evidence_.begin);
      case kEnd: return s.u32(evidence_.end);
      case kConfidence:
        if (!s.number(confidence)) return false;
        evidence_.confidence = static_cast<float>(confidence);
        return true;
      default: return false;
    }
  }

  bool close_edge(std::uint64_t seen) {
    std::uint64_t required = bit(kId) | bit(kSrc) | bit(kDst) | bit(kType);
    if ((seen & required) != required) return false;
    if (edge_ids_->claim(edge_.id, 0) != SavedIds::Claim::kOk) return false;
    edge_.src = vertex_of(edge_.src);
    edge_.dst = vertex_of(edge_.dst);
    if (edge_.src == SavedIds::kNone || edge_.dst == SavedIds::kNone || saved_type_ >= type_map_.size()) return false;
    edge_.type = type_map_[saved_type_];
    edge_.extra = kNoExtra;
    if (!extra_.props.empty() || !extra_.evidence.empty()) {
      edge_.extra = static_cast<std::uint32_t>(extras_.size());
      extras_.push_back(std::move(extra_));
    }
    pending_.push_back(edge_);
    return true;
  }

  bool close_edges() {
    std::vector<std::uint32_t> out(g_.node_count(), 0), in(g_.node_count(), 0);
    for (const auto& e : pending_) {
      ++out[e.src];
      ++in[e.dst];
    }
    for (std::size_t v = 0; v < out.size(); ++v)
      if (out[v] || in[v]) g_.reserve_adjacency(v, out[v], in[v]);
    // Adding an edge appends to both ends' edge vectors: on a big graph two cache misses, which the
    // prefetches below start early (the vertex a few edges ahead, then where its vectors end).
    for (std::size_t i = 0; i < pending_.size(); ++i) {
      if (i + 32 < pending_.size()) g_.prefetch_ends(pending_[i + 32].src, pending_[i + 32].dst, 0);
      if (i + 16 < pending_.size()) g_.prefetch_ends(pending_[i + 16].src, pending_[i + 16].dst, 1);
      const auto& e = pending_[i];
      g_.restore_edge(e.src, e.dst, e.id, e.type, e.extra == kNoExtra ? EdgeExtra{} : std::move(extras_[e.extra]));
    }
    pending_ = {};
    extras_ = {};
    return true;
  }

  std::size_t text_size_;
  Graph& g_;
  std::vector<Frame> stack_;
  int skip_ = 0;      // depth inside a value under an unknown key
  int stage_ = 0;     // 0 header, 1 tables and documents, 2 nodes, 3 edges
  bool done_ = false;
  bool ids_are_vertices_ = true;  // so far every node's id equals its vertex number
  std::uint32_t next_node_id_ = 0, next_edge_id_ = 0;
  std::size_t node_hint_ = 0, edge_hint_ = 0;
  bool table_is_labels_ = false;
  std::vector<std::uint16_t> label_map_, type_map_;  // saved table index -> id in g_
  std::optional<SavedIds> node_ids_, edge_ids_;

  DocumentInfo document_;
  NodeData node_;
  Properties* props_ = nullptr;  // the node's or the edge's, whichever is being read
  std::string prop_key_;
  std::vector<PropList> lists_;  // lists being read, innermost last
  std::string temporal_key_, temporal_kind_, temporal_text_;
  PendingEdge edge_{};
  std::uint32_t saved_type_ = 0;
  EdgeExtra extra_;
  Evidence evidence_;
  std::vector<PendingEdge> pending_;
  std::vector<EdgeExtra> extras_;
};

}  // namespace

bool load_stream(const char* text, std::size_t size, Graph& g) {
  Loader loader(size, g);
  ExactNumbers<Loader> exact(loader);
  DepthLimited<ExactNumbers<Loader>> bounded(exact);  // a file nested too deep goes to load_checked, which words it
  rapidjson::Reader reader;
  rapidjson::StringStream in(text);
  try {
    return !reader.Parse<kParseFlags | rapidjson::kParseIterativeFlag>(in, bounded).IsError() && loader.done();
  } catch (const GraphError&) {
    return false;  // from Graph::restore_*: load_checked words it
  }
}

}  // namespace bangfu::graph
