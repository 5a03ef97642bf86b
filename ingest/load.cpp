#include "ingest/load.hpp"

#include <rapidjson/document.h>
#include <rapidjson/encodedstream.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string_view>
#include <vector>

#include "graph/json_depth.hpp"
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

std::string mib(std::size_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1 << 20));
  return buf;
}

std::string too_big(std::size_t limit, const char* what) {
  return std::string(what) + " larger than the " + mib(limit) +
         " limit for one document skipped (bangfu ingest --max-document-size MIB)";
}

// Reads to the end (or to the size fstat gave for a regular file, which saves the read that finds the end),
// at most `limit` + 1 bytes: one more than the limit tells a file over it without reading it all.
bool read_all(int fd, std::string& bytes, std::size_t limit) {
  struct stat st;
  std::size_t expected = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? static_cast<std::size_t>(st.st_size) : 0;
  expected = std::min(expected, limit + 1);
  bytes.resize(expected ? expected : 4096);
  std::size_t got = 0;
  for (;;) {
    if (got == bytes.size()) {
      if (got == expected || got > limit) break;
      bytes.resize(std::min(bytes.size() * 2, limit + 1));
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
// A file over `limit` is an error found from its size alone, before any of it is read.
bool read_file(const std::string& path, std::string& bytes, std::string& error, std::size_t limit) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = std::string("cannot open file: ") + std::strerror(errno);
    return false;
  }
  struct stat st;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && static_cast<std::size_t>(st.st_size) > limit) {
    ::close(fd);
    error = too_big(limit, ("file of " + mib(static_cast<std::size_t>(st.st_size))).c_str());
    return false;
  }
  bool ok = read_all(fd, bytes, limit);
  int read_errno = errno;
  ::close(fd);
  if (!ok) error = std::string("read error: ") + std::strerror(read_errno);
  else if (bytes.size() > limit) error = too_big(limit, "file");
  return ok && bytes.size() <= limit;
}

// Lines of a file read a block at a time, so a jsonl file of any size costs one block and one line;
// a line longer than `limit` is reported, not kept.
class LineReader {
 public:
  LineReader(int fd, std::size_t limit) : fd_(fd), limit_(limit), block_(1 << 20) {}

  // The next line without its '\n'; `too_long` when it was over the limit (`line` then empty).
  // False at the end of the file or on a read error (error() says which).
  bool next(std::string& line, bool& too_long) {
    line.clear();
    too_long = false;
    for (;;) {
      if (pos_ == end_) {
        if (done_ || !fill()) return !line.empty() || too_long;
      }
      const char* begin = block_.data() + pos_;
      const void* nl = std::memchr(begin, '\n', end_ - pos_);
      std::size_t n = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - begin) : end_ - pos_;
      if (!too_long) {
        if (line.size() + n > limit_) {
          too_long = true;
          line = std::string();  // frees it
        } else {
          line.append(begin, n);
        }
      }
      pos_ += n;
      if (nl) {
        ++pos_;
        return true;
      }
    }
  }

  const std::string& error() const { return error_; }
  // Bytes of the file gone through: up to the end of the line last returned.
  std::uint64_t offset() const { return read_ - (end_ - pos_); }

 private:
  bool fill() {
    pos_ = end_ = 0;
    for (;;) {
      ssize_t n = ::read(fd_, block_.data(), block_.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) error_ = std::string("read error: ") + std::strerror(errno);
      if (n <= 0) {
        done_ = true;
        return false;
      }
      end_ = static_cast<std::size_t>(n);
      read_ += end_;
      return true;
    }
  }

  int fd_;
  std::size_t limit_;
  std::vector<char> block_;
  std::size_t pos_ = 0, end_ = 0;
  std::uint64_t read_ = 0;
  bool done_ = false;
  std::string error_;
};

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

// Parses `text` at most `depth` levels deep; "" or what is wrong (malformed, too deep) with the byte.
std::string parse_json(rapidjson::Document& json, const std::string& text, unsigned depth, std::size_t column_base) {
  rapidjson::MemoryStream bytes(text.data(), text.size());
  rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> stream(bytes);
  bool too_deep = false;
  rapidjson::ParseResult r = graph::parse_bounded<rapidjson::kParseDefaultFlags>(json, stream, too_deep, depth);
  std::string at = " (at byte " + std::to_string(r.Offset() + column_base) + ")";
  if (too_deep) return graph::depth_error(depth) + at;
  if (r.IsError()) return "malformed JSON: " + std::string(rapidjson::GetParseError_En(r.Code())) + at;
  return {};
}

