#include "query/parser.hpp"

#include <algorithm>

namespace bangfu::query {

namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// East Asian wide characters take two terminal cells; the caret must line up under them.
std::size_t display_width(std::string_view s) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    width += (len >= 3) ? 2 : 1;
    i += len;
  }
  return width;
}

}  // namespace

Location locate(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  Location loc;
  for (std::size_t i = 0; i < offset; ++i) {
    unsigned char c = text[i];
    if (c == '\n') {
      ++loc.line;
      loc.column = 1;
    } else if (!is_continuation(c)) {
      ++loc.column;
    }
  }
  return loc;
}

std::string describe_at(std::string_view text, std::size_t offset, const std::string& message) {
  offset = std::min(offset, text.size());
  auto loc = locate(text, offset);
  std::size_t begin = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  begin = (begin == std::string_view::npos || offset == 0) ? 0 : begin + 1;
  if (offset > 0 && text[offset - 1] == '\n') begin = offset;
  std::size_t end = text.find('\n', offset);
  if (end == std::string_view::npos) end = text.size();
  std::string_view line = text.substr(begin, end - begin);
  std::string out = "line " + std::to_string(loc.line) + ", column " + std::to_string(loc.column) + ": " + message;
  out += "\n  ";
  out += line;
  out += "\n  ";
  // Tabs are kept so the caret lines up whatever the terminal's tab width.
  std::string_view before = text.substr(begin, offset - begin);
  std::size_t from = 0;
  for (std::size_t i = 0; i <= before.size(); ++i) {
    if (i < before.size() && before[i] != '\t') continue;
    out.append(display_width(before.substr(from, i - from)), ' ');
    if (i < before.size()) out += '\t';
    from = i + 1;
  }
  out += '^';
  return out;
}

QueryError error_at(QueryError::Kind kind, std::string_view text, std::size_t offset, const std::string& message,
                    std::string code) {
  auto loc = locate(text, offset);
  return QueryError(kind, describe_at(text, offset, message), loc.line, loc.column, std::move(code));
}

}  // namespace bangfu::query
