// The interactive shell in a real terminal: tmux runs `bangfu repl`, the test types keys and reads
// the screen. Covers start, a multi-line statement, history (in the session and across sessions),
// Tab completion of Chinese names, :mode json, :who, :path, a syntax error, Ctrl-C on a long query,
// :maxrows truncation and leaving with :quit and Ctrl-D.
#include <unistd.h>

#include <chrono>
#include <functional>
#include <regex>
#include <thread>

#include "graph/storage.hpp"
#include "tests/cli/test_repl_util.hpp"

using namespace bangfu::testing;

namespace {

constexpr std::chrono::seconds kPatience{30};  // the machine may be busy: waits poll, they do not sleep

// One tmux server on its own socket, running one command in a 160x50 window; killed at scope exit
// whatever happened, so a failed test leaves no shell behind.
class TmuxSession {
 public:
  explicit TmuxSession(const std::string& command) {
    static int sessions = 0;
    socket_ = "bangfu-test-" + std::to_string(::getpid()) + "-" + std::to_string(++sessions);
    auto r = tmux("new-session -d -s t -x 160 -y 50 " + shell_quote(command));
    INFO(r.output);
    REQUIRE(r.status == 0);
  }
  ~TmuxSession() { tmux("kill-server"); }
  TmuxSession(const TmuxSession&) = delete;
  TmuxSession& operator=(const TmuxSession&) = delete;

  // Types text as it is. tmux reads an argument ending in ';' as a command separator: escape it.
  void type(std::string text) {
    if (!text.empty() && text.back() == ';') text.insert(text.size() - 1, "\\");
    tmux("send-keys -t t -l -- " + shell_quote(text));
  }
  void key(const std::string& name) { tmux("send-keys -t t " + name); }  // Enter, Tab, Up, C-c, C-d

  // Everything the pane showed, scrollback included, wrapped lines joined.
  std::string screen() const { return tmux("capture-pane -p -J -S - -t t").output; }
  // The line the cursor is on, trailing blanks dropped.
  std::string cursor_line() const {
    auto y = std::stoi("0" + tmux("display-message -p -t t '#{cursor_y}'").output);
    auto visible = tmux("capture-pane -p -J -t t").output;
    std::size_t pos = 0;
    for (int i = 0; i < y && pos != std::string::npos; ++i) pos = visible.find('\n', pos) + 1;
    if (pos == std::string::npos || pos > visible.size()) return {};
    auto line = visible.substr(pos, visible.find('\n', pos) - pos);
    return line.substr(0, line.find_last_not_of(' ') + 1);
  }

