#include "ingest/body.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <stdexcept>

#include "ingest/utf8.hpp"
#include "ingest/word_trie.hpp"

namespace bangfu::ingest {

namespace {

constexpr std::size_t kHeaderLines = 15;   // where title, date and source are looked for
constexpr std::size_t kShortLine = 40;     // code points: bylines, captions
constexpr std::size_t kCueLine = 120;      // boilerplate cues only count on lines no longer than this

struct Line {
  std::uint32_t begin = 0, end = 0;
  std::string_view text;
  std::size_t chars = 0;
  bool full_stop = false;  // has 。
  bool sentence = false;   // has 。!?;
  bool timestamp = false;     // is_timestamp
  bool punctuation = false;   // is_punctuation_only
  bool marker = false;        // a related/stop marker (extract)
  bool stamp_reason = false;  // classified as noise because it is a timestamp (extract)
  mutable int cue_kinds = -1;  // the boilerplate kinds whose cues it matches (Classifier), once asked
};

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) { return s.size() >= p.size() && s.substr(s.size() - p.size()) == p; }
// glibc's memmem hashes byte pairs: much faster than find() on UTF-8 Chinese, whose lead bytes repeat.
bool contains(std::string_view s, std::string_view p) {
  return p.empty() || memmem(s.data(), s.size(), p.data(), p.size()) != nullptr;
}

// string_view::find, but looking for the needle's last byte: in Chinese text the first byte of a
// character (E4–E9) recurs every few characters, a continuation byte seldom does.
std::size_t find_bytes(std::string_view s, std::string_view needle) {
  if (needle.empty() || needle.size() > s.size()) return needle.empty() ? 0 : std::string_view::npos;
  std::size_t last = needle.size() - 1;
  const char* end = s.data() + s.size();
  for (const char* p = s.data() + last; p < end;) {
    p = static_cast<const char*>(std::memchr(p, needle[last], static_cast<std::size_t>(end - p)));
    if (!p) break;
    if (std::memcmp(p - last, needle.data(), last) == 0) return static_cast<std::size_t>(p - last - s.data());
    ++p;
  }
  return std::string_view::npos;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::size_t digits(std::string_view s, std::size_t i, std::size_t max) {
  std::size_t n = 0;
  while (i + n < s.size() && n < max && is_digit(s[i + n])) ++n;
  return n;
}

// Code points in `s`: the bytes that are not continuation bytes (10xxxxxx), counted eight at a time.
std::size_t count_chars(std::string_view s) {
  constexpr std::uint64_t kHigh = 0x8080808080808080ull, kOnes = 0x0101010101010101ull;
  std::size_t n = s.size(), continuation = 0, i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, sizeof w);
    std::uint64_t marks = (w & ~(w << 1) & kHigh) >> 7;  // 1 in each byte whose top bits are 10
    continuation += (marks * kOnes) >> 56;                // the sum of the eight bytes
  }
  for (; i < n; ++i) continuation += (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80;
  return n - continuation;
}

bool has_byte(std::string_view s, char c) { return std::memchr(s.data(), c, s.size()) != nullptr; }

// Characters, 。 and sentence punctuation of a line: every line of every page goes through it, so whole
// words and memchr rather than a branch per byte.
void measure(Line& line) {
  std::string_view t = line.text;
  line.chars = count_chars(t);
  line.full_stop = find_bytes(t, "。") != std::string_view::npos;
  line.sentence = line.full_stop || has_byte(t, '!') || has_byte(t, '?') || has_byte(t, ';');
}

// Lines of the normalized text, trimmed of spaces and of leading markdown heading marks.
std::vector<Line> split_lines(const std::string& text) {
  std::vector<Line> lines;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    std::size_t b = pos, e = nl;
    while (b < e && (text[b] == ' ' || text[b] == '#')) ++b;
    while (e > b && text[e - 1] == ' ') --e;
    if (e > b) {
      Line line;
      line.begin = static_cast<std::uint32_t>(b);
      line.end = static_cast<std::uint32_t>(e);
      line.text = std::string_view(text).substr(b, e - b);
      measure(line);
      lines.push_back(line);
    }
    pos = nl + 1;
  }
  return lines;
}

