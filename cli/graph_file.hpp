// GraphFile: how subcommands find, load and save the graph file they work on.
#pragma once
#include <memory>
#include <string>

#include "graph/graph.hpp"
#include "graph/write_lock.hpp"

namespace bangfu::cli {

// The graph a command should use: `given` (from -g) if set, else $BANGFU_GRAPH, else bangfu.graph.json
// in the current folder, else the only *.graph.json there, else "bangfu.graph.json".
std::string resolve_graph_path(const std::string& given);

// Loads the graph at `path`; a missing or damaged file is a UserError saying which and why.
graph::Graph load_graph_file(const std::string& path);
// Loads `path` when it exists, else starts an empty graph (for commands that create graphs).
graph::Graph load_or_new_graph(const std::string& path);
// Saves atomically; failure is a UserError.
void save_graph_file(const graph::Graph& graph, const std::string& path);

// The write lock of the graph at `path`, waiting up to --wait seconds for another writer (and saying
// so on stderr once); a UserError when the wait runs out. Writers hold it from before they load the
// graph until after they save it, so two of them never lose each other's work.
std::unique_ptr<graph::WriteLock> lock_graph_file(const std::string& path);

// Which file version a graph was loaded from: a writer that loaded without the lock compares it under
// the lock before saving, so it never overwrites what another writer saved meanwhile.
struct FileStamp {
  bool exists = false;
  unsigned long long device = 0, inode = 0, size = 0;
  long long mtime_ns = 0;
  bool operator==(const FileStamp&) const = default;
};
FileStamp file_stamp(const std::string& path);

}  // namespace bangfu::cli
