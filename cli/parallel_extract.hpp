// ParallelExtract: Pipeline::extract on several threads, the results handed back in input order, so what
// is built from them is the same whatever the number of threads.
#pragma once
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "ingest/document.hpp"
#include "ingest/pipeline.hpp"

namespace bangfu::cli {

class ParallelExtract {
 public:
  // Called on the submitting thread, in submission order, with the document and a function giving its
  // extraction: computed ahead on a worker, or now when submit was told not to (it then runs only if
  // called). A failed extraction throws from that function.
  using Deliver =
      std::function<void(const ingest::Document&, const std::function<ingest::DocumentExtraction()>& extraction)>;

  // `jobs` threads extract with `pipeline`, which must outlive this object; with one job (or none) the
  // submitting thread extracts each document as it is delivered.
  ParallelExtract(const ingest::Pipeline& pipeline, unsigned jobs, Deliver deliver);
  ~ParallelExtract();
  ParallelExtract(const ParallelExtract&) = delete;
  ParallelExtract& operator=(const ParallelExtract&) = delete;

  // Queues `doc`; may deliver earlier documents. With `extract` false nothing is computed ahead for it
  // (the receiver decides at delivery, e.g. a document already in the graph).
  void submit(ingest::Document&& doc, bool extract);
  // Delivers everything still queued.
  void finish();
  // Whether documents are extracted ahead on worker threads (more than one job).
  bool ahead() const { return !workers_.empty(); }

 private:
  struct Entry {
    ingest::Document doc;
    std::optional<std::future<ingest::DocumentExtraction>> result;
  };
  struct Task {
    const ingest::Document* doc;
    std::promise<ingest::DocumentExtraction> promise;
  };

  void work();
  void deliver_front();

  const ingest::Pipeline& pipeline_;
  Deliver deliver_;
  std::size_t window_;  // documents in flight before the oldest must be delivered
  std::deque<Entry> pending_;  // submission order; deque keeps each Document in place for the workers
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Task> tasks_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace bangfu::cli
