#include "graph/replace_file.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <memory>

#include "graph/graph.hpp"

namespace bangfu::graph {

namespace fs = std::filesystem;

namespace {

std::string kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

void sync_folder(const fs::path& folder) {
  int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;  // best effort: the rename itself already happened
  ::fsync(fd);
  ::close(fd);
}

// Removes `tmp` unless the write got as far as renaming it.
struct TempGuard {
  std::string path;
  bool keep = false;
  ~TempGuard() {
    if (!keep && !path.empty()) ::unlink(path.c_str());
  }
};

}  // namespace

std::string write_target(const std::string& path) {
  fs::path p(path);
  // Follows the chain link by link, so a dangling link leads to the file it would create. 40 links
  // is the kernel's own bound (ELOOP).
  for (int hops = 0; hops < 40; ++hops) {
    struct stat st;
    if (::lstat(p.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return p.string();
    std::error_code ec;
    fs::path next = fs::read_symlink(p, ec);
    if (ec) return p.string();
    p = next.is_absolute() ? next : p.parent_path() / next;
  }
  throw GraphError("cannot write '" + path + "': too many levels of symbolic links");
}

void check_replaceable(const std::string& path, const std::string& prefix) {
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode))
    throw GraphError(prefix + "'" + path + "': it is " + kind_of(st.st_mode) +
                     ", not a regular file; refusing to replace it");
}

std::size_t remove_stale_temp_files(const std::string& real_path) {
  fs::path target(real_path);
  std::string prefix = target.filename().string() + ".tmp.";
  fs::path folder = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  std::size_t removed = 0;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) continue;
    long pid = 0;
    const char* first = name.data() + prefix.size();
    const char* last = name.data() + name.size();
    auto [ptr, err] = std::from_chars(first, last, pid);
    if (err != std::errc() || ptr != last || pid <= 0 || pid == ::getpid()) continue;
    // Only a writer that is gone: a live one may be about to rename its file.
    if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;
    std::error_code ignored;
    if (fs::remove(it->path(), ignored)) ++removed;
  }
  return removed;
}

void replace_file(const std::string& path, const std::function<void(std::FILE*)>& write, const std::string& prefix) {
  auto fail = [&](const std::string& why) -> GraphError { return GraphError(prefix + "'" + path + "': " + why); };
  if (path.empty() || fs::path(path).filename().empty()) throw fail("not a file name");
  struct stat st;
  bool existed = ::stat(path.c_str(), &st) == 0;  // follows links, /proc/self/fd/N ones too
  if (existed && !S_ISREG(st.st_mode))
    throw fail("it is " + kind_of(st.st_mode) + ", not a regular file; refusing to replace it");
  if (!existed && errno != ENOENT) throw fail(std::strerror(errno));

  std::string real;
  if (existed) {
    std::error_code ec;
    real = fs::canonical(path, ec).string();
    if (ec) real = write_target(path);
  } else {
    real = write_target(path);
  }
  remove_stale_temp_files(real);

  TempGuard tmp{real + ".tmp." + std::to_string(::getpid())};
  ::unlink(tmp.path.c_str());  // ours from an earlier process with this pid: it is gone
  int fd = ::open(tmp.path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) {
    int e = errno;
    tmp.path.clear();
    throw fail(std::strerror(e));
  }
  if (existed) ::fchmod(fd, st.st_mode & 07777);  // a replaced file keeps its permissions
  std::unique_ptr<std::FILE, FileCloser> file(::fdopen(fd, "wb"));
  if (!file) {
    int e = errno;
    ::close(fd);
    throw fail(std::strerror(e));
  }
  write(file.get());  // may throw: the guard removes the temp file
  bool ok = !std::ferror(file.get()) && std::fflush(file.get()) == 0 && ::fsync(::fileno(file.get())) == 0;
  std::string why = ok ? "" : std::strerror(errno ? errno : EIO);
  if (std::fclose(file.release()) != 0 && ok) {
    ok = false;
    why = std::strerror(errno);
  }
  if (!ok) throw fail(why);
  if (std::rename(tmp.path.c_str(), real.c_str()) != 0) throw fail(std::strerror(errno));
  tmp.keep = true;
  sync_folder(fs::path(real).parent_path());
}

}  // namespace bangfu::graph
