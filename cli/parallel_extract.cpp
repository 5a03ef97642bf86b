#include "cli/parallel_extract.hpp"

namespace bangfu::cli {

ParallelExtract::ParallelExtract(const ingest::Pipeline& pipeline, unsigned jobs, Deliver deliver)
    : pipeline_(pipeline), deliver_(std::move(deliver)), window_(4 * std::size_t{jobs == 0 ? 1 : jobs}) {
  if (jobs > 1)  // one job runs on the calling thread, as if there were no pool
    for (unsigned i = 0; i < jobs; ++i) workers_.emplace_back([this] { work(); });
}

ParallelExtract::~ParallelExtract() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    tasks_.clear();  // an early exit (an error) does not wait for documents nobody will take
  }
  ready_.notify_all();
  for (auto& w : workers_) w.join();
}

void ParallelExtract::work() {
  for (;;) {
    Task task;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      ready_.wait(lock, [&] { return stopping_ || !tasks_.empty(); });
      if (tasks_.empty()) return;  // stopping, nothing left
      task = std::move(tasks_.front());
      tasks_.pop_front();
    }
    try {
      task.promise.set_value(pipeline_.extract(*task.doc));
    } catch (...) {
      task.promise.set_exception(std::current_exception());
    }
  }
}

void ParallelExtract::submit(ingest::Document&& doc, bool extract) {
  if (workers_.empty()) {
    deliver_(doc, [&]() { return pipeline_.extract(doc); });
    return;
  }
  pending_.push_back(Entry{std::move(doc), std::nullopt});
  if (extract) {
    Task task{&pending_.back().doc, {}};
    pending_.back().result = task.promise.get_future();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      tasks_.push_back(std::move(task));
    }
    ready_.notify_one();
  }
  while (pending_.size() > window_) deliver_front();
}

void ParallelExtract::finish() {
  while (!pending_.empty()) deliver_front();
}

void ParallelExtract::deliver_front() {
  // A worker reads the Document in place: only once it is done may the entry move.
  if (pending_.front().result) pending_.front().result->wait();
  Entry entry = std::move(pending_.front());
  pending_.pop_front();
  deliver_(entry.doc, [&]() { return entry.result ? entry.result->get() : pipeline_.extract(entry.doc); });
}

}  // namespace bangfu::cli
