#include "ingest/relations.hpp"

#include <algorithm>
#include <cstring>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <tuple>

#include "ingest/relation_hedge.hpp"
#include "ingest/relation_match.hpp"
#include "ingest/relation_rules.hpp"
#include "ingest/utf8.hpp"

namespace bangfu::ingest {

struct RelationExtractor::Rules {
  RelationRuleBook book;
  HedgeIndex hedges;  // book.hedges, indexed once loaded
};

namespace {

// How much an edge is believed, by how its ends were found.
constexpr float kResolvedEnd = 0.85f;       // 我省/该院 rather than a name
constexpr float kPerClause = 0.85f;         // each clause break between the two arguments
constexpr float kSubjectOfSentence = 0.7f;  // elided subject taken from the sentence's first clause
constexpr float kSubjectOfPrevious = 0.5f;  // … from the previous sentence
constexpr float kArticleProvince = 0.4f;    // … from the article's province
constexpr float kAidTeam = 0.8f;            // a team named for the province it aids

struct End {
  std::string name;
  int mention = -1;  // index in the sentence's mentions, -1 when taken from context
  bool resolved = false;
  float weight = 1.0f;
};

// Does the clause of `match`'s trigger name a person, or an institution as 我院/本院/我校, before the
// trigger's own arguments (甲院长与乙签订: the elided subject is the person's body)?
bool other_party_before(const PatternMatch& match, const SentenceIndex& index) {
  std::uint32_t until = match.begin;
  for (int d : match.dst) until = std::min(until, index.mentions()[static_cast<std::size_t>(d)].begin);
  for (const auto& m : index.mentions())
    if (m.begin < until && m.type == graph::EntityType::Person && index.clause_breaks(m.end, until) == 0)
      return true;
  std::string_view text = index.text().substr(0, match.begin);
  std::size_t clause = text.find_last_of(",;");
  std::string_view tail = clause == std::string_view::npos ? text : text.substr(clause + 1);
  for (const char* self : {"我院", "本院", "我校", "本校", "我中心", "我委"})
    if (tail.find(self) != std::string_view::npos) return true;
  return false;
}

// 选派医生到某院进修: staff sent to train there are no staff dispatched to serve (ANNOTATION).
bool sent_to_train(const SentenceIndex& index, const Mention& m) {
  std::string_view text = index.text();
  std::size_t end = text.find_first_of(",;", m.end);
  std::string_view after = text.substr(m.end, end == std::string_view::npos ? std::string_view::npos : end - m.end);
  // Right after the place (到某院进修), or after 参加/接受 (到某院参加培训); 到某院开展带教培训 is teaching.
  for (std::string_view lead : {"参加", "接受", "进行"})
    if (after.starts_with(lead)) after.remove_prefix(lead.size());
  for (std::string_view word : {"进修", "培训", "跟岗", "规培", "学习", "深造"})
    if (after.starts_with(word)) return true;
  return false;
}

// Does mention `m` start its clause (nothing but a date or time before it)?
bool starts_clause(const SentenceIndex& index, const Mention& m) {
  std::string_view text = index.text().substr(0, m.begin);
  std::size_t clause = text.find_last_of(",;");
  std::string_view lead = clause == std::string_view::npos ? text : text.substr(clause + 1);
  for (std::size_t i = 0; i < lead.size();) {
    std::size_t n = utf8::seq_len(static_cast<unsigned char>(lead[i]));
    std::string_view c = lead.substr(i, n);
    bool dateish = std::isdigit(static_cast<unsigned char>(lead[i])) || c == " " || c == "年" || c == "月" ||
                   c == "日" || c == "上" || c == "下" || c == "午";
    if (!dateish) return false;
    i += n;
  }
  return true;
}

// 继与甲签订协议之后,乙又携手丙: a leading clause of time (继…, …之后) has the main clause's subject, written
// after it at the start of a later clause.
std::optional<End> subject_after_leading_clause(const RelationRule& rule, const PatternMatch& match,
                                                const SentenceIndex& index) {
  std::string_view text = index.text();
  std::size_t clause_end = text.find_first_of(",;", match.begin);
  if (clause_end == std::string_view::npos) return std::nullopt;
  std::string_view lead = text.substr(0, clause_end);
  bool leading = lead.rfind("继", 0) == 0 || (lead.size() >= 3 && lead.substr(lead.size() - 3) == "后");
  if (!leading) return std::nullopt;
  const auto& mentions = index.mentions();
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    const auto& m = mentions[i];
    if (m.begin <= clause_end || m.type == graph::EntityType::Person) continue;
    if (contains(rule.src_types, m.type) && starts_clause(index, m))
      return End{m.canonical, static_cast<int>(i), m.resolved_reference, kSubjectOfSentence * kPerClause};
  }
  return std::nullopt;
}

// 甲、乙分别与丙、丁…: two lists of one length with 分别 between them pair up in order.
bool respectively(const PatternMatch& match, const std::vector<Mention>& mentions, std::string_view text) {
  if (match.src.size() < 2 || match.src.size() != match.dst.size()) return false;
  std::size_t from = mentions[match.src.back()].end, to = mentions[match.dst.front()].begin;
  return from < to && text.substr(from, to - from).find("分别") != std::string_view::npos;
}

// 在甲的大力支持下,: a first clause that only says under whose support or guidance; 甲 acts in it, but
// is not the subject of the clauses after it.
bool adverbial_first_clause(const SentenceIndex& index) {
  std::string_view text = index.text();
  std::size_t end = text.find_first_of(",;");
  if (end == std::string_view::npos || end < 6) return false;
  std::string_view clause = text.substr(0, end);
  // 作为江苏省文明单位,我院…: a first clause of 作为 says what the subject is; it names no actor.
  if (clause.substr(0, 6) == "作为") return true;
  return clause.substr(0, 3) == "在" && clause.substr(clause.size() - 3) == "下";
}

std::optional<End> elided_subject(const RelationRule& rule, const PatternMatch& match, const SentenceIndex& index,
                                  const SentenceContext& context) {
  const auto& mentions = index.mentions();
  for (std::size_t i = 0; i < mentions.size() && !adverbial_first_clause(index); ++i) {
    const auto& m = mentions[i];
    if (m.begin >= match.begin || index.clause_breaks(0, m.begin) > 0) break;
    if (contains(rule.src_types, m.type))
      return End{m.canonical, static_cast<int>(i), m.resolved_reference, kSubjectOfSentence};
  }
  // 甲一行来到乙,与丙签订…: the sentence's first actor is the subject of its later clauses.
  bool adverbial = adverbial_first_clause(index);
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    const auto& m = mentions[i];
    if (m.begin >= match.begin) break;
    if (m.type == graph::EntityType::Person || (adverbial && index.clause_breaks(0, m.begin) == 0)) continue;
    if (contains(rule.src_types, m.type) && starts_clause(index, m))
      return End{m.canonical, static_cast<int>(i), m.resolved_reference, kSubjectOfSentence * kPerClause};
    break;
  }
  if (auto later = subject_after_leading_clause(rule, match, index)) return later;
  // An agreement signed by persons (甲院长与乙签订) or by an institution that calls itself 我院 is
  // neither the previous sentence's subject's nor the article's province's.
  bool named_parties = rule.rel == graph::RelType::partners_with || rule.rel == graph::RelType::co_builds;
  if (named_parties && other_party_before(match, index)) return std::nullopt;
  for (const auto& m : context.previous)
    if (contains(rule.src_types, m.type)) return End{m.canonical, -1, m.resolved_reference, kSubjectOfPrevious};
  // A team arriving (医疗队抵达某地) is sent by whoever the article says, rarely its own province: aid
  // articles name the sending province's hospitals most, so the article's province is a poor guess.
  if (!context.province.empty() && contains(rule.src_types, graph::EntityType::Province) &&
      rule.rel != graph::RelType::dispatches)
    return End{context.province, -1, true, kArticleProvince};
  return std::nullopt;
}

