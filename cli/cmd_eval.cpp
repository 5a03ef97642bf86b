// `bangfu eval`: scores extraction against gold files (SCHEMA.md matching) and prints P/R/F1 tables.
#include <cstdio>
#include <filesystem>

#include "cli/command.hpp"
#include "cli/corpus_run.hpp"
#include "ingest/evaluate.hpp"

namespace bangfu::cli {
namespace {

struct EvalArgs {
  std::string gold;
  std::vector<std::string> paths;
  bool misses = false;
};

void print_score_row(const std::string& name, const ingest::Score& s) {
  std::printf("  %-16s %6.3f %6.3f %6.3f %6zu %6zu %6zu\n", name.c_str(), s.precision(), s.recall(), s.f1(),
              s.true_pos, s.predicted, s.gold);
}

void print_table(const char* title, const std::map<std::string, ingest::Score>& rows, const ingest::Score& total) {
  std::printf("%-18s %6s %6s %6s %6s %6s %6s\n", title, "P", "R", "F1", "tp", "pred", "gold");
  for (const auto& [name, score] : rows) print_score_row(name, score);
  print_score_row("all", total);
}

void print_accuracy(const char* name, const ingest::Score& s) {
  if (s.gold == 0) {
    std::printf("%s accuracy: n/a (no matched relation has one in the gold)\n", name);
    return;
  }
  std::printf("%s accuracy: %.3f (%zu/%zu matched relations)\n", name, double(s.true_pos) / s.gold, s.true_pos, s.gold);
}

int run_eval(const EvalArgs& args) {
  if (!std::filesystem::is_directory(args.gold)) throw UserError("gold folder " + args.gold + " does not exist");
  ingest::Pipeline pipeline = make_pipeline();
  std::vector<ingest::DocumentExtraction> predicted;
  read_corpus(args.paths, [&](ingest::Document&& doc) { predicted.push_back(pipeline.extract(doc)); });
  ingest::EvalReport report;
  try {
    report = ingest::evaluate(predicted, args.gold);
  } catch (const std::runtime_error& e) {
    throw UserError(e.what());
  }
  if (args.misses) {
    for (const auto& m : report.misses) {
      std::printf("%s\t%s\t%s\n", m.doc.c_str(), m.kind.c_str(), m.what.c_str());
      if (!m.sentence.empty()) std::printf("\t\t%s\n", m.sentence.c_str());
    }
    std::printf("\n");
  }
  std::printf("documents: %zu\n\n", report.documents);
  print_table("entities by type", report.entities_by_type, report.entities_typed);
  std::printf("\n");
  print_table("relations by rel", report.relations_by_rel, report.relations);
  std::printf("\n");
  print_accuracy("role", report.roles);
  print_accuracy("amount", report.amounts);
  std::printf("entities typed P=%.3f R=%.3f F1=%.3f\n", report.entities_typed.precision(), report.entities_typed.recall(),
              report.entities_typed.f1());
  std::printf("entities P=%.3f R=%.3f F1=%.3f\n", report.entities.precision(), report.entities.recall(),
              report.entities.f1());
  std::printf("relations P=%.3f R=%.3f F1=%.3f\n", report.relations.precision(), report.relations.recall(),
              report.relations.f1());
  return 0;
}

Registrar reg{"eval", "Score extraction against gold files: P/R/F1 per type and relation", [](CLI::App& sub) -> Runner {
  auto args = std::make_shared<EvalArgs>();
  sub.add_option("--gold", args->gold, "Folder of gold JSON files, one per document id")->required();
  sub.add_option("PATH", args->paths, "Documents to extract and score (files or folders)")->required();
  sub.add_flag("--misses", args->misses, "List every missed, false or mistyped entity and relation first");
  sub.footer("Matching follows SCHEMA.md (NFKC, Traditional->Simplified, whitespace removed; symmetric\n"
             "relations either way). The last two lines are the untyped entity and relation scores.\n"
             "Example: bangfu eval --gold ../shared/corpus/gold ../shared/corpus/seeds");
  return [args] { return run_eval(*args); };
}};

}  // namespace
}  // namespace bangfu::cli
