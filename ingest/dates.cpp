#include "ingest/dates.hpp"

#include <algorithm>

#include "ingest/body.hpp"
#include "ingest/normalize.hpp"
#include "temporal/temporal.hpp"

namespace bangfu::ingest {

namespace {

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

// "YYYY-MM-DD" when the day exists, "YYYY-MM" / "YYYY" for partial dates, "" when invalid.
std::string iso_of(int year, int month, int day) {
  if (year < 1900 || year > 2100) return {};
  if (month == 0) return std::to_string(year);
  if (month < 1 || month > 12) return {};
  if (day == 0) return std::to_string(year) + "-" + two(month);
  if (!temporal::days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day))) return {};
  return std::to_string(year) + "-" + two(month) + "-" + two(day);
}

// The readers below are hand-written scanners. Each was a std::regex (ECMAScript: the leftmost match,
// the first alternative that matches there, greedy counts) and matches exactly what that expression
// matched, byte by byte; tests/ingest/test_dates_scan.cpp keeps the expressions and compares. The regex
// engine's backtracking cost Pipeline::extract about a third of its time.

bool digit(char c) { return c >= '0' && c <= '9'; }

// The regex's \w: ASCII letters, digits and '_' (bytes of UTF-8 sequences are not word characters).
bool word_char(char c) {
  return digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool starts(std::string_view s, std::size_t i, std::string_view word) {
  return i <= s.size() && s.substr(i, word.size()) == word;
}

bool at_one_of(std::string_view s, std::size_t i, std::string_view chars) {
  return i < s.size() && chars.find(s[i]) != std::string_view::npos;
}

// The value of the `n` digits at s[i]; the caller checked they are digits.
int number_at(std::string_view s, std::size_t i, std::size_t n) {
  int v = 0;
  for (std::size_t k = 0; k < n; ++k) v = v * 10 + (s[i + k] - '0');
  return v;
}

// (?:19|20)\d{2} at s[i].
bool year_at(std::string_view s, std::size_t i) {
  return i + 4 <= s.size() && ((s[i] == '1' && s[i + 1] == '9') || (s[i] == '2' && s[i + 1] == '0')) &&
         digit(s[i + 2]) && digit(s[i + 3]);
}

// \d{1,2} followed by what `end` accepts (a non-digit): how many digits (0: no match). `end(pos)` says
// whether the terminator starts at pos.
template <typename End>
std::size_t number_before(std::string_view s, std::size_t i, End end) {
  if (i >= s.size() || !digit(s[i])) return 0;
  if (i + 1 < s.size() && digit(s[i + 1])) return end(i + 2) ? 2 : 0;
  return end(i + 1) ? 1 : 0;
}

// (\d{1,2})月(?:(\d{1,2})(?:日|号))? at s[j], as one optional group: sets month (and day) and moves j
// past what matched; leaves them when the month is not there.
void month_day(std::string_view s, std::size_t& j, int& month, int& day, bool& has_month, bool& has_day) {
  std::size_t m = number_before(s, j, [&](std::size_t p) { return starts(s, p, "月"); });
  if (!m) return;
  has_month = true;
  month = number_at(s, j, m);
  j += m + std::string_view("月").size();
  std::size_t d = number_before(s, j, [&](std::size_t p) { return starts(s, p, "日") || starts(s, p, "号"); });
  if (!d) return;
  has_day = true;
  day = number_at(s, j, d);
  j += d + std::string_view("日").size();  // 日 and 号 are both three bytes
}

// The value of attribute `name` in a tag's markup ("" when absent).
std::string attribute(std::string_view markup, std::string_view name) {
  std::string low = lower_ascii(markup);
  std::size_t at = 0;
  while ((at = low.find(name, at)) != std::string::npos) {
    bool word_start = at == 0 || low[at - 1] == ' ' || low[at - 1] == '\t' || low[at - 1] == '\n';
    std::size_t i = at + name.size();
    while (i < low.size() && low[i] == ' ') ++i;
    if (!word_start || i >= low.size() || low[i] != '=') {
      at += name.size();
      continue;
    }
    ++i;
    while (i < low.size() && low[i] == ' ') ++i;
    if (i >= low.size()) return {};
    char q = low[i];
    if (q == '"' || q == '\'') {
      std::size_t end = markup.find(q, i + 1);
      if (end == std::string_view::npos) return {};
      return std::string(markup.substr(i + 1, end - i - 1));
    }
    std::size_t end = i;
    while (end < markup.size() && markup[end] != ' ' && markup[end] != '>' && markup[end] != '/') ++end;
    return std::string(markup.substr(i, end - i));
  }
  return {};
}

// (?:^|\n)[^\n]{0,20}?\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})\b[^\n]{0,20}(?:\n|$): a day.month.year
// stamp within the first 20 bytes of a line, ending at most 20 bytes before the line does. The first
// line that has one, at its leftmost place; false when none does.
bool header_dmy(std::string_view h, int& day, int& month, int& year) {
  auto dot = [&](std::size_t p) { return starts(h, p, "."); };
  for (std::size_t line = 0; line <= h.size();) {
    std::size_t end = std::min(h.find('\n', line), h.size());
    for (std::size_t q = line; q <= line + 20 && q < end; ++q) {
      if (q > 0 && word_char(h[q - 1])) continue;  // \b before the day's digit
      std::size_t d = number_before(h, q, dot);
      if (!d) continue;
      std::size_t m = number_before(h, q + d + 1, dot);
      if (!m) continue;
      std::size_t y = q + d + 1 + m + 1;
      if (!year_at(h, y) || (y + 4 < h.size() && word_char(h[y + 4])) || end - (y + 4) > 20) continue;
      day = number_at(h, q, d);
      month = number_at(h, q + d + 1, m);
      year = number_at(h, y, 4);
      return true;
    }
    if (end == h.size()) break;
    line = end + 1;
  }
  return false;
}

// ((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日: the first such date in the text.
bool first_full_date(std::string_view s, int& year, int& month, int& day) {
  for (std::size_t i = 0; i + 4 <= s.size(); ++i) {
    if (!year_at(s, i) || !starts(s, i + 4, "年")) continue;
    std::size_t j = i + 4 + std::string_view("年").size();
    std::size_t m = number_before(s, j, [&](std::size_t p) { return starts(s, p, "月"); });
    if (!m) continue;
    std::size_t k = j + m + std::string_view("月").size();
    std::size_t d = number_before(s, k, [&](std::size_t p) { return starts(s, p, "日"); });
    if (!d) continue;
    year = number_at(s, i, 4);
    month = number_at(s, j, m);
    day = number_at(s, k, d);
    return true;
  }
  return false;
}

}  // namespace

