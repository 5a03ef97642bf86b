// Making temporal values and writing and reading them in the ISO 8601 forms Cypher uses.
#include <cmath>
#include <cstdlib>
#include <regex>

#include "temporal/temporal.hpp"

namespace bangfu::temporal {

namespace {

using SvMatch = std::match_results<std::string_view::const_iterator>;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

std::string two(std::int64_t v) {
  std::string s = std::to_string(v);
  return s.size() < 2 ? "0" + s : s;
}

std::string year_text(std::int64_t y) {
  if (y >= 0 && y <= 9999) {
    std::string s = std::to_string(y);
    return std::string(4 - s.size(), '0') + s;
  }
  std::string s = std::to_string(y < 0 ? -y : y);
  if (s.size() < 4) s = std::string(4 - s.size(), '0') + s;
  return (y < 0 ? "-" : "+") + s;
}

std::string date_text(std::int64_t days) {
  Civil c = civil_from_days(days);
  return year_text(c.year) + "-" + two(c.month) + "-" + two(c.day);
}

// Java's LocalTime form: HH:MM, then :SS when seconds or nanos are set, nanos in groups of three digits.
std::string time_text(std::int64_t nanos) {
  std::int64_t secs = nanos / kNanosPerSecond, frac = nanos % kNanosPerSecond;
  std::string out = two(secs / 3600) + ":" + two(secs / 60 % 60);
  if (secs % 60 || frac) out += ":" + two(secs % 60);
  if (frac) {
    std::string f = std::to_string(frac);
    f = std::string(9 - f.size(), '0') + f;
    if (frac % 1000000 == 0) f.resize(3);
    else if (frac % 1000 == 0) f.resize(6);
    out += "." + f;
  }
  return out;
}

std::string offset_text(std::int32_t offset) {
  if (offset == 0) return "Z";
  std::int32_t a = offset < 0 ? -offset : offset;
  std::string out = std::string(offset < 0 ? "-" : "+") + two(a / 3600) + ":" + two(a / 60 % 60);
  if (a % 60) out += ":" + two(a % 60);
  return out;
}

std::string duration_text(const Temporal& d) {
  std::string out = "P";
  std::int64_t y = d.months / 12, m = d.months % 12;
  if (y) out += std::to_string(y) + "Y";
  if (m) out += std::to_string(m) + "M";
  if (d.days) out += std::to_string(d.days) + "D";
  std::int64_t s = d.seconds, n = d.nanos;
  bool negative_fraction = false;
  if (s < 0 && n > 0) {  // show the fraction with the seconds' sign
    s += 1;
    n = kNanosPerSecond - n;
    negative_fraction = true;
  }
  std::int64_t h = s / 3600, mi = s / 60 % 60, se = s % 60;
  if (h || mi || se || n) {
    out += "T";
    if (h) out += std::to_string(h) + "H";
    if (mi) out += std::to_string(mi) + "M";
    if (se || n) {
      std::string sec = std::to_string(se);
      if (negative_fraction && se == 0) sec = "-0";
      if (n) {
        std::string f = std::to_string(n);
        f = std::string(9 - f.size(), '0') + f;
        while (!f.empty() && f.back() == '0') f.pop_back();
        sec += "." + f;
      }
      out += sec + "S";
    }
  }
  if (out == "P") out = "PT0S";
  return out;
}

std::int64_t to_int(const std::string& s) {
  errno = 0;
  long long v = std::strtoll(s.c_str(), nullptr, 10);
  if (errno) throw TemporalError("number out of range: " + s);
  return v;
}

std::int64_t fraction_nanos(const std::string& digits) {
  std::string f = digits.substr(0, 9);
  f += std::string(9 - f.size(), '0');
  return to_int(f);
}

[[noreturn]] void bad_text(Kind kind, std::string_view text) {
  throw TemporalError(std::string("cannot parse '") + std::string(text) + "' as a " + kind_name(kind));
}

std::int64_t parse_date_part(std::string_view text, Kind kind) {
  static const std::regex re(
      R"(([+-]\d{4,9}|\d{4})(?:-?W(\d{2})(?:-?(\d))?|-(\d{2})(?:-(\d{2}))?|(\d{2})(\d{2})?|-?(\d{3}))?)");
  SvMatch m;
  if (!std::regex_match(text.begin(), text.end(), m, re)) bad_text(kind, text);
  std::int64_t year = to_int(m[1].str());
  std::optional<std::int64_t> days;
  if (m[2].matched) {
    days = days_from_iso_week(year, static_cast<unsigned>(to_int(m[2].str())),
                              m[3].matched ? static_cast<unsigned>(to_int(m[3].str())) : 1u);
  } else if (m[8].matched) {
    std::int64_t ord = to_int(m[8].str());
    auto jan1 = days_from_civil(year, 1, 1);
    auto next = days_from_civil(year + 1, 1, 1);
    if (ord >= 1 && jan1 && next && ord <= *next - *jan1) days = *jan1 + ord - 1;
  } else {
    const auto& mo = m[4].matched ? m[4] : m[6];
    const auto& dy = m[4].matched ? m[5] : m[7];
    std::int64_t month = mo.matched ? to_int(mo.str()) : 1;
    std::int64_t day = dy.matched ? to_int(dy.str()) : 1;
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31)
      days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  }
  if (!days) bad_text(kind, text);
  return *days;
}

std::int64_t parse_time_part(std::string_view text, Kind kind) {
  static const std::regex re(R"((\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d{1,9}))?)?)?)");
  SvMatch m;
  if (!std::regex_match(text.begin(), text.end(), m, re)) bad_text(kind, text);
  std::int64_t h = to_int(m[1].str()), mi = m[2].matched ? to_int(m[2].str()) : 0,
               s = m[3].matched ? to_int(m[3].str()) : 0;
  if (h > 23 || mi > 59 || s > 59) bad_text(kind, text);
  return (h * 3600 + mi * 60 + s) * kNanosPerSecond + (m[4].matched ? fraction_nanos(m[4].str()) : 0);
}

// Splits "12:00+01:00[Europe/Stockholm]" into time text and zone; `zone` is empty-handed when absent.
struct TimeAndZone {
  std::string_view time;
  std::optional<Zone> zone;
  bool named_only = false;  // "…[Zone]" without an offset
  std::optional<std::int32_t> written_offset;
};

TimeAndZone split_zone(std::string_view text) {
  TimeAndZone out;
  std::string_view name;
  if (!text.empty() && text.back() == ']') {
    auto open = text.find('[');
    if (open == std::string_view::npos) throw TemporalError("unbalanced '[' in '" + std::string(text) + "'");
    name = text.substr(open + 1, text.size() - open - 2);
    text = text.substr(0, open);
  }
  auto p = text.find_first_of("Zz+-");
  std::string_view off;
  if (p != std::string_view::npos) {
    off = text.substr(p);
    text = text.substr(0, p);
  }
  out.time = text;
  if (!off.empty()) out.written_offset = parse_zone(off).offset;
  if (!name.empty()) {
    out.zone = Zone{0, zone_id(name)};
    out.named_only = off.empty();
  } else if (!off.empty()) {
    out.zone = Zone{*out.written_offset, 0};
  }
  return out;
}

// An int64 computed in 128 bits: "P9223372036854775807Y" is an error, not a wrapped -1 year.
std::int64_t fits(__int128 v) {
  if (v > INT64_MAX || v < INT64_MIN) throw TemporalError("duration out of range", "InvalidArgumentValue");
  return static_cast<std::int64_t>(v);
}

Temporal parse_duration(std::string_view text) {
  using i128 = __int128;
  static const std::regex alt(R"(P(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?)");
  SvMatch m;
  if (std::regex_match(text.begin(), text.end(), m, alt)) {
    std::int64_t months = fits(static_cast<i128>(to_int(m[1].str())) * 12 + to_int(m[2].str()));
    std::int64_t secs = fits(static_cast<i128>(to_int(m[4].str())) * 3600 + static_cast<i128>(to_int(m[5].str())) * 60 +
                             to_int(m[6].str()));
    return make_duration_exact(months, to_int(m[3].str()), secs, m[7].matched ? fraction_nanos(m[7].str()) : 0);
  }
  static const std::regex re(
      R"(([+-])?P(?:([+-]?\d+(?:[.,]\d+)?)Y)?(?:([+-]?\d+(?:[.,]\d+)?)M)?(?:([+-]?\d+(?:[.,]\d+)?)W)?(?:([+-]?\d+(?:[.,]\d+)?)D)?(?:T(?:([+-]?\d+(?:[.,]\d+)?)H)?(?:([+-]?\d+(?:[.,]\d+)?)M)?(?:([+-]?\d+)(?:[.,](\d{1,9}))?S)?)?)");
  if (!std::regex_match(text.begin(), text.end(), m, re) || text == "P" || text.back() == 'T')
    bad_text(Kind::Duration, text);
  auto num = [&](int i) -> long double {
    if (!m[i].matched) return 0;
    std::string s = m[i].str();
    for (auto& c : s)
      if (c == ',') c = '.';
    return std::strtold(s.c_str(), nullptr);
  };
  bool all_integral = true;
  for (int i = 2; i <= 7; ++i)
    if (m[i].matched && m[i].str().find_first_of(".,") != std::string::npos) all_integral = false;
  long double sign = m[1].matched && m[1].str() == "-" ? -1 : 1;
  std::int64_t secs = m[8].matched ? to_int(m[8].str()) : 0;
  std::int64_t frac = m[9].matched ? fraction_nanos(m[9].str()) : 0;
  if (secs < 0 || (m[8].matched && m[8].str()[0] == '-')) frac = -frac;
  if (all_integral) {
    auto i = [&](int k) -> i128 { return m[k].matched ? to_int(m[k].str()) : 0; };
    i128 s = static_cast<i128>(sign);
    return make_duration_exact(fits(s * (i(2) * 12 + i(3))), fits(s * (i(4) * 7 + i(5))),
                               fits(s * (i(6) * 3600 + i(7) * 60 + secs)), fits(s * frac));
  }
  return make_duration(sign * (num(2) * 12 + num(3)), sign * (num(4) * 7 + num(5)),
                       sign * (num(6) * 3600 + num(7) * 60 + static_cast<long double>(secs)),
                       sign * static_cast<long double>(frac));
}

}  // namespace

