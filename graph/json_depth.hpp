// JSON nesting bound: a rapidjson SAX handler wrapper that stops a parse past a nesting depth.
//
// rapidjson's recursive parser, and any code that walks the tree it builds, use a stack frame per
// level: a file nesting `[` 100 000 deep overflows the stack. Every JSON reader of ours parses with
// kParseIterativeFlag (no recursion in the parser) through this wrapper, so the trees it hands on are
// at most kMaxJsonDepth deep and the recursive walkers after it stay bounded.
#pragma once
#include <rapidjson/reader.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "graph/json_numbers.hpp"

namespace bangfu::graph {

// Arrays and objects inside one another, the outermost counting 1. Saved graphs nest 3-4 levels plus
// property lists; news records 1-2. Deep enough for any real file, far below a stack's limit.
inline constexpr unsigned kMaxJsonDepth = 512;

// Forwards every SAX event to `Inner`; a container opened deeper than `limit` stops the parse
// (kParseErrorTermination at that offset) with exceeded() true.
template <class Inner>
class DepthLimited {
 public:
  DepthLimited(Inner& inner, unsigned limit = kMaxJsonDepth) : inner_(inner), limit_(limit) {}

  bool exceeded() const { return exceeded_; }

  bool Null() { return inner_.Null(); }
  bool Bool(bool b) { return inner_.Bool(b); }
  bool Int(int i) { return inner_.Int(i); }
  bool Uint(unsigned u) { return inner_.Uint(u); }
  bool Int64(std::int64_t i) { return inner_.Int64(i); }
  bool Uint64(std::uint64_t u) { return inner_.Uint64(u); }
  bool Double(double d) { return inner_.Double(d); }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool copy) { return inner_.RawNumber(s, n, copy); }
  bool String(const char* s, rapidjson::SizeType n, bool copy) { return inner_.String(s, n, copy); }
  bool Key(const char* s, rapidjson::SizeType n, bool copy) { return inner_.Key(s, n, copy); }
  bool StartObject() { return enter() && inner_.StartObject(); }
  bool StartArray() { return enter() && inner_.StartArray(); }
  bool EndObject(rapidjson::SizeType n) {
    --depth_;
    return inner_.EndObject(n);
  }
  bool EndArray(rapidjson::SizeType n) {
    --depth_;
    return inner_.EndArray(n);
  }

 private:
  bool enter() {
    if (++depth_ <= limit_) return true;
    exceeded_ = true;
    return false;
  }

  Inner& inner_;
  unsigned limit_;
  unsigned depth_ = 0;
  bool exceeded_ = false;
};

// The words for a parse stopped by DepthLimited.
inline std::string depth_error(unsigned limit = kMaxJsonDepth) {
  return "JSON nested deeper than " + std::to_string(limit) + " levels";
}

// Parses `stream` into `doc` (a rapidjson::Document) iteratively, at most `limit` levels deep. Returns
// the parse result; `too_deep` tells a stop by the bound from other errors. With
// kParseNumbersAsStringsFlag in `Flags`, numbers still reach `doc` as numbers, read by ExactNumbers.
template <unsigned Flags, class Doc, class Stream>
rapidjson::ParseResult parse_bounded(Doc& doc, Stream& stream, bool& too_deep, unsigned limit = kMaxJsonDepth) {
  rapidjson::ParseResult result;
  too_deep = false;
  auto generate = [&](Doc& handler) {
    rapidjson::GenericReader<typename Doc::EncodingType, typename Doc::EncodingType> reader;
    if constexpr ((Flags & rapidjson::kParseNumbersAsStringsFlag) != 0) {
      ExactNumbers<Doc> exact(handler);  // the numbers' text becomes numbers here (json_numbers.hpp)
      DepthLimited<ExactNumbers<Doc>> bounded(exact, limit);
      result = reader.template Parse<Flags | rapidjson::kParseIterativeFlag>(stream, bounded);
      too_deep = bounded.exceeded();
    } else {
      DepthLimited<Doc> bounded(handler, limit);
      result = reader.template Parse<Flags | rapidjson::kParseIterativeFlag>(stream, bounded);
      too_deep = bounded.exceeded();
    }
    return !result.IsError();
  };
  doc.Populate(generate);
  return result;
}

}  // namespace bangfu::graph
