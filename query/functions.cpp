#include "query/functions.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <optional>

#include "query/engine.hpp"
#include "query/temporal_functions.hpp"
#include "query/utf8.hpp"

namespace bangfu::query {

namespace {

enum Fn {
  kId, kType, kLabels, kLength, kNodes, kRelationships, kProperties, kSize, kCoalesce, kToString, kToInteger,
  kToFloat, kToBoolean, kHead, kLast, kTail, kAbs, kCeil, kFloor, kRound, kSqrt, kSign, kRange, kKeys,
  kStartNode, kEndNode, kReverse, kToUpper, kToLower, kTrim, kSubstring, kReplace, kSplit,
  kLTrim, kRTrim, kLeft, kRight, kExp, kLog, kLog10, kE, kPi, kSin, kCos, kTan, kAsin, kAcos, kAtan, kAtan2,
  kDegrees, kRadians, kHaversin, kCot, kRand, kExists
};

struct Entry {
  const char* name;
  Fn id;
  std::size_t min_args, max_args;
};

const Entry kFunctions[] = {
    {"id", kId, 1, 1},           {"type", kType, 1, 1},           {"labels", kLabels, 1, 1},
    {"length", kLength, 1, 1},   {"nodes", kNodes, 1, 1},         {"relationships", kRelationships, 1, 1},
    {"properties", kProperties, 1, 1}, {"size", kSize, 1, 1},     {"coalesce", kCoalesce, 1, 64},
    {"tostring", kToString, 1, 1}, {"tointeger", kToInteger, 1, 1}, {"tofloat", kToFloat, 1, 1},
    {"toboolean", kToBoolean, 1, 1}, {"head", kHead, 1, 1},       {"last", kLast, 1, 1},
    {"tail", kTail, 1, 1},       {"abs", kAbs, 1, 1},             {"ceil", kCeil, 1, 1},
    {"floor", kFloor, 1, 1},     {"round", kRound, 1, 1},         {"sqrt", kSqrt, 1, 1},
    {"sign", kSign, 1, 1},       {"range", kRange, 2, 3},         {"keys", kKeys, 1, 1},
    {"startnode", kStartNode, 1, 1}, {"endnode", kEndNode, 1, 1}, {"reverse", kReverse, 1, 1},
    {"toupper", kToUpper, 1, 1}, {"tolower", kToLower, 1, 1},     {"trim", kTrim, 1, 1},
    {"substring", kSubstring, 2, 3}, {"replace", kReplace, 3, 3}, {"split", kSplit, 2, 2},
    {"ltrim", kLTrim, 1, 1},     {"rtrim", kRTrim, 1, 1},         {"left", kLeft, 2, 2},
    {"right", kRight, 2, 2},     {"exp", kExp, 1, 1},             {"log", kLog, 1, 1},
    {"log10", kLog10, 1, 1},     {"e", kE, 0, 0},                 {"pi", kPi, 0, 0},
    {"sin", kSin, 1, 1},         {"cos", kCos, 1, 1},             {"tan", kTan, 1, 1},
    {"asin", kAsin, 1, 1},       {"acos", kAcos, 1, 1},           {"atan", kAtan, 1, 1},
    {"atan2", kAtan2, 2, 2},     {"degrees", kDegrees, 1, 1},     {"radians", kRadians, 1, 1},
    {"haversin", kHaversin, 1, 1}, {"cot", kCot, 1, 1},           {"rand", kRand, 0, 0},
    {"exists", kExists, 1, 1}};

// Functions of one number giving a float; nullopt when `id` is not one of them.
std::optional<double> math1(int id, double x) {
  switch (id) {
    case kExp: return std::exp(x);
    case kLog: return std::log(x);
    case kLog10: return std::log10(x);
    case kSin: return std::sin(x);
    case kCos: return std::cos(x);
    case kTan: return std::tan(x);
    case kCot: return 1.0 / std::tan(x);
    case kAsin: return std::asin(x);
    case kAcos: return std::acos(x);
    case kAtan: return std::atan(x);
    case kDegrees: return x * 180.0 / M_PI;
    case kRadians: return x * M_PI / 180.0;
    case kHaversin: return (1.0 - std::cos(x)) / 2.0;
    default: return std::nullopt;
  }
}

std::string trim_side(const std::string& s, bool left) {
  const char* ws = " \t\r\n";
  if (left) {
    auto b = s.find_first_not_of(ws);
    return b == std::string::npos ? std::string() : s.substr(b);
  }
  auto e = s.find_last_not_of(ws);
  return e == std::string::npos ? std::string() : s.substr(0, e + 1);
}

[[noreturn]] void bad_argument(const char* fn, const Value& v) {
  throw QueryError(QueryError::Kind::Type,
                   std::string(fn) + "() cannot take an argument of type " + type_name(v), 0, 0,
                   "InvalidArgumentType");
}

std::string format_double(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, d);
  std::string s(buf, p);
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  return s;
}

std::optional<double> number_of(const Value& v) {
  if (v.is<std::int64_t>()) return static_cast<double>(v.as<std::int64_t>());
  if (v.is<double>()) return v.as<double>();
  return std::nullopt;
}

// A float's integer part, or an IntegerOverflow error when it does not fit in int64 (1e30 used to wrap).
std::int64_t integer_of(double d, const char* fn) {
  double t = std::trunc(d);
  // 2^63 is exactly representable; every double below it (and >= -2^63) converts without overflow.
  if (!(t >= -9223372036854775808.0 && t < 9223372036854775808.0))
    throw QueryError(QueryError::Kind::Type,
                     std::string(fn) + "(): " + format_double(d) + " does not fit in a 64-bit integer", 0, 0,
                     "IntegerOverflow");
  return static_cast<std::int64_t>(t);
}

Map props_map(const graph::Properties& props) {
  Map out;
  for (const auto& [k, p] : props) out.emplace_back(k, from_prop(p));
  return out;
}

}  // namespace

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::optional<AggregateKind> aggregate_kind(std::string_view name) {
  auto n = lower(name);
  if (n == "count") return AggregateKind::Count;
  if (n == "collect") return AggregateKind::Collect;
  if (n == "min") return AggregateKind::Min;
  if (n == "max") return AggregateKind::Max;
  if (n == "sum") return AggregateKind::Sum;
  if (n == "avg") return AggregateKind::Avg;
  if (n == "percentiledisc") return AggregateKind::PercentileDisc;
  if (n == "percentilecont") return AggregateKind::PercentileCont;
  if (n == "stdev") return AggregateKind::StDev;
  if (n == "stdevp") return AggregateKind::StDevP;
  return std::nullopt;
}

