#include "graph/mapped_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "graph/graph.hpp"

namespace bangfu::graph {

namespace {

struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

[[noreturn]] void fail(const std::string& path, const char* what) {
  throw GraphError(path + ": " + what + ": " + std::strerror(errno));
}

}  // namespace

MappedFile::MappedFile(const std::string& path) {
  Descriptor file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0) fail(path, "cannot open");
  struct stat st {};
  if (::fstat(file.fd, &st) != 0) fail(path, "cannot read");
  if (!S_ISREG(st.st_mode)) {
    errno = EINVAL;
    fail(path, "cannot read");
  }
  size_ = static_cast<std::size_t>(st.st_size);
  auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  // Anonymous pages read as zeros: the file goes over the start of them, and the kernel zeroes the
  // rest of the file's last page, so a NUL always follows the data.
  region_size_ = (size_ / page + 1) * page;
  void* region = ::mmap(nullptr, region_size_, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (region == MAP_FAILED) fail(path, "cannot map");
  region_ = region;
  if (size_ > 0 &&
      ::mmap(region_, size_, PROT_READ, MAP_PRIVATE | MAP_FIXED | MAP_POPULATE, file.fd, 0) == MAP_FAILED) {
    int saved = errno;
    ::munmap(region_, region_size_);
    errno = saved;
    fail(path, "cannot map");
  }
}

MappedFile::~MappedFile() { ::munmap(region_, region_size_); }

}  // namespace bangfu::graph
