#include "ingest/pipeline.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <stdexcept>
#include <tuple>

#include "ingest/body.hpp"
#include "ingest/branches.hpp"
#include "ingest/counted_lists.hpp"
#include "ingest/known_names.hpp"
#include "ingest/normalize.hpp"
#include "ingest/officials.hpp"
#include "ingest/parties.hpp"
#include "ingest/recognize.hpp"
#include "ingest/dates.hpp"
#include "ingest/relations.hpp"
#include "ingest/resolve.hpp"
#include "ingest/sentences.hpp"
#include "ingest/team_members.hpp"

namespace bangfu::ingest {
namespace {

std::string data_dir_of(const PipelineOptions& options) {
  if (!options.data_dir.empty()) return options.data_dir;
  if (const char* env = std::getenv("BANGFU_DATA"); env && *env) return env;
  return BANGFU_DATA_DIR;
}

// data/relations*.tsv in name order, so a user can add relations_local.tsv next to the shipped ones.
std::vector<std::string> relation_files(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && name.rfind("relations", 0) == 0 && entry.path().extension() == ".tsv")
      out.push_back(entry.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The list reader knows a listed person's posts better than the trigger patterns, which read one
// title at a time: for the persons it reads, its posts and ranks replace theirs.
void merge_officials(std::vector<ExtractedRelation>& found, const OfficialsReader& reader,
                     OfficialsReader::Reading listed) {
  const std::set<std::string>& persons = listed.persons;
  found.erase(std::remove_if(found.begin(), found.end(),
                             [&](const ExtractedRelation& r) { return persons.count(r.src) && reader.replaces(r); }),
              found.end());
  for (auto& r : listed.relations) found.push_back(std::move(r));
  drop_redundant_works_for(found);
}

}  // namespace

struct Pipeline::Impl {
  std::string data_dir;
  BodyRules body_rules;
  BodyExtractor body;  // compiled from body_rules
  Recognizer recognizer;
  RelationExtractor relations;
  OfficialsReader officials;
  PartiesReader parties;

  explicit Impl(const PipelineOptions& o)
      : data_dir(data_dir_of(o)),
        body_rules(BodyRules::from_data_dir(data_dir)),
        body(body_rules),
        recognizer(RecognizerOptions{data_dir, o.lexicons, ""}),
        relations(RelationExtractor::from_files(relation_files(data_dir))),
        officials(data_dir),
        parties(data_dir) {}

