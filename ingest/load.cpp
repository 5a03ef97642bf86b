#include "ingest/load.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string_view>

#include "ingest/encoding.hpp"
#include "ingest/html.hpp"

namespace bangfu::ingest {

namespace fs = std::filesystem;

namespace {

enum class Format { text, html, json, jsonl, other };

Format format_of_extension(std::string ext) {
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".txt" || ext == ".md") return Format::text;
  if (ext == ".htm" || ext == ".html" || ext == ".xhtml") return Format::html;
  if (ext == ".json") return Format::json;
  if (ext == ".jsonl" || ext == ".ndjson") return Format::jsonl;
  return Format::other;
}

Format format_of(const fs::path& path) { return format_of_extension(path.extension().string()); }

// The file name of a path naming a file: what follows its last slash.
std::string_view file_name(std::string_view path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// For a name not starting with a dot, the same as format_of(path), without building paths.
Format format_of_name(std::string_view name) {
  std::size_t dot = name.rfind('.');
  return dot == std::string_view::npos ? Format::other : format_of_extension(std::string(name.substr(dot)));
}

// The order std::filesystem::path gives, component by component, on the strings: a separator sorts before
// any other byte. Comparing paths themselves costs their parsed component lists.
bool path_less(std::string_view a, std::string_view b) {
  std::size_t n = std::min(a.size(), b.size()), i = 0;
  // Paths from one folder share a long prefix: skip it eight bytes at a time.
  for (; i + 8 <= n && std::memcmp(a.data() + i, b.data() + i, 8) == 0; i += 8) {
  }
  for (; i < n; ++i) {
    if (a[i] == b[i]) continue;
    auto rank = [](char c) { return c == '/' ? 0 : static_cast<unsigned char>(c) + 1; };
    return rank(a[i]) < rank(b[i]);
  }
  return a.size() < b.size();
}

// Reads to the end (or to the size fstat gave for a regular file, which saves the read that finds the end).
bool read_all(int fd, std::string& bytes) {
  struct stat st;
  std::size_t expected = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? static_cast<std::size_t>(st.st_size) : 0;
  bytes.resize(expected ? expected : 4096);
  std::size_t got = 0;
  for (;;) {
    if (got == bytes.size()) {
      if (got == expected) break;
      bytes.resize(bytes.size() * 2);
    }
    ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  bytes.resize(got);
  return true;
}

// Plain system calls: on files of a few KB, iostreams cost as much again as the kernel does.
bool read_file(const std::string& path, std::string& bytes, std::string& error) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = std::string("cannot open file: ") + std::strerror(errno);
    return false;
  }
  bool ok = read_all(fd, bytes);
  ::close(fd);
  if (!ok) error = "read error";
  return ok;
}

std::string json_to_string(const rapidjson::Value& v) {
  if (v.IsString()) return std::string(v.GetString(), v.GetStringLength());
  if (v.IsNull()) return {};
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  v.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

// Fills `doc` from a JSON object; returns "" or what is wrong with the record.
std::string document_from_json(const rapidjson::Value& object, Document& doc) {
  if (!object.IsObject()) return "a record must be a JSON object";
  bool has_text = false;
  for (auto it = object.MemberBegin(); it != object.MemberEnd(); ++it) {
    std::string key(it->name.GetString(), it->name.GetStringLength());
    std::string value = json_to_string(it->value);
    if (key == "text" || ((key == "content" || key == "body") && !has_text)) {
      if (!it->value.IsString()) return "field \"" + key + "\" must be a string";
      doc.text = std::move(value);
      has_text = true;
    } else if (key == "id") {
      doc.id = std::move(value);
    } else if (key == "title") {
      doc.title = std::move(value);
    } else if (key == "date") {
      doc.date = std::move(value);
    } else if (key == "source") {
      doc.source = std::move(value);
    } else if (key == "url") {
      doc.url = std::move(value);
    } else {
      doc.attributes[key] = std::move(value);
    }
  }
  if (!has_text) return "record has no \"text\" field";
  return {};
}

std::string parse_error(const rapidjson::Document& json, std::size_t column_base) {
  return std::string(rapidjson::GetParseError_En(json.GetParseError())) + " (at byte " +
         std::to_string(json.GetErrorOffset() + column_base) + ")";
}

// The document files under `folder` in reading order: recursively, hidden entries left out, sorted by
// path_less. Files are kept as strings, not paths: a path copies and compares its parsed components.
std::vector<std::string> folder_files(const fs::path& folder, std::vector<LoadIssue>& issues) {
  std::vector<std::string> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const std::string& p = it->path().native();
    std::string_view name = file_name(p);
    if (name.starts_with(".")) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file() && format_of_name(name) != Format::other) files.push_back(p);
  }
  if (ec) issues.push_back({folder.string(), "cannot list folder: " + ec.message()});
  std::sort(files.begin(), files.end(), path_less);
  return files;
}

