#include "cli/repl_terminal.hpp"

#include <readline/history.h>
#include <readline/readline.h>
#include <sys/select.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <clocale>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <langinfo.h>

namespace bangfu::cli {

namespace {

constexpr int kHistorySize = 1000;

// Readline's callbacks are plain functions, so the session they act on lives here.
struct TerminalState {
  Shell* shell = nullptr;
  std::vector<AliasEntry> aliases;
  StatementBuffer buffer;
  std::string pending;  // lines of the statement being typed, for history and completion context
  std::string primary_prompt, continuation_prompt = "      ...> ";
  std::string history_file;
  std::vector<std::string> matches;
  bool done = false;
};
TerminalState* g_state = nullptr;

std::atomic<bool> g_cancel{false};
std::atomic<bool> g_running{false};
volatile std::sig_atomic_t g_interrupted = 0;

// Ctrl-C stops a running query (the engine polls g_cancel); at the prompt the main loop clears the line.
void on_sigint(int) {
  if (g_running) {
    g_cancel = true;
    [[maybe_unused]] auto n = write(STDERR_FILENO, "\n", 1);  // "cancelled" goes below the echoed ^C
  } else {
    g_interrupted = 1;
  }
}

void remember(const std::string& entry) {
  if (entry.empty()) return;
  HIST_ENTRY* last = history_length > 0 ? history_get(history_base + history_length - 1) : nullptr;
  if (last && entry == last->line) return;
  add_history(entry.c_str());
  if (!g_state->history_file.empty()) append_history(1, g_state->history_file.c_str());
}

void update_prompt() {
  rl_set_prompt((g_state->buffer.empty() ? g_state->primary_prompt : g_state->continuation_prompt).c_str());
}

void run_statement(const std::string& stmt) {
  g_cancel = false;
  g_running = true;
  g_state->shell->execute(stmt, &g_cancel);
  g_running = false;
  g_cancel = false;
}

void on_line(char* raw) {
  auto& st = *g_state;
  if (!raw) {  // Ctrl-D: leave, unless the graph has unsaved changes and the user was not told yet
    std::fputs("\n", stdout);
    st.buffer.clear();
    st.pending.clear();
    st.shell->command(":quit");
    std::cout.flush();
    if (st.shell->quit_requested()) {
      rl_callback_handler_remove();  // else readline shows the prompt once more
      st.done = true;
    } else {
      rl_callback_handler_install(st.primary_prompt.c_str(), on_line);
    }
    return;
  }
  std::string line(raw);
  std::free(raw);
  if (st.buffer.empty() && line.find_first_not_of(" \t") != std::string::npos &&
      line[line.find_first_not_of(" \t")] == ':') {
    remember(line);
    st.shell->command(line);
  } else {
    st.pending += (st.pending.empty() ? "" : " ") + line;
    auto statements = st.buffer.add_line(line);
    if (st.buffer.empty()) {
      remember(st.pending.find_first_not_of(" \t") == std::string::npos ? std::string() : st.pending);
      st.pending.clear();
    }
    for (const auto& stmt : statements) run_statement(stmt);
  }
  std::cout.flush();
  if (st.shell->quit_requested()) {
    rl_callback_handler_remove();  // no prompt after the last line
    st.done = true;
    return;
  }
  update_prompt();
}

char* next_match(const char*, int state) {
  static std::size_t i = 0;
  if (state == 0) i = 0;
  auto& m = g_state->matches;
  return i < m.size() ? strdup(m[i++].c_str()) : nullptr;
}

char** attempt_completion(const char* text, int start, int end) {
  auto& st = *g_state;
  auto c = complete(st.shell->graph(), st.aliases, rl_line_buffer, static_cast<std::size_t>(start),
                    static_cast<std::size_t>(end), st.buffer.empty() ? std::string_view() : st.pending);
  if (c.files) return nullptr;  // readline completes file names
  rl_attempted_completion_over = 1;
  char before = start > 0 ? rl_line_buffer[start - 1] : 0;
  rl_completion_append_character = before == '\'' || before == '"' ? before : ' ';
  st.matches = std::move(c.candidates);
  return st.matches.empty() ? nullptr : rl_completion_matches(text, next_match);
}

// Ctrl-C at the prompt: drop the line and any unfinished statement, start afresh.
void clear_input() {
  g_state->buffer.clear();
  g_state->pending.clear();
  rl_replace_line("", 0);
  rl_crlf();
  update_prompt();
  rl_on_new_line();
  rl_redisplay();
}

void use_utf8_locale() {
  std::setlocale(LC_ALL, "");
  const char* codeset = nl_langinfo(CODESET);
  if (!codeset || std::strcmp(codeset, "UTF-8") != 0) std::setlocale(LC_CTYPE, "C.UTF-8");
}

std::string history_path() {
  const char* home = std::getenv("HOME");
  return home && *home ? std::string(home) + "/.bangfu_history" : std::string();
}

}  // namespace

int run_terminal(Shell& shell, std::vector<AliasEntry> aliases) {
  TerminalState state;
  state.shell = &shell;
  state.aliases = std::move(aliases);
  state.primary_prompt = "bangfu(" + shell.graph_name() + ")> ";
  state.history_file = history_path();
  g_state = &state;

  use_utf8_locale();
  rl_readline_name = "bangfu";
  rl_catch_signals = 0;
  rl_attempted_completion_function = attempt_completion;
  rl_completer_word_break_characters = const_cast<char*>(kWordBreaks);
  rl_variable_bind("input-meta", "on");
  rl_variable_bind("output-meta", "on");
  rl_variable_bind("convert-meta", "off");
  using_history();
  stifle_history(kHistorySize);
  if (!state.history_file.empty()) {
    read_history(state.history_file.c_str());
    if (FILE* f = std::fopen(state.history_file.c_str(), "a")) std::fclose(f);  // append_history needs the file
  }

  struct sigaction sa {}, old {};
  sa.sa_handler = on_sigint;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // no SA_RESTART: select() must wake up on Ctrl-C
  sigaction(SIGINT, &sa, &old);

  rl_callback_handler_install(state.primary_prompt.c_str(), on_line);
  while (!state.done) {
    fd_set fds;
    FD_ZERO(&fds);
    FD_SET(STDIN_FILENO, &fds);
    int r = select(STDIN_FILENO + 1, &fds, nullptr, nullptr, nullptr);
    if (g_interrupted) {
      g_interrupted = 0;
      clear_input();
    }
    if (r < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (r > 0) rl_callback_read_char();
  }
  rl_callback_handler_remove();
  sigaction(SIGINT, &old, nullptr);
  if (!state.history_file.empty()) history_truncate_file(state.history_file.c_str(), kHistorySize);
  g_state = nullptr;
  return 0;
}

}  // namespace bangfu::cli
