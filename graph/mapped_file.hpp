// MappedFile: a file mapped read-only into memory with a NUL after its last byte, for parsers that stop at one.
//
// Mapping instead of reading saves copying the file and faulting in a buffer as large as it (a sixth of
// a graph load). save_graph replaces files by rename, so a mapped graph never changes underneath.
#pragma once
#include <cstddef>
#include <string>

namespace bangfu::graph {

class MappedFile {
 public:
  // Throws GraphError naming `path` when it cannot be opened or mapped.
  explicit MappedFile(const std::string& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  const char* data() const { return static_cast<const char*>(region_); }
  std::size_t size() const { return size_; }

 private:
  void* region_ = nullptr;
  std::size_t region_size_ = 0;  // whole pages, at least one byte more than the file
  std::size_t size_ = 0;
};

}  // namespace bangfu::graph