float confidence(const RelationRule& rule, const End& src, const End& dst, const SentenceIndex& index) {
  float c = rule.confidence * src.weight * dst.weight;
  if (src.resolved) c *= kResolvedEnd;
  if (dst.resolved) c *= kResolvedEnd;
  if (src.mention >= 0 && dst.mention >= 0) {
    const auto& a = index.mentions()[src.mention];
    const auto& b = index.mentions()[dst.mention];
    std::size_t from = std::min(a.end, b.end), to = std::max(a.begin, b.begin);
    if (from < to) c *= std::pow(kPerClause, static_cast<float>(index.clause_breaks(from, to)));
  }
  return c;
}

using EdgeKey = std::tuple<std::string, int, std::string>;

EdgeKey key_of(const ExtractedRelation& r) {
  if (graph::is_symmetric(r.rel) && r.dst < r.src) return {r.dst, static_cast<int>(r.rel), r.src};
  return {r.src, static_cast<int>(r.rel), r.dst};
}

// The same edge found by several rules or triggers: keep one, a stated one over a hedged one.
bool better(const ExtractedRelation& a, const ExtractedRelation& b) {
  if (a.hedged != b.hedged) return !a.hedged;
  return a.confidence > b.confidence;
}


// "甲与乙合作共建丙" reads as co-building; the cooperation it mentions is that same tie, not a second one.
// A signing is a tie of its own (甲与乙共建丙签约仪式): it stays.
bool names_a_signing(const std::string& sentence) {
  for (const char* word : {"签约", "签订", "签署", "续签", "协议"})
    if (sentence.find(word) != std::string::npos) return true;
  return false;
}

