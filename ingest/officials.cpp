#include "ingest/officials.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "ingest/lexicon.hpp"
#include "ingest/utf8.hpp"

namespace bangfu::ingest {

using graph::EntityType;

struct OfficialsReader::Data {
  std::unordered_map<std::string, std::string> titles;  // title → post / member / honour
  std::unordered_map<std::string, std::string> heads;   // 县长 → 县
  std::vector<std::string> stops;
  std::vector<std::string> members;  // 队员, 专家: before a name they are no department of its post
  std::vector<std::string> committee_endings;
  std::set<std::pair<std::string, EntityType>> own_posts;  // (title, type of the institution)
  std::set<std::string, std::less<>> kept_rules;  // pattern rules whose posts a list reading keeps
  std::vector<std::string> appoint_verbs;          // 担任, 挂职: a post after them is the verb's object
  std::size_t longest_title = 0;
};

namespace {

constexpr std::size_t kMaxDepartmentChars = 16;  // 住院医师规范化培训办公室 is twelve
constexpr float kListConfidence = 0.9f;
constexpr float kInheritedConfidence = 0.75f;

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

std::size_t char_count(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Byte offset of the last UTF-8 character of `s`.
std::size_t last_char_at(std::string_view s) {
  std::size_t i = s.size();
  while (i > 0 && (static_cast<unsigned char>(s[i - 1]) & 0xC0) == 0x80) --i;
  return i > 0 ? i - 1 : 0;
}

std::string_view last_char(std::string_view s) { return s.empty() ? s : s.substr(last_char_at(s)); }

std::string_view trim_separators(std::string_view s) {
  static const std::string_view seps[] = {",", ";", ":", "(", ")", "、", " ", "的"};
  bool changed = true;
  while (changed && !s.empty()) {
    changed = false;
    for (auto sep : seps) {
      if (starts_with(s, sep) && sep != "的") { s.remove_prefix(sep.size()); changed = true; }
      if (ends_with(s, sep) && sep != "的") { s.remove_suffix(sep.size()); changed = true; }
    }
  }
  if (starts_with(s, "的")) s.remove_prefix(3);
  // 儿科副主任乙和护理部主任丙: a conjunction opening the text joins the list's last item; no title starts so.
  for (std::string_view conj : {"以及", "和", "与", "及"})
    if (starts_with(s, conj)) {
      s.remove_prefix(conj.size());
      break;
    }
  return s;
}

// Drops bracketed asides: 院长(某某市委会主委) reads as 院长 here; the aside is read on its own.
std::string without_brackets(std::string_view s) {
  std::string out;
  int depth = 0;
  for (char c : s) {
    if (c == '(') ++depth;
    else if (c == ')') depth = std::max(0, depth - 1);
    else if (depth == 0) out.push_back(c);
  }
  return out;
}

std::vector<std::string> split(std::string_view s, std::string_view sep) {
  std::vector<std::string> out;
  std::size_t from = 0;
  while (true) {
    std::size_t at = s.find(sep, from);
    out.emplace_back(s.substr(from, at == std::string_view::npos ? std::string_view::npos : at - from));
    if (at == std::string_view::npos) break;
    from = at + sep.size();
  }
  return out;
}

// One post or rank of a person, at a body (or at none yet).
struct Post {
  std::string title;  // as written, department included (心胸外科主任)
  std::string base;   // the title alone (主任)
  std::string kind;   // post / member / honour
  std::string head_level;  // 县 for 副县长, else empty
};

// A body and the titles written after it, up to the person (or the next body).
struct Item {
  std::optional<Mention> body;  // none: the titles have no body of their own
  std::vector<Post> posts;
};

}  // namespace

OfficialsReader::OfficialsReader(const std::string& data_dir) : data_(std::make_unique<Data>()) {
  std::string dir = data_dir.empty() || data_dir.back() == '/' ? data_dir : data_dir + "/";
  Lexicon titles = Lexicon::read_file(dir + "titles.tsv", 2, 2);
  for (const auto& row : titles.rows()) {
    data_->titles[row.fields[0]] = row.fields[1];
    data_->longest_title = std::max(data_->longest_title, row.fields[0].size());
  }
  Lexicon officials = Lexicon::read_file(dir + "officials.tsv", 2, 3);
  for (const auto& row : officials.rows()) {
    const std::string& kind = row.fields[1];
    if (kind == "head") {
      if (row.size() < 3) row.fail("a head needs its level word");
      data_->heads[row.fields[0]] = row.fields[2];
    } else if (kind == "stop") {
      data_->stops.push_back(row.fields[0]);
    } else if (kind == "honour") {
      data_->titles[row.fields[0]] = "honour";
    } else if (kind == "committee") {
      data_->committee_endings.push_back(row.fields[0]);
    } else if (kind == "own") {
      auto type = graph::parse_entity_type(row.get(2));
      if (!type) row.fail("an own post needs the entity type of its institution");
      data_->own_posts.insert({row.fields[0], *type});
    } else if (kind == "appoint") {
      data_->appoint_verbs.push_back(row.fields[0]);
    } else if (kind == "kept_rule") {
      data_->kept_rules.insert(row.fields[0]);
    } else if (kind == "member") {
      data_->members.push_back(row.fields[0]);
    } else {
      row.fail("kind must be head, stop, honour, committee, own, appoint, kept_rule or member");
    }
  }
}

bool OfficialsReader::replaces(const ExtractedRelation& r) const {
  if (r.rel != graph::RelType::serves_as && r.rel != graph::RelType::works_for) return false;
  return !data_->kept_rules.count(r.rule);
}
OfficialsReader::~OfficialsReader() = default;
OfficialsReader::OfficialsReader(OfficialsReader&&) noexcept = default;
OfficialsReader& OfficialsReader::operator=(OfficialsReader&&) noexcept = default;

namespace {

// Reads one list of officials in one sentence; a class so the many small steps share their inputs.
class ListReader {
 public:
  ListReader(const OfficialsReader::Data& data, const Sentence& sentence, const std::vector<Mention>& mentions,
             const ArticleEntities& article)
      : d_(data), s_(sentence), mentions_(mentions), article_(article) {}

