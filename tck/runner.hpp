// Runner: plays TCK scenarios against the query engine and judges every expectation step.
#pragma once
#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "query/engine.hpp"
#include "tck/feature.hpp"

namespace bangfu::tck {

enum class Outcome { Passed, Failed, Skipped };

struct ScenarioResult {
  Outcome outcome = Outcome::Passed;
  std::string reason;  // one line: why it failed or was skipped
  std::string detail;  // expected vs actual, for --verbose
};

struct RunnerOptions {
  bool verbose = false;
  query::QueryOptions query;
};

// Runs one scenario. `graphs_dir` holds the named graphs: graphs/NAME/NAME.cypher.
ScenarioResult run_scenario(const Scenario& scenario, const std::filesystem::path& graphs_dir,
                            const RunnerOptions& options = {});

// The scenarios to run: lines `FILE<TAB>[N] name[<TAB>...]`; blank lines and `#` comments ignored.
class Scope {
 public:
  static Scope read(const std::filesystem::path& path);
  void add(std::string file, std::string name) { entries_.emplace(std::move(file), std::move(name)); }
  bool contains(const Scenario& s) const { return entries_.count({s.file, s.name}) > 0; }
  std::size_t size() const { return entries_.size(); }

 private:
  std::set<std::pair<std::string, std::string>> entries_;
};

struct Summary {
  std::size_t passed = 0, failed = 0, skipped = 0;
  std::vector<std::string> failures;  // the FAIL lines
};

// Where a feature file's named graphs live: the `graphs/` folder beside the nearest `features/` above it.
std::filesystem::path graphs_dir_for(const std::filesystem::path& feature_file);

// Runs every scenario of the feature files under `paths` (files or folders, recursively, sorted),
// reporting one line per scenario: "PASS|FAIL|SKIP FILE NAME[: reason]" (plus the detail when verbose).
Summary run_features(const std::vector<std::filesystem::path>& paths, const std::optional<Scope>& scope,
                     const RunnerOptions& options, const std::function<void(const std::string&)>& report);

// The name a report line uses: "[6] Comparing lists to lists (example 2)" for outline rows.
std::string display_name(const Scenario& s);

}  // namespace bangfu::tck
