// `bangfu repl`: the interactive query shell (also what plain `bangfu` opens). With stdin not a
// terminal it reads a script instead: statements ended by ';', colon commands one per line.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/command.hpp"
#include "cli/graph_file.hpp"
#include "cli/progress_line.hpp"
#include "cli/repl_terminal.hpp"

namespace bangfu::cli {
namespace {

constexpr std::size_t kInteractiveMaxRows = 40;

int run_repl(const std::string& given, const std::string& timeout, bool quiet) {
  std::string path = resolve_graph_path(given);
  double timeout_seconds = parse_timeout(timeout);
  bool exists = std::filesystem::exists(path);
  FileStamp stamp = file_stamp(path);  // before loading: see Shell::set_loaded_stamp
  auto graph = load_or_new_graph(path);
  const auto& g = global_options();
  ingest::PipelineOptions pipeline{g.data_dir, g.lexicons};
  Shell shell(std::move(graph), path, std::cout, std::cerr, pipeline);
  shell.settings().progress = ProgressLine::wanted(quiet);
  shell.settings().query.timeout = timeout_of(timeout_seconds);
  shell.set_loaded_stamp(stamp);
  if (!isatty(STDIN_FILENO)) {
    shell.settings().acknowledge = false;
    return shell.run_script(std::cin, "<stdin>") ? 1 : 0;
  }
  // A person at a terminal rarely wants 20 000 rows scrolling past; :maxrows 0 lifts the limit.
  shell.settings().format.max_rows = kInteractiveMaxRows;
  std::printf("bangfu shell on %s%s: %zu nodes, %zu edges. :help for help, Ctrl-D to leave.\n", path.c_str(),
              exists ? "" : " (new, not saved yet)", shell.graph().node_count(), shell.graph().edge_count());
  return run_terminal(shell, load_alias_table(g.data_dir));
}

Registrar reg{"repl", "Interactive query shell (plain `bangfu` opens it too)", [](CLI::App& sub) -> Runner {
  auto graph = std::make_shared<std::string>();
  auto quiet = std::make_shared<bool>(false);
  auto timeout = std::make_shared<std::string>(std::to_string(static_cast<int>(kDefaultTimeoutSeconds)));
  sub.add_option("-g,--graph", *graph, "Graph file (default: $BANGFU_GRAPH, ./bangfu.graph.json or the one *.graph.json here)");
  sub.add_flag("-q,--quiet", *quiet, ":ingest shows no progress line (shown only when stderr is a terminal)");
  sub.add_option("--timeout", *timeout, "Stop a statement after SECONDS (0: no limit; :timeout changes it)")
      ->capture_default_str();
  sub.footer("Statements end with ';' and may span lines; :help lists the colon commands.\n"
             "Piped input (bangfu repl -g g.graph.json < script.cypher) prints only results and exits\n"
             "non-zero when a statement failed.");
  return [graph, timeout, quiet] { return run_repl(*graph, *timeout, *quiet); };
}};

}  // namespace
}  // namespace bangfu::cli
