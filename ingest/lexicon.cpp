#include "ingest/lexicon.hpp"

#include <fstream>
#include <sstream>

namespace bangfu::ingest {
namespace {

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  // Full-width spaces often slip into hand-edited Chinese lists.
  while (s.size() >= 3 && s.substr(0, 3) == "\xE3\x80\x80") s.remove_prefix(3);
  while (s.size() >= 3 && s.substr(s.size() - 3) == "\xE3\x80\x80") s.remove_suffix(3);
  return s;
}

std::vector<std::string> split_tabs(std::string_view line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    std::size_t tab = line.find('\t', start);
    out.emplace_back(trim(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start)));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  while (!out.empty() && out.back().empty()) out.pop_back();  // trailing tabs are harmless
  return out;
}

}  // namespace

const std::string& LexiconRow::empty() {
  static const std::string kEmpty;
  return kEmpty;
}

void LexiconRow::fail(std::string_view what) const { throw LexiconError(where() + ": " + std::string(what)); }

Lexicon Lexicon::parse(std::string_view text, const std::string& name, std::size_t min_fields,
                       std::size_t max_fields) {
  Lexicon lex;
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::size_t line_no = 0, pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    ++line_no;
    LexiconRow row{name, line_no, {}};
    if (!valid_utf8(line)) row.fail("not valid UTF-8");
    std::string_view body = trim(line);
    if (body.empty() || body.front() == '#') continue;
    row.fields = split_tabs(line);
    if (row.fields.size() < min_fields)
      row.fail("expected at least " + std::to_string(min_fields) + " tab-separated fields, found " +
               std::to_string(row.fields.size()));
    if (max_fields && row.fields.size() > max_fields)
      row.fail("expected at most " + std::to_string(max_fields) + " tab-separated fields, found " +
               std::to_string(row.fields.size()));
    for (std::size_t i = 0; i < min_fields; ++i)
      if (row.fields[i].empty()) row.fail("field " + std::to_string(i + 1) + " is empty");
    lex.rows_.push_back(std::move(row));
  }
  return lex;
}

Lexicon Lexicon::read_file(const std::string& path, std::size_t min_fields, std::size_t max_fields) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw LexiconError(path + ": cannot open lexicon file");
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) throw LexiconError(path + ": read error");
  return parse(buf.str(), path, min_fields, max_fields);
}

void Lexicon::append(const Lexicon& other) { rows_.insert(rows_.end(), other.rows_.begin(), other.rows_.end()); }

std::vector<std::string> split_list(std::string_view field) {
  std::vector<std::string> out;
  std::string item;
  auto flush = [&] {
    std::string_view t = trim(item);
    if (!t.empty()) out.emplace_back(t);
    item.clear();
  };
  for (std::size_t i = 0; i < field.size();) {
    if (field[i] == '|' || field[i] == ',') {
      flush();
      ++i;
    } else if (field.substr(i, 3) == "\xEF\xBC\x8C") {  // full-width comma
      flush();
      i += 3;
    } else {
      item += field[i++];
    }
  }
  flush();
  return out;
}

}  // namespace bangfu::ingest
