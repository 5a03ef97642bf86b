#include "cli/progress_line.hpp"

#include <unistd.h>

#include <cstdio>

namespace bangfu::cli {

namespace {

ProgressLine* g_shown = nullptr;  // the line on the screen now, if any (jobs run one at a time)

std::string clock_text(double seconds) {
  long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}

}  // namespace

ProgressLine::ProgressLine(std::string what, std::string items, bool enabled)
    : what_(std::move(what)), items_(std::move(items)), enabled_(enabled), start_(std::chrono::steady_clock::now()) {}

ProgressLine::~ProgressLine() { clear(); }

bool ProgressLine::wanted(bool quiet) { return !quiet && ::isatty(STDERR_FILENO) == 1; }

graph::ProgressFn ProgressLine::callback() {
  if (!enabled_) return {};
  return [this](const graph::Progress& p) { update(p); };
}

std::string ProgressLine::format(const std::string& what, const std::string& items, const graph::Progress& p,
                                 double seconds) {
  constexpr double kMB = 1e6;
  char buf[160];
  std::string line = what + ": " + std::to_string(p.items) + " " + items;
  if (p.total_bytes > 0) std::snprintf(buf, sizeof buf, " · %.1f/%.1f MB", p.bytes / kMB, p.total_bytes / kMB);
  else std::snprintf(buf, sizeof buf, " · %.1f MB", p.bytes / kMB);
  line += buf;
  if (seconds >= 0.05 && p.bytes > 0) {
    double rate = p.bytes / seconds;
    std::snprintf(buf, sizeof buf, " · %.1f MB/s", rate / kMB);
    line += buf;
    if (p.total_bytes >= p.bytes) line += " · ETA " + clock_text((p.total_bytes - p.bytes) / rate);
  } else {
    line += " · -- MB/s";
  }
  return line;
}

void ProgressLine::update(const graph::Progress& p) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  // Nothing for a job done in a blink; then a redraw every tenth of a second at most.
  if (now - start_ < std::chrono::milliseconds(150)) return;
  if (shown_ && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  std::string line = format(what_, items_, p, std::chrono::duration<double>(now - start_).count());
  // \r and "erase to end of line": the new text over the old, whatever their lengths.
  std::fprintf(stderr, "\r%s\x1b[K", line.c_str());
  std::fflush(stderr);
  shown_ = true;
  g_shown = this;
}

void ProgressLine::clear() {
  if (!shown_) return;
  std::fputs("\r\x1b[K", stderr);
  std::fflush(stderr);
  shown_ = false;
  if (g_shown == this) g_shown = nullptr;
}

void clear_progress_line() {
  if (g_shown) g_shown->clear();
}

}  // namespace bangfu::cli