  // Persons whose titles this reader read, placed or not: the trigger patterns' reading of them is
  // not kept (a head title with no government in the article is nobody's post at a hospital).
  std::set<std::string> claimed;

  std::vector<ExtractedRelation> run() {
    std::vector<ExtractedRelation> out;
    std::size_t prev_person = npos;
    std::vector<ExtractedRelation> prev_edges;
    for (std::size_t i = 0; i < mentions_.size(); ++i) {
      const Mention& p = mentions_[i];
      if (p.type != EntityType::Person) continue;
      std::vector<ExtractedRelation> edges = read_person(i, prev_person, prev_edges);
      out.insert(out.end(), edges.begin(), edges.end());
      prev_person = i;
      prev_edges = std::move(edges);
    }
    return out;
  }

 private:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  std::string_view text(std::size_t from, std::size_t to) const {
    return std::string_view(s_.text).substr(from, to > from ? to - from : 0);
  }

  // The longest title that ends `part`, and what kind it is.
  std::optional<Post> post_of(std::string_view part) const {
    if (part.empty()) return std::nullopt;
    for (std::size_t at = 0; at < part.size(); ++at) {
      if ((static_cast<unsigned char>(part[at]) & 0xC0) == 0x80) continue;
      if (part.size() - at > d_.longest_title) continue;
      auto it = d_.titles.find(std::string(part.substr(at)));
      if (it == d_.titles.end()) continue;
      std::string_view department = part.substr(0, at);
      if (char_count(department) > kMaxDepartmentChars || !plain_words(department)) return std::nullopt;
      Post post{std::string(part), std::string(part.substr(at)), it->second, {}};
      for (const auto& [head, level] : d_.heads)
        if (ends_with(part, head)) post.head_level = level;
      return post;
    }
    return std::nullopt;
  }

  // Department words: Chinese characters only, none of the words that end a post.
  bool plain_words(std::string_view s) const {
    for (unsigned char c : s)
      if (c < 0x80) return false;
    for (const auto& stop : d_.stops)
      if (s.find(stop) != std::string_view::npos) return false;
    return true;
  }

  // 党委书记、院长 → two posts; nothing when any part is not a title.
  std::optional<std::vector<Post>> posts_of(std::string_view role) const {
    std::string plain = without_brackets(role);
    std::vector<Post> posts;
    for (const auto& part : split(plain, "、")) {
      auto post = post_of(trim_separators(part));
      if (!post) return std::nullopt;
      posts.push_back(std::move(*post));
    }
    if (posts.empty()) return std::nullopt;
    return posts;
  }

