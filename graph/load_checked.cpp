#include "graph/load_checked.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <cstring>
#include <string_view>

#include "graph/json_depth.hpp"
#include "graph/saved_ids.hpp"
#include "graph/storage.hpp"

namespace bangfu::graph {

namespace {

// Numbers as text, read by ExactNumbers (json_numbers.hpp): exact as the full-precision flag, without its
// zero-significand bug.
constexpr unsigned kParseFlags = rapidjson::kParseNanAndInfFlag | rapidjson::kParseNumbersAsStringsFlag;

using JValue = rapidjson::Value;

// Names an element in error messages ("edge #12 evidence"); the text is built only when one is thrown,
// since a graph has millions of elements and almost never an error.
struct Element {
  const char* kind;
  std::size_t index = SIZE_MAX;  // SIZE_MAX: no number (the header)
  const char* suffix = "";
  std::string text() const {
    std::string out = kind;
    if (index != SIZE_MAX) out += " #" + std::to_string(index);
    return out + suffix;
  }
};

// Reads fields of one JSON object, naming the file and element in every error.
class Fields {
 public:
  Fields(const std::string& where, Element element, const JValue& obj) : where_(where), element_(element), obj_(obj) {
    if (!obj.IsObject()) fail("must be a JSON object");
  }

  [[noreturn]] void fail(const std::string& what) const {
    throw GraphError(where_ + ": " + element_.text() + ": " + what);
  }

  const JValue* find(const char* key) const {
    auto it = obj_.FindMember(key);
    return it == obj_.MemberEnd() ? nullptr : &it->value;
  }

  std::uint32_t u32(const char* key) const {
    const JValue* v = find(key);
    if (!v) fail(std::string("missing \"") + key + "\"");
    if (!v->IsUint()) fail(std::string("\"") + key + "\" must be a non-negative integer");
    return v->GetUint();
  }

  std::uint32_t u32_or(const char* key, std::uint32_t fallback) const { return find(key) ? u32(key) : fallback; }

  std::string str(const char* key) const {
    const JValue* v = find(key);
    if (!v || v->IsNull()) return {};
    if (!v->IsString()) fail(std::string("\"") + key + "\" must be a string");
    return std::string(v->GetString(), v->GetStringLength());
  }

  const JValue* array(const char* key, bool required = false) const {
    const JValue* v = find(key);
    if (!v) {
      if (required) fail(std::string("missing \"") + key + "\"");
      return nullptr;
    }
    if (!v->IsArray()) fail(std::string("\"") + key + "\" must be an array");
    return v;
  }

  std::vector<std::string> strings(const char* key) const {
    std::vector<std::string> out;
    if (const JValue* a = array(key)) {
      out.reserve(a->Size());
      for (const auto& s : a->GetArray()) {
        if (!s.IsString()) fail(std::string("\"") + key + "\" must hold strings");
        out.emplace_back(s.GetString(), s.GetStringLength());
      }
    }
    return out;
  }

  PropValue value(const JValue& v) const {
    if (v.IsNull()) return {};
    if (v.IsBool()) return PropValue(v.GetBool());
    if (v.IsInt64()) return PropValue(static_cast<std::int64_t>(v.GetInt64()));
    if (v.IsNumber()) return PropValue(v.GetDouble());
    if (v.IsString()) return PropValue(std::string(v.GetString(), v.GetStringLength()));
    if (v.IsArray()) {
      PropList list;
      list.reserve(v.Size());
      for (const auto& item : v.GetArray()) list.push_back(value(item));
      return PropValue(std::move(list));
    }
    if (v.IsObject() && v.HasMember("temporal") && v.HasMember("value") && v["temporal"].IsString() &&
        v["value"].IsString()) {
      auto kind = temporal::kind_from_name(v["temporal"].GetString());
      if (!kind) fail(std::string("unknown temporal kind \"") + v["temporal"].GetString() + "\"");
      try {
        return PropValue(temporal::parse(*kind, v["value"].GetString()));
      } catch (const temporal::TemporalError& e) {
        fail(e.what());
      }
    }
    fail("property values cannot be JSON objects other than temporal values");
  }

  Properties props(const char* key) const {
    Properties out;
    const JValue* v = find(key);
    if (!v) return out;
    if (!v->IsObject()) fail(std::string("\"") + key + "\" must be an object");
    out.reserve(v->MemberCount());
    for (const auto& m : v->GetObject()) {
      PropValue pv = value(m.value);
      if (!pv.is_null()) out.emplace_back(std::string(m.name.GetString(), m.name.GetStringLength()), std::move(pv));
    }
    return out;
  }

