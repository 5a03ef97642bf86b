#include "ingest/resolve.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>

#include "ingest/utf8.hpp"

namespace bangfu::ingest {
namespace {

using graph::EntityType;

bool is_org(EntityType t) { return !graph::is_region(t) && t != EntityType::Person; }

EntityType level_type(const std::string& level) {
  if (level == "省" || level == "自治区") return EntityType::Province;
  if (level == "市" || level == "州" || level == "盟" || level == "地区") return EntityType::City;
  return EntityType::County;
}

struct UnionFind {
  std::vector<int> parent;
  int add() {
    parent.push_back(static_cast<int>(parent.size()));
    return parent.back();
  }
  int find(int x) { return parent[x] == x ? x : parent[x] = find(parent[x]); }
  void join(int a, int b) { parent[find(a)] = find(b); }
};

// One group of surfaces believed to be the same thing, before union-find merges groups.
struct Group {
  std::string key;
  std::map<std::string, int> surfaces;  // surface → times used
  std::map<EntityType, int> types;
  int division = -1;
  int last_region = -1;                 // organizations: the division written last in front of the name
  std::string body;                     // organizations: the name after its regions
  std::string suffix;                   // organizations: the typed ending (医院, 委员会 …)
  bool named = false;                   // written as a name at least once (not only by reference)
};

// Where a candidate went: the group it names (or -1 when dropped).
struct Placed {
  std::size_t sentence = 0;
  const Candidate* candidate = nullptr;
  int group = -1;
  bool reference = false;
};

class DocResolver {
 public:
  DocResolver(const Recognizer& rec, const Gazetteer& gaz, const std::map<std::string, std::string>& user_names,
              const std::vector<Sentence>& sentences, const std::vector<std::vector<Candidate>>& candidates,
              std::string source)
      : rec_(rec), gaz_(gaz), user_names_(user_names), sentences_(sentences), candidates_(candidates),
        source_(std::move(source)) {}

  Resolution run();

 private:
  void vote_regions();
  int pick_division(const std::vector<int>& ids) const;
  bool isolated_short_form(const Candidate& c, int division) const;
  void merge_abbreviations();
  int group_for(const std::string& key);
  void place_names();
  void place_references();
  int publisher_of(EntityType type);
  int find_publisher(EntityType type);
  std::map<EntityType, int> publishers_;
  int unnamed_self(const Candidate& c);
  int article_subject(EntityType type);
  int first_named_in(std::size_t sentence, EntityType type) const;
  bool describes_itself(const Placed& p) const;
  bool object_of_action(const Placed& p) const;
  bool acts_as_self(const Placed& p, const std::set<int>& counterparts);
  bool helps_in_clause(const Placed& p) const;
  bool dash_alias(const Placed& a, const Placed& b) const;
  void merge_numbered_hospitals();
  int place_name(const Candidate& c);
  void place_source();
  void merge_cobuilt_names();
  std::string cobuilt_region(const Group& h) const;
  bool joined_hospital_name(const Group& h) const;
  std::pair<std::string, std::string> affiliated_local_name(const Group& h) const;
  void merge_abbreviated_affiliates();
  void merge_aid_bodies();
  void merge_aliases();
  void name_university_affiliates();
  void merge_affiliate_short_names();
  int region_group(EntityType level, std::string_view surface);
  int leading_division(const Candidate& c, EntityType level) const;
  int publisher_region(EntityType level) const;
  int article_division(EntityType level, const std::string& word);
  Resolution build();

