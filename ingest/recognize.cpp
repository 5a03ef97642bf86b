#include "ingest/recognize.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <spdlog/spdlog.h>

#include "ingest/lexicon.hpp"
#include "ingest/segment.hpp"
#include "ingest/string_hash.hpp"
#include "ingest/utf8.hpp"
#include "ingest/word_trie.hpp"

namespace bangfu::ingest {
namespace {

using graph::EntityType;

constexpr const char* kSystemJiebaDict = "/usr/lib/python3/dist-packages/jieba/dict.txt";
constexpr std::size_t kMaxNameChars = 30;

struct Suffix {
  EntityType type = EntityType::Organization;
  bool short_form = false, region = false, chain = false, anchor = false, committee = false, department = false;
  bool branch = false;  // 院区, 分院: after an institution's name and a short name of its own, a branch of it
};

const std::vector<int> kNoDivisions;

enum class Kind { Region, Suffix, Link, Prefix, Protect, Boundary, Punct, Char, Alnum, User, Ref };

struct Piece {
  std::uint32_t b = 0, e = 0;
  Kind kind = Kind::Char;
  const std::vector<int>* divisions = &kNoDivisions;  // Region from the gazetteer (the gazetteer's own list)
  EntityType type = EntityType::County;  // Region (composed) / Suffix / User
  const Suffix* suffix = nullptr;
  bool composed = false;              // Region built from a body + place ending (卫城镇)
};

// What one word is in each of the lists tokenize() consults, so that it walks one trie per position
// instead of five. The pointers point into the lists themselves, which do not change after loading.
struct Lexeme {
  const EntityType* user = nullptr;
  bool reference = false, region = false;
  const std::vector<int>* divisions = nullptr;  // regions: the gazetteer's divisions of this name
  bool full_name = false;                       // regions: the full name of one of them
  const Suffix* suffix = nullptr;
  bool part = false, level = false;  // a name part; a level word (which is no part after the start)
  Kind part_kind = Kind::Boundary;   // Link, Prefix, Protect or Boundary
};

// A word list of the recognizer's lexicons.
template <class V>
using WordMap = WordTrie<V>;

bool is_cjk_at(std::string_view s, std::size_t pos) {
  std::size_t i = pos;
  return pos < s.size() && utf8::is_cjk(utf8::next(s, i));
}

// A few short tags compared in place: cheaper than a set lookup for lists this small.
bool one_of(std::string_view tag, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), tag) != list.end();
}

std::size_t char_len(std::string_view s, std::size_t pos) { return utf8::seq_len(static_cast<unsigned char>(s[pos])); }

// Does a name already found (not one read inside another) overlap [b, e)?
bool overlaps_any(const std::vector<Candidate>& out, std::size_t b, std::size_t e) {
  return std::any_of(out.begin(), out.end(), [&](const Candidate& c) { return !c.inner && c.begin < e && b < c.end; });
}

// A person's name over [b, e) of `s`, found by `rule`.
Candidate person_candidate(std::string_view s, std::size_t b, std::size_t e, const char* rule) {
  Candidate c;
  c.begin = static_cast<std::uint32_t>(b);
  c.end = static_cast<std::uint32_t>(e);
  c.surface = std::string(s.substr(b, e - b));
  c.type = EntityType::Person;
  c.rule = rule;
  return c;
}

// 安医大附属…, 川大附属…: one or two characters, then 医大 or 大, then 附属, abbreviate a university whose
// affiliated hospital follows; its first character belongs to the name whatever word it starts.
bool abbreviated_university_affiliate(std::string_view run) {
  std::size_t at = run.find("附属");
  if (at == std::string_view::npos) return false;
  std::string_view head = run.substr(0, at);
  for (std::string_view end : {"医大", "大"}) {
    if (head.size() <= end.size() || head.substr(head.size() - end.size()) != end) continue;
    std::size_t chars = utf8::length(head.substr(0, head.size() - end.size()));
    return chars >= 1 && chars <= 2;
  }
  return false;
}

// 二院, 一附院, 附一院: the ending of a numbered hospital's abbreviation.
bool numbered_ending(std::string_view suffix) {
  if (suffix.size() < 6 || suffix.size() > 9 || suffix.substr(suffix.size() - 3) != "院") return false;
  for (std::string_view digit : {"一", "二", "三", "四", "五", "六", "七", "八", "九"})
    if (suffix.find(digit) != std::string_view::npos) return true;
  return false;
}

bool strip_pos(std::string_view pos) {
  static const std::set<std::string, std::less<>> kStrip = {"v",  "vn", "vd", "vg", "p",  "c",  "d",  "dg", "r",
                                                         "t",  "u",  "uj", "ul", "uz", "ud", "ug", "uv", "m",
                                                         "q",  "ad", "y",  "e",  "o",  "zg", "rr", "mq"};
  return kStrip.count(pos) > 0;
}

}  // namespace

struct Recognizer::Data {
  Gazetteer gazetteer;
  WordMap<Suffix> suffixes;
  WordMap<std::string> parts;       // link / prefix / level / boundary / protect
  WordMap<std::uint8_t> levels;     // the level words among the parts (省, 州, 县)
  WordMap<int> generic;
  WordMap<std::string> titles;      // post / member
  WordMap<std::string> cues;        // exclude / after / patient
  WordMap<std::uint8_t> predicates;  // 是, 现任: a name opening a clause before a post
  WordMap<std::uint8_t> appoints;    // 聘任, 任命: a name after them, then 为 and a post
  WordMap<std::pair<EntityType, std::string>> references;
  WordMap<EntityType> user;
  WordMap<Lexeme> lexemes;  // user, references, gazetteer, suffixes and parts together, for tokenize()
  StringSet surnames;
  StringSet name_syllables;  // of Tibetan names, which have no surname (data/name_syllables.tsv)
  std::optional<Segmenter> dictionary;  // jieba's words with frequency and part of speech

  std::optional<Segmenter::Entry> word(std::string_view w) const {
    return dictionary ? dictionary->lookup(w) : std::nullopt;
  }
  std::vector<std::pair<std::string, std::vector<std::string>>> user_aliases;
  std::vector<std::pair<std::string, std::string>> abbreviations;  // longest full ending first

  void load(const RecognizerOptions& options);
  void index_lexemes();
  void tokenize(std::string_view s, std::vector<Piece>& toks) const;  // replaces the contents of `toks`
  void compose_regions(std::string_view s, std::vector<Piece>& toks) const;
  void find_names(std::string_view s, const std::vector<Piece>& toks, std::vector<Candidate>& out) const;
  bool extend_chain(std::string_view s, const std::vector<Piece>& toks, std::size_t& j) const;
  std::size_t trim_start(std::string_view s, const std::vector<Piece>& toks, std::size_t from, std::size_t to) const;
  bool generic_only(std::string_view body) const;
  bool has_verb(std::string_view text) const;
  bool has_verbal_noun(std::string_view text) const;  // a verb, preposition or conjunction among its words
  bool joins_only(std::string_view text) const;  // made only of generic words flagged 'joins' (人民)
  bool is_level(std::string_view s, const Piece& t) const;
  bool lies_in(const Piece& outer, const Piece& inner) const;
  bool holds_title(std::string_view body) const;
  std::size_t batch_start(std::string_view s, std::size_t pos) const;
  bool title_item_before(std::string_view s, std::size_t pos) const;
  std::size_t other_level_length(std::string_view s, std::size_t at, EntityType type) const;
  bool ends_in_level(std::string_view s, const Piece& t) const;
  std::size_t standalone_place_start(std::string_view s, const std::vector<Piece>& toks, std::size_t k, std::size_t j) const;
  bool splits_word(std::string_view s, std::size_t b, std::size_t e, const Lexeme& region) const;
  bool ends_name_before(std::string_view s, std::size_t pos) const;
  // Part-of-speech of each dictionary word of `text` by forward maximum matching.
  void word_tags(std::string_view text, std::vector<std::string_view>& tags) const;  // replaces `tags`
  std::size_t strip_generic(std::string_view body) const;
  bool common_words_only(std::string_view body) const;
  bool has_class_word(std::string_view body) const;
  void find_persons(std::string_view s, std::vector<Candidate>& out) const;
  void find_listed_persons(std::string_view s, std::vector<Candidate>& out) const;
  void find_predicate_persons(std::string_view s, std::vector<Candidate>& out) const;
  void find_appointed_person(std::string_view s, std::size_t b, std::vector<Candidate>& out) const;
  bool post_in_clause(std::string_view s, std::size_t from) const;
  bool post_in_clause_before(std::string_view s, std::size_t end) const;  // a title in the clause before `end`
  std::size_t bare_name_length(std::string_view s, std::size_t pos) const;
  std::size_t listed_name_start(std::string_view s, std::size_t end, bool first) const;
  std::size_t person_length(std::string_view s, std::size_t pos) const;
  std::size_t syllable_name_length(std::string_view s, std::size_t pos) const;
  std::size_t dotted_name_length(std::string_view s, std::size_t pos) const;
  std::size_t dotted_name_start(std::string_view s, std::size_t end, const std::vector<Candidate>& found) const;
  bool cue_before(std::string_view s, std::size_t pos, const std::string& kind) const;
  bool cue_at(std::string_view s, std::size_t pos, const std::string& kind) const;
  bool is_boundary_word(std::string_view s, std::size_t pos) const;
  // Can a title start at `pos`? Asked at every character of every sentence, so it reads the bytes itself.
  bool title_may_start(std::string_view s, std::size_t pos) const {
    if (pos + 2 >= s.size() || (static_cast<unsigned char>(s[pos]) & 0xF0) != 0xE0) return false;
    std::size_t i = pos;
    char32_t cp = utf8::next(s, i);
    if (i != pos + 3 || !utf8::is_cjk(cp) || !titles.may_start(cp)) return false;
    char32_t second = i < s.size() ? utf8::next(s, i) : 0;
    return titles.may_start_with(cp, second);
  }
};