void drop_partnership_inside_co_building(std::vector<ExtractedRelation>& out) {
  auto co_built = [&](const ExtractedRelation& p) {
    if (names_a_signing(p.evidence)) return false;
    return std::any_of(out.begin(), out.end(), [&](const auto& r) {
      return r.rel == graph::RelType::co_builds && !r.hedged &&
             ((r.src == p.src && r.dst == p.dst) || (r.src == p.dst && r.dst == p.src));
    });
  };
  out.erase(std::remove_if(out.begin(), out.end(),
                           [&](const auto& r) { return r.rel == graph::RelType::partners_with && co_built(r); }),
            out.end());
}

// 日喀则市委 → 日喀则市: a body of a region helping that same region is no aid between two parties (the
// rule read a clause whose real subject comes later: 某市委副书记甲表示,作为对口支援某市的结对省,…).
void drop_own_region_aid(std::vector<ExtractedRelation>& out) {
  auto own = [](const ExtractedRelation& r) {
    bool aid = r.rel == graph::RelType::supports || r.rel == graph::RelType::dispatches;
    return aid && r.dst.size() >= 6 && r.src.size() > r.dst.size() && r.src.compare(0, r.dst.size(), r.dst) == 0 &&
           (r.src.ends_with("委") || r.src.ends_with("政府") || r.src.ends_with("局") || r.src.ends_with("厅"));
  };
  out.erase(std::remove_if(out.begin(), out.end(), own), out.end());
}

// 捐赠价值50万元的医疗设备: the sum is what goods are worth, not money given. Gifts of goods are support.
void goods_are_support(std::vector<ExtractedRelation>& out, const std::string& sentence) {
  for (auto& r : out) {
    if (r.rel != graph::RelType::funds || r.amount.empty()) continue;
    std::size_t at = sentence.find(r.amount);
    if (at == std::string::npos) continue;
    bool worth = at >= 6 && sentence.compare(at - 6, 6, "价值") == 0;
    std::string_view after = std::string_view(sentence).substr(at + r.amount.size());
    if (after.substr(0, 3) == "的") after.remove_prefix(3);
    for (std::string_view goods : {"医疗设备", "设备", "器械", "药品", "物资", "救护车", "医疗器械"})
      worth = worth || after.substr(0, goods.size()) == goods;
    if (!worth) continue;
    r.rel = graph::RelType::supports;
    r.amount.clear();
  }
  std::set<EdgeKey> kept;
  out.erase(std::remove_if(out.begin(), out.end(), [&](const auto& r) { return !kept.insert(key_of(r)).second; }),
            out.end());
}

