#include "ingest/counted_lists.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <string_view>

#include "ingest/utf8.hpp"

namespace bangfu::ingest {

namespace {

constexpr std::size_t kSentencesBack = 2;  // how far back a list may be named
constexpr int kMaxCount = 30;

// What a count is of: the word after 家/所 and the type of its stand-in.
struct Noun {
  std::string_view word;
  graph::EntityType type;
};
const Noun kNouns[] = {
    {"县级医院", graph::EntityType::Hospital}, {"县医院", graph::EntityType::Hospital},
    {"医院", graph::EntityType::Hospital},     {"乡镇卫生院", graph::EntityType::PrimaryCare},
    {"卫生院", graph::EntityType::PrimaryCare}, {"医疗机构", graph::EntityType::Hospital},
    {"成员单位", graph::EntityType::Hospital}, {"单位", graph::EntityType::Hospital},
};

// 四, 两, 十二, 3: the value of the numeral ending at byte `end` of `s`, and where it starts.
std::optional<std::pair<int, std::size_t>> numeral_before(std::string_view s, std::size_t end) {
  std::size_t b = end;
  while (b > 0 && std::isdigit(static_cast<unsigned char>(s[b - 1]))) --b;
  if (b < end) {
    if (end - b > 2) return std::nullopt;
    return std::make_pair(std::stoi(std::string(s.substr(b, end - b))), b);
  }
  static const std::string_view kDigits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  auto digit_at = [&](std::size_t at) -> int {
    if (s.substr(at, 3) == "两") return 2;
    for (int v = 1; v <= 9; ++v)
      if (s.substr(at, 3) == kDigits[v]) return v;
    return -1;
  };
  int value = 0;
  b = end;
  if (b >= 3 && digit_at(b - 3) > 0) value = digit_at(b -= 3);
  if (b >= 3 && s.substr(b - 3, 3) == "十") {
    b -= 3;
    int tens = b >= 3 && digit_at(b - 3) > 0 ? digit_at(b -= 3) : 1;
    value += tens * 10;
  }
  if (b == end || value < 2) return std::nullopt;
  return std::make_pair(value, b);
}

bool is_institution(const Mention& m) { return m.type != graph::EntityType::Person && !graph::is_region(m.type); }

bool joins_list(std::string_view between) {
  for (std::string_view w : {"、", "和", "及", "以及", "与", ",", "、和"})
    if (between == w) return true;
  return false;
}

// The lists of institutions in one sentence, as runs of mentions joined by 、/和/及, before byte `limit`.
std::vector<std::vector<std::string>> lists_in(const Sentence& s, const std::vector<Mention>& mentions, std::size_t limit) {
  std::vector<std::vector<std::string>> out;
  std::vector<std::string> run;
  std::size_t last_end = 0;
  for (const auto& m : mentions) {
    if (m.end > limit) break;
    if (!is_institution(m) || is_counted_stand_in(m.canonical)) {
      if (run.size() >= 2) out.push_back(run);
      run.clear();
      continue;
    }
    bool joined = !run.empty() && joins_list(std::string_view(s.text).substr(last_end, m.begin - last_end));
    if (!joined) {
      if (run.size() >= 2) out.push_back(run);
      run.clear();
    }
    if (std::find(run.begin(), run.end(), m.canonical) == run.end()) run.push_back(m.canonical);
    last_end = m.end;
  }
  if (run.size() >= 2) out.push_back(run);
  return out;
}

// The latest list of exactly `n` institutions named before byte `at` of sentence `si` (that sentence
// first, then the ones before it in the same paragraph).
std::optional<std::vector<std::string>> list_of(std::size_t n, std::size_t si, std::size_t at,
                                                const std::vector<Sentence>& sentences,
                                                const std::vector<std::vector<Mention>>& mentions) {
  for (std::size_t back = 0; back <= kSentencesBack && back <= si; ++back) {
    std::size_t j = si - back;
    if (sentences[j].paragraph != sentences[si].paragraph) break;
    auto lists = lists_in(sentences[j], mentions[j], back == 0 ? at : sentences[j].text.size());
    for (auto it = lists.rbegin(); it != lists.rend(); ++it)
      if (it->size() == n) return *it;
  }
  return std::nullopt;
}

bool overlaps(const std::vector<Mention>& mentions, std::size_t b, std::size_t e) {
  return std::any_of(mentions.begin(), mentions.end(), [&](const Mention& m) { return m.begin < e && b < m.end; });
}

// …与四家医院完成签约,并派驻专家前往对口医院: later in the sentence the counted institutions are
// referred to again (对口医院, 这些医院); those words stand for the same list.
void add_later_references(std::string_view text, const Mention& counted, std::vector<Mention>& mentions) {
  static constexpr std::string_view kReferences[] = {"对口医院", "受援医院", "这些医院", "上述医院", "对口单位",
                                                     "受援单位", "这些单位", "上述单位"};
  for (std::string_view word : kReferences) {
    std::size_t b = text.find(word, counted.end);
    if (b == std::string_view::npos || overlaps(mentions, b, b + word.size())) continue;
    Mention again = counted;
    again.begin = static_cast<std::uint32_t>(b);
    again.end = static_cast<std::uint32_t>(b + word.size());
    again.surface = std::string(word);
    auto at = std::find_if(mentions.begin(), mentions.end(), [&](const Mention& x) { return x.begin > b; });
    mentions.insert(at, std::move(again));
  }
}

}  // namespace

std::vector<CountedList> find_counted_lists(const std::vector<Sentence>& sentences,
                                            std::vector<std::vector<Mention>>& mentions) {
  std::vector<CountedList> out;
  for (std::size_t si = 0; si < sentences.size(); ++si) {
    std::string_view text = sentences[si].text;
    // 家 and 所 start with byte E5 or E6 (find_first_of of the pair asked memchr at every byte).
    auto lead = [&](std::size_t from) {
      while (from < text.size() && text[from] != '\xe5' && text[from] != '\xe6') ++from;
      return from;
    };
    for (std::size_t pos = lead(0); pos < text.size(); pos = lead(pos + 1)) {
      std::string_view measure = text.substr(pos, 3);
      if (measure != "家" && measure != "所") continue;
      std::size_t after = pos + 3;
      const Noun* noun = nullptr;
      for (const auto& n : kNouns)
        if (text.substr(after, n.word.size()) == n.word) {
          noun = &n;
          break;
        }
      if (!noun) continue;
      auto count = numeral_before(text, pos);
      if (!count || count->first > kMaxCount) continue;
      std::size_t begin = count->second, end = after + noun->word.size();
      // 甲、乙、丙三家医院: a count right after its own list adds nothing to the list.
      if (overlaps(mentions[si], begin, end)) continue;
      auto before = std::find_if(mentions[si].rbegin(), mentions[si].rend(), [&](const Mention& m) { return m.end <= begin; });
      if (before != mentions[si].rend()) {
        std::string_view gap = text.substr(before->end, begin - before->end);
        if (gap.empty() || gap == "等" || gap == "这" || gap == "共") continue;
      }
      auto members = list_of(static_cast<std::size_t>(count->first), si, begin, sentences, mentions);
      if (!members) continue;
      Mention m;
      m.begin = static_cast<std::uint32_t>(begin);
      m.end = static_cast<std::uint32_t>(end);
      m.surface = std::string(text.substr(begin, end - begin));
      m.canonical = "\x1f" + m.surface + "#" + std::to_string(si) + ":" + std::to_string(begin);
      m.type = noun->type;
      m.resolved_reference = true;
      auto at = std::find_if(mentions[si].begin(), mentions[si].end(), [&](const Mention& x) { return x.begin > begin; });
      mentions[si].insert(at, m);
      add_later_references(text, m, mentions[si]);
      out.push_back({m.canonical, std::move(*members)});
    }
  }
  return out;
}

void expand_counted_lists(std::vector<ExtractedRelation>& relations, const std::vector<CountedList>& lists) {
  if (lists.empty()) return;
  auto members_of = [&](const std::string& name) -> const std::vector<std::string>* {
    for (const auto& l : lists)
      if (l.placeholder == name) return &l.members;
    return nullptr;
  };
  std::vector<ExtractedRelation> out;
  for (auto& r : relations) {
    const auto* srcs = members_of(r.src);
    const auto* dsts = members_of(r.dst);
    if (!srcs && !dsts) {
      out.push_back(std::move(r));
      continue;
    }
    std::vector<std::string> from = srcs ? *srcs : std::vector<std::string>{r.src};
    std::vector<std::string> to = dsts ? *dsts : std::vector<std::string>{r.dst};
    std::set<std::string> in_list(from.begin(), from.end());
    if (srcs && dsts) continue;  // a list and itself
    for (const auto& a : from)
      for (const auto& b : to) {
        if (a == b || (srcs && in_list.count(b)) || (dsts && std::count(to.begin(), to.end(), a))) continue;
        ExtractedRelation e = r;
        e.src = a;
        e.dst = b;
        out.push_back(std::move(e));
      }
  }
  relations = std::move(out);
}

}  // namespace bangfu::ingest
