// Symbol: a Text drawn from a small set (rule ids, dates), held as a 4-byte id.
//
// An evidence names its extraction rule, its dates and the rules that found them: a few hundred
// distinct rule ids and a few thousand dates however many millions of evidences there are. A Text
// costs 8 bytes; a Symbol is an index into one process-wide table of Texts, so these four fields take
// 16 bytes instead of 32 and an evidence stays at 48 (graph/evidence.hpp). Equal strings get equal
// ids, so comparing two Symbols for equality is comparing two integers; ordering is by content.
// Like Text, nothing is freed before exit: the table grows with the distinct strings a process has
// seen (up to 2^32; past that, a std::length_error).
#pragma once
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>

#include "graph/text.hpp"

namespace bangfu::graph {

class Symbol {
 public:
  Symbol() = default;
  // Finds or adds the string. A new one is copied into the process-wide text store, never kept where
  // it was: a snapshot's mapping is unmapped again when its open fails half-way.
  Symbol(std::string_view s);
  Symbol(Text t) : Symbol(t.view()) {}
  Symbol(const std::string& s) : Symbol(std::string_view(s)) {}
  Symbol(const char* s) : Symbol(std::string_view(s)) {}

  Text text() const;
  std::uint32_t id() const { return id_; }  // 0 for the empty string

  std::size_t size() const { return text().size(); }
  bool empty() const { return id_ == 0; }
  const char* data() const { return text().data(); }
  const char* c_str() const { return data(); }
  std::string_view view() const { return text().view(); }
  std::string str() const { return text().str(); }
  operator std::string_view() const { return view(); }
  operator std::string() const { return str(); }
  bool starts_with(std::string_view s) const { return view().starts_with(s); }
  bool ends_with(std::string_view s) const { return view().ends_with(s); }
  std::size_t find(std::string_view s, std::size_t pos = 0) const { return view().find(s, pos); }
  std::string_view substr(std::size_t pos, std::size_t n = std::string_view::npos) const { return view().substr(pos, n); }
  const char* begin() const { return data(); }
  const char* end() const { return data() + size(); }

  Symbol& operator=(std::string_view s) { return *this = Symbol(s); }
  Symbol& operator=(const std::string& s) { return *this = Symbol(s); }
  Symbol& operator=(const char* s) { return *this = Symbol(s); }
  Symbol& operator=(Text t) { return *this = Symbol(t); }

  friend bool operator==(const Symbol& a, const Symbol& b) { return a.id_ == b.id_; }
  friend bool operator==(const Symbol& a, std::string_view b) { return a.view() == b; }
  friend bool operator==(const Symbol& a, const std::string& b) { return a.view() == b; }
  friend bool operator==(const Symbol& a, const char* b) { return a.view() == b; }
  friend auto operator<=>(const Symbol& a, const Symbol& b) { return a.view() <=> b.view(); }
  friend auto operator<=>(const Symbol& a, std::string_view b) { return a.view() <=> b; }
  friend std::string operator+(const std::string& a, const Symbol& b) { return a + std::string(b.view()); }
  friend std::string operator+(const Symbol& a, const std::string& b) { return std::string(a.view()) + b; }
  friend std::string operator+(const char* a, const Symbol& b) { return a + std::string(b.view()); }
  friend std::string operator+(const Symbol& a, const char* b) { return std::string(a.view()) + b; }
  friend std::ostream& operator<<(std::ostream& os, const Symbol& s);

 private:
  std::uint32_t id_ = 0;
};

// How many distinct strings the process-wide symbol table holds (for benchmarks and tests).
std::size_t symbol_count();

}  // namespace bangfu::graph

template <>
struct std::hash<bangfu::graph::Symbol> {
  std::size_t operator()(const bangfu::graph::Symbol& s) const noexcept { return std::hash<std::uint32_t>{}(s.id()); }
};