// 深圳市向河源市拨付资金2亿元,用于支持河源市人民医院建设: the same sum passed on by its receiver is still
// the giver's money; the receiver, read as the nearest subject, did not pay it.
void money_passed_on(std::vector<ExtractedRelation>& out) {
  for (auto& onward : out) {
    if (onward.rel != graph::RelType::funds || onward.amount.empty()) continue;
    for (const auto& given : out)
      if (&given != &onward && given.rel == graph::RelType::funds && given.dst == onward.src &&
          given.amount == onward.amount && given.src != onward.dst) {
        onward.src = given.src;
        break;
      }
  }
}

// The name this article gives the province `full` (新疆 for 新疆维吾尔自治区), when the sentence, the one
// before or the article's province shows it; the full name otherwise.
// Without such a sign every spelling of the book is offered: a caller keeps the one its article names.
std::vector<std::string> province_as_named(const std::string& full, const std::vector<Mention>& mentions,
                                           const SentenceContext& context, const RelationRuleBook& book) {
  auto same = [&](const std::string& name) { return name.size() >= 6 && full.rfind(name, 0) == 0; };
  for (const auto* list : {&mentions, &context.previous})
    for (const auto& m : *list)
      if (m.type == graph::EntityType::Province && same(m.canonical)) return {m.canonical};
  // The article's province may be given by its full name while the article writes the short one.
  std::vector<std::string> out{full};
  for (const auto& [form, names] : book.short_forms)
    if (names.front() == full) out = names;
  if (same(context.province) && std::find(out.begin(), out.end(), context.province) == out.end())
    out.push_back(context.province);
  return out;
}

// A team or group named for the province it aids (某某援黔专家团, 国家援藏医疗队) supports that province:
// the name itself says so, wherever it is written.
std::vector<ExtractedRelation> aid_teams(const std::vector<Mention>& mentions, const RelationRuleBook& book,
                                         const Sentence& sentence) {
  std::vector<ExtractedRelation> out;
  for (const auto& m : mentions) {
    if (graph::is_region(m.type) || m.type == graph::EntityType::Person || m.resolved_reference) continue;
    for (const auto& prefix : book.aid_prefixes) {
      std::size_t at = m.surface.find(prefix);
      if (at == std::string::npos) continue;
      std::size_t pos = at + prefix.size();
      for (const auto& [form, names] : book.short_forms) {
        // The short form must not end the name: 某某援藏 alone names no team.
        if (m.surface.compare(pos, form.size(), form) != 0 || pos + form.size() >= m.surface.size()) continue;
        ExtractedRelation r;
        r.src = m.canonical;
        r.dst = names.front();
        r.rel = graph::RelType::supports;
        r.evidence = sentence.text;
        r.source_begin = sentence.source_begin;
        r.source_end = sentence.source_end;
        r.rule = "aid_team";
        r.confidence = kAidTeam;
        out.push_back(std::move(r));
        break;
      }
    }
  }
  return out;
}

