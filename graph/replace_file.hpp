// Replacing a file whole or not at all, the way every save and export writes: a temp file beside the
// real file, synced, then renamed over it.
//
// The path's symlinks are followed (the link stays a link, its target gets the new content), and only
// a regular file is ever replaced: a device, FIFO, socket or folder at the path is an error, never
// swapped for a regular file. Temp files left by writers that were killed (FILE.tmp.PID of a process
// that is gone) are removed on the way.
#pragma once
#include <cstdio>
#include <functional>
#include <string>

namespace bangfu::graph {

// The file a write to `path` lands in: `path` with its symlinks followed (also a dangling one, to the
// file it names). `path` itself when it is no symlink.
std::string write_target(const std::string& path);

// Calls `write` with a stream on a new temp file beside write_target(path), then renames it over that
// file (keeping its permission bits). Throws GraphError "<prefix>'path': why" when the path is not a
// regular file, the folder is missing or unwritable, `write` throws, or any write fails (disk full).
void replace_file(const std::string& path, const std::function<void(std::FILE*)>& write,
                  const std::string& prefix = "cannot write ");

// Throws GraphError "<prefix>'path': it is a FIFO, not a regular file; refusing to replace it" when
// something other than a regular file is at `path` (symlinks followed). Nothing there is fine.
void check_replaceable(const std::string& path, const std::string& prefix = "cannot write ");

// Removes FILE.tmp.PID files beside `real_path` whose process no longer exists. Returns how many.
std::size_t remove_stale_temp_files(const std::string& real_path);

}  // namespace bangfu::graph
