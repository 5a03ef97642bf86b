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

bool speaks_of_team(const std::string& text) {
  for (const char* word : {"团队", "医疗队", "队员", "成员", "专家组", "帮扶队", "工作队"})
    if (text.find(word) != std::string::npos) return true;
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
  // The article's one dispatching organization, if it has exactly one: the sender of any team it speaks of.
  std::set<std::string> dispatchers;
  for (const auto& r : found)
    if (r.rel == graph::RelType::dispatches && !r.hedged && organizations.count(r.src)) dispatchers.insert(r.src);
  std::vector<ExtractedRelation> out;
  for (std::size_t i = 0; i < sentences.size() && i < mentions.size(); ++i) {
    // The sender: an organization dispatching in this sentence, else in the one before it, else the
    // article's only one when the sentence speaks of the team (成员包括…, 队员…).
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
    if (sender.empty() && dispatchers.size() == 1 && speaks_of_team(sentences[i].text)) sender = *dispatchers.begin();
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
