// Feature: a Gherkin feature file as the TCK writes it — scenarios, steps with doc strings and
// tables, and Scenario Outlines expanded into one scenario per Examples row.
#pragma once
#include <cstddef>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace bangfu::tck {

using Table = std::vector<std::vector<std::string>>;  // rows of trimmed cells, header first

struct Step {
  std::string keyword;     // Given / When / Then / And / But
  std::string text;        // the rest of the line
  std::string doc_string;  // """ block under the step, dedented
  Table table;
  std::size_t line = 0;
};

struct Scenario {
  std::string file;        // feature file name, e.g. Match1.feature
  std::string name;        // e.g. "[1] Match non-existent nodes returns empty"
  std::size_t example = 0; // 1-based row of the Examples table for an outline, else 0
  std::size_t line = 0;
  std::vector<std::string> tags;
  std::vector<Step> steps;
};

struct Feature {
  std::string path;
  std::string name;
  std::vector<Scenario> scenarios;
};

struct FeatureError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// `file_name` names the source in errors and in Scenario::file.
Feature parse_feature(std::string_view text, const std::string& file_name);
Feature read_feature(const std::filesystem::path& path);

}  // namespace bangfu::tck
