#include "tck/value.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

namespace bangfu::tck {

namespace {

class Parser {
 public:
  explicit Parser(std::string_view text) : s_(text) {}

  TckValue whole() {
    TckValue v = value();
    skip_ws();
    if (i_ < s_.size()) fail("unexpected text after the value");
    return v;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw TckSyntaxError("column " + std::to_string(i_ + 1) + ": " + what + " in `" + std::string(s_) + "`");
  }

  void skip_ws() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }
  bool peek(char c) {
    skip_ws();
    return i_ < s_.size() && s_[i_] == c;
  }
  bool eat(char c) {
    if (!peek(c)) return false;
    ++i_;
    return true;
  }
  void expect(char c) {
    if (!eat(c)) fail(std::string("expected '") + c + "'");
  }
  bool eat_word(std::string_view w) {
    skip_ws();
    if (s_.substr(i_, w.size()) != w) return false;
    std::size_t end = i_ + w.size();
    if (end < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[end])) || s_[end] == '_')) return false;
    i_ = end;
    return true;
  }

  TckValue value() {
    skip_ws();
    if (i_ >= s_.size()) fail("expected a value");
    char c = s_[i_];
    if (c == '\'' || c == '"') return {string_literal()};
    if (c == '(') return {node()};
    if (c == '<') return {path()};
    if (c == '{') return {map()};
    if (c == '[') {
      std::size_t save = i_++;
      bool is_rel = peek(':');
      i_ = save;
      if (is_rel) return {rel()};
      return {list()};
    }
    if (eat_word("null")) return {};
    if (eat_word("true")) return {true};
    if (eat_word("false")) return {false};
    if (eat_word("NaN")) return {std::numeric_limits<double>::quiet_NaN()};
    if (eat_word("Infinity") || eat_word("Inf")) return {std::numeric_limits<double>::infinity()};
    if (eat_word("-Infinity") || eat_word("-Inf")) return {-std::numeric_limits<double>::infinity()};
    if (c == '-' || c == '+' || c == '.' || std::isdigit(static_cast<unsigned char>(c))) return number();
    fail("expected a value");
  }

  TckValue number() {
    std::size_t start = i_;
    if (s_[i_] == '-' || s_[i_] == '+') ++i_;
    bool is_float = false;
    auto digits = [&] {
      std::size_t b = i_;
      while (i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_]))) ++i_;
      return i_ > b;
    };
    bool any = digits();
    if (i_ < s_.size() && s_[i_] == '.') {
      ++i_;
      is_float = true;
      any = digits() || any;
    }
    if (!any) fail("expected digits");
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      ++i_;
      is_float = true;
      if (i_ < s_.size() && (s_[i_] == '-' || s_[i_] == '+')) ++i_;
      if (!digits()) fail("expected an exponent");
    }
    std::string text(s_.substr(start, i_ - start));
    if (text[0] == '+') text.erase(0, 1);
    if (is_float) return {std::strtod(text.c_str(), nullptr)};
    std::int64_t n = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || p != text.data() + text.size()) fail("integer out of range");
    return {n};
  }

  std::string string_literal() {
    char quote = s_[i_++];
    std::string out;
    while (i_ < s_.size() && s_[i_] != quote) {
      char c = s_[i_++];
      if (c != '\\') {
        out += c;
        continue;
      }
      if (i_ >= s_.size()) break;
      char e = s_[i_++];
      switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        default: out += e;  // \' \" \\ and anything else stand for themselves
      }
    }
    if (i_ >= s_.size()) fail("unterminated string");
    ++i_;
    return out;
  }

  std::string name() {
    skip_ws();
    if (i_ < s_.size() && s_[i_] == '`') {
      auto end = s_.find('`', i_ + 1);
      if (end == std::string_view::npos) fail("unterminated backquoted name");
      std::string out(s_.substr(i_ + 1, end - i_ - 1));
      i_ = end + 1;
      return out;
    }
    std::size_t start = i_;
    while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_' ||
                              static_cast<unsigned char>(s_[i_]) >= 0x80))
      ++i_;
    if (i_ == start) fail("expected a name");
    return std::string(s_.substr(start, i_ - start));
  }

  TckMap map() {
    expect('{');
    TckMap out;
    if (eat('}')) return out;
    do {
      std::string key = name();
      expect(':');
      out.push_back(TckEntry{std::move(key), value()});
    } while (eat(','));
    expect('}');
    return out;
  }

  TckList list() {
    expect('[');
    TckList out;
    if (eat(']')) return out;
    do out.push_back(value());
    while (eat(','));
    expect(']');
    return out;
  }

  TckNode node() {
    expect('(');
    TckNode n;
    // A variable name before the labels (as in <(a)-[:T]->(b)>) only labels the picture; skip it.
    skip_ws();
    if (i_ < s_.size() && s_[i_] != ':' && s_[i_] != '{' && s_[i_] != ')') name();
    while (eat(':')) n.labels.push_back(name());
    if (peek('{')) n.props = map();
    expect(')');
    return n;
  }

  TckRel rel() {
    expect('[');
    TckRel r;
    expect(':');
    r.type = name();
    if (peek('{')) r.props = map();
    expect(']');
    return r;
  }

  TckPath path() {
    expect('<');
    TckPath p;
    p.nodes.push_back(node());
    while (!eat('>')) {
      bool backward = eat('<');
      expect('-');
      p.rels.push_back(rel());
      expect('-');
      bool forward = eat('>');
      if (forward == backward) fail("a path relationship needs exactly one direction");
      p.forward.push_back(forward);
      p.nodes.push_back(node());
    }
    return p;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

}  // namespace

TckValue parse_tck_value(std::string_view text) { return Parser(text).whole(); }

}  // namespace bangfu::tck