std::size_t parse_time(std::string_view s, std::string& out) {
  std::size_t i = 0;
  while (i < s.size() && s[i] == ' ') ++i;
  std::size_t h = digits(s, i, 2);
  if (h == 0 || i + h >= s.size() || s[i + h] != ':') return 0;
  std::size_t m = digits(s, i + h + 1, 2);
  if (m != 2) return 0;
  std::size_t end = i + h + 1 + m;
  if (end < s.size() && s[end] == ':' && digits(s, end + 1, 2) == 2) end += 3;
  out = std::string(h == 1 ? "0" : "") + std::string(s.substr(i, end - i));
  return end;
}

// Cut the byline/metadata cue and what follows it from a header line: "来源:当代先锋网 编辑:x" → "当代先锋网".
std::string value_after(std::string_view line, std::string_view cue) {
  std::size_t at = find_bytes(line, cue);
  if (at == std::string_view::npos) return {};
  std::string_view rest = line.substr(at + cue.size());
  while (!rest.empty() && (rest.front() == ':' || rest.front() == ' ')) rest.remove_prefix(1);
  std::size_t stop = rest.find_first_of(" |\t");
  rest = rest.substr(0, stop);
  while (!rest.empty() && (rest.back() == ',' || rest.back() == ')' || rest.back() == ']')) rest.remove_suffix(1);
  return std::string(rest);
}

// A line that is only a date and/or time: the date lines of listings, or a page's stamp.
bool is_timestamp(std::string_view s) {
  std::string iso;
  std::size_t n = parse_date(s, iso);
  if (n == 0) n = parse_time(s, iso);
  if (n == 0) return false;
  std::string_view rest = s.substr(n);
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == ')' || rest.front() == ']')) rest.remove_prefix(1);
  return rest.empty();
}

// "3小时前", "4个月前 (11-26)": relative dates of blog-like pages.
bool has_relative_date(std::string_view s) {
  for (std::string_view unit : {"分钟前", "小时前", "天前", "个月前", "年前"}) {
    std::size_t at = find_bytes(s, unit);
    if (at != std::string_view::npos && at > 0 && is_digit(s[at - 1])) return true;
  }
  return false;
}

// " > ", ">>" or "»" anywhere: one pass instead of three searches, on a line that is usually short.
bool has_breadcrumb_mark(std::string_view s) {
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    char c = s[i], d = s[i + 1];
    if ((c == '>' && d == '>') || (c == '\xC2' && d == '\xBB')) return true;
    if (c == ' ' && d == '>' && i + 2 < s.size() && s[i + 2] == ' ') return true;
  }
  return false;
}

bool is_bullet_nav(const Line& line) {
  if (line.chars <= 20)
    for (std::string_view bullet : {"•", "·", "▪", "►", "»", "|", "›", "◆", "▶"})
      if (starts_with(line.text, bullet)) return true;
  if (line.chars <= 60 && !line.sentence && has_breadcrumb_mark(line.text)) return true;  // breadcrumbs
  if (line.chars > 60) return false;
  // menus: four or more very short items separated by spaces or bars
  std::size_t items = 0, longest = 0, current = 0;
  for (std::size_t i = 0; i < line.text.size();) {
    char c = line.text[i];
    if (c == ' ' || c == '|') {
      if (current) ++items;
      longest = std::max(longest, current);
      current = 0;
      ++i;
    } else {
      ++current;
      i += utf8::seq_len(static_cast<unsigned char>(c));
    }
  }
  if (current) ++items;
  longest = std::max(longest, current);
  return items >= 4 && longest <= 4 && !line.sentence;
}

// Only a name in brackets, e.g. "(张三)" closing an article.
bool is_bracketed_name(const Line& line) {
  return line.chars <= 12 && starts_with(line.text, "(") && ends_with(line.text, ")");
}

bool is_punctuation_only(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = utf8::next(s, i);
    if ((cp < 0x80 && std::isalnum(static_cast<int>(cp))) || utf8::is_cjk(cp)) return false;
  }
  return true;
}