std::string normalize_date(std::string_view value) {
  if (value.size() > 200) value = value.substr(0, 200);
  std::string text = normalize(value).text;  // full-width digits and Traditional forms to plain ones
  for (std::size_t i = 0; i + 4 <= text.size(); ++i) {
    if (i > 0 && text[i - 1] >= '0' && text[i - 1] <= '9') continue;
    std::string iso;
    if (parse_date(std::string_view(text).substr(i), iso) && iso.size() >= 10)
      return iso_of(std::atoi(iso.substr(0, 4).c_str()), std::atoi(iso.substr(5, 2).c_str()),
                    std::atoi(iso.substr(8, 2).c_str()));
  }
  std::string_view t = text;
  // (?:^|\D)((?:19|20)\d{2})(\d{2})(\d{2})(?:\D|$): eight digits on their own, the first such run.
  for (std::size_t i = 0; i + 8 <= t.size(); ++i) {
    if ((i > 0 && digit(t[i - 1])) || !year_at(t, i)) continue;
    if (!std::all_of(t.begin() + i + 4, t.begin() + i + 8, digit) || (i + 8 < t.size() && digit(t[i + 8]))) continue;
    return iso_of(number_at(t, i, 4), number_at(t, i + 4, 2), number_at(t, i + 6, 2));
  }
  // ((?:19|20)\d{2})(?:[-/.]|年)(\d{1,2})(?:月)?(?:\D|$): a year and a month of one or two digits.
  for (std::size_t i = 0; i + 4 <= t.size(); ++i) {
    if (!year_at(t, i)) continue;
    std::size_t j = i + 4;
    if (at_one_of(t, j, "-/.")) ++j;
    else if (starts(t, j, "年")) j += std::string_view("年").size();
    else continue;
    std::size_t m = number_before(t, j, [&](std::size_t p) { return p >= t.size() || !digit(t[p]); });
    if (m) return iso_of(number_at(t, i, 4), number_at(t, j, m), 0);
  }
  return {};
}

