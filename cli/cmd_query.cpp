// `bangfu query`: runs Cypher statements against a graph file and prints the results.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/command.hpp"
#include "cli/graph_file.hpp"
#include "cli/repl_shell.hpp"

namespace bangfu::cli {
namespace {

struct QueryArgs {
  std::string graph, text, file, format = "table";
  std::vector<std::string> params;
  std::size_t max_rows = 0;
  std::string timeout = std::to_string(static_cast<int>(kDefaultTimeoutSeconds));
};

int run_query_command(const QueryArgs& a) {
  if (a.text.empty() == a.file.empty()) throw UserError("give one query, or --file SCRIPT");
  auto format = query::parse_format(a.format);
  if (!format) throw UserError("unknown format '" + a.format + "': table, json, jsonl or csv");
  std::string path = resolve_graph_path(a.graph);
  // Read-only queries take no lock; one that creates compares this stamp under the lock before saving.
  FileStamp loaded = file_stamp(path);
  Shell shell(load_graph_file(path), path, std::cout, std::cerr);
  shell.set_loaded_stamp(loaded);
  shell.settings().format.format = *format;
  shell.settings().format.max_rows = a.max_rows;
  shell.settings().acknowledge = false;
  shell.settings().query.timeout = timeout_of(parse_timeout(a.timeout));
  for (const auto& p : a.params) {
    auto eq = p.find('=');
    if (eq == std::string::npos || eq == 0) throw UserError("--param wants NAME=VALUE, got '" + p + "'");
    shell.set_parameter(p.substr(0, eq), parse_param_value(p.substr(eq + 1)));
  }
  std::size_t failed = 0;
  if (!a.file.empty()) {
    std::ifstream in(a.file);
    if (!in) throw UserError("cannot read " + a.file);
    failed = shell.run_script(in, a.file);
  } else {
    failed = shell.execute(a.text) ? 0 : 1;
  }
  // A one-shot command keeps what CREATE made: there is no later moment to save it.
  if (shell.dirty()) {
    auto lock = lock_graph_file(path);
    if (file_stamp(path) != shell.loaded_stamp())
      throw UserError(path + " was saved by another writer while this query ran; its changes were not saved "
                      "(run it again)");
    save_graph_file(shell.graph(), path);
  }
  return failed ? 1 : 0;
}

Registrar reg{"query", "Run a Cypher query against a graph", [](CLI::App& sub) -> Runner {
  auto a = std::make_shared<QueryArgs>();
  sub.add_option("query", a->text, "The statement, e.g. \"MATCH (a)-[:帮扶]->(b) RETURN a.name, b.name\"");
  sub.add_option("-g,--graph", a->graph, "Graph file (default: $BANGFU_GRAPH or ./bangfu.graph.json)");
  sub.add_option("-f,--format", a->format, "table, json, jsonl or csv")->capture_default_str();
  sub.add_option("-p,--param", a->params, "Parameter NAME=VALUE (repeatable); VALUE is a literal: 42, 'x', [1, 2]");
  sub.add_option("--file", a->file, "Script of ';'-terminated statements (and :commands) instead of QUERY");
  sub.add_option("--max-rows", a->max_rows, "Show at most N rows in a table (0: all)");
  sub.add_option("--timeout", a->timeout, "Stop a statement after SECONDS (0: no limit)")->capture_default_str();
  sub.footer("Syntax errors show the line and a caret and exit 1. Statements that create nodes or\n"
             "relationships save the graph file afterwards.\n"
             "Example: bangfu query -g g.graph.json 'MATCH (a)-[r:supports]->(b {name: $n}) RETURN a, r' -p n=某县");
  return [a] { return run_query_command(*a); };
}};

}  // namespace
}  // namespace bangfu::cli