// Whether `c` can begin one of the symbols strip_symbols removes: most lines begin with none.
bool may_begin_symbol(char c) { return c == '\xE2' || c == '\xE3' || c == '[' || c == '*' || c == ' '; }

std::string_view strip_symbols(std::string_view s) {
  for (bool again = true; again && !s.empty() && may_begin_symbol(s.front());) {
    again = false;
    for (std::string_view sym : {"□", "■", "●", "○", "◎", "★", "☆", "▲", "【", "[", "*", " "}) {
      if (starts_with(s, sym)) {
        s.remove_prefix(sym.size());
        again = true;
      }
    }
  }
  return s;
}

// The characters of `s` in reverse order (for tries of words read from their end).
std::string reverse_chars(std::string_view s) {
  std::vector<char32_t> cps;
  for (std::size_t i = 0; i < s.size();) cps.push_back(utf8::next(s, i));
  std::string out;
  for (auto it = cps.rbegin(); it != cps.rend(); ++it) utf8::append(out, *it);
  return out;
}

// Phrases in a trie: one pass over a line finds whether any occurs in it.
class PhraseSet {
 public:
  void add(std::string_view phrase) { words_.add(phrase, 1); }

  bool any_in(std::string_view text) const {
    for (std::size_t i = 0; i < text.size(); i += utf8::seq_len(static_cast<unsigned char>(text[i])))
      if (words_.longest(text, i)) return true;
    return false;
  }

 private:
  WordTrie<std::uint8_t> words_;  // values unused
};

// The reason noise_reason gives a date line; mark_dated_listings looks for such lines.
constexpr const char* kTimestamp = "timestamp";

// The character at s[i] for WordTrie::may_start_with, its length in `len` as utf8::seq_len gives it: ASCII and
// well-formed three-byte sequences (all of CJK) are decoded, anything else is kUnknown, which the filter
// lets through. Cheaper than utf8::next at every character of every short line.
constexpr char32_t kUnknown = ~char32_t{0};

[[gnu::always_inline]] inline char32_t filter_key(std::string_view s, std::size_t i, std::size_t& len) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    len = 1;
    return c;
  }
  if ((c & 0xF0) != 0xE0) {
    len = utf8::seq_len(c);
    return kUnknown;
  }
  len = 3;
  if (i + 2 >= s.size()) return kUnknown;
  auto c1 = static_cast<unsigned char>(s[i + 1]), c2 = static_cast<unsigned char>(s[i + 2]);
  if ((c1 & 0xC0) != 0x80 || (c2 & 0xC0) != 0x80) return kUnknown;
  return (char32_t(c & 0x0F) << 12) | (char32_t(c1 & 0x3F) << 6) | char32_t(c2 & 0x3F);
}

class Classifier {
 public:
  // Every cue in one of four tries by where it must match, its value the kinds it belongs to: a line is
  // read once for all kinds.
  explicit Classifier(const BodyRules& rules) {
    for (const auto& cue : rules.cues) {
      auto bit = static_cast<std::uint8_t>(1u << kind_index(cue.kind));
      if (cue.where == "prefix") add_kind(prefixes_, cue.text, bit);
      else if (cue.where == "suffix") add_kind(suffixes_, reverse_chars(cue.text), bit);
      else if (cue.where == "line") add_kind(lines_, cue.text, bit);
      else add_kind(contained_, cue.text, bit);
    }
  }

  // The kinds of boilerplate.tsv, in the order of their bits.
  enum Kind : std::uint8_t { noise, byline, credit, caption, related, stop };

  bool matches(const Line& line, Kind kind) const {
    if (line.cue_kinds < 0) line.cue_kinds = kinds_in(strip_symbols(line.text));
    return (line.cue_kinds >> kind) & 1;
  }

