// Writing an export file whole or not at all: a temp file next to it, renamed once complete.
#pragma once
#include <functional>
#include <iosfwd>
#include <string>

namespace bangfu::graph {

// Calls `write` with a stream on a temp file beside `path` (its symlinks followed), then renames it over
// that file; anything but a regular file at `path` is refused (replace_file.hpp).
// Throws GraphError naming `path` when the folder is missing, unwritable or the disk is full.
void write_export_file(const std::string& path, const std::function<void(std::ostream&)>& write);

}  // namespace bangfu::graph
