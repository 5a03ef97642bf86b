#include "ingest/parties.hpp"

#include <algorithm>

#include "ingest/lexicon.hpp"
#include "ingest/word_finder.hpp"

namespace bangfu::ingest {

using graph::EntityType;

struct PartiesReader::Data {
  std::vector<std::pair<std::string, graph::RelType>> triggers;
  std::vector<std::string> connectors, hedges, on_behalf;
  WordFinder trigger_finder;  // the triggers' words, by index in `triggers`
};

namespace {

constexpr std::size_t kMaxGap = 60;  // bytes between the last party and the trigger: 举行…医联体签约
constexpr float kConfidence = 0.8f;

bool is_party(const Mention& m) { return m.type != EntityType::Person; }

bool clause_break(std::string_view text) {
  for (char c : text)
    if (c == ',' || c == ';' || c == ':' || c == '!' || c == '?') return true;
  return text.find("。") != std::string_view::npos;
}

}  // namespace

PartiesReader::PartiesReader(const std::string& data_dir) : data_(std::make_unique<Data>()) {
  std::string dir = data_dir.empty() || data_dir.back() == '/' ? data_dir : data_dir + "/";
  Lexicon lexicon = Lexicon::read_file(dir + "parties.tsv", 2, 3);
  for (const auto& row : lexicon.rows()) {
    const std::string& kind = row.fields[1];
    if (kind == "trigger") {
      auto rel = graph::parse_rel_type(row.get(2));
      if (!rel || (*rel != graph::RelType::partners_with && *rel != graph::RelType::co_builds))
        row.fail("a trigger's relation is partners_with or co_builds");
      data_->triggers.emplace_back(row.fields[0], *rel);
    } else if (kind == "connector") {
      data_->connectors.push_back(row.fields[0]);
    } else if (kind == "hedge") {
      data_->hedges.push_back(row.fields[0]);
    } else if (kind == "on_behalf") {
      data_->on_behalf.push_back(row.fields[0]);
    } else {
      row.fail("kind must be trigger, connector, hedge or on_behalf");
    }
  }
  std::vector<std::string> words;
  for (const auto& [word, rel] : data_->triggers) words.push_back(word);
  data_->trigger_finder = WordFinder(words);
}
PartiesReader::~PartiesReader() = default;
PartiesReader::PartiesReader(PartiesReader&&) noexcept = default;
PartiesReader& PartiesReader::operator=(PartiesReader&&) noexcept = default;

namespace {

class SentenceParties {
 public:
  SentenceParties(const PartiesReader::Data& d, const Sentence& s, const std::vector<Mention>& mentions)
      : d_(d), s_(s), mentions_(mentions) {}

  std::vector<ExtractedRelation> run() const {
    std::vector<ExtractedRelation> out;
    // An agreement needs two parties: without them no trigger need be searched for.
    if (std::count_if(mentions_.begin(), mentions_.end(), is_party) < 2) return out;
    // Each trigger's occurrences left to right, each search going on past the last one found (so they
    // do not overlap), trigger by trigger: all found in one pass, then taken in that order.
    std::vector<std::pair<std::size_t, std::size_t>> found;  // (trigger, byte)
    d_.trigger_finder.each(s_.text, [&](std::size_t i, std::size_t at) { found.emplace_back(i, at); });
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::size_t resume = 0;
    for (std::size_t n = 0; n < found.size(); ++n) {
      const auto& [i, at] = found[n];
      if (n == 0 || found[n - 1].first != i) resume = 0;
      if (at < resume) continue;
      const auto& [word, rel] = d_.triggers[i];
      resume = at + word.size();
      if (inside_mention(at)) continue;
      std::vector<const Mention*> parties = parties_before(at);
      if (parties.size() < 2 || hedged(at)) continue;
      add_pairs(parties, rel, out);
      add_members(parties, at, out);
    }
    return out;
  }

 private:
  bool inside_mention(std::size_t pos) const {
    return std::any_of(mentions_.begin(), mentions_.end(), [&](const Mention& m) { return m.begin <= pos && pos < m.end; });
  }

  std::string_view between(std::size_t from, std::size_t to) const {
    return std::string_view(s_.text).substr(from, to > from ? to - from : 0);
  }

