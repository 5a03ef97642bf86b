#include "ingest/relation_match.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <optional>
#include <tuple>

#include <boost/container/small_vector.hpp>

#include "ingest/counted_lists.hpp"
#include "ingest/utf8.hpp"

namespace bangfu::ingest {
namespace {

using Kind = PatternElement::Kind;

constexpr std::size_t kMaxMatches = 512;      // per rule and sentence: bounds the backtracking
constexpr std::size_t kGapChars = 40;         // …
constexpr std::size_t kWideGapChars = 80;     // ~
constexpr std::size_t kRoleSegmentChars = 16; // department + title
constexpr std::size_t kWhatChars = 20;

constexpr std::string_view kListJoiners[] = {"以及", "、", "和", "及", "与", "或"};

// Runs at nearly every position of every sentence for every rule: the last byte of a CJK word is the
// most telling one, so it is compared before the whole word.
bool starts_with(std::string_view text, std::size_t pos, std::string_view word) {
  if (pos > text.size() || text.size() - pos < word.size()) return false;
  if (word.empty()) return true;
  if (text[pos + word.size() - 1] != word.back() || text[pos] != word.front()) return false;
  return text.compare(pos, word.size(), word) == 0;
}

char32_t peek(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return 0;
  return utf8::next(text, pos);
}

std::size_t advance(std::string_view text, std::size_t pos) {
  return pos + utf8::seq_len(static_cast<unsigned char>(text[pos]));
}

bool is_numeral(char32_t cp) {
  return (cp >= U'0' && cp <= U'9') || std::u32string_view(U"一二三四五六七八九十百千两零几数多各").find(cp) !=
                                            std::u32string_view::npos;
}

bool is_word_char(char32_t cp) {
  return utf8::is_cjk(cp) || (cp >= U'0' && cp <= U'9') || (cp >= U'A' && cp <= U'Z') || (cp >= U'a' && cp <= U'z');
}

class Search {
 public:
  Search(const RelationRule& rule, const SentenceIndex& s, const RelationRuleBook& book)
      : rule_(rule), elements_(rule.pattern.elements), s_(s), text_(s.text()), book_(book),
        anchor_(rule.pattern.anchor) {}

  std::vector<PatternMatch> run() {
    thread_local std::vector<std::size_t> starts;
    starts.clear();
    bool everywhere = !start_positions(starts);
    std::size_t next = 0;
    for (std::size_t pos = 0; pos < text_.size() && found_.size() < kMaxMatches; pos = advance(text_, pos)) {
      if (!everywhere) {  // jump to the next position where the pattern can begin
        while (next < starts.size() && starts[next] < pos) ++next;
        if (next == starts.size()) break;
        pos = starts[next++];
      }
      if (s_.covered(pos) && s_.mention_at(pos) < 0) continue;
      PatternMatch m;
      m.begin = static_cast<std::uint32_t>(pos);
      if (can_start(0, pos)) step(0, pos, m);
      if (rule_.pattern.elided_source() && s_.mention_at(pos) < 0) elided_start(pos, m);
    }
    return best_per_anchor();
  }

