// Shell: one session of bangfu's query shell — its graph, parameters and display settings — and the
// handling of statements and colon commands. It knows nothing of terminals: the interactive REPL,
// piped scripts, `bangfu query` and `:read` all drive it the same way.
#pragma once
#include <atomic>
#include <chrono>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/graph_file.hpp"
#include "graph/graph.hpp"
#include "ingest/pipeline.hpp"
#include "query/engine.hpp"
#include "query/format.hpp"

namespace bangfu::cli {

// Cuts input into statements ended by `;` outside strings, backquoted names and comments.
class StatementBuffer {
 public:
  // Adds one line; returns the statements it completed (trimmed, without the `;`).
  std::vector<std::string> add_line(std::string_view line);
  bool empty() const;         // nothing but blanks pending: the next line starts a statement
  std::string take_rest();    // what is left at end of input, trimmed
  void clear();

 private:
  std::string pending_;
  char quote_ = 0;            // inside '...', "..." or `...`
  bool block_comment_ = false;
};

struct ShellSettings {
  query::FormatOptions format;
  bool timing = false;
  bool acknowledge = true;  // say what a setting command did (off for scripts: print only results)
  bool progress = false;    // :ingest draws a progress line on stderr (the caller knows it is a terminal)
  query::QueryOptions query;
};

// "30", "0.5", "0": seconds for --timeout and :timeout; UserError for anything else (negative, not a number).
double parse_timeout(const std::string& text);
std::chrono::milliseconds timeout_of(double seconds);  // 0 (no limit) for 0

// What `bangfu query` and `bangfu repl` allow one statement unless --timeout says otherwise.
inline constexpr double kDefaultTimeoutSeconds = 300;

class Shell {
 public:
  Shell(graph::Graph graph, std::string graph_path, std::ostream& out, std::ostream& err,
        ingest::PipelineOptions pipeline_options = {});
  ~Shell();

  // Runs one statement (no trailing `;`). Errors are reported on `err`; returns false on failure.
  bool execute(std::string_view statement, const std::atomic<bool>* cancel = nullptr);
  // Runs one colon command line (":mode json"); returns false on failure.
  bool command(std::string_view line);
  // Runs a script: statements ended by `;`, colon commands one per line. Returns the number that failed.
  // Errors name `source` and the line the failing statement starts on ("queries.cypher:12: error: …").
  std::size_t run_script(std::istream& in, const std::string& source = "");

  bool quit_requested() const { return quit_; }
  bool dirty() const { return dirty_; }  // changed since loaded or saved
  graph::Graph& graph() { return graph_; }
  const std::string& graph_path() const { return path_; }
  std::string graph_name() const;  // for the prompt: the file name without .graph.json
  ShellSettings& settings() { return settings_; }
  const query::Params& params() const { return params_; }
  void set_parameter(const std::string& name, query::Value value);
  // Which version of the graph file the graph was loaded from (taken before loading it): :save refuses
  // to overwrite a version another writer saved since. The constructor takes the file's stamp as it is.
  void set_loaded_stamp(const FileStamp& stamp) { loaded_ = stamp; }
  const FileStamp& loaded_stamp() const { return loaded_; }

 private:
  using Args = std::vector<std::string>;
  bool dispatch(const std::string& name, const Args& args);
  void help();
  void quit();
  void schema();
  void stats();
  void set_mode(const Args& args);
  void set_timing(const Args& args);
  void set_param(const Args& args);
  void list_params();
  void ingest(const Args& args);
  void remove(const Args& args);
  void save(const Args& args);
  void save_over(const Args& args);  // :save! — also over a version another writer saved
  void save_to(const Args& args, bool force);
  void load(const Args& args);
  void export_graph(const Args& args);
  void explain();
  void read(const Args& args);
  void who(const Args& args);
  void path(const Args& args);
  void set_maxrows(const Args& args);
  void set_timeout(const Args& args);
  void graph_replaced();
  void report_error(const std::string& message);

  graph::Graph graph_;
  std::string path_;
  FileStamp loaded_;
  std::ostream& out_;
  std::ostream& err_;
  ingest::PipelineOptions pipeline_options_;
  std::unique_ptr<ingest::Pipeline> pipeline_;  // built on first :ingest (loading lexicons takes a while)
  ShellSettings settings_;
  query::Params params_;
  std::optional<query::QueryResult> last_;
  bool quit_ = false, dirty_ = false, warned_unsaved_ = false;
  int read_depth_ = 0;
  std::string where_;  // "script:LINE" while a script runs, to say where an error came from
};

// A parameter value as written on a command line or after :param: any Cypher literal expression
// (42, 1.5, 'text', [1, 2], {k: 1}, null); other bare text is taken as a string.
query::Value parse_param_value(std::string_view text);

// Splits a colon-command line into words; '...' and "..." group words with spaces.
std::vector<std::string> split_words(std::string_view line);

}  // namespace bangfu::cli