  bool wait_until(const std::function<bool()>& done) const {
    auto deadline = std::chrono::steady_clock::now() + kPatience;
    while (std::chrono::steady_clock::now() < deadline) {
      if (done()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return done();
  }
  // Waits until `text` has been shown `times` times in all (count before a step, then wait for one more).
  bool wait_for(const std::string& text, std::size_t times = 1) const {
    return wait_until([&] { return occurrences(screen(), text) >= times; });
  }

 private:
  CommandResult tmux(const std::string& args) const {
    return run_command("tmux -u -f /dev/null -L " + socket_ + " " + args);
  }
  std::string socket_;
};

#define REQUIRE_SHOWN(session, text, times)                                                           \
  do {                                                                                                \
    if (!(session).wait_for(text, times))                                                             \
      FAIL("the screen never showed \"" << (text) << "\" " << (times) << " time(s); it shows:\n"      \
                                        << (session).screen());                                      \
  } while (0)

#define REQUIRE_CURSOR_LINE(session, expected)                                                        \
  do {                                                                                                \
    if (!(session).wait_until([&] { return (session).cursor_line() == (expected); }))                 \
      FAIL("the cursor line never became \"" << (expected) << "\"; it is \"" << (session).cursor_line() \
                                             << "\"; the screen shows:\n" << (session).screen());     \
  } while (0)

// Names Tab can complete from a short prefix: the prefix (3 characters) begins no other name or alias.
struct Picks {
  std::string supporter, supported;        // a `supports` edge, both names unique
  std::string supported_prefix;            // completes to `supported` alone
};

std::string utf8_prefix(const std::string& s, std::size_t chars) {
  std::size_t i = 0;
  while (i < s.size() && chars > 0) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    --chars;
  }
  return s.substr(0, i);
}

Picks pick_names(const std::string& graph_path) {
  auto g = bangfu::graph::load_graph(graph_path);
  std::vector<std::string> all;
  for (bangfu::graph::Graph::Vertex v = 0; v < g.node_count(); ++v) {
    all.push_back(g.node(v).name);
    for (const auto& a : g.node(v).aliases) all.push_back(a);
  }
  auto unique_prefix = [&](const std::string& name, const std::string& prefix) {
    return std::all_of(all.begin(), all.end(), [&](const std::string& n) { return n == name || !n.starts_with(prefix); });
  };
  for (auto it : g.edges()) {
    if (g.type_name(g.edge(it).type) != "supports") continue;
    const auto& from = g.node(bangfu::graph::Graph::source(it)).name;
    const auto& to = g.node(bangfu::graph::Graph::target(it)).name;
    auto prefix = utf8_prefix(to, 3);
    bool chinese = !to.empty() && static_cast<unsigned char>(to[0]) >= 0xE0;
    if (chinese && prefix.size() < to.size() && unique_prefix(to, prefix) && g.find(from).size() == 1 &&
        g.find(to).size() == 1)
      return {from, to, prefix};
  }
  FAIL("the example graph has no `supports` edge whose target has a unique 3-character prefix");
  return {};
}

std::string repl_command(const std::string& home, const std::string& graph) {
  // The trailer keeps the pane open after the shell leaves, so its exit status can be read.
  return "HOME=" + shell_quote(home) + " LANG=C.UTF-8 LC_ALL=C.UTF-8 " + shell_quote(kBangfu) + " repl -g " +
         shell_quote(graph) + "; echo \"[exit status $?]\"; sleep 60";
}

}  // namespace

TEST_CASE("the shell in a terminal: editing, history, completion, modes, who/path, errors, Ctrl-C, quit", "[cli][repl][pty]") {
  if (!have_program("tmux")) {
    WARN("tmux is not installed: the terminal test of the shell is skipped");
    SUCCEED();
    return;
  }
  TempDir dir;
  std::filesystem::create_directories(dir.file("home"));
  std::string graph = dir.file("example.graph.json");
  std::filesystem::copy_file(example_graph(), graph);
  auto picks = pick_names(graph);
  INFO("supporter " << picks.supporter << ", supported " << picks.supported);
  const std::string prompt = "bangfu(example)> ";

  TmuxSession t(repl_command(dir.file("home"), graph));

  // Start: the banner and the prompt naming the graph.
  REQUIRE_SHOWN(t, "bangfu shell on " + graph, 1);
  REQUIRE_CURSOR_LINE(t, prompt.substr(0, prompt.size() - 1));
  CHECK(std::regex_search(t.screen(), std::regex(R"(: \d+ nodes, \d+ edges\. :help for help)")));

  // A statement over two lines: the second gets the continuation prompt, ';' runs it.
  t.type("MATCH (a)-[r:帮扶]->(b)");
  t.key("Enter");
  REQUIRE_CURSOR_LINE(t, "      ...>");
  t.type("RETURN a.name AS supporter, b.name AS supported ORDER BY supporter LIMIT 2;");
  t.key("Enter");
  REQUIRE_SHOWN(t, "2 rows", 1);
  CHECK(t.screen().find("| supporter") != std::string::npos);

  // History: Up brings the whole statement back as one line; Enter runs it again.
  t.key("Up");
  REQUIRE_CURSOR_LINE(t, prompt + "MATCH (a)-[r:帮扶]->(b) RETURN a.name AS supporter, b.name AS supported ORDER BY supporter LIMIT 2;");
  t.key("Enter");
  REQUIRE_SHOWN(t, "2 rows", 2);

  // Tab completes a Chinese node name after a quote, closing the quote.
  t.type("MATCH (n {name: '" + picks.supported_prefix);
  t.key("Tab");
  REQUIRE_CURSOR_LINE(t, prompt + "MATCH (n {name: '" + picks.supported + "'");
  t.type("}) RETURN n.name AS found;");
  t.key("Enter");
  REQUIRE_SHOWN(t, "| found", 1);
  REQUIRE_SHOWN(t, "1 row\n", 1);

  // Tab completes node names after :who, and :who reports the support around the entity.
  t.type(":who " + picks.supported_prefix);
  t.key("Tab");
  REQUIRE_CURSOR_LINE(t, prompt + ":who " + picks.supported);
  t.key("Enter");
  REQUIRE_SHOWN(t, "Supports through others:", 1);
  {
    auto s = t.screen();
    auto report = s.substr(s.rfind(":who " + picks.supported));
    auto by = report.find("Supported by:"), supports = report.find("Supports:");
    REQUIRE(by != std::string::npos);
    REQUIRE(supports != std::string::npos);
    INFO(report);
    CHECK(report.substr(by, supports - by).find(picks.supporter) != std::string::npos);  // listed as a supporter
    CHECK(report.find("“") != std::string::npos);                                        // with evidence
  }

  // :path shows the chain with the evidence of each hop.
  t.type(":path " + picks.supporter + " " + picks.supported);
  t.key("Enter");
  REQUIRE_SHOWN(t, " supports " + picks.supported, 1);
  {
    auto s = t.screen();
    auto report = s.substr(s.rfind(":path "));
    INFO(report);
    CHECK(std::regex_search(report, std::regex(R"(in \d+ hops?:)")));
    CHECK(report.find("  1. " + picks.supporter) != std::string::npos);
    CHECK(report.find("“") != std::string::npos);
  }

  // An unknown name suggests the nearest names; the shell carries on.
  t.type(":who " + picks.supported + "XYZ");
  t.key("Enter");
  REQUIRE_SHOWN(t, "did you mean: " + picks.supported, 1);

  // :mode json: results come as JSON.
  t.type(":mode json");
  t.key("Enter");
  REQUIRE_SHOWN(t, "mode: json", 1);
  t.type("MATCH (n) WHERE n.name = '" + picks.supported + "' RETURN n.name AS name;");
  t.key("Enter");
  REQUIRE_SHOWN(t, "{\"name\":\"" + picks.supported + "\"}", 1);

  // A syntax error shows where, with a caret, and the prompt comes back.
  t.type("MATCH (n RETURN n;");
  t.key("Enter");
  REQUIRE_SHOWN(t, "error: line 1, column 10: expected", 1);
  {
    auto s = t.screen();
    auto err = s.substr(s.rfind("error: line 1, column 10"));
    INFO(err);
    CHECK(err.find("\n  MATCH (n RETURN n\n") != std::string::npos);
    CHECK(err.find("\n           ^\n") != std::string::npos);  // under the R of RETURN
  }
  t.type("RETURN 1 + 1 AS two;");
  t.key("Enter");
  REQUIRE_SHOWN(t, "{\"two\":2}", 1);

  // Ctrl-C stops a query that would run for hours and the shell stays usable.
  t.type(":mode table");
  t.key("Enter");
  REQUIRE_SHOWN(t, "mode: table", 1);
  t.type("MATCH (a), (b), (c), (d), (e) RETURN count(*) AS combinations;");
  t.key("Enter");
  REQUIRE_SHOWN(t, "RETURN count(*) AS combinations;\n", 1);  // the line was taken: the query is running
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  CHECK(t.screen().find("| combinations") == std::string::npos);  // still running
  auto started = std::chrono::steady_clock::now();
  t.key("C-c");
  REQUIRE_SHOWN(t, "cancelled", 1);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(10));
  REQUIRE_CURSOR_LINE(t, prompt.substr(0, prompt.size() - 1));
  t.type("RETURN 'still here' AS s;");
  t.key("Enter");
  REQUIRE_SHOWN(t, "| still here |", 1);