// A destination a fallback rule only implies gives way to one the sentence states for the same source
// and relation (对丙县医院帮扶,派驻医疗队到丙县: the team went to the county).
void drop_implied_destinations(std::vector<ExtractedRelation>& out, const RelationRuleBook& book) {
  // Whether each edge came from a fallback rule, looked up once per edge.
  std::vector<char> implied(out.size());
  bool any = false;
  for (std::size_t i = 0; i < out.size(); ++i) {
    implied[i] = std::any_of(book.rules.begin(), book.rules.end(),
                             [&](const auto& r) { return r.fallback && r.id == out[i].rule; });
    any = any || implied[i];
  }
  if (!any) return;
  std::vector<char> drop(out.size());
  for (std::size_t i = 0; i < out.size(); ++i)
    for (std::size_t j = 0; j < out.size() && implied[i] && !drop[i]; ++j)
      drop[i] = !implied[j] && out[j].rel == out[i].rel && out[j].src == out[i].src && out[j].dst != out[i].dst &&
                !out[j].hedged;
  std::size_t kept = 0;
  for (std::size_t i = 0; i < out.size(); ++i)
    if (!drop[i]) {
      if (kept != i) out[kept] = std::move(out[i]);
      ++kept;
    }
  out.resize(kept);
}

// 甲医院与乙县人民政府签订托管共建协议,托管共建乙县人民医院: the government signed as a party; the help goes
// to the hospital the sentence names, so a supports edge to the government is dropped when the same
// helper supports a hospital here.
void drop_party_government_support(std::vector<ExtractedRelation>& out, const std::vector<Mention>& mentions) {
  std::set<std::string> agencies, care;  // governments (某县人民政府), not the bureaus helped in a list
  for (const auto& m : mentions) {
    if (m.type == graph::EntityType::Agency && m.canonical.ends_with("政府")) agencies.insert(m.canonical);
    if (m.type == graph::EntityType::Hospital || m.type == graph::EntityType::PrimaryCare) care.insert(m.canonical);
  }
  auto helps_care = [&](const std::string& src) {
    return std::any_of(out.begin(), out.end(), [&](const auto& r) {
      return r.rel == graph::RelType::supports && r.src == src && care.count(r.dst) && !r.hedged;
    });
  };
  out.erase(std::remove_if(out.begin(), out.end(),
                           [&](const auto& r) {
                             return r.rel == graph::RelType::supports && agencies.count(r.dst) && helps_care(r.src);
                           }),
            out.end());
}

// How high an institution or place stands, read off its name's innermost level word (云南省普洱市人民医院 is a
// city's): 3 for a province's or a university's, 2 for a prefecture's or city's, 1 for a county's, 0 for a
// township's; -1 when the name does not say. The four municipalities (上海市…) stand as provinces.
int rank_of(const std::string& name) {
  static const std::pair<const char*, int> kLevels[] = {{"大学", 3}, {"医学院", 3}, {"省", 3},  {"自治区", 3},
                                                         {"市", 2},   {"州", 2},     {"地区", 2}, {"盟", 2},
                                                         {"县", 1},   {"旗", 1},     {"乡", 0},   {"镇", 0}};
  int rank = -1;
  std::size_t innermost = 0;
  for (const auto& [word, level] : kLevels) {
    std::size_t at = name.rfind(word);
    if (at == std::string::npos || (rank >= 0 && at < innermost)) continue;
    innermost = at;
    rank = level;
  }
  for (const char* city : {"北京市", "上海市", "天津市", "重庆市"})
    if (name.rfind(city, 0) == 0 && innermost == std::strlen(city) - std::strlen("市")) rank = 3;
  return rank;
}

// 剑河县人民医院与凯里市第一人民医院签订帮扶协议 (or 结成帮扶对子): the word order of a support agreement or
// pairing does not say who helps; the party of the higher level does.
void helper_by_rank(std::vector<ExtractedRelation>& out) {
  for (auto& r : out) {
    bool unordered = r.rule.rfind("sup.agreement", 0) == 0 || r.rule == "sup.pair_help";
    if (r.rel != graph::RelType::supports || !unordered) continue;
    int a = rank_of(r.src), b = rank_of(r.dst);
    if (a >= 0 && b >= 0 && a < b) std::swap(r.src, r.dst);
  }
}

}  // namespace

