// The query grammar in Boost.Spirit X3. This is the only translation unit that includes X3: the rules
// build the syntax tree of ast.hpp through semantic actions, and every expectation point (`>`) turns
// into a "line L, column C: expected …" error.
#include <boost/fusion/include/at_c.hpp>
#include <boost/spirit/home/x3.hpp>
#include <charconv>
#include <cmath>
#include <cstring>

#include "query/parser.hpp"
#include "query/utf8.hpp"

namespace bangfu::query {

namespace x3 = boost::spirit::x3;
using namespace ast;

namespace grammar {

using It = const char*;

struct ParseState {
  It begin;
  std::string_view text;
  std::size_t max_depth = kDefaultMaxDepth;
  mutable std::size_t depth = 0;  // nested expressions being parsed right now (see nesting_guard)
};
struct state_tag;

template <class Ctx>
const ParseState& state(const Ctx& ctx) {
  return x3::get<state_tag>(ctx);
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Offset of the first significant character at or after `where` (actions see positions before skipping).
template <class Ctx>
std::size_t offset(const Ctx& ctx, It where) {
  const auto& st = state(ctx);
  It end = st.text.data() + st.text.size();
  while (where != end && is_space(*where)) ++where;
  return static_cast<std::size_t>(where - st.begin);
}

// Zero-width parser yielding the offset of the next token: X3 1.74's _where() gives the input after a
// match, not its start, so actions that need a position get it from here.
struct position_parser : x3::parser<position_parser> {
  using attribute_type = std::size_t;
  static bool const has_attribute = true;
  template <class Iter, class Ctx, class RCtx, class Attr>
  bool parse(Iter& first, Iter last, const Ctx& ctx, RCtx&, Attr& attr) const {
    x3::skip_over(first, last, ctx);
    x3::traits::move_to(static_cast<std::size_t>(first - state(ctx).begin), attr);
    return true;
  }
};
const position_parser pos_p{};

inline std::size_t pos_of(std::size_t p) { return p; }
template <class Seq>
std::size_t pos_of(const Seq& s) {
  return boost::fusion::at_c<0>(s);
}
template <class Seq>
decltype(auto) value_of(Seq& s) {
  return boost::fusion::at_c<1>(s);
}

template <class Ctx>
[[noreturn]] void fail(const Ctx& ctx, It where, const std::string& message, const std::string& code) {
  throw error_at(QueryError::Kind::Syntax, state(ctx).text, offset(ctx, where), message, code);
}

[[noreturn]] void too_deep(const ParseState& st, std::size_t offset) {
  throw error_at(QueryError::Kind::Syntax, st.text, offset,
                 "expression nested too deeply (more than " + std::to_string(st.max_depth) +
                     " levels of brackets, operators or NOT/unary minus); simplify the query or raise the limit",
                 "NestingTooDeep");
}

// Wraps every rule that recurses (nested expressions, NOT NOT …, - - …): the parser recurses once per
// level, so past ParseState::max_depth levels it stops with an error instead of running out of stack.
template <class Subject>
struct nesting_guard : x3::unary_parser<Subject, nesting_guard<Subject>> {
  using base = x3::unary_parser<Subject, nesting_guard<Subject>>;
  static bool const is_pass_through_unary = true;
  constexpr nesting_guard(const Subject& subject) : base(subject) {}
  template <class Iter, class Ctx, class RCtx, class Attr>
  bool parse(Iter& first, Iter last, const Ctx& ctx, RCtx& rctx, Attr& attr) const {
    const auto& st = state(ctx);
    if (st.depth >= st.max_depth) too_deep(st, offset(ctx, first));
    ++st.depth;
    struct Leave {
      std::size_t& depth;
      ~Leave() { --depth; }
    } leave{st.depth};
    return this->subject.parse(first, last, ctx, rctx, attr);
  }
};
struct nesting_guard_gen {
  template <class Subject>
  constexpr nesting_guard<typename x3::extension::as_parser<Subject>::value_type> operator[](const Subject& s) const {
    return {x3::as_parser(s)};
  }
};
constexpr nesting_guard_gen guarded{};

// Left-associative chains (1+1+…, a AND b AND …, x.a.b…, l[0][0]…) are built by loops, not recursion, but
// the tree they build is as deep as the chain and everything after the parser walks it recursively. Each
// node therefore records its height and a node past the limit is refused where it is built.
template <class Ctx>
void set_height(const Ctx& ctx, Expr& e) {
  std::uint32_t h = 0;
  for (const auto& a : e.args)
    if (a) h = std::max(h, a->height);
  if (e.pattern) {
    for (const auto& n : e.pattern->nodes)
      if (n.props) h = std::max(h, n.props->height);
    for (const auto& r : e.pattern->rels)
      if (r.props) h = std::max(h, r.props->height);
  }
  e.height = h + 1;
  const auto& st = state(ctx);
  if (e.height > st.max_depth) too_deep(st, e.pos);
}

// ---- lexical primitives ---------------------------------------------------------------------------

bool ascii_alpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool ascii_digit(unsigned char c) { return c >= '0' && c <= '9'; }

// Full-width punctuation (U+3000..U+303F, U+FF00..U+FF65) ends an identifier, so that a stray "，" or
// "（" typed with a Chinese input method is reported where it is instead of being eaten as a name.
bool cjk_punctuation(It i, It last) {
  if (last - i < 3) return false;
  auto b0 = static_cast<unsigned char>(i[0]), b1 = static_cast<unsigned char>(i[1]);
  return (b0 == 0xE3 && b1 == 0x80) || (b0 == 0xEF && (b1 == 0xBC || b1 == 0xBD));
}
bool ident_start(It i, It last) {
  auto c = static_cast<unsigned char>(*i);
  return ascii_alpha(c) || c == '_' || (c >= 0x80 && !cjk_punctuation(i, last));
}
bool ident_char(It i, It last) { return ident_start(i, last) || ascii_digit(static_cast<unsigned char>(*i)); }

It scan_identifier(It first, It last) {
  if (first == last || !ident_start(first, last)) return first;
  It i = first;
  while (i != last && ident_char(i, last)) {
    auto c = static_cast<unsigned char>(*i);
    i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (i > last) i = last;
  }
  return i;
}

struct identifier_parser : x3::parser<identifier_parser> {
  using attribute_type = std::string;
  static bool const has_attribute = true;
  template <class Iter, class Ctx, class RCtx, class Attr>
  bool parse(Iter& first, Iter last, const Ctx& ctx, RCtx&, Attr& attr) const {
    x3::skip_over(first, last, ctx);
    It end = scan_identifier(first, last);
    if (end == first) return false;
    x3::traits::move_to(std::string(first, end), attr);
    first = end;
    return true;
  }
};

// `name` with `` `` `` standing for one backquote; any character is allowed inside.
struct backquoted_parser : x3::parser<backquoted_parser> {
  using attribute_type = std::string;
  static bool const has_attribute = true;
  template <class Iter, class Ctx, class RCtx, class Attr>
  bool parse(Iter& first, Iter last, const Ctx& ctx, RCtx&, Attr& attr) const {
    x3::skip_over(first, last, ctx);
    if (first == last || *first != '`') return false;
    std::string out;
    for (It i = first + 1; i != last; ++i) {
      if (*i != '`') {
        out += *i;
      } else if (i + 1 != last && i[1] == '`') {
        out += '`';
        ++i;
      } else {
        if (out.empty()) fail(ctx, first, "a name between backquotes may not be empty", "SyntaxError");
        x3::traits::move_to(std::move(out), attr);
        first = i + 1;
        return true;
      }
    }
    fail(ctx, first, "unterminated name: missing closing backquote", "SyntaxError");
  }
};

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// 'text' or "text" with the usual backslash escapes, including \uXXXX and \UXXXXXXXX.
struct string_parser : x3::parser<string_parser> {
  using attribute_type = std::string;
  static bool const has_attribute = true;
  template <class Iter, class Ctx, class RCtx, class Attr>
  bool parse(Iter& first, Iter last, const Ctx& ctx, RCtx&, Attr& attr) const {
    x3::skip_over(first, last, ctx);
    if (first == last || (*first != '\'' && *first != '"')) return false;
    char quote = *first;
    std::string out;
    for (It i = first + 1; i != last; ++i) {
      if (*i == quote) {
        x3::traits::move_to(std::move(out), attr);
        first = i + 1;
        return true;
      }
      if (*i != '\\') {
        out += *i;
        continue;
      }
      if (i + 1 == last) break;
      It esc = i++;
      switch (*i) {
        case '\\': out += '\\'; break;
        case '\'': out += '\''; break;
        case '"': out += '"'; break;
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'u':
        case 'U': {
          int digits = *i == 'u' ? 4 : 8;
          if (last - i <= digits) fail(ctx, esc, "incomplete unicode escape", "InvalidUnicodeLiteral");
          std::uint32_t cp = 0;
          auto [p, ec] = std::from_chars(i + 1, i + 1 + digits, cp, 16);
          if (ec != std::errc() || p != i + 1 + digits || cp > 0x10FFFF)
            fail(ctx, esc, "invalid unicode escape", "InvalidUnicodeLiteral");
          i += digits;
          // Cypher strings are UTF-16 in other engines, so a surrogate pair "\uD83D\uDE00" is one
          // character; a lone surrogate is no character at all and would make the output invalid UTF-8.
          if (cp >= 0xD800 && cp <= 0xDBFF && digits == 4 && last - i > 6 && i[1] == '\\' && i[2] == 'u') {
            std::uint32_t low = 0;
            auto [q, ec2] = std::from_chars(i + 3, i + 7, low, 16);
            if (ec2 == std::errc() && q == i + 7 && low >= 0xDC00 && low <= 0xDFFF) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
              i += 6;
            }
          }
          if (cp >= 0xD800 && cp <= 0xDFFF)
            fail(ctx, esc,
                 "a lone UTF-16 surrogate (\\uD800-\\uDFFF) is not a character; write the character itself or a "
                 "high+low surrogate pair",
                 "InvalidUnicodeLiteral");
          append_utf8(out, cp);
          break;
        }
        default:
          fail(ctx, esc, "unknown escape sequence '\\" + std::string(1, *i) + "'", "InvalidEscapeSequence");
      }
    }
    fail(ctx, first, "unterminated string: missing closing quote", "SyntaxError");
  }
};

template <class Ctx>
bool preceded_by_minus(const Ctx& ctx, It where) {
  It begin = state(ctx).begin;
  while (where != begin && is_space(where[-1])) --where;
  return where != begin && where[-1] == '-';
}

// Integers (decimal, 0x hex, 0o octal) and floats. "1..3" stays an integer followed by "..".
struct number_parser : x3::parser<number_parser> {
  using attribute_type = Value;
  static bool const has_attribute = true;
  template <class Iter, class Ctx, class RCtx, class Attr>
  bool parse(Iter& first, Iter last, const Ctx& ctx, RCtx&, Attr& attr) const {
    x3::skip_over(first, last, ctx);
    It i = first;
    auto digit_at = [&](It p) { return p != last && ascii_digit(static_cast<unsigned char>(*p)); };
    if (!digit_at(i) && !(i != last && *i == '.' && digit_at(i + 1))) return false;
    Value value;
    if (*i == '0' && i + 1 != last && (i[1] == 'x' || i[1] == 'X' || i[1] == 'o' || i[1] == 'O')) {
      int base = (i[1] == 'x' || i[1] == 'X') ? 16 : 8;
      std::uint64_t u = 0;
      auto [p, ec] = std::from_chars(i + 2, last, u, base);
      // As in decimal, 2^63 only exists negated; the unary minus folds it into INT64_MIN.
      bool min_magnitude = ec == std::errc() && u == (std::uint64_t{1} << 63) && preceded_by_minus(ctx, first);
      if (ec == std::errc::result_out_of_range || (u > INT64_MAX && !min_magnitude))
        fail(ctx, first, "integer literal is too large", "IntegerOverflow");
      auto v = min_magnitude ? INT64_MIN : static_cast<std::int64_t>(u);
      if (ec != std::errc() || p == i + 2) fail(ctx, first, "invalid number literal", "InvalidNumberLiteral");
      value = Value(v);
      i = p;
    } else {
      It p = i;
      while (digit_at(p)) ++p;
      bool is_float = false;
      if (p != last && *p == '.' && digit_at(p + 1)) {
        is_float = true;
        ++p;
        while (digit_at(p)) ++p;
      }
      if (p != last && (*p == 'e' || *p == 'E')) {
        It q = p + 1;
        if (q != last && (*q == '+' || *q == '-')) ++q;
        if (digit_at(q)) {
          is_float = true;
          p = q;
          while (digit_at(p)) ++p;
        }
      }
      if (is_float) {
        double d = std::strtod(std::string(i, p).c_str(), nullptr);
        if (std::isinf(d)) fail(ctx, first, "float literal is too large", "FloatingPointOverflow");
        value = Value(d);
      } else {
        std::int64_t v = 0;
        auto [q, ec] = std::from_chars(i, p, v);
        // 9223372036854775808 only exists negated: the unary minus folds this marker into INT64_MIN.
        if (ec == std::errc::result_out_of_range && std::string_view(i, p - i) == "9223372036854775808" &&
            preceded_by_minus(ctx, first)) {
          v = INT64_MIN;
          ec = std::errc();
        }
        if (ec == std::errc::result_out_of_range) fail(ctx, first, "integer literal is too large", "IntegerOverflow");
        value = Value(v);
      }
      i = p;
    }
    if (i != last && ident_char(i, last)) fail(ctx, first, "invalid number literal", "InvalidNumberLiteral");
    x3::traits::move_to(std::move(value), attr);
    first = i;
    return true;
  }
};

// A case-insensitive keyword that does not run on into a longer name.
struct keyword_parser : x3::parser<keyword_parser> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;
  const char* word;
  explicit keyword_parser(const char* w) : word(w) {}
  template <class Iter, class Ctx, class RCtx, class Attr>
  bool parse(Iter& first, Iter last, const Ctx& ctx, RCtx&, Attr&) const {
    x3::skip_over(first, last, ctx);
    std::size_t n = std::strlen(word);
    if (static_cast<std::size_t>(last - first) < n) return false;
    for (std::size_t k = 0; k < n; ++k) {
      char c = first[k];
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      if (c != word[k]) return false;
    }
    if (first + n != last && ident_char(first + n, last)) return false;
    first += n;
    return true;
  }
};
keyword_parser kw(const char* w) { return keyword_parser(w); }

bool is_reserved(const std::string& s) {
  static const char* const words[] = {
      "MATCH", "OPTIONAL", "WHERE", "RETURN", "WITH", "CREATE", "UNWIND", "AS", "ORDER", "BY", "SKIP",
      "LIMIT", "DISTINCT", "ASC", "DESC", "ASCENDING", "DESCENDING", "AND", "OR", "XOR", "NOT", "IN", "IS",
      "NULL", "TRUE", "FALSE", "STARTS", "ENDS", "CONTAINS", "CASE", "WHEN", "THEN", "ELSE", "END"};
  if (s.size() > 10) return false;
  std::string up = s;
  for (auto& c : up)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  for (const char* w : words)
    if (up == w) return true;
  return false;
}

const identifier_parser identifier{};
const backquoted_parser backquoted{};
const string_parser string_literal{};
const number_parser number{};

const auto skipper = x3::char_(" \t\r\n\f\v") | x3::lit("\xE3\x80\x80") |
                     (x3::lit("//") >> *(x3::char_ - x3::eol)) | (x3::lit("/*") >> *(x3::char_ - "*/") > "*/");

// ---- semantic actions -----------------------------------------------------------------------------

const auto assign = [](auto& ctx) { x3::_val(ctx) = x3::_attr(ctx); };

ExprPtr node_at(ExprKind kind, std::size_t pos) { return make_expr(kind, pos); }

auto binary(Op op) {
  return [op](auto& ctx) {
    auto e = node_at(ExprKind::Binary, x3::_val(ctx)->pos);
    e->op = op;
    e->args = {x3::_val(ctx), x3::_attr(ctx)};
    set_height(ctx, *e);
    x3::_val(ctx) = e;
  };
}
auto postfix_unary(Op op) {
  return [op](auto& ctx) {
    auto e = node_at(ExprKind::Unary, x3::_val(ctx)->pos);
    e->op = op;
    e->args = {x3::_val(ctx)};
    set_height(ctx, *e);
    x3::_val(ctx) = e;
  };
}
auto prefix_unary(Op op) {
  return [op](auto& ctx) {
    std::size_t pos = pos_of(x3::_attr(ctx));
    const ExprPtr& arg = value_of(x3::_attr(ctx));
    // Fold "-1" into a literal so that LIMIT -1 and list[-1] see a constant. INT64_MIN folds only as the
    // literal -9223372036854775808 itself (the number parser's marker); negating it again, as in
    // -(-9223372036854775808), stays an operator so that it reports the overflow.
    bool min_marker = arg->kind == ExprKind::Literal && arg->value.is<std::int64_t>() &&
                      arg->value.as<std::int64_t>() == INT64_MIN;
    if (min_marker) {
      const auto& text = state(ctx).text;
      std::size_t from = std::min(pos + 1, text.size()), to = std::min(arg->pos, text.size());
      for (std::size_t k = from; k < to && min_marker; ++k) min_marker = is_space(text[k]);
      // The marker is the digits themselves; an INT64_MIN folded earlier starts at its own '-'.
      min_marker = min_marker && arg->pos > pos && to < text.size() && ascii_digit(static_cast<unsigned char>(text[to]));
    }
    if (op == Op::Neg && arg->kind == ExprKind::Literal &&
        (arg->value.is<double>() ||
         (arg->value.is<std::int64_t>() && (arg->value.as<std::int64_t>() != INT64_MIN || min_marker)))) {
      auto e = node_at(ExprKind::Literal, pos);
      std::int64_t i = arg->value.is<std::int64_t>() ? arg->value.as<std::int64_t>() : 0;
      e->value = arg->value.is<double>() ? Value(-arg->value.as<double>()) : Value(i == INT64_MIN ? i : -i);
      x3::_val(ctx) = e;
      return;
    }
    auto e = node_at(ExprKind::Unary, pos);
    e->op = op;
    e->args = {arg};
    set_height(ctx, *e);
    x3::_val(ctx) = e;
  };
}
// `a < b < c` means `a < b AND b < c` (the shared operand is evaluated twice, which is harmless).
// `chain` marks nodes this loop built, so that a parenthesised `(a < b) < c` stays a plain comparison.
auto comparison = [](auto& ctx) {
  auto& attr = x3::_attr(ctx);
  ExprPtr prev = x3::_val(ctx);
  auto e = node_at(ExprKind::Binary, prev->pos);
  e->op = boost::fusion::at_c<0>(attr);
  e->chain = true;
  if (!prev->chain) {
    e->args = {prev, boost::fusion::at_c<1>(attr)};
    set_height(ctx, *e);
    x3::_val(ctx) = e;
    return;
  }
  const ExprPtr& last = prev->op == Op::And ? prev->args[1] : prev;
  e->args = {last->args[1], boost::fusion::at_c<1>(attr)};
  set_height(ctx, *e);
  auto both = node_at(ExprKind::Binary, prev->pos);
  both->op = Op::And;
  both->chain = true;
  both->args = {prev, e};
  set_height(ctx, *both);
  x3::_val(ctx) = both;
};
auto const pattern_expr = [](auto& ctx) {
  auto e = node_at(ExprKind::PatternPredicate, x3::_attr(ctx).pos);
  e->pattern = std::make_shared<Pattern>(std::move(x3::_attr(ctx)));
  set_height(ctx, *e);
  x3::_val(ctx) = e;
};
auto parenthesised = [](auto& ctx) {
  x3::_val(ctx) = x3::_attr(ctx);
  x3::_val(ctx)->chain = false;
};
auto literal = [](auto& ctx) {
  auto e = node_at(ExprKind::Literal, pos_of(x3::_attr(ctx)));
  e->value = Value(value_of(x3::_attr(ctx)));
  x3::_val(ctx) = e;
};
auto constant(Value v) {
  return [v](auto& ctx) {
    auto e = node_at(ExprKind::Literal, pos_of(x3::_attr(ctx)));
    e->value = v;
    x3::_val(ctx) = e;
  };
}
auto named(ExprKind kind) {
  return [kind](auto& ctx) {
    auto e = node_at(kind, pos_of(x3::_attr(ctx)));
    e->name = value_of(x3::_attr(ctx));
    x3::_val(ctx) = e;
  };
}
auto start(ExprKind kind) {
  return [kind](auto& ctx) { x3::_val(ctx) = node_at(kind, pos_of(x3::_attr(ctx))); };
}
auto push_arg = [](auto& ctx) {
  x3::_val(ctx)->args.push_back(x3::_attr(ctx));
  set_height(ctx, *x3::_val(ctx));
};
auto push_null_arg = [](auto& ctx) { x3::_val(ctx)->args.push_back(nullptr); };
auto set_distinct = [](auto& ctx) { x3::_val(ctx)->distinct = true; };
auto push_entry = [](auto& ctx) {
  auto& attr = x3::_attr(ctx);
  x3::_val(ctx)->keys.push_back(boost::fusion::at_c<0>(attr));
  x3::_val(ctx)->args.push_back(boost::fusion::at_c<1>(attr));
  set_height(ctx, *x3::_val(ctx));
};
auto call_start = [](auto& ctx) {
  auto e = node_at(ExprKind::Call, pos_of(x3::_attr(ctx)));
  e->name = value_of(x3::_attr(ctx));
  x3::_val(ctx) = e;
};
auto property = [](auto& ctx) {
  auto e = node_at(ExprKind::Property, x3::_val(ctx)->pos);
  e->name = x3::_attr(ctx);
  e->args = {x3::_val(ctx)};
  set_height(ctx, *e);
  x3::_val(ctx) = e;
};
auto has_labels = [](auto& ctx) {
  auto e = node_at(ExprKind::HasLabels, x3::_val(ctx)->pos);
  e->keys = x3::_attr(ctx);
  e->args = {x3::_val(ctx)};
  set_height(ctx, *e);
  x3::_val(ctx) = e;
};
// a[i], a[i..j], a[..j]: the bracket opens a Slice node that the text after its first bound settles,
// so the bound is parsed once. (Trying a slice, then on failure an index, parsed it twice at every
// level of nesting: 2^depth steps for a[b[c[…]]].)
auto open_slice = [](auto& ctx) {
  auto e = node_at(ExprKind::Slice, x3::_val(ctx)->pos);
  e->args = {x3::_val(ctx), nullptr, nullptr};
  x3::_val(ctx) = e;
};
auto slice_bound(std::size_t i) {
  return [i](auto& ctx) { x3::_val(ctx)->args[i] = x3::_attr(ctx); };
}
auto close_slice = [](auto& ctx) { set_height(ctx, *x3::_val(ctx)); };
auto close_index = [](auto& ctx) {
  auto& e = *x3::_val(ctx);
  if (!e.args[1]) {  // a[]: no index
    x3::_pass(ctx) = false;
    return;
  }
  e.kind = ExprKind::Index;
  e.args.resize(2);
  set_height(ctx, e);
};

// ---- expression rules -----------------------------------------------------------------------------

x3::rule<class expression_r, ExprPtr> const expression = "expression";
x3::rule<class xor_r, ExprPtr> const xor_expr = "expression";
x3::rule<class and_r, ExprPtr> const and_expr = "expression";
x3::rule<class not_r, ExprPtr> const not_expr = "expression";
x3::rule<class cmp_r, ExprPtr> const cmp_expr = "expression";
x3::rule<class pred_r, ExprPtr> const pred_expr = "expression";
x3::rule<class add_r, ExprPtr> const add_expr = "expression";
x3::rule<class mul_r, ExprPtr> const mul_expr = "expression";
x3::rule<class pow_r, ExprPtr> const pow_expr = "expression";
x3::rule<class unary_r, ExprPtr> const unary_expr = "expression";
x3::rule<class postfix_r, ExprPtr> const postfix_expr = "expression";
x3::rule<class atom_r, ExprPtr> const atom = "expression";
x3::rule<class list_r, ExprPtr> const list_literal = "list";
x3::rule<class map_r, ExprPtr> const map_literal = "map";
x3::rule<class call_r, ExprPtr> const function_call = "function call";
x3::rule<class fname_r, std::string> const function_name = "function name";
x3::rule<class case_r, ExprPtr> const case_expr = "CASE expression";
x3::rule<class list_comp_r, ExprPtr> const list_comprehension = "list comprehension";
x3::rule<class quantifier_r, ExprPtr> const quantifier = "quantifier";
x3::rule<class reduce_r, ExprPtr> const reduce_expr = "reduce";
x3::rule<class map_proj_r, ExprPtr> const map_projection = "map projection";
x3::rule<class pred_chain_r, Pattern> const pred_chain = "pattern";
x3::rule<class pattern_comp_r, ExprPtr> const pattern_comprehension = "pattern comprehension";
x3::rule<class param_r, ExprPtr> const parameter = "parameter";
x3::rule<class variable_r, std::string> const variable = "variable name";
x3::rule<class digits_r, std::string> const digits = "digits";
x3::rule<class param_name_r, std::string> const param_name = "parameter name";
x3::rule<class name_r, std::string> const symbolic_name = "name";
x3::rule<class labels_r, std::vector<std::string>> const label_suffix = "label";
x3::rule<class close_paren_r> const close_paren = "')'";
x3::rule<class close_bracket_r> const close_bracket = "']'";
x3::rule<class close_brace_r> const close_brace = "'}'";

struct cmp_ops_t : x3::symbols<Op> {
  cmp_ops_t() { add("=", Op::Eq)("<>", Op::Ne)("!=", Op::Ne)("<=", Op::Le)(">=", Op::Ge)("<", Op::Lt)(">", Op::Gt); }
} const cmp_ops;

auto const check_not_reserved = [](auto& ctx) {
  x3::_val(ctx) = x3::_attr(ctx);
  x3::_pass(ctx) = !is_reserved(x3::_attr(ctx));
};

auto const close_paren_def = x3::lit(')');
auto const close_bracket_def = x3::lit(']');
auto const close_brace_def = x3::lit('}');
// A range, not x3::digit: X3's character classes call isdigit() on a plain char, which asserts (and is
// undefined behaviour without assertions) for the bytes of UTF-8 characters. Found by fuzz_query_eval.
auto const digits_def = +x3::char_('0', '9');
auto const param_name_def = identifier | backquoted | digits;
auto const variable_def = identifier[check_not_reserved] | backquoted[assign];
auto const symbolic_name_def = identifier | backquoted;
auto const label_suffix_def = +(':' > symbolic_name);

auto const expression_def = guarded[xor_expr[assign] >> *(kw("OR") > xor_expr)[binary(Op::Or)]];
auto const xor_expr_def = and_expr[assign] >> *(kw("XOR") > and_expr)[binary(Op::Xor)];
auto const and_expr_def = not_expr[assign] >> *(kw("AND") > not_expr)[binary(Op::And)];
auto const not_expr_def = (pos_p >> kw("NOT") > guarded[not_expr])[prefix_unary(Op::Not)] | cmp_expr[assign];
auto const cmp_expr_def = pred_expr[assign] >> *(cmp_ops > pred_expr)[comparison];
auto const pred_expr_def =
    add_expr[assign] >>
    *((kw("STARTS") > kw("WITH") > add_expr)[binary(Op::StartsWith)] |
      (kw("ENDS") > kw("WITH") > add_expr)[binary(Op::EndsWith)] |
      (kw("CONTAINS") > add_expr)[binary(Op::Contains)] | (kw("IN") > add_expr)[binary(Op::In)] |
      (x3::lit("=~") > add_expr)[binary(Op::Regex)] |
      (kw("IS") >> kw("NOT") > kw("NULL"))[postfix_unary(Op::IsNotNull)] |
      (kw("IS") > kw("NULL"))[postfix_unary(Op::IsNull)]);
auto const add_expr_def = mul_expr[assign] >> *((x3::lit('+') > mul_expr)[binary(Op::Add)] |
                                                (x3::lit('-') > mul_expr)[binary(Op::Sub)]);
auto const mul_expr_def = pow_expr[assign] >> *((x3::lit('*') > pow_expr)[binary(Op::Mul)] |
                                                (x3::lit('/') > pow_expr)[binary(Op::Div)] |
                                                (x3::lit('%') > pow_expr)[binary(Op::Mod)]);
auto const pow_expr_def = unary_expr[assign] >> *(x3::lit('^') > unary_expr)[binary(Op::Pow)];
auto const unary_expr_def =
    (pos_p >> '-' > guarded[unary_expr])[prefix_unary(Op::Neg)] | (x3::lit('+') > guarded[unary_expr])[assign] |
    postfix_expr[assign];
auto const postfix_expr_def =
    atom[assign] >>
    *((x3::lit('.') >> !x3::lit('.') > symbolic_name)[property] |
      (x3::lit('[')[open_slice] > -expression[slice_bound(1)] >
       ((x3::lit("..") > -expression[slice_bound(2)] > close_bracket)[close_slice] | close_bracket[close_index])) |
      label_suffix[has_labels]);
auto const atom_def = (pos_p >> number)[literal] | (pos_p >> string_literal)[literal] | parameter[assign] |
                      (pos_p >> kw("TRUE"))[constant(Value(true))] | (pos_p >> kw("FALSE"))[constant(Value(false))] |
                      (pos_p >> kw("NULL"))[constant(Value())] |
                      (pos_p >> kw("COUNT") >> '(' >> '*' > close_paren)[start(ExprKind::CountStar)] | case_expr[assign] |
                      pattern_comprehension[assign] | list_comprehension[assign] | list_literal[assign] | map_literal[assign] | quantifier[assign] |
                      reduce_expr[assign] | function_call[assign] |
                      pred_chain[pattern_expr] | ('(' > expression > close_paren)[parenthesised] | map_projection[assign] |
                      (pos_p >> variable)[named(ExprKind::Variable)];
auto const list_literal_def =
    (pos_p >> '[')[start(ExprKind::List)] > -(expression[push_arg] % ',') > close_bracket;
auto const map_literal_def =
    (pos_p >> '{')[start(ExprKind::Map)] > -((symbolic_name > ':' > expression)[push_entry] % ',') > close_brace;
// Namespaced names such as date.truncate or duration.between.
auto set_fname = [](auto& ctx) { x3::_val(ctx) = x3::_attr(ctx); };
auto append_fname = [](auto& ctx) { x3::_val(ctx) += "." + x3::_attr(ctx); };
auto const function_name_def = symbolic_name[set_fname] >> *(x3::lit('.') >> symbolic_name[append_fname]);
auto const function_call_def = (pos_p >> function_name >> '(')[call_start] > -kw("DISTINCT")[set_distinct] >
                               -(expression[push_arg] % ',') > close_paren;
auto const parameter_def =
    (pos_p >> x3::lexeme['$' >> param_name])[named(ExprKind::Parameter)];
// args: [subject or null, ELSE value or null, WHEN, THEN, WHEN, THEN, …]
auto const case_expr_def = (pos_p >> kw("CASE"))[start(ExprKind::Case)] >>
                           ((!kw("WHEN") >> expression[push_arg]) | x3::eps[push_null_arg]) >>
                           x3::eps[push_null_arg] >>
                           +(kw("WHEN") > expression[push_arg] > kw("THEN") > expression[push_arg]) >>
                           -(kw("ELSE") > expression[([](auto& ctx) {
                             x3::_val(ctx)->args[1] = x3::_attr(ctx);
                             set_height(ctx, *x3::_val(ctx));
                           })]) >
                           kw("END");

// [x IN list WHERE pred | expr]: the `x IN` prefix tells it from a list literal.
auto const comp_start = [](auto& ctx) {
  auto e = node_at(ExprKind::ListComp, pos_of(x3::_attr(ctx)));
  e->name = value_of(x3::_attr(ctx));
  e->args = {nullptr, nullptr, nullptr};
  x3::_val(ctx) = e;
};
auto set_arg(std::size_t i) {
  return [i](auto& ctx) {
    x3::_val(ctx)->args[i] = x3::_attr(ctx);
    set_height(ctx, *x3::_val(ctx));
  };
}
auto const list_comprehension_def = (pos_p >> '[' >> variable >> kw("IN"))[comp_start] > expression[set_arg(0)] >
                                    -(kw("WHERE") > expression[set_arg(1)]) >
                                    -(x3::lit('|') > expression[set_arg(2)]) > close_bracket;

auto quantifier_start(const char* which) {
  return [which](auto& ctx) {
    auto e = node_at(ExprKind::Quantifier, pos_of(x3::_attr(ctx)));
    e->keys = {which};
    e->name = value_of(x3::_attr(ctx));
    e->args = {nullptr, nullptr};
    x3::_val(ctx) = e;
  };
}
auto const quantifier_def =
    ((pos_p >> kw("ANY") >> '(' >> variable >> kw("IN"))[quantifier_start("any")] |
     (pos_p >> kw("ALL") >> '(' >> variable >> kw("IN"))[quantifier_start("all")] |
     (pos_p >> kw("NONE") >> '(' >> variable >> kw("IN"))[quantifier_start("none")] |
     (pos_p >> kw("SINGLE") >> '(' >> variable >> kw("IN"))[quantifier_start("single")]) >
    expression[set_arg(0)] > kw("WHERE") > expression[set_arg(1)] > close_paren;

auto const reduce_start = [](auto& ctx) {
  auto e = node_at(ExprKind::Reduce, pos_of(x3::_attr(ctx)));
  e->keys = {value_of(x3::_attr(ctx))};
  e->args = {nullptr, nullptr, nullptr};
  x3::_val(ctx) = e;
};
auto const reduce_var = [](auto& ctx) { x3::_val(ctx)->name = x3::_attr(ctx); };
auto const reduce_expr_def = (pos_p >> kw("REDUCE") >> '(' >> variable >> '=')[reduce_start] > expression[set_arg(0)] >
                             ',' > variable[reduce_var] > kw("IN") > expression[set_arg(1)] > '|' >
                             expression[set_arg(2)] > close_paren;

// n {.name, .*, key: expr, other}: a property selector has no value expression.
auto const proj_start = [](auto& ctx) {
  auto e = node_at(ExprKind::MapProjection, pos_of(x3::_attr(ctx)));
  auto v = node_at(ExprKind::Variable, pos_of(x3::_attr(ctx)));
  v->name = value_of(x3::_attr(ctx));
  e->args = {v};
  x3::_val(ctx) = e;
};
auto const proj_property = [](auto& ctx) {
  x3::_val(ctx)->keys.push_back(x3::_attr(ctx));
  x3::_val(ctx)->args.push_back(nullptr);
};
auto const proj_all = [](auto& ctx) {
  x3::_val(ctx)->keys.push_back("*");
  x3::_val(ctx)->args.push_back(nullptr);
};
auto const proj_variable = [](auto& ctx) {
  auto v = node_at(ExprKind::Variable, pos_of(x3::_attr(ctx)));
  v->name = value_of(x3::_attr(ctx));
  x3::_val(ctx)->keys.push_back(v->name);
  x3::_val(ctx)->args.push_back(v);
};
auto const proj_item = (x3::lit('.') >> x3::lit('*'))[proj_all] | (x3::lit('.') > symbolic_name[proj_property]) |
                       (symbolic_name >> ':' > expression)[push_entry] | (pos_p >> variable)[proj_variable];
auto const map_projection_def = (pos_p >> variable >> '{')[proj_start] > -(proj_item % ',') > close_brace;

auto const pattern_comp_start = [](auto& ctx) {
  auto e = node_at(ExprKind::PatternComp, x3::_attr(ctx).pos);
  e->pattern = std::make_shared<Pattern>(std::move(x3::_attr(ctx)));
  e->args = {nullptr, nullptr};
  set_height(ctx, *e);
  x3::_val(ctx) = e;
};
auto const pattern_comprehension_def = (x3::lit('[') >> pred_chain)[pattern_comp_start] >>
                                       -(kw("WHERE") > expression[set_arg(0)]) >> x3::lit('|') >
                                       expression[set_arg(1)] > close_bracket;

BOOST_SPIRIT_DEFINE(function_name)
BOOST_SPIRIT_DEFINE(list_comprehension, quantifier, reduce_expr, map_projection, pattern_comprehension)

BOOST_SPIRIT_DEFINE(expression, xor_expr, and_expr, not_expr, cmp_expr, pred_expr, add_expr, mul_expr, pow_expr,
                    unary_expr, postfix_expr, atom, list_literal, map_literal, function_call, case_expr, parameter,
                    variable, digits, param_name, symbolic_name, label_suffix, close_paren, close_bracket, close_brace)

// ---- pattern rules --------------------------------------------------------------------------------

x3::rule<class node_r, NodePattern> const node_pattern = "node pattern '('";
x3::rule<class rel_r, RelPattern> const rel_pattern = "relationship pattern";
x3::rule<class rel_dash_r> const rel_dash = "'-', '->' or '[' after '-'";
x3::rule<class chain_r, Pattern> const pattern_chain = "pattern";
x3::rule<class part_r, Pattern> const pattern_part = "pattern";
x3::rule<class patterns_r, std::vector<Pattern>> const pattern_list = "pattern";

auto const node_start = [](auto& ctx) { x3::_val(ctx).pos = pos_of(x3::_attr(ctx)); };
auto const node_var = [](auto& ctx) { x3::_val(ctx).var = x3::_attr(ctx); };
auto const node_label = [](auto& ctx) { x3::_val(ctx).labels.push_back(x3::_attr(ctx)); };
auto const set_props = [](auto& ctx) { x3::_val(ctx).props = x3::_attr(ctx); };

auto const rel_left = [](auto& ctx) {
  x3::_val(ctx).pos = pos_of(x3::_attr(ctx));
  x3::_val(ctx).left = true;
};
auto const rel_right = [](auto& ctx) { x3::_val(ctx).right = true; };
auto const rel_var = [](auto& ctx) { x3::_val(ctx).var = x3::_attr(ctx); };
auto const rel_type = [](auto& ctx) { x3::_val(ctx).types.push_back(x3::_attr(ctx)); };
auto const rel_star = [](auto& ctx) { x3::_val(ctx).var_length = true; };
auto const rel_exact = [](auto& ctx) {
  auto n = static_cast<std::int64_t>(x3::_attr(ctx));
  x3::_val(ctx).min = n;
  x3::_val(ctx).max = n;
};
auto const rel_open_max = [](auto& ctx) { x3::_val(ctx).max.reset(); };
auto const rel_max = [](auto& ctx) { x3::_val(ctx).max = static_cast<std::int64_t>(x3::_attr(ctx)); };
auto const bad_range = [](auto& ctx) {
  fail(ctx, state(ctx).begin + pos_of(x3::_attr(ctx)), "a variable-length range needs '*' and non-negative bounds, e.g. *1..3",
       "InvalidRelationshipPattern");
};

// Bounds are numbers fixed when the plan is made (plans are cached by text), so *$n is refused here with
// a message saying so rather than taken for a property-map parameter.
auto const param_range = [](auto& ctx) {
  fail(ctx, state(ctx).begin + pos_of(x3::_attr(ctx)),
       "a variable-length bound must be a number written in the query, e.g. *1..3; a parameter ($n) cannot be "
       "used there",
       "InvalidRelationshipPattern");
};

auto const rel_dash_def = x3::lit('-');
auto const uint_ = x3::uint_parser<std::uint64_t>{};
auto const param_bound = -(pos_p >> &x3::lit('$'))[param_range];
auto const rel_range = x3::lit('*')[rel_star] >> -(pos_p >> '-')[bad_range] >> param_bound >>
                       -((uint_[rel_exact] >> -(x3::lit("..")[rel_open_max] >> param_bound >> -uint_[rel_max])) |
                         (x3::lit("..") >> param_bound >> -uint_[rel_max]));
auto const rel_detail = x3::lit('[') >> -variable[rel_var] >>
                        -(':' > symbolic_name[rel_type] >> *('|' >> -x3::lit(':') > symbolic_name[rel_type])) >>
                        -rel_range >> -(pos_p >> "..")[bad_range] >> -(map_literal[set_props] | parameter[set_props]) >
                        close_bracket;
auto const rel_pattern_def = ((pos_p >> '<' > '-')[rel_left] | (pos_p >> '-')[node_start]) > -rel_detail > rel_dash >>
                             -x3::lit('>')[rel_right];
auto const node_pattern_def = (pos_p >> '(')[node_start] >> -variable[node_var] >> *(':' > symbolic_name[node_label]) >>
                              -(map_literal[set_props] | parameter[set_props]) > close_paren;

auto const chain_node = [](auto& ctx) {
  if (x3::_val(ctx).nodes.empty()) x3::_val(ctx).pos = x3::_attr(ctx).pos;
  x3::_val(ctx).nodes.push_back(x3::_attr(ctx));
};
auto const chain_rel = [](auto& ctx) { x3::_val(ctx).rels.push_back(x3::_attr(ctx)); };
auto const pattern_chain_def = node_pattern[chain_node] >> *(rel_pattern[chain_rel] > node_pattern[chain_node]);

auto const path_var = [](auto& ctx) {
  x3::_val(ctx).path_var = value_of(x3::_attr(ctx));
  x3::_val(ctx).pos = pos_of(x3::_attr(ctx));
};
auto path_kind(PathKind kind) {
  return [kind](auto& ctx) { x3::_val(ctx).kind = kind; };
}
auto const take_chain = [](auto& ctx) {
  auto& v = x3::_val(ctx);
  auto& chain = x3::_attr(ctx);
  if (v.path_var.empty()) v.pos = chain.pos;
  v.nodes = std::move(chain.nodes);
  v.rels = std::move(chain.rels);
};
auto const pattern_part_def =
    -(pos_p >> variable >> '=')[path_var] >>
    (((kw("SHORTESTPATH")[path_kind(PathKind::Shortest)] | kw("ALLSHORTESTPATHS")[path_kind(PathKind::AllShortest)]) >
      '(' > pattern_chain[take_chain] > close_paren) |
     pattern_chain[take_chain]);
auto const pattern_list_def = pattern_part % ',';

// A pattern used as an expression, `(a)-[:T]->()`: parsed without expectation points so that a
// parenthesised expression such as `(a.x + 1)` falls back to the expression rule.
x3::rule<class pred_node_r, NodePattern> const pred_node = "node pattern";
x3::rule<class pred_rel_r, RelPattern> const pred_rel = "relationship pattern";
auto const pred_node_def = (pos_p >> '(')[node_start] >> -variable[node_var] >> *(':' >> symbolic_name[node_label]) >>
                           -(map_literal[set_props] | parameter[set_props]) >> ')';
auto const pred_rel_def = ((pos_p >> '<' >> '-')[rel_left] | (pos_p >> '-')[node_start]) >> -rel_detail >> '-' >>
                          -x3::lit('>')[rel_right];
auto const pred_chain_def = pred_node[chain_node] >> +(pred_rel[chain_rel] >> pred_node[chain_node]);

BOOST_SPIRIT_DEFINE(node_pattern, rel_pattern, rel_dash, pattern_chain, pattern_part, pattern_list, pred_node, pred_rel,
                    pred_chain)

// ---- clauses --------------------------------------------------------------------------------------

x3::rule<class item_r, ReturnItem> const return_item = "return item";
x3::rule<class items_r, Projection> const projection_items = "return items";
x3::rule<class sort_r, SortItem> const sort_item = "sort item";
x3::rule<class projection_r, Projection> const projection = "projection";
x3::rule<class clause_r, Clause> const clause = "a clause (MATCH, OPTIONAL MATCH, CREATE, WITH, UNWIND, RETURN)";
x3::rule<class end_r> const end_of_query = "a clause or the end of the query";
x3::rule<class statement_r, Statement> const statement =
    "a clause (MATCH, OPTIONAL MATCH, CREATE, WITH, UNWIND, RETURN)";

auto const item_expr = [](auto& ctx) { x3::_val(ctx).expr = x3::_attr(ctx); };
auto const item_text = [](auto& ctx) {
  auto& range = x3::_attr(ctx);
  It b = range.begin(), e = range.end();
  while (b != e && is_space(*b)) ++b;
  while (e != b && is_space(e[-1])) --e;
  x3::_val(ctx).text.assign(b, e);
};
auto const item_alias = [](auto& ctx) { x3::_val(ctx).alias = x3::_attr(ctx); };
auto const return_item_def = x3::raw[expression[item_expr]][item_text] >> -(kw("AS") > variable[item_alias]);

auto const push_item = [](auto& ctx) { x3::_val(ctx).items.push_back(x3::_attr(ctx)); };
auto const set_star = [](auto& ctx) { x3::_val(ctx).star = true; };
auto const projection_items_def =
    (x3::lit('*')[set_star] >> *(',' > return_item[push_item])) |
    (return_item[push_item] >> *(',' > return_item[push_item]));

auto const sort_expr = [](auto& ctx) { x3::_val(ctx).expr = x3::_attr(ctx); };
auto const sort_desc = [](auto& ctx) { x3::_val(ctx).desc = true; };
auto const sort_item_def = expression[sort_expr] >>
                           -(kw("ASCENDING") | kw("ASC") | (kw("DESCENDING") | kw("DESC"))[sort_desc]);

auto const take_items = [](auto& ctx) {
  x3::_val(ctx).star = x3::_attr(ctx).star;
  x3::_val(ctx).items = std::move(x3::_attr(ctx).items);
};
auto const proj_distinct = [](auto& ctx) { x3::_val(ctx).distinct = true; };
auto const push_sort = [](auto& ctx) { x3::_val(ctx).order.push_back(x3::_attr(ctx)); };
auto const set_skip = [](auto& ctx) { x3::_val(ctx).skip = x3::_attr(ctx); };
auto const set_limit = [](auto& ctx) { x3::_val(ctx).limit = x3::_attr(ctx); };
auto const projection_def = -kw("DISTINCT")[proj_distinct] > projection_items[take_items] >>
                            -(kw("ORDER") > kw("BY") > (sort_item[push_sort] % ',')) >>
                            -(kw("SKIP") > expression[set_skip]) >> -(kw("LIMIT") > expression[set_limit]);

auto set_start(SetItem::Kind kind) {
  return [kind](auto& ctx) {
    x3::_val(ctx).kind = kind;
    x3::_val(ctx).pos = pos_of(x3::_attr(ctx));
    x3::_val(ctx).var = value_of(x3::_attr(ctx));
  };
}
auto const set_key = [](auto& ctx) { x3::_val(ctx).key = x3::_attr(ctx); };
auto const set_value = [](auto& ctx) { x3::_val(ctx).value = x3::_attr(ctx); };
auto const set_labels = [](auto& ctx) { x3::_val(ctx).labels = x3::_attr(ctx); };
x3::rule<class set_item_r, SetItem> const set_item = "SET item (v.key = value, v = map, v += map, v:Label)";
auto const set_item_def =
    ((pos_p >> variable >> '.')[set_start(SetItem::Kind::Property)] > symbolic_name[set_key] > '=' > expression[set_value]) |
    ((pos_p >> variable >> "+=")[set_start(SetItem::Kind::Merge)] > expression[set_value]) |
    ((pos_p >> variable >> '=')[set_start(SetItem::Kind::Replace)] > expression[set_value]) |
    ((pos_p >> variable >> &x3::lit(':'))[set_start(SetItem::Kind::Labels)] > label_suffix[set_labels]);
// REMOVE v.key is SET v.key = null; REMOVE v:Label keeps its labels for the binder to refuse.
auto const remove_value = [](auto& ctx) { x3::_val(ctx).value = node_at(ExprKind::Literal, x3::_val(ctx).pos); };
x3::rule<class remove_item_r, SetItem> const remove_item = "REMOVE item (v.key or v:Label)";
auto const remove_item_def =
    ((pos_p >> variable >> '.')[set_start(SetItem::Kind::Property)] > symbolic_name[set_key] > x3::eps[remove_value]) |
    ((pos_p >> variable >> &x3::lit(':'))[set_start(SetItem::Kind::Labels)] > label_suffix[set_labels]);
BOOST_SPIRIT_DEFINE(set_item, remove_item)
auto const push_set_item = [](auto& ctx) { x3::_val(ctx).set_items.push_back(x3::_attr(ctx)); };


auto clause_kind(ClauseKind kind) {
  return [kind](auto& ctx) {
    x3::_val(ctx).kind = kind;
    x3::_val(ctx).pos = pos_of(x3::_attr(ctx));
  };
}
auto const set_patterns = [](auto& ctx) { x3::_val(ctx).patterns = x3::_attr(ctx); };
auto const set_where = [](auto& ctx) { x3::_val(ctx).where = x3::_attr(ctx); };
auto const set_projection = [](auto& ctx) { x3::_val(ctx).projection = x3::_attr(ctx); };
auto const set_unwind = [](auto& ctx) { x3::_val(ctx).unwind = x3::_attr(ctx); };
auto const set_unwind_var = [](auto& ctx) { x3::_val(ctx).unwind_var = x3::_attr(ctx); };

auto const clause_def =
    (((pos_p >> kw("OPTIONAL") > kw("MATCH"))[clause_kind(ClauseKind::OptionalMatch)] |
      (pos_p >> kw("MATCH"))[clause_kind(ClauseKind::Match)]) > pattern_list[set_patterns] >>
     -(kw("WHERE") > expression[set_where])) |
    ((pos_p >> kw("CREATE"))[clause_kind(ClauseKind::Create)] > pattern_list[set_patterns]) |
    ((pos_p >> kw("WITH"))[clause_kind(ClauseKind::With)] > projection[set_projection] >> -(kw("WHERE") > expression[set_where])) |
    ((pos_p >> kw("RETURN"))[clause_kind(ClauseKind::Return)] > projection[set_projection]) |
    ((pos_p >> kw("UNWIND"))[clause_kind(ClauseKind::Unwind)] > expression[set_unwind] > kw("AS") > variable[set_unwind_var]) |
    ((pos_p >> kw("SET"))[clause_kind(ClauseKind::Set)] > (set_item[push_set_item] % ',')) |
    ((pos_p >> kw("REMOVE"))[clause_kind(ClauseKind::Remove)] > (remove_item[push_set_item] % ','));

auto const end_of_query_def = -x3::lit(';') >> x3::eoi;
auto const push_clause = [](auto& ctx) { x3::_val(ctx).clauses.push_back(x3::_attr(ctx)); };
auto const statement_def = +clause[push_clause] > end_of_query;

BOOST_SPIRIT_DEFINE(return_item, projection_items, sort_item, projection, clause, end_of_query, statement)

}  // namespace grammar

}  // namespace bangfu::query