  // Why a line is boilerplate, or nullptr.
  const char* noise_reason(const Line& line, bool after_repeat) const {
    if (line.punctuation) return "punctuation";
    if (line.timestamp) return kTimestamp;
    bool sentence = line.sentence;
    if (line.chars <= kCueLine && matches(line, noise)) return "boilerplate";
    if (line.chars <= 60 && !line.full_stop && matches(line, byline)) return "byline";
    if (line.chars <= kShortLine && !sentence && matches(line, credit)) return "byline";
    if (is_bracketed_name(line)) return "byline";
    if (is_bullet_nav(line)) return "navigation";
    if (line.chars <= 60 && !sentence && has_relative_date(line.text)) return "metadata";
    if (line.chars <= 80 && !line.full_stop && matches(line, caption)) return "caption";
    if (after_repeat && line.chars <= kShortLine && !sentence) return "caption";
    return nullptr;
  }

 private:
  using Kinds = std::uint8_t;  // a bit per kind_index

  static void add_kind(WordTrie<Kinds>& trie, std::string_view word, Kinds bit) {
    const Kinds* old = trie.find(word);
    trie.add(word, static_cast<Kinds>((old ? *old : 0) | bit));
  }

  Kinds kinds_in(std::string_view text) const {
    Kinds found = 0;
    auto take = [&](std::size_t, Kinds k) { found |= k; };
    prefixes_.each_at(text, 0, take);
    suffixes_.each_ending(text, text.size(), take);
    if (const Kinds* k = lines_.find(text)) found |= *k;
    // At every character, as each_at would be asked; the filter sees the character and the next one.
    std::size_t n = text.size(), len = 0, next_len = 0;
    char32_t a = n ? filter_key(text, 0, len) : 0;
    for (std::size_t i = 0; i < n; i += len, len = next_len) {
      char32_t b = i + len < n ? filter_key(text, i + len, next_len) : 0;
      // A filter on the first two characters: the cues start with common ones such as 不, 下, 本, 公.
      if (contained_.may_start_with(a, b)) contained_.each_at(text, i, take);
      a = b;
    }
    return found;
  }

  static std::size_t kind_index(std::string_view kind) {
    constexpr std::array<std::string_view, 6> kinds{"noise", "byline", "credit", "caption", "related", "stop"};
    static_assert(kinds.size() == stop + 1);
    return static_cast<std::size_t>(std::find(kinds.begin(), kinds.end(), kind) - kinds.begin()) % kinds.size();
  }
  WordTrie<Kinds> prefixes_, suffixes_, lines_, contained_;  // suffixes_ stored reversed
};

// For each line, the index of the first line with the same text (itself if none came before). An open
// addressing table of line indexes: a page has a few dozen lines, a node-based map allocates for each.
std::vector<std::uint32_t> first_equal_lines(const std::vector<Line>& lines) {
  std::vector<std::uint32_t> first(lines.size());
  std::size_t size = 16;
  while (size < lines.size() * 2) size *= 2;
  constexpr std::uint32_t kEmpty = ~std::uint32_t{0};
  std::vector<std::uint32_t> table(size, kEmpty);
  std::hash<std::string_view> hash;
  for (std::uint32_t i = 0; i < lines.size(); ++i) {
    std::size_t slot = hash(lines[i].text) & (size - 1);
    while (table[slot] != kEmpty && lines[table[slot]].text != lines[i].text) slot = (slot + 1) & (size - 1);
    if (table[slot] == kEmpty) table[slot] = i;
    first[i] = table[slot];
  }
  return first;
}

std::string find_title(const std::vector<Line>& lines, const std::vector<int>& counts,
                       const std::vector<Paragraph>& paragraphs) {
  std::size_t limit = std::min(lines.size(), kHeaderLines);
  for (std::size_t i = 0; i < limit; ++i)
    if (counts[i] >= 2 && lines[i].chars <= 80 && paragraphs[i].kind != ParagraphKind::noise)
      return std::string(lines[i].text);
  for (std::size_t i = 0; i < limit; ++i) {
    if (paragraphs[i].kind == ParagraphKind::noise) continue;
    if (lines[i].chars <= 60 && !lines[i].sentence) return std::string(lines[i].text);
    break;
  }
  return {};
}

