#include "graph/write_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <thread>

#include "graph/graph.hpp"
#include "graph/replace_file.hpp"

namespace bangfu::graph {

long WriteLock::holder(const std::string& lock_path) {
  int fd = ::open(lock_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  char buf[32];
  ssize_t n = ::pread(fd, buf, sizeof buf, 0);
  ::close(fd);
  long pid = 0;
  if (n > 0) std::from_chars(buf, buf + n, pid);
  return pid > 0 ? pid : 0;
}

WriteLock::WriteLock(const std::string& graph_path, std::chrono::milliseconds wait,
                     const std::function<void(long pid)>& on_busy)
    : lock_path_(write_target(graph_path) + ".lock") {
  check_replaceable(graph_path);  // no lock file beside a device or FIFO: the write would be refused anyway
  auto deadline = std::chrono::steady_clock::now() + wait;
  bool told = false;
  for (;;) {
    int fd = ::open(lock_path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0) throw GraphError("cannot lock graph '" + graph_path + "': " + lock_path_ + ": " + std::strerror(errno));
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
      // The holder before us unlinks the file as it lets go: a lock on that old file locks nothing.
      struct stat held, named;
      if (::fstat(fd, &held) == 0 && ::stat(lock_path_.c_str(), &named) == 0 && held.st_dev == named.st_dev &&
          held.st_ino == named.st_ino) {
        fd_ = fd;
        std::string pid = std::to_string(::getpid()) + "\n";
        if (::ftruncate(fd_, 0) != 0 || ::pwrite(fd_, pid.data(), pid.size(), 0) < 0) {
          // The PID is only for messages: the lock holds without it.
        }
        return;
      }
      ::close(fd);
      continue;
    }
    int e = errno;
    ::close(fd);
    if (e != EWOULDBLOCK && e != EINTR)
      throw GraphError("cannot lock graph '" + graph_path + "': " + lock_path_ + ": " + std::strerror(e));
    long pid = holder(lock_path_);
    if (std::chrono::steady_clock::now() >= deadline) {
      std::string who = pid ? "PID " + std::to_string(pid) : "another process";
      char waited[32];
      std::snprintf(waited, sizeof waited, "%g", static_cast<double>(wait.count()) / 1000);
      throw GraphError("graph " + graph_path + " is being written by " + who + " (lock " + lock_path_ +
                       "); gave up after waiting " + waited + " s (--wait SECONDS waits longer)");
    }
    if (!told && on_busy) on_busy(pid);
    told = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

WriteLock::~WriteLock() {
  if (fd_ < 0) return;
  ::unlink(lock_path_.c_str());  // while still held: a waiter that opened it sees the name gone and retries
  ::close(fd_);
}

}  // namespace bangfu::graph
