// UTF-8 helpers shared by the ingest stages: walking code points without allocating.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace bangfu::ingest::utf8 {

// Length in bytes of the sequence starting with lead byte `c` (1 for invalid leads, so walks always advance).
inline std::size_t seq_len(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c >> 5) == 0x6) return 2;
  if ((c >> 4) == 0xE) return 3;
  if ((c >> 3) == 0x1E) return 4;
  return 1;
}

char32_t next_slow(std::string_view s, std::size_t& i);  // utf8.cpp

// Decodes the code point at `i` and advances `i`; invalid bytes decode as U+FFFD. Called for nearly
// every character by every scan, so ASCII and well-formed three-byte sequences (all of CJK) are decoded
// here and inlined; everything else goes to next_slow.
[[gnu::always_inline]] inline char32_t next(std::string_view s, std::size_t& i) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    ++i;
    return c;
  }
  if ((c & 0xF0) == 0xE0 && i + 2 < s.size()) {
    auto c1 = static_cast<unsigned char>(s[i + 1]), c2 = static_cast<unsigned char>(s[i + 2]);
    if ((c1 & 0xC0) == 0x80 && (c2 & 0xC0) == 0x80) {
      i += 3;
      return (char32_t(c & 0x0F) << 12) | (char32_t(c1 & 0x3F) << 6) | char32_t(c2 & 0x3F);
    }
  }
  return next_slow(s, i);
}

inline void append(std::string& out, char32_t cp) {
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

inline std::size_t length(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); i += seq_len(static_cast<unsigned char>(s[i]))) ++n;
  return n;
}

inline bool is_cjk(char32_t cp) {
  // unified ideographs, extension A, extensions B–I, compatibility ideographs (BMP and supplement), G–H
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2EBEF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F) || (cp >= 0x30000 && cp <= 0x323AF);
}

}  // namespace bangfu::ingest::utf8