  // Does a verb of appointment (担任, 挂职; officials.tsv kind appoint) end right before byte `at`?
  bool appointed_at(std::size_t at) const {
    std::string_view before = std::string_view(s_.text).substr(0, at);
    return std::any_of(d_.appoint_verbs.begin(), d_.appoint_verbs.end(), [&](const std::string& v) {
      return before.size() >= v.size() && before.substr(before.size() - v.size()) == v;
    });
  }

  // The items written before person `pi`, nearest first, back to the previous person.
  // `bare` receives titles written with no body of their own (after a comma, or after the previous person).
  std::vector<Item> items_before(std::size_t pi, std::size_t prev_person, std::optional<std::vector<Post>>& bare,
                                 std::string_view& lead) const {
    std::vector<Item> items;
    std::size_t floor = prev_person == npos ? 0 : mentions_[prev_person].end;
    std::size_t cur = mentions_[pi].begin;
    std::size_t k = pi;
    while (true) {
      std::size_t m = npos;
      while (k > 0) {
        --k;
        if (mentions_[k].begin < floor) break;
        if (mentions_[k].type == EntityType::Person) break;
        if (mentions_[k].end <= cur) { m = k; break; }
      }
      std::string_view between = text(m == npos ? floor : mentions_[m].end, cur);
      std::string_view role = trim_separators(between);
      // A comma inside: only what follows the last one belongs to this person.
      std::size_t comma = role.rfind(',');
      if (comma == std::string_view::npos) comma = role.rfind(';');
      // 常驻某县,主任医师甲: a comma right before the titles closes the clause the body was in; the
      // titles have no body written (a list item writes its body and titles together).
      bool break_before = m != npos && comma == std::string_view::npos && !role.empty() &&
                          between.substr(0, static_cast<std::size_t>(role.data() - between.data())).find_first_of(",;") !=
                              std::string_view::npos;
      if (break_before) {
        bare = posts_of(role);
        lead = between;
        break;
      }
      // 甲挂职某院副院长,乙院医师丙: a body and titles that a verb of appointment governs, closed by a
      // comma, are another person's new post, not an item of this person's list.
      std::string_view closed = between;
      while (!closed.empty() && closed.back() == ' ') closed.remove_suffix(1);
      bool comma_closed = !closed.empty() && (closed.back() == ',' || closed.back() == ';');
      if (m != npos && comma_closed && appointed_at(mentions_[m].begin)) {
        lead = between;
        break;
      }
      if (m == npos || comma != std::string_view::npos) {
        std::string_view tail = comma == std::string_view::npos ? role : trim_separators(role.substr(comma + 1));
        if (!tail.empty()) bare = posts_of(tail);
        // What stands between the previous person and these titles: nothing but separators makes
        // them the next item of the same list.
        if (m != npos) lead = between;
        else if (tail.empty()) lead = trim_separators(between);
        else lead = text(floor, static_cast<std::size_t>(tail.data() - s_.text.data()));
        break;
      }
      // 某区副区长、挂职某县委常委: the verb opens the next item; the titles before it are this one's.
      for (const auto& verb : d_.appoint_verbs) {
        std::string_view head = role.size() > verb.size() ? role.substr(0, role.size() - verb.size()) : std::string_view();
        if (ends_with(role, verb) && (ends_with(head, "、") || ends_with(head, ","))) role = trim_separators(head);
      }
      auto posts = posts_of(role);
      if (!posts) break;
      items.push_back({mentions_[m], std::move(*posts)});
      cur = mentions_[m].begin;
    }
    return items;
  }

  // The region of `level` (县, 州 …) this article speaks of most: one whose name ends in the level word,
  // else, for a prefecture (州, 盟) or a province, any of that rank (延边 for 副州长).
  const ExtractedEntity* region_of_level(const std::string& level) const {
    auto known = regions_.find(level);
    if (known != regions_.end()) return known->second;
    return regions_[level] = find_region_of_level(level);
  }