std::optional<FunctionInfo> scalar_function(std::string_view name) {
  auto n = lower(name);
  for (const auto& e : kFunctions)
    if (n == e.name) return FunctionInfo{e.id, e.min_args, e.max_args};
  return temporal_function(n);
}

std::string type_name(const Value& v) {
  static const char* const names[] = {"Null", "Boolean", "Integer", "Float", "String",
                                      "List", "Map",     "Node",    "Relationship", "Path"};
  if (v.is<Temporal>()) return temporal::kind_name(v.as<Temporal>().kind);
  return names[v.v.index()];
}

std::string scalar_to_string(const Value& v) {
  if (v.is<std::string>()) return v.as<std::string>();
  if (v.is<std::int64_t>()) return std::to_string(v.as<std::int64_t>());
  if (v.is<double>()) return format_double(v.as<double>());
  if (v.is<bool>()) return v.as<bool>() ? "true" : "false";
  if (v.is<Temporal>()) return temporal::to_string(v.as<Temporal>());
  return {};
}

Value from_prop(const graph::PropValue& p) {
  switch (p.v.index()) {
    case 1: return Value(std::get<bool>(p.v));
    case 2: return Value(std::get<std::int64_t>(p.v));
    case 3: return Value(std::get<double>(p.v));
    case 4: return Value(std::get<std::string>(p.v));
    case 5: {
      List out;
      for (const auto& x : std::get<graph::PropList>(p.v)) out.push_back(from_prop(x));
      return Value(std::move(out));
    }
    case 6: return Value(std::get<temporal::Temporal>(p.v));
    default: return Value();
  }
}