void Recognizer::Data::load(const RecognizerOptions& o) {
  const std::string dir = o.data_dir + "/";
  gazetteer = Gazetteer::from_file(dir + "divisions.tsv");
  if (std::filesystem::exists(dir + "variants.tsv")) {
    std::vector<std::pair<std::string, std::string>> variants;
    for (const auto& row : Lexicon::read_file(dir + "variants.tsv", 2, 2)) {
      if (utf8::length(row.fields[0]) != 1 || utf8::length(row.fields[1]) != 1) row.fail("a variant and its standard form are single characters");
      variants.emplace_back(row.fields[0], row.fields[1]);
    }
    gazetteer.add_variants(variants);
  }
  for (const auto& row : Lexicon::read_file(dir + "entity_suffixes.tsv", 2, 3)) {
    auto type = graph::parse_entity_type(row.fields[1]);
    if (!type) row.fail("unknown entity type '" + row.fields[1] + "'");
    Suffix sfx{*type};
    for (const auto& flag : split_list(row.get(2))) {
      if (flag == "short") sfx.short_form = true;
      else if (flag == "region") sfx.region = true;
      else if (flag == "chain") sfx.chain = true;
      else if (flag == "anchor") sfx.anchor = true;
      else if (flag == "committee") sfx.committee = true;
      else if (flag == "department") sfx.department = true;
      else if (flag == "branch") sfx.branch = true;
      else row.fail("unknown flag '" + flag + "' (short, region, chain, anchor, committee, department, branch)");
    }
    suffixes.add(row.fields[0], sfx);
  }
  for (const auto& row : Lexicon::read_file(dir + "name_parts.tsv", 2, 2)) {
    static const std::set<std::string> kKinds = {"link", "prefix", "level", "boundary", "protect"};
    if (!kKinds.count(row.fields[1])) row.fail("unknown kind '" + row.fields[1] + "'");
    parts.add(row.fields[0], row.fields[1]);
  }
  for (const auto& row : Lexicon::read_file(dir + "generic_terms.tsv", 1, 2)) {
    const std::string& flag = row.get(1);
    if (!flag.empty() && flag != "class" && flag != "joins" && flag != "mission")
      row.fail("flag must be 'class', 'joins', 'mission' or nothing");
    generic.add(row.fields[0], flag == "class" ? 2 : flag == "joins" ? 3 : flag == "mission" ? 4 : 1);
  }
  for (const auto& row : Lexicon::read_file(dir + "titles.tsv", 2, 2)) {
    if (row.fields[1] != "post" && row.fields[1] != "member") row.fail("kind must be post or member");
    titles.add(row.fields[0], row.fields[1]);
  }
  for (const auto& row : Lexicon::read_file(dir + "person_cues.tsv", 2, 2)) {
    if (row.fields[1] != "exclude" && row.fields[1] != "after" && row.fields[1] != "patient" &&
        row.fields[1] != "before" && row.fields[1] != "not_last" && row.fields[1] != "in_name" &&
        row.fields[1] != "predicate" && row.fields[1] != "appoint")
      row.fail("kind must be exclude, after, patient, before, not_last, in_name, predicate or appoint");
    if (row.fields[1] == "predicate") predicates.add(row.fields[0], 1);
    if (row.fields[1] == "appoint") {
      appoints.add(row.fields[0], 1);
      continue;
    }
    cues.add(row.fields[0], row.fields[1] == "predicate" ? "after" : row.fields[1]);
  }
  for (const auto& row : Lexicon::read_file(dir + "references.tsv", 3, 3)) {
    auto type = graph::parse_entity_type(row.fields[1]);
    if (!type) row.fail("unknown entity type '" + row.fields[1] + "'");
    if (row.fields[2] != "region" && row.fields[2] != "nearest") row.fail("kind must be region or nearest");
    references.add(row.fields[0], {*type, row.fields[2]});
  }
  for (const auto& row : Lexicon::read_file(dir + "surnames.tsv", 1, 1)) surnames.insert(row.fields[0]);
  if (std::ifstream(dir + "name_syllables.tsv"))  // optional: data folders made before it still load
    for (const auto& row : Lexicon::read_file(dir + "name_syllables.tsv", 1, 1)) name_syllables.insert(row.fields[0]);
  for (const auto& row : Lexicon::read_file(dir + "abbreviations.tsv", 2, 2))
    abbreviations.emplace_back(row.fields[0], row.fields[1]);
  std::stable_sort(abbreviations.begin(), abbreviations.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  // The central government's and the Party centre's bodies (教育部, 中组部) carry no place or level word
  // for the suffix rules to anchor on; they are listed like a user lexicon, before the user's own.
  std::vector<std::string> named_lists = o.user_lexicons;
  if (std::ifstream(dir + "national_bodies.tsv")) named_lists.insert(named_lists.begin(), dir + "national_bodies.tsv");
  for (const auto& path : named_lists) {
    for (const auto& row : Lexicon::read_file(path, 2, 3)) {
      auto type = graph::parse_entity_type(row.fields[1]);
      if (!type) row.fail("unknown entity type '" + row.fields[1] + "'");
      auto aliases = split_list(row.get(2));
      user.add(row.fields[0], *type);
      for (const auto& a : aliases) user.add(a, *type);
      user_aliases.emplace_back(row.fields[0], aliases);
    }
  }
  std::string dict_path = o.word_dictionary;
  if (dict_path.empty()) {
    const char* env = std::getenv("BANGFU_JIEBA_DICT");
    dict_path = env && *env ? env : kSystemJiebaDict;
  }
  if (!std::ifstream(dict_path)) {
    spdlog::warn("word dictionary {} not found: name boundaries will be rougher", dict_path);
    return;
  }
  dictionary = Segmenter::load(dict_path);
}

void Recognizer::Data::index_lexemes() {
  StringMap<Lexeme> all;
  user.each_word([&](std::string_view w, const EntityType& v) { all[std::string(w)].user = &v; });
  references.each_word([&](std::string_view w, const auto&) { all[std::string(w)].reference = true; });
  gazetteer.each_name([&](std::string_view w) {
    Lexeme& x = all[std::string(w)];
    x.region = true;
    x.divisions = &gazetteer.find(w);
    x.full_name = std::any_of(x.divisions->begin(), x.divisions->end(), [&](int id) { return gazetteer.is_full_name(id, w); });
  });
  suffixes.each_word([&](std::string_view w, const Suffix& v) { all[std::string(w)].suffix = &v; });
  parts.each_word([&](std::string_view w, const std::string& v) {
    Lexeme& x = all[std::string(w)];
    x.part = true;
    x.level = v == "level";
    if (x.level) levels.add(w, 1);  // from the final value: a word listed again takes its last kind
    x.part_kind = v == "link" ? Kind::Link : v == "prefix" ? Kind::Prefix : v == "protect" ? Kind::Protect : Kind::Boundary;
  });
  for (const auto& [word, lexeme] : all) lexemes.add(word, lexeme);
}

void Recognizer::Data::tokenize(std::string_view s, std::vector<Piece>& toks) const {
  toks.clear();
  toks.reserve(s.size() / 3 + 1);  // about a piece a character
  std::size_t pos = 0;
  while (pos < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[pos]);
    Piece t;
    t.b = static_cast<std::uint32_t>(pos);
    if (c < 0x80) {
      std::size_t e = pos;
      if (std::isalnum(c)) {
        while (e < s.size() && static_cast<unsigned char>(s[e]) < 0x80 && std::isalnum(static_cast<unsigned char>(s[e]))) ++e;
        t.kind = Kind::Alnum;
      } else {
        e = pos + 1;
        t.kind = Kind::Punct;
      }
      t.e = static_cast<std::uint32_t>(e);
      toks.push_back(std::move(t));
      pos = e;
      continue;
    }
    std::size_t after = pos;
    char32_t cp = utf8::next(s, after);
    if (!utf8::is_cjk(cp)) {
      t.kind = Kind::Punct;
      t.e = static_cast<std::uint32_t>(pos + char_len(s, pos));
      toks.push_back(std::move(t));
      pos = t.e;
      continue;
    }
    if (!lexemes.may_start(cp)) {  // most characters begin no listed word
      t.kind = Kind::Char;
      t.e = static_cast<std::uint32_t>(pos + char_len(s, pos));
      toks.push_back(std::move(t));
      pos = t.e;
      continue;
    }
    // Longest match over every word list; ties go to the earlier list.
    const EntityType* user_type = nullptr;
    const Suffix* sfx = nullptr;
    const Lexeme* part = nullptr;
    const Lexeme* region = nullptr;
    std::size_t n_user = 0, n_ref = 0, n_region = 0, n_suffix = 0, n_part = 0;
    lexemes.each_at(s, pos, cp, after, [&](std::size_t n, const Lexeme& x) {  // shortest first: the last is longest
      if (x.user) n_user = n, user_type = x.user;
      if (x.reference) n_ref = n;
      if (x.region) n_region = n, region = &x;
      if (x.suffix) n_suffix = n, sfx = x.suffix;
      if (x.part) n_part = n, part = &x;
    });
    // Level words matter only at a name's start; one of two characters (地区) stays one piece.
    std::size_t n_level = part && part->level && n_part > char_len(s, pos) ? n_part : 0;
    if (part && part->level) n_part = 0;
    std::size_t best = std::max({n_user, n_ref, n_region, n_suffix, n_part});
    if (best == 0 && n_level) {
      t.kind = Kind::Char;
      best = n_level;
    } else if (best == 0) {
      t.kind = Kind::Char;
      best = char_len(s, pos);
    } else if (best == n_user) {
      t.kind = Kind::User;
      t.type = *user_type;
    } else if (best == n_ref) {
      t.kind = Kind::Ref;
    } else if (best == n_region && !splits_word(s, pos, pos + best, *region)) {
      t.kind = Kind::Region;
      t.divisions = region->divisions;
      t.type = gazetteer.at(t.divisions->front()).level;
      if (!region->full_name) best += other_level_length(s, pos + best, t.type);
    } else if (best == n_region) {
      // Not a place here: its first character stands alone, as the word it is (和 in 医院和县医院).
      best = char_len(s, pos);
      t.kind = part && n_part == best ? part->part_kind : Kind::Char;
    } else if (best == n_suffix) {
      t.kind = Kind::Suffix;
      t.suffix = sfx;
      t.type = sfx->type;
    } else {
      t.kind = part->part_kind;
    }
    t.e = static_cast<std::uint32_t>(pos + best);
    pos = t.e;
    toks.push_back(std::move(t));
  }
}

// 水城县 (水城区 since 2020), 富阳市: a county's or city's short form written with a level character of
// its own names the place under a former or other name. Returns the level character's bytes, or 0 when
// that character starts a word of prose (县域, 市场) rather than ending the place's name.
std::size_t Recognizer::Data::other_level_length(std::string_view s, std::size_t at, EntityType type) const {
  if ((type != EntityType::County && type != EntityType::City) || at + 3 > s.size()) return 0;
  std::string_view ch = s.substr(at, 3);
  if (ch != "县" && ch != "区" && ch != "市" && ch != "旗") return 0;
  if (generic.longest(s, at) > 3) return 0;
  if (at + 3 >= s.size() || !is_cjk_at(s, at + 3) || suffixes.longest(s, at + 3)) return 3;
  auto w = dictionary ? dictionary->longest_word(s.substr(at), 2, 4) : std::nullopt;
  return w ? 0 : 3;
}

