#include "cli/corpus_run.hpp"

#include <cstdio>
#include <exception>

#include "cli/command.hpp"
#include "cli/progress_line.hpp"
#include "ingest/load.hpp"

namespace bangfu::cli {

ingest::Pipeline make_pipeline() {
  ingest::PipelineOptions options;
  options.data_dir = global_options().data_dir;
  options.lexicons = global_options().lexicons;
  try {
    return ingest::Pipeline(options);
  } catch (const std::exception& e) {
    throw UserError(std::string("cannot set up extraction: ") + e.what());
  }
}

CorpusCounts read_corpus(const std::vector<std::string>& paths, const std::function<void(ingest::Document&&)>& each,
                         const graph::ProgressFn& progress, const ingest::LoadLimits& limits) {
  CorpusCounts counts;
  std::vector<ingest::LoadIssue> issues;
  ingest::for_each_document(
      paths,
      [&](ingest::Document&& doc) {
        std::string where = doc.path.empty() ? doc.id : doc.path;
        try {
          each(std::move(doc));
          ++counts.documents;
        } catch (const UserError&) {
          throw;
        } catch (const std::exception& e) {
          clear_progress_line();
          std::fprintf(stderr, "warning: %s: %s (document skipped)\n", where.c_str(), e.what());
          ++counts.problems;
        }
      },
      issues, limits, progress);
  clear_progress_line();
  for (const auto& issue : issues) std::fprintf(stderr, "warning: %s: %s\n", issue.path.c_str(), issue.message.c_str());
  counts.problems += issues.size();
  if (counts.documents == 0) {
    std::string list;
    for (const auto& p : paths) list += (list.empty() ? "" : ", ") + p;
    throw UserError("no documents read from " + list + (issues.empty() ? "" : " (see the warnings above)"));
  }
  return counts;
}

}  // namespace bangfu::cli
