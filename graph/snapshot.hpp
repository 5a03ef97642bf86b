// Snapshot: saving a Graph as a binary file that opens by mapping it (layout: graph/snapshot_format.hpp).
//
// JSON (graph/storage.hpp) stays the interchange format; a snapshot is the fast way to reopen a big
// graph: nothing is parsed, and the evidence texts are not copied — each Evidence's Texts point into
// the mapping, which stays mapped until the process ends (the pages are the kernel's page cache,
// shared and reclaimable, not heap). save_graph and load_graph pick this format by the file itself:
// load_graph sniffs the magic bytes, save_graph writes a snapshot to paths ending in ".bfs".
#pragma once
#include <string>
#include <string_view>

#include "graph/graph.hpp"

namespace bangfu::graph {

inline constexpr std::string_view kSnapshotExtension = ".bfs";

// True when `head` (a file's first bytes, at least 8 of them) starts with the snapshot magic.
bool is_snapshot(std::string_view head);
bool is_snapshot_file(const std::string& path);
bool has_snapshot_extension(const std::string& path);

// Written to a temporary file in the same folder, fsynced and renamed over `path`.
void save_snapshot(const Graph& graph, const std::string& path);
std::string snapshot_bytes(const Graph& graph);

struct SnapshotOptions {
  bool verify_checksums = true;  // off only to reach the structural checks (fuzzing)
  // Read the records in place (graph/snapshot_view.hpp) until the first edit, instead of building the
  // adjacency list on open.
  bool in_place = true;
};

// Throws GraphError naming `path` and what is wrong (another version, truncated, damaged).
Graph load_snapshot(const std::string& path, SnapshotOptions options = {});
// From bytes the caller owns: the texts are copied into the text store instead of pointing into `bytes`.
Graph snapshot_from_bytes(std::string_view bytes, const std::string& where = "<memory>", SnapshotOptions options = {});

}  // namespace bangfu::graph
