#include "ingest/pipeline.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <stdexcept>
#include <tuple>

#include "ingest/body.hpp"
#include "ingest/normalize.hpp"
#include "ingest/recognize.hpp"
#include "ingest/dates.hpp"
#include "ingest/relations.hpp"
#include "ingest/resolve.hpp"
#include "ingest/sentences.hpp"

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

}  // namespace

struct Pipeline::Impl {
  std::string data_dir;
  BodyRules body_rules;
  BodyExtractor body;  // compiled from body_rules
  Recognizer recognizer;
  RelationExtractor relations;

  explicit Impl(const PipelineOptions& o)
      : data_dir(data_dir_of(o)),
        body_rules(BodyRules::from_data_dir(data_dir)),
        body(body_rules),
        recognizer(RecognizerOptions{data_dir, o.lexicons, ""}),
        relations(RelationExtractor::from_files(relation_files(data_dir))) {}
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
  Resolution resolved = Resolver(impl_->recognizer).resolve(sentences, candidates);
  out.entities = std::move(resolved.entities);

  std::set<std::string> names;
  for (const auto& e : out.entities) names.insert(e.name);
  std::map<std::tuple<std::string, int, std::string>, std::size_t> seen;  // edge → index in out.relations
  for (std::size_t i = 0; i < sentences.size(); ++i) {
    SentenceContext context{doc.id, resolved.province, {}};
    if (i > 0 && sentences[i - 1].paragraph == sentences[i].paragraph) context.previous = resolved.mentions[i - 1];
    for (auto& r : impl_->relations.extract(sentences[i], resolved.mentions[i], context)) {
      if (!names.count(r.src) || !names.count(r.dst) || r.src == r.dst) continue;
      // The evidence is the sentence as the source document has it.
      r.source_begin = sentences[i].source_begin;
      r.source_end = sentences[i].source_end;
      if (r.source_end <= doc.text.size() && r.source_begin < r.source_end)
        r.evidence = doc.text.substr(r.source_begin, r.source_end - r.source_begin);
      FoundDate when = event_date(sentences[i].text, out.day);
      r.event_date = std::move(when.iso);
      r.event_rule = std::move(when.rule);
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
  return out;
}

}  // namespace bangfu::ingest