// Place names built from a body and a place ending (白垛乡, 恒月花园社区, 东湖新技术开发区) become region
// tokens. Villages and townships must follow another region, so 乡村 or 城镇 in prose stay words.
void Recognizer::Data::compose_regions(std::string_view s, std::vector<Piece>& toks) const {
  for (std::size_t j = 0; j < toks.size(); ++j) {
    if (toks[j].kind != Kind::Suffix || !toks[j].suffix->region) continue;
    std::size_t k = j;
    while (k > 0 && toks[k - 1].kind == Kind::Char) --k;
    // 安居街道: a short form of some county right before a place ending is this place's own body.
    if (k == j && k > 0 && toks[k - 1].kind == Kind::Region && !toks[k - 1].composed &&
        ((k > 1 && toks[k - 2].kind == Kind::Region) || toks[j].type == EntityType::County)) {
      std::string_view w = s.substr(toks[k - 1].b, toks[k - 1].e - toks[k - 1].b);
      bool short_form = true;
      for (int id : *toks[k - 1].divisions) short_form = short_form && !gazetteer.is_full_name(id, w);
      if (short_form) {
        toks[k - 1].kind = Kind::Char;
        toks[k - 1].divisions = &kNoDivisions;
        --k;
      }
    }
    std::size_t chars = utf8::length(s.substr(toks[k].b, toks[j].b - toks[k].b));
    bool after_region = k > 0 && toks[k - 1].kind == Kind::Region;
    bool zone = toks[j].type == EntityType::County;
    std::size_t max_chars = toks[j].type == EntityType::Township && toks[j].e - toks[j].b == 3 ? 3
                            : toks[j].type == EntityType::Village && toks[j].e - toks[j].b == 3 ? 4 : 6;
    while (chars > max_chars && k < j) chars -= utf8::length(s.substr(toks[k].b, toks[k].e - toks[k].b)), ++k;
    if (chars >= 2 && !after_region && !zone) {
      // 优云乡, 伊山镇披甲墩村 with no county before them: a body that is no common word names a place.
      std::size_t run = j;
      while (run > 0 && toks[run - 1].kind == Kind::Char) --run;
      std::size_t t = standalone_place_start(s, toks, run, j);
      if (t == j) continue;
      k = t;
      chars = utf8::length(s.substr(toks[k].b, toks[j].b - toks[k].b));
    } else if (chars < 2 || !(after_region || zone)) {
      continue;
    }
    std::string_view body = s.substr(toks[k].b, toks[j].b - toks[k].b);
    if (generic_only(body)) continue;
    // 东乡县贫困乡村: a body that is one descriptive word (贫困, 偏远) describes villages; it names none.
    if (auto w = word(body); w && w->freq >= 100 && one_of(w->pos, {"a", "ad", "an", "v", "vn", "d"})) continue;
    if (zone && !after_region) {  // a zone without a region in front: its body must not start with a verb
      std::size_t t = trim_start(s, toks, k, j);
      if (t >= j || utf8::length(s.substr(toks[t].b, toks[j].b - toks[t].b)) < 2) continue;
      k = t;
    }
    Piece r;
    r.b = toks[k].b;
    r.e = toks[j].e;
    r.kind = Kind::Region;
    r.type = toks[j].type;
    r.composed = true;
    toks.erase(toks.begin() + static_cast<long>(k), toks.begin() + static_cast<long>(j) + 1);
    toks.insert(toks.begin() + static_cast<long>(k), std::move(r));
    j = k;
  }
}

// Where a township's or village's own name starts when no region is written before it (最高的优云乡):
// leading function characters are dropped; the 2 or 3 characters left must hold no common word (贫困村,
// 美丽乡村, 示范村 are words of prose). Returns `j` when no place name is there.
std::size_t Recognizer::Data::standalone_place_start(std::string_view s, const std::vector<Piece>& toks, std::size_t k,
                                                     std::size_t j) const {
  const Piece& sfx = toks[j];
  bool single = sfx.e - sfx.b == 3;
  if (!single || (sfx.type != EntityType::Township && sfx.type != EntityType::Village)) return j;
  // Words that lead to a place (在, 到, 的, 包括 …): a name opens after one, never inside a longer
  // transliterated name (阿勒腾也木勒乡).
  static const std::vector<std::string_view> kLeads = {"在", "到", "的", "赴", "和", "与", "及", "至", "往", "了",
                                                       "是", "有", "为", "包括", "涵盖", "覆盖", "含", "如",
                                                       "走进", "来到", "深入", "前往", "进驻", "帮扶", "支援"};
  auto lead_ending_at = [&](std::size_t pos) {
    return std::any_of(kLeads.begin(), kLeads.end(), [&](std::string_view w) {
      return pos >= w.size() && s.substr(pos - w.size(), w.size()) == w;
    });
  };
  while (k < j && is_boundary_word(s, toks[k].b)) ++k;
  // 有洋川镇, 单位包括洋川镇: a lead word written into the run of characters is not part of the name.
  for (std::size_t t = k; t + 2 < j; ++t)
    if (lead_ending_at(toks[t].e) && (t > k || toks[t].b == toks[k].b)) {
      k = t + 1;
      break;
    }
  if (k >= j) return j;
  if (toks[k].b >= 3 && is_cjk_at(s, toks[k].b - 3) && !lead_ending_at(toks[k].b)) return j;
  std::string_view body = s.substr(toks[k].b, toks[j].b - toks[k].b);
  std::size_t chars = utf8::length(body);
  if (chars < 2 || chars > 3) return j;
  auto common = [&](std::size_t from, std::uint32_t freq) {  // a word of prose starts at `from`, crossing an edge
    auto w = word(s.substr(from, 6));
    return w && w->freq >= freq && w->pos != "ns";  // 山镇 (伊山镇) is a place word, no prose
  };
  // 经济薄弱村, 情暖家乡, 县乡: a dropped character, or the place ending, closes a word with the body;
  // with the ending even a rarer word does (义诊进村: 进村).
  if ((toks[k].b >= 3 && is_cjk_at(s, toks[k].b - 3) && common(toks[k].b - 3, 100)) || common(toks[j].b - 3, 50))
    return j;
  auto whole = word(body);
  if (whole && whole->freq >= 100) return j;
  for (std::size_t i = 0; i < body.size(); i += 3)
    if (levels.find(body.substr(i, 3))) return j;
  for (std::size_t i = 0; i + 6 <= body.size(); i += 3) {
    auto w = word(body.substr(i, 6));
    if (w && w->freq >= 1000) return j;
  }
  for (std::size_t i = 0; i < body.size(); i += 3)
    if (!is_cjk_at(body, i) || is_boundary_word(s, toks[k].b + i)) return j;
  return k;
}

// Does a division of place `inner` lie in one of place `outer`?
bool Recognizer::Data::lies_in(const Piece& outer, const Piece& inner) const {
  for (int o : *outer.divisions)
    for (int i : *inner.divisions)
      if (o != i && gazetteer.contains(o, i)) return true;
  return false;
}

// Is place `t` written in full, with its level (曲靖市, 会泽县), rather than in short (曲靖)?
bool Recognizer::Data::ends_in_level(std::string_view s, const Piece& t) const {
  return t.e - t.b > 3 && levels.find(s.substr(t.e - 3, 3));
}

bool Recognizer::Data::is_level(std::string_view s, const Piece& t) const {
  if (t.kind != Kind::Char) return false;
  // 省级, 县域, 区内: the level character starts a descriptive word, it does not stand for a region.
  if (!levels.find(s.substr(t.b, t.e - t.b)) || generic.longest(s, t.b) > t.e - t.b) return false;
  // 贫困地区, 西部地区: a level word of two characters stands for a region only where a phrase starts.
  if (t.e - t.b > 3 && generic.longest(s, t.b) == t.e - t.b && t.b >= 3 && is_cjk_at(s, t.b - 3) &&
      !is_boundary_word(s, t.b - 3))
    return false;
  return !(t.b >= 3 && is_cjk_at(s, t.b - 3) && generic.longest(s, t.b - 3) >= 3 + (t.e - t.b));
}

// A short form (康保) matched across the edge of an ordinary word (健康保障) is not a place.
// Does an entity ending (医院, 中心, 卫生院 …) end right before byte `pos`?
bool Recognizer::Data::ends_name_before(std::string_view s, std::size_t pos) const {
  for (std::size_t back = 3; back <= 18 && back <= pos; back += 3) {
    const Suffix* sfx = suffixes.find(s.substr(pos - back, back));
    if (sfx && !sfx->region) return true;
  }
  return false;
}

bool Recognizer::Data::splits_word(std::string_view s, std::size_t b, std::size_t e, const Lexeme& region) const {
  // A full name is a place, unless it has two characters and so may be a word's edge (和县 in 医院和县级).
  if (region.full_name && e - b > 6) return false;
  auto common = [&](std::size_t from, std::size_t to) {
    auto f = word(s.substr(from, to - from));
    return f && f->freq >= 100 && f->pos != "ns";
  };
  // 甲县妇幼保健院和县人民医院: a two-character name starting with a conjunction, right after a name's
  // ending, is the conjunction and the next name's level word, never the county 和县.
  if (region.full_name && e - b == 6 && is_boundary_word(s, b) && b >= 3 && ends_name_before(s, b)) return true;
  // 共建阳新县: the first character closes a word with the one before it (共建) and the rest starts a
  // place of its own, so the place is the one after the word, not 建阳.
  bool word_on_left = b >= 3 && is_cjk_at(s, b - 3) && common(b - 3, b + char_len(s, b));
  if (word_on_left && gazetteer.longest_at(s, b + char_len(s, b))) return true;
  // A name ending right after it (帮助威宁医院) settles the reading even when the left edge is a word (助威).
  bool name_follows = e < s.size() && (suffixes.longest(s, e) || gazetteer.longest_at(s, e));
  if (!name_follows && word_on_left) return true;
  // A province's short form (浙江心脏专家, 广东西部) is read as the province whatever word its last
  // character could start: the right edge decides only for smaller places.
  bool province = std::all_of(region.divisions->begin(), region.divisions->end(),
                              [&](int id) { return gazetteer.at(id).level == EntityType::Province; });
  if (e < s.size() && is_cjk_at(s, e) && !name_follows && !province) {
    std::size_t last = e - 3;
    if (common(last, e + char_len(s, e))) return true;
  }
  return false;
}

void Recognizer::Data::word_tags(std::string_view text, std::vector<std::string_view>& tags) const {
  tags.clear();
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t best = char_len(text, pos);
    std::string_view tag = "x";
    if (auto w = dictionary->longest_word(text.substr(pos), 1, 6)) best = w->bytes, tag = w->entry.pos;
    // A descriptive word of names (援藏 in 某省援藏工作组) is read as the noun it is there.
    // Verbs of sending and appointing (选派, 任命): the dictionary calls some of them nouns.
    if (appoints.longest(text, pos) == best) tag = "v";
    const int* flag = nullptr;
    if (one_of(tag, {"v", "vn"}) && generic.longest(text, pos, &flag) == best && flag && *flag == 4) tag = "n";
    bool single = best == char_len(text, pos);
    if (tag == "f" && single) tag = "f1";  // 内, 外: single-character locatives
    else if (single && pos > 0) tag = "x";  // 梅子铺: a lone character inside a name says little
    if (static_cast<unsigned char>(text[pos]) < 0x80 && std::isdigit(static_cast<unsigned char>(text[pos]))) tag = "m";
    if (text.substr(pos, 3) == "第") tag = "ord";  // 第一医院: ordinals belong to names
    tags.push_back(tag);
    pos += best;
  }
}

bool Recognizer::Data::has_verb(std::string_view text) const {
  if (!dictionary || text.empty()) return false;

  thread_local std::vector<std::string_view> tags;
  word_tags(text, tags);
  return std::any_of(tags.begin(), tags.end(), [](std::string_view tag) { return one_of(tag, {"v", "p", "c"}); });
}

// 合作建设, 对口支援: words the dictionary calls verbal nouns, which join two names as a verb does.
bool Recognizer::Data::has_verbal_noun(std::string_view text) const {
  if (!dictionary || text.empty()) return false;
  thread_local std::vector<std::string_view> tags;
  word_tags(text, tags);
  return std::any_of(tags.begin(), tags.end(), [](std::string_view tag) { return tag == "vn"; });
}

bool Recognizer::Data::joins_only(std::string_view text) const {
  for (std::size_t pos = 0; pos < text.size();) {
    const int* kind = nullptr;
    std::size_t n = generic.longest(text, pos, &kind);
    if (!n || *kind != 3) return false;
    pos += n;
  }
  return !text.empty();
}

bool Recognizer::Data::generic_only(std::string_view body) const {
  std::size_t pos = 0;
  while (pos < body.size()) {
    std::size_t n = generic.longest(body, pos);
    if (!n) {
      const std::string* part = nullptr;
      n = parts.longest(body, pos, &part);
      if (!n || *part != "level") return false;
    }
    pos += n;
  }
  return true;
}

