#include "ingest/relation_pattern.hpp"

#include <algorithm>
#include <stdexcept>

#include "ingest/utf8.hpp"

namespace bangfu::ingest {
namespace {

using Kind = PatternElement::Kind;

// Patterns match NFKC-normalized sentences, so full-width punctuation typed in a data file is folded
// to the ASCII the text will contain; full-width brackets stay literal (ASCII ones are groups).
void append_literal_char(std::string& out, char32_t cp) {
  switch (cp) {
    case U'，': out += ','; return;
    case U'；': out += ';'; return;
    case U'：': out += ':'; return;
    case U'！': out += '!'; return;
    case U'？': out += '?'; return;
    case U'（': out += '('; return;
    case U'）': out += ')'; return;
    default: utf8::append(out, cp);
  }
}

class Compiler {
 public:
  explicit Compiler(std::string_view text) : text_(text) {}

  RelationPattern run() {
    RelationPattern p;
    p.text = std::string(text_);
    std::string literal;
    auto flush = [&] {
      if (literal.empty()) return;
      PatternElement e;
      e.spellings.push_back(literal);
      p.elements.push_back(std::move(e));
      literal.clear();
    };
    std::size_t i = 0;
    while (i < text_.size()) {
      std::size_t at = i;
      char32_t cp = utf8::next(text_, i);
      if (cp == U'{') {
        flush();
        p.elements.push_back(slot(i));
      } else if (cp == U'(') {
        flush();
        p.elements.push_back(group(i));
      } else if (cp == U'…' || cp == U'~') {
        flush();
        PatternElement e;
        e.kind = cp == U'~' ? Kind::wide_gap : Kind::gap;
        p.elements.push_back(e);
      } else if (cp == U'\\') {
        if (i >= text_.size()) fail("a trailing \\ escapes nothing");
        append_literal_char(literal, utf8::next(text_, i));
      } else if (cp == U'}' || cp == U')' || cp == U'|') {
        fail("unexpected '" + std::string(text_.substr(at, i - at)) + "' at byte " + std::to_string(at));
      } else if (cp == U'?' || cp == U'？') {
        // A sentence never holds its own terminator, so a literal ? could never match: it is a mistake
        // for an optional part.
        fail("'?' at byte " + std::to_string(at) + " is no operator: write (x|) for an optional x, \? for the mark");
      } else {
        append_literal_char(literal, cp);
      }
    }
    flush();
    validate(p);
    p.anchor = p.elements.size();
    for (std::size_t k = 0; k < p.elements.size(); ++k) {
      auto& e = p.elements[k];
      e.skippable = std::any_of(e.spellings.begin(), e.spellings.end(), [](const auto& s) { return s.empty(); });
      bool trigger = e.kind == Kind::role || e.kind == Kind::amount || (e.kind == Kind::literal && !e.skippable);
      if (trigger && p.anchor == p.elements.size()) p.anchor = k;
    }
    return p;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw std::invalid_argument("pattern '" + std::string(text_) + "': " + what);
  }

  PatternElement slot(std::size_t& i) {
    std::size_t close = text_.find('}', i);
    if (close == std::string_view::npos) fail("'{' without a closing '}'");
    std::string_view name = text_.substr(i, close - i);
    i = close + 1;
    PatternElement e;
    if (name == "A" || name == "A?") {
      e.kind = Kind::src;
      e.optional = name == "A?";
    } else if (name == "B") {
      e.kind = Kind::dst;
    } else if (name == "B_SHORT") {
      e.kind = Kind::dst_short;
    } else if (name == "ROLE") {
      e.kind = Kind::role;
    } else if (name == "AMOUNT") {
      e.kind = Kind::amount;
    } else if (name == "WHAT") {
      e.kind = Kind::what;
    } else {
      fail("unknown slot {" + std::string(name) + "} (known: {A} {A?} {B} {B_SHORT} {ROLE} {AMOUNT} {WHAT})");
    }
    return e;
  }

  PatternElement group(std::size_t& i) {
    PatternElement e;
    std::string current;
    while (i < text_.size()) {
      char32_t cp = utf8::next(text_, i);
      if (cp == U')') {
        e.spellings.push_back(current);
        bool any = false;
        for (const auto& s : e.spellings) any = any || !s.empty();
        if (!any) fail("a group needs at least one non-empty spelling");
        return e;
      }
      if (cp == U'|') {
        e.spellings.push_back(current);
        current.clear();
      } else if (cp == U'{' || cp == U'(' || cp == U'…' || cp == U'~') {
        fail("groups hold plain text only");
      } else if (cp == U'\\' && i < text_.size()) {
        append_literal_char(current, utf8::next(text_, i));
      } else {
        append_literal_char(current, cp);
      }
    }
    fail("'(' without a closing ')'");
  }

  void validate(const RelationPattern& p) const {
    int src = 0, dst = 0, anchors = 0, role = 0, amount = 0, what = 0;
    for (std::size_t k = 0; k < p.elements.size(); ++k) {
      const auto& e = p.elements[k];
      switch (e.kind) {
        case Kind::src:
          ++src;
          if (e.optional && k != 0) fail("{A?} may only start a pattern");
          break;
        case Kind::dst:
        case Kind::dst_short: ++dst; break;
        case Kind::role: ++role; ++anchors; break;
        case Kind::amount: ++amount; ++anchors; break;
        case Kind::what: ++what; break;
        case Kind::literal: {
          bool optional = false;
          for (const auto& s : e.spellings) optional = optional || s.empty();
          if (!optional) ++anchors;
          break;
        }
        case Kind::gap:
        case Kind::wide_gap: {
          bool edge = k == 0 || k + 1 == p.elements.size();
          if (edge) fail("a pattern cannot start or end with a gap");
          auto next = p.elements[k + 1].kind;
          if (next == Kind::gap || next == Kind::wide_gap) fail("two gaps in a row");
          break;
        }
      }
    }
    if (src != 1 || dst != 1) fail("needs exactly one {A} (source) and one {B} or {B_SHORT} (destination)");
    if (anchors == 0) fail("needs a trigger: fixed text, {ROLE} or {AMOUNT}");
    if (role > 1 || amount > 1 || what > 1) fail("{ROLE}, {AMOUNT} and {WHAT} may each appear once");
  }

  std::string_view text_;
};

}  // namespace

RelationPattern compile_pattern(std::string_view text) { return Compiler(text).run(); }

}  // namespace bangfu::ingest