void find_date_and_source(const std::vector<Line>& lines, ArticleBody& body) {
  std::size_t limit = std::min(lines.size(), kHeaderLines);
  for (std::size_t i = 0; i < limit && body.date.empty(); ++i) {
    std::string_view text = lines[i].text;
    bool may_have_cue = find_bytes(text, "时间") != std::string_view::npos || find_bytes(text, "日期") != std::string_view::npos;
    if (!may_have_cue) continue;  // every cue has one of the two
    for (std::string_view cue : {"发布时间", "发布日期", "发表时间", "更新时间", "时间", "日期"}) {
      std::size_t at = find_bytes(text, cue);
      if (at == std::string_view::npos) continue;
      std::string_view rest = text.substr(at + cue.size());
      while (!rest.empty() && (rest.front() == ':' || rest.front() == ' ')) rest.remove_prefix(1);
      if (parse_date(rest, body.date)) break;
    }
  }
  // Otherwise a date on a short header line (not a date inside a sentence of the article).
  for (std::size_t i = 0; i < limit && body.date.empty(); ++i) {
    std::string_view text = lines[i].text;
    if (lines[i].chars > 60 || lines[i].sentence) continue;
    for (std::size_t at = 0; at < text.size(); ++at)
      if (is_digit(text[at]) && (at == 0 || !is_digit(text[at - 1])) && parse_date(text.substr(at), body.date)) break;
  }
  for (std::size_t i = 0; i < lines.size() && body.source.empty(); ++i) {
    if (lines[i].chars > 80 || find_bytes(lines[i].text, "来源") == std::string_view::npos) continue;  // every cue has it
    for (std::string_view cue : {"来源:", "来源 :", "稿件来源", "信息来源"}) {
      body.source = value_after(lines[i].text, cue);
      if (!body.source.empty()) break;
    }
  }
}

// Lines followed by a date line, two or more in a row: a list of other articles even without a marker.
void mark_dated_listings(const std::vector<Line>& lines, std::vector<Paragraph>& paragraphs) {
  std::vector<std::size_t> stamps;
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (lines[i].stamp_reason) stamps.push_back(i);
  for (std::size_t k = 0; k + 1 < stamps.size(); ++k) {
    std::size_t a = stamps[k], b = stamps[k + 1];
    if (b - a > 3 || a == 0) continue;
    // the items between two date lines, and the first item before the first date line
    for (std::size_t i = a + 1; i < b; ++i)
      if (paragraphs[i].kind == ParagraphKind::main) paragraphs[i].kind = ParagraphKind::related, paragraphs[i].why = "listing";
    for (std::size_t i = a, n = 0; i-- > 0 && n < 2; ++n) {
      bool item = !lines[i].sentence || starts_with(lines[i].text, "...");
      if (paragraphs[i].kind != ParagraphKind::main || lines[i].chars > 100 || !item) break;
      paragraphs[i].kind = ParagraphKind::related;
      paragraphs[i].why = "listing";
    }
  }
}

// Keeps each block of related lines (between markers) when most of its lines are about healthcare and it
// quotes the other articles' text (search-result pages the gold annotates); a list of bare headlines goes.
void keep_on_topic(const std::vector<Line>& lines, std::vector<Paragraph>& paragraphs, const PhraseSet& topic) {
  std::size_t i = 0;
  while (i < paragraphs.size()) {
    if (paragraphs[i].kind != ParagraphKind::related) {
      ++i;
      continue;
    }
    std::size_t j = i, items = 0, on_topic = 0, snippets = 0;
    for (; j < paragraphs.size() && !lines[j].marker; ++j) {
      if (paragraphs[j].kind != ParagraphKind::related) continue;
      ++items;
      if (topic.any_in(lines[j].text)) ++on_topic;
      // A snippet of the other article's text (...某医院…) says facts; a bare headline only names a page.
      if (starts_with(lines[j].text, "...") || starts_with(lines[j].text, "…") || lines[j].chars > 60) ++snippets;
    }
    bool keep = on_topic * 2 >= items && snippets > 0;
    for (std::size_t k = i; k < j; ++k)
      if (paragraphs[k].kind == ParagraphKind::related) paragraphs[k].kept = keep;
    i = j + 1;
  }
}

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open");
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> fields;
  std::size_t pos = 0;
  while (true) {
    std::size_t tab = line.find('\t', pos);
    fields.push_back(line.substr(pos, tab == std::string::npos ? std::string::npos : tab - pos));
    if (tab == std::string::npos) break;
    pos = tab + 1;
  }
  return fields;
}

