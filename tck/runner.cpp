#include "tck/runner.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "query/format.hpp"
#include "tck/match.hpp"
#include "tck/value.hpp"

namespace bangfu::tck {

namespace {

namespace fs = std::filesystem;
using graph::Graph;
using query::QueryError;
using query::QueryResult;

// A scenario stops at its first failing step: this carries the verdict out.
struct Verdict {
  Outcome outcome;
  std::string reason, detail;
};

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

std::string kind_name(QueryError::Kind k) {
  switch (k) {
    case QueryError::Kind::Syntax: return "syntax";
    case QueryError::Kind::Semantic: return "semantic";
    case QueryError::Kind::Type: return "type";
    case QueryError::Kind::Limit: return "limit";
    case QueryError::Kind::Cancelled: return "cancelled";
  }
  return "?";
}

std::string describe(const QueryError& e) {
  return kind_name(e.kind) + " error" + (e.code.empty() ? "" : " " + e.code) + ": " + first_line(e.what());
}

// What the graph looks like, for side-effect counting by difference (as the TCK defines them).
struct Snapshot {
  std::set<std::uint32_t> nodes, rels;
  std::set<std::string> labels;
  std::set<std::string> props;  // "n<id>.key=value" / "r<id>.key=value"
};

Snapshot snapshot(const Graph& g) {
  Snapshot s;
  for (auto it : g.vertices()) {
    const auto& n = g.node(it);
    s.nodes.insert(n.id);
    for (auto l : n.labels) s.labels.insert(g.label_name(l));
    for (const auto& [k, v] : g.node_property_map(it))
      s.props.insert("n" + std::to_string(n.id) + "." + k + "=" + query::prop_text(v));
  }
  for (auto it : g.edges()) {
    auto id = g.edge(it).id;
    s.rels.insert(id);
    for (const auto& [k, v] : g.edge_property_map(it))
      s.props.insert("r" + std::to_string(id) + "." + k + "=" + query::prop_text(v));
  }
  return s;
}

template <class T>
std::size_t missing_from(const std::set<T>& a, const std::set<T>& b) {
  return std::count_if(a.begin(), a.end(), [&](const T& x) { return !b.count(x); });
}

std::map<std::string, std::size_t> side_effects(const Snapshot& before, const Snapshot& after) {
  return {{"+nodes", missing_from(after.nodes, before.nodes)},
          {"-nodes", missing_from(before.nodes, after.nodes)},
          {"+relationships", missing_from(after.rels, before.rels)},
          {"-relationships", missing_from(before.rels, after.rels)},
          {"+labels", missing_from(after.labels, before.labels)},
          {"-labels", missing_from(before.labels, after.labels)},
          {"+properties", missing_from(after.props, before.props)},
          {"-properties", missing_from(before.props, after.props)}};
}

// Splits a script on `;` outside string literals.
std::vector<std::string> statements(const std::string& script) {
  std::vector<std::string> out;
  std::string cur;
  char quote = 0;
  for (std::size_t i = 0; i < script.size(); ++i) {
    char c = script[i];
    if (quote) {
      if (c == '\\' && i + 1 < script.size()) {
        cur += c;
        c = script[++i];
      } else if (c == quote) {
        quote = 0;
      }
    } else if (c == '\'' || c == '"' || c == '`') {
      quote = c;
    } else if (c == ';') {
      out.push_back(cur);
      cur.clear();
      continue;
    }
    cur += c;
  }
  out.push_back(cur);
  std::erase_if(out, [](const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; });
  return out;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

std::string table_text(const Table& t) {
  std::string out;
  for (const auto& row : t) {
    out += "  |";
    for (const auto& c : row) out += " " + c + " |";
    out += "\n";
  }
  return out;
}

class ScenarioRun {
 public:
  ScenarioRun(const fs::path& graphs_dir, const RunnerOptions& options) : graphs_dir_(graphs_dir), options_(options) {}

  Verdict run(const Scenario& s) {
    for (const auto& step : s.steps) {
      auto v = this->step(step);
      if (v) return *v;
    }
    if (!judged_) return {Outcome::Skipped, "no expectation step", {}};
    return {Outcome::Passed, {}, {}};
  }

 private:
  using Result = std::optional<Verdict>;

  static Verdict fail(std::string reason, std::string detail = {}) {
    return {Outcome::Failed, std::move(reason), std::move(detail)};
  }

  Result step(const Step& st) {
    const std::string& t = st.text;
    auto at = " (line " + std::to_string(st.line) + ")";
    if (t == "an empty graph" || t == "any graph") {
      graph_ = std::make_unique<Graph>();
      return {};
    }
    if (t.starts_with("the ") && t.ends_with(" graph")) return named_graph(t.substr(4, t.size() - 10));
    if (t == "having executed:") {
      try {
        query::run_query(*graph_, st.doc_string, params_, options_.query);
      } catch (const QueryError& e) {
        return fail("setup query failed" + at + ": " + describe(e));
      }
      return {};
    }
    if (t == "parameters are:") return parameters(st);
    if (t == "executing query:") {
      before_ = snapshot(*graph_);
      execute(st.doc_string);
      after_ = snapshot(*graph_);
      return {};
    }
    if (t == "executing control query:") {
      execute(st.doc_string);
      return {};
    }
    if (t == "the result should be empty") return expect_rows(st, false, {}, true);
    if (t.starts_with("the result should be")) {
      std::string how = t.substr(20);
      MatchOptions mo;
      mo.unordered_lists = how.find("ignoring element order for lists") != std::string::npos;
      bool ordered = how.starts_with(", in order");
      if (!how.ends_with(":")) return Verdict{Outcome::Skipped, "unsupported step: " + t, {}};
      return expect_rows(st, ordered, mo, false);
    }
    if (t.starts_with("a ") && t.find(" should be raised at ") != std::string::npos) return expect_error(st);
    if (t == "no side effects") return expect_side_effects({}, st);
    if (t == "the side effects should be:") {
      std::map<std::string, std::size_t> want;
      for (const auto& row : st.table) {
        if (row.size() != 2) return fail("side-effect row needs two cells" + at);
        want[row[0]] = std::stoul(row[1]);
      }
      return expect_side_effects(want, st);
    }
    return Verdict{Outcome::Skipped, "unsupported step: " + st.keyword + " " + t, {}};
  }

  Result named_graph(const std::string& name) {
    graph_ = std::make_unique<Graph>();
    auto file = graphs_dir_ / name / (name + ".cypher");
    std::string script;
    try {
      script = read_file(file);
    } catch (const std::exception& e) {
      return fail("named graph '" + name + "' not found: " + e.what());
    }
    for (const auto& stmt : statements(script)) {
      try {
        query::run_query(*graph_, stmt, {}, options_.query);
      } catch (const QueryError& e) {
        return fail("building named graph '" + name + "' failed: " + describe(e));
      }
    }
    return {};
  }

  Result parameters(const Step& st) {
    for (const auto& row : st.table) {
      if (row.size() != 2) return fail("parameter row needs two cells (line " + std::to_string(st.line) + ")");
      try {
        params_.emplace_back(row[0], to_query_value(parse_tck_value(row[1])));
      } catch (const TckSyntaxError& e) {
        return fail(std::string("bad parameter value: ") + e.what());
      }
    }
    return {};
  }

  void execute(const std::string& text) {
    result_.reset();
    error_.reset();
    try {
      result_ = query::run_query(*graph_, text, params_, options_.query);
    } catch (const QueryError& e) {
      error_ = e;
    }
    executed_ = true;
  }

  std::string actual_text() const {
    return "actual:\n" + query::format_result(*graph_, *result_, {query::Format::Table, 0, 200, true});
  }

  Result expect_rows(const Step& st, bool ordered, const MatchOptions& mo, bool empty) {
    judged_ = true;
    if (!executed_) return fail("expectation before any query");
    if (error_) return fail("query failed: " + describe(*error_), error_->what());
    const auto& res = *result_;
    if (empty) {
      if (res.rows.empty()) return {};
      return fail("expected no rows, got " + std::to_string(res.rows.size()), actual_text());
    }
    if (st.table.empty()) return fail("result table has no header");
    std::string detail = "expected:\n" + table_text(st.table) + actual_text();
    const auto& header = st.table.front();
    std::vector<std::size_t> col_of;
    for (const auto& h : header) {
      auto it = std::find(res.columns.begin(), res.columns.end(), h);
      if (it == res.columns.end()) return fail("no column '" + h + "' in the result", detail);
      col_of.push_back(static_cast<std::size_t>(it - res.columns.begin()));
    }
    if (res.columns.size() != header.size())
      return fail("expected " + std::to_string(header.size()) + " columns, got " + std::to_string(res.columns.size()), detail);
    std::vector<std::vector<TckValue>> want;
    for (std::size_t r = 1; r < st.table.size(); ++r) {
      want.emplace_back();
      for (const auto& cell : st.table[r]) {
        try {
          want.back().push_back(parse_tck_value(cell));
        } catch (const TckSyntaxError& e) {
          return fail(std::string("cannot read expected value: ") + e.what());
        }
      }
    }
    if (want.size() != res.rows.size())
      return fail("expected " + std::to_string(want.size()) + " rows, got " + std::to_string(res.rows.size()), detail);
    auto row_matches = [&](const std::vector<TckValue>& w, const std::vector<query::Value>& a) {
      for (std::size_t c = 0; c < w.size(); ++c)
        if (col_of[c] >= a.size() || !matches(w[c], a[col_of[c]], *graph_, mo)) return false;
      return true;
    };
    std::vector<bool> used(res.rows.size(), false);
    for (std::size_t r = 0; r < want.size(); ++r) {
      if (ordered) {
        if (!row_matches(want[r], res.rows[r])) return fail("row " + std::to_string(r + 1) + " differs", detail);
        continue;
      }
      bool found = false;
      for (std::size_t a = 0; a < res.rows.size() && !found; ++a) {
        if (used[a] || !row_matches(want[r], res.rows[a])) continue;
        used[a] = found = true;
      }
      if (!found) return fail("expected row " + std::to_string(r + 1) + " not in the result", detail);
    }
    return {};
  }

  // TCK categories as our error kinds. A compile-time SyntaxError in the TCK covers what we call
  // semantic errors too (unbound variables, type conflicts between pattern parts).
  static bool kind_fits(const std::string& category, const std::string& phase, QueryError::Kind k) {
    using K = QueryError::Kind;
    if (k == K::Limit || k == K::Cancelled) return false;
    if (category == "SyntaxError" || category == "SemanticError" || category == "ParameterMissing")
      return k == K::Syntax || k == K::Semantic || (phase == "runtime" && k == K::Type);
    if (category == "TypeError" || category == "ArgumentError") return k == K::Type || k == K::Semantic;
    return true;
  }

  static bool generic_code(const std::string& code) {
    return code.empty() || code == "SyntaxError" || code == "SemanticError" || code == "TypeError" || code == "ArgumentError";
  }

  Result expect_error(const Step& st) {
    judged_ = true;
    // "a SyntaxError should be raised at compile time: VariableAlreadyBound"
    const std::string& t = st.text;
    auto category = t.substr(2, t.find(' ', 2) - 2);
    auto at = t.find(" should be raised at ") + 21;
    auto colon = t.find(':', at);
    std::string phase = t.substr(at, colon == std::string::npos ? std::string::npos : colon - at);
    std::string detail = colon == std::string::npos ? "" : t.substr(colon + 1);
    detail.erase(0, detail.find_first_not_of(' '));
    if (phase == "compile time") phase = "compile";
    if (!executed_) return fail("expectation before any query");
    std::string want = category + (detail.empty() ? "" : " (" + detail + ")");
    if (!error_)
      return fail("expected " + want + ", but the query succeeded with " + std::to_string(result_->rows.size()) + " rows",
                  actual_text());
    const auto& e = *error_;
    if (!detail.empty() && e.code == detail) return {};
    if (!generic_code(e.code)) return fail("expected " + want + ", got " + describe(e), e.what());
    if (!kind_fits(category, phase, e.kind)) return fail("expected " + want + ", got " + describe(e), e.what());
    return {};
  }

  Result expect_side_effects(const std::map<std::string, std::size_t>& want, const Step&) {
    judged_ = true;
    if (!before_ || !after_) return fail("side effects checked before any query");
    if (error_) return fail("query failed: " + describe(*error_), error_->what());
    auto got = side_effects(*before_, *after_);
    for (const auto& [k, n] : want)
      if (!got.count(k)) return fail("unknown side effect '" + k + "'");
    std::string diff;
    for (const auto& [k, n] : got) {
      auto it = want.find(k);
      std::size_t expected = it == want.end() ? 0 : it->second;
      if (n != expected) diff += (diff.empty() ? "" : ", ") + k + " expected " + std::to_string(expected) + " got " + std::to_string(n);
    }
    if (!diff.empty()) return fail("side effects differ: " + diff);
    return {};
  }

  fs::path graphs_dir_;
  const RunnerOptions& options_;
  std::unique_ptr<Graph> graph_ = std::make_unique<Graph>();
  query::Params params_;
  std::optional<QueryResult> result_;
  std::optional<QueryError> error_;
  std::optional<Snapshot> before_, after_;
  bool executed_ = false, judged_ = false;
};

std::vector<fs::path> feature_files(const std::vector<fs::path>& paths, std::vector<std::string>& problems) {
  std::vector<fs::path> out;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> found;
      for (const auto& entry : fs::recursive_directory_iterator(p, ec))
        if (entry.is_regular_file() && entry.path().extension() == ".feature") found.push_back(entry.path());
      if (ec) problems.push_back(p.string() + ": " + ec.message());
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    } else if (fs::exists(p, ec)) {
      out.push_back(p);
    } else {
      problems.push_back(p.string() + ": no such file or directory");
    }
  }
  return out;
}

}  // namespace

