#include "ingest/utf8.hpp"

namespace bangfu::ingest::utf8 {

char32_t next_slow(std::string_view s, std::size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  std::size_t n = seq_len(c);
  if (n == 1 || i + n > s.size()) {
    ++i;
    return c < 0x80 ? c : U'\uFFFD';
  }
  char32_t cp = c & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) {
      ++i;
      return U'\uFFFD';
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  i += n;
  return cp;
}

}  // namespace bangfu::ingest::utf8
