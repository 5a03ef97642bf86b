#include "query/temporal_functions.hpp"

#include <cmath>

#include "query/engine.hpp"
#include "query/functions.hpp"

namespace bangfu::query {

namespace tp = bangfu::temporal;
using tp::Kind;

namespace {

enum Fn {
  kDate, kLocalTime, kTime, kLocalDateTime, kDateTime, kDuration,  // constructors, in Kind order
  kClockBase = 10,  // + kind * 3 + {transaction, statement, realtime}
  kTruncateBase = 40,  // + kind
  kBetween = 50, kInMonths, kInDays, kInSeconds, kFromEpoch, kFromEpochMillis
};

struct Entry {
  const char* name;
  int id;
  std::size_t min_args, max_args;
};

const Entry kEntries[] = {
    {"date", kDate, 0, 1},
    {"localtime", kLocalTime, 0, 1},
    {"time", kTime, 0, 1},
    {"localdatetime", kLocalDateTime, 0, 1},
    {"datetime", kDateTime, 0, 1},
    {"duration", kDuration, 1, 1},
    {"duration.between", kBetween, 2, 2},
    {"duration.inmonths", kInMonths, 2, 2},
    {"duration.indays", kInDays, 2, 2},
    {"duration.inseconds", kInSeconds, 2, 2},
    {"datetime.fromepoch", kFromEpoch, 2, 2},
    {"datetime.fromepochmillis", kFromEpochMillis, 1, 1},
};

const char* const kKindNames[] = {"date", "localtime", "time", "localdatetime", "datetime", "duration"};

[[noreturn]] void fail(const std::string& message, const char* code = "InvalidArgumentValue") {
  throw QueryError(QueryError::Kind::Type, message, 0, 0, code);
}

[[noreturn]] void rethrow(const tp::TemporalError& e) { fail(e.what(), e.code.c_str()); }

const Value* find(const Map& m, std::string_view key) {
  for (const auto& [k, v] : m)
    if (k == key) return v.is_null() ? nullptr : &v;
  return nullptr;
}

std::optional<std::int64_t> integer(const Map& m, std::string_view key) {
  const Value* v = find(m, key);
  if (!v) return std::nullopt;
  if (v->is<std::int64_t>()) return v->as<std::int64_t>();
  if (v->is<double>() && std::trunc(v->as<double>()) == v->as<double>() && std::fabs(v->as<double>()) < 9e15)
    return static_cast<std::int64_t>(v->as<double>());
  fail("temporal component '" + std::string(key) + "' must be an integer, got " + type_name(*v), "InvalidArgumentType");
}

const Temporal* temporal_of(const Map& m, std::string_view key) {
  const Value* v = find(m, key);
  if (!v) return nullptr;
  if (!v->is<Temporal>()) fail("'" + std::string(key) + "' must be a temporal value, got " + type_name(*v), "InvalidArgumentType");
  return &v->as<Temporal>();
}

void check_range(std::int64_t v, std::int64_t lo, std::int64_t hi, std::string_view what) {
  if (v < lo || v > hi)
    fail(std::string(what) + " " + std::to_string(v) + " is out of range " + std::to_string(lo) + ".." + std::to_string(hi));
}

tp::Zone zone_of(const Temporal& t) { return {t.offset, t.zone}; }

std::int64_t days_or_fail(std::optional<std::int64_t> d, const char* what) {
  if (!d) fail(std::string("invalid ") + what);
  return *d;
}

// The date a map describes, from `base` (may be null) and the fields given.
std::int64_t date_from_map(const Map& m, const Temporal* base) {
  auto year = integer(m, "year"), month = integer(m, "month"), day = integer(m, "day"), week = integer(m, "week"),
       dow = integer(m, "dayOfWeek"), ordinal = integer(m, "ordinalDay"), quarter = integer(m, "quarter"),
       doq = integer(m, "dayOfQuarter");
  bool any = year || month || day || week || dow || ordinal || quarter || doq;
  if (base && !any) return base->days;
  if (!base && !year) fail("a date needs a year (or a base date)");
  if (year) check_range(*year, -999999999, 999999999, "year");
  tp::Civil bc = base ? tp::civil_from_days(base->days) : tp::Civil{*year, 1, 1};
  std::int64_t y = year.value_or(bc.year);
  if (week || (dow && !month && !day)) {
    tp::IsoWeek bw = base ? tp::iso_week_from_days(base->days) : tp::IsoWeek{y, 1, 1};
    std::int64_t wy = year.value_or(bw.year);
    std::int64_t w = week.value_or(bw.week), wd = dow.value_or(base ? bw.weekday : 1);
    check_range(w, 1, 53, "week");
    check_range(wd, 1, 7, "dayOfWeek");
    return days_or_fail(tp::days_from_iso_week(wy, static_cast<unsigned>(w), static_cast<unsigned>(wd)), "week date");
  }
  if (ordinal) {
    std::int64_t jan1 = days_or_fail(tp::days_from_civil(y, 1, 1), "year");
    std::int64_t len = days_or_fail(tp::days_from_civil(y + 1, 1, 1), "year") - jan1;
    check_range(*ordinal, 1, len, "ordinalDay");
    return jan1 + *ordinal - 1;
  }
  if (quarter || doq) {
    std::int64_t bq = (bc.month - 1) / 3 + 1;
    std::int64_t bdoq = base ? base->days - days_or_fail(tp::days_from_civil(bc.year, static_cast<unsigned>((bq - 1) * 3 + 1), 1), "date") + 1 : 1;
    std::int64_t q = quarter.value_or(bq), d = doq.value_or(bdoq);
    check_range(q, 1, 4, "quarter");
    std::int64_t start = days_or_fail(tp::days_from_civil(y, static_cast<unsigned>((q - 1) * 3 + 1), 1), "quarter");
    std::int64_t next = tp::add_months(start, 3);
    check_range(d, 1, next - start, "dayOfQuarter");
    return start + d - 1;
  }
  std::int64_t mo = month.value_or(base ? bc.month : 1), d = day.value_or(base ? bc.day : 1);
  if (!base && day && !month) fail("a day needs a month");
  check_range(mo, 1, 12, "month");
  check_range(d, 1, tp::days_in_month(y, static_cast<unsigned>(mo)), "day");
  return *tp::days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
}

// The local time of day a map describes, from `base` (may be null) and the fields given.
std::int64_t time_from_map(const Map& m, const Temporal* base) {
  auto hour = integer(m, "hour"), minute = integer(m, "minute"), second = integer(m, "second"),
       ms = integer(m, "millisecond"), us = integer(m, "microsecond"), ns = integer(m, "nanosecond");
  std::int64_t bn = base ? base->nanos : 0;
  std::int64_t bs = bn / tp::kNanosPerSecond;
  if (!base) {
    if ((minute && !hour) || (second && !minute)) fail("a time component needs the larger ones (hour before minute before second)");
  }
  std::int64_t h = hour.value_or(bs / 3600), mi = minute.value_or(base ? bs / 60 % 60 : 0),
               s = second.value_or(base ? bs % 60 : 0);
  check_range(h, 0, 23, "hour");
  check_range(mi, 0, 59, "minute");
  check_range(s, 0, 59, "second");
  std::int64_t sub = bn % tp::kNanosPerSecond;
  if (ms || us || ns) {
    if (ms) check_range(*ms, 0, 999, "millisecond");
    if (us) check_range(*us, 0, ms ? 999 : 999999, "microsecond");
    if (ns) check_range(*ns, 0, (ms || us) ? 999 : 999999999, "nanosecond");
    sub = ms.value_or(0) * 1000000 + us.value_or(0) * 1000 + ns.value_or(0);
    // On a base time, a smaller field alone replaces only its own digits (truncate(…, {nanosecond: 2})).
    if (base && !ms && !us && *ns < 1000) sub = bn % tp::kNanosPerSecond / 1000 * 1000 + *ns;
    else if (base && !ms && us) sub = bn % tp::kNanosPerSecond / 1000000 * 1000000 + *us * 1000 + ns.value_or(0);
  }
  return (h * 3600 + mi * 60 + s) * tp::kNanosPerSecond + sub;
}

Temporal now_in(Kind kind, tp::Instant now, std::optional<tp::Zone> zone) {
  tp::Zone z = zone.value_or(tp::Zone{});
  Temporal dt = tp::datetime_at_instant(now.seconds, now.nanos, z);
  switch (kind) {
    case Kind::Date: return tp::make_date(dt.days);
    case Kind::LocalTime: return tp::make_local_time(dt.nanos);
    case Kind::Time: return tp::make_time(dt.nanos, dt.offset);
    case Kind::LocalDateTime: return tp::make_local_datetime(dt.days, dt.nanos);
    default: return dt;
  }
}

Temporal duration_from_map(const Map& m) {
  static const char* const keys[] = {"years", "quarters", "months", "weeks", "days", "hours",
                                     "minutes", "seconds", "milliseconds", "microseconds", "nanoseconds"};
  for (const auto& [k, v] : m) {
    bool known = false;
    for (const char* key : keys) known = known || k == key;
    if (!known) fail("duration() does not know the component '" + k + "'");
    if (!v.is_null() && !v.is<std::int64_t>() && !v.is<double>())
      fail("duration component '" + k + "' must be a number, got " + type_name(v), "InvalidArgumentType");
  }
  bool exact = true;
  for (const auto& kv : m) exact = exact && !kv.second.is<double>();
  auto num = [&](const char* k) -> long double {
    const Value* v = find(m, k);
    if (!v) return 0;
    return v->is<double>() ? static_cast<long double>(v->as<double>()) : static_cast<long double>(v->as<std::int64_t>());
  };
  long double months = num("years") * 12 + num("quarters") * 3 + num("months");
  long double days = num("weeks") * 7 + num("days");
  long double secs = num("hours") * 3600 + num("minutes") * 60 + num("seconds");
  long double nanos = num("milliseconds") * 1e6L + num("microseconds") * 1e3L + num("nanoseconds");
  if (exact && std::fabs(months) < 9e18L && std::fabs(days) < 9e18L && std::fabs(secs) < 9e18L && std::fabs(nanos) < 9e18L)
    return tp::make_duration_exact(static_cast<std::int64_t>(months), static_cast<std::int64_t>(days),
                                   static_cast<std::int64_t>(secs), static_cast<std::int64_t>(nanos));
  return tp::make_duration(months, days, secs, nanos);
}

Temporal from_map(Kind kind, const Map& m) {
  if (kind == Kind::Duration) return duration_from_map(m);
  const Value* tz = find(m, "timezone");
  std::optional<tp::Zone> zone;
  if (tz) {
    if (!tz->is<std::string>()) fail("timezone must be a string", "InvalidArgumentType");
    zone = tp::parse_zone(tz->as<std::string>());
  }
  bool only_zone = true;
  for (const auto& kv : m) only_zone = only_zone && kv.first == "timezone";
  if (only_zone) return now_in(kind, tp::statement_now(), zone);
  if (kind == Kind::DateTime) {
    auto es = integer(m, "epochSeconds"), em = integer(m, "epochMillis");
    if (es || em) {
      // In 128 bits: epochMillis near the int64 ends, or a huge millisecond, is an error, not a wrap.
      using i128 = __int128;
      i128 secs = es ? *es : (*em >= 0 ? *em / 1000 : -((-static_cast<i128>(*em) + 999) / 1000));
      i128 nanos = es ? 0 : (*em - secs * 1000) * 1000000;
      nanos += static_cast<i128>(integer(m, "millisecond").value_or(0)) * 1000000 +
               static_cast<i128>(integer(m, "microsecond").value_or(0)) * 1000 + integer(m, "nanosecond").value_or(0);
      secs += nanos / tp::kNanosPerSecond;
      nanos %= tp::kNanosPerSecond;
      if (nanos < 0) {  // floor: the second before, as the range check must see it
        nanos += tp::kNanosPerSecond;
        secs -= 1;
      }
      if (secs > INT64_MAX || secs < INT64_MIN) fail("instant out of range (years -999999999..999999999)", "InvalidArgumentValue");
      return tp::datetime_at_instant(static_cast<std::int64_t>(secs), static_cast<std::int64_t>(nanos),
                                     zone.value_or(tp::Zone{}));
    }
  }
  const Temporal* dt = temporal_of(m, "datetime");
  const Temporal* date_src = temporal_of(m, "date");
  const Temporal* time_src = temporal_of(m, "time");
  if (!date_src) date_src = dt;
  if (!time_src) time_src = dt;
  if (date_src && !date_src->has_date()) fail(std::string("a ") + tp::kind_name(date_src->kind) + " has no date");
  if (time_src && !time_src->has_time()) time_src = nullptr;  // a date as time source: midnight
  Temporal base_time = time_src ? *time_src : Temporal{};
  for (const char* k : {"year", "month", "day", "week", "dayOfWeek", "ordinalDay", "quarter", "dayOfQuarter"})
    if ((kind == Kind::LocalTime || kind == Kind::Time) && find(m, k))
      fail(std::string("a time has no component '") + k + "'");
  for (const char* k : {"hour", "minute", "second", "millisecond", "microsecond", "nanosecond"})
    if (kind == Kind::Date && find(m, k)) fail(std::string("a date has no component '") + k + "'");
  std::int64_t days = (kind == Kind::LocalTime || kind == Kind::Time) ? 0 : date_from_map(m, date_src);
  std::int64_t nanos = kind == Kind::Date ? 0 : time_from_map(m, time_src ? &base_time : nullptr);
  std::optional<tp::Zone> source_zone;
  if (time_src && time_src->has_offset()) source_zone = zone_of(*time_src);
  switch (kind) {
    case Kind::Date: return tp::make_date(days);
    case Kind::LocalTime: return tp::make_local_time(nanos);
    case Kind::LocalDateTime: return tp::make_local_datetime(days, nanos);
    case Kind::Time: {
      tp::Zone target = zone.value_or(source_zone.value_or(tp::Zone{}));
      auto offset_of = [](const tp::Zone& z) {
        return z.zone ? tp::zone_offset_utc(z.zone, tp::statement_now().seconds) : z.offset;
      };
      std::int32_t off = offset_of(target);
      if (zone && source_zone) nanos += static_cast<std::int64_t>(off - offset_of(*source_zone)) * tp::kNanosPerSecond;
      return tp::make_time(nanos, off);
    }
    default: {
      if (zone && source_zone) {
        Temporal there = tp::make_datetime(days, nanos, *source_zone);
        return tp::datetime_at_instant(tp::epoch_seconds(there), nanos % tp::kNanosPerSecond, *zone);
      }
      return tp::make_datetime(days, nanos, zone.value_or(source_zone.value_or(tp::Zone{})));
    }
  }
}

Temporal convert(Kind kind, const Temporal& t) {
  if (kind == Kind::Duration) {
    if (t.kind != Kind::Duration) fail("duration() cannot take a " + std::string(tp::kind_name(t.kind)), "InvalidArgumentType");
    return t;
  }
  if (t.kind == Kind::Duration) fail(std::string(kKindNames[static_cast<int>(kind)]) + "() cannot take a Duration", "InvalidArgumentType");
  switch (kind) {
    case Kind::Date:
      if (!t.has_date()) fail("date() cannot take a " + std::string(tp::kind_name(t.kind)), "InvalidArgumentType");
      return tp::make_date(t.days);
    case Kind::LocalTime:
      if (!t.has_time()) fail("localtime() cannot take a Date", "InvalidArgumentType");
      return tp::make_local_time(t.nanos);
    case Kind::Time:
      if (!t.has_time()) fail("time() cannot take a Date", "InvalidArgumentType");
      return tp::make_time(t.nanos, t.has_offset() ? t.offset : 0);
    case Kind::LocalDateTime:
      if (!t.has_date()) fail("localdatetime() cannot take a " + std::string(tp::kind_name(t.kind)), "InvalidArgumentType");
      return tp::make_local_datetime(t.days, t.has_time() ? t.nanos : 0);
    default:
      if (!t.has_date()) fail("datetime() cannot take a " + std::string(tp::kind_name(t.kind)), "InvalidArgumentType");
      if (t.kind == Kind::DateTime) return t;
      return tp::make_datetime(t.days, t.has_time() ? t.nanos : 0, tp::Zone{});
  }
}

Value construct(Kind kind, const Value& arg) {
  if (arg.is_null()) return {};
  if (arg.is<std::string>()) return Value(tp::parse(kind, arg.as<std::string>()));
  if (arg.is<Map>()) return Value(from_map(kind, arg.as<Map>()));
  if (arg.is<Temporal>()) return Value(convert(kind, arg.as<Temporal>()));
  fail(std::string(kKindNames[static_cast<int>(kind)]) + "() cannot take an argument of type " + type_name(arg),
       "InvalidArgumentType");
}

Value truncate(Kind kind, const Value& unit_v, const Value& value, const Value& map_v) {
  if (unit_v.is_null() || value.is_null()) return {};
  if (!unit_v.is<std::string>()) fail("truncate() needs a unit string", "InvalidArgumentType");
  if (!value.is<Temporal>() || value.as<Temporal>().kind == Kind::Duration)
    fail("truncate() needs a temporal instant, got " + type_name(value), "InvalidArgumentType");
  if (!map_v.is_null() && !map_v.is<Map>()) fail("truncate() takes a map of fields to set", "InvalidArgumentType");
  const Temporal& t = value.as<Temporal>();
  std::string unit = lower(unit_v.as<std::string>());
  static const char* const date_units[] = {"millennium", "century", "decade", "year", "weekyear", "quarter", "month", "week", "day"};
  bool date_unit = false;
  for (const char* u : date_units) date_unit = date_unit || unit == u;
  static const char* const time_units[] = {"hour", "minute", "second", "millisecond", "microsecond"};
  bool time_unit = false;
  for (const char* u : time_units) time_unit = time_unit || unit == u;
  if (!date_unit && !time_unit) fail("unknown truncation unit '" + unit_v.as<std::string>() + "'");
  bool wants_date = kind == Kind::Date || kind == Kind::LocalDateTime || kind == Kind::DateTime;
  if (wants_date && date_unit && !t.has_date()) fail("cannot truncate a " + std::string(tp::kind_name(t.kind)) + " to a " + unit);
  if (kind == Kind::Date && time_unit) fail("cannot truncate a date to " + unit);
  if (!wants_date && date_unit && unit != "day") fail("cannot truncate a time to " + unit);
  Temporal out = t;
  if (t.has_date() && date_unit) {
    tp::Civil c = tp::civil_from_days(t.days);
    auto floor_to = [](std::int64_t y, std::int64_t n) { return (y >= 0 ? y / n : -((-y + n - 1) / n)) * n; };
    if (unit == "millennium") out.days = *tp::days_from_civil(floor_to(c.year, 1000), 1, 1);
    else if (unit == "century") out.days = *tp::days_from_civil(floor_to(c.year, 100), 1, 1);
    else if (unit == "decade") out.days = *tp::days_from_civil(floor_to(c.year, 10), 1, 1);
    else if (unit == "year") out.days = *tp::days_from_civil(c.year, 1, 1);
    else if (unit == "weekyear") out.days = *tp::days_from_iso_week(tp::iso_week_from_days(t.days).year, 1, 1);
    else if (unit == "quarter") out.days = *tp::days_from_civil(c.year, (c.month - 1) / 3 * 3 + 1, 1);
    else if (unit == "month") out.days = *tp::days_from_civil(c.year, c.month, 1);
    else if (unit == "week") out.days = t.days - (tp::iso_week_from_days(t.days).weekday - 1);
  }
  std::int64_t n = t.has_time() ? t.nanos : 0;
  if (date_unit) n = 0;
  else if (unit == "hour") n -= n % (3600 * tp::kNanosPerSecond);
  else if (unit == "minute") n -= n % (60 * tp::kNanosPerSecond);
  else if (unit == "second") n -= n % tp::kNanosPerSecond;
  else if (unit == "millisecond") n -= n % 1000000;
  else if (unit == "microsecond") n -= n % 1000;
  out.nanos = n;
  if (out.kind == Kind::Date && kind != Kind::Date) out.kind = Kind::LocalDateTime;
  Map m;
  if (out.has_date()) m.emplace_back("date", Value(tp::make_date(out.days)));
  bool new_zone = map_v.is<Map>() && find(map_v.as<Map>(), "timezone");
  if (kind != Kind::Date) {
    Temporal time_src = out;
    if (out.kind == Kind::DateTime) time_src = tp::make_datetime(out.days, out.nanos, zone_of(out));
    // A zone given to truncate() names the zone of the truncated local time; it does not convert it.
    if (new_zone && time_src.has_offset()) time_src = tp::make_local_time(out.nanos);
    m.emplace_back("time", Value(time_src));
  }
  if (map_v.is<Map>())
    for (const auto& kv : map_v.as<Map>()) m.push_back(kv);
  // Later keys win: drop earlier duplicates of a key given in the map.
  Map dedup;
  for (auto it = m.rbegin(); it != m.rend(); ++it) {
    bool seen = false;
    for (const auto& kv : dedup) seen = seen || kv.first == it->first;
    if (!seen) dedup.insert(dedup.begin(), *it);
  }
  return Value(from_map(kind, dedup));
}

}  // namespace

std::optional<FunctionInfo> temporal_function(std::string_view name) {
  for (const auto& e : kEntries)
    if (name == e.name) return FunctionInfo{kTemporalFunctionBase + e.id, e.min_args, e.max_args};
  for (int k = 0; k < 5; ++k) {
    std::string base = kKindNames[k];
    if (name == base + ".transaction") return FunctionInfo{kTemporalFunctionBase + kClockBase + k * 3, 0, 1};
    if (name == base + ".statement") return FunctionInfo{kTemporalFunctionBase + kClockBase + k * 3 + 1, 0, 1};
    if (name == base + ".realtime") return FunctionInfo{kTemporalFunctionBase + kClockBase + k * 3 + 2, 0, 1};
    if (name == base + ".truncate") return FunctionInfo{kTemporalFunctionBase + kTruncateBase + k, 2, 3};
  }
  return std::nullopt;
}

Value call_temporal(int id, std::vector<Value>& args) {
  id -= kTemporalFunctionBase;
  try {
    if (id <= kDuration) {
      auto kind = static_cast<Kind>(id);
      if (args.empty()) return Value(now_in(kind, tp::statement_now(), std::nullopt));
      return construct(kind, args[0]);
    }
    if (id >= kClockBase && id < kClockBase + 15) {
      auto kind = static_cast<Kind>((id - kClockBase) / 3);
      int which = (id - kClockBase) % 3;
      tp::Instant now = which == 2 ? tp::realtime_now() : tp::statement_now();
      if (args.empty()) return Value(now_in(kind, now, std::nullopt));
      if (args[0].is_null()) return {};
      if (args[0].is<std::string>()) return Value(now_in(kind, now, tp::parse_zone(args[0].as<std::string>())));
      if (args[0].is<Map>()) {
        const Value* tz = find(args[0].as<Map>(), "timezone");
        if (tz && !tz->is<std::string>()) fail("timezone must be a string", "InvalidArgumentType");
        return Value(now_in(kind, now, tz ? std::optional(tp::parse_zone(tz->as<std::string>())) : std::nullopt));
      }
      fail("a clock function takes a time zone", "InvalidArgumentType");
    }
    if (id >= kTruncateBase && id < kTruncateBase + 5)
      return truncate(static_cast<Kind>(id - kTruncateBase), args[0], args[1], args.size() > 2 ? args[2] : Value());
    if (id >= kBetween && id <= kInSeconds) {
      if (args[0].is_null() || args[1].is_null()) return {};
      if (!args[0].is<Temporal>() || !args[1].is<Temporal>())
        fail("duration.between() needs two temporal values", "InvalidArgumentType");
      auto unit = id == kBetween ? tp::Between::All : id == kInMonths ? tp::Between::Months
                : id == kInDays ? tp::Between::Days : tp::Between::Seconds;
      return Value(tp::between(args[0].as<Temporal>(), args[1].as<Temporal>(), unit));
    }
    if (id == kFromEpoch || id == kFromEpochMillis) {
      for (const auto& a : args)
        if (a.is_null()) return {};
      for (const auto& a : args)
        if (!a.is<std::int64_t>()) fail("datetime.fromepoch() takes integers", "InvalidArgumentType");
      if (id == kFromEpoch) return Value(tp::datetime_at_instant(args[0].as<std::int64_t>(), args[1].as<std::int64_t>(), {}));
      std::int64_t ms = args[0].as<std::int64_t>();
      std::int64_t s = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
      return Value(tp::datetime_at_instant(s, (ms - s * 1000) * 1000000, {}));
    }
  } catch (const tp::TemporalError& e) {
    rethrow(e);
  }
  fail("unknown temporal function");
}

Value temporal_property(const Temporal& t, const std::string& key) {
  auto no_such = [&]() -> Value {
    throw QueryError(QueryError::Kind::Type, std::string("a ") + tp::kind_name(t.kind) + " has no component '" + key + "'",
                     0, 0, "InvalidArgumentValue");
  };
  if (t.kind == Kind::Duration) {
    std::int64_t mo = t.months, d = t.days, s = t.seconds, n = t.nanos;
    if (key == "years") return Value(mo / 12);
    if (key == "quarters") return Value(mo / 3);
    if (key == "months") return Value(mo);
    if (key == "weeks") return Value(d / 7);
    if (key == "days") return Value(d);
    if (key == "hours") return Value(s / 3600);
    if (key == "minutes") return Value(s / 60);
    if (key == "seconds") return Value(s);
    if (key == "milliseconds") return Value(s * 1000 + n / 1000000);
    if (key == "microseconds") return Value(s * 1000000 + n / 1000);
    if (key == "nanoseconds") return Value(s * tp::kNanosPerSecond + n);
    if (key == "quartersOfYear") return Value(mo % 12 / 3);
    if (key == "monthsOfQuarter") return Value(mo % 3);
    if (key == "monthsOfYear") return Value(mo % 12);
    if (key == "daysOfWeek") return Value(d % 7);
    if (key == "minutesOfHour") return Value(s / 60 % 60);
    if (key == "secondsOfMinute") return Value(s % 60);
    if (key == "millisecondsOfSecond") return Value(n / 1000000);
    if (key == "microsecondsOfSecond") return Value(n / 1000);
    if (key == "nanosecondsOfSecond") return Value(n);
    return no_such();
  }
  if (t.has_date()) {
    tp::Civil c = tp::civil_from_days(t.days);
    if (key == "year") return Value(c.year);
    if (key == "month") return Value(static_cast<std::int64_t>(c.month));
    if (key == "day") return Value(static_cast<std::int64_t>(c.day));
    if (key == "quarter") return Value(static_cast<std::int64_t>((c.month - 1) / 3 + 1));
    if (key == "week" || key == "weekYear" || key == "weekDay" || key == "dayOfWeek") {
      tp::IsoWeek w = tp::iso_week_from_days(t.days);
      if (key == "week") return Value(static_cast<std::int64_t>(w.week));
      if (key == "weekYear") return Value(w.year);
      return Value(static_cast<std::int64_t>(w.weekday));
    }
    if (key == "ordinalDay") return Value(t.days - *tp::days_from_civil(c.year, 1, 1) + 1);
    if (key == "dayOfQuarter") return Value(t.days - *tp::days_from_civil(c.year, (c.month - 1) / 3 * 3 + 1, 1) + 1);
  }
  if (t.has_time()) {
    std::int64_t s = t.nanos / tp::kNanosPerSecond, n = t.nanos % tp::kNanosPerSecond;
    if (key == "hour") return Value(s / 3600);
    if (key == "minute") return Value(s / 60 % 60);
    if (key == "second") return Value(s % 60);
    if (key == "millisecond") return Value(n / 1000000);
    if (key == "microsecond") return Value(n / 1000);
    if (key == "nanosecond") return Value(n);
  }
  if (t.has_offset()) {
    std::string off = tp::to_string(tp::make_time(0, t.offset)).substr(5);
    if (off == "Z") off = "+00:00";
    if (key == "timezone") return t.zone ? Value(tp::zone_name(t.zone)) : Value(off);
    if (key == "offset") return Value(off);
    if (key == "offsetMinutes") return Value(static_cast<std::int64_t>(t.offset / 60));
    if (key == "offsetSeconds") return Value(static_cast<std::int64_t>(t.offset));
  }
  if (t.kind == Kind::DateTime) {
    if (key == "epochSeconds") return Value(tp::epoch_seconds(t));
    if (key == "epochMillis") return Value(tp::epoch_seconds(t) * 1000 + t.nanos % tp::kNanosPerSecond / 1000000);
  }
  return no_such();
}

Value temporal_arithmetic(char op, const Value& a, const Value& b) {
  auto is_num = [](const Value& v) { return v.is<std::int64_t>() || v.is<double>(); };
  auto num = [](const Value& v) {
    return v.is<double>() ? static_cast<long double>(v.as<double>()) : static_cast<long double>(v.as<std::int64_t>());
  };
  auto bad = [&]() -> Value {
    throw QueryError(QueryError::Kind::Type,
                     std::string("cannot apply '") + op + "' to " + type_name(a) + " and " + type_name(b), 0, 0,
                     "InvalidArgumentType");
  };
  try {
    bool ad = a.is<Temporal>() && a.as<Temporal>().kind == Kind::Duration;
    bool bd = b.is<Temporal>() && b.as<Temporal>().kind == Kind::Duration;
    if (op == '+' || op == '-') {
      if (a.is<Temporal>() && bd) return Value(tp::plus(a.as<Temporal>(), b.as<Temporal>(), op == '+' ? 1 : -1));
      if (op == '+' && ad && b.is<Temporal>()) return Value(tp::plus(b.as<Temporal>(), a.as<Temporal>(), 1));
      return bad();
    }
    if (op == '*') {
      if (ad && is_num(b)) return Value(tp::scale(a.as<Temporal>(), num(b), false));
      if (bd && is_num(a)) return Value(tp::scale(b.as<Temporal>(), num(a), false));
      return bad();
    }
    if (op == '/' && ad && is_num(b)) return Value(tp::scale(a.as<Temporal>(), num(b), true));
    return bad();
  } catch (const tp::TemporalError& e) {
    rethrow(e);
  }
}

}  // namespace bangfu::query
