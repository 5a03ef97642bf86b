#include "tck/feature.hpp"

#include <fstream>
#include <optional>
#include <sstream>

namespace bangfu::tck {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) s.replace(pos, from.size(), to);
  return s;
}

class FeatureParser {
 public:
  FeatureParser(std::string_view text, std::string file) : text_(text), file_(std::move(file)) {}

  Feature parse() {
    feature_.path = file_;
    std::size_t pos = 0;
    while (pos <= text_.size()) {
      auto end = text_.find('\n', pos);
      if (end == std::string_view::npos) end = text_.size();
      ++line_no_;
      line(text_.substr(pos, end - pos));
      pos = end + 1;
    }
    if (doc_) fail(doc_start_, "doc string is never closed");
    finish_scenario();
    return std::move(feature_);
  }

 private:
  [[noreturn]] void fail(std::size_t line, const std::string& what) const {
    throw FeatureError(file_ + ":" + std::to_string(line) + ": " + what);
  }

  void line(std::string_view raw) {
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    std::string_view t = trim(raw);
    if (doc_) return doc_line(raw, t);
    if (t.empty() || t.front() == '#') return;
    if (t.front() == '@') return tags(t);
    if (starts_with(t, "Feature:")) {
      feature_.name = std::string(trim(t.substr(8)));
      return;
    }
    if (starts_with(t, "Background:")) return start(Mode::Background, {});
    if (starts_with(t, "Scenario Outline:")) return start(Mode::Outline, t.substr(17));
    if (starts_with(t, "Scenario Template:")) return start(Mode::Outline, t.substr(18));
    if (starts_with(t, "Scenario:")) return start(Mode::Scenario, t.substr(9));
    if (starts_with(t, "Example:")) return start(Mode::Scenario, t.substr(8));
    if (starts_with(t, "Examples:") || starts_with(t, "Scenarios:")) {
      if (mode_ != Mode::Outline) fail(line_no_, "Examples outside a Scenario Outline");
      examples_.emplace_back();
      in_examples_ = true;
      return;
    }
    if (t.front() == '|') return table_row(t);
    if (starts_with(t, "\"\"\"") || starts_with(t, "```")) {
      Step& s = last_step("doc string");
      if (!s.doc_string.empty()) fail(line_no_, "a step has a second doc string");
      doc_ = std::string(t.substr(0, 3));
      doc_indent_ = raw.find_first_not_of(" \t");
      doc_start_ = line_no_;
      doc_lines_.clear();
      return;
    }
    step(t);
  }

  void doc_line(std::string_view raw, std::string_view t) {
    if (t == *doc_) {
      std::string text;
      for (std::size_t i = 0; i < doc_lines_.size(); ++i) text += (i ? "\n" : "") + doc_lines_[i];
      current_steps().back().doc_string = std::move(text);
      doc_.reset();
      return;
    }
    std::size_t cut = 0;
    while (cut < doc_indent_ && cut < raw.size() && (raw[cut] == ' ' || raw[cut] == '\t')) ++cut;
    doc_lines_.emplace_back(raw.substr(cut));
  }

  void tags(std::string_view t) {
    std::istringstream in{std::string(t)};
    for (std::string tag; in >> tag;) pending_tags_.push_back(tag);
  }

  enum class Mode { None, Background, Scenario, Outline };

  void start(Mode mode, std::string_view name) {
    finish_scenario();
    mode_ = mode;
    in_examples_ = false;
    examples_.clear();
    current_ = Scenario{};
    current_.file = file_;
    current_.name = std::string(trim(name));
    current_.line = line_no_;
    if (mode != Mode::Background) current_.tags = std::move(pending_tags_);
    pending_tags_.clear();
  }

  std::vector<Step>& current_steps() { return mode_ == Mode::Background ? background_ : current_.steps; }

  Step& last_step(const char* what) {
    if (mode_ == Mode::None) fail(line_no_, std::string(what) + " before any scenario");
    auto& steps = current_steps();
    if (steps.empty()) fail(line_no_, std::string(what) + " before any step");
    return steps.back();
  }

  void step(std::string_view t) {
    static constexpr std::string_view kKeywords[] = {"Given ", "When ", "Then ", "And ", "But "};
    for (auto k : kKeywords) {
      if (!starts_with(t, k)) continue;
      if (mode_ == Mode::None) fail(line_no_, "step before any scenario");
      if (in_examples_) fail(line_no_, "step after Examples");
      Step s;
      s.keyword = std::string(trim(k));
      s.text = std::string(trim(t.substr(k.size())));
      s.line = line_no_;
      current_steps().push_back(std::move(s));
      return;
    }
    fail(line_no_, "unexpected line: " + std::string(t));
  }

  void table_row(std::string_view t) {
    if (t.size() < 2 || t.back() != '|') fail(line_no_, "table row must start and end with '|'");
    std::vector<std::string> cells;
    std::string cell;
    for (std::size_t i = 1; i < t.size(); ++i) {
      if (t[i] == '\\' && i + 1 < t.size() && t[i + 1] == '|') {
        cell += '|';
        ++i;
      } else if (t[i] == '|') {
        cells.emplace_back(trim(cell));
        cell.clear();
      } else {
        cell += t[i];
      }
    }
    Table& table = in_examples_ ? examples_.back() : last_step("table").table;
    if (!table.empty() && table.front().size() != cells.size())
      fail(line_no_, "table row has " + std::to_string(cells.size()) + " cells, the header has " +
                         std::to_string(table.front().size()));
    table.push_back(std::move(cells));
  }

  void finish_scenario() {
    if (mode_ == Mode::Scenario) emit(current_);
    if (mode_ == Mode::Outline) expand_outline();
    mode_ = Mode::None;
  }

  void emit(Scenario s) {
    s.steps.insert(s.steps.begin(), background_.begin(), background_.end());
    feature_.scenarios.push_back(std::move(s));
  }

  void expand_outline() {
    std::size_t n = 0;
    for (const auto& table : examples_) {
      if (table.empty()) continue;
      const auto& header = table.front();
      for (std::size_t r = 1; r < table.size(); ++r) {
        Scenario s = current_;
        s.example = ++n;
        auto subst = [&](std::string text) {
          for (std::size_t c = 0; c < header.size(); ++c) text = replace_all(std::move(text), "<" + header[c] + ">", table[r][c]);
          return text;
        };
        for (auto& step : s.steps) {
          step.text = subst(step.text);
          step.doc_string = subst(step.doc_string);
          for (auto& row : step.table)
            for (auto& cell : row) cell = subst(cell);
        }
        emit(std::move(s));
      }
    }
    if (n == 0) fail(current_.line, "Scenario Outline without Examples rows");
  }

  std::string_view text_;
  std::string file_;
  Feature feature_;
  std::size_t line_no_ = 0;
  Mode mode_ = Mode::None;
  Scenario current_;
  std::vector<Step> background_;
  std::vector<std::string> pending_tags_;
  std::vector<Table> examples_;
  bool in_examples_ = false;
  std::optional<std::string> doc_;
  std::size_t doc_indent_ = 0, doc_start_ = 0;
  std::vector<std::string> doc_lines_;
};

}  // namespace

Feature parse_feature(std::string_view text, const std::string& file_name) {
  return FeatureParser(text, file_name).parse();
}

Feature read_feature(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FeatureError(path.string() + ": cannot open feature file");
  std::ostringstream buf;
  buf << in.rdbuf();
  auto feature = parse_feature(buf.str(), path.filename().string());
  feature.path = path.string();
  return feature;
}

}  // namespace bangfu::tck
