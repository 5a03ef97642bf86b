#include "graph/csv_import.hpp"

#include <cerrno>
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <unordered_map>

namespace bangfu::graph {

namespace {

// Where `s` stops being UTF-8 (shortest forms, no surrogates, at most U+10FFFF); npos when it is.
std::size_t invalid_utf8_at(std::string_view s) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = byte(i);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return i;
    unsigned char lo = 0x80, hi = 0xBF;  // the second byte's range (RFC 3629's table)
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
    if (byte(i + 1) < lo || byte(i + 1) > hi) return i;
    for (std::size_t k = 2; k < len; ++k)
      if ((byte(i + k) & 0xC0) != 0x80) return i;
    i += len;
  }
  return std::string_view::npos;
}

// RFC 4180 records from a whole file in memory; fields stay valid until the next call to next().
class CsvReader {
 public:
  CsvReader(const std::string& path, const CsvDecoder& decode) : path_(path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw GraphError(path + ": cannot open: " + std::strerror(errno));
    in.seekg(0, std::ios::end);
    text_.resize(static_cast<std::size_t>(in.tellg()));
    in.seekg(0);
    in.read(text_.data(), static_cast<std::streamsize>(text_.size()));
    if (!in) throw GraphError(path + ": cannot read: " + std::strerror(errno));
    if (decode) text_ = decode(path, std::move(text_));
    if (text_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;
    // Raw GBK or Latin-1 bytes would go into names and the graph file as they are: refused, with where.
    if (std::size_t bad = invalid_utf8_at(text_); bad != std::string_view::npos) {
      std::size_t line = 1 + static_cast<std::size_t>(std::count(text_.begin(), text_.begin() + bad, '\n'));
      std::size_t line_start = text_.rfind('\n', bad == 0 ? 0 : bad - 1);
      std::size_t column = bad - (line_start == std::string::npos || bad == 0 ? 0 : line_start + 1) + 1;
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text_[bad]));
      throw GraphError(path + ":" + std::to_string(line) + ": not UTF-8 (byte " + hex + " at byte column " +
                       std::to_string(column) + "); save the file as UTF-8, or name its encoding with --encoding "
                       "(e.g. --encoding GBK)");
    }
  }

  // Reads the next non-blank record into `fields`; false at the end of the file.
  bool next(std::vector<std::string_view>& fields) {
    while (pos_ < text_.size()) {
      read_record();
      fields.clear();
      for (auto [b, n] : spans_) fields.emplace_back(scratch_.data() + b, n);
      if (!(fields.size() == 1 && fields[0].empty())) return true;
    }
    return false;
  }

  [[noreturn]] void fail(const std::string& what) const {
    throw GraphError(path_ + ":" + std::to_string(record_line_) + ": " + what);
  }
  const std::string& path() const { return path_; }
  std::size_t position() const { return pos_; }  // bytes read so far
  std::size_t size() const { return text_.size(); }

 private:
  void read_record() {
    record_line_ = line_;
    spans_.clear();
    scratch_.clear();
    for (;;) {
      std::size_t start = scratch_.size();
      if (pos_ < text_.size() && text_[pos_] == '"') read_quoted();
      else read_plain();
      spans_.emplace_back(start, scratch_.size() - start);
      if (pos_ >= text_.size()) return;
      char c = text_[pos_++];
      if (c == ',') continue;
      if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
      ++line_;
      return;
    }
  }

  void read_plain() {
    std::size_t end = text_.find_first_of(",\r\n", pos_);
    if (end == std::string::npos) end = text_.size();
    scratch_.append(text_, pos_, end - pos_);
    pos_ = end;
  }

  void read_quoted() {
    ++pos_;
    for (;;) {
      std::size_t q = text_.find('"', pos_);
      if (q == std::string::npos) fail("quoted field never closed (missing '\"')");
      for (std::size_t i = pos_; i < q; ++i) line_ += text_[i] == '\n';
      scratch_.append(text_, pos_, q - pos_);
      pos_ = q + 1;
      if (pos_ < text_.size() && text_[pos_] == '"') {
        scratch_ += '"';
        ++pos_;
        continue;
      }
      break;
    }
    if (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\r' && text_[pos_] != '\n')
      fail("unexpected text after a closing quote");
  }

  std::string path_, text_, scratch_;
  std::vector<std::pair<std::size_t, std::size_t>> spans_;
  std::size_t pos_ = 0, line_ = 1, record_line_ = 1;
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool is_integer(std::string_view s) {
  if (!s.empty() && s.front() == '-') s.remove_prefix(1);
  if (s.empty() || s.size() > 18 || (s.size() > 1 && s.front() == '0')) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

bool is_decimal(std::string_view s) {
  if (!s.empty() && s.front() == '-') s.remove_prefix(1);
  auto dot = s.find('.');
  if (dot == std::string_view::npos || dot == 0) return false;
  std::size_t i = 0;
  for (; i < s.size() && s[i] != 'e' && s[i] != 'E'; ++i)
    if (i != dot && (s[i] < '0' || s[i] > '9')) return false;
  if (i == dot + 1) return false;
  if (i == s.size()) return true;
  ++i;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  if (i == s.size()) return false;
  for (; i < s.size(); ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

PropValue typed_value(std::string_view s) {
  if (s == "true") return PropValue(true);
  if (s == "false") return PropValue(false);
  if (is_integer(s)) {
    std::int64_t v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return PropValue(v);
  }
  if (is_decimal(s)) {
    double d = 0;
    std::from_chars(s.data(), s.data() + s.size(), d);
    return PropValue(d);
  }
  return PropValue(std::string(s));
}

template <class F>
void split_list(std::string_view s, F each) {
  while (!s.empty()) {
    auto cut = s.find(';');
    auto item = trim(s.substr(0, cut));
    if (!item.empty()) each(item);
    if (cut == std::string_view::npos) break;
    s.remove_prefix(cut + 1);
  }
}

// Column positions from a header row; the named ones are taken out of the property columns.
struct Header {
  std::vector<std::string> names;
  std::vector<bool> is_property;

  Header(CsvReader& csv, const char* kind) {
    std::vector<std::string_view> fields;
    if (!csv.next(fields)) csv.fail(std::string("empty file: expected a header row naming the ") + kind + " columns");
    for (auto f : fields) names.emplace_back(trim(f));
    is_property.assign(names.size(), true);
    // A second column of a name would silently lose one of the two values on every row.
    for (std::size_t i = 0; i < names.size(); ++i)
      for (std::size_t j = 0; j < i; ++j)
        if (!names[i].empty() && names[i] == names[j])
          csv.fail("column \"" + names[i] + "\" appears twice in the header (columns " + std::to_string(j + 1) +
                   " and " + std::to_string(i + 1) + ")");
  }

  std::optional<std::size_t> take(const char* name) {
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i] == name) {
        is_property[i] = false;
        return i;
      }
    return std::nullopt;
  }

  std::size_t require(CsvReader& csv, const char* name) {
    auto i = take(name);
    if (!i) csv.fail(std::string("header lacks the \"") + name + "\" column");
    return *i;
  }

  void check_width(CsvReader& csv, const std::vector<std::string_view>& fields) const {
    if (fields.size() != names.size())
      csv.fail("expected " + std::to_string(names.size()) + " fields as in the header, found " +
               std::to_string(fields.size()));
  }

  Properties properties(const std::vector<std::string_view>& fields) const {
    Properties props;
    for (std::size_t i = 0; i < fields.size(); ++i)
      if (is_property[i] && !names[i].empty() && !fields[i].empty()) props.emplace_back(names[i], typed_value(fields[i]));
    return props;
  }
};

class Importer {
 public:
  Importer(Graph& g, const ProgressFn& progress, std::uint64_t total_bytes) : g_(g), progress_(progress) {
    seen_.total_bytes = total_bytes;
  }

  // Every few hundred rows and at the end of each file: rows so far, bytes of the files before and of this one.
  void row_done(const CsvReader& csv, bool file_end = false) {
    ++seen_.items;
    if (!progress_ || (!file_end && seen_.items % 256 != 0)) return;
    seen_.bytes = files_done_ + csv.position();
    progress_(seen_);
  }
  void file_done(const CsvReader& csv) {
    --seen_.items;  // row_done counts one: the file's end is not a row
    row_done(csv, true);
    files_done_ += csv.size();
  }

  void nodes(const std::string& path, const CsvDecoder& decode) {
    CsvReader csv(path, decode);
    Header h(csv, "node");
    std::size_t id_col = h.require(csv, "id");
    std::size_t name_col = h.require(csv, "name");  // a nameless node can be neither found nor shown
    auto type_col = h.take("type"), alias_col = h.take("aliases");
    std::vector<std::string_view> f;
    while (csv.next(f)) {
      h.check_width(csv, f);
      std::string id(trim(f[id_col]));
      if (id.empty()) csv.fail("empty node id");
      if (ids_.count(id)) csv.fail("node id '" + id + "' appears twice");
      NodeData data;
      data.name = std::string(trim(f[name_col]));
      if (data.name.empty()) csv.fail("empty name for node id '" + id + "'");
      if (type_col) data.labels = labels(f[*type_col]);
      if (alias_col) split_list(f[*alias_col], [&](std::string_view a) { data.aliases.emplace_back(a); });
      data.props = h.properties(f);
      ids_.emplace(std::move(id), place(std::move(data)));
      row_done(csv);
    }
    file_done(csv);
  }

  void edges(const std::string& path, const std::string& nodes_path, const CsvDecoder& decode) {
    CsvReader csv(path, decode);
    Header h(csv, "edge");
    std::size_t src_col = h.require(csv, "src"), dst_col = h.require(csv, "dst"), rel_col = h.require(csv, "rel");
    auto ev_col = h.take("evidence"), doc_col = h.take("doc");
    std::vector<std::string_view> f;
    while (csv.next(f)) {
      h.check_width(csv, f);
      auto src = node(csv, f[src_col], "src", nodes_path);
      auto dst = node(csv, f[dst_col], "dst", nodes_path);
      auto rel = trim(f[rel_col]);
      if (rel.empty()) csv.fail("empty rel");
      EdgeExtra extra;
      extra.props = h.properties(f);
      if (ev_col && !f[*ev_col].empty()) {
        Evidence ev;
        ev.sentence = std::string(f[*ev_col]);
        if (doc_col) ev.doc = std::string(trim(f[*doc_col]));
        ev.rule = "csv";
        extra.evidence.push_back(std::move(ev));
      }
      g_.restore_edge(src, dst, g_.next_edge_id(), type(rel), std::move(extra));
      ++counts_.edges;
      row_done(csv);
    }
    file_done(csv);
  }

  const CsvImportCounts& counts() const { return counts_; }

 private:
  // Labels and relation types repeat on every row: intern each distinct spelling once.
  std::vector<std::uint16_t> labels(std::string_view cell) {
    key_.assign(cell);
    auto it = label_cache_.find(key_);
    if (it != label_cache_.end()) return it->second;
    std::vector<std::uint16_t> ids;
    split_list(cell, [&](std::string_view l) {
      auto id = g_.intern_label(l);
      if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    });
    return label_cache_.emplace(key_, std::move(ids)).first->second;
  }

  std::uint16_t type(std::string_view rel) {
    key_.assign(rel);
    auto it = type_cache_.find(key_);
    if (it != type_cache_.end()) return it->second;
    return type_cache_.emplace(key_, g_.intern_type(rel)).first->second;
  }

  Graph::Vertex node(CsvReader& csv, std::string_view cell, const char* column, const std::string& nodes_path) {
    key_.assign(trim(cell));
    auto it = ids_.find(key_);
    if (it == ids_.end()) csv.fail("unknown node id '" + key_ + "' in column " + column + " (not in " + nodes_path + ")");
    return it->second;
  }

  // An entity row whose name and schema type match an existing node enriches it instead of doubling it.
  Graph::Vertex place(NodeData data) {
    if (!data.name.empty() && !data.labels.empty()) {
      auto type = parse_entity_type(g_.label_name(data.labels.front()));
      auto found = type ? g_.find_canonical(data.name) : std::nullopt;
      if (found && g_.entity_type(*found) == type) {
        for (auto l : data.labels) g_.add_label(*found, g_.label_name(l));
        for (const auto& a : data.aliases) g_.add_alias(*found, a);
        for (auto& [k, v] : data.props) g_.set_node_property(*found, k, std::move(v));
        ++counts_.merged;
        return *found;
      }
    }
    data.id = g_.next_node_id();
    ++counts_.nodes;
    return g_.restore_node(std::move(data));
  }

  Graph& g_;
  const ProgressFn& progress_;
  Progress seen_;
  std::uint64_t files_done_ = 0;
  CsvImportCounts counts_;
  std::string key_;
  std::unordered_map<std::string, Graph::Vertex> ids_;
  std::unordered_map<std::string, std::vector<std::uint16_t>> label_cache_;
  std::unordered_map<std::string, std::uint16_t> type_cache_;
};

}  // namespace

CsvImportCounts import_csv(Graph& graph, const std::string& nodes_path, const std::string& edges_path,
                           const ProgressFn& progress, const CsvDecoder& decode) {
  std::uint64_t total = 0;
  if (progress) {
    std::error_code ec;  // a size that cannot be read leaves the total short; the reader reports the file
    for (const auto* p : {&nodes_path, &edges_path}) {
      if (p->empty()) continue;
      auto size = std::filesystem::file_size(*p, ec);
      if (!ec) total += size;
    }
  }
  Importer importer(graph, progress, total);
  importer.nodes(nodes_path, decode);
  if (!edges_path.empty()) importer.edges(edges_path, nodes_path, decode);
  return importer.counts();
}

}  // namespace bangfu::graph