  // Ctrl-C at the prompt drops a half-typed statement.
  t.type("MATCH (n)");
  t.key("Enter");
  REQUIRE_CURSOR_LINE(t, "      ...>");
  t.key("C-c");
  REQUIRE_CURSOR_LINE(t, prompt.substr(0, prompt.size() - 1));
  t.type("RETURN 3 AS three;");
  t.key("Enter");
  REQUIRE_SHOWN(t, "| three |", 1);

  // Long results stop at the shell's default row limit, with a note on how to see everything.
  t.type("MATCH (n) RETURN n.name AS name;");
  t.key("Enter");
  REQUIRE_SHOWN(t, "more not shown, :maxrows 0 shows all", 1);
  CHECK(std::regex_search(t.screen(), std::regex(R"(showing 40 of \d+ rows)")));

  // :quit leaves with status 0.
  t.type(":quit");
  t.key("Enter");
  REQUIRE_SHOWN(t, "[exit status 0]", 1);

  // The history file in $HOME outlives the session: a new shell recalls the last lines.
  auto history = read_file(dir.file("home/.bangfu_history"));
  CHECK(history.find("MATCH (a)-[r:帮扶]->(b) RETURN a.name AS supporter") != std::string::npos);
  TmuxSession again(repl_command(dir.file("home"), graph));
  REQUIRE_SHOWN(again, "bangfu shell on", 1);
  REQUIRE_CURSOR_LINE(again, prompt.substr(0, prompt.size() - 1));
  again.key("Up");
  REQUIRE_CURSOR_LINE(again, prompt + ":quit");
  again.key("Up");
  REQUIRE_CURSOR_LINE(again, prompt + "MATCH (n) RETURN n.name AS name;");
  again.key("C-u");
  again.key("C-d");  // Ctrl-D on an empty line leaves too
  REQUIRE_SHOWN(again, "[exit status 0]", 1);
}