Temporal make_date(std::int64_t days) {
  Temporal t;
  t.kind = Kind::Date;
  t.days = days;
  return t;
}

Temporal make_local_time(std::int64_t nanos) {
  Temporal t;
  t.kind = Kind::LocalTime;
  t.nanos = ((nanos % kNanosPerDay) + kNanosPerDay) % kNanosPerDay;
  return t;
}

Temporal make_time(std::int64_t nanos, std::int32_t offset) {
  Temporal t = make_local_time(nanos);
  t.kind = Kind::Time;
  t.offset = offset;
  return t;
}

Temporal make_local_datetime(std::int64_t days, std::int64_t nanos) {
  Temporal t;
  t.kind = Kind::LocalDateTime;
  t.days = days + floor_div(nanos, kNanosPerDay);
  t.nanos = nanos - floor_div(nanos, kNanosPerDay) * kNanosPerDay;
  return t;
}

Temporal make_datetime(std::int64_t days, std::int64_t nanos, Zone zone) {
  Temporal t = make_local_datetime(days, nanos);
  t.kind = Kind::DateTime;
  t.zone = zone.zone;
  t.offset = zone.offset;
  if (zone.zone) {
    t.offset = zone_offset_local(zone.zone, t.days, t.nanos);
    // Across a gap the local time does not exist: show the same instant with the offset after it.
    std::int64_t instant = epoch_seconds(t);
    std::int32_t after = zone_offset_utc(zone.zone, instant);
    if (after != t.offset) return datetime_at_instant(instant, t.nanos % kNanosPerSecond, zone);
  }
  return t;
}

