#include "graph/export_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

#include "graph/graph.hpp"

namespace bangfu::graph {

void write_export_file(const std::string& path, const std::function<void(std::ostream&)>& write) {
  namespace fs = std::filesystem;
  fs::path target(path);
  if (target.filename().empty()) throw GraphError("cannot write '" + path + "': not a file name");
  fs::path tmp = target;
  tmp += ".tmp." + std::to_string(::getpid());
  std::string why;
  {
    std::vector<char> buffer(1 << 16);
    std::ofstream out;
    out.rdbuf()->pubsetbuf(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    out.open(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw GraphError("cannot write '" + path + "': " + std::strerror(errno));
    write(out);
    out.flush();
    if (!out) why = std::strerror(errno);
    out.close();
    if (!out && why.empty()) why = std::strerror(errno);
  }
  if (why.empty() && std::rename(tmp.c_str(), target.c_str()) != 0) why = std::strerror(errno);
  if (!why.empty()) {
    std::error_code ignored;
    fs::remove(tmp, ignored);
    throw GraphError("cannot write '" + path + "': " + why);
  }
}

}  // namespace bangfu::graph
