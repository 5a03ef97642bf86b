#include "ingest/sentences.hpp"

#include <cctype>
#include <string_view>

#include "ingest/utf8.hpp"

namespace bangfu::ingest {

namespace {

constexpr std::size_t kMaxQuotedBytes = 600;  // an unclosed quote must not swallow the rest of a paragraph
// News sentences stay far below this (about 1 300 Chinese characters). Recognition and resolution look
// at pairs of mentions within a sentence, so a megabyte with no terminator took minutes: longer runs
// are cut at their last comma before the bound (or at the bound itself).
constexpr std::size_t kMaxSentenceBytes = 4096;

bool is_terminator(char32_t cp) { return cp == U'。' || cp == '!' || cp == '?' || cp == ';' || cp == U'｡'; }

bool is_opener(char32_t cp) {
  return cp == U'“' || cp == U'‘' || cp == U'「' || cp == U'『' || cp == '(' || cp == '[' || cp == U'《' ||
         cp == U'【' || cp == U'〈' || cp == U'〔';
}

bool is_closer(char32_t cp) {
  return cp == U'”' || cp == U'’' || cp == U'」' || cp == U'』' || cp == ')' || cp == ']' || cp == U'》' ||
         cp == U'】' || cp == U'〉' || cp == U'〕';
}

// Only a closing quote after a terminator ends the sentence; brackets and book titles do not (“好。” vs 《通知。》).
bool is_quote_closer(char32_t cp) { return cp == U'”' || cp == U'’' || cp == U'」' || cp == U'』'; }

bool is_edge_junk(char c) { return c == ' ' || c == '*' || c == '#' || c == '_'; }

bool has_content(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = utf8::next(s, i);
    if (utf8::is_cjk(cp) || (cp < 0x80 && std::isalnum(static_cast<int>(cp)))) return true;
  }
  return false;
}

void emit(const NormalizedText& text, std::uint32_t paragraph, std::size_t b, std::size_t e,
          std::vector<Sentence>& out) {
  while (b < e && is_edge_junk(text.text[b])) ++b;
  while (e > b && is_edge_junk(text.text[e - 1])) --e;
  std::string_view s = std::string_view(text.text).substr(b, e - b);
  if (!has_content(s)) return;
  Sentence sentence;
  sentence.text = std::string(s);
  sentence.begin = static_cast<std::uint32_t>(b);
  sentence.end = static_cast<std::uint32_t>(e);
  sentence.source_begin = text.source_offset(sentence.begin);
  sentence.source_end = text.source_offset(sentence.end);
  sentence.paragraph = paragraph;
  out.push_back(std::move(sentence));
}

void emit_bounded(const NormalizedText& text, std::uint32_t paragraph, std::size_t b, std::size_t e,
                  std::vector<Sentence>& out) {
  const std::string& s = text.text;
  while (e - b > kMaxSentenceBytes) {
    std::size_t cut = b + kMaxSentenceBytes;
    while (cut > b && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // a character's first byte
    std::size_t comma = s.find_last_of(",", cut - 1);
    if (comma != std::string::npos && comma > b + kMaxSentenceBytes / 2) cut = comma + 1;
    emit(text, paragraph, b, cut, out);
    b = cut;
  }
  emit(text, paragraph, b, e, out);
}

void split_paragraph(const NormalizedText& text, std::uint32_t index, std::size_t begin, std::size_t end,
                     std::vector<Sentence>& out) {
  std::string_view s(text.text);
  std::size_t start = begin, quote_start = 0;
  int depth = 0;
  bool ascii_quote = false;  // '"' opens and closes
  for (std::size_t i = begin; i < end;) {
    char32_t cp = utf8::next(s, i);
    if (cp == '"') {
      ascii_quote = !ascii_quote;
      depth += ascii_quote ? 1 : -1;
      if (ascii_quote && depth == 1) quote_start = i;
      continue;
    }
    if (is_opener(cp)) {
      if (depth++ == 0) quote_start = i;
      continue;
    }
    if (is_closer(cp)) {
      if (depth > 0) --depth;
      continue;
    }
    if (!is_terminator(cp)) continue;
    // Absorb further terminators and the closing quotes right after: “好!”  ?!  。”)
    std::size_t j = i;
    int d = depth;
    while (j < end) {
      std::size_t k = j;
      char32_t next = utf8::next(s, k);
      if (is_terminator(next) || next == '.') {
        j = k;
      } else if (is_quote_closer(next) && d > 0) {
        --d;
        j = k;
      } else if (next == '"' && ascii_quote) {
        ascii_quote = false;
        --d;
        j = k;
      } else {
        break;
      }
    }
    bool closes = d == 0;
    bool runaway = depth > 0 && i - quote_start > kMaxQuotedBytes;
    if (closes || runaway) {
      emit_bounded(text, index, start, j, out);
      start = j;
      depth = 0;
      ascii_quote = false;
    }
    i = j;
  }
  emit_bounded(text, index, start, end, out);
}

}  // namespace

std::vector<Sentence> split_sentences(const NormalizedText& text, const ArticleBody& body) {
  std::vector<Sentence> out;
  for (std::size_t p = 0; p < body.paragraphs.size(); ++p) {
    const Paragraph& para = body.paragraphs[p];
    if (!para.kept || para.end > text.text.size() || para.begin >= para.end) continue;
    split_paragraph(text, static_cast<std::uint32_t>(p), para.begin, para.end, out);
  }
  return out;
}

std::vector<Clause> clauses(const Sentence& sentence) {
  std::vector<Clause> out;
  std::string_view s(sentence.text);
  auto push = [&](std::size_t b, std::size_t e) {
    while (b < e && s[b] == ' ') ++b;
    while (e > b && s[e - 1] == ' ') --e;
    if (e > b) out.push_back({static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e)});
  };
  std::size_t start = 0;
  int depth = 0;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t at = i;
    char32_t cp = utf8::next(s, i);
    if (is_opener(cp)) ++depth;
    else if (is_closer(cp) && depth > 0) --depth;
    else if (depth == 0 && (cp == ',' || cp == U'、' || cp == ':' || cp == ';')) {
      bool in_number = (cp == ',' || cp == ':') && at > 0 && i < s.size() && std::isdigit(static_cast<unsigned char>(s[at - 1])) &&
                       std::isdigit(static_cast<unsigned char>(s[i]));  // 10,000 and 11:30
      if (in_number) continue;
      push(start, at);
      start = i;
    }
  }
  push(start, s.size());
  return out;
}

}  // namespace bangfu::ingest