// Names for "expected …" messages: an action or a sequence is described by what it starts with.
namespace boost::spirit::x3 {
template <>
struct get_info<bangfu::query::grammar::keyword_parser> {
  using result_type = std::string;
  std::string operator()(const bangfu::query::grammar::keyword_parser& p) const { return p.word; }
};
template <>
struct get_info<bangfu::query::grammar::position_parser> {
  using result_type = std::string;
  std::string operator()(const bangfu::query::grammar::position_parser&) const { return {}; }
};
template <class Subject, class Action>
struct get_info<action<Subject, Action>> {
  using result_type = std::string;
  std::string operator()(const action<Subject, Action>& p) const { return what(p.subject); }
};
template <class Subject>
struct get_info<optional<Subject>> {
  using result_type = std::string;
  std::string operator()(const optional<Subject>& p) const { return what(p.subject); }
};
template <class Left, class Right>
struct get_info<sequence<Left, Right>> {
  using result_type = std::string;
  std::string operator()(const sequence<Left, Right>& p) const {
    std::string left = what(p.left);
    return left.empty() ? what(p.right) : left;
  }
};
template <class Left, class Right>
struct get_info<alternative<Left, Right>> {
  using result_type = std::string;
  std::string operator()(const alternative<Left, Right>& p) const { return what(p.left) + " or " + what(p.right); }
};
}  // namespace boost::spirit::x3