// The document files under `folder` in reading order: recursively, hidden entries left out, sorted by
// path_less. Files are kept as strings, not paths: a path copies and compares its parsed components.
// Symlinked files are read; symlinked folders are not entered (a link may lead back up: a loop). Anything
// that cannot be read goes to `issues` (sorted by path, as the files are read), and the walk goes on.
std::vector<std::string> folder_files(const fs::path& folder, std::vector<LoadIssue>& issues) {
  std::vector<std::string> files;
  std::size_t issues_before = issues.size();
  auto issue = [&](std::string path, std::string message) { issues.push_back({std::move(path), std::move(message)}); };
  std::vector<fs::path> pending{folder};
  while (!pending.empty()) {
    fs::path dir = std::move(pending.back());
    pending.pop_back();
    std::error_code ec;
    fs::directory_iterator it(dir, ec), end;
    if (ec) {
      issue(dir.string(), "cannot list folder: " + ec.message());
      continue;
    }
    for (; !ec && it != end; it.increment(ec)) {
      const std::string& p = it->path().native();
      std::string_view name = file_name(p);
      if (name.starts_with(".")) continue;
      std::error_code lec;
      fs::file_status own = it->symlink_status(lec);
      if (lec) {
        issue(p, "cannot read: " + lec.message());
        continue;
      }
      if (fs::is_directory(own)) {
        pending.push_back(it->path());
        continue;
      }
      Format format = format_of_name(name);
      if (fs::is_symlink(own)) {
        std::error_code sec;
        fs::file_status target = fs::status(it->path(), sec);
        if (sec == std::errc::too_many_symbolic_link_levels) issue(p, "symbolic link loop skipped");
        else if (sec == std::errc::no_such_file_or_directory || (!sec && !fs::exists(target)))
          issue(p, "dangling symbolic link skipped (its target does not exist)");
        else if (sec) issue(p, "cannot read symbolic link: " + sec.message());
        else if (fs::is_directory(target)) issue(p, "symbolic link to a folder not followed");
        else if (format != Format::other && !fs::is_regular_file(target)) issue(p, "not a regular file skipped");
        else if (format != Format::other) files.push_back(p);
        continue;
      }
      if (format == Format::other) continue;
      if (fs::is_regular_file(own)) files.push_back(p);
      else issue(p, "not a regular file skipped");
    }
    if (ec) issue(dir.string(), "cannot list folder: " + ec.message());
  }
  std::stable_sort(issues.begin() + static_cast<std::ptrdiff_t>(issues_before), issues.end(),
                   [](const LoadIssue& a, const LoadIssue& b) { return path_less(a.path, b.path); });
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
  Loader(const std::function<void(Document&&)>& sink, std::vector<LoadIssue>& issues, const LoadLimits& limits,
         const graph::ProgressFn& progress, std::uint64_t total_bytes)
      : sink_(sink), issues_(issues), limits_(limits), progress_(progress) {
    seen_.total_bytes = total_bytes;
  }

  void load_path(const std::string& path_string) {
    fs::path path(path_string);
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (ec && ec != std::errc::no_such_file_or_directory) {
      issue(path_string, "cannot read: " + ec.message());
    } else if (ec || !fs::exists(status)) {
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
    std::size_t issues_before = issues_.size();
    std::vector<std::string> files = folder_files(folder, issues_);
    for (auto& file : files) {
      Format format = format_of_name(file_name(file));
      load_file(std::move(file), format);
    }
    if (files.empty() && issues_.size() == issues_before) issue(folder.string(), "no documents found in folder");
  }

  // Reads one file (a jsonl file record by record); what it held counts as gone through once it is done.
  void load_file(std::string path, Format format) {
    file_bytes_ = 0;
    if (format == Format::jsonl) load_jsonl(path);
    else load_whole(std::move(path), format);
    files_done_ += file_bytes_;
    if (progress_) {
      seen_.bytes = files_done_;
      progress_(seen_);
    }
  }

  void load_whole(std::string path, Format format) {
    std::string bytes, error;
    if (!read_file(path, bytes, error, limits_.max_document_bytes)) return issue(std::move(path), error);
    file_bytes_ = bytes.size();
    load_bytes(std::move(path), format, std::move(bytes));
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
    std::string error = parse_json(json, text, limits_.max_json_depth, 0);
    if (!error.empty()) return issue(std::move(path), error);
    Document doc;
    error = document_from_json(json, doc);
    if (!error.empty()) return issue(std::move(path), error);
    if (doc.id.empty()) doc.id = file_name(path);
    doc.path = std::move(path);
    deliver(std::move(doc));
  }

  // Record by record as the file is read: a jsonl file may be far larger than any one document. Each
  // line is decoded on its own (JSON is UTF-8, but exports in GB18030 exist).
  void load_jsonl(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return issue(path, std::string("cannot open file: ") + std::strerror(errno));
    struct stat st;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) file_bytes_ = static_cast<std::uint64_t>(st.st_size);
    LineReader lines(fd, limits_.max_document_bytes);
    std::string line;
    bool too_long = false, any = false;
    std::size_t line_no = 0;
    while (lines.next(line, too_long)) {
      ++line_no;
      std::string where = path + ":" + std::to_string(line_no);
      if (too_long) {
        any = true;
        issue(where, too_big(limits_.max_document_bytes, "record"));
        continue;
      }
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      any = true;
      Decoded decoded = decode_owned_to_utf8(std::move(line));
      if (!decoded.ok) {
        issue(where, decoded.error);
        continue;
      }
      rapidjson::Document json;
      std::string error = parse_json(json, decoded.text, limits_.max_json_depth, 1);
      if (!error.empty()) {
        issue(where, error);
        continue;
      }
      Document doc;
      error = document_from_json(json, doc);
      if (!error.empty()) {
        issue(where, error);
        continue;
      }
      if (doc.id.empty()) doc.id = std::string(file_name(path)) + ":" + std::to_string(line_no);
      doc.path = where;
      deliver(std::move(doc), lines.offset());
    }
    ::close(fd);
    if (!lines.error().empty()) issue(path, lines.error());
    else if (!any) issue(path, "empty file skipped");
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
  const LoadLimits& limits_;
  const graph::ProgressFn& progress_;
  graph::Progress seen_;
  std::uint64_t files_done_ = 0, file_bytes_ = 0;
  std::size_t delivered_ = 0;
};

}  // namespace

void for_each_document(const std::vector<std::string>& paths, const std::function<void(Document&&)>& sink,
                       std::vector<LoadIssue>& issues, const LoadLimits& limits, const graph::ProgressFn& progress) {
  Loader loader(sink, issues, limits, progress, progress ? corpus_bytes(paths) : 0);
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
      std::size_t issues_before = issues.size();
      auto files = folder_files(path, issues);
      if (files.empty() && issues.size() == issues_before) issues.push_back({path, "no documents found in folder"});
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