// Is `body` made only of ordinary dictionary words of two or more characters (收治, 高级别, 骨科)? Such a
// body describes a kind of place; a proper name has a place or person word (华西) or an unlisted part (梅子铺).
bool Recognizer::Data::common_words_only(std::string_view body) const {
  static const std::set<std::string, std::less<>> kProper = {"ns", "nr", "nrt", "nrfg", "nz", "nt", "j", "x", "eng"};
  if (body.empty() || !dictionary) return false;
  for (std::size_t pos = 0; pos < body.size();) {
    if (parts.longest(body, pos)) return false;  // 协和, 同仁: protected name words
    auto w = dictionary->longest_word(body.substr(pos), 2, 6);
    if (!w || kProper.count(w->entry.pos)) return false;
    pos += w->bytes;
  }
  return true;
}

// Does a list item ending in a title (…副主任、) end right before `pos`?
bool Recognizer::Data::title_item_before(std::string_view s, std::size_t pos) const {
  if (pos < 6 || s.compare(pos - 3, 3, "、") != 0) return false;
  for (std::size_t back = 2; back <= 5 && back * 3 <= pos - 3; ++back)
    if (titles.find(s.substr(pos - 3 - back * 3, back * 3))) return true;
  return false;
}

// Where a batch number (第十七批, 第3批) written right before `pos` starts; `pos` when there is none.
std::size_t Recognizer::Data::batch_start(std::string_view s, std::size_t pos) const {
  if (pos < 9 || s.compare(pos - 3, 3, "批") != 0) return pos;
  static const std::string kDigits = "零一二三四五六七八九十百两";
  std::size_t b = pos - 3;
  while (b > 0) {
    if (std::isdigit(static_cast<unsigned char>(s[b - 1]))) --b;
    else if (b >= 3 && kDigits.find(s.substr(b - 3, 3)) != std::string::npos) b -= 3;
    else break;
  }
  if (b == pos - 3 || b < 3 || s.compare(b - 3, 3, "第") != 0) return pos;
  return b - 3;
}

// Does `body` hold a title (书记, 院长)?
bool Recognizer::Data::holds_title(std::string_view body) const {
  for (std::size_t pos = 0; pos < body.size(); pos += char_len(body, pos))
    if (titles.longest(body, pos)) return true;
  return false;
}

// Does a generic body hold a word that sorts places into classes (县级, 三级, 受援)?
bool Recognizer::Data::has_class_word(std::string_view body) const {
  for (std::size_t pos = 0; pos < body.size();) {
    const int* kind = nullptr;
    std::size_t n = generic.longest(body, pos, &kind);
    if (n && *kind == 2) return true;
    pos += n ? n : char_len(body, pos);
  }
  return false;
}

// 47家, 十余所: a count right before a name makes it a class of places (78家内蒙古医院), not one place.
static bool numeral_before(std::string_view s, std::size_t pos) {
  static const std::string kNumerals = "一二两三四五六七八九十百千万多几数余";
  if (pos == 0) return false;
  if (std::isdigit(static_cast<unsigned char>(s[pos - 1]))) return true;
  return pos >= 3 && kNumerals.find(s.substr(pos - 3, 3)) != std::string::npos;
}

static bool counted_before(std::string_view s, std::size_t pos) {
  static const std::string kMeasures = "家所个";
  return pos >= 3 && kMeasures.find(s.substr(pos - 3, 3)) != std::string::npos && numeral_before(s, pos - 3);
}

// Bytes of leading generic words (分院, 项目) to drop from a body that has a name after them.
std::size_t Recognizer::Data::strip_generic(std::string_view body) const {
  std::size_t pos = 0;
  while (pos < body.size()) {
    std::size_t n = generic.longest(body, pos);
    if (!n || utf8::length(body.substr(pos + n)) < 2) break;
    pos += n;
  }
  return pos;
}

// First token of a name whose material runs from token `from` to `to`: leading verbs, adverbs,
// prepositions and numerals (by the word dictionary) are not part of it.
std::size_t Recognizer::Data::trim_start(std::string_view s, const std::vector<Piece>& toks, std::size_t from,
                                         std::size_t to) const {
  std::size_t k = from;
  while (k < to) {
    if (toks[k].kind == Kind::Alnum) {
      ++k;
      continue;
    }
    if (toks[k].kind != Kind::Char || is_level(s, toks[k])) break;
    std::size_t run_end = k;
    while (run_end < to && toks[run_end].kind == Kind::Char && !is_level(s, toks[run_end])) ++run_end;
    std::string_view run = s.substr(toks[k].b, toks[run_end - 1].e - toks[k].b);
    auto w = dictionary ? dictionary->longest_word(run, 1, 6) : std::nullopt;
    if (!w) break;
    std::size_t end_byte = toks[k].b + w->bytes;
    // 重医附一院: a lone character is kept when taking it away would leave one character of name.
    if (w->bytes == 3 && to < toks.size() && toks[to].b == end_byte + 3 && run_end == to) break;
    if (abbreviated_university_affiliate(s.substr(toks[k].b, toks[to].b - toks[k].b))) break;
    std::optional<std::string_view> pos = w->entry.pos;
    // 打造成县域…: a place name the tokenizer found split across words here (成县) starts no name.
    std::size_t wb = toks[k].b;
    auto left = wb >= 3 && is_cjk_at(s, wb - 3) ? word(s.substr(wb - 3, 6)) : std::nullopt;
    if (*pos == "ns" && left && left->freq >= 100 && !gazetteer.find(run.substr(0, w->bytes)).empty()) {
      ++k;
      continue;
    }
    if (!strip_pos(*pos)) {
      // 落实国家卫健委: the dictionary calls some verbs adjectives or set phrases; such a word right before
      // a region or a prefix (国家, 中华) is not the start of the name.
      std::size_t next = k;
      while (next < to && toks[next].b < end_byte) ++next;
      bool name_next = next < to && toks[next].b == end_byte &&
                       (toks[next].kind == Kind::Prefix || toks[next].kind == Kind::Region);
      static const std::set<std::string, std::less<>> kDescriptive = {"a", "an", "z", "l", "i"};
      // 全力支持武大一附院: a phrase of four characters (a set phrase, or one ending in a verb) never starts a
      // name that has a body after it.
      bool phrase = false;
      if (w->bytes >= 12 && to < toks.size() && toks[to].b >= end_byte + 6) {
        auto tail = word(run.substr(w->bytes - 6, 6));
        phrase = *pos == "l" || *pos == "i" || (tail && tail->pos == "v");
      }
      if (!phrase && (!kDescriptive.count(*pos) || !name_next)) break;
    }
    while (k < to && toks[k].b < end_byte) ++k;
  }
  return k;
}

// Extends a name ending at suffix token `j` over a linked name: X大学 附属 Y医院, X医院 Region 医院,
// X大学 孙逸仙纪念 医院 (up to six characters of the hospital's own name),
// X大学 华西 医院. Returns true when it did.
bool Recognizer::Data::extend_chain(std::string_view s, const std::vector<Piece>& toks, std::size_t& j) const {
  if (!toks[j].suffix || !toks[j].suffix->chain) return false;
  // 某医院神经外科专科联盟: a consortium named after a department of the hospital at its head.
  if (toks[j].type == EntityType::Hospital) {
    for (std::size_t q = j + 1; q < toks.size() && q <= j + 7 && toks[q].b - toks[j].e <= 18; ++q) {
      if (toks[q].kind == Kind::Punct) break;
      if (toks[q].kind != Kind::Suffix) continue;
      std::string_view gap = s.substr(toks[j].e, toks[q].b - toks[j].e);
      // 某医院心血管专科联盟: a field of two to four characters before 专科联盟 names it as well.
      std::string_view ending = s.substr(toks[q].b, toks[q].e - toks[q].b);
      bool field = ending.starts_with("专科") && gap.size() >= 6 && gap.size() <= 12 && !generic_only(gap);
      if (toks[q].type == EntityType::Consortium && gap.size() >= 6 && (gap.substr(gap.size() - 3) == "科" || field) &&
          !has_verb(gap)) {
        j = q;
        return true;
      }
      break;
    }
  }
  bool university = toks[j].type == EntityType::University;
  std::size_t k = j + 1;
  bool linked = k < toks.size() && toks[k].kind == Kind::Link;
  bool regional = k < toks.size() && toks[k].kind == Kind::Region && !toks[k].composed;
  std::size_t chars = 0;
  for (; k < toks.size() && k <= j + 8; ++k) {
    const Piece& t = toks[k];
    if (t.kind == Kind::Suffix && !t.suffix->region) {
      // A school inside a university continues it (某大学医学院, 某大学某某医学院), so that the
      // hospital affiliated to the school is one name.
      bool school = university && t.type == EntityType::University && chars <= 4;
      // 某某医院医联体, 某某医院专科联盟: a consortium named after the hospital at its head.
      bool consortium = t.type == EntityType::Consortium && toks[j].type == EntityType::Hospital && chars == 0 && !linked;
      if (consortium) {
        j = k;
        return true;
      }
      if (t.type != EntityType::Hospital && !(linked && t.type == EntityType::University) && !school) return false;
      std::string_view between = s.substr(toks[j].e, t.b - toks[j].e);
      bool adjacent = k == j + 1;  // 医共体总医院: the hospital at the head of a consortium
      bool branch = t.suffix->branch && chars > 0 && chars <= 4;  // 某某医院新区院区
      if (!linked && !regional && !adjacent && !branch && (!university || chars == 0 || chars > 6)) return false;
      if (!linked && !between.empty() && generic_only(between) && !(university && joins_only(between))) return false;
      if (!linked && has_verb(between)) return false;  // 北京大学帮扶和田地区人民医院: two names and a verb
      if (regional && chars > 4) return false;
      j = k;
      return true;
    }
    if (t.kind == Kind::Char || t.kind == Kind::Protect || t.kind == Kind::Alnum) ++chars;
    else if (t.kind != Kind::Link && t.kind != Kind::Region && t.kind != Kind::Prefix) return false;
  }
  return false;
}