// The conversion functions name a wrong kind of argument by its value, as the TCK expects.
[[noreturn]] static void bad_value(const char* fn, const Value& v) {
  throw QueryError(QueryError::Kind::Type, std::string(fn) + "() cannot convert a " + type_name(v), 0, 0,
                   "InvalidArgumentValue");
}

graph::PropValue to_prop(const Value& v) {
  switch (v.v.index()) {
    case 0: return {};
    case 1: return graph::PropValue(v.as<bool>());
    case 2: return graph::PropValue(v.as<std::int64_t>());
    case 3: return graph::PropValue(v.as<double>());
    case 4:  // the graph file is UTF-8: a string that is not (from a parameter, say) gets U+FFFD
      if (first_invalid_utf8(v.as<std::string>())) return graph::PropValue(replace_invalid_utf8(v.as<std::string>()));
      return graph::PropValue(v.as<std::string>());
    case 5: {
      graph::PropList out;
      for (const auto& x : v.as<List>()) {
        if (x.is<List>() || x.is<Map>() || x.is<NodeRef>() || x.is<RelRef>() || x.is<PathValue>())
          throw QueryError(QueryError::Kind::Type, "a property list cannot hold a " + type_name(x), 0, 0,
                           "InvalidPropertyType");
        out.push_back(to_prop(x));
      }
      return graph::PropValue(std::move(out));
    }
    case 10: return graph::PropValue(v.as<Temporal>());
    default:
      throw QueryError(QueryError::Kind::Type, "a property cannot hold a " + type_name(v), 0, 0,
                       "InvalidPropertyType");
  }
}

IntRange range_of(const std::vector<Value>& args) {
  for (auto& x : args)
    if (!x.is<std::int64_t>()) bad_argument("range", x);
  IntRange r;
  r.from = args[0].as<std::int64_t>();
  std::int64_t to = args[1].as<std::int64_t>();
  r.step = args.size() > 2 ? args[2].as<std::int64_t>() : 1;
  if (r.step == 0) throw QueryError(QueryError::Kind::Type, "range() step must not be zero", 0, 0, "NumberOutOfRange");
  __int128 span = static_cast<__int128>(to) - r.from;
  if ((span >= 0) == (r.step > 0) || span == 0) {
    __int128 n = span / r.step + 1;  // up to 2^64: saturate, no caller gets that far
    r.size = n > static_cast<__int128>(UINT64_MAX) ? UINT64_MAX : static_cast<std::uint64_t>(n);
  }
  return r;
}

int range_function_id() { return kRange; }

const QueryOptions& default_limits() {
  static const QueryOptions defaults;
  return defaults;
}

void list_too_long(const QueryOptions& limits) {
  throw QueryError(QueryError::Kind::Limit,
                   "query stopped: a list would hold more than " + std::to_string(limits.max_list) +
                       " elements (QueryOptions::max_list)",
                   0, 0, "ListLimit");
}

void string_too_long(const QueryOptions& limits) {
  throw QueryError(QueryError::Kind::Limit,
                   "query stopped: a string would be longer than " + std::to_string(limits.max_string) +
                       " bytes (QueryOptions::max_string)",
                   0, 0, "StringLimit");
}

