// UTF-8 checks for the query engine: what enters as query text, and what leaves as output or as a
// graph property, must be valid UTF-8 (JSON requires it, and so does the graph file).
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace bangfu::query {

// Byte offset of the first byte that does not start a well-formed UTF-8 sequence (overlong forms,
// surrogates U+D800..U+DFFF and values past U+10FFFF are ill-formed); nullopt when all of `s` is valid.
std::optional<std::size_t> first_invalid_utf8(std::string_view s);

// `s` with every ill-formed sequence replaced by U+FFFD (one per maximal bad subpart, as Unicode advises).
std::string replace_invalid_utf8(std::string_view s);

// Length in bytes of the UTF-8 sequence starting with lead byte `c` (1 for a stray continuation byte).
inline std::size_t utf8_length(unsigned char c) { return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }

// Byte offset of the `n`-th character of `s` (s.size() when there are fewer).
std::size_t utf8_offset(std::string_view s, std::size_t n);

}  // namespace bangfu::query
