// bangfu: builds a knowledge graph of who supports whom from Chinese news, and queries it.
#include <spdlog/spdlog.h>
#include <spdlog/sinks/stdout_color_sinks.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <map>

#include "cli/command.hpp"
#include "query/aliases.hpp"

namespace bangfu::cli {

namespace {
GlobalOptions g_options;
}

const GlobalOptions& global_options() { return g_options; }

std::string data_folder(const std::string& given) {
  std::string dir = given;
  if (dir.empty())
    if (const char* env = std::getenv("BANGFU_DATA"); env && *env) dir = env;
#ifdef BANGFU_DATA_DIR
  if (dir.empty()) dir = BANGFU_DATA_DIR;
#endif
  return dir;
}

std::vector<CommandSpec>& registry() {
  static std::vector<CommandSpec> commands;
  return commands;
}

Registrar::Registrar(std::string name, std::string description, Setup setup) {
  registry().push_back({std::move(name), std::move(description), std::move(setup)});
}

namespace {

// The query engine reads its Chinese aliases ([:帮扶], :医院) from the same data folder as the
// extractor, so a user's additions there apply to both.
void configure_query_aliases(const std::string& data_dir) {
  std::string dir = data_folder(data_dir);
  std::string path = dir + "/query_aliases.tsv";
  std::error_code ec;
  if (!dir.empty() && std::filesystem::is_regular_file(path, ec)) query::set_alias_file(path);
}

void configure_logging(int verbosity) {
  auto logger = spdlog::stderr_color_mt("bangfu");
  spdlog::set_default_logger(logger);
  spdlog::set_pattern("%^%l%$: %v");
  spdlog::set_level(verbosity >= 2 ? spdlog::level::debug
                    : verbosity == 1 ? spdlog::level::info
                                     : spdlog::level::warn);
}

int run(int argc, char** argv) {
  CLI::App app{"bangfu: reads Chinese news on healthcare support and answers who supports whom, with evidence.\n"
               "Build a graph with `ingest`, ask with `query`, `who`, `path` or the `repl`, export for Gephi."};
  app.name("bangfu");
  app.set_help_all_flag("--help-all", "Show help for every subcommand");
  app.add_flag("-v,--verbose", g_options.verbosity, "More diagnostics on stderr (-vv for debug)");
  app.add_option("--data-dir", g_options.data_dir, "Folder with the lexicon and pattern files (default: built-in data/)");
  app.add_option("--lexicon", g_options.lexicons, "Extra lexicon file to load on top of data/ (repeatable)");
  app.add_option("--wait", g_options.wait_seconds,
                 "Commands that write a graph (ingest, remove, import, query with CREATE, :save) wait up to\n"
                 "this many seconds while another process writes the same graph (0: do not wait)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1e6));
  app.require_subcommand(0, 1);
  app.fallthrough();

  std::map<CLI::App*, Runner> runners;
  auto& commands = registry();
  std::sort(commands.begin(), commands.end(), [](auto& a, auto& b) { return a.name < b.name; });
  for (auto& spec : commands) {
    auto* sub = app.add_subcommand(spec.name, spec.description);
    runners[sub] = spec.setup(*sub);
  }

  // Plain `bangfu` opens the shell on the graph named by BANGFU_GRAPH or found in this folder.
  std::vector<std::string> args(argv + 1, argv + argc);
  bool has_repl = std::any_of(commands.begin(), commands.end(), [](auto& c) { return c.name == "repl"; });
  if (args.empty() && has_repl) args.push_back("repl");
  std::reverse(args.begin(), args.end());
  try {
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  configure_logging(g_options.verbosity);
  configure_query_aliases(g_options.data_dir);
  for (auto* sub : app.get_subcommands()) {
    try {
      int code = runners.at(sub)();
      // Results that never reached stdout (a full disk, /dev/full, a closed pipe) are a failure, not
      // "exported" or a silent exit 0.
      std::cout.flush();
      if (std::fflush(stdout) != 0 || std::ferror(stdout) || !std::cout) {
        std::fprintf(stderr, "bangfu %s: cannot write the output: %s\n", sub->get_name().c_str(),
                     std::strerror(errno ? errno : EIO));
        return 1;
      }
      return code;
    } catch (const UserError& e) {
      std::fprintf(stderr, "bangfu %s: %s\n", sub->get_name().c_str(), e.what());
      return e.code;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "bangfu %s: %s\n", sub->get_name().c_str(), e.what());
      return 1;
    }
  }
  std::fputs(app.help().c_str(), stdout);
  return 0;
}

}  // namespace
}  // namespace bangfu::cli

int main(int argc, char** argv) { return bangfu::cli::run(argc, argv); }
