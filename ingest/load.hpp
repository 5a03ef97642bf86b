// Loading documents from files and folders: txt, html, json, jsonl; encodings detected and converted.
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "graph/progress.hpp"
#include "ingest/document.hpp"

namespace bangfu::ingest {

// Bounds on what one file or record may cost; past them it is a LoadIssue, and loading goes on.
struct LoadLimits {
  // One document's bytes (a txt/html/json file, a jsonl record). Extraction takes about 20 bytes of
  // memory per byte of text, so this keeps one document well under a gigabyte.
  std::size_t max_document_bytes = std::size_t{32} << 20;
  // Arrays and objects inside one another in a json/jsonl document (graph/json_depth.hpp).
  unsigned max_json_depth = 512;
};

// A file or record that could not be read, and why; loading goes on past it.
struct LoadIssue {
  std::string path;     // file, or file:line for a jsonl record
  std::string message;  // what is wrong, e.g. "binary file skipped", "malformed JSON at offset 120: …"
};

// Calls `sink` for each document under `paths` (files or folders, recursively, in sorted order).
// A path that does not exist, an empty folder, a binary or undecodable file: reported in `issues`.
// Files over `limits` are issues too, as are folder entries that cannot be read: symlink loops, dangling
// symlinks, unreadable subfolders, FIFOs and devices; the rest of the folder still loads.
// `progress`, when given, hears after each document (and each file) of the documents delivered and the
// bytes of the files gone through, out of those of every file under `paths` (listed once more up front).
void for_each_document(const std::vector<std::string>& paths, const std::function<void(Document&&)>& sink,
                       std::vector<LoadIssue>& issues, const LoadLimits& limits = {},
                       const graph::ProgressFn& progress = {});
inline void for_each_document(const std::vector<std::string>& paths, const std::function<void(Document&&)>& sink,
                              std::vector<LoadIssue>& issues, const graph::ProgressFn& progress) {
  for_each_document(paths, sink, issues, LoadLimits{}, progress);
}

// The files for_each_document(paths) would read, in the order it reads them, without reading them:
// how a cluster driver splits a corpus into runs of consecutive documents.
std::vector<std::string> list_document_files(const std::vector<std::string>& paths, std::vector<LoadIssue>& issues);

std::vector<Document> load_documents(const std::vector<std::string>& paths, std::vector<LoadIssue>& issues);

// "path: message", the way a user should see an issue.
std::string to_string(const LoadIssue& issue);

}  // namespace bangfu::ingest
