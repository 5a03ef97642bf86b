#include "graph/storage.hpp"

#include <fcntl.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/filewritestream.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>

namespace bangfu::graph {

namespace {

namespace fs = std::filesystem;
constexpr unsigned kWriteFlags = rapidjson::kWriteNanAndInfFlag;
constexpr unsigned kParseFlags = rapidjson::kParseNanAndInfFlag | rapidjson::kParseFullPrecisionFlag;

// ---- writing ----

template <class W>
void write_string(W& w, const std::string& s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

template <class W>
void write_value(W& w, const PropValue& value) {
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>) w.Null();
        else if constexpr (std::is_same_v<T, bool>) w.Bool(x);
        else if constexpr (std::is_same_v<T, std::int64_t>) w.Int64(x);
        else if constexpr (std::is_same_v<T, double>) w.Double(x);
        else if constexpr (std::is_same_v<T, std::string>) write_string(w, x);
        else {
          w.StartArray();
          for (const auto& item : x) write_value(w, item);
          w.EndArray();
        }
      },
      value.v);
}

template <class W>
void write_props(W& w, const char* key, const Properties& props) {
  if (props.empty()) return;
  w.Key(key);
  w.StartObject();
  for (const auto& [k, v] : props) {
    write_string(w, k);
    write_value(w, v);
  }
  w.EndObject();
}

template <class W>
void write_strings(W& w, const std::vector<std::string>& items) {
  w.StartArray();
  for (const auto& s : items) write_string(w, s);
  w.EndArray();
}

template <class W>
void write_field(W& w, const char* key, const std::string& value) {
  if (value.empty()) return;
  w.Key(key);
  write_string(w, value);
}

template <class W>
void write_documents(W& w, const Graph& g, std::vector<std::int64_t>& remap) {
  // Removed documents leave empty slots in the graph; the file stores only live ones.
  remap.assign(g.documents().size(), -1);
  w.Key("documents");
  w.StartArray();
  std::int64_t next = 0;
  for (std::size_t i = 0; i < g.documents().size(); ++i) {
    const auto& d = g.documents()[i];
    if (d.id.empty()) continue;
    remap[i] = next++;
    w.StartObject();
    write_field(w, "id", d.id);
    write_field(w, "hash", d.content_hash);
    write_field(w, "title", d.title);
    write_field(w, "date", d.date);
    write_field(w, "source", d.source);
    write_field(w, "url", d.url);
    write_field(w, "path", d.path);
    w.EndObject();
  }
  w.EndArray();
}

template <class W>
void write_node(W& w, const NodeData& n, const std::vector<std::int64_t>& doc_remap) {
  w.StartObject();
  w.Key("id");
  w.Uint(n.id);
  w.Key("labels");
  w.StartArray();
  for (auto l : n.labels) w.Uint(l);
  w.EndArray();
  write_field(w, "name", n.name);
  if (!n.aliases.empty()) {
    w.Key("aliases");
    write_strings(w, n.aliases);
  }
  write_props(w, "props", n.props);
  bool any_doc = false;
  for (auto d : n.docs) {
    if (d >= doc_remap.size() || doc_remap[d] < 0) continue;
    if (!any_doc) {
      w.Key("docs");
      w.StartArray();
      any_doc = true;
    }
    w.Int64(doc_remap[d]);
  }
  if (any_doc) w.EndArray();
  w.EndObject();
}

template <class W>
void write_evidence(W& w, const Evidence& ev) {
  w.StartObject();
  write_field(w, "doc", ev.doc);
  write_field(w, "sentence", ev.sentence);
  w.Key("begin");
  w.Uint(ev.begin);
  w.Key("end");
  w.Uint(ev.end);
  write_field(w, "rule", ev.rule);
  w.Key("confidence");
  w.Double(ev.confidence);
  w.EndObject();
}

template <class W>
void write_edge(W& w, const Graph& g, Graph::Edge e) {
  const auto& a = g.adjacency();
  w.StartObject();
  w.Key("id");
  w.Uint(g.edge(e).id);
  w.Key("src");
  w.Uint(g.node(boost::source(e, a)).id);
  w.Key("dst");
  w.Uint(g.node(boost::target(e, a)).id);
  w.Key("type");
  w.Uint(g.edge(e).type);
  write_props(w, "props", g.edge_properties(e));
  const auto& evs = g.evidence(e);
  if (!evs.empty()) {
    w.Key("evidence");
    w.StartArray();
    for (const auto& ev : evs) write_evidence(w, ev);
    w.EndArray();
  }
  w.EndObject();
}