bool is_date_field(std::string_view key) {
  std::string k = lower_ascii(key);
  for (const char* name : {"date", "publish_time", "pubdate", "publish_date", "pub_date", "publishtime",
                           "publishdate", "published", "published_at", "pubtime", "release_date", "time"})
    if (k == name) return true;
  return false;
}

void note_html_date(std::string_view tag, std::string_view markup, FoundDate& found) {
  if (markup.size() > 4096) return;
  if (tag == "meta") {
    if (found.rule == "html:meta") return;  // the first meta date wins
    std::string key = lower_ascii(attribute(markup, "property"));
    if (key.empty()) key = lower_ascii(attribute(markup, "name"));
    if (key.empty()) key = lower_ascii(attribute(markup, "itemprop"));
    bool dated = key.find("publish") != std::string::npos || key.find("pubdate") != std::string::npos ||
                 key == "date" || key == "dc.date" || key == "dc.date.issued" || key == "datecreated" ||
                 key == "createdate" || key == "firstpublishedtime";
    if (!dated) return;
    std::string iso = normalize_date(attribute(markup, "content"));
    if (!iso.empty()) found = {iso, "html:meta"};
  } else if (tag == "time" && found.iso.empty()) {
    std::string iso = normalize_date(attribute(markup, "datetime"));
    if (!iso.empty()) found = {iso, "html:time"};
  }
}

// A date in a page's address: /202507/t20250711_…, /2023-07/28/, /20230728/, /2023/07/28/.
std::string url_date(std::string_view url) {
  if (url.size() > 2000) return {};
  std::string_view u = url;
  auto two_digits = [&](std::size_t i) { return i + 2 <= u.size() && digit(u[i]) && digit(u[i + 1]); };
  // [/_-]((?:19|20)\d{2})[-/_]?(\d{2})[-/_]?(\d{2})(?:[/_.-]|$): only the first such run counts.
  for (std::size_t i = 0; i < u.size(); ++i) {
    if (!at_one_of(u, i, "/_-") || !year_at(u, i + 1)) continue;
    std::size_t month = i + 5;
    if (at_one_of(u, month, "-/_")) ++month;
    if (!two_digits(month)) continue;
    std::size_t day = month + 2;
    if (at_one_of(u, day, "-/_")) ++day;
    if (!two_digits(day) || !(day + 2 == u.size() || at_one_of(u, day + 2, "/_.-"))) continue;
    if (std::string iso = iso_of(number_at(u, i + 1, 4), number_at(u, month, 2), number_at(u, day, 2)); !iso.empty()) return iso;
    break;
  }
  // /((?:19|20)\d{2})-?(\d{2})/
  for (std::size_t i = 0; i < u.size(); ++i) {
    if (u[i] != '/' || !year_at(u, i + 1)) continue;
    std::size_t month = i + 5;
    if (starts(u, month, "-")) ++month;
    if (two_digits(month) && starts(u, month + 2, "/")) return iso_of(number_at(u, i + 1, 4), number_at(u, month, 2), 0);
  }
  // /((?:19|20)\d{2})/
  for (std::size_t i = 0; i < u.size(); ++i)
    if (u[i] == '/' && year_at(u, i + 1) && starts(u, i + 5, "/")) return iso_of(number_at(u, i + 1, 4), 0, 0);
  return {};
}