 private:
  // Where the first element (or, without a subject, the first after it) can begin, in byte order; false
  // when that is anywhere. Most rules begin at a mention or a trigger word, a few positions a sentence.
  bool start_positions(std::vector<std::size_t>& out) const {
    if (!add_starts(0, out)) return false;
    if (rule_.pattern.elided_source()) {
      Kind next = elements_.size() > 1 ? elements_[1].kind : Kind::literal;
      if (!add_starts(next == Kind::gap || next == Kind::wide_gap ? 2 : 1, out)) return false;
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return true;
  }

  bool add_starts(std::size_t k, std::vector<std::size_t>& out) const {
    if (k >= elements_.size()) return false;
    const auto& e = elements_[k];
    if (e.kind == Kind::src || e.kind == Kind::dst) {
      for (const auto& m : s_.mentions())
        if (s_.mention_at(m.begin) >= 0) out.push_back(m.begin);
      return true;
    }
    if (e.kind != Kind::literal || e.skippable || !s_.has_words()) return false;
    s_.words().positions(out);
    return true;
  }

  // Without a subject the match starts anywhere. After a leading gap, a start before where the rest can
  // begin only adds gap bytes, and the nearest reading wins (best_per_anchor): the gap is taken at its
  // shortest. Trying them all found the same matches at a cost growing with sentence length squared.
  void elided_start(std::size_t pos, PatternMatch& m) {
    Kind next = elements_.size() > 1 ? elements_[1].kind : Kind::literal;
    if (next == Kind::gap || next == Kind::wide_gap) {
      if (can_start(2, pos)) step(2, pos, m);
    } else if (can_start(1, pos)) {
      step(1, pos, m);
    }
  }

  // A quick "element k cannot begin at pos" for the positions a gap or a scan tries.
  bool can_start(std::size_t k, std::size_t pos) const {
    if (k >= elements_.size()) return true;
    while (pos < text_.size() && text_[pos] == ' ') ++pos;
    const auto& e = elements_[k];
    switch (e.kind) {
      case Kind::src:
      case Kind::dst: return s_.mention_at(pos) >= 0;
      case Kind::literal:
        return !s_.has_words() || s_.words().starts(pos) || e.skippable;
      default: return true;
    }
  }

  void step(std::size_t k, std::size_t pos, PatternMatch& m) {
    if (found_.size() >= kMaxMatches) return;
    if (k == elements_.size()) {
      m.end = static_cast<std::uint32_t>(pos);
      if (!self_only(m)) found_.push_back(m);  // a farther reading may name two things
      return;
    }
    while (pos < text_.size() && text_[pos] == ' ') ++pos;
    const auto& e = elements_[k];
    switch (e.kind) {
      case Kind::src:
      case Kind::dst: return slot(k, pos, m);
      case Kind::dst_short: return short_form(k, pos, m);
      case Kind::literal: return literal(k, pos, m);
      case Kind::gap:
      case Kind::wide_gap: return gap(k, pos, m);
      case Kind::role: return role(k, pos, m);
      case Kind::amount: return amount(k, pos, m);
      case Kind::what: return what(k, pos, m);
    }
  }

  void mark_anchor(std::size_t k, std::size_t begin, std::size_t end, PatternMatch& m) const {
    if (k != anchor_) return;
    m.anchor_begin = static_cast<std::uint32_t>(begin);
    m.anchor_end = static_cast<std::uint32_t>(end);
  }

  // Past a mention and a parenthesized alternate name right after it: 某医院(某大学附属医院).
  // Also 某医院(下称“某院”), 某医院(以下简称“某院”): the alternate introduced and quoted.
  std::size_t after_mention(int i) const {
    std::size_t pos = s_.mentions()[i].end;
    if (!starts_with(text_, pos, "(")) return pos;
    std::size_t at = pos + 1;
    for (const char* intro : {"以下简称", "以下称", "下称", "简称"})
      if (starts_with(text_, at, intro)) {
        at += std::string_view(intro).size();
        break;
      }
    for (const char* quote : {"“", "\""})
      if (starts_with(text_, at, quote)) at += std::string_view(quote).size();
    int inner = s_.mention_at(at);
    if (inner < 0) return pos;
    std::size_t close = s_.mentions()[inner].end;
    for (const char* quote : {"”", "\""})
      if (starts_with(text_, close, quote)) close += std::string_view(quote).size();
    return starts_with(text_, close, ")") ? close + 1 : pos;
  }

  bool allowed(int i, Kind kind) const {
    if (i < 0) return false;
    const TypeSet& types = kind == Kind::src ? rule_.src_types : rule_.dst_types;
    return contains(types, s_.mentions()[i].type);
  }

  // 某省某市某县: places written one inside the next stand for the last, most specific one.
  int chain_head(int i) const {
    const auto& ms = s_.mentions();
    while (i >= 0 && graph::is_region(ms[i].type)) {
      int next = s_.mention_at(ms[i].end);
      if (next < 0 || !graph::is_region(ms[next].type)) break;
      i = next;
    }
    return i;
  }

  // 甲对乙实行帮扶,派驻医疗队到丙: a name right after 对 is what is acted on, never the subject of the
  // verbs after it. (Patterns that write 对 before {A} themselves do not start with {A}.)
  bool object_of_dui(std::size_t pos) const {
    return pos >= 3 && text_.compare(pos - 3, 3, "对") == 0 && !s_.covered(pos - 3);
  }

  // 甲与乙、丙和丁签约: 乙, 丙 and 丁 come after a name and a joiner: they are 甲's partners (or the next
  // items of a list), never the subject of what follows.
  bool inside_list(std::size_t pos, std::size_t k) const {
    // 与/同 before a name make it an object (甲先后与乙、丙和丁签约), whatever stands before them, when the
    // pattern wants a partner joined after it (甲与乙签订 …): 乙's list is not that subject. (与乙签订协议帮扶丙
    // keeps 乙 as a subject: the pattern reads no second partner.)
    bool partner_next = false;
    for (std::size_t e = k + 1; e < elements_.size(); ++e) {
      const auto& el = elements_[e];
      if (el.kind == Kind::src || el.kind == Kind::dst) break;
      if (el.kind != Kind::literal) continue;  // gaps: look on to the next fixed text
      for (const auto& sp : el.spellings) partner_next = partner_next || sp == "与" || sp == "和" || sp == "同";
      bool optional = std::find(el.spellings.begin(), el.spellings.end(), "") != el.spellings.end();
      if (!optional) break;  // a required literal ends the look
    }
    for (std::string_view preposition : {"与", "同"})
      if (partner_next && pos >= preposition.size() &&
          text_.compare(pos - preposition.size(), preposition.size(), preposition) == 0)
        return true;
    // After a name, 、 always continues a list; 和/及 may also join two subjects (甲和乙托管共建丙).
    for (auto joiner : kListJoiners) {
      if (joiner != "、" && !partner_next) continue;
      if (pos < joiner.size() || text_.compare(pos - joiner.size(), joiner.size(), joiner) != 0) continue;
      std::size_t before = pos - joiner.size();
      return std::any_of(s_.mentions().begin(), s_.mentions().end(), [&](const Mention& m) { return m.end == before; });
    }
    return false;
  }

  // 红河州的绿春县人民医院: a place followed by 的 and an institution says where that institution is; the
  // institution's position, or -1.
  std::ptrdiff_t institution_after_de(int i) const {
    if (i < 0 || !graph::is_region(s_.mentions()[static_cast<std::size_t>(i)].type)) return -1;
    std::size_t end = s_.mentions()[static_cast<std::size_t>(i)].end;
    if (!starts_with(text_, end, "的")) return -1;
    int next = s_.mention_at(end + 3);
    if (next < 0 || graph::is_region(s_.mentions()[static_cast<std::size_t>(next)].type)) return -1;
    return static_cast<std::ptrdiff_t>(end + 3);
  }

  // 天津市各大医院, 全省各级医院: a place right before a plural only says where the many are; they act.
  bool qualifies_plural(int i) const {
    if (!graph::is_region(s_.mentions()[i].type)) return false;
    std::size_t end = s_.mentions()[i].end;
    for (std::string_view w : {"各", "多家", "部分", "诸多", "众多"})
      if (starts_with(text_, end, w)) return true;
    return false;
  }

  // A mention, or a coordinated list of them (甲、乙和丙), tried longest first, with or without 等.
  void slot(std::size_t k, std::size_t pos, PatternMatch& m) {
    Kind kind = elements_[k].kind;
    int first = chain_head(s_.mention_at(pos));
    // The institution stands in for the place when the slot takes it (帮扶某州的某医院); 位于某市的某医院 keeps
    // the place for a slot that wants one.
    if (std::ptrdiff_t at = institution_after_de(first);
        at >= 0 && allowed(s_.mention_at(static_cast<std::size_t>(at)), kind))
      return slot(k, static_cast<std::size_t>(at), m);
    if (!allowed(first, kind) || qualifies_plural(first)) return;
    if (kind == Kind::src && k == 0 && object_of_dui(pos)) return;
    if (kind == Kind::src && inside_list(pos, k)) return;
    // Tried at every mention for every rule: lists are short, so they live on the stack.
    boost::container::small_vector<int, 8> chain{first};
    boost::container::small_vector<std::size_t, 8> ends{after_mention(first)};
    // A conjunction (和, 与, 及) joins a list's last item: after it, 、 opens no further item of the same
    // list (甲与乙、丙和丁签约 is 甲 and the list 乙、丙、丁, never 甲、乙、丙 with 丁).
    bool conjunction_used = false;
    while (true) {
      std::size_t q = ends.back();
      int next = -1;
      for (auto joiner : kListJoiners) {
        if (starts_with(text_, q, joiner) && !s_.covered(q)) {
          if (joiner == "、" && conjunction_used) break;
          next = chain_head(s_.mention_at(q + joiner.size()));
          conjunction_used = conjunction_used || joiner != "、";
          break;
        }
      }
      // 县委县政府, 市委市政府: two bodies written back to back are a pair, without a joiner.
      if (next < 0) {
        int adjacent = s_.mention_at(q);
        if (adjacent >= 0 && s_.mentions()[adjacent].type == graph::EntityType::Agency &&
            s_.mentions()[chain.back()].type == graph::EntityType::Agency)
          next = adjacent;
      }
      if (!allowed(next, kind) || std::find(chain.begin(), chain.end(), next) != chain.end() ||
          qualifies_plural(next))
        break;
      chain.push_back(next);
      ends.push_back(after_mention(next));
    }
    if (counted_after(ends.back())) return;
    auto& target = kind == Kind::src ? m.src : m.dst;
    for (std::size_t n = chain.size(); n >= 1; --n) {
      target.assign(chain.begin(), chain.begin() + n);
      std::size_t end = ends[n - 1];
      // A list never ends right before 、 and another name: 甲与乙、丙 is not the pair 甲与乙.
      if (starts_with(text_, end, "、") && allowed(chain_head(s_.mention_at(end + 3)), kind)) continue;
      if (starts_with(text_, end, "等") && !s_.covered(end)) step(k + 1, end + 3, m);
      step(k + 1, end, m);
    }
    target.clear();
  }

  // 黔 in 援黔: a province's short form in free text, ended by a word that is no part of a longer name.
  // The recognizer may already have read the short form as the province: that mention is the destination.
  void short_form(std::size_t k, std::size_t pos, PatternMatch& m) {
    if (int i = s_.mention_at(pos); i >= 0) {
      const auto& mention = s_.mentions()[i];
      bool short_written = std::any_of(book_.short_forms.begin(), book_.short_forms.end(),
                                       [&](const auto& f) { return f.first == mention.surface; });
      if (mention.type != graph::EntityType::Province || !short_written) return;
      m.dst = {i};
      step(k + 1, mention.end, m);
      m.dst.clear();
      return;
    }
    for (const auto& [form, names] : book_.short_forms) {
      if (!starts_with(text_, pos, form) || !free_text(pos, form.size())) continue;
      m.dst_name = names.front();
      step(k + 1, pos + form.size(), m);
      m.dst_name.clear();
      return;
    }
  }

  bool free_text(std::size_t pos, std::size_t len) const {
    for (std::size_t i = pos; i < pos + len; ++i)
      if (s_.covered(i)) return false;
    return true;
  }

  bool word_at(const PatternElement& e, std::size_t i, std::size_t pos) const {
    if (s_.has_words() && i < e.word_ids.size()) return s_.words().at(pos, e.word_ids[i]);
    return starts_with(text_, pos, e.spellings[i]);
  }

  void literal(std::size_t k, std::size_t pos, PatternMatch& m) {
    const auto& e = elements_[k];
    for (std::size_t i = 0; i < e.spellings.size(); ++i) {
      const auto& spelling = e.spellings[i];
      if (spelling.empty()) {
        step(k + 1, pos, m);
      } else if (word_at(e, i, pos) && free_text(pos, spelling.size())) {
        mark_anchor(k, pos, pos + spelling.size(), m);
        step(k + 1, pos + spelling.size(), m);
      }
    }
  }

  // "某县、某区的12家卫生院": places followed by 的 and a count only qualify what is counted, also when
  // the list goes on with names the recognizer missed (某县、某开发区的…).
  // A place's or an institution's 的10名专家 are its own people, sent or serving: a count of people does
  // not qualify it.
  bool counted_after(std::size_t pos) const {
    auto counted = [&](std::size_t q) {
      if (!starts_with(text_, q, "的") || !is_numeral(peek(text_, q + 3))) return false;
      std::size_t m = q + 3;
      while (m < text_.size() && (is_numeral(peek(text_, m)) || peek(text_, m) == U'.')) m = advance(text_, m);
      char32_t measure = m < text_.size() ? peek(text_, m) : 0;
      return measure != U'名' && measure != U'位' && measure != U'批' && measure != U'支' && measure != U'人';
    };
    if (counted(pos)) return true;
    bool continues = std::any_of(std::begin(kListJoiners), std::end(kListJoiners),
                                 [&](std::string_view j) { return starts_with(text_, pos, j); });
    if (!continues) return false;
    for (std::size_t q = pos, n = 0; q < text_.size() && n < kGapChars; ++n) {
      if (counted(q)) return true;
      if (is_clause_break(peek(text_, q))) break;
      q = advance(text_, q);
    }
    return false;
  }

  // Shortest first, so the nearest continuation is found first; jumps over whole mentions.
  void gap(std::size_t k, std::size_t pos, PatternMatch& m) {
    bool wide = elements_[k].kind == Kind::wide_gap;
    std::size_t limit = wide ? kWideGapChars : kGapChars;
    std::uint32_t saved = m.gap_bytes;
    std::size_t q = pos;
    for (std::size_t n = 0; n <= limit && q <= text_.size(); ++n) {
      m.gap_bytes = saved + static_cast<std::uint32_t>(q - pos);
      if (can_start(k + 1, q)) step(k + 1, q, m);
      if (q >= text_.size()) break;
      int i = s_.mention_at(q);
      if (i >= 0) {
        q = s_.mentions()[i].end;
        continue;
      }
      char32_t cp = peek(text_, q);
      if (wide ? is_sentence_break(cp) : is_clause_break(cp)) break;
      q = advance(text_, q);
    }
    m.gap_bytes = saved;
  }

  // Ends of the title-final prefixes of the word run at `pos` (神经外科主任, 党组书记), longest first:
  // 领队由副院长 ends in a title too, so the shorter readings are kept for what follows to decide.
  std::vector<std::size_t> title_ends(std::size_t pos) const {
    std::vector<std::size_t> out;
    std::size_t run_end = pos;
    for (std::size_t n = 0; n < kRoleSegmentChars && run_end < text_.size(); ++n) {
      if (s_.covered(run_end) || !is_word_char(peek(text_, run_end)) || role_stop_at(run_end)) break;
      run_end = advance(text_, run_end);
    }
    for (std::size_t end = run_end; end > pos;) {
      // Titles ending here, shortest first; the longest one not inside a rank (主任医师) counts.
      std::array<std::size_t, 16> sizes;
      std::size_t count = 0;
      book_.titles_reversed.each_ending(text_.substr(pos, end - pos), end - pos, [&](std::size_t n, std::uint8_t) {
        if (count < sizes.size()) sizes[count++] = n;
      });
      while (count > 0) {
        std::size_t n = sizes[--count];
        if (!inside_non_title(pos, run_end, end - n, end)) {
          out.push_back(end);
          break;
        }
      }
      do --end;
      while (end > pos && (static_cast<unsigned char>(text_[end]) & 0xC0) == 0x80);
    }
    return out;
  }

  bool role_stop_at(std::size_t pos) const {
    return book_.role_stop_words.longest(text_, pos) > 0;
  }

  // 主任 in 主任医师 is a rank, not a post.
  bool inside_non_title(std::size_t run_begin, std::size_t run_end, std::size_t begin, std::size_t end) const {
    std::string_view run = text_.substr(run_begin, run_end - run_begin);
    for (const auto& word : book_.non_titles) {
      for (std::size_t at = run.find(word); at != std::string_view::npos; at = run.find(word, at + 1)) {
        std::size_t b = run_begin + at, e = b + word.size();
        if (b <= begin && e >= end && e - b > end - begin) return true;
      }
    }
    return false;
  }

  // title_ends for every {ROLE} rule of the sentence, read once per place.
  const std::vector<std::size_t>& title_ends_at(std::size_t pos) const {
    return s_.title_ends(&book_, pos, [&](std::size_t p) { return title_ends(p); });
  }

  void role(std::size_t k, std::size_t pos, PatternMatch& m) {
    std::size_t first = starts_with(text_, pos, "的") ? pos + 3 : pos;
    for (std::size_t first_end : title_ends_at(first)) {
      // Further posts joined by 、 (党组书记、局长) are read at their longest.
      std::vector<std::pair<std::size_t, std::string>> roles{{first_end, std::string(text_.substr(first, first_end - first))}};
      while (starts_with(text_, roles.back().first, "、")) {
        std::size_t b = roles.back().first + 3;
        if (starts_with(text_, b, "的")) b += 3;
        const auto& ends = title_ends_at(b);
        if (ends.empty()) break;
        roles.emplace_back(ends.front(), roles.back().second + "、" + std::string(text_.substr(b, ends.front() - b)));
      }
      for (auto it = roles.rbegin(); it != roles.rend(); ++it) {
        m.role = it->second;
        mark_anchor(k, pos, it->first, m);
        step(k + 1, it->first, m);
      }
    }
    m.role.clear();
  }

  // Digits (or Chinese numerals), an optional 多/余, then a money unit: 10.6亿元, 3000余万元.
  void amount(std::size_t k, std::size_t pos, PatternMatch& m) {
    std::size_t q = pos;
    while (q < text_.size()) {
      char32_t cp = peek(text_, q);
      bool digit = cp == U'.' || (is_numeral(cp) && cp != U'多' && cp != U'各' && cp != U'几' && cp != U'数');
      bool thousands = cp == U',' && q + 3 < text_.size() && std::isdigit(static_cast<unsigned char>(text_[q + 1]));
      if (!digit && !thousands) break;
      q = advance(text_, q);
    }
    if (q == pos || s_.covered(pos)) return;
    for (std::string_view more : {"多", "余"})
      if (starts_with(text_, q, more)) q += more.size();
    for (const auto& unit : book_.money_units) {
      if (!starts_with(text_, q, unit)) continue;
      std::size_t end = q + unit.size();
      m.amount = std::string(text_.substr(pos, end - pos));
      mark_anchor(k, pos, end, m);
      step(k + 1, end, m);
      m.amount.clear();
      return;
    }
  }

  // The mention there, else the longest run of text up to the clause's end, shortening as needed.
  void what(std::size_t k, std::size_t pos, PatternMatch& m) {
    // 合作共建的某医院: what is built is the name after 的 (the 的 itself is no object).
    if (starts_with(text_, pos, "的") && s_.mention_at(pos + 3) >= 0) pos += 3;
    int i = s_.mention_at(pos);
    if (i >= 0) {
      m.what = s_.mentions()[i].canonical;
      step(k + 1, after_mention(i), m);
      m.what.clear();
      return;
    }
    std::vector<std::size_t> ends{pos};
    for (std::size_t q = pos, n = 0; q < text_.size() && n < kWhatChars; ++n) {
      char32_t cp = peek(text_, q);
      if (s_.covered(q) || is_clause_break(cp) || cp == U'、' || cp == U'等') break;
      q = advance(text_, q);
      ends.push_back(q);
    }
    for (auto it = ends.rbegin(); it != ends.rend(); ++it) {
      m.what = std::string(text_.substr(pos, *it - pos));
      if (m.what == "的") continue;
      step(k + 1, *it, m);
    }
    m.what.clear();
  }

  // Is every pair of the match one counted list under two mentions (四家医院 … 对口医院)? Then a farther
  // subject is the one meant. (Other self-pairs stay matches and are dropped later: reading past them
  // would reach across clauses to subjects the sentence does not give.)
  bool self_only(const PatternMatch& m) const {
    if (m.src.empty() || m.dst.empty()) return false;
    const auto& ms = s_.mentions();
    return std::all_of(m.src.begin(), m.src.end(), [&](int a) {
      return std::all_of(m.dst.begin(), m.dst.end(), [&](int b) {
        return ms[a].canonical == ms[b].canonical && is_counted_stand_in(ms[a].canonical);
      });
    });
  }

  std::vector<PatternMatch> best_per_anchor() const {
    auto rank = [](const PatternMatch& m) {
      return std::make_tuple(m.src.empty(), m.gap_bytes, -static_cast<int>(m.src.size() + m.dst.size()), m.begin);
    };
    std::map<std::uint32_t, const PatternMatch*> best;
    for (const auto& m : found_) {
      auto [it, fresh] = best.emplace(m.anchor_begin, &m);
      if (!fresh && rank(m) < rank(*it->second)) it->second = &m;
    }
    std::vector<PatternMatch> out;
    for (const auto& [anchor, m] : best) out.push_back(*m);
    return out;
  }

  const RelationRule& rule_;
  const std::vector<PatternElement>& elements_;
  const SentenceIndex& s_;
  std::string_view text_;
  const RelationRuleBook& book_;
  std::size_t anchor_;
  std::vector<PatternMatch> found_;
};

}  // namespace

bool is_clause_break(char32_t cp) {
  return cp == U',' || cp == U';' || cp == U':' || cp == U'。' || cp == U'!' || cp == U'?' || cp == U'，' ||
         cp == U'；' || cp == U'：' || cp == U'！' || cp == U'？';
}

bool is_sentence_break(char32_t cp) {
  return cp == U';' || cp == U'。' || cp == U'!' || cp == U'?' || cp == U'；' || cp == U'！' || cp == U'？';
}

SentenceIndex::SentenceIndex(std::string_view text, const std::vector<Mention>& mentions, const WordTable* words)
    : text_(text), mentions_(mentions), start_(text.size() + 1, -1), covered_(text.size() + 1, false) {
  if (words) has_words_ = true, words_ = WordHits(*words, text);
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    const auto& m = mentions[i];
    if (m.begin >= m.end || m.end > text.size()) continue;  // a bad offset must not crash matching
    start_[m.begin] = static_cast<int>(i);
    for (std::size_t b = m.begin; b < m.end; ++b) covered_[b] = true;
  }
}

int SentenceIndex::clause_breaks(std::size_t begin, std::size_t end) const {
  int n = 0;
  end = std::min(end, text_.size());
  for (std::size_t i = begin; i < end;) {
    if (is_clause_break(utf8::next(text_, i))) ++n;
  }
  return n;
}

// Every rule is tried on every sentence, and most sentences lack some trigger word a rule needs:
// a rule whose required words are not all in the sentence cannot match anywhere in it.
static bool words_present(const RelationPattern& pattern, const SentenceIndex& s) {
  if (s.has_words() && !pattern.required_words.empty()) {
    const WordHits& hits = s.words();
    return std::all_of(pattern.required_words.begin(), pattern.required_words.end(), [&](const auto& group) {
      return std::any_of(group.begin(), group.end(), [&](int id) { return hits.present(id); });
    });
  }
  for (const auto& e : pattern.elements) {
    if (e.kind != PatternElement::Kind::literal || e.skippable) continue;
    bool seen = false;
    for (std::size_t i = 0; i < e.spellings.size() && !seen; ++i)
      seen = s.has_words() && i < e.word_ids.size() ? s.words().present(e.word_ids[i])
                                                    : s.text().find(e.spellings[i]) != std::string_view::npos;
    if (!seen) return false;
  }
  return true;
}

std::vector<PatternMatch> find_matches(const RelationRule& rule, const SentenceIndex& sentence,
                                       const RelationRuleBook& book) {
  if (!words_present(rule.pattern, sentence)) return {};
  return Search(rule, sentence, book).run();
}

}  // namespace bangfu::ingest