void Recognizer::Data::find_names(std::string_view s, const std::vector<Piece>& toks,
                                  std::vector<Candidate>& out) const {
  thread_local std::vector<char> used;  // per token: part of a name found here (reused: called per sentence)
  used.assign(toks.size(), 0);
  std::size_t chunk_start = 0;
  for (std::size_t j = 0; j < toks.size(); ++j) {
    const Piece& t = toks[j];
    // 、暨南大学: right after 、 a conjunction cannot stand, so the character starts a name.
    bool listed = t.kind == Kind::Boundary && t.b >= 3 && s.compare(t.b - 3, 3, "、") == 0;
    if (!listed && (t.kind == Kind::Boundary || t.kind == Kind::Punct || t.kind == Kind::Ref || t.kind == Kind::User)) {
      chunk_start = j + 1;
      continue;
    }
    if (t.kind != Kind::Suffix || t.suffix->region) continue;
    std::size_t s0 = trim_start(s, toks, chunk_start, j);
    if (s0 < j && toks[s0].kind == Kind::Char && !is_level(s, toks[s0])) {
      // 立项省中医药管理局: a level word close to the ending starts the name, not the words before it.
      for (std::size_t m = s0 + 1; m < j; ++m)
        if (is_level(s, toks[m]) && j - m - 1 <= 4) {
          s0 = m;
          break;
        }
    }
    {
      // 团队前往凤凰县人民医院: words before the first region are not the name, unless a prefix or an
      // earlier name ending (南方医科大学顺德医院) ties them to it.
      std::size_t r = s0;
      // A team's or a plain ending (医疗队抵达某州人民医院) ties nothing: only endings that chain do.
      auto ties = [&](const Piece& p) { return p.kind == Kind::Suffix && p.suffix->chain; };
      while (r < j && toks[r].kind != Kind::Region && toks[r].kind != Kind::Prefix && !ties(toks[r]) &&
             toks[r].kind != Kind::Link && toks[r].kind != Kind::Protect)
        ++r;
      // 华西资阳医院, 湘雅常德医院: a hospital's short proper name right before the place is the brand of
      // the hospital it co-builds there.
      bool brand = false;
      if (r < j && r > s0 && toks[r].kind == Kind::Region && t.type == EntityType::Hospital) {
        std::string_view before = s.substr(toks[s0].b, toks[r].b - toks[s0].b);
        auto w = word(before);
        brand = w && utf8::length(before) == 2 && one_of(w->pos, {"ns", "nz", "nr", "j"}) &&
                (toks[s0].b == 0 || !is_cjk_at(s, toks[s0].b - 3) || is_boundary_word(s, toks[s0].b - 3) ||
                 (toks[s0].b >= 6 && word(s.substr(toks[s0].b - 6, 6)).has_value()));
      }
      if (r < j && toks[r].kind == Kind::Region && !brand) s0 = r;
      // 某医院全面托管某州医院: a verb between an earlier name's ending and a place unties them.
      if (r < j && ties(toks[r])) {
        std::size_t q = r + 1;
        while (q < j && toks[q].kind != Kind::Region) ++q;
        if (q < j && has_verb(s.substr(toks[r].e, toks[q].b - toks[r].e))) s0 = q;
      }
      // 某大学选派附属医院专家: a verb between a university's name and 附属 unties them as well.
      for (std::size_t u = s0; u < j; ++u) {
        if (!ties(toks[u])) continue;
        std::size_t link = u + 1;
        while (link < j && toks[link].kind != Kind::Link && toks[link].kind != Kind::Suffix) ++link;
        if (link < j && toks[link].kind == Kind::Link && link > u + 1 &&
            has_verb(s.substr(toks[u].e, toks[link].b - toks[u].e)))
          s0 = link;
      }
      // 云南行上海医疗专家团: a word between two places ends a phrase (place names chain with nothing
      // between them); the name starts at the second place. So does a verb between them
      // (上海市安排资金支持永平县人民医院).
      std::size_t last_region = toks[s0].kind == Kind::Region ? s0 : j;
      for (std::size_t q = s0 + 1; q < j && last_region < j; ++q) {
        const Piece& t = toks[q];
        if (t.kind == Kind::Suffix || t.kind == Kind::Link || t.kind == Kind::Prefix || t.kind == Kind::Protect) break;
        if (t.kind != Kind::Region) continue;
        if (q > last_region + 1) {
          std::string_view gap = s.substr(toks[last_region].e, t.b - toks[last_region].e);
          if (q - last_region - 1 <= 2 || has_verb(gap) || has_verbal_noun(gap)) s0 = q;
        }
        last_region = q;
      }
      // 新建曲靖市第二人民医院: a short place form that is also a word (新建, a verb here) before a full
      // place name that does not lie in it starts no name; the full name does.
      while (s0 + 1 < j && toks[s0].kind == Kind::Region && toks[s0 + 1].kind == Kind::Region &&
             !toks[s0].composed && !ends_in_level(s, toks[s0]) && ends_in_level(s, toks[s0 + 1]) &&
             !lies_in(toks[s0], toks[s0 + 1]))
        ++s0;
    }
    // 某省对口支援某州前方指挥部: an aid body is named for both the helper and the place it works in.
    if (t.type == EntityType::Agency && s0 > 0 && toks[s0].kind == Kind::Region) {
      for (std::string_view verb : {"对口支援", "对口帮扶", "援助"}) {
        std::size_t vb = toks[s0].b >= verb.size() ? toks[s0].b - verb.size() : 0;
        if (toks[s0].b < verb.size() || s.substr(vb, verb.size()) != verb) continue;
        std::size_t r = s0;
        while (r > 0 && toks[r - 1].e > vb) --r;
        if (r > 0 && toks[r - 1].kind == Kind::Region && toks[r - 1].e == vb) s0 = r - 1;
        break;
      }
    }
    std::size_t k = s0;
    Candidate c;
    while (k < j && toks[k].kind == Kind::Region) {
      c.leading.push_back(toks[k].divisions->empty() ? -1 : toks[k].divisions->front());
      c.last_region = toks[k].b - toks[s0].b;
      ++k;
    }
    bool has_prefix = k < j && toks[k].kind == Kind::Prefix;
    if (has_prefix && c.leading.empty() && k + 1 < j && toks[k + 1].kind == Kind::Region) {
      // 中共某某县委, 农工党某某省委会: a party's name before the region it is the committee of.
      ++k;
      while (k < j && toks[k].kind == Kind::Region) {
        c.leading.push_back(toks[k].divisions->empty() ? -1 : toks[k].divisions->front());
        c.last_region = toks[k].b - toks[s0].b;
        ++k;
      }
    }
    if (k < j && c.leading.empty() && is_level(s, toks[k])) {
      c.level = std::string(s.substr(toks[k].b, toks[k].e - toks[k].b));
      ++k;
    }
    std::size_t body_b = k < j ? toks[k].b : t.b;
    std::string_view body = s.substr(body_b, t.b - body_b);
    bool anchored = !c.leading.empty() || !c.level.empty() || has_prefix;
    const Suffix& sfx = *t.suffix;
    // 省卫生健康委, 县人民医院: a level word takes a short body; a society's name is longer (省紧急医学救援协会).
    std::size_t level_body = !sfx.short_form && t.type == EntityType::Organization ? 8 : 4;
    if ((sfx.short_form || !c.level.empty()) && (!anchored || utf8::length(body) > level_body)) continue;
    if (sfx.anchor && !anchored) continue;
    if (!anchored) {
      std::size_t cut = strip_generic(body);
      if (cut) {
        while (s0 < j && toks[s0].b < body_b + cut) ++s0;
        body_b = toks[s0].b;
        body = s.substr(body_b, t.b - body_b);
      }
    }
    if (!body.empty() && dictionary) {
      // A verb or a locative right after the region (贵州推进…中心, 贵州省内…医院) makes a clause, and so
      // does a verb, adjective or numeral anywhere in a body with no region to anchor it.
      thread_local std::vector<std::string_view> tags;  // reused: asked for most name candidates
      word_tags(body, tags);
      auto not_first = [](std::string_view tag) { return one_of(tag, {"v", "d", "p", "c", "u", "m", "q", "f1"}); };
      auto not_in_names = [](std::string_view tag) {
        return one_of(tag, {"v", "vn", "a", "ad", "an", "vd", "s", "m", "q", "d", "f1"});
      };
      // A society named after a level word (省紧急医学救援协会) describes its field in ordinary words.
      bool strict = c.leading.empty() && !has_prefix && !(t.type == EntityType::Organization && !c.level.empty());
      // 重医附一院, 温医二院: two characters that make no word before a numbered ending abbreviate a
      // university's name, whatever each character alone is.
      // A rare dictionary word (广医) abbreviates a name as well.
      auto body_word = word(body);
      bool abbreviation = numbered_ending(s.substr(t.b, t.e - t.b)) && utf8::length(body) == 2 &&
                          (!body_word || body_word->freq < 20);
      // 七台河七煤医院: after a place, a numeral and a character that make no word abbreviate a name.
      abbreviation = abbreviation || (!c.leading.empty() && tags.front() == "m" && utf8::length(body) == 2 &&
                                      !word(body) && !counted_before(s, body_b + 6));
      abbreviation = abbreviation || abbreviated_university_affiliate(body);
      if (!abbreviation && not_first(tags.front())) continue;
      if (strict && !abbreviation && std::any_of(tags.begin(), tags.end(), not_in_names)) continue;
      bool descriptive_kind = t.type != EntityType::University && t.type != EntityType::Consortium;
      if (strict && !abbreviation && c.level.empty() && descriptive_kind && common_words_only(body)) continue;
      // 创成三级医院, 建成公立医院: with no place to anchor it, a body holding a class word names a kind.
      if (strict && has_class_word(body)) continue;
      // 某某书记代表医院: a post inside an unanchored body makes it a clause about a person.
      if (strict && holds_title(body)) continue;
      // 深化医共体, 全面做实医共体: a consortium with no place or institution in front is named by a proper
      // word (长三角, 华西); ordinary words before the ending say what is done to one.
      auto proper = [](std::string_view tag) { return one_of(tag, {"ns", "nr", "nrt", "nrfg", "nt", "nz", "eng"}); };
      if (strict && t.type == EntityType::Consortium && std::none_of(tags.begin(), tags.end(), proper)) continue;
    }
    // 医疗队员: a team's ending whose last character starts a common word with the next one does not
    // end a name there (a title such as 队长 is the exception: the name does end).
    if (t.type == EntityType::Organization && t.e + 3 <= s.size() && is_cjk_at(s, t.e)) {
      std::string_view tail = s.substr(t.e - 3, 6);
      auto w = word(tail);
      if (w && w->freq >= 1000 && !titles.find(tail)) {
        chunk_start = j + 1;
        continue;
      }
    }
    std::size_t end_tok = j;
    for (std::size_t before = j; extend_chain(s, toks, end_tok); before = end_tok) {
      // 甲与乙医院医联体签约: after 与 the consortium word says what the pair builds; it names no consortium.
      if (toks[end_tok].type == EntityType::Consortium && toks[s0].b >= 3 &&
          one_of(s.substr(toks[s0].b - 3, 3), {"与", "和", "同"})) {
        end_tok = before;
        break;
      }
    }
    // 某市委统战部: a party department written right after a named agency is a body of its own. After a
    // bare 县委 it stays part of the post (县委组织部部长 is a post at the 县委 the article means).
    while (!c.leading.empty() && end_tok + 1 < toks.size() && toks[end_tok].type == EntityType::Agency &&
           toks[end_tok + 1].kind == Kind::Suffix && toks[end_tok + 1].suffix->department &&
           toks[end_tok + 1].b == toks[end_tok].e)
      ++end_tok;
    // 某省卫健委医疗服务管理中心: a unit of a named agency, with a name of a few nouns of its own.
    if (!c.leading.empty() && toks[end_tok].type == EntityType::Agency) {
      std::size_t u = end_tok + 1;
      while (u < toks.size() && toks[u].kind == Kind::Char && toks[u].e - toks[end_tok].e <= 12) ++u;
      std::string_view unit_body = u < toks.size() ? s.substr(toks[end_tok].e, toks[u].b - toks[end_tok].e) : "";
      if (u > end_tok + 1 && u < toks.size() && toks[u].kind == Kind::Suffix && toks[u].suffix->department &&
          !toks[u].suffix->short_form && !has_verb(unit_body))
        end_tok = u;
    }
    // 中共X医院委员会: a committee written right after an institution's name is that institution's own
    // (party) committee, an organization of its own rather than the institution or a government body.
    bool committee = false;
    if (end_tok + 1 < toks.size() && toks[end_tok + 1].kind == Kind::Suffix && toks[end_tok + 1].suffix->committee &&
        toks[end_tok + 1].b == toks[end_tok].e &&
        (toks[end_tok].type == EntityType::Hospital || toks[end_tok].type == EntityType::University ||
         toks[end_tok].type == EntityType::PrimaryCare)) {
      ++end_tok;
      committee = true;
    }
    // 五所医院, 两家医院: a count of places, not a name.
    if (body.size() >= 6 && numeral_before(s, body_b + 3) && std::string("家所个批").find(s.substr(body_b + 3, 3)) != std::string::npos) {
      chunk_start = j + 1;
      continue;
    }
    bool generic_body = body.empty() || generic_only(body);
    // (A consortium of a region's level is one body, 青海省省级区域医疗联合体, not a kind of them.)
    bool one_body = t.type == EntityType::Consortium && !counted_before(s, toks[s0].b);
    if (generic_body && !c.leading.empty() && !one_body && (has_class_word(body) || counted_before(s, toks[s0].b))) {
      chunk_start = j + 1;  // 宁夏县级医院, 78家内蒙古医院: a kind of place in a region, not a name
      continue;
    }
    // 国家卫健委: a national prefix right before an agency's ending names that agency.
    bool national = has_prefix && c.leading.empty() && t.type == EntityType::Agency &&
                    body == s.substr(toks[k].b, toks[k].e - toks[k].b);
    if (generic_body && c.leading.empty() && !national) {
      // 州医院, 县医院, 医共体, 省委: a reference to be resolved, or a name of the article's own region.
      bool level_name = !c.level.empty();
      if (!level_name && !body.empty()) {
        chunk_start = j + 1;
        continue;
      }
      c.reference = level_name ? "level" : "bare";
      if (sfx.short_form || (level_name && (t.type == EntityType::Agency))) c.reference = "level-name";
    }
    if (!anchored && utf8::length(body) < 2 && c.reference.empty()) continue;
    c.begin = toks[s0].b;
    c.end = toks[end_tok].e;
    // 第十七批省卫生人才服务团: a team's batch number is part of its name.
    if (t.type == EntityType::Organization) {
      std::size_t b = batch_start(s, c.begin);
      if (!c.leading.empty()) c.last_region += static_cast<std::uint32_t>(c.begin - b);
      c.begin = b;
    }
    c.surface = std::string(s.substr(c.begin, c.end - c.begin));
    if (utf8::length(c.surface) > kMaxNameChars) continue;
    c.type = committee ? EntityType::Organization : toks[end_tok].type;
    c.rule = "suffix:" + std::string(s.substr(toks[end_tok].b, toks[end_tok].e - toks[end_tok].b));
    c.body = static_cast<std::uint32_t>(body_b - c.begin);
    if (!c.level.empty()) c.body = static_cast<std::uint32_t>(c.level.size());
    // Regions written in front of the name are places of their own when two or more are chained.
    // 昆明市延安医院: a second place that does not lie in the first is part of the name, not a place.
    auto nested = [&] {
      for (std::size_t r = s0 + 1; r < s0 + c.leading.size(); ++r)
        if (!lies_in(toks[r - 1], toks[r]) && !toks[r].composed) return false;
      return true;
    };
    if (c.leading.size() >= 2 && nested()) {
      for (std::size_t r = s0; r < s0 + c.leading.size(); ++r) {
        Candidate rc;
        rc.begin = toks[r].b;
        rc.end = toks[r].e;
        rc.surface = std::string(s.substr(rc.begin, rc.end - rc.begin));
        rc.type = toks[r].type;
        rc.divisions = *toks[r].divisions;
        rc.rule = toks[r].composed ? "place-ending" : "gazetteer";
        rc.inner = true;
        out.push_back(std::move(rc));
      }
    }
    for (std::size_t u = s0; u <= end_tok; ++u) used[u] = true;
    out.push_back(std::move(c));
    j = end_tok;
    chunk_start = j + 1;
  }
  for (std::size_t j = 0; j < toks.size(); ++j) {
    const Piece& t = toks[j];
    if (used[j] || (t.kind != Kind::Region && t.kind != Kind::User && t.kind != Kind::Ref)) continue;
    Candidate c;
    c.begin = t.b;
    c.end = t.e;
    c.surface = std::string(s.substr(t.b, t.e - t.b));
    if (t.kind == Kind::Region) {
      c.type = t.type;
      c.divisions = *t.divisions;
      c.rule = t.composed ? "place-ending" : "gazetteer";
    } else if (t.kind == Kind::User) {
      c.type = t.type;
      c.rule = "user";
    } else if (t.kind == Kind::Ref) {
      const auto* ref = references.find(c.surface);
      c.type = ref->first;
      c.reference = ref->second;
      c.rule = "reference";
    } else {
      continue;
    }
    out.push_back(std::move(c));
  }
}