namespace bangfu::query {

namespace {

// X3 quotes literals in its own style ('\)' and the like); make them read like the query's syntax.
std::string readable(std::string which) {
  if (which.size() >= 2 && which.front() == '\'' && which.back() == '\'') {
    std::string inner = which.substr(1, which.size() - 2);
    if (!inner.empty() && inner.front() == '\\') inner.erase(0, 1);
    return "'" + inner + "'";
  }
  if (which.size() >= 2 && which.front() == '"' && which.back() == '"') return "'" + which.substr(1, which.size() - 2) + "'";
  return which;
}

}  // namespace

ast::Statement parse(std::string_view text, std::size_t max_depth) {
  using grammar::It;
  const It begin = text.data(), last = text.data() + text.size();
  It first = begin;
  if (auto bad = first_invalid_utf8(text))
    throw error_at(QueryError::Kind::Syntax, text, *bad, "the query is not valid UTF-8 here", "InvalidUnicodeLiteral");
  grammar::ParseState st{begin, text, max_depth};
  ast::Statement out;
  auto skip_to_token = [&](It p) {
    while (p != last && grammar::is_space(*p)) ++p;
    return static_cast<std::size_t>(p - begin);
  };
  try {
    bool ok = x3::phrase_parse(first, last, x3::with<grammar::state_tag>(st)[x3::eps > grammar::statement],
                               grammar::skipper, out);
    if (!ok || first != last)
      throw error_at(QueryError::Kind::Syntax, text, skip_to_token(first), "unexpected input", "SyntaxError");
  } catch (const x3::expectation_failure<It>& e) {
    std::size_t at = skip_to_token(e.where());
    std::string found = at < text.size() ? "" : " but the query ended";
    throw error_at(QueryError::Kind::Syntax, text, at, "expected " + readable(e.which()) + found, "SyntaxError");
  }
  return out;
}

}  // namespace bangfu::query
