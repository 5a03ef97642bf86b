// Regex: Cypher's `=~` on RE2, which matches in time linear in the input (std::regex backtracked
// exponentially on '(a*)*c' and recursed once per character until the stack ran out).
#pragma once
#include <string>

namespace bangfu::query {

// True when `pattern` matches the whole of `text`, as Cypher's (Java's) String.matches does.
// Cypher patterns are Java regexes: named groups (?<n>…) and the flags i, m, s, d and u are translated;
// what RE2 cannot do in linear time — backreferences, lookaround, atomic groups, possessive quantifiers,
// class intersections, comments mode — is refused with QueryError{Type, code InvalidArgumentValue}
// naming the construct, as is any pattern RE2 rejects. Compiled patterns are cached per thread.
bool regex_full_match(const std::string& text, const std::string& pattern);

// The RE2 pattern for a Cypher pattern; throws as regex_full_match does. Exposed for tests.
std::string translate_regex(const std::string& pattern);

}  // namespace bangfu::query
