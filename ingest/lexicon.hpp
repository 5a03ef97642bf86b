// Lexicon: a tab-separated data file (UTF-8, # comments, blank lines) read into rows that remember file:line.
#pragma once
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace bangfu::ingest {

// Thrown for unreadable files and malformed lines; what() starts with "file:line: ".
class LexiconError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One data line, split on tabs, fields trimmed of surrounding spaces.
struct LexiconRow {
  std::string file;
  std::size_t line = 0;
  std::vector<std::string> fields;

  std::size_t size() const { return fields.size(); }
  // Field `i`, or `fallback` when the line is shorter (optional trailing columns).
  const std::string& get(std::size_t i, const std::string& fallback = empty()) const {
    return i < fields.size() ? fields[i] : fallback;
  }
  std::string where() const { return file + ":" + std::to_string(line); }
  [[noreturn]] void fail(std::string_view what) const;  // throws LexiconError "file:line: what"

 private:
  static const std::string& empty();
};

class Lexicon {
 public:
  // Rows of `path`; each must have between min_fields and max_fields non-empty leading fields
  // (max_fields 0: no upper bound). Throws LexiconError naming file:line and what is wrong.
  static Lexicon read_file(const std::string& path, std::size_t min_fields = 1, std::size_t max_fields = 0);
  // Same rules for text already in memory; `name` stands for the file in messages.
  static Lexicon parse(std::string_view text, const std::string& name, std::size_t min_fields = 1,
                       std::size_t max_fields = 0);

  const std::vector<LexiconRow>& rows() const { return rows_; }
  std::size_t size() const { return rows_.size(); }
  bool empty() const { return rows_.empty(); }
  void append(const Lexicon& other);  // later files extend earlier ones

  auto begin() const { return rows_.begin(); }
  auto end() const { return rows_.end(); }

 private:
  std::vector<LexiconRow> rows_;
};

// Splits a list field such as "县医院|县院" on '|' (or '，'/','), dropping empty items.
std::vector<std::string> split_list(std::string_view field);

}  // namespace bangfu::ingest
