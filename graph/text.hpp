// Text: an immutable string kept once per process and referred to by one pointer.
//
// Evidence repeats the same few document ids, rule ids and dates millions of times, and a sentence
// stated several facts is shared by their edges. A Text is 8 bytes; its bytes live either in the
// process-wide text store (interned: equal strings share one copy) or in a mapped graph snapshot's
// string area (see graph/snapshot_format.hpp), which is then read in place and costs no heap. Both
// stay valid until the process ends, so a Text can be copied anywhere, into any graph, without
// ownership questions. Stored form: [u32 length][bytes][NUL], at any alignment.
// The price: nothing is freed before exit. Interned bytes grow with the distinct texts a process has
// seen (removing a document keeps its sentences), and each snapshot opened stays mapped (its pages
// leave the resident set once the graph is built; only the address space remains).
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iosfwd>
#include <string>
#include <string_view>

namespace bangfu::graph {

class Text {
 public:
  Text() = default;
  Text(std::string_view s);  // interns (a copy is made once per distinct string)
  Text(const std::string& s) : Text(std::string_view(s)) {}
  Text(const char* s) : Text(std::string_view(s)) {}

  // A Text over bytes already stored as [u32 length][bytes][NUL] that stay valid for the process
  // (a snapshot's string area; the snapshot reader keeps its mapping alive).
  static Text from_stored(const char* stored) {
    Text t;
    t.p_ = stored;
    return t;
  }

  std::size_t size() const {
    if (!p_) return 0;
    std::uint32_t n;
    std::memcpy(&n, p_, sizeof n);
    return n;
  }
  bool empty() const { return size() == 0; }
  const char* data() const { return p_ ? p_ + sizeof(std::uint32_t) : ""; }
  const char* c_str() const { return data(); }  // NUL-terminated in both stores
  std::string_view view() const { return {data(), size()}; }
  std::string str() const { return std::string(view()); }
  operator std::string_view() const { return view(); }
  operator std::string() const { return str(); }
  // The read-only parts of std::string's interface that callers use.
  bool starts_with(std::string_view s) const { return view().starts_with(s); }
  bool ends_with(std::string_view s) const { return view().ends_with(s); }
  std::size_t find(std::string_view s, std::size_t pos = 0) const { return view().find(s, pos); }
  std::string_view substr(std::size_t pos, std::size_t n = std::string_view::npos) const { return view().substr(pos, n); }
  char operator[](std::size_t i) const { return data()[i]; }
  const char* begin() const { return data(); }
  const char* end() const { return data() + size(); }
  // Where the stored form lives (for writers that share one copy per distinct pointer); null if empty.
  const char* stored() const { return p_; }

  Text& operator=(std::string_view s) { return *this = Text(s); }
  Text& operator=(const std::string& s) { return *this = Text(s); }
  Text& operator=(const char* s) { return *this = Text(s); }

  friend bool operator==(const Text& a, const Text& b) { return a.p_ == b.p_ || a.view() == b.view(); }
  friend bool operator==(const Text& a, std::string_view b) { return a.view() == b; }
  friend bool operator==(const Text& a, const std::string& b) { return a.view() == b; }
  friend bool operator==(const Text& a, const char* b) { return a.view() == b; }
  friend auto operator<=>(const Text& a, const Text& b) { return a.view() <=> b.view(); }
  friend auto operator<=>(const Text& a, std::string_view b) { return a.view() <=> b; }
  friend std::string operator+(const std::string& a, const Text& b) { return a + std::string(b.view()); }
  friend std::string operator+(const Text& a, const std::string& b) { return std::string(a.view()) + b; }
  friend std::string operator+(const char* a, const Text& b) { return a + std::string(b.view()); }
  friend std::string operator+(const Text& a, const char* b) { return std::string(a.view()) + b; }
  friend std::ostream& operator<<(std::ostream& os, const Text& t);

 private:
  const char* p_ = nullptr;  // stored form, or null for the empty string
};

// What the process-wide store holds: distinct strings and their bytes (for benchmarks and tests).
struct TextStoreStats {
  std::size_t strings = 0;
  std::size_t bytes = 0;  // arena bytes in use, length prefixes and NULs included
};
TextStoreStats text_store_stats();

}  // namespace bangfu::graph

template <>
struct std::hash<bangfu::graph::Text> {
  std::size_t operator()(const bangfu::graph::Text& t) const noexcept { return std::hash<std::string_view>{}(t.view()); }
};