bool Recognizer::Data::is_boundary_word(std::string_view s, std::size_t pos) const {
  const std::string* part = nullptr;
  std::size_t n = parts.longest(s, pos, &part);
  return n && *part == "boundary";
}

// Is the character at `pos` a cue of `kind`?
bool Recognizer::Data::cue_at(std::string_view s, std::size_t pos, const std::string& kind) const {
  const std::string* k = cues.find(s.substr(pos, char_len(s, pos)));
  return k && *k == kind;
}

// Does a cue of `kind` end right before `pos` (spaces skipped)?
bool Recognizer::Data::cue_before(std::string_view s, std::size_t pos, const std::string& kind) const {
  while (pos > 0 && (s[pos - 1] == ' ' || s[pos - 1] == '\t')) --pos;
  for (std::size_t back = 1; back <= 4 && back * 3 <= pos; ++back) {
    const std::string* k = cues.find(s.substr(pos - back * 3, back * 3));
    if (k && *k == kind) return true;
  }
  return false;
}

// How many characters (2 or 3) the person name at `pos` has; 0 when none fits.
std::size_t Recognizer::Data::person_length(std::string_view s, std::size_t pos) const {
  auto chars_at = [&](std::size_t n) -> std::size_t {  // bytes of n CJK characters from pos, 0 if not CJK
    std::size_t i = pos;
    for (std::size_t k = 0; k < n; ++k) {
      if (!is_cjk_at(s, i)) return 0;
      i += char_len(s, i);
    }
    return i - pos;
  };
  std::size_t b2 = chars_at(2), b3 = chars_at(3);
  if (!b2) return 0;
  // 包括, 成为, 通过: a surname character that opens a frequent verb or function word opens no name.
  if (auto w = word(s.substr(pos, b2)); w && w->freq >= 2000 && one_of(w->pos, {"v", "p", "c", "r", "d"})) return 0;
  // 医生应秉承…: a modal or preposition that is also a surname (应, 将, 要), then a verb, is no name.
  static const std::set<std::string_view> kFunctionSurnames = {"应", "将", "要", "可", "能", "会", "向", "于", "从", "并", "也"};
  if (b3 && kFunctionSurnames.count(s.substr(pos, 3)))
    if (auto w = word(s.substr(pos + 3, b3 - 3)); w && w->freq >= 100 && one_of(w->pos, {"v", "vn", "ad", "d"})) return 0;
  auto follows_word = [&](std::size_t at, std::uint32_t min_freq) {  // a dictionary word of 2+ characters, or an after-cue, starts at `at`
    if (at >= s.size() || !is_cjk_at(s, at)) return at >= s.size() || !is_cjk_at(s, at) ? 2 : 0;
    const std::string* kind = nullptr;
    if (cues.longest(s, at, &kind) && *kind == "after") return 2;
    if (titles.longest(s, at)) return 2;
    std::size_t i = at + char_len(s, at);
    for (int k = 0; k < 3 && i < s.size(); ++k) {
      i += char_len(s, i);
      auto f = word(s.substr(at, i - at));
      if (f && f->freq >= min_freq) return 1;
    }
    return 0;
  };
  auto second_char_ok = [&](std::size_t bytes) {  // given-name characters are not function words
    for (std::size_t i = pos + char_len(s, pos); i < pos + bytes; i += char_len(s, i))
      if (is_boundary_word(s, i) || titles.longest(s, i) || suffixes.longest(s, i)) return false;
    return true;
  };
  // Any dictionary word ends a two-character name (王强随队); a three-character reading needs a common one
  // after it (张琦分别 is 张琦 before 分别, not 张琦分).
  int after2 = follows_word(pos + b2, 3);
  int after3 = b3 ? follows_word(pos + b3, 20) : 0;
  // A cue word decides first (李仁穷说 / 张林认为). When only dictionary words follow, three characters win:
  // most full names have three, and a given name's last character often starts a word (杨建林带队).
  if (after2 == 2 && second_char_ok(b2)) return b2;
  if (after3 == 2 && second_char_ok(b3)) return b3;
  if (after3 == 1 && second_char_ok(b3)) return b3;
  if (after2 == 1 && second_char_ok(b2)) return b2;
  // 姚和瑞担任: a function character inside a three-character name, when the two-character reading has
  // nothing after it that ends a name.
  if (b3 && after2 == 0 && after3 > 0 && !titles.longest(s, pos + char_len(s, pos)) &&
      !suffixes.longest(s, pos + char_len(s, pos)))
    return b3;
  // 王小强随队: nothing closes the two-character reading, a rarer word follows the three-character one.
  if (b3 && after2 == 0 && follows_word(pos + b3, 3) > 0 && second_char_ok(b3)) return b3;
  return 0;
}

// A Tibetan name of two listed syllables at `pos` (次仁多吉): its byte length, else 0.
std::size_t Recognizer::Data::syllable_name_length(std::string_view s, std::size_t pos) const {
  constexpr std::size_t kSyllable = 6;  // two CJK characters
  if (pos + 2 * kSyllable > s.size() || !is_cjk_at(s, pos) || !is_cjk_at(s, pos + 3) || !is_cjk_at(s, pos + 6) ||
      !is_cjk_at(s, pos + 9))
    return 0;
  bool both = name_syllables.count(s.substr(pos, kSyllable)) && name_syllables.count(s.substr(pos + kSyllable, kSyllable));
  return both ? 2 * kSyllable : 0;
}

namespace {
// The middle dots that join the parts of transliterated names (阿依古丽·买买提).
// A full stop between two Chinese characters (阿依古丽.买买提) stands for the dot as well: sentences
// never end there.
std::size_t name_dot_at(std::string_view s, std::size_t pos) {
  for (std::string_view dot : {"·", "•", "・"})
    if (s.substr(pos, dot.size()) == dot) return dot.size();
  if (pos < s.size() && s[pos] == '.' && pos >= 3 && is_cjk_at(s, pos - 3) && is_cjk_at(s, pos + 1)) return 1;
  return 0;
}
constexpr std::size_t kNamePartChars = 6;

// Does `s` hold a name dot anywhere? Without one no dotted name can be read, so its scans are skipped.
bool has_name_dot(std::string_view s) {
  for (std::string_view dot : {"·", "•", "・"})
    if (s.find(dot) != std::string_view::npos) return true;
  for (std::size_t at = s.find('.'); at != std::string_view::npos; at = s.find('.', at + 1))
    if (name_dot_at(s, at)) return true;
  return false;
}
}  // namespace