  bool is_connector(std::string_view gap) const {
    return std::find(d_.connectors.begin(), d_.connectors.end(), gap) != d_.connectors.end();
  }

  // The list of parties that ends before the trigger at `at`, in the same clause.
  std::vector<const Mention*> parties_before(std::size_t at) const {
    std::vector<const Mention*> out;
    std::size_t k = mentions_.size();
    // The last party: in the trigger's clause, with only consortia (the thing agreed on) between.
    while (k > 0) {
      const Mention& m = mentions_[k - 1];
      if (m.end > at) { --k; continue; }
      if (at - m.end > kMaxGap || clause_break(between(m.end, at))) return out;
      if (m.type == EntityType::Consortium && k > 1) { --k; continue; }
      break;
    }
    if (k == 0 || !is_party(mentions_[k - 1])) return out;
    out.push_back(&mentions_[k - 1]);
    std::size_t first = k - 1;
    for (std::size_t j = k - 1; j > 0; --j) {
      const Mention& prev = mentions_[j - 1];
      if (!is_party(prev) || !is_connector(between(prev.end, mentions_[j].begin))) break;
      out.push_back(&prev);
      first = j - 1;
    }
    // 与甲、乙签订: a list after a preposition is one side of the agreement, signed with someone
    // else (an elided subject), not among its members.
    std::string_view before = between(0, mentions_[first].begin);
    for (const char* prep : {"与", "同", "和", "跟"})
      if (before.size() >= 3 && before.substr(before.size() - 3) == prep) return {};
    return out;
  }

  bool hedged(std::size_t at) const {
    std::size_t start = 0;
    for (std::size_t i = 0; i < at; ++i)
      if (s_.text[i] == ',' || s_.text[i] == ';') start = i + 1;
    std::string_view clause = between(start, at);
    return std::any_of(d_.hedges.begin(), d_.hedges.end(),
                       [&](const std::string& h) { return clause.find(h) != std::string_view::npos; });
  }

  // 甲与乙、丙举行某某专科联盟签约仪式: a consortium named between the parties and the signing is the
  // one they sign into, so each party is its member.
  void add_members(const std::vector<const Mention*>& parties, std::size_t at, std::vector<ExtractedRelation>& out) const {
    std::size_t last_end = 0;
    for (const auto* p : parties) last_end = std::max<std::size_t>(last_end, p->end);
    for (const auto& m : mentions_) {
      if (m.type != EntityType::Consortium || m.begin < last_end || m.end > at) continue;
      for (const auto* p : parties) {
        ExtractedRelation r;
        r.src = p->canonical;
        r.dst = m.canonical;
        r.rel = graph::RelType::member_of;
        r.evidence = s_.text;
        r.source_begin = s_.source_begin;
        r.source_end = s_.source_end;
        r.rule = "parties.members";
        r.confidence = kConfidence;
        out.push_back(std::move(r));
      }
      break;
    }
  }

  void add_pairs(const std::vector<const Mention*>& parties, graph::RelType rel,
                 std::vector<ExtractedRelation>& out) const {
    for (std::size_t i = 0; i < parties.size(); ++i)
      for (std::size_t j = i + 1; j < parties.size(); ++j) {
        if (parties[i]->canonical == parties[j]->canonical) continue;
        ExtractedRelation r;
        r.src = parties[j]->canonical;  // in the order written
        r.dst = parties[i]->canonical;
        r.rel = rel;
        r.evidence = s_.text;
        r.source_begin = s_.source_begin;
        r.source_end = s_.source_end;
        r.rule = rel == graph::RelType::co_builds ? "parties.co_builds" : "parties.agreement";
        r.confidence = kConfidence;
        out.push_back(std::move(r));
      }
  }

