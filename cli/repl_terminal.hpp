// Terminal: the shell on an interactive terminal — GNU readline line editing, history kept in
// ~/.bangfu_history, tab completion, multi-line statements, Ctrl-C to stop a query or clear the line.
#pragma once
#include <vector>

#include "cli/repl_complete.hpp"
#include "cli/repl_shell.hpp"

namespace bangfu::cli {

// Runs until :quit or Ctrl-D. Returns the exit status (0).
int run_terminal(Shell& shell, std::vector<AliasEntry> aliases);

}  // namespace bangfu::cli