// The bytes of every file for_each_document would read under `paths`: the whole of a progress report.
std::uint64_t corpus_bytes(const std::vector<std::string>& paths) {
  std::uint64_t total = 0;
  auto add = [&](const fs::path& file) {
    std::error_code ec;
    auto size = fs::file_size(file, ec);
    if (!ec) total += size;
  };
  for (const auto& path : paths) {
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) continue;
    if (fs::is_directory(status)) {
      std::vector<LoadIssue> ignored;  // the walk itself reports them
      for (const auto& file : folder_files(path, ignored)) add(file);
    } else {
      add(path);
    }
  }
  return total;
}

class Loader {
 public:
  Loader(const std::function<void(Document&&)>& sink, std::vector<LoadIssue>& issues, const graph::ProgressFn& progress,
         std::uint64_t total_bytes)
      : sink_(sink), issues_(issues), progress_(progress) {
    seen_.total_bytes = total_bytes;
  }

  void load_path(const std::string& path_string) {
    fs::path path(path_string);
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      issue(path_string, "no such file or directory");
    } else if (fs::is_directory(status)) {
      load_folder(path);
    } else {
      Format format = format_of(path);
      load_file(path_string, format == Format::other ? Format::text : format);
    }
  }

 private:
  void issue(std::string path, std::string message) { issues_.push_back({std::move(path), std::move(message)}); }

  void load_folder(const fs::path& folder) {
    std::vector<std::string> files = folder_files(folder, issues_);
    std::size_t before = delivered_;
    for (auto& file : files) {
      Format format = format_of_name(file_name(file));
      load_file(std::move(file), format);
    }
    if (delivered_ == before && files.empty()) issue(folder.string(), "no documents found in folder");
  }

  // Reads one file whole; what it held counts as gone through once it is done, documents or not.
  void load_file(std::string path, Format format) {
    std::string bytes, error;
    file_bytes_ = 0;
    if (!read_file(path, bytes, error)) return issue(std::move(path), error);
    file_bytes_ = bytes.size();
    load_bytes(std::move(path), format, std::move(bytes));
    files_done_ += file_bytes_;
    if (progress_) {
      seen_.bytes = files_done_;
      progress_(seen_);
    }
  }

  void load_bytes(std::string path, Format format, std::string bytes) {
    std::string hint = format == Format::html ? declared_charset(bytes) : std::string();
    Decoded decoded = decode_owned_to_utf8(std::move(bytes), hint);
    if (!decoded.ok) return issue(std::move(path), decoded.error);
    if (decoded.text.find_first_not_of(" \t\r\n") == std::string::npos)
      return issue(std::move(path), "empty file skipped");
    switch (format) {
      case Format::html: return load_html(std::move(path), std::move(decoded.text));
      case Format::json: return load_json(std::move(path), decoded.text);
      case Format::jsonl: return load_jsonl(path, decoded.text);
      default: {
        Document doc;
        doc.id = file_name(path);
        doc.path = std::move(path);
        doc.text = std::move(decoded.text);
        return deliver(std::move(doc));
      }
    }
  }

  void load_html(std::string path, std::string text) {
    HtmlText page = html_to_text(text);
    Document doc;
    doc.id = file_name(path);
    doc.path = std::move(path);
    doc.text = std::move(page.text);
    doc.title = std::move(page.title);
    doc.date = std::move(page.date);
    doc.date_rule = std::move(page.date_rule);
    deliver(std::move(doc));
  }

  void load_json(std::string path, const std::string& text) {
    rapidjson::Document json;
    json.Parse(text.c_str(), text.size());
    if (json.HasParseError()) return issue(std::move(path), "malformed JSON: " + parse_error(json, 0));
    Document doc;
    std::string error = document_from_json(json, doc);
    if (!error.empty()) return issue(std::move(path), error);
    if (doc.id.empty()) doc.id = file_name(path);
    doc.path = std::move(path);
    deliver(std::move(doc));
  }

  void load_jsonl(const std::string& path, const std::string& text) {
    std::size_t line_no = 0, records = 0;
    for (std::size_t begin = 0; begin < text.size();) {
      std::size_t end = text.find('\n', begin);
      if (end == std::string::npos) end = text.size();
      std::string line = text.substr(begin, end - begin);
      begin = end + 1;
      ++line_no;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      std::string where = path + ":" + std::to_string(line_no);
      rapidjson::Document json;
      json.Parse(line.c_str(), line.size());
      if (json.HasParseError()) {
        issue(where, "malformed JSON: " + parse_error(json, 1));
        continue;
      }
      Document doc;
      std::string error = document_from_json(json, doc);
      if (!error.empty()) {
        issue(where, error);
        continue;
      }
      if (doc.id.empty()) doc.id = std::string(file_name(path)) + ":" + std::to_string(line_no);
      doc.path = where;
      ++records;
      deliver(std::move(doc), std::min<std::uint64_t>(begin, file_bytes_));
    }
    (void)records;
  }

  // `offset`: how far into its file the document ends (the whole file unless it is a jsonl record).
  void deliver(Document&& doc, std::uint64_t offset = UINT64_MAX) {
    ++delivered_;
    sink_(std::move(doc));
    if (progress_) {
      seen_.items = delivered_;
      seen_.bytes = files_done_ + std::min<std::uint64_t>(offset, file_bytes_);
      progress_(seen_);
    }
  }

  const std::function<void(Document&&)>& sink_;
  std::vector<LoadIssue>& issues_;
  const graph::ProgressFn& progress_;
  graph::Progress seen_;
  std::uint64_t files_done_ = 0, file_bytes_ = 0;
  std::size_t delivered_ = 0;
};

}  // namespace

void for_each_document(const std::vector<std::string>& paths, const std::function<void(Document&&)>& sink,
                       std::vector<LoadIssue>& issues, const graph::ProgressFn& progress) {
  Loader loader(sink, issues, progress, progress ? corpus_bytes(paths) : 0);
  for (const auto& path : paths) loader.load_path(path);
}

std::vector<std::string> list_document_files(const std::vector<std::string>& paths, std::vector<LoadIssue>& issues) {
  std::vector<std::string> out;
  for (const auto& path : paths) {
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      issues.push_back({path, "no such file or directory"});
    } else if (fs::is_directory(status)) {
      auto files = folder_files(path, issues);
      if (files.empty()) issues.push_back({path, "no documents found in folder"});
      for (auto& f : files) out.push_back(std::move(f));
    } else {
      out.push_back(path);
    }
  }
  return out;
}

std::vector<Document> load_documents(const std::vector<std::string>& paths, std::vector<LoadIssue>& issues) {
  std::vector<Document> docs;
  for_each_document(paths, [&](Document&& doc) { docs.push_back(std::move(doc)); }, issues);
  return docs;
}

std::string to_string(const LoadIssue& issue) { return issue.path + ": " + issue.message; }

}  // namespace bangfu::ingest