std::string display_name(const Scenario& s) {
  return s.example ? s.name + " (example " + std::to_string(s.example) + ")" : s.name;
}

ScenarioResult run_scenario(const Scenario& scenario, const fs::path& graphs_dir, const RunnerOptions& options) {
  try {
    auto v = ScenarioRun(graphs_dir, options).run(scenario);
    return {v.outcome, v.reason, v.detail};
  } catch (const std::exception& e) {
    // Anything the engine throws besides QueryError is a failure of that scenario, not of the run.
    return {Outcome::Failed, std::string("unexpected exception: ") + e.what(), {}};
  }
}

Scope Scope::read(const fs::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path.string() + ": cannot read scope file");
  Scope scope;
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    auto tab = line.find('\t');
    if (tab == std::string::npos)
      throw std::runtime_error(path.string() + ":" + std::to_string(n) + ": expected FILE<TAB>SCENARIO");
    auto tab2 = line.find('\t', tab + 1);
    scope.add(line.substr(0, tab), line.substr(tab + 1, tab2 == std::string::npos ? std::string::npos : tab2 - tab - 1));
  }
  return scope;
}

fs::path graphs_dir_for(const fs::path& feature_file) {
  auto dir = fs::absolute(feature_file).parent_path();
  for (auto d = dir; !d.empty(); d = d.parent_path()) {
    if (d.filename() == "features") return d.parent_path() / "graphs";
    if (d == d.parent_path()) break;
  }
  return dir.parent_path() / "graphs";
}