template <class W>
void write_graph(W& w, const Graph& g) {
  w.StartObject();
  w.Key("format");
  w.String(kGraphFormat);
  w.Key("version");
  w.Int(kGraphFormatVersion);
  w.Key("next_node_id");
  w.Uint(g.next_node_id());
  w.Key("next_edge_id");
  w.Uint(g.next_edge_id());
  w.Key("node_count");
  w.Uint64(g.node_count());
  w.Key("edge_count");
  w.Uint64(g.edge_count());
  w.Key("labels");
  write_strings(w, g.labels());
  w.Key("types");
  write_strings(w, g.types());
  std::vector<std::int64_t> doc_remap;
  write_documents(w, g, doc_remap);
  const auto& a = g.adjacency();
  w.Key("nodes");
  w.StartArray();
  for (auto [vi, ve] = boost::vertices(a); vi != ve; ++vi) write_node(w, a[*vi], doc_remap);
  w.EndArray();
  w.Key("edges");
  w.StartArray();
  for (auto [ei, ee] = boost::edges(a); ei != ee; ++ei) write_edge(w, g, *ei);
  w.EndArray();
  w.EndObject();
}

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

std::string errno_text() { return std::strerror(errno); }

void sync_folder(const fs::path& folder) {
  int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;  // best effort: the rename itself already happened
  ::fsync(fd);
  ::close(fd);
}

// ---- reading ----

using JValue = rapidjson::Value;

// Reads fields of one JSON object, naming the file and element in every error.
class Fields {
 public:
  Fields(const std::string& where, std::string element, const JValue& obj) : where_(where), element_(std::move(element)), obj_(obj) {
    if (!obj.IsObject()) fail("must be a JSON object");
  }

