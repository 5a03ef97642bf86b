// ExactNumbers: a rapidjson SAX handler wrapper that reads numbers itself, correctly rounded.
//
// The graph readers need doubles read back exactly as they were written. RapidJSON 1.1's
// kParseFullPrecisionFlag does that for most numbers, but a significand of zeros with a large exponent
// (`0E0200`, found by fuzzing) reaches clz(0) in its DiyFp code and comes back as garbage
// (-4.5e74). Parsed with kParseNumbersAsStringsFlag instead, every number arrives as its text here
// and std::from_chars (correctly rounded, like the full-precision flag) turns it into the same
// Int/Uint/Int64/Uint64/Double event RapidJSON would have sent.
#pragma once
#include <rapidjson/reader.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string>
#include <string_view>

namespace bangfu::graph {

template <class Inner>
class ExactNumbers {
 public:
  explicit ExactNumbers(Inner& inner) : inner_(inner) {}

  bool Null() { return inner_.Null(); }
  bool Bool(bool b) { return inner_.Bool(b); }
  bool Int(int i) { return inner_.Int(i); }
  bool Uint(unsigned u) { return inner_.Uint(u); }
  bool Int64(std::int64_t i) { return inner_.Int64(i); }
  bool Uint64(std::uint64_t u) { return inner_.Uint64(u); }
  bool Double(double d) { return inner_.Double(d); }
  bool String(const char* s, rapidjson::SizeType n, bool copy) { return inner_.String(s, n, copy); }
  bool Key(const char* s, rapidjson::SizeType n, bool copy) { return inner_.Key(s, n, copy); }
  bool StartObject() { return inner_.StartObject(); }
  bool StartArray() { return inner_.StartArray(); }
  bool EndObject(rapidjson::SizeType n) { return inner_.EndObject(n); }
  bool EndArray(rapidjson::SizeType n) { return inner_.EndArray(n); }

  // `s` is JSON number syntax (RapidJSON checked it) or, with kParseNanAndInfFlag, NaN / [-]Inf[inity].
  // It need not end in '\0' (in-situ parsing). False (the parse stops) for a number beyond a double.
  bool RawNumber(const char* s, rapidjson::SizeType n, bool) {
    std::string_view text(s, n);
    bool minus = !text.empty() && text[0] == '-';
    std::string_view magnitude = minus ? text.substr(1) : text;
    if (magnitude == "NaN") return inner_.Double(std::numeric_limits<double>::quiet_NaN());
    if (magnitude == "Inf" || magnitude == "Infinity")
      return inner_.Double(minus ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity());
    const char* end = s + n;
    if (text.find_first_of(".eE") == std::string_view::npos) {
      // An integer, typed as RapidJSON types it: the smallest of int/unsigned/int64/uint64 that holds it,
      // a double past them.
      if (minus) {
        std::int64_t v = 0;
        auto [p, ec] = std::from_chars(s, end, v);
        if (ec == std::errc() && p == end)
          return v >= std::numeric_limits<int>::min() ? inner_.Int(static_cast<int>(v)) : inner_.Int64(v);
      } else {
        std::uint64_t v = 0;
        auto [p, ec] = std::from_chars(s, end, v);
        if (ec == std::errc() && p == end)
          return v <= std::numeric_limits<unsigned>::max() ? inner_.Uint(static_cast<unsigned>(v)) : inner_.Uint64(v);
      }
    }
    double d = 0;
    auto [p, ec] = std::from_chars(s, end, d);
    if (ec == std::errc::result_out_of_range) {
      // Too large (RapidJSON: "number too big") or too small for a double: strtod says which.
      std::string copy(text);
      errno = 0;
      d = std::strtod(copy.c_str(), nullptr);
      if (std::isinf(d)) return false;
      return inner_.Double(d);
    }
    if (ec != std::errc() || p != end) return false;
    return inner_.Double(d);
  }

 private:
  Inner& inner_;
};

}  // namespace bangfu::graph
