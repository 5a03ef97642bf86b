#include "graph/storage.hpp"

#include <fcntl.h>
#include <rapidjson/filewritestream.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string_view>
#include <unordered_map>

#include "graph/json_depth.hpp"
#include "graph/load_checked.hpp"
#include "graph/load_stream.hpp"
#include "graph/mapped_file.hpp"
#include "graph/replace_file.hpp"
#include "graph/snapshot.hpp"

namespace bangfu::graph {

namespace {

namespace fs = std::filesystem;
constexpr unsigned kWriteFlags = rapidjson::kWriteNanAndInfFlag;

// ---- writing ----

template <class W>
void write_string(W& w, const std::string& s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

// Property lists nest; the readers stop past kMaxJsonDepth, so a value nested deeper than a saved
// graph may be is refused here rather than written into a file nothing could read back.
constexpr unsigned kMaxValueDepth = kMaxJsonDepth - 4;  // root, nodes/edges, element, props

template <class W>
void write_value(W& w, const PropValue& value, unsigned depth = 0) {
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>) w.Null();
        else if constexpr (std::is_same_v<T, bool>) w.Bool(x);
        else if constexpr (std::is_same_v<T, std::int64_t>) w.Int64(x);
        else if constexpr (std::is_same_v<T, double>) w.Double(x);
        else if constexpr (std::is_same_v<T, std::string>) write_string(w, x);
        else if constexpr (std::is_same_v<T, temporal::Temporal>) {
          // {"temporal": "Date", "value": "2023-07-28"}: the kind and its ISO text, read back by parse().
          w.StartObject();
          w.Key("temporal");
          w.String(temporal::kind_name(x.kind));
          w.Key("value");
          write_string(w, temporal::to_string(x));
          w.EndObject();
        } else {
          if (depth >= kMaxValueDepth)
            throw GraphError("a property value nests lists deeper than " + std::to_string(kMaxValueDepth) + " levels");
          w.StartArray();
          for (const auto& item : x) write_value(w, item, depth + 1);
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
void write_field(W& w, const char* key, const Text& value) {  // evidence texts: no std::string made
  if (value.empty()) return;
  w.Key(key);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

template <class W>
void write_field(W& w, const char* key, const Symbol& value) {
  write_field(w, key, value.text());
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
  write_field(w, "date", ev.date);
  write_field(w, "date_rule", ev.date_rule);
  write_field(w, "event_date", ev.event_date);
  write_field(w, "event_rule", ev.event_rule);
  w.Key("confidence");
  w.Double(ev.confidence);
  w.EndObject();
}

template <class W>
void write_edge(W& w, const Graph& g, Graph::Edge e) {
  w.StartObject();
  w.Key("id");
  w.Uint(g.edge(e).id);
  w.Key("src");
  w.Uint(g.node(Graph::source(e)).id);
  w.Key("dst");
  w.Uint(g.node(Graph::target(e)).id);
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
  w.Key("nodes");
  w.StartArray();
  for (auto vi : g.vertices()) write_node(w, g.node(vi), doc_remap);
  w.EndArray();
  w.Key("edges");
  w.StartArray();
  for (auto ei : g.edges()) write_edge(w, g, ei);
  w.EndArray();
  w.EndObject();
}

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

std::string errno_text() { return std::strerror(errno); }


}  // namespace

std::string graph_to_json(const Graph& graph) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer, rapidjson::UTF8<>, rapidjson::UTF8<>, rapidjson::CrtAllocator, kWriteFlags>
      w(buffer);
  write_graph(w, graph);
  return std::string(buffer.GetString(), buffer.GetSize());
}

void save_graph(const Graph& graph, const std::string& path) {
  if (has_snapshot_extension(path)) return save_snapshot(graph, path);  // binary snapshot: graph/snapshot.hpp
  replace_file(
      path,
      [&](std::FILE* file) {
        char buffer[1 << 16];
        rapidjson::FileWriteStream out(file, buffer, sizeof buffer);
        rapidjson::Writer<rapidjson::FileWriteStream, rapidjson::UTF8<>, rapidjson::UTF8<>, rapidjson::CrtAllocator,
                          kWriteFlags>
            w(out);
        write_graph(w, graph);
        out.Put('\n');
        out.Flush();
      },
      "cannot write graph to ");
}

namespace {

// `text` is NUL-terminated. Most files take the streaming reader; the checked one reads the rest and
// words the error when there is one (it parses in place, so it must come last). One Graph, returned
// by name, because a Graph cannot be moved without copying its adjacency list.
Graph parse_graph(char* text, std::size_t size, const std::string& where) {
  Graph g;
  if (!load_stream(text, size, g)) {
    g = Graph();  // drops what the streaming reader built before it stopped
    load_checked(text, size, where, g);
  }
  return g;
}

}  // namespace

Graph graph_from_json(std::string text, const std::string& where) { return parse_graph(text.data(), text.size(), where); }

namespace {

// The whole file, NUL-terminated and writable, for load_checked's in-place parse.
std::unique_ptr<char[]> read_text(const std::string& path, std::size_t& size) {
  std::error_code ec;
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) throw GraphError(path + ": cannot open: " + errno_text());
  size = fs::file_size(path, ec);
  if (ec) throw GraphError(path + ": cannot read: " + ec.message());
  // Not a std::string: resize() would first zero the whole buffer.
  auto text = std::make_unique_for_overwrite<char[]>(size + 1);
  std::size_t got = std::fread(text.get(), 1, size, file.get());
  if (got != size || std::ferror(file.get())) throw GraphError(path + ": cannot read: " + errno_text());
  text[size] = '\0';
  return text;
}

}  // namespace

Graph load_graph(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw GraphError(path + ": no such graph file");
  if (fs::is_directory(path, ec)) throw GraphError(path + ": is a folder, not a graph file");
  // A FIFO or device would block the open or never end: graphs are regular files.
  if (!fs::is_regular_file(path, ec)) throw GraphError(path + ": not a regular file, not a graph file");
  if (is_snapshot_file(path)) return load_snapshot(path);  // either format, told apart by the first bytes
  Graph g;  // one Graph returned by name: see parse_graph
  bool streamed = false;
  {
    MappedFile file(path);
    streamed = load_stream(file.data(), file.size(), g);
  }
  if (!streamed) {
    // Slower (a JSON tree of the whole file): worth knowing when a big graph takes this way.
    spdlog::debug("{}: not in save_graph's layout or damaged; reading it with the checked reader", path);
    g = Graph();
    std::size_t size = 0;
    auto text = read_text(path, size);
    load_checked(text.get(), size, path, g);
  }
  return g;
}

}  // namespace bangfu::graph