  const ExtractedEntity* find_region_of_level(const std::string& level) const {
    const ExtractedEntity* named_best = nullptr;
    const ExtractedEntity* ranked_best = nullptr;
    int named_count = -1, ranked_count = -1;
    for (const auto& e : *article_.entities) {
      if (e.type != EntityType::Province && e.type != EntityType::City && e.type != EntityType::County) continue;
      auto it = article_.mentions.find(e.name);
      int count = it == article_.mentions.end() ? 0 : it->second;
      bool named = ends_with(e.name, level) || std::any_of(e.aliases.begin(), e.aliases.end(), [&](const std::string& a) {
                     return ends_with(a, level);
                   });
      bool ranked = ((level == "州" || level == "盟") && e.type == EntityType::City) ||
                    (level == "省" && e.type == EntityType::Province);
      if (named && count > named_count) named_best = &e, named_count = count;
      if (ranked && count > ranked_count) ranked_best = &e, ranked_count = count;
    }
    return named_best ? named_best : ranked_best;
  }

  const ExtractedEntity* entity_named(const std::string& name) const {
    auto it = article_.by_name.find(name);
    return it == article_.by_name.end() ? nullptr : it->second;
  }

  // The government of `region` if the article names it (某某县人民政府, or 县政府 for the county it speaks
  // of), else the region itself.
  std::string government_of(const ExtractedEntity& region, const std::string& level) const {
    std::vector<std::string> names{region.name};
    names.insert(names.end(), region.aliases.begin(), region.aliases.end());
    names.push_back(level);
    for (const auto& n : names)
      for (const char* ending : {"人民政府", "政府"})
        if (const auto* gov = entity_named(n + ending); gov && gov->type == EntityType::Agency) return gov->name;
    return region.name;
  }

  // The level word of a party committee (新乡市委 → 市), or empty when `m` is none.
  std::string committee_level(const Mention& m) const {
    if (m.type != EntityType::Agency) return {};
    for (const auto& ending : d_.committee_endings) {
      if (!ends_with(m.canonical, ending)) continue;
      std::string_view stem = std::string_view(m.canonical).substr(0, m.canonical.size() - ending.size());
      std::string level(last_char(stem));
      for (const auto& [head, lvl] : d_.heads)
        if (lvl == level) return level;
    }
    return {};
  }

  // The body of a government head written at `body` (or at none): 县委 + 县长 → the county's government.
  std::string head_body(const Post& post, const std::optional<Mention>& body) const {
    if (body && graph::is_region(body->type)) return body->canonical;
    if (body && body->type == EntityType::Agency && committee_level(*body).empty() &&
        (ends_with(body->canonical, "政府")))
      return body->canonical;
    if (body && committee_level(*body) == post.head_level) {
      std::string stem = body->canonical.substr(0, body->canonical.size() - std::string("委").size());
      // 某某县委 names its county: its government by that name. A bare 市委 names none (see below).
      for (const char* ending : {"人民政府", "政府"}) {
        const auto* gov = stem == post.head_level ? nullptr : entity_named(stem + ending);
        if (gov && gov->type == EntityType::Agency) return gov->name;
      }
      if (const auto* region = entity_named(stem); region && graph::is_region(region->type))
        return government_of(*region, post.head_level);
      // 剑河县委副书记、县长某某 with the county written only inside names: the county by its name; the
      // pipeline makes it an entity when the gazetteer knows it.
      if (stem != post.head_level && ends_with(stem, post.head_level)) return derived_[post.head_level] = stem;
    }
    if (const auto* region = region_of_level(post.head_level)) return government_of(*region, post.head_level);
    // ，副县长某某 after that item: the same county.
    if (auto it = derived_.find(post.head_level); it != derived_.end()) return it->second;
    return {};
  }

  ExtractedRelation edge(const Mention& person, const std::string& body, const std::vector<std::string>& titles,
                         graph::RelType rel, const char* rule, float confidence) const {
    ExtractedRelation r;
    r.src = person.canonical;
    r.dst = body;
    r.rel = rel;
    if (rel == graph::RelType::serves_as) {
      for (const auto& t : titles) r.role += (r.role.empty() ? "" : "、") + t;
    }
    r.evidence = s_.text;
    r.source_begin = s_.source_begin;
    r.source_end = s_.source_end;
    r.rule = rule;
    r.confidence = confidence;
    return r;
  }

