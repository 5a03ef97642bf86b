#include "ingest/team_members.hpp"

#include <algorithm>
#include <set>
#include <string>

namespace bangfu::ingest {

namespace {

constexpr float kConfidence = 0.5f;

// A rank ends right before the name (主治医师苏敏) or starts right after it (苏敏主治医师); posts (书记) are
// no team membership.
bool ranked(const std::string& text, const Mention& m, const Recognizer& recognizer) {
  bool member = false;
  if (recognizer.title_at(text, m.end, &member) > 0 && member) return true;
  for (std::size_t back = 6; back <= 18 && back <= m.begin; back += 3)
    if (recognizer.title_at(text, m.begin - back, &member) == back && member) return true;
  return false;
}

bool in_sentence(const ExtractedRelation& r, const Sentence& s) {
  return r.source_begin == s.source_begin && r.source_end == s.source_end;
}

}  // namespace

std::vector<ExtractedRelation> team_members(const std::vector<Sentence>& sentences,
                                            const std::vector<std::vector<Mention>>& mentions,
                                            const std::vector<ExtractedRelation>& found, const Recognizer& recognizer) {
  std::set<std::string> placed;                               // persons with an employer already
  std::set<std::pair<std::string, std::string>> posts;         // (person, body) of their posts
  for (const auto& r : found) {
    if (r.rel == graph::RelType::works_for) placed.insert(r.src);
    if (r.rel == graph::RelType::serves_as) posts.insert({r.src, r.dst});
  }
  std::set<std::string> organizations;
  for (const auto& list : mentions)
    for (const auto& m : list)
      if (!graph::is_region(m.type) && m.type != graph::EntityType::Person) organizations.insert(m.canonical);
  std::vector<ExtractedRelation> out;
  for (std::size_t i = 0; i < sentences.size() && i < mentions.size(); ++i) {
    // The sender: an organization dispatching in this sentence, else in the one before it.
    std::string sender;
    for (std::size_t back = 0; back <= 1 && back <= i && sender.empty(); ++back) {
      const Sentence& s = sentences[i - back];
      if (back == 1 && s.paragraph != sentences[i].paragraph) break;
      for (const auto& r : found)
        if (r.rel == graph::RelType::dispatches && !r.hedged && in_sentence(r, s) && organizations.count(r.src)) {
          sender = r.src;
          break;
        }
    }
    if (sender.empty()) continue;
    for (const auto& m : mentions[i]) {
      // A post at another body (挂职乙院副院长) does not make the sender's doctor its staff.
      if (m.type != graph::EntityType::Person || placed.count(m.canonical) || posts.count({m.canonical, sender}) ||
          !ranked(sentences[i].text, m, recognizer))
        continue;
      ExtractedRelation r;
      r.src = m.canonical;
      r.dst = sender;
      r.rel = graph::RelType::works_for;
      r.evidence = sentences[i].text;
      r.source_begin = sentences[i].source_begin;
      r.source_end = sentences[i].source_end;
      r.rule = "wf.team_member";
      r.confidence = kConfidence;
      placed.insert(m.canonical);
      out.push_back(std::move(r));
    }
  }
  return out;
}

}  // namespace bangfu::ingest
