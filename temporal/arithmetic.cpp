// Comparing temporal values, adding durations to them, and the duration between two of them.
#include <chrono>
#include <tuple>

#include "temporal/temporal.hpp"

namespace bangfu::temporal {

namespace {

using i128 = __int128;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// A point on a time line for comparison: instants for zoned values, local values otherwise.
i128 key(const Temporal& t) {
  switch (t.kind) {
    case Kind::Date: return t.days;
    case Kind::LocalTime: return t.nanos;
    case Kind::Time: return static_cast<i128>(t.nanos) - static_cast<i128>(t.offset) * kNanosPerSecond;
    case Kind::LocalDateTime: return static_cast<i128>(t.days) * kNanosPerDay + t.nanos;
    case Kind::DateTime:
      return static_cast<i128>(t.days) * kNanosPerDay + t.nanos - static_cast<i128>(t.offset) * kNanosPerSecond;
    case Kind::Duration: break;
  }
  return 0;
}

std::int64_t checked(i128 v) {
  if (v > INT64_MAX || v < INT64_MIN) throw TemporalError("temporal value out of range", "ArithmeticOverflow");
  return static_cast<std::int64_t>(v);
}

Zone zone_of(const Temporal& t) { return Zone{t.offset, t.zone}; }

// Local date-time of `t` as nanoseconds since the epoch (dates at midnight).
i128 local_ns(const Temporal& t) { return static_cast<i128>(t.days) * kNanosPerDay + t.nanos; }

}  // namespace

std::optional<std::strong_ordering> compare(const Temporal& a, const Temporal& b) {
  if (a.kind != b.kind || a.kind == Kind::Duration) return std::nullopt;
  i128 x = key(a), y = key(b);
  return x < y ? std::strong_ordering::less : x > y ? std::strong_ordering::greater : std::strong_ordering::equal;
}

bool equal(const Temporal& a, const Temporal& b) {
  if (a.kind != b.kind) return false;
  if (a.kind == Kind::Duration)
    return a.months == b.months && a.days == b.days && a.seconds == b.seconds && a.nanos == b.nanos;
  if (a.kind == Kind::Time || a.kind == Kind::DateTime) return key(a) == key(b) && a.offset == b.offset;
  return key(a) == key(b);
}

int order(const Temporal& a, const Temporal& b) {
  if (a.kind != b.kind) return a.kind < b.kind ? -1 : 1;
  if (a.kind == Kind::Duration) {
    auto t = std::tie(a.months, a.days, a.seconds, a.nanos) <=> std::tie(b.months, b.days, b.seconds, b.nanos);
    return t < 0 ? -1 : t > 0 ? 1 : 0;
  }
  i128 x = key(a), y = key(b);
  if (x != y) return x < y ? -1 : 1;
  return a.offset < b.offset ? -1 : a.offset > b.offset ? 1 : 0;
}

Temporal plus(const Temporal& t, const Temporal& d, int sign) {
  std::int64_t months = sign * d.months, days = sign * d.days;
  i128 ns = (static_cast<i128>(d.seconds) * kNanosPerSecond + d.nanos) * sign;
  switch (t.kind) {
    case Kind::Date: {
      // Whole days in the seconds part count; the rest of a day does not move a date.
      std::int64_t extra = checked(ns / kNanosPerDay);
      return make_date(checked(static_cast<i128>(add_months(t.days, months)) + days + extra));
    }
    case Kind::LocalTime:
    case Kind::Time: {
      std::int64_t rem = checked(ns % kNanosPerDay);
      Temporal out = t;
      out.nanos = ((t.nanos + rem) % kNanosPerDay + kNanosPerDay) % kNanosPerDay;
      return out;
    }
    case Kind::LocalDateTime: {
      std::int64_t day = checked(static_cast<i128>(add_months(t.days, months)) + days);
      i128 total = static_cast<i128>(t.nanos) + ns;
      std::int64_t carry = checked(total >= 0 ? total / kNanosPerDay : -((-total + kNanosPerDay - 1) / kNanosPerDay));
      return make_local_datetime(checked(static_cast<i128>(day) + carry), checked(total - static_cast<i128>(carry) * kNanosPerDay));
    }
    case Kind::DateTime: {
      // Calendar parts move the local date-time; the exact part moves the instant.
      Temporal local = make_datetime(checked(static_cast<i128>(add_months(t.days, months)) + days), t.nanos, zone_of(t));
      if (!t.zone) local.offset = t.offset;
      i128 instant = static_cast<i128>(epoch_seconds(local)) * kNanosPerSecond + local.nanos % kNanosPerSecond + ns;
      std::int64_t secs = checked(instant >= 0 ? instant / kNanosPerSecond : -((-instant + kNanosPerSecond - 1) / kNanosPerSecond));
      return datetime_at_instant(secs, checked(instant - static_cast<i128>(secs) * kNanosPerSecond), zone_of(t));
    }
    case Kind::Duration: return add_durations(t, d, sign);
  }
  return t;
}

Temporal add_durations(const Temporal& a, const Temporal& b, int sign) {
  i128 ns = static_cast<i128>(a.nanos) + sign * static_cast<i128>(b.nanos);
  return make_duration_exact(checked(static_cast<i128>(a.months) + sign * static_cast<i128>(b.months)),
                             checked(static_cast<i128>(a.days) + sign * static_cast<i128>(b.days)),
                             checked(static_cast<i128>(a.seconds) + sign * static_cast<i128>(b.seconds)), checked(ns));
}

Temporal scale(const Temporal& d, long double f, bool divide) {
  if (divide) {
    if (f == 0) throw TemporalError("division of a duration by zero", "DivisionByZero");
    f = 1.0L / f;
  }
  return make_duration(static_cast<long double>(d.months) * f, static_cast<long double>(d.days) * f,
                       static_cast<long double>(d.seconds) * f, static_cast<long double>(d.nanos) * f);
}

Temporal between(const Temporal& a0, const Temporal& b0, Between unit) {
  if (a0.kind == Kind::Duration || b0.kind == Kind::Duration)
    throw TemporalError("duration.between needs two temporal instants, not durations", "InvalidArgumentType");
  Temporal a = a0, b = b0;
  if (a.has_date() && b.has_date()) {
    // A local date-time against a zoned one is read in the other's zone.
    if (a.kind == Kind::DateTime && b.kind != Kind::DateTime) b = make_datetime(b.days, b.nanos, zone_of(a));
    if (b.kind == Kind::DateTime && a.kind != Kind::DateTime) a = make_datetime(a.days, a.nanos, zone_of(b));
  }
  bool zoned = a.has_offset() && b.has_offset();
  if (a.has_date() && b.has_date()) {
    if (zoned && a.kind == Kind::DateTime && b.kind == Kind::DateTime)  // see b in a's zone
      b = datetime_at_instant(epoch_seconds(b), b.nanos % kNanosPerSecond, zone_of(a));
    // Whole months, as Java's until(): the day and time of b must reach a's to count the last month.
    Civil ca = civil_from_days(a.days), cb = civil_from_days(b.days);
    std::int64_t months = (cb.year * 12 + cb.month) - (ca.year * 12 + ca.month);
    auto day_time = [](const Civil& c, std::int64_t nanos) { return static_cast<i128>(c.day) * kNanosPerDay + nanos; };
    if (months > 0 && day_time(cb, b.nanos) < day_time(ca, a.nanos)) --months;
    if (months < 0 && day_time(cb, b.nanos) > day_time(ca, a.nanos)) ++months;
    if (unit == Between::Months) return make_duration_exact(months, 0, 0, 0);
    std::int64_t mid = unit == Between::All ? add_months(a.days, months) : a.days;
    std::int64_t days = b.days - mid;
    if (days > 0 && b.nanos < a.nanos) --days;
    if (days < 0 && b.nanos > a.nanos) ++days;
    if (unit == Between::Days) return make_duration_exact(0, days, 0, 0);
    i128 rest;
    if (unit == Between::Seconds) {
      rest = zoned ? (key(b) - key(a)) : (local_ns(b) - local_ns(a));
      months = days = 0;
    } else {
      Temporal start = a;
      start.days = mid + days;
      rest = zoned && a.kind == Kind::DateTime ? key(b) - key(make_datetime(start.days, a.nanos, zone_of(a)))
                                               : local_ns(b) - local_ns(start);
    }
    return make_duration_exact(months, days, checked(rest / kNanosPerSecond), checked(rest % kNanosPerSecond));
  }
  if (unit == Between::Months || unit == Between::Days) return make_duration_exact(0, 0, 0, 0);
  // At least one side has no date: the difference of the times of day (a date counts as midnight).
  i128 x = a.has_time() ? a.nanos : 0, y = b.has_time() ? b.nanos : 0;
  if (zoned) {
    x -= static_cast<i128>(a.offset) * kNanosPerSecond;
    y -= static_cast<i128>(b.offset) * kNanosPerSecond;
  }
  i128 rest = y - x;
  return make_duration_exact(0, 0, checked(rest / kNanosPerSecond), checked(rest % kNanosPerSecond));
}

// ---- the statement clock ----

namespace {
thread_local std::optional<Instant> current_statement;
}

Instant realtime_now() {
  auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  return {floor_div(ns, kNanosPerSecond), ns - floor_div(ns, kNanosPerSecond) * kNanosPerSecond};
}

Instant statement_now() { return current_statement ? *current_statement : realtime_now(); }

StatementClock::StatementClock() : owner_(!current_statement) {
  if (owner_) current_statement = realtime_now();
}

StatementClock::~StatementClock() {
  if (owner_) current_statement.reset();
}

}  // namespace bangfu::temporal