Summary run_features(const std::vector<fs::path>& paths, const std::optional<Scope>& scope, const RunnerOptions& options,
                     const std::function<void(const std::string&)>& report) {
  Summary sum;
  std::vector<std::string> problems;
  for (const auto& file : feature_files(paths, problems)) {
    Feature feature;
    try {
      feature = read_feature(file);
    } catch (const std::exception& e) {
      problems.push_back(e.what());
      continue;
    }
    auto graphs = graphs_dir_for(file);
    for (const auto& s : feature.scenarios) {
      if (scope && !scope->contains(s)) continue;
      auto r = run_scenario(s, graphs, options);
      std::string head = s.file + " " + display_name(s);
      std::string line;
      switch (r.outcome) {
        case Outcome::Passed: ++sum.passed; line = "PASS " + head; break;
        case Outcome::Failed: ++sum.failed; line = "FAIL " + head + ": " + r.reason; sum.failures.push_back(line); break;
        case Outcome::Skipped: ++sum.skipped; line = "SKIP " + head + ": " + r.reason; break;
      }
      if (options.verbose && r.outcome == Outcome::Failed && !r.detail.empty()) line += "\n" + r.detail;
      report(line);
    }
  }
  // A file that cannot be read is a failure: silently running fewer scenarios would hide it.
  for (const auto& p : problems) {
    ++sum.failed;
    sum.failures.push_back("FAIL " + p);
    report("FAIL " + p);
  }
  return sum;
}

}  // namespace bangfu::tck