  [[noreturn]] void fail(const std::string& what) const {
    throw GraphError(where_ + ": " + element_ + ": " + what);
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
    fail("property values cannot be JSON objects");
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
  std::string element_;
  const JValue& obj_;
};

std::string element_name(const char* kind, std::size_t index) { return std::string(kind) + " #" + std::to_string(index); }

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

// Ids must be below the header's next id and unique.
void claim_id(std::vector<bool>& seen, std::uint32_t id, const Fields& f) {
  if (id >= seen.size()) f.fail("id " + std::to_string(id) + " is not below the header's next id");
  if (seen[id]) f.fail("duplicate id " + std::to_string(id));
  seen[id] = true;
}

void read_documents(Graph& g, const Fields& root, const std::string& where) {
  const JValue* docs = root.array("documents");
  if (!docs) return;
  std::size_t i = 0;
  for (const auto& d : docs->GetArray()) {
    Fields f(where, element_name("document", i++), d);
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
                std::uint32_t next_id) {
  const JValue* nodes = root.array("nodes", true);
  std::vector<bool> seen(next_id, false);
  std::size_t i = 0;
  for (const auto& n : nodes->GetArray()) {
    Fields f(where, element_name("node", i++), n);
    NodeData data;
    data.id = f.u32("id");
    claim_id(seen, data.id, f);
    if (const JValue* ls = f.array("labels")) {
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

Evidence read_evidence(const JValue& v, const std::string& where, const std::string& element) {
  Fields f(where, element + " evidence", v);
  Evidence ev;
  ev.doc = f.str("doc");
  ev.sentence = f.str("sentence");
  ev.begin = f.u32_or("begin", 0);
  ev.end = f.u32_or("end", 0);
  ev.rule = f.str("rule");
  if (const JValue* c = f.find("confidence")) {
    if (!c->IsNumber()) f.fail("\"confidence\" must be a number");
    ev.confidence = static_cast<float>(c->GetDouble());
  }
  return ev;
}

void read_edges(Graph& g, const Fields& root, const std::string& where, const std::vector<std::uint16_t>& types,
                std::uint32_t next_id) {
  const JValue* edges = root.array("edges", true);
  std::vector<bool> seen(next_id, false);
  std::size_t i = 0;
  for (const auto& e : edges->GetArray()) {
    std::string element = element_name("edge", i++);
    Fields f(where, element, e);
    std::uint32_t id = f.u32("id");
    claim_id(seen, id, f);
    std::uint32_t src_id = f.u32("src"), dst_id = f.u32("dst");
    auto src = g.vertex_by_id(src_id);
    auto dst = g.vertex_by_id(dst_id);
    if (!src || !dst) f.fail("dangling edge: node " + std::to_string(src ? dst_id : src_id) + " does not exist");
    std::uint16_t type = mapped(types, f.u32("type"), f, "relation type");
    EdgeExtra extra;
    extra.props = f.props("props");
    if (const JValue* evs = f.array("evidence")) {
      extra.evidence.reserve(evs->Size());
      for (const auto& ev : evs->GetArray()) extra.evidence.push_back(read_evidence(ev, where, element));
    }
    g.restore_edge(*src, *dst, id, type, std::move(extra));
  }
}

}  // namespace

std::string graph_to_json(const Graph& graph) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer, rapidjson::UTF8<>, rapidjson::UTF8<>, rapidjson::CrtAllocator, kWriteFlags>
      w(buffer);
  write_graph(w, graph);
  return std::string(buffer.GetString(), buffer.GetSize());
}

void save_graph(const Graph& graph, const std::string& path) {
  fs::path target(path);
  if (target.filename().empty()) throw GraphError("cannot write graph to '" + path + "': not a file name");
  fs::path tmp = target;
  tmp += ".tmp." + std::to_string(::getpid());
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(tmp.c_str(), "wb"));
  if (!file) throw GraphError("cannot write graph to '" + path + "': " + errno_text());

  char buffer[1 << 16];
  rapidjson::FileWriteStream out(file.get(), buffer, sizeof buffer);
  rapidjson::Writer<rapidjson::FileWriteStream, rapidjson::UTF8<>, rapidjson::UTF8<>, rapidjson::CrtAllocator, kWriteFlags>
      w(out);
  write_graph(w, graph);
  out.Put('\n');
  out.Flush();
  bool ok = !std::ferror(file.get()) && std::fflush(file.get()) == 0 && ::fsync(fileno(file.get())) == 0;
  std::string why = ok ? "" : errno_text();
  if (std::fclose(file.release()) != 0 && ok) {
    ok = false;
    why = errno_text();
  }
  if (!ok) {
    std::error_code ignored;
    fs::remove(tmp, ignored);
    throw GraphError("cannot write graph to '" + path + "': " + why);
  }
  if (std::rename(tmp.c_str(), target.c_str()) != 0) {
    why = errno_text();
    std::error_code ignored;
    fs::remove(tmp, ignored);
    throw GraphError("cannot write graph to '" + path + "': " + why);
  }
  sync_folder(target.parent_path());
}

Graph graph_from_json(std::string text, const std::string& where) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) throw GraphError(where + ": empty file, not a bangfu graph");
  std::size_t last = text.find_last_not_of(" \t\r\n");  // before the in-situ parse overwrites the text
  rapidjson::Document doc;
  doc.ParseInsitu<kParseFlags | rapidjson::kParseInsituFlag>(text.data());
  if (doc.HasParseError()) {
    bool at_end = doc.GetErrorOffset() >= last;
    throw GraphError(where + ": malformed JSON at offset " + std::to_string(doc.GetErrorOffset()) + ": " +
                     rapidjson::GetParseError_En(doc.GetParseError()) + (at_end ? " (truncated file?)" : ""));
  }
  check_header(doc, where);
  Fields root(where, "header", doc);
  std::uint32_t next_node = root.u32("next_node_id");
  std::uint32_t next_edge = root.u32("next_edge_id");

  Graph g;
  auto labels = read_table(root, "labels", [&](const std::string& s) { return g.intern_label(s); });
  auto types = read_table(root, "types", [&](const std::string& s) { return g.intern_type(s); });
  read_documents(g, root, where);
  try {
    read_nodes(g, root, where, labels, next_node);
    read_edges(g, root, where, types, next_edge);
  } catch (const GraphError& e) {
    std::string what = e.what();
    if (what.rfind(where, 0) == 0) throw;
    throw GraphError(where + ": " + what);  // from Graph::restore_*
  }
  g.reserve_ids(next_node, next_edge);
  return g;
}

Graph load_graph(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw GraphError(path + ": no such graph file");
  if (fs::is_directory(path, ec)) throw GraphError(path + ": is a folder, not a graph file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw GraphError(path + ": cannot open: " + errno_text());
  std::string text;
  in.seekg(0, std::ios::end);
  auto size = in.tellg();
  if (size < 0) throw GraphError(path + ": cannot read: " + errno_text());
  text.resize(static_cast<std::size_t>(size));
  in.seekg(0);
  in.read(text.data(), size);
  if (!in) throw GraphError(path + ": cannot read: " + errno_text());
  return graph_from_json(std::move(text), path);
}

}  // namespace bangfu::graph
