#include "query/compare.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace bangfu::query {

namespace {

bool is_number(const Value& v) { return v.is<std::int64_t>() || v.is<double>(); }

// long double holds every int64 exactly, so mixed int/float comparisons do not lose precision.
long double as_long_double(const Value& v) {
  return v.is<std::int64_t>() ? static_cast<long double>(v.as<std::int64_t>()) : static_cast<long double>(v.as<double>());
}

bool is_nan(const Value& v) { return v.is<double>() && std::isnan(v.as<double>()); }

std::partial_ordering compare_numbers(const Value& a, const Value& b) {
  if (a.is<std::int64_t>() && b.is<std::int64_t>()) return a.as<std::int64_t>() <=> b.as<std::int64_t>();
  return as_long_double(a) <=> as_long_double(b);
}

// openCypher's order puts temporal values between paths and strings:
// datetime < localdatetime < date < time < localtime < duration.
double temporal_rank(const Temporal& t) {
  switch (t.kind) {
    case temporal::Kind::DateTime: return 4.1;
    case temporal::Kind::LocalDateTime: return 4.2;
    case temporal::Kind::Date: return 4.3;
    case temporal::Kind::Time: return 4.4;
    case temporal::Kind::LocalTime: return 4.5;
    case temporal::Kind::Duration: return 4.6;
  }
  return 4.9;
}

double rank(const Value& v) {
  if (v.is<Temporal>()) return temporal_rank(v.as<Temporal>());
  switch (v.v.index()) {
    case 6: return 0;   // map
    case 7: return 1;   // node
    case 8: return 2;   // relationship
    case 5: return 3;   // list
    case 9: return 4;   // path
    case 4: return 5;   // string
    case 1: return 6;   // boolean
    case 2:
    case 3: return 7;   // number
    default: return 9;  // null
  }
}

int sign(std::partial_ordering o) { return o < 0 ? -1 : o > 0 ? 1 : 0; }

template <class T>
int order_plain(const T& a, const T& b) {
  return a < b ? -1 : b < a ? 1 : 0;
}

int order_edges(const Edge& a, const Edge& b) {
  if (a.m_source != b.m_source) return a.m_source < b.m_source ? -1 : 1;
  if (a.m_target != b.m_target) return a.m_target < b.m_target ? -1 : 1;
  return order_plain(a.get_property(), b.get_property());
}

Map sorted(const Map& m) {
  Map out = m;
  std::sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  return out;
}

}  // namespace

Value to_value(Tri t) { return t == Tri::Null ? Value() : Value(t == Tri::True); }

Tri equals(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return Tri::Null;
  if (is_number(a) && is_number(b)) {
    if (is_nan(a) || is_nan(b)) return Tri::False;
    return tri(compare_numbers(a, b) == 0);
  }
  if (a.v.index() != b.v.index()) return Tri::False;
  if (a.is<List>()) {
    const auto& x = a.as<List>();
    const auto& y = b.as<List>();
    if (x.size() != y.size()) return Tri::False;
    Tri out = Tri::True;
    for (std::size_t i = 0; i < x.size(); ++i) {
      Tri t = equals(x[i], y[i]);
      if (t == Tri::False) return Tri::False;
      if (t == Tri::Null) out = Tri::Null;
    }
    return out;
  }
  if (a.is<Map>()) {
    Map x = sorted(a.as<Map>()), y = sorted(b.as<Map>());
    if (x.size() != y.size()) return Tri::False;
    Tri out = Tri::True;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (x[i].first != y[i].first) return Tri::False;
      Tri t = equals(x[i].second, y[i].second);
      if (t == Tri::False) return Tri::False;
      if (t == Tri::Null) out = Tri::Null;
    }
    return out;
  }
  if (a.is<bool>()) return tri(a.as<bool>() == b.as<bool>());
  if (a.is<Temporal>()) return tri(temporal::equal(a.as<Temporal>(), b.as<Temporal>()));
  if (a.is<std::string>()) return tri(a.as<std::string>() == b.as<std::string>());
  if (a.is<NodeRef>()) return tri(a.as<NodeRef>() == b.as<NodeRef>());
  if (a.is<RelRef>()) return tri(a.as<RelRef>() == b.as<RelRef>());
  return tri(a.as<PathValue>() == b.as<PathValue>());
}

std::optional<std::partial_ordering> compare(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return std::nullopt;
  if (is_number(a) && is_number(b)) return compare_numbers(a, b);
  if (a.is<std::string>() && b.is<std::string>()) return a.as<std::string>() <=> b.as<std::string>();
  if (a.is<bool>() && b.is<bool>()) return a.as<bool>() <=> b.as<bool>();
  if (a.is<Temporal>() && b.is<Temporal>()) {
    auto c = temporal::compare(a.as<Temporal>(), b.as<Temporal>());
    if (!c) return std::nullopt;
    return *c;
  }
  if (a.is<List>() && b.is<List>()) {
    const auto& x = a.as<List>();
    const auto& y = b.as<List>();
    for (std::size_t i = 0; i < x.size() && i < y.size(); ++i) {
      auto c = compare(x[i], y[i]);
      if (!c) return std::nullopt;
      if (*c != 0) return c;
    }
    return x.size() <=> y.size();
  }
  return std::nullopt;
}

int order(const Value& a, const Value& b) {
  double ra = rank(a), rb = rank(b);
  if (ra != rb) return ra < rb ? -1 : 1;
  if (a.is<Temporal>()) return temporal::order(a.as<Temporal>(), b.as<Temporal>());
  switch (static_cast<int>(ra)) {
    case 0: {
      Map x = sorted(a.as<Map>()), y = sorted(b.as<Map>());
      for (std::size_t i = 0; i < x.size() && i < y.size(); ++i) {
        if (x[i].first != y[i].first) return x[i].first < y[i].first ? -1 : 1;
        if (int c = order(x[i].second, y[i].second)) return c;
      }
      return order_plain(x.size(), y.size());
    }
    case 1: return order_plain(a.as<NodeRef>().v, b.as<NodeRef>().v);
    case 2: return order_edges(a.as<RelRef>().e, b.as<RelRef>().e);
    case 3: {
      const auto& x = a.as<List>();
      const auto& y = b.as<List>();
      for (std::size_t i = 0; i < x.size() && i < y.size(); ++i)
        if (int c = order(x[i], y[i])) return c;
      return order_plain(x.size(), y.size());
    }
    case 4: {
      const auto& x = a.as<PathValue>();
      const auto& y = b.as<PathValue>();
      for (std::size_t i = 0; i < x.nodes.size() && i < y.nodes.size(); ++i)
        if (x.nodes[i] != y.nodes[i]) return x.nodes[i] < y.nodes[i] ? -1 : 1;
      for (std::size_t i = 0; i < x.rels.size() && i < y.rels.size(); ++i)
        if (int c = order_edges(x.rels[i], y.rels[i])) return c;
      return order_plain(x.rels.size(), y.rels.size());
    }
    case 5: return a.as<std::string>().compare(b.as<std::string>()) < 0 ? -1 : (a.as<std::string>() == b.as<std::string>() ? 0 : 1);
    case 6: return order_plain(a.as<bool>(), b.as<bool>());
    case 7: {
      bool na = is_nan(a), nb = is_nan(b);
      if (na || nb) return na == nb ? 0 : (na ? 1 : -1);
      return sign(compare_numbers(a, b));
    }
    default: return 0;
  }
}

bool RowLess::operator()(const std::vector<Value>& a, const std::vector<Value>& b) const {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i)
    if (int c = order(a[i], b[i])) return c < 0;
  return a.size() < b.size();
}

}  // namespace bangfu::query