 private:
  const std::string& where_;
  Element element_;
  const JValue& obj_;
};

void check_header(const JValue& root, const std::string& where) {
  const char* foreign = "not a bangfu graph (no \"format\": \"bangfu-graph\" header)";
  if (!root.IsObject()) throw GraphError(where + ": " + foreign);
  auto fmt = root.FindMember("format");
  if (fmt == root.MemberEnd() || !fmt->value.IsString() || std::strcmp(fmt->value.GetString(), kGraphFormat) != 0)
    throw GraphError(where + ": " + foreign);
  auto ver = root.FindMember("version");
  if (ver == root.MemberEnd() || !ver->value.IsInt() || ver->value.GetInt() < 1)
    throw GraphError(where + ": bad or missing format version");
  int version = ver->value.GetInt();
  if (version > kGraphFormatVersion)
    throw GraphError(where + ": written by a newer bangfu: format version " + std::to_string(version) +
                     ", this build reads <= " + std::to_string(kGraphFormatVersion));
}

// Saved table index -> id in the new graph (tables may differ when the schema grew).
template <class Intern>
std::vector<std::uint16_t> read_table(const Fields& root, const char* key, Intern intern) {
  std::vector<std::uint16_t> map;
  for (const auto& name : root.strings(key)) map.push_back(intern(name));
  return map;
}

std::uint16_t mapped(const std::vector<std::uint16_t>& map, std::uint32_t saved, const Fields& f, const char* what) {
  if (saved >= map.size()) f.fail(std::string(what) + " " + std::to_string(saved) + " is not in the file's table");
  return map[saved];
}

void claim(SavedIds& ids, std::uint32_t id, std::uint32_t value, const Fields& f) {
  switch (ids.claim(id, value)) {
    case SavedIds::Claim::kOk: return;
    case SavedIds::Claim::kTooLarge: f.fail("id " + std::to_string(id) + " is not below the header's next id");
    case SavedIds::Claim::kDuplicate: f.fail("duplicate id " + std::to_string(id));
  }
}

void read_documents(Graph& g, const Fields& root, const std::string& where) {
  const JValue* docs = root.array("documents");
  if (!docs) return;
  std::size_t i = 0;
  for (const auto& d : docs->GetArray()) {
    Fields f(where, {"document", i++}, d);
    DocumentInfo info;
    info.id = f.str("id");
    if (info.id.empty()) f.fail("missing \"id\"");
    if (g.document(info.id)) f.fail("duplicate document id \"" + info.id + "\"");
    info.content_hash = f.str("hash");
    info.title = f.str("title");
    info.date = f.str("date");
    info.source = f.str("source");
    info.url = f.str("url");
    info.path = f.str("path");
    g.add_document(std::move(info));
  }
}

void read_nodes(Graph& g, const Fields& root, const std::string& where, const std::vector<std::uint16_t>& labels,
                SavedIds& ids) {
  const JValue* nodes = root.array("nodes", true);
  g.reserve_nodes(nodes->Size());
  std::size_t i = 0;
  for (const auto& n : nodes->GetArray()) {
    Fields f(where, {"node", i++}, n);
    NodeData data;
    data.id = f.u32("id");
    claim(ids, data.id, static_cast<std::uint32_t>(g.node_count()), f);
    if (const JValue* ls = f.array("labels")) {
      data.labels.reserve(ls->Size());
      for (const auto& l : ls->GetArray()) {
        if (!l.IsUint()) f.fail("\"labels\" must hold label ids");
        data.labels.push_back(mapped(labels, l.GetUint(), f, "label"));
      }
    }
    data.name = f.str("name");
    data.aliases = f.strings("aliases");
    data.props = f.props("props");
    if (const JValue* ds = f.array("docs")) {
      for (const auto& d : ds->GetArray()) {
        if (!d.IsUint() || d.GetUint() >= g.documents().size()) f.fail("\"docs\" must hold indices into \"documents\"");
        data.docs.push_back(d.GetUint());
      }
    }
    g.restore_node(std::move(data));
  }
}

Evidence read_evidence(const JValue& v, const std::string& where, std::size_t edge) {
  Fields f(where, {"edge", edge, " evidence"}, v);
  Evidence ev;
  ev.doc = f.str("doc");
  ev.sentence = f.str("sentence");
  ev.begin = f.u32_or("begin", 0);
  ev.end = f.u32_or("end", 0);
  ev.rule = f.str("rule");
  ev.date = f.str("date");
  ev.date_rule = f.str("date_rule");
  ev.event_date = f.str("event_date");
  ev.event_rule = f.str("event_rule");
  if (const JValue* c = f.find("confidence")) {
    if (!c->IsNumber()) f.fail("\"confidence\" must be a number");
    ev.confidence = static_cast<float>(c->GetDouble());
  }
  return ev;
}

std::uint32_t end_vertex(const JValue& edge, const char* key, const SavedIds& nodes) {
  auto it = edge.FindMember(key);
  if (it == edge.MemberEnd() || !it->value.IsUint()) return SavedIds::kNone;
  return nodes.find(it->value.GetUint());
}

// Counts every node's out- and in-edges first so its edge vectors are allocated once, at their size.
// Malformed edges are skipped here and reported by read_edges.
void reserve_adjacency(Graph& g, const JValue& edges, const SavedIds& nodes) {
  std::vector<std::uint32_t> out(g.node_count(), 0), in(g.node_count(), 0);
  for (const auto& e : edges.GetArray()) {
    if (!e.IsObject()) continue;
    auto src = end_vertex(e, "src", nodes), dst = end_vertex(e, "dst", nodes);
    if (src == SavedIds::kNone || dst == SavedIds::kNone) continue;
    ++out[src];
    ++in[dst];
  }
  for (std::size_t v = 0; v < out.size(); ++v)
    if (out[v] || in[v]) g.reserve_adjacency(v, out[v], in[v]);
}

void read_edges(Graph& g, const Fields& root, const std::string& where, const std::vector<std::uint16_t>& types,
                const SavedIds& nodes, std::uint32_t next_id) {
  const JValue* edges = root.array("edges", true);
  reserve_adjacency(g, *edges, nodes);
  SavedIds ids(next_id, edges->Size());
  std::size_t i = 0;
  for (const auto& e : edges->GetArray()) {
    std::size_t index = i++;
    Fields f(where, {"edge", index}, e);
    std::uint32_t id = f.u32("id");
    claim(ids, id, 0, f);
    std::uint32_t src_id = f.u32("src"), dst_id = f.u32("dst");
    auto src = nodes.find(src_id), dst = nodes.find(dst_id);
    if (src == SavedIds::kNone || dst == SavedIds::kNone)
      f.fail("dangling edge: node " + std::to_string(src != SavedIds::kNone ? dst_id : src_id) + " does not exist");
    std::uint16_t type = mapped(types, f.u32("type"), f, "relation type");
    EdgeExtra extra;
    extra.props = f.props("props");
    if (const JValue* evs = f.array("evidence")) {
      extra.evidence.reserve(evs->Size());
      for (const auto& ev : evs->GetArray()) extra.evidence.push_back(read_evidence(ev, where, index));
    }
    g.restore_edge(src, dst, id, type, std::move(extra));
  }
}

}  // namespace

void load_checked(char* text, std::size_t size, const std::string& where, Graph& g) {
  std::string_view view(text, size);
  if (view.find_first_not_of(" \t\r\n") == std::string_view::npos)
    throw GraphError(where + ": empty file, not a bangfu graph");
  std::size_t last = view.find_last_not_of(" \t\r\n");  // before the in-situ parse overwrites the text
  rapidjson::Document doc;
  rapidjson::InsituStringStream stream(text);
  bool too_deep = false;
  rapidjson::ParseResult parsed = parse_bounded<kParseFlags | rapidjson::kParseInsituFlag>(doc, stream, too_deep);
  if (too_deep)
    throw GraphError(where + ": " + depth_error() + " at offset " + std::to_string(parsed.Offset()) +
                     " (no saved graph nests this deep)");
  if (parsed.IsError()) {
    bool at_end = parsed.Offset() >= last;
    throw GraphError(where + ": malformed JSON at offset " + std::to_string(parsed.Offset()) + ": " +
                     rapidjson::GetParseError_En(parsed.Code()) + (at_end ? " (truncated file?)" : ""));
  }
  check_header(doc, where);
  Fields root(where, {"header"}, doc);
  std::uint32_t next_node = root.u32("next_node_id");
  std::uint32_t next_edge = root.u32("next_edge_id");

  auto labels = read_table(root, "labels", [&](const std::string& s) { return g.intern_label(s); });
  auto types = read_table(root, "types", [&](const std::string& s) { return g.intern_type(s); });
  read_documents(g, root, where);
  try {
    const JValue* nodes = root.array("nodes", true);
    SavedIds node_ids(next_node, nodes->Size());
    read_nodes(g, root, where, labels, node_ids);
    read_edges(g, root, where, types, node_ids, next_edge);
  } catch (const GraphError& e) {
    std::string what = e.what();
    if (what.rfind(where, 0) == 0) throw;
    throw GraphError(where + ": " + what);  // from Graph::restore_*
  }
  g.reserve_ids(next_node, next_edge);
}

}  // namespace bangfu::graph