Temporal datetime_at_instant(std::int64_t secs, std::int64_t nanos, Zone zone) {
  // Years -999999999..999999999, as date() allows: about ±3.16e16 seconds from 1970.
  constexpr std::int64_t kMaxSeconds = 31556889832780799;  // +999999999-12-31T23:59:59Z
  constexpr std::int64_t kMinSeconds = -31557014135683200;  // -999999999-01-01T00:00:00Z
  if (secs > kMaxSeconds || secs < kMinSeconds || nanos > INT64_MAX / 2 || nanos < INT64_MIN / 2)
    throw TemporalError("instant out of range (years -999999999..999999999)", "InvalidArgumentValue");
  std::int32_t offset = zone.zone ? zone_offset_utc(zone.zone, secs) : zone.offset;
  std::int64_t local = secs + offset;
  Temporal t = make_local_datetime(floor_div(local, 86400), (local - floor_div(local, 86400) * 86400) * kNanosPerSecond + nanos);
  t.kind = Kind::DateTime;
  t.offset = offset;
  t.zone = zone.zone;
  return t;
}

Temporal make_duration_exact(std::int64_t months, std::int64_t days, std::int64_t seconds, std::int64_t nanos) {
  Temporal t;
  t.kind = Kind::Duration;
  t.months = months;
  t.days = days;
  t.seconds = seconds + floor_div(nanos, kNanosPerSecond);
  t.nanos = nanos - floor_div(nanos, kNanosPerSecond) * kNanosPerSecond;
  return t;
}

