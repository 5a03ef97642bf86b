// WriteLock: one writer at a time per graph file, by an advisory lock (flock) on FILE.lock beside it.
//
// Saves are atomic, so readers never need it; writers take it before they load the graph and keep it
// until their save is renamed into place, so a second writer starts from the first one's result and
// nothing either did is lost. The lock file names the holder's PID for the "being written" message.
// The kernel drops the lock when its holder dies, so a killed writer never leaves the graph locked.
#pragma once
#include <chrono>
#include <functional>
#include <string>

namespace bangfu::graph {

class WriteLock {
 public:
  // Takes the lock of the graph at `graph_path` (symlinks followed, so every name of one file shares
  // one lock), waiting up to `wait` while another process holds it. `on_busy(pid)` is called once when
  // it has to wait (pid 0 when the holder is not known). Throws GraphError "graph PATH is being written
  // by PID N" when the wait runs out first, or naming why the lock file cannot be made.
  WriteLock(const std::string& graph_path, std::chrono::milliseconds wait,
            const std::function<void(long pid)>& on_busy = {});
  ~WriteLock();
  WriteLock(const WriteLock&) = delete;
  WriteLock& operator=(const WriteLock&) = delete;

  const std::string& lock_path() const { return lock_path_; }

  // The holder's PID as written in `lock_path`, 0 when none can be read.
  static long holder(const std::string& lock_path);

 private:
  std::string lock_path_;
  int fd_ = -1;
};

}  // namespace bangfu::graph
