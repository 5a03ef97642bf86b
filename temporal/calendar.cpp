// Civil and ISO-week calendars through date.h. date.h's year is a short, so years beyond its range are
// moved by whole 400-year Gregorian eras (146097 days), which leaves every calendar fact unchanged.
#include <date/date.h>
#include <date/iso_week.h>

#include "temporal/temporal.hpp"

namespace bangfu::temporal {

namespace {

constexpr std::int64_t kEraDays = 146097;
constexpr std::int64_t kSafeYears = 20000;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// Splits `days` into eras and a remainder date.h can handle.
std::pair<std::int64_t, date::sys_days> split_days(std::int64_t days) {
  std::int64_t eras = 0;
  if (days > kSafeYears * 365 || days < -kSafeYears * 365) {
    eras = floor_div(days, kEraDays);
    days -= eras * kEraDays;
  }
  return {eras, date::sys_days{date::days{days}}};
}

std::pair<std::int64_t, int> split_year(std::int64_t year) {
  std::int64_t eras = 0;
  if (year > kSafeYears || year < -kSafeYears) {
    eras = floor_div(year, 400);
    year -= eras * 400;
  }
  return {eras, static_cast<int>(year)};
}

}  // namespace

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::Date: return "Date";
    case Kind::LocalTime: return "LocalTime";
    case Kind::Time: return "Time";
    case Kind::LocalDateTime: return "LocalDateTime";
    case Kind::DateTime: return "DateTime";
    case Kind::Duration: return "Duration";
  }
  return "Temporal";
}

std::optional<Kind> kind_from_name(std::string_view name) {
  for (Kind k : {Kind::Date, Kind::LocalTime, Kind::Time, Kind::LocalDateTime, Kind::DateTime, Kind::Duration})
    if (name == kind_name(k)) return k;
  return std::nullopt;
}

Civil civil_from_days(std::int64_t days) {
  auto [eras, sd] = split_days(days);
  date::year_month_day ymd{sd};
  return {static_cast<int>(ymd.year()) + eras * 400, static_cast<unsigned>(ymd.month()),
          static_cast<unsigned>(ymd.day())};
}

std::optional<std::int64_t> days_from_civil(std::int64_t year, unsigned month, unsigned day) {
  auto [eras, y] = split_year(year);
  date::year_month_day ymd{date::year{y}, date::month{month}, date::day{day}};
  if (!ymd.ok()) return std::nullopt;
  return date::sys_days{ymd}.time_since_epoch().count() + eras * kEraDays;
}

unsigned days_in_month(std::int64_t year, unsigned month) {
  auto [eras, y] = split_year(year);
  (void)eras;
  return static_cast<unsigned>(date::year_month_day_last{date::year{y}, date::month_day_last{date::month{month}}}.day());
}

IsoWeek iso_week_from_days(std::int64_t days) {
  auto [eras, sd] = split_days(days);
  iso_week::year_weeknum_weekday w{sd};
  return {static_cast<int>(w.year()) + eras * 400, static_cast<unsigned>(w.weeknum()),
          static_cast<unsigned>(w.weekday())};
}

std::optional<std::int64_t> days_from_iso_week(std::int64_t week_year, unsigned week, unsigned weekday) {
  auto [eras, y] = split_year(week_year);
  iso_week::year_weeknum_weekday w{iso_week::year{y}, iso_week::weeknum{week}, iso_week::weekday{weekday}};
  if (!w.ok()) return std::nullopt;
  return date::sys_days{w}.time_since_epoch().count() + eras * kEraDays;
}

std::int64_t add_months(std::int64_t days, std::int64_t months) {
  Civil c = civil_from_days(days);
  std::int64_t total = c.year * 12 + (c.month - 1) + months;
  std::int64_t year = floor_div(total, 12);
  auto month = static_cast<unsigned>(total - year * 12 + 1);
  unsigned day = std::min(c.day, days_in_month(year, month));
  return *days_from_civil(year, month, day);
}

}  // namespace bangfu::temporal
