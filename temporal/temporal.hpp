// Temporal: Cypher's date, localtime, time, localdatetime, datetime and duration values as one small
// plain struct, so that graph properties and query values can both hold them. Calendar and time-zone
// work is done by Howard Hinnant's date library (date.h, iso_week.h, tz.h over the system tzdata).
#pragma once
#include <compare>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace bangfu::temporal {

enum class Kind : std::uint8_t { Date, LocalTime, Time, LocalDateTime, DateTime, Duration };

constexpr std::int64_t kNanosPerSecond = 1'000'000'000;
constexpr std::int64_t kNanosPerDay = 86'400 * kNanosPerSecond;

struct Temporal {
  Kind kind = Kind::Date;
  std::int64_t days = 0;     // local date as days since 1970-01-01; a duration's days
  std::int64_t nanos = 0;    // local time of day in ns [0, kNanosPerDay); a duration's ns of second [0, 1e9)
  std::int64_t months = 0;   // duration only
  std::int64_t seconds = 0;  // duration only
  std::int32_t offset = 0;   // seconds east of UTC (Time, DateTime)
  std::int32_t zone = 0;     // named zone id (see zone_name), 0 for a fixed offset

  bool operator==(const Temporal&) const = default;

  bool has_date() const { return kind == Kind::Date || kind == Kind::LocalDateTime || kind == Kind::DateTime; }
  bool has_time() const { return kind != Kind::Date && kind != Kind::Duration; }
  bool has_offset() const { return kind == Kind::Time || kind == Kind::DateTime; }
};

// Bad input to a temporal function: the message says what; `code` is the openCypher error detail.
struct TemporalError : std::runtime_error {
  TemporalError(const std::string& what, std::string code = "InvalidArgumentValue")
      : std::runtime_error(what), code(std::move(code)) {}
  std::string code;
};

const char* kind_name(Kind k);  // "Date", "LocalTime", …
std::optional<Kind> kind_from_name(std::string_view name);

// ---- calendar (civil dates through date.h; years far outside ±30000 are shifted by 400-year eras) ----
struct Civil {
  std::int64_t year;
  unsigned month, day;
};
Civil civil_from_days(std::int64_t days);
// nullopt when the month or day does not exist
std::optional<std::int64_t> days_from_civil(std::int64_t year, unsigned month, unsigned day);
unsigned days_in_month(std::int64_t year, unsigned month);
struct IsoWeek {
  std::int64_t year;
  unsigned week, weekday;  // weekday 1 = Monday … 7 = Sunday
};
IsoWeek iso_week_from_days(std::int64_t days);
std::optional<std::int64_t> days_from_iso_week(std::int64_t week_year, unsigned week, unsigned weekday);
// Days in whole months: the date `months` after (year, month, day), the day clamped to the month's end.
std::int64_t add_months(std::int64_t days, std::int64_t months);

// ---- zones ----
// Interns an IANA zone name; throws TemporalError for unknown names.
std::int32_t zone_id(std::string_view name);
const std::string& zone_name(std::int32_t id);
// The offset of a named zone for a local date-time (gaps take the offset before; overlaps the earlier).
std::int32_t zone_offset_local(std::int32_t zone, std::int64_t days, std::int64_t nanos);
std::int32_t zone_offset_utc(std::int32_t zone, std::int64_t epoch_seconds);
// Parses "+01:00", "-0130", "Z", "+02:05:59" or a zone name into (offset, zone id).
struct Zone {
  std::int32_t offset = 0;
  std::int32_t zone = 0;
};
Zone parse_zone(std::string_view text);

// ---- construction, text ----
Temporal make_date(std::int64_t days);
Temporal make_local_time(std::int64_t nanos);
Temporal make_time(std::int64_t nanos, std::int32_t offset);
Temporal make_local_datetime(std::int64_t days, std::int64_t nanos);
// A datetime from a local date-time in a zone: a named zone's offset is looked up for that local time
// (and the local time moved forward across a gap).
Temporal make_datetime(std::int64_t days, std::int64_t nanos, Zone zone);
// A datetime at an instant, shown in a zone.
Temporal datetime_at_instant(std::int64_t epoch_seconds, std::int64_t nanos, Zone zone);
// Months, days, seconds and nanoseconds with fractions cascading down (a month is 30.436875 days).
Temporal make_duration(long double months, long double days, long double seconds, long double nanos);
Temporal make_duration_exact(std::int64_t months, std::int64_t days, std::int64_t seconds, std::int64_t nanos);

// The instant of a Time or DateTime (UTC) and its local parts.
std::int64_t epoch_seconds(const Temporal& t);

std::string to_string(const Temporal& t);
// ISO 8601 forms as Cypher accepts them; throws TemporalError on malformed text.
Temporal parse(Kind kind, std::string_view text);

// ---- comparison and arithmetic ----
// nullopt when the two are not comparable (different kinds, or durations).
std::optional<std::strong_ordering> compare(const Temporal& a, const Temporal& b);
bool equal(const Temporal& a, const Temporal& b);
// Total order for ORDER BY within one kind.
int order(const Temporal& a, const Temporal& b);
Temporal plus(const Temporal& t, const Temporal& duration, int sign);
Temporal add_durations(const Temporal& a, const Temporal& b, int sign);
Temporal scale(const Temporal& duration, long double factor, bool divide);

enum class Between { All, Months, Days, Seconds };
Temporal between(const Temporal& a, const Temporal& b, Between unit);

// The statement's clock: wall-clock functions read it, so one statement sees one instant.
struct Instant {
  std::int64_t seconds = 0;
  std::int64_t nanos = 0;
};
Instant statement_now();
Instant realtime_now();
// Sets the statement clock for this thread until destroyed (nested statements keep the outer clock).
class StatementClock {
 public:
  StatementClock();
  ~StatementClock();
  StatementClock(const StatementClock&) = delete;
  StatementClock& operator=(const StatementClock&) = delete;

 private:
  bool owner_;
};

}  // namespace bangfu::temporal
