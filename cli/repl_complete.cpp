#include "cli/repl_complete.hpp"

#include "cli/command.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <set>

namespace bangfu::cli {

namespace {

constexpr const char* kKeywords[] = {
    "MATCH", "OPTIONAL", "WHERE", "RETURN", "WITH", "UNWIND", "CREATE", "ORDER", "BY", "SKIP", "LIMIT",
    "DISTINCT", "AS", "AND", "OR", "XOR", "NOT", "IN", "STARTS", "ENDS", "CONTAINS", "IS", "NULL", "TRUE",
    "FALSE", "ASC", "DESC", "count", "collect", "min", "max", "sum", "avg", "id", "type", "labels", "length",
    "nodes", "relationships", "properties", "size", "coalesce", "toString", "toInteger", "toFloat", "head",
    "last", "abs", "shortestPath", "allShortestPaths"};

constexpr const char* kCommands[] = {"help", "quit", "schema", "stats", "mode", "timing", "maxrows", "timeout", "param",
                                     "params", "who", "path", "explain", "ingest", "remove", "save", "load",
                                     "export", "read"};

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  if (prefix.size() > s.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != std::tolower(static_cast<unsigned char>(prefix[i]))) return false;
  return true;
}

// Keywords keep the case the user started typing in: "ma" gives "match", "MA" gives "MATCH".
std::string in_case_of(std::string_view typed, std::string word) {
  bool lower = !typed.empty() && std::islower(static_cast<unsigned char>(typed[0]));
  bool all_upper = std::all_of(word.begin(), word.end(), [](char c) { return !std::islower(static_cast<unsigned char>(c)); });
  if (lower && all_upper)
    for (auto& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return word;
}

void add_names(const graph::Graph& g, std::string_view word, std::set<std::string>& out) {
  for (graph::Graph::Vertex v = 0; v < g.node_count(); ++v) {
    const auto& n = g.node(v);
    if (!n.name.empty() && n.name.starts_with(word)) out.insert(n.name);
    for (const auto& a : n.aliases)
      if (a.starts_with(word)) out.insert(a);
  }
}

// Inside (…) a ':' starts a label, inside […] a relation type: find the innermost open bracket.
char open_bracket(std::string_view text) {
  int round = 0, square = 0;
  for (std::size_t i = text.size(); i-- > 0;) {
    char c = text[i];
    if (c == ')') ++round;
    else if (c == ']') ++square;
    else if (c == '(' && round-- == 0) return '(';
    else if (c == '[' && square-- == 0) return '[';
  }
  return 0;
}

// The character before the word, skipping nothing: quotes and colons decide what the word is.
char char_before(std::string_view line, std::size_t start) { return start > 0 ? line[start - 1] : 0; }

Completion complete_command(const graph::Graph& g, std::string_view line, std::size_t start, std::string_view word) {
  Completion c;
  std::set<std::string> out;
  auto first_end = line.find_first_of(" \t");
  if (first_end == std::string_view::npos || start < first_end) {
    for (auto cmd : kCommands)
      if (std::string_view(cmd).starts_with(word)) out.insert(cmd);
  } else {
    std::string cmd(line.substr(1, first_end - 1));
    if (cmd == "mode") {
      for (auto m : {"table", "json", "jsonl", "csv"})
        if (std::string_view(m).starts_with(word)) out.insert(m);
    } else if (cmd == "timing") {
      for (auto m : {"on", "off"})
        if (std::string_view(m).starts_with(word)) out.insert(m);
    } else if (cmd == "export" && line.substr(first_end).find_first_not_of(" \t") + first_end == start) {
      for (auto m : {"graphml", "gexf", "html"})
        if (std::string_view(m).starts_with(word)) out.insert(m);
    } else if (cmd == "who" || cmd == "path") {
      add_names(g, word, out);
    } else if (cmd == "load" || cmd == "read" || cmd == "save" || cmd == "ingest" || cmd == "export") {
      c.files = true;
    }
  }
  c.candidates.assign(out.begin(), out.end());
  return c;
}

}  // namespace

std::vector<AliasEntry> load_alias_table(const std::string& data_dir) {
  std::string dir = data_folder(data_dir);
  std::vector<AliasEntry> out;
  std::ifstream in(dir + "/query_aliases.tsv");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto t1 = line.find('\t'), t2 = line.find('\t', t1 == std::string::npos ? t1 : t1 + 1);
    if (t1 == std::string::npos || t2 == std::string::npos) continue;  // the query engine reports bad lines
    std::string canonical = line.substr(t2 + 1);
    while (!canonical.empty() && (canonical.back() == '\r' || canonical.back() == ' ')) canonical.pop_back();
    out.push_back({line.substr(0, t1), line.substr(t1 + 1, t2 - t1 - 1), canonical});
  }
  return out;
}

Completion complete(const graph::Graph& g, const std::vector<AliasEntry>& aliases, std::string_view line,
                    std::size_t start, std::size_t end, std::string_view before) {
  start = std::min(start, line.size());
  end = std::clamp(end, start, line.size());
  std::string_view word = line.substr(start, end - start);
  if (before.empty() && !line.empty() && line[0] == ':') return complete_command(g, line, start, word);

  std::set<std::string> out;
  char prev = char_before(line, start);
  if (prev == '\'' || prev == '"') {
    add_names(g, word, out);
  } else if (prev == ':') {
    std::string context = std::string(before) + "\n" + std::string(line.substr(0, start));
    bool rel = open_bracket(context) == '[';
    const auto& names = rel ? g.types() : g.labels();
    for (const auto& n : names)
      if (n.starts_with(word)) out.insert(n);
    for (const auto& a : aliases)
      if (a.kind == (rel ? "type" : "label") && a.alias.starts_with(word)) out.insert(a.alias);
  } else {
    for (auto k : kKeywords)
      if (starts_with_nocase(k, word)) out.insert(in_case_of(word, k));
  }
  return {std::vector<std::string>(out.begin(), out.end()), false};
}

}  // namespace bangfu::cli
