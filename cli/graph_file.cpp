#include "cli/graph_file.hpp"

#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <vector>

#include "cli/command.hpp"
#include "graph/storage.hpp"

namespace bangfu::cli {

namespace fs = std::filesystem;

std::string resolve_graph_path(const std::string& given) {
  if (!given.empty()) return given;
  if (const char* env = std::getenv("BANGFU_GRAPH"); env && *env) return env;
  std::error_code ec;
  if (fs::exists("bangfu.graph.json", ec)) return "bangfu.graph.json";
  std::vector<std::string> found;
  for (const auto& entry : fs::directory_iterator(".", ec)) {
    std::string name = entry.path().filename().string();
    if (name.size() > 11 && name.compare(name.size() - 11, 11, ".graph.json") == 0) found.push_back(name);
  }
  return found.size() == 1 ? found.front() : "bangfu.graph.json";
}

graph::Graph load_graph_file(const std::string& path) {
  try {
    return graph::load_graph(path);
  } catch (const graph::GraphError& e) {
    throw UserError(e.what());
  }
}

graph::Graph load_or_new_graph(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return graph::Graph{};
  return load_graph_file(path);
}

void save_graph_file(const graph::Graph& graph, const std::string& path) {
  try {
    graph::save_graph(graph, path);
  } catch (const graph::GraphError& e) {
    throw UserError(e.what());
  }
}

std::unique_ptr<graph::WriteLock> lock_graph_file(const std::string& path) {
  double seconds = global_options().wait_seconds;
  auto wait = std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
  try {
    return std::make_unique<graph::WriteLock>(path, wait, [&](long pid) {
      std::string who = pid ? "PID " + std::to_string(pid) : "another process";
      std::fprintf(stderr, "graph %s is being written by %s; waiting up to %g s (--wait)\n", path.c_str(),
                   who.c_str(), seconds);
    });
  } catch (const graph::GraphError& e) {
    throw UserError(e.what());
  }
}

FileStamp file_stamp(const std::string& path) {
  FileStamp stamp;
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return stamp;
  stamp.exists = true;
  stamp.device = st.st_dev;
  stamp.inode = st.st_ino;
  stamp.size = static_cast<unsigned long long>(st.st_size);
  stamp.mtime_ns = static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
  return stamp;
}

}  // namespace bangfu::cli