std::string data_dir() {
  if (const char* env = std::getenv("BANGFU_DATA"); env && *env) return env;
  return BANGFU_DATA_DIR;
}

}  // namespace

const char* to_string(ParagraphKind kind) {
  switch (kind) {
    case ParagraphKind::main: return "main";
    case ParagraphKind::related: return "related";
    case ParagraphKind::noise: return "noise";
  }
  return "?";
}

std::size_t parse_date(std::string_view s, std::string& iso) {
  std::size_t y = digits(s, 0, 4);
  if (y != 4 || s.substr(0, 2) < "19" || s.substr(0, 2) > "20") return 0;
  std::size_t i = 4;
  auto separator = [&](std::string_view cjk) -> bool {
    if (i < s.size() && (s[i] == '-' || s[i] == '/' || s[i] == '.')) return ++i, true;
    if (starts_with(s.substr(i), cjk)) return i += cjk.size(), true;
    return false;
  };
  bool cjk = starts_with(s.substr(i), "年");
  if (!separator("年")) return 0;
  std::size_t m = digits(s, i, 2);
  if (m == 0) return 0;
  int month = std::atoi(std::string(s.substr(i, m)).c_str());
  i += m;
  if (!separator("月")) return 0;
  std::size_t d = digits(s, i, 2);
  if (d == 0) return 0;
  int day = std::atoi(std::string(s.substr(i, d)).c_str());
  if (month < 1 || month > 12 || day < 1 || day > 31) return 0;
  std::string out = std::string(s.substr(0, 4)) + (month < 10 ? "-0" : "-") + std::to_string(month) +
                    (day < 10 ? "-0" : "-") + std::to_string(day);
  i += d;
  if (cjk && starts_with(s.substr(i), "日")) i += std::string_view("日").size();
  std::string time;
  if (std::size_t t = parse_time(s.substr(i), time)) {
    out += " " + time;
    i += t;
  }
  iso = std::move(out);
  return i;
}

bool BodyRules::on_topic(std::string_view text) const {
  return std::any_of(topic_words.begin(), topic_words.end(), [&](const std::string& w) { return contains(text, w); });
}

BodyRules BodyRules::from_files(const std::string& boilerplate, const std::vector<std::string>& topic_words) {
  BodyRules rules;
  auto lines = read_lines(boilerplate);
  for (std::size_t n = 0; n < lines.size(); ++n) {
    const std::string& line = lines[n];
    if (line.empty() || line[0] == '#') continue;
    auto fields = split_tabs(line);
    std::string where = boilerplate + ":" + std::to_string(n + 1) + ": ";
    if (fields.size() != 3) throw std::runtime_error(where + "expected 3 tab-separated fields: kind, where, cue");
    const auto& kind = fields[0];
    if (kind != "noise" && kind != "byline" && kind != "credit" && kind != "caption" && kind != "related" && kind != "stop")
      throw std::runtime_error(where + "unknown kind '" + kind + "' (noise, byline, credit, caption, related, stop)");
    if (fields[1] != "prefix" && fields[1] != "contains" && fields[1] != "suffix" && fields[1] != "line")
      throw std::runtime_error(where + "unknown match '" + fields[1] + "' (prefix, contains, suffix, line)");
    if (fields[2].empty()) throw std::runtime_error(where + "empty cue");
    rules.cues.push_back({fields[0], fields[1], fields[2]});
  }
  for (const auto& path : topic_words) {
    for (auto& word : read_lines(path)) {
      std::size_t b = word.find_first_not_of(" \t"), e = word.find_last_not_of(" \t");
      if (b == std::string::npos || word[b] == '#') continue;
      rules.topic_words.push_back(word.substr(b, e - b + 1));
    }
  }
  return rules;
}

BodyRules BodyRules::from_data_dir(const std::string& dir, const std::vector<std::string>& extra_topic_words) {
  std::vector<std::string> topic{dir + "/topic_keywords.txt"};
  topic.insert(topic.end(), extra_topic_words.begin(), extra_topic_words.end());
  return from_files(dir + "/body/boilerplate.tsv", topic);
}

