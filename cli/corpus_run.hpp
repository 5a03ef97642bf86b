// CorpusRun: what ingest, extract and eval share — a Pipeline set up from the global flags, and a walk
// over the documents under some paths that reports unreadable files as warnings and keeps going.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "graph/progress.hpp"
#include "ingest/document.hpp"
#include "ingest/load.hpp"
#include "ingest/pipeline.hpp"

namespace bangfu::cli {

// The extraction pipeline with --data-dir and --lexicon applied; unreadable data is a UserError.
ingest::Pipeline make_pipeline();

struct CorpusCounts {
  std::size_t documents = 0;  // handed to `each` without an exception
  std::size_t problems = 0;   // files or records that could not be read or processed
};

// Calls `each` for every document under `paths`. Load issues and documents whose `each` throws are
// printed to stderr as "warning: WHERE: what". Reading nothing at all is a UserError (exit 1).
// `progress` hears how far the reading has got (see ingest::for_each_document); `limits` bound one document.
CorpusCounts read_corpus(const std::vector<std::string>& paths, const std::function<void(ingest::Document&&)>& each,
                         const graph::ProgressFn& progress = {}, const ingest::LoadLimits& limits = {});

}  // namespace bangfu::cli
