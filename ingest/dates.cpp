#include "ingest/dates.hpp"

#include <algorithm>
#include <regex>

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

int num(const std::ssub_match& m) { return m.matched ? std::stoi(m.str()) : 0; }

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
  static const std::regex compact(R"((?:^|\D)((?:19|20)\d{2})(\d{2})(\d{2})(?:\D|$))");
  static const std::regex partial(R"(((?:19|20)\d{2})(?:[-/.]|年)(\d{1,2})(?:月)?(?:\D|$))");
  std::smatch m;
  if (std::regex_search(text, m, compact)) return iso_of(num(m[1]), num(m[2]), num(m[3]));
  if (std::regex_search(text, m, partial)) return iso_of(num(m[1]), num(m[2]), 0);
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
  static const std::regex full(R"([/_-]((?:19|20)\d{2})[-/_]?(\d{2})[-/_]?(\d{2})(?:[/_.-]|$))");
  static const std::regex month(R"(/((?:19|20)\d{2})-?(\d{2})/)");
  std::string u(url);
  std::smatch m;
  if (std::regex_search(u, m, full))
    if (std::string iso = iso_of(num(m[1]), num(m[2]), num(m[3])); !iso.empty()) return iso;
  if (std::regex_search(u, m, month)) return iso_of(num(m[1]), num(m[2]), 0);
  static const std::regex year(R"(/((?:19|20)\d{2})/)");
  if (std::regex_search(u, m, year)) return iso_of(num(m[1]), 0, 0);
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
    static const std::regex dmy(R"((?:^|\n)[^\n]{0,20}?\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})\b[^\n]{0,20}(?:\n|$))");
    std::string h(head.substr(0, std::min<std::size_t>(head.size(), 1500)));
    std::smatch m;
    if (std::regex_search(h, m, dmy))
      if (std::string iso = iso_of(num(m[3]), num(m[2]), num(m[1])); !iso.empty()) return {iso, "text:header"};
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
    static const std::regex first(R"(((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日)");
    std::string top(head.substr(0, std::min<std::size_t>(head.size(), 1500)));
    if (std::regex_search(top, m, first))
      if (std::string iso = iso_of(num(m[1]), num(m[2]), num(m[3])); !iso.empty()) return {iso, "text:dateline"};
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

FoundDate event_date(std::string_view sentence, std::string_view doc_date) {
  static const std::regex re(
      "((?:19|20)\\d{2})[-/.](\\d{1,2})[-/.](\\d{1,2})"                        // 1-3: 2023-07-28
      "|((?:19|20)\\d{2})年(?:(\\d{1,2})月(?:(\\d{1,2})(?:日|号))?)?"            // 4-6: 2013年8月
      "|(今年|去年|前年|明年)(?:(\\d{1,2})月(?:(\\d{1,2})(?:日|号))?)?"          // 7-9: 去年8月
      "|(\\d{1,2})月(?:(\\d{1,2})(?:日|号))?"                                  // 10-11: 7月25日
      "|(近日|日前|近期|昨天|昨日|今天|今日|前天)");                            // 12
  if (sentence.size() > 20000) sentence = sentence.substr(0, 20000);
  // Most sentences name no date: without a digit or a relative word the regex (slow) has nothing to find.
  bool digit = std::any_of(sentence.begin(), sentence.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digit) {
    bool relative = false;
    for (std::string_view w : {"今年", "去年", "前年", "明年", "近日", "日前", "近期", "昨天", "昨日", "今天", "今日", "前天"})
      relative = relative || sentence.find(w) != std::string_view::npos;
    if (!relative) return {};
  }
  std::string s(sentence);
  int doc_year = 0, doc_month = 0, doc_day = 0;
  if (doc_date.size() >= 4) doc_year = std::atoi(std::string(doc_date.substr(0, 4)).c_str());
  if (doc_date.size() >= 7) doc_month = std::atoi(std::string(doc_date.substr(5, 2)).c_str());
  if (doc_date.size() >= 10) doc_day = std::atoi(std::string(doc_date.substr(8, 2)).c_str());
  for (auto it = std::sregex_iterator(s.begin(), s.end(), re); it != std::sregex_iterator(); ++it) {
    const auto& m = *it;
    std::string iso, rule;
    if (m[1].matched) {
      iso = iso_of(num(m[1]), num(m[2]), num(m[3]));
      rule = "sentence:ymd";
    } else if (m[4].matched) {
      iso = iso_of(num(m[4]), num(m[5]), num(m[6]));
      rule = m[6].matched ? "sentence:ymd" : m[5].matched ? "sentence:ym" : "sentence:y";
    } else if (m[7].matched) {
      if (!doc_year) continue;
      std::string w = m[7].str();
      int shift = w == "去年" ? -1 : w == "前年" ? -2 : w == "明年" ? 1 : 0;
      iso = iso_of(doc_year + shift, num(m[8]), num(m[9]));
      rule = "sentence:relative-year";
    } else if (m[10].matched) {
      if (!doc_year) continue;
      // A bare digit run glued to the month ("2023年" is matched above; "112月" is no month).
      auto pos = static_cast<std::size_t>(m.position(0));
      if (pos > 0 && s[pos - 1] >= '0' && s[pos - 1] <= '9') continue;
      iso = iso_of(doc_year, num(m[10]), num(m[11]));
      rule = "sentence:month-day+doc-year";
    } else if (m[12].matched) {
      if (doc_day == 0) continue;
      std::string w = m[12].str();
      int back = w == "昨天" || w == "昨日" ? 1 : w == "前天" ? 2 : 0;
      auto days = temporal::days_from_civil(doc_year, static_cast<unsigned>(doc_month), static_cast<unsigned>(doc_day));
      if (!days) continue;
      auto c = temporal::civil_from_days(*days - back);
      iso = iso_of(static_cast<int>(c.year), static_cast<int>(c.month), static_cast<int>(c.day));
      rule = "sentence:relative-day";
    }
    if (!iso.empty()) return {iso, rule};
  }
  return {};
}

}  // namespace bangfu::ingest
