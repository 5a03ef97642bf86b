#include "ingest/html.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <unordered_set>

#include "ingest/dates.hpp"
#include "ingest/utf8.hpp"

namespace bangfu::ingest {

namespace {

struct Entity {
  const char* name;
  char32_t cp;
};

// The named references that occur in Chinese news pages; unknown names are kept as written.
constexpr std::array<Entity, 33> kEntities{{
    {"amp", '&'},       {"lt", '<'},        {"gt", '>'},        {"quot", '"'},      {"apos", '\''},
    {"nbsp", 0xA0},     {"ensp", 0x2002},   {"emsp", 0x2003},   {"thinsp", 0x2009}, {"ldquo", 0x201C},
    {"rdquo", 0x201D},  {"lsquo", 0x2018},  {"rsquo", 0x2019},  {"mdash", 0x2014},  {"ndash", 0x2013},
    {"hellip", 0x2026}, {"middot", 0xB7},   {"bull", 0x2022},   {"copy", 0xA9},     {"reg", 0xAE},
    {"trade", 0x2122},  {"times", 0xD7},    {"divide", 0xF7},   {"yen", 0xA5},      {"deg", 0xB0},
    {"plusmn", 0xB1},   {"laquo", 0xAB},    {"raquo", 0xBB},    {"permil", 0x2030}, {"larr", 0x2190},
    {"rarr", 0x2192},   {"sup2", 0xB2},     {"frac12", 0xBD},
}};

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_block(std::string_view tag) {
  static const std::unordered_set<std::string_view> blocks{
      "p",     "div",  "br",      "li",     "ul",     "ol",     "h1",      "h2",     "h3",      "h4",
      "h5",    "h6",   "tr",      "table",  "section", "article", "header", "footer", "blockquote", "pre",
      "dd",    "dt",   "dl",      "hr",     "figure", "figcaption", "main", "aside", "address", "form",
      "tbody", "thead", "caption", "center", "title"};
  return blocks.count(tag) > 0;
}

// Elements whose whole content is dropped.
bool is_skipped(std::string_view tag) {
  return tag == "script" || tag == "style" || tag == "nav" || tag == "head" || tag == "noscript" ||
         tag == "template" || tag == "svg" || tag == "iframe" || tag == "select" || tag == "button";
}

// Tag name of the tag starting at html[i] == '<'; sets `closing`.
std::string tag_name(std::string_view html, std::size_t i, bool& closing) {
  std::size_t j = i + 1;
  closing = j < html.size() && html[j] == '/';
  if (closing) ++j;
  std::size_t k = j;
  while (k < html.size() && (std::isalnum(static_cast<unsigned char>(html[k])) || html[k] == '-')) ++k;
  return lower(html.substr(j, k - j));
}

// Position just after the '>' closing the tag at i, skipping quoted attribute values.
std::size_t tag_end(std::string_view html, std::size_t i) {
  char quote = 0;
  for (std::size_t j = i + 1; j < html.size(); ++j) {
    char c = html[j];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return j + 1;
    }
  }
  return html.size();
}

// Finds the matching "</tag" case-insensitively; returns html.size() if missing.
std::size_t find_close(std::string_view html, std::size_t from, std::string_view tag) {
  std::string needle = "</" + std::string(tag);
  for (std::size_t i = html.find('<', from); i != std::string_view::npos; i = html.find('<', i + 1)) {
    if (i + needle.size() <= html.size() && lower(html.substr(i, needle.size())) == needle) return i;
  }
  return html.size();
}

constexpr std::size_t kMaxListItem = 4096;  // bytes searched for a list item's </li>

// Is the list item's content only links (<li><a>某医院与某院签约</a> <span>05-12</span></li>)? Such items list
// other pages (related news, menus); an article's own lists carry text outside links.
bool links_only(std::string_view item) {
  bool in_link = false, link_text = false;
  for (std::size_t i = 0; i < item.size();) {
    if (item[i] == '<') {
      bool closing = false;
      std::string tag = tag_name(item, i, closing);
      if (tag == "a") in_link = !closing;
      std::size_t end = tag_end(item, i);
      i = end > i ? end : i + 1;
      continue;
    }
    unsigned char c = static_cast<unsigned char>(item[i]);
    bool text = c >= 0x80 || std::isalpha(c);
    if (text && !in_link) return false;  // digits and punctuation (dates, separators) may stand outside
    link_text = link_text || (text && in_link);
    ++i;
  }
  return link_text;
}

void add_break(std::string& out) {
  while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
  if (!out.empty() && out.back() != '\n') out += '\n';
}

}  // namespace

