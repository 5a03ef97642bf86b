// Reading an HTML page as plain text: markup dropped, block structure kept as line breaks, entities decoded.
#pragma once
#include <string>
#include <string_view>

namespace bangfu::ingest {

struct HtmlText {
  std::string text;   // one line per block element; script/style/nav/head/comments dropped
  std::string title;  // contents of <title>, entity-decoded
  std::string charset;  // from <meta charset> or http-equiv content-type, if the page declares one
  std::string date, date_rule;  // publication date from <meta …published… content> or <time datetime>
};

HtmlText html_to_text(std::string_view html);

// Appends the decoded form of `text` (named and numeric character references) to `out`.
void decode_entities(std::string_view text, std::string& out);

// The charset a page declares in its first bytes, or "" (works on undecoded bytes: the markup is ASCII).
std::string declared_charset(std::string_view html);

}  // namespace bangfu::ingest
