// `bangfu ingest`: reads articles into the graph file — extraction, merge, save.
#include <cstdio>
#include <thread>

#include "cli/command.hpp"
#include "cli/corpus_run.hpp"
#include "cli/graph_file.hpp"
#include "cli/parallel_extract.hpp"
#include "cli/progress_line.hpp"
#include "ingest/graph_builder.hpp"

namespace bangfu::cli {
namespace {

struct IngestArgs {
  std::vector<std::string> paths;
  std::string graph;
  bool force = false;
  bool quiet = false;
  unsigned jobs = 0;  // one per core: the graph is the same for any count
  double max_document_mib = static_cast<double>(ingest::LoadLimits{}.max_document_bytes >> 20);
};

unsigned job_count(unsigned asked) {
  if (asked != 0) return asked;
  unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : cores;
}

int run_ingest(const IngestArgs& args) {
  std::string path = resolve_graph_path(args.graph);
  // Held from load to save: a writer waiting for it starts from this run's graph, so neither loses work.
  auto lock = lock_graph_file(path);
  graph::Graph g = load_or_new_graph(path);
  ingest::Pipeline pipeline = make_pipeline();
  ingest::GraphBuilder builder(g);
  std::size_t failed = 0;
  // Documents reach the graph in reading order, so the graph is the same for any --jobs. Whether a
  // document is unchanged is asked again there: an earlier document of the same run may have changed it.
  ParallelExtract extract(pipeline, job_count(args.jobs), [&](const ingest::Document& doc, const auto& extraction) {
    if (builder.unchanged(doc)) {
      if (!args.force) return builder.count_unchanged();
      g.remove_document(doc.id);  // --force: extract again even though the text is the same
    }
    try {
      builder.add(doc, extraction());
    } catch (const std::exception& e) {
      clear_progress_line();
      std::fprintf(stderr, "warning: %s: %s (document skipped)\n", (doc.path.empty() ? doc.id : doc.path).c_str(),
                   e.what());
      ++failed;
    }
  });
  ProgressLine progress("ingest", "documents", ProgressLine::wanted(args.quiet));
  ingest::LoadLimits limits;
  limits.max_document_bytes = static_cast<std::size_t>(args.max_document_mib * (1 << 20));
  auto counts = read_corpus(args.paths, [&](ingest::Document&& doc) {
    // Ahead of time, extract only what the graph does not already hold (the check is repeated at delivery).
    bool wanted = !extract.ahead() || args.force || !builder.unchanged(doc);
    extract.submit(std::move(doc), wanted);
  }, progress.callback(), limits);
  extract.finish();
  progress.clear();
  counts.problems += failed;
  save_graph_file(g, path);

  const auto& b = builder.counts();
  std::string detail;
  if (b.unchanged) detail += std::to_string(b.unchanged) + " unchanged";
  if (b.replaced) detail += (detail.empty() ? "" : ", ") + std::to_string(b.replaced) + " replaced";
  if (counts.problems) detail += (detail.empty() ? "" : ", ") + std::to_string(counts.problems) + " unreadable";
  std::printf("ingested %zu documents%s: %zu entities, %zu relations; graph: %zu nodes, %zu edges\n", b.documents(),
              detail.empty() ? "" : (" (" + detail + ")").c_str(), b.entities, b.relations, g.node_count(),
              g.edge_count());
  return 0;
}

Registrar reg{"ingest", "Read articles (files or folders) into a graph file", [](CLI::App& sub) -> Runner {
  auto args = std::make_shared<IngestArgs>();
  sub.add_option("PATH", args->paths, "Files or folders: .txt, .html, .json, .jsonl (folders recursively)")->required();
  sub.add_option("-g,--graph", args->graph, "Graph file, created if missing (default: $BANGFU_GRAPH or ./bangfu.graph.json)");
  sub.add_flag("-q,--quiet", args->quiet, "No progress line (shown only when stderr is a terminal)");
  sub.add_flag("--force", args->force, "Extract again documents whose text has not changed (after editing data/)");
  sub.add_option("-j,--jobs", args->jobs, "Threads extracting at once (default 0: one per core). The graph is the same")
      ->check(CLI::Range(0u, 256u));
  sub.add_option("--max-document-size", args->max_document_mib,
                 "Largest document (file, or jsonl record) in MiB; larger ones are skipped with a warning")
      ->capture_default_str()
      ->check(CLI::Range(0.001, 4096.0));
  sub.footer("One writer at a time: another ingest, remove or import of the graph waits (global --wait).\n"
             "Re-ingesting a document with the same id and text changes nothing; changed text replaces\n"
             "what the document said before. Unreadable files are warnings; reading nothing is an error.\n"
             "Global --data-dir and --lexicon FILE change the lexicons. Example:\n"
             "  bangfu ingest examples/corpus -g examples.graph.json");
  return [args] { return run_ingest(*args); };
}};

}  // namespace
}  // namespace bangfu::cli
