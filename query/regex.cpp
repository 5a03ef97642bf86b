#include "query/regex.hpp"

#include <re2/re2.h>

#include <list>
#include <memory>
#include <utility>

#include "query/engine.hpp"

namespace bangfu::query {

namespace {

[[noreturn]] void refuse(const std::string& pattern, const std::string& why) {
  throw QueryError(QueryError::Kind::Type, "invalid regular expression '" + pattern + "': " + why, 0, 0,
                   "InvalidArgumentValue");
}

[[noreturn]] void unsupported(const std::string& pattern, const std::string& what) {
  refuse(pattern, what + " are not supported (the regex engine, RE2, guarantees linear-time matching and cannot "
                         "do them)");
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string translate_regex(const std::string& p) {
  std::string out;
  out.reserve(p.size() + 8);
  bool in_class = false;
  bool after_quantifier = false;  // the previous token was an unescaped * + ? or {m,n}
  for (std::size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    if (c == '\\') {
      if (i + 1 == p.size()) refuse(p, "a trailing backslash escapes nothing");
      char n = p[i + 1];
      if (!in_class && is_digit(n) && n != '0') unsupported(p, "backreferences (\\" + std::string(1, n) + ")");
      if (!in_class && n == 'k' && i + 2 < p.size() && p[i + 2] == '<') unsupported(p, "named backreferences (\\k<…>)");
      if (n == 'Q') {  // \Q…\E quotes literally; copy it through untouched
        std::size_t end = p.find("\\E", i + 2);
        std::size_t stop = end == std::string::npos ? p.size() : end + 2;
        out.append(p, i, stop - i);
        i = stop - 1;
        after_quantifier = false;
        continue;
      }
      out += c;
      out += n;
      ++i;
      after_quantifier = false;
      continue;
    }
    if (in_class) {
      if (c == ']' ) in_class = false;
      else if (c == '&' && i + 1 < p.size() && p[i + 1] == '&') unsupported(p, "character class intersections (&&)");
      else if (c == '[' && !(i + 1 < p.size() && p[i + 1] == ':')) unsupported(p, "nested character classes");
      out += c;
      continue;
    }
    if (c == '+' && after_quantifier) unsupported(p, "possessive quantifiers (*+, ++, ?+)");
    if (c == '[') {
      in_class = true;
      out += c;
      // A ']' (after an optional '^') right at the start of a class is a literal, not its end.
      if (i + 1 < p.size() && p[i + 1] == '^') out += p[++i];
      if (i + 1 < p.size() && p[i + 1] == ']') out += p[++i];
      after_quantifier = false;
      continue;
    }
    if (c == '(' && i + 1 < p.size() && p[i + 1] == '?') {
      std::string rest = p.substr(i + 2, 3);
      if (rest.rfind("=", 0) == 0 || rest.rfind("!", 0) == 0 || rest.rfind("<=", 0) == 0 || rest.rfind("<!", 0) == 0)
        unsupported(p, "lookahead and lookbehind assertions");
      if (rest.rfind(">", 0) == 0) unsupported(p, "atomic groups (?>…)");
      if (rest.rfind("<", 0) == 0) {  // Java's named group (?<name>…) is RE2's (?P<name>…)
        out += "(?P<";
        i += 2;
        after_quantifier = false;
        continue;
      }
      // Flags: (?imsdu-imsdu) or (?flags:…). Java's d (Unix lines) is RE2's behaviour already and u
      // (Unicode case folding) is what RE2's i does; x (comments) RE2 lacks; Java's U means Unicode
      // classes but would be RE2's "ungreedy", so it is refused rather than passed on.
      std::size_t k = i + 2;
      std::string flags;
      while (k < p.size() && p[k] != ')' && p[k] != ':') {
        char f = p[k];
        if (f == 'x') unsupported(p, "comments mode (?x) flags");
        if (f == 'U') unsupported(p, "Unicode character class (?U) flags");
        if (f == 'i' || f == 'm' || f == 's' || f == '-') flags += f;
        else if (f != 'd' && f != 'u') break;  // not a flag group: let RE2 judge it
        ++k;
      }
      if (k < p.size() && (p[k] == ')' || p[k] == ':') && k > i + 2) {
        if (flags.empty() || flags == "-") {
          out += p[k] == ':' ? "(?:" : "";
        } else {
          out += "(?" + flags + p[k];
        }
        i = k;
        after_quantifier = false;
        continue;
      }
    }
    out += c;
    if (c == '*' || c == '+' || c == '?') {
      // `a+?` is lazy, not possessive: a '?' straight after a quantifier ends it.
      after_quantifier = !(c == '?' && after_quantifier);
    } else if (c == '}') {
      after_quantifier = true;
    } else {
      after_quantifier = false;
    }
  }
  return out;
}

bool regex_full_match(const std::string& text, const std::string& pattern) {
  // A small per-thread cache: a WHERE with =~ runs the same pattern on every row.
  thread_local std::list<std::pair<std::string, std::unique_ptr<RE2>>> cache;
  RE2* re = nullptr;
  for (auto it = cache.begin(); it != cache.end(); ++it) {
    if (it->first == pattern) {
      cache.splice(cache.begin(), cache, it);
      re = cache.front().second.get();
      break;
    }
  }
  if (!re) {
    RE2::Options options;
    options.set_log_errors(false);
    options.set_encoding(RE2::Options::EncodingUTF8);
    auto compiled = std::make_unique<RE2>(translate_regex(pattern), options);
    if (!compiled->ok()) refuse(pattern, compiled->error());
    cache.emplace_front(pattern, std::move(compiled));
    if (cache.size() > 16) cache.pop_back();
    re = cache.front().second.get();
  }
  return RE2::FullMatch(text, *re);
}

}  // namespace bangfu::query