void decode_entities(std::string_view text, std::string& out) {
  for (std::size_t i = 0; i < text.size();) {
    char c = text[i];
    if (c != '&') {
      out += c;
      ++i;
      continue;
    }
    std::size_t semi = text.find(';', i + 1);
    if (semi == std::string_view::npos || semi - i > 12) {
      out += c;
      ++i;
      continue;
    }
    std::string_view ref = text.substr(i + 1, semi - i - 1);
    char32_t cp = 0;
    if (!ref.empty() && ref[0] == '#') {
      bool hex = ref.size() > 1 && (ref[1] == 'x' || ref[1] == 'X');
      std::string_view digits = ref.substr(hex ? 2 : 1);
      bool valid = !digits.empty();
      for (char d : digits) {
        int v = std::isdigit(static_cast<unsigned char>(d)) ? d - '0'
                : hex && std::isxdigit(static_cast<unsigned char>(d)) ? std::tolower(d) - 'a' + 10
                                                                      : -1;
        if (v < 0 || cp > 0x10FFFF) {
          valid = false;
          break;
        }
        cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(v);
      }
      if (!valid || cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = valid ? 0xFFFD : 0;
    } else {
      for (const auto& e : kEntities)
        if (ref == e.name) cp = e.cp;
    }
    if (cp == 0) {
      out += c;
      ++i;
      continue;
    }
    utf8::append(out, cp);
    i = semi + 1;
  }
}

HtmlText html_to_text(std::string_view html) {
  HtmlText result;
  std::string& out = result.text;
  out.reserve(html.size() / 2);
  std::size_t i = 0;
  while (i < html.size()) {
    std::size_t lt = html.find('<', i);
    std::string_view chunk = html.substr(i, lt == std::string_view::npos ? std::string_view::npos : lt - i);
    // Source line breaks inside a block are just spaces in HTML.
    std::string decoded;
    decode_entities(chunk, decoded);
    for (char c : decoded) {
      if (c == '\n' || c == '\r' || c == '\t') c = ' ';
      if (c == ' ' && (out.empty() || out.back() == ' ' || out.back() == '\n')) continue;
      out += c;
    }
    if (lt == std::string_view::npos) break;
    if (html.compare(lt, 4, "<!--") == 0) {
      std::size_t end = html.find("-->", lt + 4);
      i = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    bool closing = false;
    std::string tag = tag_name(html, lt, closing);
    std::size_t after = tag_end(html, lt);
    if (tag.empty()) {  // "<!DOCTYPE", "<?xml", or a literal '<' in text
      if (lt + 1 < html.size() && (html[lt + 1] == '!' || html[lt + 1] == '?')) {
        i = after;
      } else {
        out += '<';
        i = lt + 1;
      }
      continue;
    }
    if (!closing && tag == "title") {
      std::size_t close = find_close(html, after, "title");
      decode_entities(html.substr(after, close - after), result.title);
      i = tag_end(html, close);
      continue;
    }
    if (!closing && (tag == "meta" || tag == "time")) {
      FoundDate found{result.date, result.date_rule};
      note_html_date(tag, html.substr(lt, after - lt), found);
      result.date = std::move(found.iso);
      result.date_rule = std::move(found.rule);
    }
    if (!closing && tag == "meta" && result.charset.empty()) {
      result.charset = declared_charset(html.substr(lt, after - lt));
    }
    if (!closing && is_skipped(tag) && html[after - 2] != '/') {
      std::size_t close = find_close(html, after, tag);
      if (tag == "head") {  // the title and charset live there; only drop the rest
        HtmlText head = html_to_text(html.substr(after, close - after));
        if (result.title.empty()) result.title = head.title;
        if (result.charset.empty()) result.charset = head.charset;
        if (result.date.empty() || (result.date_rule != "html:meta" && head.date_rule == "html:meta")) {
          result.date = head.date;
          result.date_rule = head.date_rule;
        }
      }
      i = tag_end(html, close);
      continue;
    }
    if (!closing && tag == "li") {
      // Items are short: looking a bounded way ahead keeps pages of unclosed <li> linear.
      std::string_view ahead = html.substr(0, std::min(html.size(), after + kMaxListItem));
      std::size_t close = find_close(ahead, after, "li");
      if (close < ahead.size() && links_only(html.substr(after, close - after))) {
        i = tag_end(html, close);
        continue;
      }
    }
    if (is_block(tag)) add_break(out);
    i = after;
  }
  add_break(out);
  // Titles often carry stray spaces/newlines from the page source.
  std::string title;
  for (char c : result.title) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    if (c == ' ' && (title.empty() || title.back() == ' ')) continue;
    title += c;
  }
  while (!title.empty() && title.back() == ' ') title.pop_back();
  result.title = std::move(title);
  return result;
}

std::string declared_charset(std::string_view html) {
  std::string head = lower(html.substr(0, 4096));
  std::size_t at = head.find("charset=");
  if (at == std::string::npos) return {};
  std::size_t b = at + 8;
  while (b < head.size() && (head[b] == '"' || head[b] == '\'' || head[b] == ' ')) ++b;
  std::size_t e = b;
  while (e < head.size() && (std::isalnum(static_cast<unsigned char>(head[e])) || head[e] == '-' || head[e] == '_')) ++e;
  return head.substr(b, e - b);
}

}  // namespace bangfu::ingest
