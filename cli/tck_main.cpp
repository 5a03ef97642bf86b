// bangfu-tck: runs openCypher TCK feature files against bangfu's query engine.
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <optional>

#include "tck/runner.hpp"

int main(int argc, char** argv) {
  CLI::App app{"bangfu-tck: runs openCypher TCK scenarios (feature files or folders of them) against bangfu.\n"
               "Named graphs come from the graphs/ folder beside features/. One line per scenario, then a summary."};
  app.name("bangfu-tck");
  std::vector<std::string> paths;
  std::string scope_path;
  bool verbose = false;
  app.add_option("paths", paths, "Feature files or folders")->required();
  app.add_option("--scope", scope_path, "TSV of scenarios to run (FILE<TAB>[N] name); others are not run");
  app.add_flag("--verbose", verbose, "Show expected and actual results of failed scenarios");
  CLI11_PARSE(app, argc, argv);
  spdlog::set_level(spdlog::level::warn);

  bangfu::tck::RunnerOptions options;
  options.verbose = verbose;
  std::optional<bangfu::tck::Scope> scope;
  try {
    if (!scope_path.empty()) scope = bangfu::tck::Scope::read(scope_path);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bangfu-tck: %s\n", e.what());
    return 2;
  }
  std::vector<std::filesystem::path> fs_paths(paths.begin(), paths.end());
  auto sum = bangfu::tck::run_features(fs_paths, scope, options, [](const std::string& line) {
    std::printf("%s\n", line.c_str());
    std::fflush(stdout);
  });
  std::printf("%zu passed, %zu failed, %zu skipped\n", sum.passed, sum.failed, sum.skipped);
  return sum.failed ? 1 : 0;
}
