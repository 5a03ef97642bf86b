// The date readers' exact behaviour, pinned: which inputs give which date and rule. The readers were
// regular expressions (std::regex, a third of Pipeline::extract's time) and are hand-written scanners
// now; the old expressions are kept here as the oracle, and the scanners must agree with them on every
// table row and on many generated strings built from the pieces dates are made of.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "ingest/body.hpp"
#include "ingest/dates.hpp"
#include "ingest/normalize.hpp"
#include "temporal/temporal.hpp"

using namespace bangfu;
using namespace bangfu::ingest;

namespace oracle {

// The readers as they were written with std::regex (commit aca5c7d), to compare against.
std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

std::string iso_of(int year, int month, int day) {
  if (year < 1900 || year > 2100) return {};
  if (month == 0) return std::to_string(year);
  if (month < 1 || month > 12) return {};
  if (day == 0) return std::to_string(year) + "-" + two(month);
  if (!temporal::days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day))) return {};
  return std::to_string(year) + "-" + two(month) + "-" + two(day);
}

int num(const std::ssub_match& m) { return m.matched ? std::stoi(m.str()) : 0; }

std::string normalize_date(std::string_view value) {
  if (value.size() > 200) value = value.substr(0, 200);
  std::string text = normalize(value).text;
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

// document_date for a document without metadata and without a date line found by the body stage.
FoundDate document_date(const Document& doc, std::string_view normalized) {
  std::string_view head = normalized.substr(0, std::min<std::size_t>(normalized.size(), 4000));
  static const std::regex dmy(R"((?:^|\n)[^\n]{0,20}?\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})\b[^\n]{0,20}(?:\n|$))");
  std::string h(head.substr(0, std::min<std::size_t>(head.size(), 1500)));
  std::smatch m;
  if (std::regex_search(h, m, dmy))
    if (std::string iso = iso_of(num(m[3]), num(m[2]), num(m[1])); !iso.empty()) return {iso, "text:header"};
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
  static const std::regex first(R"(((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日)");
  std::string top(head.substr(0, std::min<std::size_t>(head.size(), 1500)));
  if (std::regex_search(top, m, first))
    if (std::string iso = iso_of(num(m[1]), num(m[2]), num(m[3])); !iso.empty()) return {iso, "text:dateline"};
  int newest = 0;
  std::string_view all = normalized.substr(0, std::min<std::size_t>(normalized.size(), 200000));
  for (std::size_t at = all.find("年", 4); at != std::string_view::npos; at = all.find("年", at + 3)) {
    std::string_view y = all.substr(at - 4, 4);
    bool digits = std::all_of(y.begin(), y.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits && (y.substr(0, 2) == "19" || y.substr(0, 2) == "20"))
      newest = std::max(newest, std::atoi(std::string(y).c_str()));
  }
  if (newest >= 1990) return {std::to_string(newest), "text:latest-year"};
  return {};
}

FoundDate event_date(std::string_view sentence, std::string_view doc_date) {
  static const std::regex re(
      "((?:19|20)\\d{2})[-/.](\\d{1,2})[-/.](\\d{1,2})"
      "|((?:19|20)\\d{2})年(?:(\\d{1,2})月(?:(\\d{1,2})(?:日|号))?)?"
      "|(今年|去年|前年|明年)(?:(\\d{1,2})月(?:(\\d{1,2})(?:日|号))?)?"
      "|(\\d{1,2})月(?:(\\d{1,2})(?:日|号))?"
      "|(近日|日前|近期|昨天|昨日|今天|今日|前天)");
  if (sentence.size() > 20000) sentence = sentence.substr(0, 20000);
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

}  // namespace oracle

namespace {

const std::vector<std::string> kDigits = {"", "0", "1", "5", "9", "12", "31", "07", "13", "123", "2023", "1999"};
const std::vector<std::string> kYears = {"2023", "1999", "2101", "1899", "1900", "12023", "202", "20", "2023"};
const std::vector<std::string> kYmdSeparators = {"-", "/", ".", "年", "月", "", "_"};

// Strings made of the pieces dates are written with, so that near misses are common.
class Pieces {
 public:
  explicit Pieces(unsigned seed) : rng_(seed) {}
  std::string make(const std::vector<std::string>& pieces, int max_pieces) {
    std::uniform_int_distribution<int> count(0, max_pieces);
    std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
    std::string out;
    for (int n = count(rng_); n > 0; --n) out += pieces[pick(rng_)];
    return out;
  }
  // One choice from each slot in turn, then noise around it: near-dates, not random text.
  std::string shaped(const std::vector<std::vector<std::string>>& slots, const std::vector<std::string>& noise) {
    std::string out = make(noise, 4);
    for (const auto& slot : slots) out += slot[std::uniform_int_distribution<std::size_t>(0, slot.size() - 1)(rng_)];
    return out + make(noise, 4);
  }

 private:
  std::mt19937 rng_;
};

const std::vector<std::string> kSentencePieces = {
    "0", "1", "2", "3", "5", "9", "19", "20", "12", "31", "2023", "1999", "2101", "年", "月", "日", "号", "-", "/",
    ".", "，", "今年", "去年", "前年", "明年", "近日", "日前", "近期", "昨天", "昨日", "今天", "今日", "前天",
    "今", "昨", "近", "年前", "上旬", "个", "a", " ", "_", "医院", "\xE5", "０"};

const std::vector<std::string> kHeaderPieces = {
    "0", "1", "2", "3", "5", "9", "19", "20", "12", "31", "2016", "2023", "1985", "11", ".", ".", "\n", "\n", " ",
    "a", "_", "中", "年", "月", "日", "号", "http", "://x.cn", "/", "-", "_", "123456789", "来源：", "source: "};

const std::vector<std::string> kUrlPieces = {"/", "/", "-", "_", ".", "0", "1", "2", "3", "7", "19", "20", "2023",
                                             "07", "28", "13", "t", "html", "a"};

const std::vector<std::string> kValuePieces = {"0", "1", "2", "7", "8", "19", "20", "2023", "07", "28", "13", "-",
                                               "/", ".", "年", "月", "日", "T", " ", ":", "x", "２", "０"};

}  // namespace

TEST_CASE("event dates: every written form, pinned", "[dates][dates-scan]") {
  struct Case {
    const char* sentence;
    const char* doc;
    const char* iso;
    const char* rule;
  };
  const Case cases[] = {
    {"2023年5月12日，两院签约。", "2023-08-10", "2023-05-12", "sentence:ymd"},
    {"2023年5月12号，两院签约。", "2023-08-10", "2023-05-12", "sentence:ymd"},
    {"2023年05月06日", "2023-08-10", "2023-05-06", "sentence:ymd"},
    {"2023年5月，两院签约。", "2023-08-10", "2023-05", "sentence:ym"},
    {"2023年5月上旬，专家抵达。", "2023-08-10", "2023-05", "sentence:ym"},
    {"2023年5月下旬", "2023-08-10", "2023-05", "sentence:ym"},
    {"5月下旬，专家抵达。", "2023-08-10", "2023-05", "sentence:month-day+doc-year"},
    {"2023年起开展合作", "2023-08-10", "2023", "sentence:y"},
    {"5月12日，专家抵达。", "2023-08-10", "2023-05-12", "sentence:month-day+doc-year"},
    {"5月12号", "2023-08-10", "2023-05-12", "sentence:month-day+doc-year"},
    {"5月", "2023-08-10", "2023-05", "sentence:month-day+doc-year"},
    {"12月31日", "2024-01-02", "2024-12-31", "sentence:month-day+doc-year"},
    {"5月12日", "", "", ""},
    {"5月12日", "2023", "2023-05-12", "sentence:month-day+doc-year"},
    {"2023-05-12，签约。", "2023-08-10", "2023-05-12", "sentence:ymd"},
    {"2023/5/12", "2023-08-10", "2023-05-12", "sentence:ymd"},
    {"2023.5.12", "2023-08-10", "2023-05-12", "sentence:ymd"},
    {"2023-5-1", "2023-08-10", "2023-05-01", "sentence:ymd"},
    {"2023-05-123", "2023-08-10", "2023-05-12", "sentence:ymd"},
    {"2023-123-4", "2023-08-10", "", ""},
    {"2023-05/12", "2023-08-10", "2023-05-12", "sentence:ymd"},
    {"2023-05", "2023-08-10", "", ""},
    {"2023-02-30", "2023-08-10", "", ""},
    {"1999.12.31", "2023-08-10", "1999-12-31", "sentence:ymd"},
    {"20230512", "2023-08-10", "", ""},
    {"２０２３年５月１２日", "2023-08-10", "", ""},
    {"今年以来", "2023-08-10", "2023", "sentence:relative-year"},
    {"今年5月", "2023-08-10", "2023-05", "sentence:relative-year"},
    {"今年12月31日", "2023-08-10", "2023-12-31", "sentence:relative-year"},
    {"去年8月", "2023-08-10", "2022-08", "sentence:relative-year"},
    {"去年8月3号", "2023-08-10", "2022-08-03", "sentence:relative-year"},
    {"前年", "2023-08-10", "2021", "sentence:relative-year"},
    {"明年3月", "2023-08-10", "2024-03", "sentence:relative-year"},
    {"明年", "", "", ""},
    {"去年13月，5月1日", "2023-08-10", "2023-05-01", "sentence:month-day+doc-year"},
    {"近日，省人民医院帮扶团队到达。", "2023-08-10", "2023-08-10", "sentence:relative-day"},
    {"日前", "2023-08-10", "2023-08-10", "sentence:relative-day"},
    {"近期", "2023-08-10", "2023-08-10", "sentence:relative-day"},
    {"昨天", "2023-08-10", "2023-08-09", "sentence:relative-day"},
    {"昨日", "2023-01-01", "2022-12-31", "sentence:relative-day"},
    {"今天", "2023-08-10", "2023-08-10", "sentence:relative-day"},
    {"今日", "2023-08-10", "2023-08-10", "sentence:relative-day"},
    {"前天", "2023-03-01", "2023-02-27", "sentence:relative-day"},
    {"前天", "2024-03-01", "2024-02-28", "sentence:relative-day"},
    {"近日", "2023", "", ""},
    {"近日", "2023-08", "", ""},
    {"近日", "", "", ""},
    {"日前年5月", "2023-08-10", "2023-08-10", "sentence:relative-day"},
    {"近日，2019年", "2023-08-10", "2023-08-10", "sentence:relative-day"},
    {"2019年，近日", "2023-08-10", "2019", "sentence:y"},
    {"112月", "2023-08-10", "", ""},
    {"112月，3月4日", "2023-08-10", "2023-03-04", "sentence:month-day+doc-year"},
    {"12023年5月", "2023-08-10", "2023-05", "sentence:ym"},
    {"医院派出3个月的驻点专家。", "2023-08-10", "", ""},
    {"第13月", "2023-08-10", "", ""},
    {"13月，5月6日", "2023-08-10", "2023-05-06", "sentence:month-day+doc-year"},
    {"2023年13月", "2023-08-10", "", ""},
    {"2023年13月，5月1日", "2023-08-10", "2023-05-01", "sentence:month-day+doc-year"},
    {"2023年2月30日，3月", "2023-08-10", "2023-03", "sentence:month-day+doc-year"},
    {"2101年", "2023-08-10", "", ""},
    {"2101年，2020年", "2023-08-10", "2020", "sentence:y"},
    {"1899年", "2023-08-10", "", ""},
    {"1900年", "2023-08-10", "1900", "sentence:y"},
    {"2023年123月", "2023-08-10", "2023", "sentence:y"},
    {"2023年1月123日", "2023-08-10", "2023-01", "sentence:ym"},
    {"5月123日", "2023-08-10", "2023-05", "sentence:month-day+doc-year"},
    {"05月06日", "2023-08-10", "2023-05-06", "sentence:month-day+doc-year"},
    {"0月", "2023-08-10", "2023", "sentence:month-day+doc-year"},
    {"5月0日", "2023-08-10", "2023-05", "sentence:month-day+doc-year"},
    {"无日期的句子", "2023-08-10", "", ""},
    {"共3人", "2023-08-10", "", ""},
    {"", "2023-08-10", "", ""},
    {"2023年", "2023-08-10", "2023", "sentence:y"},
    {"2023", "2023-08-10", "", ""},
    {"20世纪", "2023-08-10", "", ""},
    {"今年", "2023-08-10", "2023", "sentence:relative-year"},
    {"今年", "abcd", "", ""},
  };
  for (const auto& c : cases) {
    INFO(c.sentence << " / " << c.doc);
    FoundDate got = event_date(c.sentence, c.doc);
    CHECK(got.iso == c.iso);
    CHECK(got.rule == c.rule);
    FoundDate old = oracle::event_date(c.sentence, c.doc);
    CHECK(old.iso == c.iso);
    CHECK(old.rule == c.rule);
  }
}

TEST_CASE("document dates from the text and the address: every form, pinned", "[dates][dates-scan]") {
  struct Case {
    const char* url;
    const char* text_date;
    const char* text;
    const char* iso;
    const char* rule;
  };
  const Case cases[] = {
    {"", "", "24.11.2016 06:33\n正文内容", "2016-11-24", "text:header"},
    {"", "", "标题\n来源：报 24.11.2016 06:33\n正文", "2016-11-24", "text:header"},
    {"", "", "x 1.2.2020", "2020-02-01", "text:header"},
    {"", "", "a24.11.2016", "", ""},
    {"", "", "中24.11.2016", "2016-11-24", "text:header"},
    {"", "", "24.11.2016x", "", ""},
    {"", "", "24.11.2016_", "", ""},
    {"", "", "24.11.20161", "", ""},
    {"", "", "124.11.2016", "", ""},
    {"", "", "31.02.2020\n2019年", "2019", "text:latest-year"},
    {"", "", "123456789012345678901 1.2.2020", "", ""},
    {"", "", "12345678901234567890 1.2.2020", "", ""},
    {"", "", "1.2.2020 123456789012345678901", "", ""},
    {"", "", "1.2.2020 12345678901234567890", "", ""},
    {"", "", "1.2.2020 12345678901234567890\n", "", ""},
    {"", "", "\n\n5.6.2021\n", "2021-06-05", "text:header"},
    {"", "", "05.06.1999", "1999-06-05", "text:header"},
    {"", "", "5.6.1899", "", ""},
    {"", "", "5.6.2021.7", "2021-06-05", "text:header"},
    {"", "", "111.6.2021", "", ""},
    {"", "", "1.116.2021", "", ""},
    {"http://x.cn/202307/t20230711_1.html", "", "正文", "2023-07", "url"},
    {"http://x.cn/2023-07/28/c_1.htm", "", "正文", "2023-07-28", "url"},
    {"http://x.cn/20230728/a.html", "", "正文", "2023-07-28", "url"},
    {"http://x.cn/2023/07/28/a.html", "", "正文", "2023-07-28", "url"},
    {"http://x.cn/2023_07_28", "", "正文", "2023-07-28", "url"},
    {"http://x.cn/a-20230728.html", "", "正文", "2023-07-28", "url"},
    {"http://x.cn/2023/07/a.html", "", "正文", "2023", "url"},
    {"http://x.cn/2023-07/a.html", "", "正文", "2023-07", "url"},
    {"http://x.cn/2023-13/a.html", "", "2019年", "2019", "text:latest-year"},
    {"http://x.cn/2023/a.html", "", "正文", "2023", "url"},
    {"http://x.cn/2023/02/30/a.html", "", "正文", "2023", "url"},
    {"http://x.cn/20230230/2023/05/06/", "", "正文", "2023", "url"},
    {"http://x.cn/1899/a.html", "", "正文", "", ""},
    {"http://x.cn/202307281/", "", "正文", "", ""},
    {"", "", "source: http://a.cn/2021/05/06/x\n正文", "2021-05-06", "url"},
    {"", "", "标题\n\n\n\nurl: http://a.cn/2021/05/06/x\n正文", "2021-05-06", "url"},
    {"", "", "1\n2\n3\n4\n5\nurl: http://a.cn/2021/05/06/x\n正文", "", ""},
    {"", "", "原文 /2021/05/06/x\n正文", "", ""},
    {"", "", "导语 2022年1月20日上午，医院", "2022-01-20", "text:dateline"},
    {"", "", "导语 2022年01月20日", "2022-01-20", "text:dateline"},
    {"", "", "2022年13月20日，2021年1月1日", "2022", "text:latest-year"},
    {"", "", "2022年1月200日", "2022", "text:latest-year"},
    {"", "", "2022年1月20号", "2022", "text:latest-year"},
    {"", "", "2018年5月，医院；2023年，又", "2023", "text:latest-year"},
    {"", "", "1985年", "", ""},
    {"", "", "1990年", "1990", "text:latest-year"},
    {"", "", "12023年", "2023", "text:latest-year"},
    {"", "", "年2023年", "2023", "text:latest-year"},
    {"", "", "没有日期", "", ""},
    {"", "", "", "", ""},
    {"", "2023-07-28", "发布时间：2023-07-28", "2023-07-28", "text:header"},
    {"", "2023-07-28", "标题\n2023-07-28", "2023-07-28", "text:header"},
  };
  for (const auto& c : cases) {
    INFO(c.url << " / " << c.text);
    Document doc;
    doc.url = c.url;
    FoundDate got = document_date(doc, c.text_date, c.text);
    CHECK(got.iso == c.iso);
    CHECK(got.rule == c.rule);
    if (std::string_view(c.text_date).empty()) {
      FoundDate old = oracle::document_date(doc, c.text);
      CHECK(old.iso == c.iso);
      CHECK(old.rule == c.rule);
    }
  }
}

TEST_CASE("metadata date values: every form, pinned", "[dates][dates-scan]") {
  struct Case {
    const char* value;
    const char* iso;
  };
  const Case cases[] = {
    {"2023-07-28T10:00:00+08:00", "2023-07-28"},
    {"2023-07-28 09:30:00", "2023-07-28"},
    {"２０２３年７月２８日", "2023-07-28"},
    {"2023.7.8", "2023-07-08"},
    {"2023/7/28", "2023-07-28"},
    {"20230728", "2023-07-28"},
    {"x20230728y", "2023-07-28"},
    {"120230728", ""},
    {"202307281", ""},
    {"20231332", ""},
    {"2023年7月", "2023-07"},
    {"2023年07月x", "2023-07"},
    {"2023-7", "2023-07"},
    {"2023/07", "2023-07"},
    {"2023.123", ""},
    {"2023-13", ""},
    {"2023年7月8", "2023-07-08"},
    {"昨天", ""},
    {"2023-02-30", ""},
    {"1899-01-01", ""},
    {"2101-01-01", ""},
    {"Jul 28, 2023", ""},
    {"28.07.2023", ""},
    {"发布于2023年7月", "2023-07"},
    {"", ""},
    {"2023", ""},
    {"2023年", ""},
    {"2023-7-", "2023-07"},
    {"12023-5", "2023-05"},
  };
  for (const auto& c : cases) {
    INFO(c.value);
    CHECK(normalize_date(c.value) == c.iso);
    CHECK(oracle::normalize_date(c.value) == c.iso);
  }
}

TEST_CASE("event dates agree with the regular expression on generated sentences", "[dates][dates-scan]") {
  Pieces pieces(18);
  std::size_t dated = 0;
  std::set<std::string> rules;
  for (int n = 0; n < 6000; ++n) {
    std::string s = n % 2 ? pieces.make(kSentencePieces, 12)
                          : pieces.shaped({kYears, kYmdSeparators, kDigits, kYmdSeparators, kDigits,
                                           {"", "日", "号", "月", "-"}},
                                          kSentencePieces);
    for (const char* doc : {"2023-08-10", "2024-03-01", "2023", ""}) {
      FoundDate want = oracle::event_date(s, doc), got = event_date(s, doc);
      INFO(s << " / " << doc);
      REQUIRE(got.iso == want.iso);
      REQUIRE(got.rule == want.rule);
      dated += !want.iso.empty();
      rules.insert(want.rule);
    }
  }
  CHECK(dated > 3000);  // the generator does reach dates, not only misses
  CHECK(rules.size() == 7);  // each rule, and none
}

TEST_CASE("document dates agree with the regular expressions on generated headers and addresses", "[dates][dates-scan]") {
  Pieces pieces(19);
  std::size_t dated = 0;
  std::set<std::string> rules;
  for (int n = 0; n < 4000; ++n) {
    Document doc;
    doc.url = n % 3 ? pieces.shaped({{"/", "_", "-", "a"}, kYears, {"", "-", "/", "_", "."}, kDigits,
                                     {"", "-", "/", "_", "."}, kDigits, {"", "/", ".", "_", "-", "1"}},
                                    kUrlPieces)
                    : pieces.make(kUrlPieces, 14);
    std::string text = n % 2 ? pieces.make(kHeaderPieces, 24)
                             : pieces.shaped({{"", "\n", "ab", "中", "1234567890", "12345678901234567890"}, kDigits,
                                              {".", "-", "年"}, kDigits, {".", "月"}, kYears, {"", "日", "年"},
                                              {"", "x", " 06:33", "_", "1", "12345678901234567890", "\n"}},
                                             kHeaderPieces);
    FoundDate want = oracle::document_date(doc, text), got = document_date(doc, "", text);
    INFO(doc.url << " / " << text);
    REQUIRE(got.iso == want.iso);
    REQUIRE(got.rule == want.rule);
    dated += !want.iso.empty();
    rules.insert(want.rule);
  }
  CHECK(dated > 500);
  CHECK(rules.size() == 5);  // text:header, url, text:dateline, text:latest-year, none
}

TEST_CASE("metadata values agree with the regular expressions on generated values", "[dates][dates-scan]") {
  Pieces pieces(20);
  std::size_t dated = 0;
  for (int n = 0; n < 4000; ++n) {
    std::string value = n % 2 ? pieces.make(kValuePieces, 10)
                              : pieces.shaped({kYears, kYmdSeparators, kDigits, kYmdSeparators, kDigits}, kValuePieces);
    INFO(value);
    std::string want = oracle::normalize_date(value);
    REQUIRE(normalize_date(value) == want);
    dated += !want.empty();
  }
  CHECK(dated > 200);
}