Temporal make_duration(long double months, long double days, long double seconds, long double nanos) {
  if (!std::isfinite(months) || !std::isfinite(days) || !std::isfinite(seconds) || !std::isfinite(nanos) ||
      std::fabs(months) > 1e15L || std::fabs(days) > 1e16L || std::fabs(seconds) > 1e17L)
    throw TemporalError("duration out of range", "InvalidArgumentValue");
  long double m = std::trunc(months);
  days += (months - m) * 30.436875L;
  long double d = std::trunc(days);
  seconds += (days - d) * 86400.0L;
  long double s = std::trunc(seconds);
  long double ns = (seconds - s) * 1e9L + nanos;
  long double r = std::nearbyint(ns);
  // Float noise rounds to the nearest nanosecond; a true half nanosecond is dropped, as Neo4j does.
  long double whole = std::fabs(ns - r) < 1e-3L ? r : std::trunc(ns);
  // Nanoseconds are not bounded above (duration * a large factor): every part must fit before the casts.
  constexpr long double kLimit = 9.0e18L;
  if (std::fabs(m) > kLimit || std::fabs(d) > kLimit || std::fabs(s) > kLimit || !(std::fabs(whole) <= kLimit))
    throw TemporalError("duration out of range", "InvalidArgumentValue");
  return make_duration_exact(static_cast<std::int64_t>(m), static_cast<std::int64_t>(d), static_cast<std::int64_t>(s),
                             static_cast<std::int64_t>(whole));
}

std::int64_t epoch_seconds(const Temporal& t) {
  return t.days * 86400 + t.nanos / kNanosPerSecond - t.offset;
}

std::string to_string(const Temporal& t) {
  switch (t.kind) {
    case Kind::Date: return date_text(t.days);
    case Kind::LocalTime: return time_text(t.nanos);
    case Kind::Time: return time_text(t.nanos) + offset_text(t.offset);
    case Kind::LocalDateTime: return date_text(t.days) + "T" + time_text(t.nanos);
    case Kind::DateTime: {
      std::string out = date_text(t.days) + "T" + time_text(t.nanos) + offset_text(t.offset);
      if (t.zone) out += "[" + zone_name(t.zone) + "]";
      return out;
    }
    case Kind::Duration: return duration_text(t);
  }
  return {};
}

Temporal parse(Kind kind, std::string_view text) {
  if (text.size() > 200) bad_text(kind, text.substr(0, 40));
  switch (kind) {
    case Kind::Date: return make_date(parse_date_part(text, kind));
    case Kind::LocalTime: return make_local_time(parse_time_part(text, kind));
    case Kind::Time: {
      auto tz = split_zone(text);
      Zone z = tz.zone.value_or(Zone{});
      if (z.zone) z.offset = tz.written_offset.value_or(zone_offset_utc(z.zone, 0));
      return make_time(parse_time_part(tz.time, kind), z.offset);
    }
    case Kind::LocalDateTime:
    case Kind::DateTime: {
      auto t = text.find_first_of("Tt");
      std::string_view date_part = t == std::string_view::npos ? text : text.substr(0, t);
      std::string_view rest = t == std::string_view::npos ? std::string_view() : text.substr(t + 1);
      if (kind == Kind::LocalDateTime) {
        std::int64_t nanos = rest.empty() ? 0 : parse_time_part(rest, kind);
        return make_local_datetime(parse_date_part(date_part, kind), nanos);
      }
      // A date-only datetime may still carry a zone: "2015-07-21[Europe/London]" is not valid ISO; keep it simple.
      auto tz = split_zone(rest);
      std::int64_t days = parse_date_part(date_part, kind);
      std::int64_t nanos = tz.time.empty() ? 0 : parse_time_part(tz.time, kind);
      Zone z = tz.zone.value_or(Zone{});
      if (z.zone && tz.written_offset) {
        // An explicit offset fixes the instant; the zone then names how it is shown.
        Temporal fixed = make_datetime(days, nanos, Zone{*tz.written_offset, 0});
        return datetime_at_instant(epoch_seconds(fixed), nanos % kNanosPerSecond, z);
      }
      return make_datetime(days, nanos, z);
    }
    case Kind::Duration: return parse_duration(text);
  }
  bad_text(kind, text);
}

}  // namespace bangfu::temporal