  // Posts at their bodies → edges: titles at one body make one edge with both titles.
  std::vector<ExtractedRelation> edges_of(const Mention& person, const std::vector<Item>& items, const char* rule,
                                          float confidence) const {
    std::vector<std::pair<std::string, std::vector<std::string>>> posts;  // body → titles, in order
    std::vector<std::string> ranks;
    for (auto it = items.rbegin(); it != items.rend(); ++it) {
      for (const auto& post : it->posts) {
        std::string body;
        if (!post.head_level.empty()) body = head_body(post, it->body);
        else if (it->body) body = it->body->canonical;
        if (body.empty() || post.kind == "honour") continue;
        if (post.kind == "member") { ranks.push_back(body); continue; }
        auto found = std::find_if(posts.begin(), posts.end(), [&](const auto& p) { return p.first == body; });
        if (found == posts.end()) posts.push_back({body, {post.title}});
        else found->second.push_back(post.title);
      }
    }
    std::vector<ExtractedRelation> out;
    for (const auto& [body, titles] : posts)
      out.push_back(edge(person, body, titles, graph::RelType::serves_as, rule, confidence));
    for (const auto& body : ranks) {
      bool has_post = std::any_of(posts.begin(), posts.end(), [&](const auto& p) { return p.first == body; });
      bool seen = std::any_of(out.begin(), out.end(), [&](const auto& r) { return r.dst == body; });
      if (!has_post && !seen) out.push_back(edge(person, body, {}, graph::RelType::works_for, rule, confidence));
    }
    return out;
  }

  // The body the previous list item's person holds the post nearest its name at.
  std::optional<Mention> previous_body(const std::vector<ExtractedRelation>& prev_edges) const {
    if (prev_edges.empty()) return std::nullopt;
    const auto* e = entity_named(prev_edges.back().dst);
    if (!e) return std::nullopt;
    Mention m;
    m.canonical = e->name;
    m.surface = e->name;
    m.type = e->type;
    return m;
  }

  // A post the institution calling itself 我院/我校 gives its own people (院长, 书记).
  bool own_post(const Post& post) const { return d_.own_posts.count({post.base, article_.self_type}) > 0; }

  Mention self_mention() const {
    Mention m;
    m.canonical = m.surface = article_.self;
    m.type = article_.self_type;
    return m;
  }

  // 某院卒中中心甲主任: a body, its department, the name, then the title.
  bool holds_member_word(std::string_view text) const {
    return std::any_of(d_.members.begin(), d_.members.end(),
                       [&](const std::string& w) { return text.find(w) != std::string_view::npos; });
  }

  // The post written right after a person's name (张三主任), if any.
  std::optional<Post> post_after(const Mention& person) const {
    std::string_view rest = std::string_view(s_.text).substr(person.end);
    for (std::size_t len = std::min(rest.size(), d_.longest_title); len >= 6; len -= 3) {
      auto it = d_.titles.find(std::string(rest.substr(0, len)));
      if (it != d_.titles.end() && it->second == "post") return Post{it->first, it->first, it->second, {}};
      if (len < 9) break;
    }
    return std::nullopt;
  }

  std::optional<Item> title_after(std::size_t pi, std::size_t prev_person) const {
    const Mention& person = mentions_[pi];
    std::optional<Post> post = post_after(person);
    if (!post) return std::nullopt;
    std::size_t floor = prev_person == npos ? 0 : mentions_[prev_person].end;
    // No body before the name: in an institution's own news, a post there (陈某书记一行…).
    bool bodiless = pi == 0 || mentions_[pi - 1].type == EntityType::Person || mentions_[pi - 1].begin < floor;
    if (bodiless && !article_.self.empty() && prev_person == npos && own_post(*post) &&
        (person.begin == 0 || !plain_words(text(person.begin - 3, person.begin))))
      return Item{self_mention(), {*post}};
    if (bodiless) return std::nullopt;
    const Mention& body = mentions_[pi - 1];
    std::string_view department = text(body.end, person.begin);
    // 某院(第四批)援藏队员甲副主任: a rank or membership (队员, 专家) before the name is no department of the
    // post, whatever else that stretch says.
    bool member = holds_member_word(department) && char_count(department) <= 2 * kMaxDepartmentChars;
    if (!member && (char_count(department) > kMaxDepartmentChars || !plain_words(department))) return std::nullopt;
    // 某委挂职副主任: the verb of appointment is no part of the post.
    for (const auto& verb : d_.appoint_verbs)
      if (department.starts_with(verb)) department.remove_prefix(verb.size());
    if (!member) post->title = std::string(department) + post->title;
    for (const auto& [head, level] : d_.heads)
      if (ends_with(post->title, head)) post->head_level = level;
    return Item{body, {*post}};
  }