// A name of parts joined by middle dots at `pos` (阿不都·买买提): its byte length, else 0. The last part
// ends before a title, a cue, a boundary word or an ordinary word (…买买提表示).
std::size_t Recognizer::Data::dotted_name_length(std::string_view s, std::size_t pos) const {
  std::size_t at = pos, dots = 0;
  for (;;) {
    std::size_t part = at, chars = 0;
    while (at < s.size() && is_cjk_at(s, at) && chars < kNamePartChars && !name_dot_at(s, at)) {
      if (chars > 0 && dots > 0 && (titles.longest(s, at) || is_boundary_word(s, at) || cues.longest(s, at))) break;
      if (chars > 1 && dots > 0) {
        auto w = dictionary ? dictionary->longest_word(s.substr(at), 2, 4) : std::nullopt;
        // 艾买提到机场: a word (提到) whose second character is a cue (到) leaves its first to the name.
        std::size_t next = at + char_len(s, at);
        bool cue_next = next < s.size() && (cues.longest(s, next) || is_boundary_word(s, next));
        if (w && w->entry.freq >= 100 && !cue_next) break;
      }
      at += char_len(s, at);
      ++chars;
    }
    if (chars == 0) return 0;
    std::size_t dot = at < s.size() ? name_dot_at(s, at) : 0;
    if (!dot) return dots > 0 && at > part ? at - pos : 0;
    at += dot;
    if (++dots > 3) return 0;
  }
}

static bool ends_organization(const std::vector<Candidate>& found, std::size_t at) {
  return std::any_of(found.begin(), found.end(), [&](const Candidate& c) {
    return !c.inner && c.end == at && c.type != EntityType::Person && !graph::is_region(c.type);
  });
}

// Where a dotted name ending at `end` starts (not before the end of a name in `found`); npos when the
// text before `end` is no such name.
std::size_t Recognizer::Data::dotted_name_start(std::string_view s, std::size_t end,
                                                const std::vector<Candidate>& found) const {
  std::size_t b = end, dots = 0, chars = 0;
  while (b > 0 && !(dots > 0 && ends_organization(found, b))) {
    std::size_t prev = b - 1;
    while (prev > 0 && (static_cast<unsigned char>(s[prev]) & 0xC0) == 0x80) --prev;
    if (name_dot_at(s, prev)) {
      if (chars == 0 || ++dots > 3) return std::string_view::npos;
      chars = 0;
    } else if (is_cjk_at(s, prev) && chars < kNamePartChars) {
      if (chars > 0 && dots > 0 && is_boundary_word(s, prev)) break;
      ++chars;
    } else {
      break;
    }
    b = prev;
  }
  return dots == 0 || chars == 0 ? std::string_view::npos : b;
}

void Recognizer::Data::find_persons(std::string_view s, std::vector<Candidate>& out) const {
  auto overlaps = [&](std::size_t b, std::size_t e) {
    for (const auto& c : out)
      if (!c.inner && c.begin < e && b < c.end) return true;
    return false;
  };
  // A name without a surname beside a title outweighs a region's short form read inside it (西平 in 扎西平措).
  auto drop_regions_inside = [&](std::size_t b, std::size_t e) {
    auto short_region_inside = [&](const Candidate& c) {
      if (!graph::is_region(c.type) || c.begin < b || c.end > e) return false;
      const auto& ids = gazetteer.find(c.surface);
      return std::none_of(ids.begin(), ids.end(), [&](int id) { return gazetteer.is_full_name(id, c.surface); });
    };
    out.erase(std::remove_if(out.begin(), out.end(), short_region_inside), out.end());
  };
  auto add = [&](std::size_t b, std::size_t e, const std::string& title, const std::string& rule) {
    if (overlaps(b, e) || cue_before(s, b, "exclude")) return;
    auto w = word(s.substr(b, e - b));  // 全面, 单位: words, not names
    if (w && w->freq >= 50 && w->pos.substr(0, 2) != "nr") return;
    std::string_view rest = s.substr(e);
    if (rest.substr(0, 1) == "(" && rest.find("化名") != std::string_view::npos && rest.find("化名") < 4) return;
    if (cue_before(s, b, "patient")) return;
    // 8位医疗专家, 各位援藏医生: a measure word after a count is no surname.
    std::string_view first = s.substr(b, 3);
    if ((first == "位" || first == "名") && b >= 3 &&
        (numeral_before(s, b) || s.substr(b - 3, 3) == "各" || s.substr(b - 3, 3) == "每" || s.substr(b - 3, 3) == "诸"))
      return;
    // 宣传部部长: a body's ending closes no person's name (jieba tags some such words as names).
    const std::string* last_kind = e >= b + 3 ? cues.find(s.substr(e - 3, 3)) : nullptr;
    if (last_kind && *last_kind == "not_last") return;
    Candidate c = person_candidate(s, b, e, rule.c_str());
    c.role = title;
    out.push_back(std::move(c));
  };
  const bool dotted = has_name_dot(s);
  for (std::size_t pos = 0; pos < s.size();) {
    const std::string* kind = nullptr;
    std::size_t n = title_may_start(s, pos) ? titles.longest(s, pos, &kind) : 0;
    if (!n) {
      pos += char_len(s, pos);
      continue;
    }
    std::string title(s.substr(pos, n));
    std::size_t after = pos + n;
    while (after < s.size() && s[after] == ' ') ++after;
    // 副院长(某院心内科主任医师)刘强说: an aside in brackets between the title and the name.
    if (after < s.size() && s[after] == '(') {
      std::size_t close = s.find(')', after);
      if (close != std::string_view::npos && close - after <= 90 && close + 1 < s.size() && is_cjk_at(s, close + 1) &&
          surnames.count(s.substr(close + 1, char_len(s, close + 1))))
        after = close + 1;
    }
    // Title then name: 院长张三说; names listed after one title share it (副院长王五、赵六).
    std::size_t at = after;
    // After 、 a conjunction reads as a surname (副院长甲、和水祥): 、和 never joins.
    auto listed_surname = [&](std::size_t p) { return p != after && surnames.count(s.substr(p, char_len(s, p))); };
    while (at < s.size() && is_cjk_at(s, at) && (!is_boundary_word(s, at) || listed_surname(at))) {
      // 张三; names without a surname: 次仁多吉 (Tibetan), 阿不都·买买提 (transliterated, dotted).
      std::size_t len = dotted ? dotted_name_length(s, at) : 0;
      if (!len) len = syllable_name_length(s, at);
      if (len) drop_regions_inside(at, at + len);
      // 主任欧阳振华: a compound surname, then the given name as after a single one.
      if (!len && at + 6 <= s.size() && surnames.count(s.substr(at, 6))) {
        std::size_t given = person_length(s, at + 3);
        if (given) len = 3 + given;
      }
      if (!len && surnames.count(s.substr(at, char_len(s, at)))) {
        // Right after a title, a surname and a region's short form are a name (书记李卫东, 校长郭东明).
        len = person_length(s, at);
        if (len) drop_regions_inside(at, at + len);
      }
      if (!len && *kind == "post") len = bare_name_length(s, at);
      if (!len) break;
      add(at, at + len, title, "title-name:" + title);
      at += len;
      // 医生阿依古丽·买买提和热合曼江·吐尔逊: a dotted name after 和/与/及 is the list's next name.
      // 医生张三和李四参加: so is a name with a surname that a cue (参加, 出席) closes.
      bool conj = at + 3 < s.size() &&
                  (s.compare(at, 3, "和") == 0 || s.compare(at, 3, "与") == 0 || s.compare(at, 3, "及") == 0);
      bool joined = conj && dotted && dotted_name_length(s, at + 3) > 0;
      if (conj && !joined && is_cjk_at(s, at + 3) && surnames.count(s.substr(at + 3, char_len(s, at + 3)))) {
        std::size_t n = person_length(s, at + 3);
        const std::string* cue = nullptr;
        joined = n && cues.longest(s, at + 3 + n, &cue) && *cue == "after";
      }
      if (s.compare(at, 3, "、") != 0 && !joined) break;
      at += 3;
    }
    // Name then title, without a surname (格桑扎西局长, 阿不都·买买提主任), starting a phrase or right
    // after an organization's name.
    auto starts_phrase = [&](std::size_t b) {
      return b == 0 || !is_cjk_at(s, b - 3) || is_boundary_word(s, b - 3) || ends_organization(out, b);  // 某局格桑扎西局长
    };
    std::size_t dotted_start = dotted ? dotted_name_start(s, pos, out) : std::string_view::npos;
    std::size_t tibetan = pos >= 12 && syllable_name_length(s, pos - 12) == 12 ? pos - 12 : std::string_view::npos;
    for (std::size_t b : {dotted_start, tibetan}) {
      if (b == std::string_view::npos || !starts_phrase(b)) continue;
      drop_regions_inside(b, pos);
      if (!overlaps(b, pos)) {
        add(b, pos, title, "name-title:" + title);
        break;
      }
    }
    // Name then title: 张三医生 (the name starts a phrase, or follows a department: 麻醉科张三主任医师).
    // Posts after a name are riskier (黄冈市长): only full three-character names take them.
    for (std::size_t back : {9u, 6u}) {
      if (back > pos) continue;
      std::size_t b = pos - back;
      // ... unless a department is written right before the name (心内科吴晋主任).
      // ... or the name is the next item of a list of names with titles (甲副主任、乙副主任).
      if (*kind != "member" && back != 9 && !cue_before(s, b, "before") && !title_item_before(s, b)) continue;
      if (!is_cjk_at(s, b) || !surnames.count(s.substr(b, 3))) continue;
      // 每周开展专家门诊: the surname closes a word with the character before it (每周), so no name starts there.
      if (b >= 3 && is_cjk_at(s, b - 3)) {
        auto w = word(s.substr(b - 3, 6));
        if (w && w->freq >= 100 && w->pos.substr(0, 2) != "nr") continue;
      }
      // 包括张伟主任医师: a verb or preposition ending right before the surname opens the phrase too, before
      // a medical rank (坚持党管干部 is no name before 干部).
      auto after_verb = [&] {
        bool rank = title.ends_with("师") || title.ends_with("授") || title.ends_with("生") || title.ends_with("士");
        if (!rank || b < 6 || !is_cjk_at(s, b - 6)) return false;
        auto w = word(s.substr(b - 6, 6));
        return w && w->freq >= 1000 && one_of(w->pos, {"v", "p", "c"});
      };
      // 某医院刘海涛副院长: right after an institution's name a name opens too.
      // A department (普儿科, 护理部) sits there as often: a name does not end in a department's ending.
      auto after_institution = [&] {
        std::string_view last = s.substr(pos - 3, 3);
        for (std::string_view dept : {"科", "部", "室", "处", "所", "组", "办", "院", "区", "中心"})
          if (last == dept) return false;
        return ends_organization(out, b);
      };
      bool starts = b == 0 || !is_cjk_at(s, b - 3) || is_boundary_word(s, b - 3) || cue_before(s, b, "before") ||
                    after_institution() || after_verb();
      if (*kind != "member") {  // 6位科室主任: a count and a common word, not a name before a post
        auto tail = word(s.substr(b + 3, 6));
        std::string_view tag = tail ? tail->pos : std::string_view();
        bool proper = tag.substr(0, 2) == "nr" || tag == "nz" || tag == "ns" || tag == "nt";
        bool common_tail = tail && tail->freq >= 100 && !proper;
        if (common_tail || numeral_before(s, b)) continue;
      }
      bool chars_ok = true;
      for (std::size_t i = b; i < pos; i += 3)
        if (!is_cjk_at(s, i) || (i > b && is_boundary_word(s, i) && !cue_at(s, i, "in_name"))) chars_ok = false;
      if (starts && chars_ok && !overlaps(b, pos)) {
        add(b, pos, title, "name-title:" + title);
        break;
      }
    }
    pos += n;
  }
}


