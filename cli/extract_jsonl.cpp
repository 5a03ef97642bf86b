#include "cli/extract_jsonl.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <thread>

#include "cli/command.hpp"
#include "cli/corpus_run.hpp"
#include "cli/parallel_extract.hpp"
#include "ingest/fact_line.hpp"
#include "ingest/graph_builder.hpp"
#include "ingest/load.hpp"

namespace bangfu::cli {

namespace {

// Calls `each` with every path of `paths`, reading the lines of stdin in place of "-".
template <class F>
void for_each_path(const std::vector<std::string>& paths, F each) {
  for (const auto& p : paths) {
    if (p != "-") {
      each(p);
      continue;
    }
    std::string line;
    while (std::getline(std::cin, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") == std::string::npos) continue;
      each(line);
    }
  }
}

void write_line(const std::string& line) {
  if (std::fwrite(line.data(), 1, line.size(), stdout) != line.size() || std::fputc('\n', stdout) == EOF)
    throw UserError(std::string("cannot write to stdout: ") + std::strerror(errno));
}

void warn(const std::string& where, const std::string& what) {
  std::fprintf(stderr, "warning: %s: %s\n", where.c_str(), what.c_str());
}

}  // namespace

int run_extract_jsonl(const std::vector<std::string>& paths, unsigned jobs) {
  ingest::Pipeline pipeline = make_pipeline();
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  std::size_t documents = 0, problems = 0;
  ParallelExtract extract(pipeline, jobs, [&](const ingest::Document& doc, const auto& extraction) {
    try {
      auto x = extraction();
      write_line(ingest::to_fact_line(ingest::document_info(doc, x), x));
      ++documents;
    } catch (const UserError&) {
      throw;
    } catch (const std::exception& e) {
      warn(doc.path.empty() ? doc.id : doc.path, std::string(e.what()) + " (document skipped)");
      ++problems;
    }
  });
  for_each_path(paths, [&](const std::string& path) {
    std::vector<ingest::LoadIssue> issues;
    ingest::for_each_document({path}, [&](ingest::Document&& doc) { extract.submit(std::move(doc), true); }, issues);
    // Warnings may come before the lines of documents read ahead of them: they name their document.
    for (const auto& issue : issues) warn(issue.path, issue.message);
    problems += issues.size();
  });
  extract.finish();
  if (std::fflush(stdout) != 0) throw UserError(std::string("cannot write to stdout: ") + std::strerror(errno));
  if (documents == 0 && problems > 0) throw UserError("no documents read (see the warnings above)");
  return problems ? kSomeDocumentsSkipped : 0;
}

int run_list_files(const std::vector<std::string>& paths) {
  std::size_t problems = 0;
  for_each_path(paths, [&](const std::string& path) {
    std::vector<ingest::LoadIssue> issues;
    for (const auto& file : ingest::list_document_files({path}, issues)) write_line(file);
    for (const auto& issue : issues) warn(issue.path, issue.message);
    problems += issues.size();
  });
  if (std::fflush(stdout) != 0) throw UserError(std::string("cannot write to stdout: ") + std::strerror(errno));
  return problems ? kSomeDocumentsSkipped : 0;
}

}  // namespace bangfu::cli
