#include "cli/graph_file.hpp"

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

}  // namespace bangfu::cli
