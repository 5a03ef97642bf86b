// Time zones: fixed offsets parsed here, named zones looked up in the system tzdata through tz.h.
// Zone names are interned so a Temporal stays a small plain value.
#include <date/tz.h>

#include <mutex>
#include <regex>
#include <vector>

#include "temporal/temporal.hpp"

namespace bangfu::temporal {

namespace {

struct ZoneTable {
  std::mutex mu;
  std::vector<std::string> names{""};
  std::vector<const date::time_zone*> zones{nullptr};
};

ZoneTable& table() {
  static ZoneTable t;
  return t;
}

const date::time_zone* zone_ptr(std::int32_t id) {
  auto& t = table();
  std::lock_guard lock(t.mu);
  if (id <= 0 || static_cast<std::size_t>(id) >= t.zones.size()) throw TemporalError("unknown time zone id");
  return t.zones[static_cast<std::size_t>(id)];
}

}  // namespace

std::int32_t zone_id(std::string_view name) {
  auto& t = table();
  std::lock_guard lock(t.mu);
  for (std::size_t i = 1; i < t.names.size(); ++i)
    if (t.names[i] == name) return static_cast<std::int32_t>(i);
  const date::time_zone* z = nullptr;
  try {
    z = date::locate_zone(std::string(name));
  } catch (const std::exception&) {
    throw TemporalError("unknown time zone '" + std::string(name) + "'");
  }
  if (t.names.size() > 4096) throw TemporalError("too many distinct time zones");
  t.names.emplace_back(name);
  t.zones.push_back(z);
  return static_cast<std::int32_t>(t.names.size() - 1);
}

const std::string& zone_name(std::int32_t id) {
  auto& t = table();
  std::lock_guard lock(t.mu);
  static const std::string empty;
  if (id <= 0 || static_cast<std::size_t>(id) >= t.names.size()) return empty;
  return t.names[static_cast<std::size_t>(id)];
}

std::int32_t zone_offset_utc(std::int32_t zone, std::int64_t epoch_seconds) {
  const auto* z = zone_ptr(zone);
  auto info = z->get_info(date::sys_seconds{std::chrono::seconds{epoch_seconds}});
  return static_cast<std::int32_t>(info.offset.count());
}

std::int32_t zone_offset_local(std::int32_t zone, std::int64_t days, std::int64_t nanos) {
  const auto* z = zone_ptr(zone);
  date::local_seconds local{std::chrono::seconds{days * 86400 + nanos / kNanosPerSecond}};
  auto info = z->get_info(local);
  return static_cast<std::int32_t>(info.first.offset.count());  // unique, earlier of an overlap, before a gap
}

Zone parse_zone(std::string_view text) {
  if (text == "Z" || text == "z") return {};
  static const std::regex offset_re(R"(([+-])(\d{2})(?::?(\d{2})(?::?(\d{2}))?)?)");
  std::match_results<std::string_view::const_iterator> m;
  if (std::regex_match(text.begin(), text.end(), m, offset_re)) {
    int h = std::stoi(m[2].str());
    int mi = m[3].matched ? std::stoi(m[3].str()) : 0;
    int s = m[4].matched ? std::stoi(m[4].str()) : 0;
    if (h > 18 || mi > 59 || s > 59 || (h == 18 && (mi || s)))
      throw TemporalError("time zone offset out of range: '" + std::string(text) + "'");
    int off = h * 3600 + mi * 60 + s;
    return {m[1].str() == "-" ? -off : off, 0};
  }
  if (text.empty()) throw TemporalError("empty time zone");
  return {0, zone_id(text)};
}

}  // namespace bangfu::temporal
