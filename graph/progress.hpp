// Progress: how far a long job over input files (ingest, CSV import) has got. The job calls back with
// it; the caller decides whether and how to show it (nothing below cli/ writes to the screen).
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>

namespace bangfu::graph {

struct Progress {
  std::size_t items = 0;          // documents read (ingest) or rows read (import)
  std::uint64_t bytes = 0;        // input bytes gone through
  std::uint64_t total_bytes = 0;  // input bytes in all; 0 when not known
};

// Called often (per document, per few hundred rows) on the job's thread: keep it cheap.
using ProgressFn = std::function<void(const Progress&)>;

}  // namespace bangfu::graph