// A name without a surname between a post and a separator (院长助理多杰, 副县长拉毛措,): two or three
// characters that are no common word and hold none. Many Tibetan and Yi names are written so.
std::size_t Recognizer::Data::bare_name_length(std::string_view s, std::size_t pos) const {
  for (std::size_t len : {9u, 6u}) {
    std::size_t e = pos + len;
    if (e > s.size()) continue;
    const std::string* next_kind = nullptr;
    bool separated = e == s.size() || s[e] == ',' || s[e] == ';' || s[e] == '(' || s.compare(e, 3, "、") == 0 ||
                     s.compare(e, 3, "。") == 0 || (cues.longest(s, e, &next_kind) && *next_kind == "after");
    if (!separated) continue;
    bool ok = true;
    for (std::size_t i = pos; i < e && ok; i += 3) {
      ok = is_cjk_at(s, i) && !(is_boundary_word(s, i) && !cue_at(s, i, "in_name")) && !titles.longest(s, i) &&
           !suffixes.longest(s, i);
      for (std::size_t j = i + 6; ok && j <= e; j += 3) {  // 团队, 一行, 成员: common words are not names
        auto w = word(s.substr(i, j - i));
        if (w && w->freq >= 20 && w->pos.substr(0, 2) != "nr") ok = false;
      }
    }
    if (ok) return len;
  }
  return 0;
}

// A count right after 等 (张三、李四等5名专家): the list before it is of people.
static bool counted_people_after(std::string_view s, std::size_t pos) {
  std::size_t i = pos;
  bool numeral = false;
  static const std::string kNumerals = "一二两三四五六七八九十百千万多余";
  while (i < s.size()) {
    if (std::isdigit(static_cast<unsigned char>(s[i]))) { ++i; numeral = true; continue; }
    if (i + 3 <= s.size() && kNumerals.find(s.substr(i, 3)) != std::string::npos) { i += 3; numeral = true; continue; }
    break;
  }
  return numeral && i + 3 <= s.size() && (s.substr(i, 3) == "名" || s.substr(i, 3) == "位");
}

// Where a listed name ending at `end` starts: a surname and one or two more characters, after 、 (or,
// for the list's first name, after anything). npos when no name fits.
std::size_t Recognizer::Data::listed_name_start(std::string_view s, std::size_t end, bool first) const {
  for (std::size_t len : {9u, 6u}) {
    if (len > end) continue;
    std::size_t b = end - len;
    bool chars_ok = true;
    for (std::size_t i = b; i < end; i += 3)
      if (!is_cjk_at(s, i) || (i > b && is_boundary_word(s, i) && !cue_at(s, i, "in_name"))) chars_ok = false;
    if (!chars_ok || !surnames.count(s.substr(b, 3)) || is_boundary_word(s, b)) continue;
    bool after_comma = b >= 3 && s.substr(b - 3, 3) == "、";
    if (after_comma || (first && len == 9 && !(b >= 3 && s.substr(b - 3, 3) == "、"))) return b;
    if (first && len == 6) return b;
  }
  return std::string_view::npos;
}

// Names listed without titles before 等 and a count of people (选派了张三、李四等五名专家), or three and
// more before a bare 等: persons.
void Recognizer::Data::find_listed_persons(std::string_view s, std::vector<Candidate>& out) const {
  for (std::size_t pos = s.find("等"); pos != std::string_view::npos; pos = s.find("等", pos + 3)) {
    std::vector<std::pair<std::size_t, std::size_t>> names;
    std::size_t end = pos;
    while (true) {
      // The list's first name is the one not preceded by 、.
      std::size_t b = listed_name_start(s, end, false);
      if (b == std::string_view::npos) {
        b = listed_name_start(s, end, true);
        if (b != std::string_view::npos) names.emplace_back(b, end);
        break;
      }
      names.emplace_back(b, end);
      end = b - 3;
    }
    std::size_t needed = counted_people_after(s, pos + 3) ? 2 : 3;
    if (names.size() < needed) continue;
    for (const auto& [b, e] : names)
      if (!overlaps_any(out, b, e)) out.push_back(person_candidate(s, b, e, "listed-names"));
  }
}

// Is there a post (医生, 副院长) between `from` and the end of its clause?
bool Recognizer::Data::post_in_clause_before(std::string_view s, std::size_t end) const {
  std::size_t from = 0;
  for (std::size_t i = 0; i < end; i += char_len(s, i))
    if (s[i] == ',' || s[i] == ';' || s.compare(i, 3, "。") == 0) from = i + 1;
  for (std::size_t i = from; i < end; i += char_len(s, i))
    if (titles.longest(s, i)) return true;
  return false;
}

bool Recognizer::Data::post_in_clause(std::string_view s, std::size_t from) const {
  for (std::size_t i = from; i < s.size(); i += char_len(s, i)) {
    char c = s[i];
    if (c == ',' || c == ';' || c == '!' || c == '?' || s.compare(i, 3, "。") == 0) return false;
    if (titles.longest(s, i)) return true;
  }
  return false;
}

// 李某某是某医院心内科副主任医师, 张某现任某县人民医院副院长: a name that opens a clause, a predicate
// (person_cues.tsv) right after it and a post later in the clause. No title stands next to the name, so
// each check the title-led readings make is kept: a surname, characters that can be a given name, no
// common word.
void Recognizer::Data::find_predicate_persons(std::string_view s, std::vector<Candidate>& out) const {
  auto clause_start = [&](std::size_t pos) {
    if (pos == 0) return true;
    char c = s[pos - 1];
    // 来自某院的李某担任…: a name after 的 opens the predicate's clause as well.
    return c == ',' || c == ';' || c == ':' || c == ' ' ||
           (pos >= 3 && (s.compare(pos - 3, 3, "。") == 0 || s.compare(pos - 3, 3, "的") == 0));
  };
  for (std::size_t pos = 0; pos < s.size(); pos += char_len(s, pos)) {
    if (std::size_t v = appoints.longest(s, pos)) find_appointed_person(s, pos + v, out);
    if (!clause_start(pos) || !is_cjk_at(s, pos) || !surnames.count(s.substr(pos, char_len(s, pos)))) continue;
    // 张伟现任: the longer predicate decides the name's length (张伟 + 现任, not 张伟现 + 任).
    std::size_t after3 = pos + 9 < s.size() ? predicates.longest(s, pos + 9) : 0;
    std::size_t after2 = pos + 6 < s.size() ? predicates.longest(s, pos + 6) : 0;
    for (std::size_t len : {9u, 6u}) {
      std::size_t e = pos + len;
      if (e >= s.size() || !predicates.longest(s, e)) continue;
      if (len == 9 && after2 > after3) continue;
      bool chars_ok = true;
      for (std::size_t i = pos + 3; i < e; i += 3)
        if (!is_cjk_at(s, i) || (is_boundary_word(s, i) && !cue_at(s, i, "in_name")) || titles.longest(s, i) ||
            suffixes.longest(s, i))
          chars_ok = false;
      auto w = word(s.substr(pos, len));
      if (!chars_ok || (w && w->freq >= 50 && w->pos.substr(0, 2) != "nr") || !post_in_clause(s, e)) continue;
      // 张卫东挂职…: a place's short form read inside the given name (卫东) gives way to the person.
      auto short_place_inside = [&](const Candidate& c) {
        return graph::is_region(c.type) && c.begin > pos && c.end <= e && c.surface.size() <= 6;
      };
      out.erase(std::remove_if(out.begin(), out.end(), short_place_inside), out.end());
      if (!overlaps_any(out, pos, e)) out.push_back(person_candidate(s, pos, e, "predicate-name"));
      break;
    }
  }
}

// 聘任刘某为某院名誉院长, 派出吴某任某院执行院长: after a verb of appointment or sending, a name (with
// 同志 or not), then 为, 任, 担任 or 挂职 and a post.
void Recognizer::Data::find_appointed_person(std::string_view s, std::size_t b, std::vector<Candidate>& out) const {
  if (!is_cjk_at(s, b) || !surnames.count(s.substr(b, 3))) return;
  for (std::size_t len : {9u, 6u}) {
    std::size_t e = b + len;
    std::size_t at = e;
    if (s.compare(at, 6, "同志") == 0) at += 6;  // 任命赵某同志为…
    bool then_as = false;
    for (std::string_view verb : {"为", "担任", "任", "挂职", "出任", "兼任"})
      then_as = then_as || (at < s.size() && s.compare(at, verb.size(), verb) == 0);
    bool chars_ok = true;
    for (std::size_t i = b + 3; i < e && e <= s.size(); i += 3)
      if (!is_cjk_at(s, i) || is_boundary_word(s, i) || titles.longest(s, i)) chars_ok = false;
    // 队长由某某担任: after 由 the post stands before, in the same clause.
    bool by = b >= 3 && s.compare(b - 3, 3, "由") == 0;
    bool post = by ? post_in_clause_before(s, b - 3) && s.compare(at, 6, "担任") == 0 : post_in_clause(s, e);
    if (!then_as || !chars_ok || overlaps_any(out, b, e) || !post) continue;
    out.push_back(person_candidate(s, b, e, "appointed-name"));
    return;
  }
}

Recognizer::Recognizer(const RecognizerOptions& options) : data_(std::make_unique<Data>()) {
  data_->load(options);
  data_->index_lexemes();
}
Recognizer::~Recognizer() = default;
Recognizer::Recognizer(Recognizer&&) noexcept = default;
Recognizer& Recognizer::operator=(Recognizer&&) noexcept = default;

std::size_t Recognizer::title_at(std::string_view text, std::size_t pos, bool* member) const {
  if (pos >= text.size()) return 0;
  const std::string* kind = nullptr;
  std::size_t n = data_->titles.longest(text, pos, &kind);
  if (member) *member = n && kind && *kind == "member";
  return n;
}

const Gazetteer& Recognizer::gazetteer() const { return data_->gazetteer; }

std::string Recognizer::abbreviate(const std::string& name) const {
  for (const auto& [full, short_form] : data_->abbreviations)
    if (name.size() >= full.size() && name.compare(name.size() - full.size(), full.size(), full) == 0)
      return name.substr(0, name.size() - full.size()) + short_form;
  return name;
}
const std::vector<std::pair<std::string, std::vector<std::string>>>& Recognizer::user_aliases() const {
  return data_->user_aliases;
}

std::vector<Candidate> Recognizer::recognize(std::string_view sentence) const {
  thread_local std::vector<Piece> toks;  // reused: recognize runs once per sentence
  data_->tokenize(sentence, toks);
  data_->compose_regions(sentence, toks);
  std::vector<Candidate> out;
  out.reserve(toks.size() / 4 + 4);  // candidates are large: growing the vector would move them
  data_->find_names(sentence, toks, out);
  data_->find_persons(sentence, out);
  data_->find_listed_persons(sentence, out);
  data_->find_predicate_persons(sentence, out);
  auto before = [](const Candidate& a, const Candidate& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  };
  // Usually in order already. Otherwise a stable sort of indices (ties keep the order they were found
  // in), then each candidate moved once: candidates are large.
  if (std::is_sorted(out.begin(), out.end(), before)) return out;
  std::vector<std::uint32_t> order(out.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<std::uint32_t>(i);
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return before(out[a], out[b]); });
  std::vector<Candidate> sorted;
  sorted.reserve(out.size());
  for (std::uint32_t i : order) sorted.push_back(std::move(out[i]));
  return sorted;
}

}  // namespace bangfu::ingest