// A person with a named post at an organization needs no second "belongs to" edge to it.
void drop_redundant_works_for(std::vector<ExtractedRelation>& out) {
  auto has_post = [&](const ExtractedRelation& w) {
    return std::any_of(out.begin(), out.end(), [&](const auto& r) {
      return r.rel == graph::RelType::serves_as && r.src == w.src && r.dst == w.dst && !r.hedged;
    });
  };
  // 甲院派驻乙院的专家某某: someone sent by 甲 to 乙 belongs to 甲, not to the hospital they were sent to.
  auto sent_elsewhere = [&](const ExtractedRelation& w) {
    return std::any_of(out.begin(), out.end(), [&](const auto& d) {
      if (d.rel != graph::RelType::dispatches || d.dst != w.dst || d.hedged) return false;
      return std::any_of(out.begin(), out.end(), [&](const auto& h) {
        return h.rel == graph::RelType::works_for && h.src == w.src && h.dst == d.src;
      });
    });
  };
  out.erase(std::remove_if(out.begin(), out.end(),
                           [&](const auto& r) {
                             return r.rel == graph::RelType::works_for && (has_post(r) || sent_elsewhere(r));
                           }),
            out.end());
}

RelationExtractor::RelationExtractor() : rules_(std::make_unique<Rules>()) {}
RelationExtractor::~RelationExtractor() = default;
RelationExtractor::RelationExtractor(RelationExtractor&&) noexcept = default;
RelationExtractor& RelationExtractor::operator=(RelationExtractor&&) noexcept = default;

RelationExtractor RelationExtractor::from_files(const std::vector<std::string>& paths) {
  RelationExtractor x;
  for (const auto& path : paths) x.rules_->book.load_file(path);
  x.rules_->hedges = HedgeIndex(x.rules_->book.hedges);
  return x;
}

RelationExtractor RelationExtractor::from_data_dir(const std::string& dir, const std::vector<std::string>& extra) {
  std::vector<std::string> paths;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && name.rfind("relations", 0) == 0 && entry.path().extension() == ".tsv")
      paths.push_back(entry.path().string());
  }
  if (ec) throw std::runtime_error(dir + ": cannot list the data folder: " + ec.message());
  if (paths.empty()) throw std::runtime_error(dir + ": no relations*.tsv pattern file");
  std::sort(paths.begin(), paths.end());
  paths.insert(paths.end(), extra.begin(), extra.end());
  return from_files(paths);
}

std::size_t RelationExtractor::rule_count() const { return rules_ ? rules_->book.rules.size() : 0; }

