// ProgressLine: shows a long job's graph::Progress as one line on stderr, redrawn in place, when stderr
// is a terminal and the user did not ask for --quiet:
//   ingest: 1200 documents · 31.5/120.0 MB · 4.2 MB/s · ETA 0:21
// Piped or redirected, it writes nothing, so logs and scripts see only results and warnings.
#pragma once
#include <chrono>
#include <string>

#include "graph/progress.hpp"

namespace bangfu::cli {

class ProgressLine {
 public:
  // `what`: the job ("ingest"); `items`: what it counts ("documents"). Shown only when `enabled`.
  ProgressLine(std::string what, std::string items, bool enabled);
  ~ProgressLine();  // takes the line away
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  // Whether a progress line belongs on stderr: a terminal, and not --quiet.
  static bool wanted(bool quiet);

  // The callback to hand the job; empty when disabled, so the job need not even add up its input.
  graph::ProgressFn callback();
  // Draws once the job has run 150 ms, then redraws at most every 100 ms.
  void update(const graph::Progress& progress);
  // Takes the line away, so what follows starts on a clean line.
  void clear();

  // "ingest: 12 documents · 1.5/3.0 MB · 0.8 MB/s · ETA 0:02" — the text, for tests and the terminal.
  static std::string format(const std::string& what, const std::string& items, const graph::Progress& progress,
                            double seconds);

 private:
  std::string what_, items_;
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

// Takes away whichever progress line is on the screen, before a warning is printed under it.
void clear_progress_line();

}  // namespace bangfu::cli