TEST_CASE("the shell in a terminal: completion of labels and relation types, English and Chinese", "[cli][repl][pty]") {
  if (!have_program("tmux")) {
    WARN("tmux is not installed: the terminal test of the shell is skipped");
    SUCCEED();
    return;
  }
  TempDir dir;
  std::filesystem::create_directories(dir.file("home"));
  TmuxSession t(repl_command(dir.file("home"), example_graph()));
  const std::string prompt = "bangfu(example)> ";
  REQUIRE_CURSOR_LINE(t, prompt.substr(0, prompt.size() - 1));

  t.type("mat");
  t.key("Tab");
  REQUIRE_CURSOR_LINE(t, prompt + "match");  // keywords keep the case typed
  t.key("C-u");
  t.type("MATCH (h:Hosp");
  t.key("Tab");
  REQUIRE_CURSOR_LINE(t, prompt + "MATCH (h:Hospital");
  t.type(")-[:对口");
  t.key("Tab");
  t.key("Tab");  // two candidates (对口支援, 对口帮扶): the second Tab lists them
  REQUIRE_SHOWN(t, "对口帮扶", 1);
  REQUIRE_SHOWN(t, "对口支援", 1);
  t.key("C-u");
  t.type(":mo");
  t.key("Tab");
  t.type("js");
  t.key("Tab");
  REQUIRE_CURSOR_LINE(t, prompt + ":mode json");
  t.key("C-u");
  t.key("C-d");
  REQUIRE_SHOWN(t, "[exit status 0]", 1);
}