  const PartiesReader::Data& d_;
  const Sentence& s_;
  const std::vector<Mention>& mentions_;
};

}  // namespace

std::vector<ExtractedRelation> PartiesReader::read(const Sentence& sentence, const std::vector<Mention>& mentions) const {
  return SentenceParties(*data_, sentence, mentions).run();
}

namespace {

// The bodies of the persons written in [from, to) of the sentence, by their posts, each once.
std::vector<std::string> signers_bodies(const std::vector<Mention>& mentions, std::size_t from, std::size_t to,
                                        const std::vector<ExtractedRelation>& posts) {
  std::vector<std::string> bodies;
  for (const auto& m : mentions) {
    if (m.type != EntityType::Person || m.begin < from || m.end > to) continue;
    for (const auto& p : posts)
      if (p.rel == graph::RelType::serves_as && p.src == m.canonical && !p.hedged) {
        if (std::find(bodies.begin(), bodies.end(), p.dst) == bodies.end()) bodies.push_back(p.dst);
        break;
      }
  }
  return bodies;
}

std::size_t clause_start_before(const std::string& text, std::size_t at) {
  std::size_t start = text.find_last_of(",;", at == 0 ? 0 : at - 1);
  return start == std::string::npos || at == 0 ? 0 : start + 1;
}

}  // namespace

std::vector<ExtractedRelation> PartiesReader::read_representatives(const Sentence& sentence,
                                                                   const std::vector<Mention>& mentions,
                                                                   const std::vector<ExtractedRelation>& posts) const {
  std::vector<ExtractedRelation> out;
  // Signers are two or more persons with posts: without them nothing is searched for.
  auto person = [](const Mention& m) { return m.type == EntityType::Person; };
  if (posts.empty() || std::count_if(mentions.begin(), mentions.end(), person) < 2) return out;
  const std::string& text = sentence.text;
  auto add_pairs = [&](const std::vector<std::string>& bodies, const std::vector<graph::RelType>& rels) {
    for (auto rel : rels)
      for (std::size_t i = 0; i < bodies.size(); ++i)
        for (std::size_t j = i + 1; j < bodies.size(); ++j) {
          ExtractedRelation r;
          r.src = bodies[i];
          r.dst = bodies[j];
          r.rel = rel;
          r.evidence = text;
          r.source_begin = sentence.source_begin;
          r.source_end = sentence.source_end;
          r.rule = "parties.representatives";
          r.confidence = kConfidence;
          out.push_back(std::move(r));
        }
  };
  auto planned = [&](std::string_view clause) {
    return std::any_of(data_->hedges.begin(), data_->hedges.end(),
                       [&](const std::string& h) { return clause.find(h) != std::string_view::npos; });
  };
  for (const auto& words : data_->on_behalf) {
    std::size_t at = text.find(words);
    if (at == std::string::npos) continue;
    // The signing must follow in the same clause (代表双方签订…, 代表双方在某地签署…).
    std::size_t clause_end = text.find_first_of(",;", at);
    std::string_view rest = std::string_view(text).substr(at, clause_end == std::string::npos ? std::string::npos : clause_end - at);
    std::vector<graph::RelType> rels;
    for (const auto& [trigger, rel] : data_->triggers)
      if (rest.find(trigger) != std::string_view::npos && std::find(rels.begin(), rels.end(), rel) == rels.end())
        rels.push_back(rel);
    if (std::none_of(rels.begin(), rels.end(), [](auto r) { return r == graph::RelType::partners_with; })) continue;
    if (planned(rest)) continue;
    // The signers: the persons of the clause before 代表, by their posts.
    auto bodies = signers_bodies(mentions, clause_start_before(text, at), at, posts);
    if (bodies.size() >= 2) add_pairs(bodies, rels);
  }
  // 甲院长与乙县县长丙签订协议: persons as the subjects of a signing stand for the bodies of their posts.
  for (const auto& [trigger, rel] : data_->triggers) {
    // Only a signing: pairing (结对) and launching (按下启动键) are not acts of the persons' bodies.
    if (rel != graph::RelType::partners_with || trigger.find("签") == std::string::npos) continue;
    std::size_t at = text.find(trigger);
    if (at == std::string::npos) continue;
    std::size_t from = clause_start_before(text, at);
    std::string_view clause = std::string_view(text).substr(from, at - from);
    if (planned(clause) || clause.find("代表") != std::string_view::npos) continue;
    bool witnessed = false;
    for (std::string_view w : {"见证", "出席", "参加", "主持", "陪同", "在场"})
      witnessed = witnessed || clause.find(w) != std::string_view::npos;
    if (witnessed) continue;
    auto bodies = signers_bodies(mentions, from, at, posts);
    if (bodies.size() >= 2) add_pairs(bodies, {rel});
    break;
  }
  return out;
}

}  // namespace bangfu::ingest