const BodyRules& BodyRules::defaults() {
  static const BodyRules rules = from_data_dir(data_dir());
  return rules;
}

ArticleBody extract_body(const NormalizedText& text, const Document& doc) {
  return extract_body(text, doc, BodyRules::defaults());
}

struct BodyExtractor::Compiled {
  explicit Compiled(const BodyRules& rules) : classify(rules) {
    for (const auto& word : rules.topic_words) topic.add(word);
  }
  Classifier classify;
  PhraseSet topic;
};

BodyExtractor::BodyExtractor(const BodyRules& rules) : compiled_(std::make_unique<const Compiled>(rules)) {}
BodyExtractor::~BodyExtractor() = default;
BodyExtractor::BodyExtractor(BodyExtractor&&) noexcept = default;
BodyExtractor& BodyExtractor::operator=(BodyExtractor&&) noexcept = default;

ArticleBody extract_body(const NormalizedText& text, const Document& doc, const BodyRules& rules) {
  return BodyExtractor(rules).extract(text, doc);
}

ArticleBody BodyExtractor::extract(const NormalizedText& text, const Document& doc) const {
  const Classifier& classify = compiled_->classify;
  ArticleBody body;
  std::vector<Line> lines = split_lines(text.text);
  std::vector<std::uint32_t> first = first_equal_lines(lines);
  std::vector<int> counts(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) ++counts[first[i]];
  for (std::size_t i = 0; i < lines.size(); ++i) counts[i] = counts[first[i]];

  enum class State { article, related, stop } state = State::article;
  body.paragraphs.resize(lines.size());
  bool after_repeat = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    Line& line = lines[i];
    Paragraph& p = body.paragraphs[i];
    p.begin = line.begin;
    p.end = line.end;
    line.timestamp = is_timestamp(line.text);
    line.punctuation = !line.timestamp && is_punctuation_only(line.text);  // a timestamp has digits
    bool stamp = line.timestamp || line.punctuation;
    bool repeat = !stamp && counts[i] >= 2 && first[i] != i;  // an equal line came before
    bool short_line = line.chars <= 60;
    if (short_line && classify.matches(line, Classifier::related)) {
      p.kind = ParagraphKind::noise, p.why = "marker";
      line.marker = true;
      state = State::related;
    } else if (short_line && classify.matches(line, Classifier::stop)) {
      p.kind = ParagraphKind::noise, p.why = "marker";
      line.marker = true;
      state = State::stop;
    } else if (repeat) {
      p.kind = ParagraphKind::noise, p.why = "repeated";
    } else if (const char* why = classify.noise_reason(line, after_repeat)) {
      // A caption states facts of the article (图为某院专家在某县义诊); it is read like the text.
      p.kind = std::string_view(why) == "caption" ? ParagraphKind::main : ParagraphKind::noise, p.why = why;
      line.stamp_reason = why == kTimestamp;
    } else if (state == State::stop) {
      p.kind = ParagraphKind::noise, p.why = "comments";
    } else if (state == State::related) {
      p.kind = ParagraphKind::related, p.why = "listing";
    } else {
      p.kind = ParagraphKind::main, p.why = "text";
    }
    after_repeat = repeat;
  }
  mark_dated_listings(lines, body.paragraphs);

  body.title = find_title(lines, counts, body.paragraphs);
  if (body.title.empty()) body.title = doc.title;
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (!body.title.empty() && lines[i].text == body.title && body.paragraphs[i].kind == ParagraphKind::main) {
      body.paragraphs[i].why = "title";
      break;
    }
  find_date_and_source(lines, body);
  for (auto& p : body.paragraphs) p.kept = p.kind == ParagraphKind::main;
  keep_on_topic(lines, body.paragraphs, compiled_->topic);
  return body;
}

void fill_metadata(Document& doc, const ArticleBody& body) {
  if (doc.title.empty()) doc.title = body.title;
  if (doc.date.empty()) doc.date = body.date;
  if (doc.source.empty()) doc.source = body.source;
}

}  // namespace bangfu::ingest