Value call_scalar(int id, std::vector<Value>& args, const graph::Graph& g, const QueryOptions* limits_or_null) {
  const QueryOptions& limits = limits_or_null ? *limits_or_null : default_limits();
  if (id >= kTemporalFunctionBase) return call_temporal(id, args);
  if (id == kE) return Value(M_E);
  if (id == kPi) return Value(M_PI);
  if (id == kRand) return Value(static_cast<double>(std::rand()) / (static_cast<double>(RAND_MAX) + 1.0));
  Value& a = args[0];
  if (id == kExists) return Value(!a.is_null());
  if (id == kCoalesce) {
    for (auto& x : args)
      if (!x.is_null()) return x;
    return {};
  }
  if (a.is_null()) return {};
  switch (static_cast<Fn>(id)) {
    case kId:
      if (a.is<NodeRef>()) return Value(static_cast<std::int64_t>(g.node_id(a.as<NodeRef>().v)));
      if (a.is<RelRef>()) return Value(static_cast<std::int64_t>(g.edge(a.as<RelRef>().e).id));
      bad_argument("id", a);
    case kType:
      if (a.is<RelRef>()) return Value(g.type_name(g.edge(a.as<RelRef>().e).type));
      bad_argument("type", a);
    case kLabels: {
      if (!a.is<NodeRef>()) bad_argument("labels", a);
      List out;
      for (auto l : g.node(a.as<NodeRef>().v).labels) out.emplace_back(g.label_name(l));
      return Value(std::move(out));
    }
    case kLength:
      if (a.is<PathValue>()) return Value(static_cast<std::int64_t>(a.as<PathValue>().rels.size()));
      if (a.is<List>()) return Value(static_cast<std::int64_t>(a.as<List>().size()));
      if (a.is<std::string>()) return Value(static_cast<std::int64_t>(a.as<std::string>().size()));
      bad_argument("length", a);
    case kNodes: {
      if (!a.is<PathValue>()) bad_argument("nodes", a);
      List out;
      for (auto v : a.as<PathValue>().nodes) out.emplace_back(NodeRef{v});
      return Value(std::move(out));
    }
    case kRelationships: {
      if (!a.is<PathValue>()) bad_argument("relationships", a);
      List out;
      for (auto e : a.as<PathValue>().rels) out.emplace_back(RelRef{e});
      return Value(std::move(out));
    }
    case kProperties:
      if (a.is<NodeRef>()) return Value(props_map(g.node_property_map(a.as<NodeRef>().v)));
      if (a.is<RelRef>()) return Value(props_map(g.edge_property_map(a.as<RelRef>().e)));
      if (a.is<Map>()) return a;
      bad_argument("properties", a);
    case kKeys: {
      List out;
      if (a.is<NodeRef>()) for (const auto& kv : g.node_property_map(a.as<NodeRef>().v)) out.emplace_back(kv.first);
      else if (a.is<RelRef>()) for (const auto& kv : g.edge_property_map(a.as<RelRef>().e)) out.emplace_back(kv.first);
      else if (a.is<Map>()) for (const auto& kv : a.as<Map>()) out.emplace_back(kv.first);
      else bad_argument("keys", a);
      return Value(std::move(out));
    }
    case kSize:
      if (a.is<List>()) return Value(static_cast<std::int64_t>(a.as<List>().size()));
      if (a.is<std::string>()) {
        std::int64_t n = 0;  // characters, not bytes
        for (unsigned char c : a.as<std::string>()) n += (c & 0xC0) != 0x80;
        return Value(n);
      }
      bad_argument("size", a);
    case kToString:
      if (a.is<std::string>() || a.is<std::int64_t>() || a.is<double>() || a.is<bool>() || a.is<Temporal>())
        return Value(scalar_to_string(a));
      bad_value("toString", a);
    case kToInteger:
      if (a.is<std::int64_t>()) return a;
      if (a.is<double>()) {
        double d = a.as<double>();
        if (std::isnan(d) || std::isinf(d)) return {};
        return Value(integer_of(d, "toInteger"));
      }
      if (a.is<std::string>()) {
        const auto& s = a.as<std::string>();
        std::int64_t i = 0;
        auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), i);
        if (ec == std::errc() && p == s.data() + s.size()) return Value(i);
        char* end = nullptr;
        double d = std::strtod(s.c_str(), &end);
        if (!s.empty() && end == s.c_str() + s.size() && std::isfinite(d)) return Value(integer_of(d, "toInteger"));
        return {};
      }
      if (a.is<bool>()) return Value(static_cast<std::int64_t>(a.as<bool>()));
      bad_value("toInteger", a);
    case kToFloat:
      if (a.is<double>()) return a;
      if (a.is<std::int64_t>()) return Value(static_cast<double>(a.as<std::int64_t>()));
      if (a.is<std::string>()) {
        const auto& s = a.as<std::string>();
        char* end = nullptr;
        double d = std::strtod(s.c_str(), &end);
        if (!s.empty() && end == s.c_str() + s.size()) return Value(d);
        return {};
      }
      bad_value("toFloat", a);
    case kToBoolean:
      if (a.is<bool>()) return a;
      if (a.is<std::string>()) {
        auto s = lower(a.as<std::string>());
        if (s == "true") return Value(true);
        if (s == "false") return Value(false);
        return {};
      }
      if (a.is<std::int64_t>()) return Value(a.as<std::int64_t>() != 0);
      bad_value("toBoolean", a);
    case kHead:
      if (!a.is<List>()) bad_argument("head", a);
      return a.as<List>().empty() ? Value() : a.as<List>().front();
    case kLast:
      if (!a.is<List>()) bad_argument("last", a);
      return a.as<List>().empty() ? Value() : a.as<List>().back();
    case kTail: {
      if (!a.is<List>()) bad_argument("tail", a);
      const auto& l = a.as<List>();
      return l.empty() ? Value(List{}) : Value(List(l.begin() + 1, l.end()));
    }
    case kReverse:
      if (a.is<List>()) {
        List l = a.as<List>();
        std::reverse(l.begin(), l.end());
        return Value(std::move(l));
      }
      if (a.is<std::string>()) {  // by characters: reversing bytes would break multi-byte UTF-8
        const auto& s = a.as<std::string>();
        std::string out;
        out.reserve(s.size());
        for (std::size_t end = s.size(); end > 0;) {
          std::size_t begin = end - 1;
          while (begin > 0 && (static_cast<unsigned char>(s[begin]) & 0xC0) == 0x80) --begin;
          out.append(s, begin, end - begin);
          end = begin;
        }
        return Value(std::move(out));
      }
      bad_argument("reverse", a);
    case kAbs:
      if (a.is<std::int64_t>()) {
        if (a.as<std::int64_t>() == INT64_MIN)
          throw QueryError(QueryError::Kind::Type, "integer overflow in abs()", 0, 0, "IntegerOverflow");
        return Value(a.as<std::int64_t>() < 0 ? -a.as<std::int64_t>() : a.as<std::int64_t>());
      }
      if (a.is<double>()) return Value(std::fabs(a.as<double>()));
      bad_argument("abs", a);
    case kSign:
      if (auto d = number_of(a)) return Value(static_cast<std::int64_t>((*d > 0) - (*d < 0)));
      bad_argument("sign", a);
    case kCeil:
    case kFloor:
    case kRound:
    case kSqrt: {
      auto d = number_of(a);
      if (!d) bad_argument("a math function", a);
      if (id == kCeil) return Value(std::ceil(*d));
      if (id == kFloor) return Value(std::floor(*d));
      if (id == kRound) return Value(std::round(*d));
      return Value(std::sqrt(*d));
    }
    case kRange: {
      IntRange r = range_of(args);
      if (r.size > limits.max_list) list_too_long(limits);
      List out;
      out.reserve(static_cast<std::size_t>(r.size));
      for (std::uint64_t k = 0; k < r.size; ++k) out.emplace_back(r.at(k));
      return Value(std::move(out));
    }
    case kStartNode:
    case kEndNode: {
      if (!a.is<RelRef>()) bad_argument("startNode/endNode", a);
      auto e = a.as<RelRef>().e;
      return Value(NodeRef{id == kStartNode ? graph::Graph::source(e) : graph::Graph::target(e)});
    }
    case kToUpper:
    case kToLower: {
      if (!a.is<std::string>()) bad_argument("toUpper/toLower", a);
      std::string s = a.as<std::string>();
      for (auto& c : s) {
        if (id == kToUpper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (id == kToLower && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      }
      return Value(std::move(s));
    }
    case kTrim: {
      if (!a.is<std::string>()) bad_argument("trim", a);
      const auto& s = a.as<std::string>();
      auto b = s.find_first_not_of(" \t\r\n");
      if (b == std::string::npos) return Value("");
      return Value(s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1));
    }
    case kSubstring: {
      if (!a.is<std::string>() || !args[1].is<std::int64_t>()) bad_argument("substring", a);
      // Positions count characters, as size() does, so a cut never splits a multi-byte character.
      const auto& s = a.as<std::string>();
      auto from = static_cast<std::size_t>(std::max<std::int64_t>(0, args[1].as<std::int64_t>()));
      std::size_t begin = utf8_offset(s, from), end = s.size();
      if (args.size() > 2 && args[2].is<std::int64_t>()) {
        auto len = static_cast<std::size_t>(std::max<std::int64_t>(0, args[2].as<std::int64_t>()));
        end = begin + utf8_offset(std::string_view(s).substr(begin), len);
      }
      return Value(s.substr(begin, end - begin));
    }
    case kReplace: {
      for (auto& x : args) {
        if (x.is_null()) return {};
        if (!x.is<std::string>()) bad_argument("replace", x);
      }
      const auto& s = a.as<std::string>();
      const auto& from = args[1].as<std::string>();
      const auto& to = args[2].as<std::string>();
      if (from.empty()) return a;
      // Built left to right into a new string: replacing in place moved the tail once per match.
      std::string out;
      std::size_t start = 0;
      for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, start)) {
        if (out.size() + (p - start) + to.size() > limits.max_string) string_too_long(limits);
        out.append(s, start, p - start);
        out += to;
        start = p + from.size();
      }
      if (out.size() + (s.size() - start) > limits.max_string) string_too_long(limits);
      out.append(s, start, std::string::npos);
      return Value(std::move(out));
    }
    case kSplit: {
      if (args[1].is_null()) return {};
      if (!a.is<std::string>() || !args[1].is<std::string>()) bad_argument("split", a);
      const auto& s = a.as<std::string>();
      const auto& sep = args[1].as<std::string>();
      List out;
      if (sep.empty()) return Value(List{Value(s)});
      std::size_t start = 0;
      for (std::size_t p = s.find(sep); p != std::string::npos; p = s.find(sep, start)) {
        if (out.size() >= limits.max_list) list_too_long(limits);
        out.emplace_back(s.substr(start, p - start));
        start = p + sep.size();
      }
      out.emplace_back(s.substr(start));
      return Value(std::move(out));
    }
    case kLTrim:
    case kRTrim:
      if (!a.is<std::string>()) bad_argument("lTrim/rTrim", a);
      return Value(trim_side(a.as<std::string>(), id == kLTrim));
    case kLeft:
    case kRight: {
      if (args[1].is_null())
        throw QueryError(QueryError::Kind::Type, "left()/right() need a length, got null", 0, 0, "InvalidArgumentValue");
      if (!a.is<std::string>() || !args[1].is<std::int64_t>()) bad_argument("left/right", a);
      std::int64_t n = args[1].as<std::int64_t>();
      if (n < 0) throw QueryError(QueryError::Kind::Type, "left()/right() need a length >= 0", 0, 0, "NumberOutOfRange");
      const auto& s = a.as<std::string>();  // lengths in characters, as size() counts them
      if (id == kLeft) return Value(s.substr(0, utf8_offset(s, static_cast<std::size_t>(n))));
      std::size_t begin = s.size();
      for (std::int64_t k = 0; k < n && begin > 0; ++k) {
        --begin;
        while (begin > 0 && (static_cast<unsigned char>(s[begin]) & 0xC0) == 0x80) --begin;
      }
      return Value(s.substr(begin));
    }
    case kAtan2: {
      if (args[1].is_null()) return {};
      auto y = number_of(a), x = number_of(args[1]);
      if (!y || !x) bad_argument("atan2", y ? args[1] : a);
      return Value(std::atan2(*y, *x));
    }
    case kCoalesce:
    case kE:
    case kPi:
    case kRand:
    case kExists: break;
    default: {
      auto d = number_of(a);
      if (!d) bad_argument("a math function", a);
      if (auto r = math1(id, *d)) return Value(*r);
      break;
    }
  }
  return {};
}

}  // namespace bangfu::query