FoundDate document_date(const Document& doc, std::string_view text_date, std::string_view normalized) {
  if (!doc.date.empty()) {
    std::string iso = normalize_date(doc.date);
    if (!iso.empty()) return {iso, doc.date_rule.empty() ? "json:date" : doc.date_rule};
  }
  for (const auto& [key, value] : doc.attributes)
    if (is_date_field(key))
      if (std::string iso = normalize_date(value); !iso.empty()) return {iso, "json:" + key};
  std::string_view head = normalized.substr(0, std::min<std::size_t>(normalized.size(), 4000));
  if (text_date.size() < 10) {
    // A day.month.year stamp on a short header line (24.11.2016 06:33).
    std::string_view top = head.substr(0, std::min<std::size_t>(head.size(), 1500));
    if (int d, m, y; header_dmy(top, d, m, y))
      if (std::string iso = iso_of(y, m, d); !iso.empty()) return {iso, "text:header"};
    // The page's address: the record's url, or a "source:" / "url:" line at the top of a text file.
    if (std::string iso = url_date(doc.url); !iso.empty()) return {iso, "url"};
    std::size_t line_start = 0;
    for (int line = 0; line < 5 && line_start < head.size(); ++line) {
      std::size_t end = head.find('\n', line_start);
      std::string_view text = head.substr(line_start, end == std::string_view::npos ? std::string_view::npos : end - line_start);
      if (text.find("http") != std::string_view::npos)
        if (std::string iso = url_date(text); !iso.empty()) return {iso, "url"};
      if (end == std::string_view::npos) break;
      line_start = end + 1;
    }
    // Else the article's first full date near its top, as a dateline (导语 2022年1月20日上午 …).
    if (int y, m, d; first_full_date(top, y, m, d))
      if (std::string iso = iso_of(y, m, d); !iso.empty()) return {iso, "text:dateline"};
    // Last, the newest year the article names (2018年5月, 2023年): it cannot have been written earlier,
    // so it stands as a partial date, a lower bound. Years before 1990 are history, not news.
    int newest = 0;
    std::string_view all = normalized.substr(0, std::min<std::size_t>(normalized.size(), 200000));
    for (std::size_t at = all.find("年", 4); at != std::string_view::npos; at = all.find("年", at + 3)) {
      std::string_view y = all.substr(at - 4, 4);  // 19xx年 / 20xx年, scanned by hand: a regex here is slow
      bool digits = std::all_of(y.begin(), y.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (digits && (y.substr(0, 2) == "19" || y.substr(0, 2) == "20"))
        newest = std::max(newest, std::atoi(std::string(y).c_str()));
    }
    if (newest >= 1990) return {std::to_string(newest), "text:latest-year"};
    return {};
  }
  std::string iso(text_date.substr(0, 10));
  // Behind a cue (发布时间：2023-07-28) or on a header line of its own.
  for (std::string_view cue : {"发布时间", "发布日期", "发表时间", "更新时间", "日期", "时间"}) {
    for (std::size_t at = head.find(cue); at != std::string_view::npos; at = head.find(cue, at + 1)) {
      std::string_view rest = head.substr(at + cue.size());
      while (!rest.empty() && (rest.front() == ':' || rest.front() == ' ')) rest.remove_prefix(1);
      if (rest.substr(0, 4) == iso.substr(0, 4)) return {iso, "text:cue"};
    }
  }
  return {iso, "text:header"};
}

namespace {

// One match of the event-date expression at s[i]:
//   ((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})                 2023-07-28
//   |((?:19|20)\d{2})年(?:(\d{1,2})月(?:(\d{1,2})(?:日|号))?)?     2013年8月
//   |(今年|去年|前年|明年)(?:(\d{1,2})月(?:(\d{1,2})(?:日|号))?)?   去年8月
//   |(\d{1,2})月(?:(\d{1,2})(?:日|号))?                           7月25日
//   |(近日|日前|近期|昨天|昨日|今天|今日|前天)
// tried in that order, as the regex did.
struct EventMatch {
  enum Kind { none, ymd, cjk_year, relative_year, month_day, relative_day } kind = none;
  int year = 0, month = 0, day = 0;
  bool has_month = false, has_day = false;
  int shift = 0;  // relative_year: years from the document's; relative_day: days back
  std::size_t end = 0;
};

constexpr std::string_view kRelativeYears[] = {"今年", "去年", "前年", "明年"};
constexpr int kYearShift[] = {0, -1, -2, 1};
constexpr std::string_view kRelativeDays[] = {"近日", "日前", "近期", "昨天", "昨日", "今天", "今日", "前天"};
constexpr int kDaysBack[] = {0, 0, 0, 1, 1, 0, 0, 2};

EventMatch event_at(std::string_view s, std::size_t i) {
  EventMatch m;
  if (digit(s[i])) {
    if (year_at(s, i) && at_one_of(s, i + 4, "-/.")) {
      auto separator = [&](std::size_t p) { return at_one_of(s, p, "-/."); };
      std::size_t j = i + 5;
      if (std::size_t mn = number_before(s, j, separator)) {
        std::size_t k = j + mn + 1;
        if (k < s.size() && digit(s[k])) {
          std::size_t dn = k + 1 < s.size() && digit(s[k + 1]) ? 2 : 1;
          m.kind = EventMatch::ymd;
          m.year = number_at(s, i, 4);
          m.month = number_at(s, j, mn);
          m.day = number_at(s, k, dn);
          m.end = k + dn;
          return m;
        }
      }
    }
    if (year_at(s, i) && starts(s, i + 4, "年")) {
      m.kind = EventMatch::cjk_year;
      m.year = number_at(s, i, 4);
      m.end = i + 4 + std::string_view("年").size();
      month_day(s, m.end, m.month, m.day, m.has_month, m.has_day);
      return m;
    }
    std::size_t j = i;
    month_day(s, j, m.month, m.day, m.has_month, m.has_day);
    if (m.has_month) {
      m.kind = EventMatch::month_day;
      m.end = j;
    }
    return m;
  }
  // Every word starts with one of 今 去 前 明 近 日 昨: a character that is none of them starts none.
  if (i + 6 > s.size()) return m;
  std::string_view first = s.substr(i, 3);
  if (first != "今" && first != "去" && first != "前" && first != "明" && first != "近" && first != "日" && first != "昨")
    return m;
  for (std::size_t w = 0; w < std::size(kRelativeYears); ++w) {
    if (!starts(s, i, kRelativeYears[w])) continue;
    m.kind = EventMatch::relative_year;
    m.shift = kYearShift[w];
    m.end = i + kRelativeYears[w].size();
    month_day(s, m.end, m.month, m.day, m.has_month, m.has_day);
    return m;
  }
  for (std::size_t w = 0; w < std::size(kRelativeDays); ++w) {
    if (!starts(s, i, kRelativeDays[w])) continue;
    m.kind = EventMatch::relative_day;
    m.shift = kDaysBack[w];
    m.end = i + kRelativeDays[w].size();
    return m;
  }
  return m;
}

}  // namespace

FoundDate event_date(std::string_view sentence, std::string_view doc_date) {
  if (sentence.size() > 20000) sentence = sentence.substr(0, 20000);
  const std::string_view s = sentence;
  int doc_year = 0, doc_month = 0, doc_day = 0;
  if (doc_date.size() >= 4) doc_year = std::atoi(std::string(doc_date.substr(0, 4)).c_str());
  if (doc_date.size() >= 7) doc_month = std::atoi(std::string(doc_date.substr(5, 2)).c_str());
  if (doc_date.size() >= 10) doc_day = std::atoi(std::string(doc_date.substr(8, 2)).c_str());
  // Each match in turn, the next one searched from the end of the last, until one gives a date.
  for (std::size_t i = 0; i < s.size();) {
    EventMatch m = event_at(s, i);
    if (m.kind == EventMatch::none) {
      ++i;
      continue;
    }
    std::size_t pos = i;
    i = m.end;
    std::string iso, rule;
    switch (m.kind) {
      case EventMatch::ymd:
        iso = iso_of(m.year, m.month, m.day);
        rule = "sentence:ymd";
        break;
      case EventMatch::cjk_year:
        iso = iso_of(m.year, m.month, m.day);
        rule = m.has_day ? "sentence:ymd" : m.has_month ? "sentence:ym" : "sentence:y";
        break;
      case EventMatch::relative_year:
        if (!doc_year) continue;
        iso = iso_of(doc_year + m.shift, m.month, m.day);
        rule = "sentence:relative-year";
        break;
      case EventMatch::month_day:
        if (!doc_year) continue;
        // A bare digit run glued to the month ("2023年" is matched above; "112月" is no month).
        if (pos > 0 && digit(s[pos - 1])) continue;
        iso = iso_of(doc_year, m.month, m.day);
        rule = "sentence:month-day+doc-year";
        break;
      case EventMatch::relative_day: {
        if (doc_day == 0) continue;
        auto days = temporal::days_from_civil(doc_year, static_cast<unsigned>(doc_month), static_cast<unsigned>(doc_day));
        if (!days) continue;
        auto c = temporal::civil_from_days(*days - m.shift);
        iso = iso_of(static_cast<int>(c.year), static_cast<int>(c.month), static_cast<int>(c.day));
        rule = "sentence:relative-day";
        break;
      }
      case EventMatch::none:
        break;
    }
    if (!iso.empty()) return {iso, rule};
  }
  return {};
}

}  // namespace bangfu::ingest
