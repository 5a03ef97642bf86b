// The streaming side of `bangfu extract`: the mapper a cluster engine runs (Dask, Spark's pipe, Hadoop
// Streaming, a shell pipeline). Documents come from paths given as arguments or, for "-", one path per
// line on stdin; each document's facts go to stdout as one JSON line (ingest/fact_line.hpp).
#pragma once
#include <string>
#include <vector>

namespace bangfu::cli {

// Exit status of the mapper when some documents could not be read or extracted: each has a
// "warning: WHERE: what" line on stderr and every other document's line is on stdout.
inline constexpr int kSomeDocumentsSkipped = 3;

// Writes one fact line per document under `paths`, in reading order (`jobs` threads extract).
// Returns 0, or kSomeDocumentsSkipped.
int run_extract_jsonl(const std::vector<std::string>& paths, unsigned jobs);

// Prints the document files under `paths`, one per line, in the order ingest and the mapper read them.
int run_list_files(const std::vector<std::string>& paths);

}  // namespace bangfu::cli
