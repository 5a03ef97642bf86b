// Command: how a subcommand plugs into the `bangfu` executable. Each subcommand lives in its own
// cli/cmd_<name>.cpp and registers itself with a static Registrar, so adding one touches no other file.
#pragma once
#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

namespace bangfu::cli {

// Options every subcommand sees (set by main before the runner is called).
struct GlobalOptions {
  int verbosity = 0;            // -v: info, -vv: debug
  std::string data_dir;         // --data-dir: lexicon folder (empty: the built-in default)
  std::vector<std::string> lexicons;  // --lexicon FILE (repeatable): extra user lexicons
  double wait_seconds = 300;    // --wait: how long a writer waits while another writes the same graph
};
const GlobalOptions& global_options();
// The data folder in effect: `given` (--data-dir), else $BANGFU_DATA, else the source tree's data/.
std::string data_folder(const std::string& given);

// `setup` adds the subcommand's options to `sub` and returns the function that runs it (exit code).
using Runner = std::function<int()>;
using Setup = std::function<Runner(CLI::App& sub)>;

struct Registrar {
  Registrar(std::string name, std::string description, Setup setup);
};

struct CommandSpec {
  std::string name, description;
  Setup setup;
};
std::vector<CommandSpec>& registry();

// Thrown by runners for a user-facing error: main prints "bangfu <cmd>: <message>" and exits `code`.
struct UserError : std::runtime_error {
  int code;
  explicit UserError(const std::string& message, int code = 1) : std::runtime_error(message), code(code) {}
};

}  // namespace bangfu::cli
