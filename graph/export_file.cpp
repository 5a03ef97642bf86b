#include "graph/export_file.hpp"

#include <cstdio>
#include <ostream>
#include <streambuf>
#include <vector>

#include "graph/graph.hpp"
#include "graph/replace_file.hpp"

namespace bangfu::graph {

namespace {

// An ostream's buffer writing into a FILE*; replace_file checks the FILE's errors once at the end.
class FileBuf : public std::streambuf {
 public:
  explicit FileBuf(std::FILE* file) : file_(file), buffer_(1 << 16) {
    setp(buffer_.data(), buffer_.data() + buffer_.size());
  }
  ~FileBuf() override { sync(); }

 protected:
  int_type overflow(int_type c) override {
    if (sync() != 0) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }

  int sync() override {
    std::size_t n = static_cast<std::size_t>(pptr() - pbase());
    if (n && std::fwrite(pbase(), 1, n, file_) != n) return -1;
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return 0;
  }

 private:
  std::FILE* file_;
  std::vector<char> buffer_;
};

}  // namespace

void write_export_file(const std::string& path, const std::function<void(std::ostream&)>& write) {
  replace_file(path, [&](std::FILE* file) {
    FileBuf buf(file);
    std::ostream out(&buf);
    write(out);
    out.flush();
  });
}

}  // namespace bangfu::graph