  // A post's body that is a division written only inside other names (剑河县 of 剑河县委, 黔东南州 of 黔东南州委,
  // for 县长, 副州长): an entity of its own, typed and named in full by the gazetteer, the written form as its
  // alias. Returns the entity's name, or empty when the gazetteer does not know the division.
  std::string add_division_entity(const std::string& written, std::vector<ExtractedEntity>& entities) const {
    const auto& gaz = recognizer.gazetteer();
    const auto& ids = gaz.find(written);
    if (ids.size() != 1) return {};
    const auto& division = gaz.at(ids.front());
    for (const auto& e : entities)
      if (e.name == division.name) return e.name;  // the article names it in full elsewhere
    ExtractedEntity e;
    e.name = division.name;
    e.type = division.level;
    if (written != division.name) e.aliases.push_back(written);
    entities.push_back(std::move(e));
    return division.name;
  }
};

Pipeline::Pipeline(const PipelineOptions& options) {
  std::string dir = data_dir_of(options);
  if (!std::filesystem::is_directory(dir)) throw std::runtime_error(dir + ": data folder not found");
  impl_ = std::make_unique<Impl>(options);
}
Pipeline::~Pipeline() = default;
Pipeline::Pipeline(Pipeline&&) noexcept = default;
Pipeline& Pipeline::operator=(Pipeline&&) noexcept = default;

DocumentExtraction Pipeline::extract(const Document& doc) const {
  DocumentExtraction out;
  out.doc = doc.id;
  NormalizedText text = normalize(doc.text);
  ArticleBody body = impl_->body.extract(text, doc);
  out.title = doc.title.empty() ? body.title : doc.title;
  out.date = doc.date.empty() ? body.date : doc.date;
  FoundDate day = document_date(doc, body.date, text.text);
  // The newest year named is only a lower bound: evidences keep it, the document's date does not.
  if (out.date.empty() && day.rule != "text:latest-year") out.date = day.iso;
  out.day = day.iso;
  out.date_rule = day.rule;
  out.source = doc.source.empty() ? body.source : doc.source;
  out.url = doc.url;
  std::vector<Sentence> sentences = split_sentences(text, body);

  std::vector<std::vector<Candidate>> candidates;
  candidates.reserve(sentences.size());
  for (const auto& s : sentences) candidates.push_back(impl_->recognizer.recognize(s.text));
  find_persons_again(sentences, candidates);
  Resolution resolved = Resolver(impl_->recognizer).resolve(sentences, candidates, normalize(out.source).text);
  out.entities = std::move(resolved.entities);

  std::set<std::string> names;
  for (const auto& e : out.entities) names.insert(e.name);
  ArticleEntities article;
  article.entities = &out.entities;
  for (const auto& e : out.entities) article.by_name.emplace(e.name, &e);  // names before aliases
  for (const auto& e : out.entities)
    for (const auto& a : e.aliases) article.by_name.emplace(a, &e);
  for (const auto& list : resolved.mentions)
    for (const auto& m : list) ++article.mentions[m.canonical];
  for (const auto& e : out.entities) {
    bool self = false;
    for (const char* word : {"我院", "本院", "我校", "本校"})
      self = self || e.name == word || std::find(e.aliases.begin(), e.aliases.end(), word) != e.aliases.end();
    if (self) {
      article.self = e.name;
      article.self_type = e.type;
    }
  }
  std::vector<CountedList> counted = find_counted_lists(sentences, resolved.mentions);
  std::map<std::tuple<std::string, int, std::string>, std::size_t> seen;  // edge → index in out.relations
  std::vector<ExtractedRelation> branches = find_branches(out.entities, sentences, resolved.mentions);
  for (std::size_t i = 0; i < sentences.size(); ++i) {
    SentenceContext context{doc.id, resolved.province, {}};
    if (i > 0 && sentences[i - 1].paragraph == sentences[i].paragraph) context.previous = resolved.mentions[i - 1];
    std::vector<ExtractedRelation> found = impl_->relations.extract(sentences[i], resolved.mentions[i], context);
    merge_officials(found, impl_->officials, impl_->officials.read(sentences[i], resolved.mentions[i], article));
    for (auto& r : impl_->parties.read(sentences[i], resolved.mentions[i])) found.push_back(std::move(r));
    // Posts of this sentence first, then those the article gave earlier (院长甲 named once, signing later).
    std::vector<ExtractedRelation> posts = found;
    for (const auto& r : out.relations)
      if (r.rel == graph::RelType::serves_as) posts.push_back(r);
    for (auto& r : impl_->parties.read_representatives(sentences[i], resolved.mentions[i], posts))
      found.push_back(std::move(r));
    for (auto& r : branches)
      if (r.source_begin == sentences[i].source_begin && r.source_end == sentences[i].source_end) found.push_back(r);
    expand_counted_lists(found, counted);
    FoundDate when;
    bool dated = false;
    for (auto& r : found) {
      if (r.rel == graph::RelType::serves_as && !names.count(r.dst)) {
        std::string division = impl_->add_division_entity(r.dst, out.entities);
        if (!division.empty()) names.insert(r.dst = division);
      }
      if (!names.count(r.src) || !names.count(r.dst) || r.src == r.dst) continue;
      // The evidence is the sentence as the source document has it.
      r.source_begin = sentences[i].source_begin;
      r.source_end = sentences[i].source_end;
      if (r.source_end <= doc.text.size() && r.source_begin < r.source_end)
        r.evidence = doc.text.substr(r.source_begin, r.source_end - r.source_begin);
      // One sentence, one date: read once for all its relations (a regex scan of the sentence).
      if (!dated) {
        when = event_date(sentences[i].text, out.day);
        dated = true;
      }
      r.event_date = when.iso;
      r.event_rule = when.rule;
      std::string a = r.src, b = r.dst;
      if (graph::is_symmetric(r.rel) && b < a) std::swap(a, b);
      auto [it, fresh] = seen.insert({{a, static_cast<int>(r.rel), b}, out.relations.size()});
      if (fresh) {
        out.relations.push_back(std::move(r));
      } else if (out.relations[it->second].hedged && !r.hedged) {
        // One edge stated twice: a plan first and a fact later is a fact, so the asserted copy wins.
        out.relations[it->second] = std::move(r);
      }
    }
  }
  for (auto& r : team_members(sentences, resolved.mentions, out.relations, impl_->recognizer)) {
    if (!names.count(r.src) || !names.count(r.dst)) continue;
    FoundDate when = event_date(r.evidence, out.day);  // r.evidence: the normalized sentence
    r.event_date = when.iso;
    r.event_rule = when.rule;
    if (r.source_end <= doc.text.size() && r.source_begin < r.source_end)
      r.evidence = doc.text.substr(r.source_begin, r.source_end - r.source_begin);
    if (seen.insert({{r.src, static_cast<int>(r.rel), r.dst}, out.relations.size()}).second)
      out.relations.push_back(std::move(r));
  }
  return out;
}

}  // namespace bangfu::ingest