  const Recognizer& rec_;
  const Gazetteer& gaz_;
  const std::map<std::string, std::string>& user_names_;  // user lexicon: name or alias → name
  const std::vector<Sentence>& sentences_;
  const std::vector<std::vector<Candidate>>& candidates_;
  std::string source_;                       // the page's stated source, as normalized text
  std::vector<Candidate> source_candidates_;
  int source_name_ = -1;                     // index in source_candidates_ of the source's one name
  std::map<int, int> province_votes_, division_votes_;
  std::map<int, std::set<std::string>> province_surfaces_;  // province → distinct surfaces that lie in it
  int province_ = -1;
  std::vector<Group> groups_;
  std::unordered_map<std::string, int> by_key_;
  UnionFind uf_;
  std::vector<Placed> placed_;
  std::set<std::pair<int, std::string>> reference_aliases_;  // (group, 我省) aliases worth keeping
};

void DocResolver::vote_regions() {
  auto vote = [&](const std::vector<int>& ids, const std::string& surface) {
    if (ids.empty()) return;
    std::set<int> provinces;
    for (int id : ids) provinces.insert(gaz_.province_of(id));
    for (int p : provinces) province_surfaces_[p].insert(surface);
    if (provinces.size() == 1) province_votes_[*provinces.begin()] += 1;
    if (ids.size() == 1) division_votes_[ids[0]] += 1;
  };
  for (const auto& cs : candidates_)
    for (const auto& c : cs) {
      if (!c.divisions.empty()) vote(c.divisions, c.surface);
      for (int id : c.leading)
        if (id >= 0) vote(gaz_.find(gaz_.at(id).name), gaz_.at(id).name);
    }
  int best = 0;
  for (auto [p, n] : province_votes_)
    if (n > best) best = n, province_ = p;
}

// Of the divisions a name may be, the one in the article's province, else the most mentioned one.
int DocResolver::pick_division(const std::vector<int>& ids) const {
  if (ids.empty()) return -1;
  int best = ids.front(), score = -1;
  for (int id : ids) {
    int s = (gaz_.province_of(id) == province_ ? 1000 : 0) + (division_votes_.count(id) ? division_votes_.at(id) : 0) +
            province_votes_.count(gaz_.province_of(id)) * 10;
    if (s > score) score = s, best = id;
  }
  return best;
}

// 惠民 in 健康惠民, 同心 in 山海同心: a county's short form standing alone, with nothing else in the
// document lying in its province, is an ordinary word rather than a place.
bool DocResolver::isolated_short_form(const Candidate& c, int division) const {
  if (division < 0 || c.inner || c.rule != "gazetteer" || gaz_.at(division).level != EntityType::County) return false;
  for (int id : c.divisions)
    if (gaz_.is_full_name(id, c.surface)) return false;
  // 东乡县, a listed name with its level word, is a place even when two counties (or a former name) share
  // it; 大城市 (a short form and a level the list does not give it) stays a word.
  if (utf8::length(c.surface) >= 3 && !gaz_.find(c.surface).empty())
    for (std::string_view level : {"县", "区", "市", "旗"})
      if (c.surface.ends_with(level)) return false;
  auto it = province_surfaces_.find(gaz_.province_of(division));
  return it == province_surfaces_.end() || (it->second.size() == 1 && *it->second.begin() == c.surface);
}

int DocResolver::group_for(const std::string& key) {
  auto it = by_key_.find(key);
  if (it != by_key_.end()) return it->second;
  int id = uf_.add();
  Group g;
  g.key = key;
  groups_.push_back(std::move(g));
  by_key_[key] = id;
  return id;
}

void DocResolver::place_names() {
  for (std::size_t si = 0; si < candidates_.size(); ++si) {
    for (const auto& c : candidates_[si]) {
      if (!c.reference.empty() && c.reference != "level-name") continue;
      int g = place_name(c);
      if (g >= 0) placed_.push_back(Placed{si, &c, g, false});
    }
  }
}

// The group a written name belongs to (made when new), or -1 for a region's isolated short form.
int DocResolver::place_name(const Candidate& c) {
  std::string key;
  int division = -1, last_region = -1;
  std::string body = c.surface.substr(c.body);
  std::string key_body = rec_.abbreviate(body);
  if (c.rule == "user") {
    auto it = user_names_.find(c.surface);
    key = "U" + (it == user_names_.end() ? c.surface : it->second);
  } else if (graph::is_region(c.type)) {
    division = pick_division(c.divisions);
    if (isolated_short_form(c, division)) return -1;
    key = division >= 0 ? "D" + std::to_string(division) : "N" + c.surface;
  } else if (c.type == EntityType::Person) {
    key = "P" + c.surface;
  } else if (!c.leading.empty()) {
    int last = c.leading.back();
    last_region = last >= 0 ? pick_division(gaz_.find(gaz_.at(last).name)) : -1;
    // Leading regions were written out: key on the innermost one so 贵州省黔东南州剑河县X = 剑河县X.
    std::size_t region_bytes = c.body;
    key = "O" + std::string(graph::to_string(c.type)) + "|" +
          (last_region >= 0 ? "D" + std::to_string(last_region) : c.surface.substr(0, region_bytes)) + "|" + key_body;
  } else if (!c.level.empty()) {
    EntityType lt = level_type(c.level);
    int region = lt == EntityType::Province ? province_ : article_division(lt, c.level);
    // 区卫健委 in an article of an autonomous region that names no district: the region itself (广西, 西藏 …).
    if (region < 0 && c.level == "区" && province_ >= 0 && gaz_.at(province_).name.ends_with("自治区")) region = province_;
    last_region = region;
    key = "O" + std::string(graph::to_string(c.type)) + "|" +
          (region >= 0 ? "D" + std::to_string(region) : "L" + c.level) + "|" + key_body;
  } else {
    key = "O" + std::string(graph::to_string(c.type)) + "||" + rec_.abbreviate(c.surface);
  }
  int g = group_for(key);
  Group& grp = groups_[g];
  grp.surfaces[c.surface] += 1;
  grp.types[c.type] += 1;
  grp.division = division;
  grp.last_region = last_region;
  grp.body = body;
  if (c.rule.rfind("suffix:", 0) == 0) grp.suffix = c.rule.substr(7);
  grp.named = true;
  // 贵州省黔东南州剑河县人民医院 is also 剑河县人民医院: the name from its innermost region on.
  if (c.leading.size() >= 2 && c.last_region > 0) reference_aliases_.insert({g, c.surface.substr(c.last_region)});
  return g;
}

// The page's stated source (来源: 某某医院) when it is one institution's whole name: in that institution's
// own news, 我院 is it, even when the text never names it.
void DocResolver::place_source() {
  if (source_.empty()) return;
  source_candidates_ = rec_.recognize(source_);
  for (const auto& c : source_candidates_) {
    bool whole = c.begin == 0 && c.end == source_.size();
    bool institution = c.type == EntityType::Hospital || c.type == EntityType::University;
    if (!whole || !institution || !c.reference.empty() || c.inner) continue;
    source_name_ = static_cast<int>(&c - source_candidates_.data());
    return;
  }
}

// 州卫生健康局, 市委: the most mentioned division of that level in the article's province. 市 also
// names a county-level city (敦化市委) when one is mentioned more than any prefecture.
int DocResolver::article_division(EntityType level, const std::string& word) {
  int region = -1, best = 0, county_city = -1, county_best = 0;
  for (auto [id, n] : division_votes_) {
    const Division& d = gaz_.at(id);
    if (gaz_.province_of(id) != province_) continue;
    if (d.level == level && n > best) best = n, region = id;
    bool city_named = d.name.size() > word.size() && d.name.compare(d.name.size() - word.size(), word.size(), word) == 0;
    if (word == "市" && d.level == EntityType::County && city_named && n > county_best) county_best = n, county_city = id;
  }
  return county_best > best ? county_city : region;
}

// The entity standing for the article's own region of a level (我省 → the article's province).
// The division of `level` an institution's name starts with (番禺区卫健局 → 番禺区), or -1.
int DocResolver::leading_division(const Candidate& c, EntityType level) const {
  for (auto it = c.leading.rbegin(); it != c.leading.rend(); ++it)
    if (*it >= 0 && gaz_.at(*it).level == level) return *it;
  return -1;
}

// The body that says it publishes the article: a stated source, or a name opening the text followed by
// 讯 or 消息 (番禺区卫健局讯：…, 杭州市卫生健康委员会消息，…). Its region is 我区's, 我市's.
int DocResolver::publisher_region(EntityType level) const {
  if (source_name_ >= 0) {
    int d = leading_division(source_candidates_[static_cast<std::size_t>(source_name_)], level);
    if (d >= 0) return d;
  }
  for (std::size_t si = 0; si < candidates_.size() && si < 3; ++si) {
    std::string_view text = sentences_[si].text;
    for (const auto& c : candidates_[si]) {
      if (c.inner || c.begin > 12) continue;
      std::string_view after = text.substr(c.end);
      while (after.starts_with(" ")) after.remove_prefix(1);
      if (!after.starts_with("讯") && !after.starts_with("消息")) continue;
      int d = leading_division(c, level);
      if (d >= 0) return d;
    }
  }
  return -1;
}

int DocResolver::region_group(EntityType level, std::string_view surface) {
  int division = level == EntityType::Province ? province_ : publisher_region(level);
  if (division < 0 && level != EntityType::Province) {
    // 我州 is a 州, 我区 a 区: a division whose name ends in the reference's level word wins over others.
    std::string_view word = surface.size() >= 3 ? surface.substr(surface.size() - 3) : std::string_view();
    // In the article's province first; else anywhere (东莞的专家来到我县,在威宁县人民医院…: the votes of
    // the two provinces tie, and the only county named is 我县).
    for (bool in_province : {true, false}) {
      int best = 0;
      bool best_fits = false;
      for (auto [id, n] : division_votes_) {
        if (gaz_.at(id).level != level || (in_province && province_ >= 0 && gaz_.province_of(id) != province_)) continue;
        bool fits = !word.empty() && gaz_.at(id).name.ends_with(word);
        if ((fits && !best_fits) || (fits == best_fits && n > best)) best = n, division = id, best_fits = fits;
      }
      if (division >= 0 || province_ < 0) break;
    }
  }
  if (division < 0) return -1;
  int g = group_for("D" + std::to_string(division));
  groups_[g].division = division;
  groups_[g].types[level] += 0;
  return g;
}

namespace {

bool first_person(const Candidate& c) { return c.surface.rfind("我", 0) == 0 || c.surface.rfind("本", 0) == 0; }

// Is byte `pos` of `text` inside a quotation (“…” or "…")?
bool quoted(const std::string& text, std::size_t pos) {
  int open = 0, ascii = 0;
  for (std::size_t i = 0; i < pos && i < text.size(); ++i) {
    if (text.compare(i, 3, "“") == 0) ++open;
    else if (text.compare(i, 3, "”") == 0) open = std::max(0, open - 1);
    else if (text[i] == '"') ++ascii;
  }
  return open > 0 || ascii % 2 == 1;
}

}  // namespace

// Does byte `pos` open its sentence (only a date or a connective such as 同时, before a comma, precedes it)?
static bool opens_sentence(std::string_view text, std::size_t pos) {
  if (pos == 0) return true;
  return static_cast<unsigned char>(text[pos - 1]) < 0x80 && text.substr(0, pos).find_first_of(",") == pos - 1 &&
         pos <= 30;
}

// In an article an institution publishes about itself, 我院 is that institution: the first one of
// the type the article names, when it names one before it first says 我院. Otherwise none (-1).
int DocResolver::publisher_of(EntityType type) {
  // Asked at every 我院 of the article: found once per type.
  auto known = publishers_.find(type);
  if (known != publishers_.end()) return known->second;
  return publishers_[type] = find_publisher(type);
}

int DocResolver::find_publisher(EntityType type) {
  // Placed only now: a source line is page furniture, an entity only when 我院 means it.
  if (source_name_ >= 0 && source_candidates_[static_cast<std::size_t>(source_name_)].type == type)
    return place_name(source_candidates_[static_cast<std::size_t>(source_name_)]);
  // Sentences that say 我院, and the institutions named in the same clause: its counterparts (the one it
  // signs with or visits), never itself.
  std::set<std::size_t> with_self;
  for (std::size_t si = 0; si < candidates_.size(); ++si)
    for (const auto& c : candidates_[si])
      if (c.reference == "nearest" && c.type == type && first_person(c)) with_self.insert(si);
  if (with_self.empty()) return -1;
  std::set<int> counterparts;
  for (const auto& p : placed_) {
    if (p.reference || p.candidate->type != type || !with_self.count(p.sentence)) continue;
    const std::string& text = sentences_[p.sentence].text;
    for (const auto& c : candidates_[p.sentence]) {
      if (c.reference != "nearest" || c.type != type || !first_person(c)) continue;
      std::size_t from = std::min(c.end, p.candidate->end), to = std::max(c.begin, p.candidate->begin);
      std::string_view between = from < to ? std::string_view(text).substr(from, to - from) : std::string_view();
      if (between.find_first_of(",;") == std::string_view::npos) counterparts.insert(uf_.find(p.group));
    }
  }
  std::size_t first_ref_sentence = *with_self.begin(), first_ref_begin = 0;
  for (const auto& c : candidates_[first_ref_sentence])
    if (c.reference == "nearest" && c.type == type && first_person(c)) {
      first_ref_begin = c.begin;
      break;
    }
  // The earliest institution of the type named before the first 我院 (placed_ holds names first and
  // references after them, so the earliest is searched for); else, with no counterpart named, the
  // earliest named after it.
  // A later name that is the object of the help (在乙医院开展帮扶, 赴乙医院) is not the publisher; with a
  // counterpart named, a later name must also show itself as the actor: it describes itself (某医院是…), its
  // officials follow it (某医院党委书记某某), or it stands in 我院's place beside the counterpart (某医院与乙签约).
  // Hospitals 我院's own sentences name as the object of its acts (我院选派专家,进驻乙医院) are counterparts too.
  for (const auto& p : placed_)
    if (!p.reference && p.candidate->type == type && with_self.count(p.sentence) && object_of_action(p))
      counterparts.insert(uf_.find(p.group));
  for (bool before : {true, false}) {
    bool describing = !before && !counterparts.empty();
    const Placed* earliest = nullptr;
    const Placed* actor = nullptr;  // after it: the earliest that acts as the publisher would
    for (const auto& p : placed_) {
      bool is_before = p.sentence < first_ref_sentence ||
                       (p.sentence == first_ref_sentence && p.candidate->begin < first_ref_begin);
      if (before != is_before) continue;
      if (!before && object_of_action(p)) continue;
      // 省人民医院 (a level name resolved to the article's province's hospital) names it as well.
      bool named = !p.reference || p.candidate->reference == "level";
      if (!named || p.candidate->inner || p.candidate->type != type || counterparts.count(uf_.find(p.group)) ||
          (!before && with_self.count(p.sentence)))
        continue;
      auto earlier = [&](const Placed* q) {
        return !q || p.sentence < q->sentence || (p.sentence == q->sentence && p.candidate->begin < q->candidate->begin);
      };
      if (earlier(earliest)) earliest = &p;
      if (!before && (acts_as_self(p, counterparts) || helps_in_clause(p)) && earlier(actor)) actor = &p;
    }
    if (before && earliest) return earliest->group;
    if (!before && actor) return actor->group;
    // With a counterpart named, a later name must act as the publisher to be it.
    if (!before && earliest && !describing) return earliest->group;
  }
  return -1;
}

// Does the name open a clause that says it helps (某医院自2019年起对口帮扶乙医院, 某医院选派专家…)?
bool DocResolver::helps_in_clause(const Placed& p) const {
  const std::string& text = sentences_[p.sentence].text;
  std::size_t end = text.find_first_of(",;", p.candidate->end);
  std::string_view rest = std::string_view(text).substr(p.candidate->end, end == std::string::npos ? std::string::npos
                                                                                                  : end - p.candidate->end);
  for (std::string_view verb : {"帮扶", "支援", "援助", "托管", "选派", "派出", "派驻", "援建"})
    if (rest.find(verb) != std::string_view::npos) return true;
  return false;
}

// Is the name written as the place or object of an act (在乙医院, 赴乙医院, 帮扶乙医院, 与乙医院)?
bool DocResolver::object_of_action(const Placed& p) const {
  std::string_view before = std::string_view(sentences_[p.sentence].text).substr(0, p.candidate->begin);
  if (before.ends_with("了")) before.remove_suffix(3);
  for (std::string_view word : {"在", "到", "赴", "前往", "抵达", "来到", "走进", "进驻", "入驻", "帮扶", "支援", "援助",
                                "托管", "向", "为", "给", "对", "与", "和", "同", "及", "、", "挂职", "挂任", "担任", "帮助",
                                "服务"})
    if (before.ends_with(word)) return true;
  return false;
}

// Does a later name act as the publisher would: describing itself, followed by its officials' titles
// (某医院党委书记), or joined to one of 我院's counterparts (某医院与乙医院签约)?
bool DocResolver::acts_as_self(const Placed& p, const std::set<int>& counterparts) {
  if (describes_itself(p)) return true;
  const std::string& text = sentences_[p.sentence].text;
  if (rec_.title_at(text, p.candidate->end) > 0) return true;
  std::string_view after = std::string_view(text).substr(p.candidate->end);
  for (std::string_view joiner : {"与", "和", "同"}) {
    if (!after.starts_with(joiner)) continue;
    std::size_t at = p.candidate->end + joiner.size();
    for (const auto& q : placed_)
      if (q.sentence == p.sentence && q.candidate->begin == at && counterparts.count(uf_.find(q.group))) return true;
  }
  return false;
}

// Does the name open its sentence as the subject of a description (某医院是…, 始建于…, 位于…)?
bool DocResolver::describes_itself(const Placed& p) const {
  const std::string& text = sentences_[p.sentence].text;
  if (!opens_sentence(text, p.candidate->begin)) return false;
  std::string_view after = std::string_view(text).substr(p.candidate->end);
  for (std::string_view verb : {"是", "始建于", "创建于", "建于", "成立于", "位于", "系", "作为"})
    if (after.substr(0, verb.size()) == verb) return true;
  return false;
}

// 湘西州人民医院——吉首大学第一附属医院 is one hospital under two names; 贵州省人民医院—赤水市人民医院 and
// 贵州医科大学附属医院—正安县人民医院 are pairs of a list (who helps whom). Two names of different places
// are one hospital only when one is a university's (its city lying in the other's prefecture).
bool DocResolver::dash_alias(const Placed& a, const Placed& b) const {
  int pa = groups_[a.group].last_region, pb = groups_[b.group].last_region;
  if (pa < 0 || pb < 0 || pa == pb) return true;
  auto university = [](const Placed& p) {
    const std::string& n = p.candidate->surface;
    return n.find("大学") != std::string::npos || n.find("医学院") != std::string::npos;
  };
  if (!university(a) && !university(b)) return false;
  bool provincial = gaz_.at(pa).level == EntityType::Province || gaz_.at(pb).level == EntityType::Province;
  return !provincial && (gaz_.contains(pa, pb) || gaz_.contains(pb, pa));
}

// The group of the first named (not referred) entity of `type` written in sentence `sentence`.
// 由甲与乙共建的丙正式开诊: 甲 is the agent inside a modifier; the clause is about 丙.
static bool agent_in_modifier(std::string_view text, const Candidate& c) {
  std::size_t from = text.substr(0, c.begin).find_last_of(",;");
  from = from == std::string_view::npos ? 0 : from + 1;
  std::size_t to = text.find_first_of(",;", c.end);
  std::string_view before = text.substr(from, c.begin - from);
  std::string_view after = text.substr(c.end, to == std::string_view::npos ? std::string_view::npos : to - c.end);
  return before.find("由") != std::string_view::npos && after.find("的") != std::string_view::npos;
}

int DocResolver::first_named_in(std::size_t sentence, EntityType type) const {
  const Placed* first = nullptr;
  const Placed* first_head = nullptr;  // the first not written as the agent of a modifier
  for (const auto& p : placed_) {
    if (p.sentence != sentence || p.reference || p.candidate->type != type) continue;
    if (!first || p.candidate->begin < first->candidate->begin) first = &p;
    if (!agent_in_modifier(sentences_[sentence].text, *p.candidate) &&
        (!first_head || p.candidate->begin < first_head->candidate->begin))
      first_head = &p;
  }
  if (first_head) return first_head->group;
  return first ? first->group : -1;
}


// Bare 医院 where several hospitals would fit (医院党委书记甲谈到…): the one the article is about, its
// publisher (我院), else the hospital it names most, at least three times and more often than any other.
// -1 when none stands out.
int DocResolver::article_subject(EntityType type) {
  int pub = publisher_of(type);
  if (pub >= 0) return uf_.find(pub);
  std::map<int, int> named;  // root → names written
  for (std::size_t gi = 0; gi < groups_.size(); ++gi) {
    int root = uf_.find(static_cast<int>(gi));
    const Group& grp = groups_[gi];
    if (!grp.named || grp.types.count(type) == 0 || grp.key.rfind("O", 0) != 0) continue;
    for (const auto& [surface, n] : groups_[gi].surfaces) named[root] += n;
  }
  int best = -1, first = 0, second = 0;
  for (const auto& [root, n] : named) {
    if (n > first) {
      second = first;
      first = n;
      best = root;
    } else if (n > second) {
      second = n;
    }
  }
  return first >= 3 && first > second ? best : -1;
}

// An article that never names the institution it calls 我院 still speaks of one institution: it is an
// entity of its own, named 我院.
int DocResolver::unnamed_self(const Candidate& c) {
  int g = group_for("S|" + std::string(graph::to_string(c.type)));
  Group& grp = groups_[g];
  grp.surfaces[c.surface] += 1;
  grp.types[c.type] += 1;
  grp.named = true;
  return g;
}

void DocResolver::place_references() {
  for (std::size_t si = 0; si < candidates_.size(); ++si) {
    for (const auto& c : candidates_[si]) {
      if (c.reference.empty() || c.reference == "level-name") continue;
      int g = -1;
      if (c.reference == "region") {
        g = region_group(c.type, c.surface);
        if (g >= 0 && (c.surface.rfind("我", 0) == 0 || c.surface.rfind("本", 0) == 0))
          reference_aliases_.insert({g, c.surface});
      } else if (c.reference == "nearest") {
        // 我院 outside a quotation is the publisher (see publisher_of); inside one, the speaker's, as 该院.
        if (first_person(c) && !quoted(sentences_[si].text, c.begin)) {
          g = publisher_of(c.type);
          if (g < 0) g = unnamed_self(c);
        }
        if (g >= 0) reference_aliases_.insert({g, c.surface});
        // The nearest preceding named entity of the type (该院 → the hospital last written). When 该院 opens
        // its sentence and that hospital was written in an earlier one, it continues the topic: the
        // earlier sentence's first hospital, its subject, rather than its last, an object.
        // 甲院选派专家帮扶乙院,其中该院某科主任…: 其中 picks out of the sent, so 该院 is the sender, the
        // sentence's first hospital.
        std::string_view before = std::string_view(sentences_[si].text).substr(0, c.begin);
        if (g < 0 && (before.ends_with("其中") || before.ends_with("其中,"))) {
          for (const auto& p : placed_)
            if (p.sentence == si && !p.reference && p.candidate->type == c.type && p.candidate->begin < c.begin) {
              g = p.group;  // placed_ holds a sentence's names in order: the first is the subject
              break;
            }
        }
        for (auto it = placed_.rbegin(); g < 0 && it != placed_.rend(); ++it) {
          if (it->reference || it->sentence > si || (it->sentence == si && it->candidate->begin >= c.begin)) continue;
          if (it->candidate->type == c.type) {
            g = it->group;
            if (it->sentence < si && opens_sentence(sentences_[si].text, c.begin)) g = first_named_in(it->sentence, c.type);
            break;
          }
        }
      } else {
        // 州医院 / 县医院 (level) and 医共体 / 卫生院 (bare): the one entity of the document that fits.
        std::string tail = c.surface.substr(c.body);
        std::set<int> fits;
        for (std::size_t gi = 0; gi < groups_.size(); ++gi) {
          const Group& grp = groups_[gi];
          if (!grp.named || grp.types.count(c.type) == 0 || grp.key.rfind("O", 0) != 0) continue;
          bool ends = false;
          for (const auto& [s, n] : grp.surfaces)
            ends = ends || (s.size() > tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0);
          if (!ends) continue;
          if (c.reference == "level") {
            if (grp.last_region < 0) continue;
            const Division& d = gaz_.at(grp.last_region);
            bool level_ok = d.level == level_type(c.level) &&
                            (c.level != "州" || d.name.size() < 3 || d.name.compare(d.name.size() - 3, 3, "州") == 0);
            if (!level_ok) continue;
          }
          fits.insert(uf_.find(static_cast<int>(gi)));
        }
        // Only where 医院 opens a clause (,医院院长甲表示): after other words (帮扶医院) it is a kind of place.
        bool opens = c.begin == 0 || static_cast<unsigned char>(sentences_[si].text[c.begin - 1]) < 0x80;
        if (fits.size() > 1 && c.reference == "bare" && c.surface == "医院" && opens) g = article_subject(c.type);
        if (fits.size() == 1) g = *fits.begin();
        if (g >= 0) {
          reference_aliases_.insert({g, c.surface});
        } else if (fits.empty() && c.reference == "level" && c.type != EntityType::Consortium &&
                   c.surface.size() > c.body + 6) {
          // 县人民医院 with no county hospital named in full: the article still names one hospital.
          g = group_for("L" + std::string(graph::to_string(c.type)) + "|" + c.surface);
          Group& grp = groups_[g];
          grp.surfaces[c.surface] += 1;
          grp.types[c.type] += 1;
          grp.named = true;
        }
      }
      if (g >= 0) placed_.push_back(Placed{si, &c, g, true});
    }
  }
}

// "(" or "(下称“", "(以下简称\"" …: what opens an alternate name right after a name.
bool alias_bracket(std::string_view between) {
  if (between.substr(0, 1) != "(") return false;
  between.remove_prefix(1);
  for (std::string_view intro : {"以下简称", "以下称", "下称", "简称"})
    if (between.substr(0, intro.size()) == intro) {
      between.remove_prefix(intro.size());
      break;
    }
  for (std::string_view quote : {"“", "\""})
    if (between.substr(0, quote.size()) == quote) between.remove_prefix(quote.size());
  return between.empty();
}

// 甲托管乙县人民医院,并命名为“甲乙分院”: what stands between a name and the next one renames it.
bool renamed_as(std::string_view between) {
  constexpr std::size_t kMaxBytes = 30;  // ",并正式" and the like, no clause of its own
  if (between.size() > kMaxBytes) return false;
  for (std::string_view quote : {"“", "\""})
    if (between.size() >= quote.size() && between.substr(between.size() - quote.size()) == quote)
      between.remove_suffix(quote.size());
  for (std::string_view verb : {"命名为", "更名为", "挂牌为", "冠名为", "加挂", "挂牌"})
    if (between.size() >= verb.size() && between.substr(between.size() - verb.size()) == verb) return true;
  return false;
}

// Does the alternate end at `pos` with ")" (after an optional closing quote)?
bool closes_alias(const std::string& text, std::size_t pos) {
  for (std::string_view quote : {"”", "\""})
    if (text.compare(pos, quote.size(), quote) == 0) pos += quote.size();
  return text.compare(pos, 1, ")") == 0;
}

void DocResolver::merge_aliases() {
  // A(B) and A——B: the same thing under two names.
  for (std::size_t i = 0; i + 1 < placed_.size(); ++i) {
    const Placed& a = placed_[i];
    for (std::size_t j = i + 1; j < placed_.size() && placed_[j].sentence == a.sentence; ++j) {
      const Placed& b = placed_[j];
      if (a.reference || b.reference || a.candidate->inner || b.candidate->inner) continue;
      const std::string& text = sentences_[a.sentence].text;
      if (b.candidate->begin < a.candidate->end) continue;
      std::string_view between(text.data() + a.candidate->end, b.candidate->begin - a.candidate->end);
      bool paren = alias_bracket(between) && closes_alias(text, b.candidate->end);
      bool dash = (between == "——" || between == "—" || between == "--") && dash_alias(a, b);
      // The new name is not the name of the one that acts on it (甲托管乙,并命名为“甲”… is 甲 read short).
      bool actor = i > 0 && placed_[i - 1].sentence == a.sentence && uf_.find(placed_[i - 1].group) == uf_.find(b.group);
      bool renamed = j == i + 1 && renamed_as(between) && a.candidate->type == b.candidate->type && !actor;
      bool same_kind = (is_org(a.candidate->type) && is_org(b.candidate->type)) ||
                       (graph::is_region(a.candidate->type) && graph::is_region(b.candidate->type));
      if ((paren || dash || renamed) && same_kind) uf_.join(b.group, a.group);
    }
  }
  // 贵阳市云岩区 / 贵阳云岩: places written one after the other; the pair also names the inner one.
  for (std::size_t i = 0; i + 1 < placed_.size(); ++i) {
    const Placed& a = placed_[i];
    const Placed& b = placed_[i + 1];
    if (a.sentence != b.sentence || a.reference || b.reference || a.candidate->end != b.candidate->begin) continue;
    if (!graph::is_region(a.candidate->type) || !graph::is_region(b.candidate->type)) continue;
    int outer = groups_[a.group].division, inner = groups_[b.group].division;
    bool below = inner >= 0 ? outer >= 0 && outer != inner && gaz_.contains(outer, inner) : outer >= 0;
    if (below) reference_aliases_.insert({b.group, a.candidate->surface + b.candidate->surface});
  }
  // 威宁医院: a region's short form plus 医院 is that region's one hospital named in full, or the one
  // hospital whose name ends with it (吉林大学第一医院敦化医院, a university hospital's branch).
  auto ends_with_name = [&](const Group& h, const Group& g) {
    for (const auto& [full, n] : h.surfaces)
      for (const auto& [part, m] : g.surfaces)
        if (full.size() > part.size() && full.compare(full.size() - part.size(), part.size(), part) == 0) return true;
    return false;
  };
  for (std::size_t gi = 0; gi < groups_.size(); ++gi) {
    const Group& g = groups_[gi];
    if (g.body != "医院" || g.last_region < 0) continue;
    std::set<int> same;
    for (std::size_t hi = 0; hi < groups_.size(); ++hi) {
      const Group& h = groups_[hi];
      if (hi == gi || !h.types.count(EntityType::Hospital) || h.body == "医院") continue;
      bool ends = h.named && ends_with_name(h, g);
      // 甲省人民医院乙医院 is a co-built hospital in 乙, not 甲省's own hospital.
      if ((h.last_region == g.last_region && !joined_hospital_name(h)) || ends) same.insert(uf_.find(static_cast<int>(hi)));
    }
    if (same.size() == 1) uf_.join(static_cast<int>(gi), *same.begin());
  }
  merge_cobuilt_names();
  merge_abbreviations();
  merge_aid_bodies();
  merge_numbered_hospitals();
}

// 甲医院乙医院 (贵州医科大学附属医院黔东南医院): the name a hospital of 乙 takes when 甲 co-builds or runs it.
// Returns 乙 of the first such surface, or "" when the group has none.
std::string DocResolver::cobuilt_region(const Group& h) const {
  static const std::string kHospital = "医院";
  for (const auto& [name, n] : h.surfaces) {
    std::size_t inner = name.find(kHospital);
    if (inner == std::string::npos || inner == 0 || name.size() < kHospital.size() ||
        name.compare(name.size() - kHospital.size(), kHospital.size(), kHospital) != 0)
      continue;
    std::size_t from = inner + kHospital.size(), to = name.size() - kHospital.size();
    if (to > from && utf8::length(std::string_view(name).substr(from, to - from)) <= 5) return name.substr(from, to - from);
  }
  return {};
}

bool DocResolver::joined_hospital_name(const Group& h) const {
  if (!cobuilt_region(h).empty()) return true;
  for (const auto& [name, n] : h.surfaces)
    if (name.find("附属") != std::string::npos) return true;
  return false;
}

// 大连理工大学附属中心医院, 安医大附属安庆第一人民医院: a university's affiliated hospital named after a
// city's own hospital (大连市中心医院, 安庆市第一人民医院). Returns {region, body} of the first such surface:
// the region written after 附属, else the one the university's name opens with.
std::pair<std::string, std::string> DocResolver::affiliated_local_name(const Group& h) const {
  static const std::string kAffiliated = "附属";
  for (const auto& [name, n] : h.surfaces) {
    std::size_t at = name.find(kAffiliated);
    if (at == std::string::npos || at == 0) continue;
    std::string head = name.substr(0, at), tail = name.substr(at + kAffiliated.size());
    bool university = false;
    for (const char* end : {"大学", "学院", "大"})
      university = university || (head.size() > std::strlen(end) && head.compare(head.size() - std::strlen(end), std::string::npos, end) == 0);
    if (!university) continue;
    std::size_t region = gaz_.longest_at(tail, 0);
    std::string place = region ? tail.substr(0, region) : head.substr(0, gaz_.longest_at(head, 0));
    std::string body = tail.substr(region);
    if (!place.empty() && body != "医院" && utf8::length(body) >= 3 && body.find("附属") == std::string::npos)
      return {place, body};
  }
  return {};
}

// The co-built name and the local hospital's own name (黔东南州人民医院) are one hospital when the
// article names exactly one hospital of 乙.
void DocResolver::merge_cobuilt_names() {
  for (std::size_t hi = 0; hi < groups_.size(); ++hi) {
    const Group& h = groups_[hi];
    if (!h.named || !h.types.count(EntityType::Hospital)) continue;
    std::string region = cobuilt_region(h);
    if (region.empty()) continue;
    const std::vector<int>& ids = gaz_.find(region);
    if (ids.empty()) continue;
    std::set<int> same;
    for (std::size_t gi = 0; gi < groups_.size(); ++gi) {
      const Group& g = groups_[gi];
      if (gi == hi || !g.named || !g.types.count(EntityType::Hospital) || g.last_region < 0 || joined_hospital_name(g)) continue;
      // 北京协和医院贵州医院 is a new national centre in a province, not the province's own hospital.
      if (gaz_.at(g.last_region).level == EntityType::Province) continue;
      if (std::find(ids.begin(), ids.end(), g.last_region) != ids.end()) same.insert(uf_.find(static_cast<int>(gi)));
    }
    if (same.size() == 1) uf_.join(static_cast<int>(hi), *same.begin());
  }
  for (std::size_t hi = 0; hi < groups_.size(); ++hi) {
    const Group& h = groups_[hi];
    if (!h.named || !h.types.count(EntityType::Hospital)) continue;
    auto [place, body] = affiliated_local_name(h);
    if (place.empty()) continue;
    const std::vector<int>& ids = gaz_.find(place);
    std::set<int> same;
    for (std::size_t gi = 0; gi < groups_.size(); ++gi) {
      const Group& g = groups_[gi];
      if (gi == hi || !g.named || !g.types.count(EntityType::Hospital) || g.body != body || joined_hospital_name(g)) continue;
      if (std::find(ids.begin(), ids.end(), g.last_region) != ids.end()) same.insert(uf_.find(static_cast<int>(gi)));
    }
    if (same.size() == 1) uf_.join(static_cast<int>(hi), *same.begin());
  }
  merge_abbreviated_affiliates();
}

namespace {
bool ordered_subset(const std::string& part, const std::string& whole);
}  // namespace

// 江苏援青指挥部 / 江苏省对口支援青海省海南州前方指挥部: an aid body's short name keeps its province, 援,
// the first character of the aided place and the ending; it is the one full name of the same ending
// that starts in that province and names, after its 援, a place with that character.
void DocResolver::merge_aid_bodies() {
  static const std::string kAid = "援";
  for (std::size_t gi = 0; gi < groups_.size(); ++gi) {
    const Group& g = groups_[gi];
    if (!g.named || g.suffix.empty() || g.key[0] != 'O') continue;
    for (const auto& [short_name, n] : g.surfaces) {
      std::size_t region = gaz_.longest_at(short_name, 0);
      if (!region || short_name.compare(region, kAid.size(), kAid) != 0) continue;
      std::size_t c = region + kAid.size();
      if (c + 3 > short_name.size()) continue;
      std::string aided = short_name.substr(c, 3);
      const std::vector<int>& helper = gaz_.find(std::string_view(short_name).substr(0, region));
      std::set<int> fits;
      for (std::size_t hi = 0; hi < groups_.size(); ++hi) {
        const Group& h = groups_[hi];
        if (hi == gi || !h.named || h.suffix != g.suffix) continue;
        for (const auto& [full, m] : h.surfaces) {
          std::size_t lead = gaz_.longest_at(full, 0);
          std::size_t aid = full.find(kAid, lead);
          if (!lead || full.size() <= short_name.size() || aid == std::string::npos) continue;
          const std::vector<int>& own = gaz_.find(std::string_view(full).substr(0, lead));
          bool same_helper = std::any_of(own.begin(), own.end(), [&](int id) {
            return std::find(helper.begin(), helper.end(), id) != helper.end();
          });
          if (same_helper && full.find(aided, aid + kAid.size()) != std::string::npos) fits.insert(uf_.find(static_cast<int>(hi)));
        }
      }
      if (fits.size() == 1) {
        uf_.join(static_cast<int>(gi), *fits.begin());
        break;
      }
    }
  }
}

// 安医大附属安庆第一人民医院 / 安徽医科大学附属安庆第一人民医院: the same hospital affiliated to a university
// written short (its characters in order) and in full.
void DocResolver::merge_abbreviated_affiliates() {
  static const std::string kAffiliated = "附属";
  std::vector<std::tuple<std::string, std::string, int>> names;  // head, tail, group
  for (std::size_t gi = 0; gi < groups_.size(); ++gi) {
    const Group& g = groups_[gi];
    if (!g.named || !g.types.count(EntityType::Hospital)) continue;
    for (const auto& [name, n] : g.surfaces) {
      std::size_t at = name.find(kAffiliated);
      if (at != std::string::npos && at > 0 && at + kAffiliated.size() < name.size())
        names.emplace_back(name.substr(0, at), name.substr(at + kAffiliated.size()), static_cast<int>(gi));
    }
  }
  for (const auto& [short_head, tail, g] : names)
    for (const auto& [long_head, other_tail, h] : names)
      if (g != h && tail == other_tail && utf8::length(long_head) > utf8::length(short_head) &&
          ordered_subset(short_head, long_head))
        uf_.join(g, h);
}

namespace {

// The part of an organization's name between its regions and its ending (阜外 of 云南阜外医院).
std::string core_of(const std::string& body, const std::string& suffix) {
  if (suffix.empty() || body.size() < suffix.size() || body.compare(body.size() - suffix.size(), suffix.size(), suffix))
    return {};
  return body.substr(0, body.size() - suffix.size());
}

// Are the characters of `part` found in `whole` in the same order, starting with its first one?
bool ordered_subset(const std::string& part, const std::string& whole) {
  std::size_t i = 0, j = 0;
  bool first = true;
  while (i < part.size() && j < whole.size()) {
    std::size_t a = utf8::seq_len(static_cast<unsigned char>(part[i]));
    std::size_t b = utf8::seq_len(static_cast<unsigned char>(whole[j]));
    bool same = part.compare(i, a, whole, j, b) == 0;
    if (first && !same) return false;
    first = false;
    if (same) i += a;
    j += b;
  }
  return i == part.size();
}

// Names that join another name (X大学附属Y医院, X医院Y分院) are not shortened by dropping characters.
bool linked_name(const std::string& core) {
  for (const char* w : {"附属", "大学", "学院", "分院", "医院"})
    if (core.find(w) != std::string::npos) return true;
  return false;
}

}  // namespace

// 云南阜外医院 / 云南省阜外心血管病医院: a short form keeps the region, the ending and, in order, some
// characters of the full name's own part; when exactly one full name of the document fits, it is that one.
// Does `suffix` abbreviate a numbered hospital (二院, 一附院, 附一院)? Such names are short for a
// university's or a city's numbered hospital (某大二院 = 某某大学第二医院).
bool numbered_hospital_ending(const std::string& suffix) {
  static const std::string kNumerals = "一二三四五六七八九";
  if (utf8::length(suffix) > 3 || suffix.size() < 6 || suffix.compare(suffix.size() - 3, 3, "院") != 0) return false;
  for (std::size_t i = 0; i + 3 <= suffix.size(); i += 3)
    if (kNumerals.find(suffix.substr(i, 3)) != std::string::npos) return true;
  return false;
}

// 吉大一院, 温医二院: a numbered hospital's abbreviation is the one hospital of the article whose name holds
// its characters in order (吉林大学第一医院), the shortest such when several do.
void DocResolver::merge_numbered_hospitals() {
  // Full names by their first character: an abbreviation keeps its name's first character.
  std::map<std::string, std::vector<std::size_t>> by_first;
  for (std::size_t hi = 0; hi < groups_.size(); ++hi) {
    const Group& h = groups_[hi];
    if (!h.named || !h.types.count(EntityType::Hospital) || numbered_hospital_ending(h.suffix)) continue;
    std::set<std::string> firsts;
    for (const auto& [full, m] : h.surfaces)
      if (!full.empty()) firsts.insert(full.substr(0, utf8::seq_len(static_cast<unsigned char>(full[0]))));
    for (const auto& f : firsts) by_first[f].push_back(hi);
  }
  for (std::size_t gi = 0; gi < groups_.size(); ++gi) {
    const Group& g = groups_[gi];
    if (!g.named || !numbered_hospital_ending(g.suffix) || !g.types.count(EntityType::Hospital)) continue;
    for (const auto& [abbr, n] : g.surfaces) {
      int best = -1;
      std::size_t best_len = 0;
      bool tie = false;
      if (abbr.empty()) continue;
      auto first = by_first.find(abbr.substr(0, utf8::seq_len(static_cast<unsigned char>(abbr[0]))));
      if (first == by_first.end()) continue;
      for (std::size_t hi : first->second) {
        const Group& h = groups_[hi];
        if (hi == gi) continue;
        for (const auto& [full, m] : h.surfaces) {
          std::size_t len = utf8::length(full);
          if (len < utf8::length(abbr) + 2 || !ordered_subset(abbr, full)) continue;
          // 某大学第一附属医院榆林医院 is that hospital's branch, not the numbered hospital itself.
          std::size_t inner = full.find("医院");
          if (inner != std::string::npos && inner + 6 < full.size()) continue;
          if (best < 0 || len < best_len) best = static_cast<int>(hi), best_len = len, tie = false;
          else if (len == best_len && uf_.find(static_cast<int>(hi)) != uf_.find(best)) tie = true;
        }
      }
      if (best >= 0 && !tie) {
        uf_.join(static_cast<int>(gi), best);
        break;
      }
    }
  }
}

void DocResolver::merge_abbreviations() {
  auto type_of = [&](const Group& g) { return g.key.substr(0, g.key.find('|')); };
  for (std::size_t gi = 0; gi < groups_.size(); ++gi) {
    const Group& g = groups_[gi];
    std::string core = core_of(g.body, g.suffix);
    if (!g.named || g.last_region < 0 || g.key[0] != 'O' || utf8::length(core) < 2 || linked_name(core)) continue;
    std::set<int> fits;
    for (std::size_t hi = 0; hi < groups_.size(); ++hi) {
      const Group& h = groups_[hi];
      if (hi == gi || !h.named || h.key[0] != 'O' || h.last_region != g.last_region || h.suffix != g.suffix ||
          type_of(h) != type_of(g))
        continue;
      std::string full = core_of(h.body, h.suffix);
      if (utf8::length(full) < utf8::length(core) + 2 || linked_name(full) || !ordered_subset(core, full)) continue;
      fits.insert(uf_.find(static_cast<int>(hi)));
    }
    if (fits.size() == 1) uf_.join(static_cast<int>(gi), *fits.begin());
  }
}

// 第一附属医院, 附属口腔医院 in a university's own news (我校) or in an article naming one university only:
// that university's hospitals, named in full (昆明医科大学第一附属医院) so that other articles' mentions
// meet them in the graph.
void DocResolver::name_university_affiliates() {
  int u = publisher_of(EntityType::University);
  if (u < 0) {
    for (std::size_t gi = 0; gi < groups_.size(); ++gi) {
      const Group& grp = groups_[gi];
      if (!grp.named || grp.types.count(EntityType::University) == 0) continue;
      int root = uf_.find(static_cast<int>(gi));
      if (u >= 0 && uf_.find(u) != root) return;  // two universities: which one is meant is unclear
      u = root;
    }
  }
  if (u < 0) return;
  std::string university;
  for (std::size_t gi = 0; gi < groups_.size(); ++gi)
    if (uf_.find(static_cast<int>(gi)) == uf_.find(u))
      for (const auto& [surface, n] : groups_[gi].surfaces)
        if (utf8::length(surface) > utf8::length(university) && surface.find("大学") != std::string::npos) university = surface;
  if (university.empty()) return;
  auto affiliate = [](const std::string& s) {
    std::size_t at = s.rfind("附属", 0) == 0 ? 0 : s.find("附属");
    return at != std::string::npos && (at == 0 || (at == 6 && s.rfind("第", 0) == 0)) && s.ends_with("医院");
  };
  std::map<std::string, int> by_surface;
  for (std::size_t gi = 0; gi < groups_.size(); ++gi)
    for (const auto& [surface, n] : groups_[gi].surfaces) by_surface.emplace(surface, static_cast<int>(gi));
  for (std::size_t gi = 0; gi < groups_.size(); ++gi) {
    Group& grp = groups_[gi];
    if (!grp.named || grp.types.count(EntityType::Hospital) == 0 || grp.surfaces.empty()) continue;
    bool all = std::all_of(grp.surfaces.begin(), grp.surfaces.end(), [&](const auto& e) { return affiliate(e.first); });
    if (!all) continue;
    std::string full = university + grp.surfaces.begin()->first;
    auto it = by_surface.find(full);
    if (it != by_surface.end()) uf_.join(static_cast<int>(gi), it->second);
    else grp.surfaces[full] += 0;
  }
}

// 华山医院 beside 复旦大学附属华山医院, 华西医院 beside 四川大学华西医院: a hospital's own name is the
// university hospital of that name, when the article has exactly one.
void DocResolver::merge_affiliate_short_names() {
  auto hospital = [&](std::size_t gi) {
    return groups_[gi].named && groups_[gi].types.count(EntityType::Hospital) > 0;
  };
  for (std::size_t si = 0; si < groups_.size(); ++si) {
    if (!hospital(si) || groups_[si].key.rfind("O" + std::string(graph::to_string(EntityType::Hospital)) + "||", 0) != 0)
      continue;
    for (const auto& [short_name, n] : groups_[si].surfaces) {
      if (utf8::length(short_name) < 4 || !short_name.ends_with("医院")) continue;
      std::set<int> fits;
      for (std::size_t li = 0; li < groups_.size(); ++li) {
        if (li == si || !hospital(li)) continue;
        for (const auto& [long_name, m] : groups_[li].surfaces) {
          if (long_name.size() <= short_name.size() || !long_name.ends_with(short_name)) continue;
          std::string_view head(long_name.data(), long_name.size() - short_name.size());
          // 北京康华医院 … 康华医院专家: the same name without the places written before it.
          bool places_only = groups_[li].body == short_name && !gaz_.find(std::string(head)).empty();
          if (head.ends_with("附属") || head.ends_with("大学") || head.ends_with("医学院") || places_only)
            fits.insert(uf_.find(static_cast<int>(li)));
        }
      }
      if (fits.size() == 1 && *fits.begin() != uf_.find(static_cast<int>(si))) uf_.join(static_cast<int>(si), *fits.begin());
    }
  }
}

Resolution DocResolver::build() {
  // Entities: one per union-find root; the fullest surface is the name.
  std::map<int, std::vector<int>> members;
  for (std::size_t gi = 0; gi < groups_.size(); ++gi) members[uf_.find(static_cast<int>(gi))].push_back(static_cast<int>(gi));
  Resolution out;
  if (province_ >= 0) out.province = gaz_.at(province_).name;
  std::map<int, int> entity_of_root;
  for (const auto& [root, gs] : members) {
    std::map<std::string, int> surfaces;
    std::map<EntityType, int> types;
    bool named = false;
    int division = -1;
    for (int g : gs) {
      for (const auto& [s, n] : groups_[g].surfaces) surfaces[s] += n;
      for (const auto& [t, n] : groups_[g].types) types[t] += n;
      named = named || groups_[g].named;
      if (groups_[g].division >= 0 && groups_[g].key[0] == 'D') division = groups_[g].division;
    }
    if (!named && division < 0) continue;
    if (surfaces.empty()) surfaces[gaz_.at(division).name] = 1;  // named only as 我省: use the official name
    ExtractedEntity e;
    for (const auto& [s, n] : surfaces)
      if (utf8::length(s) > utf8::length(e.name)) e.name = s;
    for (const auto& [s, n] : surfaces)
      if (s != e.name) e.aliases.push_back(s);
    for (const auto& [g, alias] : reference_aliases_)
      if (uf_.find(g) == root && std::find(e.aliases.begin(), e.aliases.end(), alias) == e.aliases.end() &&
          alias != e.name)
        e.aliases.push_back(alias);
    int best = -1;
    for (const auto& [t, n] : types)
      if (n > best) best = n, e.type = t;
    if (division >= 0) e.type = gaz_.at(division).level;
    entity_of_root[root] = static_cast<int>(out.entities.size());
    out.entities.push_back(std::move(e));
  }
  out.mentions.resize(sentences_.size());
  for (const auto& p : placed_) {
    if (p.candidate->inner) continue;
    auto it = entity_of_root.find(uf_.find(p.group));
    if (it == entity_of_root.end()) continue;
    const auto& e = out.entities[it->second];
    Mention m{p.candidate->begin, p.candidate->end, p.candidate->surface, e.name, e.type, it->second, p.reference};
    out.mentions[p.sentence].push_back(std::move(m));
  }
  for (auto& ms : out.mentions) {
    std::sort(ms.begin(), ms.end(), [](const Mention& a, const Mention& b) {
      return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
    });
    std::vector<Mention> kept;
    for (auto& m : ms)
      if (kept.empty() || m.begin >= kept.back().end) kept.push_back(std::move(m));
    ms = std::move(kept);
  }
  return out;
}

Resolution DocResolver::run() {
  vote_regions();
  place_names();
  place_source();
  merge_aliases();
  place_references();
  name_university_affiliates();
  merge_affiliate_short_names();
  return build();
}

}  // namespace

Resolution Resolver::resolve(const std::vector<Sentence>& sentences, const std::vector<std::vector<Candidate>>& candidates,
                             const std::string& source) const {
  std::map<std::string, std::string> user_names;
  for (const auto& [name, aliases] : recognizer_.user_aliases()) {
    user_names[name] = name;
    for (const auto& a : aliases) user_names[a] = name;
  }
  DocResolver r(recognizer_, recognizer_.gazetteer(), user_names, sentences, candidates, source);
  return r.run();
}

}  // namespace bangfu::ingest