std::vector<ExtractedRelation> RelationExtractor::extract(const Sentence& sentence,
                                                          const std::vector<Mention>& mentions,
                                                          const SentenceContext& context) const {
  std::vector<ExtractedRelation> out;
  if (!rules_ || mentions.empty()) return out;
  const auto& book = rules_->book;
  SentenceIndex index(sentence.text, mentions, &book.words);
  std::map<EdgeKey, std::size_t> seen;

  auto add = [&](const RelationRule& rule, const PatternMatch& match, const End& src, const End& dst,
                 bool hedged) {
    if (src.name.empty() || dst.name.empty() || src.name == dst.name) return;
    if (rule.rel == graph::RelType::dispatches && dst.mention >= 0 && sent_to_train(index, mentions[dst.mention]))
      return;
    ExtractedRelation r;
    r.src = src.name;
    r.dst = dst.name;
    r.rel = rule.rel;
    if (rule.rel == graph::RelType::serves_as) r.role = match.role;
    if (rule.rel == graph::RelType::funds) r.amount = match.amount;
    if (rule.rel == graph::RelType::co_builds) r.what = match.what;
    r.evidence = sentence.text;
    r.source_begin = sentence.source_begin;
    r.source_end = sentence.source_end;
    r.rule = rule.id;
    r.confidence = confidence(rule, src, dst, index);
    r.hedged = hedged;
    auto [it, fresh] = seen.emplace(key_of(r), out.size());
    if (fresh) out.push_back(std::move(r));
    else if (better(r, out[it->second])) out[it->second] = std::move(r);
  };

  std::vector<std::vector<PatternMatch>> matches;
  matches.reserve(book.rules.size());
  // Rules lacking a required word in this sentence are not tried: marked off word by word from the
  // words the sentence has, instead of each rule testing each of its words (find_matches still checks).
  thread_local std::vector<std::uint64_t> groups_seen;
  bool indexed = book.required_groups.size() == book.rules.size() && book.groups_by_word.size() == book.words.size();
  groups_seen.assign(book.rules.size(), 0);
  for (const auto& [pos, id] : index.words().hits())
    if (indexed)
      for (const auto& [rule, bit] : book.groups_by_word[static_cast<std::size_t>(id)]) groups_seen[rule] |= bit;
  for (std::size_t k = 0; k < book.rules.size(); ++k) {
    bool possible = !indexed || (groups_seen[k] & book.required_groups[k]) == book.required_groups[k];
    matches.push_back(possible ? find_matches(book.rules[k], index, book) : std::vector<PatternMatch>{});
  }

  // A post written once belongs to the person it is written against: of the rules that read
  // "某院副院长" as someone's post, the most specific reading of that occurrence wins.
  std::map<std::uint32_t, float> post_claims;
  for (std::size_t k = 0; k < book.rules.size(); ++k) {
    if (book.rules[k].rel != graph::RelType::serves_as) continue;
    for (const auto& match : matches[k]) {
      float& best = post_claims[match.anchor_begin];
      best = std::max(best, book.rules[k].confidence);
    }
  }

  std::optional<SentenceHedges> hedges;  // found at the first match
  for (std::size_t k = 0; k < book.rules.size(); ++k) {
    const auto& rule = book.rules[k];
    for (const auto& match : matches[k]) {
      if (rule.rel == graph::RelType::serves_as && rule.confidence < post_claims[match.anchor_begin]) continue;
      // A cue after the trigger but before the verb it governs (甲与乙计划签署) hedges too, within the clause.
      std::uint32_t hedge_end = match.anchor_end;
      if (match.end > hedge_end && index.clause_breaks(hedge_end, match.end) == 0) hedge_end = match.end;
      if (!hedges) hedges.emplace(index, rules_->hedges);
      bool hedged = hedges->hedged(match.anchor_begin, hedge_end);
      std::vector<End> srcs;
      for (int i : match.src) srcs.push_back({mentions[i].canonical, i, mentions[i].resolved_reference, 1.0f});
      if (srcs.empty()) {
        auto subject = elided_subject(rule, match, index, context);
        if (!subject) continue;
        srcs.push_back(*subject);
      }
      // 甲、乙分别与丙、丁签约: each source with the destination in its place, not every pair.
      if (respectively(match, mentions, index.text())) {
        for (std::size_t i = 0; i < srcs.size(); ++i) {
          int d = match.dst[i];
          add(rule, match, srcs[i], {mentions[d].canonical, d, mentions[d].resolved_reference, 1.0f}, hedged);
        }
        continue;
      }
      for (const auto& s : srcs) {
        for (int d : match.dst) add(rule, match, s, {mentions[d].canonical, d, mentions[d].resolved_reference, 1.0f}, hedged);
        if (match.dst_name.empty()) continue;
        for (const auto& name : province_as_named(match.dst_name, mentions, context, book))
          add(rule, match, s, {name, -1, false, 1.0f}, hedged);
      }
    }
  }
  for (const auto& team : aid_teams(mentions, book, sentence)) {
    for (const auto& name : province_as_named(team.dst, mentions, context, book)) {
      ExtractedRelation r = team;
      r.dst = name;
      if (seen.emplace(key_of(r), out.size()).second) out.push_back(std::move(r));
    }
  }
  drop_redundant_works_for(out);
  drop_implied_destinations(out, book);
  drop_party_government_support(out, mentions);
  helper_by_rank(out);
  drop_partnership_inside_co_building(out);
  drop_own_region_aid(out);
  money_passed_on(out);
  goods_are_support(out, sentence.text);
  return out;
}

}  // namespace bangfu::ingest