  std::vector<ExtractedRelation> read_person(std::size_t pi, std::size_t prev_person,
                                             const std::vector<ExtractedRelation>& prev_edges) {
    const Mention& person = mentions_[pi];
    std::optional<std::vector<Post>> bare;
    std::string_view lead;
    std::vector<Item> items = items_before(pi, prev_person, bare, lead);
    bool after_previous = prev_person != npos && trim_separators(lead).empty();
    std::vector<ExtractedRelation> out;
    // A head title read but placed nowhere (副县长 after a venue) is still this person's only post here.
    bool unplaced_head = bare && std::any_of(bare->begin(), bare->end(), [](const Post& p) { return !p.head_level.empty(); });
    // 甲副主任、乙护士长: each name has its title after it, so the title before this name is the
    // previous one's; this one's is the title after it, at the previous one's body.
    if (bare && after_previous && !prev_edges.empty() &&
        ends_with(text(mentions_[prev_person].end, person.begin), "、")) {
      if (auto own = post_after(person); own && previous_body(prev_edges)) {
        items.push_back(Item{previous_body(prev_edges), {*own}});
        bare.reset();
      }
    }
    if (bare) {
      // A title with no body of its own takes the body of the list item before it.
      Item item{after_previous ? previous_body(prev_edges) : std::nullopt, *bare};
      // In an institution's own news a post with no body at all is a post there (副院长甲、党办主任乙).
      bool own = !article_.self.empty() && std::all_of(bare->begin(), bare->end(), [&](const Post& p) { return own_post(p); });
      if (!item.body && own && (prev_person == npos || (after_previous && prev_edges.empty()))) item.body = self_mention();
      if (item.body || std::any_of(bare->begin(), bare->end(), [](const Post& p) { return !p.head_level.empty(); }))
        items.push_back(std::move(item));
    }
    if (items.empty() && !bare) {
      if (auto item = title_after(pi, prev_person)) items.push_back(std::move(*item));
    }
    if (!items.empty()) {
      out = edges_of(person, items, "officials.list", kListConfidence);
      claim(person, out, unplaced_head);
      return out;
    }
    // 副市长甲、乙: a second name right after the first shares its posts.
    if (after_previous && !bare && prev_person != npos &&
        text(mentions_[prev_person].end, person.begin) == "、") {
      for (auto r : prev_edges) {
        r.src = person.canonical;
        r.confidence = kInheritedConfidence;
        out.push_back(std::move(r));
      }
    }
    claim(person, out, unplaced_head);
    return out;
  }

  // The persons whose posts this reader settles: those it gave a post, and those whose head title it
  // could place nowhere. Ranks alone (专家甲) settle nothing: a post the patterns read stays (甲担任某院院长).
  void claim(const Mention& person, const std::vector<ExtractedRelation>& edges, bool unplaced_head) {
    bool post = std::any_of(edges.begin(), edges.end(), [](const auto& r) { return r.rel == graph::RelType::serves_as; });
    if (post || unplaced_head) claimed.insert(person.canonical);
  }

  const OfficialsReader::Data& d_;
  const Sentence& s_;
  const std::vector<Mention>& mentions_;
  const ArticleEntities& article_;
  mutable std::map<std::string, const ExtractedEntity*> regions_;  // level word → region, once per sentence
  mutable std::map<std::string, std::string> derived_;  // level → a division named only inside a committee's name
};

}  // namespace

OfficialsReader::Reading OfficialsReader::read(const Sentence& sentence, const std::vector<Mention>& mentions,
                                               const ArticleEntities& article) const {
  if (!article.entities) return {};
  ListReader reader(*data_, sentence, mentions, article);
  Reading out;
  out.relations = reader.run();
  out.persons = std::move(reader.claimed);
  return out;
}

}  // namespace bangfu::ingest
