#include "cli/repl_shell.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iomanip>
#include <map>
#include <ostream>
#include <set>
#include <sstream>

#include "cli/command.hpp"
#include "cli/graph_file.hpp"
#include "cli/progress_line.hpp"
#include "cli/repl_complete.hpp"
#include "cli/repl_support.hpp"
#include "graph/gexf.hpp"
#include "graph/graphml.hpp"
#include "graph/html_view.hpp"
#include "ingest/graph_builder.hpp"
#include "ingest/load.hpp"
#include "web/assets.hpp"
#include "web/assets.hpp"

namespace bangfu::cli {

namespace {

using graph::Graph;

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

constexpr int kMaxReadDepth = 8;

const char* kHelp = R"(Statements are Cypher (MATCH … RETURN …, CREATE …) ended by ';' and may span lines.
Labels and relation types have Chinese aliases: (h:医院)-[:帮扶]->(x). Tab completes keywords,
labels, relation types and node names. Ctrl-C stops a running query; Ctrl-D leaves.

  :help                     this text
  :quit                     leave (asks once if the graph has unsaved changes)
  :schema                   node labels and relation types with counts and aliases
  :stats                    node, edge, document and evidence counts
  :mode table|json|jsonl|csv   how results are shown
  :timing on|off            show how long each statement took
  :maxrows N                show at most N rows in tables (0: all)
  :timeout SECONDS          stop a statement that runs longer (0: no limit)
  :param NAME VALUE         set $NAME (VALUE: 42, 1.5, 'text', [1, 2], {k: 1}; bare text is a string)
  :params                   list parameters
  :who NAME [--since DATE]  who supports NAME and whom it supports, with evidence (seen since DATE)
  :path FROM TO             the shortest support chain from FROM to TO, with evidence
  :explain                  evidence sentences, documents and rules behind the last result's edges
  :ingest PATH...           read articles (files or folders) into the graph
  :remove DOC               take a document and what only it said out of the graph
  :save [FILE]              save the graph (to its own file, or FILE)
  :save! [FILE]             save even over a version another process saved since this one was loaded
  :load FILE                open another graph
  :export FORMAT FILE       graphml or gexf (Gephi, networkx), or html (a page to open)
  :read FILE                run a script of statements and commands
)";

}  // namespace

// ---- StatementBuffer ----

std::vector<std::string> StatementBuffer::add_line(std::string_view line) {
  std::vector<std::string> done;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (block_comment_) {
      if (c == '*' && i + 1 < line.size() && line[i + 1] == '/') {
        block_comment_ = false;
        ++i;
        pending_ += ' ';
      }
      continue;
    }
    if (quote_) {
      pending_ += c;
      if (c == '\\' && quote_ != '`' && i + 1 < line.size()) pending_ += line[++i];
      else if (c == quote_) quote_ = 0;
      continue;
    }
    if (c == '/' && i + 1 < line.size() && line[i + 1] == '/') break;  // comment to end of line
    if (c == '/' && i + 1 < line.size() && line[i + 1] == '*') {
      block_comment_ = true;
      ++i;
      continue;
    }
    if (c == ';') {
      auto stmt = trim(pending_);
      if (!stmt.empty()) done.push_back(std::move(stmt));
      pending_.clear();
      continue;
    }
    if (c == '\'' || c == '"' || c == '`') quote_ = c;
    pending_ += c;
  }
  if (!pending_.empty() || quote_) pending_ += '\n';
  return done;
}

bool StatementBuffer::empty() const { return !quote_ && !block_comment_ && trim(pending_).empty(); }

std::string StatementBuffer::take_rest() {
  auto rest = trim(pending_);
  clear();
  return rest;
}

void StatementBuffer::clear() {
  pending_.clear();
  quote_ = 0;
  block_comment_ = false;
}

// ---- helpers ----

std::vector<std::string> split_words(std::string_view line) {
  std::vector<std::string> words;
  std::string cur;
  bool in_word = false;
  char quote = 0;
  for (char c : line) {
    if (quote) {
      if (c == quote) quote = 0;
      else cur += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      in_word = true;
    } else if (c == ' ' || c == '\t') {
      if (in_word) words.push_back(cur);
      cur.clear();
      in_word = false;
    } else {
      cur += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(cur);
  return words;
}

double parse_timeout(const std::string& text) {
  try {
    std::size_t pos = 0;
    double seconds = std::stod(text, &pos);
    if (pos != text.size() || !(seconds >= 0) || seconds > 1e7) throw std::invalid_argument("range");
    return seconds;
  } catch (const std::logic_error&) {
    throw UserError("a timeout is a number of seconds >= 0 (0: no limit), got '" + text + "'");
  }
}

std::chrono::milliseconds timeout_of(double seconds) {
  if (seconds <= 0) return std::chrono::milliseconds(0);
  return std::chrono::milliseconds(std::max<std::int64_t>(1, static_cast<std::int64_t>(seconds * 1000)));
}

query::Value parse_param_value(std::string_view text) {
  std::string t = trim(text);
  if (t.empty()) return query::Value(std::string());
  // The engine evaluates the literal, on an empty graph so nothing can be read or changed.
  graph::Graph scratch;
  try {
    auto r = query::run_query(scratch, "RETURN " + t + " AS v");
    if (r.rows.size() == 1 && r.rows[0].size() == 1) return r.rows[0][0];
  } catch (const query::QueryError& e) {
    char c = t[0];
    bool looks_literal = c == '\'' || c == '"' || c == '[' || c == '{' || c == '-' || std::isdigit(static_cast<unsigned char>(c));
    if (looks_literal) throw UserError("bad parameter value " + t + ": " + e.what());
  }
  return query::Value(t);
}

// ---- Shell ----

Shell::Shell(Graph graph, std::string graph_path, std::ostream& out, std::ostream& err,
             ingest::PipelineOptions pipeline_options)
    : graph_(std::move(graph)), path_(std::move(graph_path)), loaded_(file_stamp(path_)), out_(out), err_(err),
      pipeline_options_(std::move(pipeline_options)) {}

Shell::~Shell() = default;

std::string Shell::graph_name() const {
  std::string name = std::filesystem::path(path_).filename().string();
  for (std::string_view suffix : {".graph.json", ".json"})
    if (name.size() > suffix.size() && name.ends_with(suffix)) return name.substr(0, name.size() - suffix.size());
  return name.empty() ? "bangfu" : name;
}

bool Shell::execute(std::string_view statement, const std::atomic<bool>* cancel) {
  auto options = settings_.query;
  options.cancel = cancel;
  auto start = std::chrono::steady_clock::now();
  try {
    auto result = query::run_query(graph_, statement, params_, options);
    auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    const auto& s = result.stats;
    if (s.nodes_created || s.relationships_created || s.properties_set || s.labels_added) dirty_ = true;
    out_ << query::format_result(graph_, result, settings_.format);
    if (settings_.timing) out_ << "(" << std::fixed << std::setprecision(1) << ms << " ms)\n";
    out_.flush();
    last_ = std::move(result);
    return true;
  } catch (const query::QueryError& e) {
    if (e.kind == query::QueryError::Kind::Cancelled) {
      err_ << "cancelled\n";
      err_.flush();
    } else {
      report_error(e.what());
    }
  } catch (const std::exception& e) {
    report_error(e.what());
  }
  return false;
}

void Shell::report_error(const std::string& message) {
  out_.flush();  // results printed before the error stay above it
  if (!where_.empty()) err_ << where_ << ": ";
  err_ << "error: " << message << "\n";
  err_.flush();
}

bool Shell::command(std::string_view line) {
  auto words = split_words(trim(line));
  if (words.empty() || words[0].size() < 2 || words[0][0] != ':') {
    report_error("not a command: " + trim(line) + " (try :help)");
    return false;
  }
  std::string name = words[0].substr(1);
  words.erase(words.begin());
  try {
    if (!dispatch(name, words)) {
      report_error("unknown command :" + name + " (try :help)");
      return false;
    }
    out_.flush();
    return true;
  } catch (const std::exception& e) {
    report_error(e.what());
    return false;
  }
}

bool Shell::dispatch(const std::string& name, const Args& args) {
  struct Command {
    const char* name;
    std::size_t min_args;
    const char* usage;
    void (Shell::*run)(const Args&);
  };
  static const Command kCommands[] = {
      {"mode", 1, ":mode table|json|jsonl|csv", &Shell::set_mode},
      {"timing", 1, ":timing on|off", &Shell::set_timing},
      {"maxrows", 1, ":maxrows N", &Shell::set_maxrows},
      {"timeout", 1, ":timeout SECONDS", &Shell::set_timeout},
      {"param", 2, ":param NAME VALUE", &Shell::set_param},
      {"ingest", 1, ":ingest PATH...", &Shell::ingest},
      {"remove", 1, ":remove DOC", &Shell::remove},
      {"save", 0, ":save [FILE]", &Shell::save},
      {"save!", 0, ":save! [FILE]", &Shell::save_over},
      {"load", 1, ":load FILE", &Shell::load},
      {"export", 2, ":export graphml|gexf|html FILE", &Shell::export_graph},
      {"read", 1, ":read FILE", &Shell::read},
      {"who", 1, ":who NAME", &Shell::who},
      {"path", 2, ":path FROM TO", &Shell::path},
  };
  if (name == "help" || name == "h" || name == "?") help();
  else if (name == "quit" || name == "q" || name == "exit") quit();
  else if (name == "schema") schema();
  else if (name == "stats") stats();
  else if (name == "params") list_params();
  else if (name == "explain") explain();
  else {
    auto it = std::find_if(std::begin(kCommands), std::end(kCommands), [&](const Command& c) { return name == c.name; });
    if (it == std::end(kCommands)) return false;
    if (args.size() < it->min_args) throw UserError(std::string("usage: ") + it->usage);
    (this->*(it->run))(args);
  }
  return true;
}

void Shell::quit() {
  if (dirty_ && !warned_unsaved_ && !path_.empty()) {
    warned_unsaved_ = true;
    out_ << "the graph has unsaved changes: :save to keep them, :quit (or Ctrl-D) again to leave without saving\n";
  } else {
    quit_ = true;
  }
}

std::size_t Shell::run_script(std::istream& in, const std::string& source) {
  std::size_t failed = 0, line_no = 0, start_line = 0;
  std::string outer_where = where_;
  auto at = [&](std::size_t n) {
    if (!source.empty()) where_ = source + ":" + std::to_string(n);
  };
  StatementBuffer buffer;
  std::string line;
  while (!quit_ && std::getline(in, line)) {
    ++line_no;
    if (buffer.empty()) {
      start_line = line_no;
      if (trim(line).starts_with(":")) {
        at(line_no);
        failed += command(line) ? 0 : 1;
        continue;
      }
    }
    for (const auto& stmt : buffer.add_line(line)) {
      at(start_line);
      failed += execute(stmt) ? 0 : 1;
      start_line = line_no;  // a second statement on the same line starts here
      if (quit_) break;
    }
  }
  // A last statement without its ';' still runs: dropping it silently would be worse.
  if (auto rest = buffer.take_rest(); !rest.empty() && !quit_) {
    at(start_line);
    failed += execute(rest) ? 0 : 1;
  }
  where_ = outer_where;
  return failed;
}

void Shell::help() { out_ << kHelp; }

void Shell::schema() {
  auto aliases = load_alias_table(pipeline_options_.data_dir);
  auto alias_list = [&](const std::string& kind, const std::string& canonical) {
    std::string out;
    for (const auto& a : aliases)
      if (a.kind == kind && a.canonical == canonical) out += (out.empty() ? "" : ", ") + a.alias;
    return out;
  };
  std::map<std::uint16_t, std::size_t> edges_by_type;
  for (auto it : graph_.edges()) ++edges_by_type[graph_.edge(it).type];
  out_ << "Node labels:\n";
  for (std::uint16_t l = 0; l < graph_.labels().size(); ++l) {
    auto n = graph_.nodes_with_label(l).size();
    if (!n) continue;
    out_ << "  " << std::left << std::setw(14) << graph_.label_name(l) << std::right << std::setw(8) << n;
    if (auto a = alias_list("label", graph_.label_name(l)); !a.empty()) out_ << "   " << a;
    out_ << "\n";
  }
  out_ << "Relation types:\n";
  for (auto [type, n] : edges_by_type) {
    out_ << "  " << std::left << std::setw(14) << graph_.type_name(type) << std::right << std::setw(8) << n;
    if (auto a = alias_list("type", graph_.type_name(type)); !a.empty()) out_ << "   " << a;
    out_ << "\n";
  }
  if (edges_by_type.empty()) out_ << "  (none)\n";
}

void Shell::stats() {
  std::size_t evidences = 0;
  for (auto it : graph_.edges()) evidences += graph_.evidence(it).size();
  out_ << "graph: " << (path_.empty() ? "(unsaved)" : path_) << (dirty_ ? " (unsaved changes)" : "") << "\n"
       << "nodes: " << graph_.node_count() << "\n"
       << "edges: " << graph_.edge_count() << "\n"
       << "documents: " << graph_.documents().size() << "\n"
       << "evidences: " << evidences << "\n";
}

void Shell::set_mode(const Args& args) {
  auto f = query::parse_format(args[0]);
  if (!f) throw UserError("unknown mode '" + args[0] + "': table, json, jsonl or csv");
  settings_.format.format = *f;
  if (settings_.acknowledge) out_ << "mode: " << query::to_string(*f) << "\n";
}

void Shell::set_timing(const Args& args) {
  if (args[0] != "on" && args[0] != "off") throw UserError("usage: :timing on|off");
  settings_.timing = args[0] == "on";
  if (settings_.acknowledge) out_ << "timing: " << args[0] << "\n";
}

void Shell::set_maxrows(const Args& args) {
  try {
    std::size_t pos = 0;
    long n = std::stol(args[0], &pos);
    if (pos != args[0].size() || n < 0) throw std::invalid_argument("negative");
    settings_.format.max_rows = static_cast<std::size_t>(n);
  } catch (const std::logic_error&) {
    throw UserError("usage: :maxrows N (a whole number, 0 for all rows)");
  }
  if (settings_.acknowledge) out_ << "maxrows: " << (settings_.format.max_rows ? std::to_string(settings_.format.max_rows) : "all") << "\n";
}

void Shell::set_timeout(const Args& args) {
  double seconds = parse_timeout(args[0]);
  settings_.query.timeout = timeout_of(seconds);
  if (settings_.acknowledge)
    out_ << "timeout: " << (seconds > 0 ? args[0] + " s" : std::string("none")) << "\n";
}

void Shell::set_param(const Args& args) {
  std::string name = args[0];
  if (name.starts_with("$")) name.erase(0, 1);
  std::string text;
  for (std::size_t i = 1; i < args.size(); ++i) text += (i > 1 ? " " : "") + args[i];
  auto value = parse_param_value(text);
  set_parameter(name, value);
  if (settings_.acknowledge) out_ << "$" << name << " = " << query::value_text(graph_, value) << "\n";
}

void Shell::set_parameter(const std::string& name, query::Value value) {
  auto it = std::find_if(params_.begin(), params_.end(), [&](const auto& kv) { return kv.first == name; });
  if (it != params_.end()) it->second = std::move(value);
  else params_.emplace_back(name, std::move(value));
}

void Shell::list_params() {
  if (params_.empty()) out_ << "(no parameters)\n";
  for (const auto& [k, v] : params_) out_ << "$" << k << " = " << query::value_text(graph_, v) << "\n";
}

void Shell::ingest(const Args& args) {
  if (!pipeline_) pipeline_ = std::make_unique<ingest::Pipeline>(pipeline_options_);
  std::vector<ingest::LoadIssue> issues;
  ingest::GraphBuilder builder(graph_);
  std::size_t nodes_before = graph_.node_count(), edges_before = graph_.edge_count();
  {
    ProgressLine progress("ingest", "documents", settings_.progress);
    ingest::for_each_document(args, [&](ingest::Document&& doc) {
      if (builder.unchanged(doc)) builder.count_unchanged();
      else builder.add(doc, pipeline_->extract(doc));
    }, issues, progress.callback());
  }
  for (const auto& issue : issues) err_ << "warning: " << ingest::to_string(issue) << "\n";
  const auto& c = builder.counts();
  if (c.documents() == 0) throw UserError("nothing was read from " + args[0]);
  if (c.added || c.replaced) {
    dirty_ = true;
    graph_replaced();
  }
  out_ << "ingested " << c.documents() << " documents (" << c.unchanged << " unchanged): " << c.entities
       << " entities, " << c.relations << " relations; graph: " << graph_.node_count() << " nodes (+"
       << graph_.node_count() - std::min(nodes_before, graph_.node_count()) << "), " << graph_.edge_count()
       << " edges (+" << graph_.edge_count() - std::min(edges_before, graph_.edge_count()) << ")\n";
}

void Shell::remove(const Args& args) {
  if (!graph_.document(args[0])) throw UserError("no document '" + args[0] + "' in the graph");
  auto edges = graph_.remove_document(args[0]);
  dirty_ = true;
  graph_replaced();
  out_ << "removed " << args[0] << ": " << edges << " edges dropped; graph: " << graph_.node_count() << " nodes, "
       << graph_.edge_count() << " edges\n";
}

void Shell::save(const Args& args) { save_to(args, false); }
void Shell::save_over(const Args& args) { save_to(args, true); }

void Shell::save_to(const Args& args, bool force) {
  std::string target = args.empty() ? path_ : args[0];
  if (target.empty()) throw UserError("usage: :save FILE (this graph has no file yet)");
  bool own = target == path_ || path_.empty();
  auto lock = lock_graph_file(target);
  // Another writer (an ingest, a second shell) may have saved the file since this shell loaded it:
  // writing over that would silently lose its work.
  if (own && !force && file_stamp(target) != loaded_)
    throw UserError(target + " was saved by another process since this shell loaded it; not saved. "
                    ":save OTHER_FILE keeps your changes elsewhere, :load " + target +
                    " takes theirs (dropping yours), :save! overwrites theirs");
  save_graph_file(graph_, target);
  if (own) {
    loaded_ = file_stamp(target);
    path_ = target;
    dirty_ = false;
    warned_unsaved_ = false;
  }
  out_ << "saved " << graph_.node_count() << " nodes, " << graph_.edge_count() << " edges to " << target << "\n";
}

void Shell::load(const Args& args) {
  FileStamp stamp = file_stamp(args[0]);  // before loading: a save in between then reads as a change
  auto g = load_graph_file(args[0]);
  loaded_ = stamp;
  graph_ = std::move(g);
  path_ = args[0];
  dirty_ = warned_unsaved_ = false;
  graph_replaced();
  out_ << "loaded " << path_ << ": " << graph_.node_count() << " nodes, " << graph_.edge_count() << " edges\n";
}

void Shell::export_graph(const Args& args) {
  try {
    if (args[0] == "graphml") graph::export_graphml(graph_, args[1]);
    else if (args[0] == "gexf") graph::export_gexf(graph_, args[1]);
    else if (args[0] == "html")
      graph::export_html_view(graph_, args[1], {web::view_template(), web::graph_library()}, {});
    else throw UserError("usage: :export graphml|gexf|html FILE");
  } catch (const graph::GraphError& e) {
    throw UserError(e.what());
  }
  out_ << "exported " << graph_.node_count() << " nodes, " << graph_.edge_count() << " edges to " << args[1] << "\n";
}

// Results hold vertex descriptors; after edits that may renumber vertices they must not be read.
void Shell::graph_replaced() { last_.reset(); }

void Shell::explain() {
  if (!last_) throw UserError("no result to explain (run a query first; edits to the graph clear it)");
  std::vector<Graph::Edge> edges;
  std::vector<Graph::Vertex> nodes;
  std::set<std::uint32_t> seen_edges, seen_nodes;
  auto add_edge = [&](Graph::Edge e) {
    if (seen_edges.insert(graph_.edge(e).id).second) edges.push_back(e);
  };
  auto add_node = [&](Graph::Vertex v) {
    if (seen_nodes.insert(graph_.node(v).id).second) nodes.push_back(v);
  };
  std::function<void(const query::Value&)> walk = [&](const query::Value& v) {
    if (v.is<query::RelRef>()) add_edge(v.as<query::RelRef>().e);
    else if (v.is<query::NodeRef>()) add_node(v.as<query::NodeRef>().v);
    else if (v.is<query::PathValue>()) {
      for (auto e : v.as<query::PathValue>().rels) add_edge(e);
    } else if (v.is<query::List>()) {
      for (const auto& x : v.as<query::List>()) walk(x);
    } else if (v.is<query::Map>()) {
      for (const auto& [k, x] : v.as<query::Map>()) walk(x);
    }
  };
  for (const auto& row : last_->rows)
    for (const auto& v : row) walk(v);
  if (edges.empty() && nodes.empty()) {
    out_ << "the last result holds no nodes or relationships to explain\n";
    return;
  }
  for (auto e : edges) {
    out_ << entity_text(graph_, Graph::source(e)) << " -[" << graph_.type_name(graph_.edge(e).type) << "]-> "
         << entity_text(graph_, Graph::target(e)) << "\n";
    const auto& evs = graph_.evidence(e);
    if (evs.empty()) out_ << "    (no evidence: created by hand)\n";
    for (const auto& ev : evs) {
      out_ << "    “" << ev.sentence << "”\n      document " << ev.doc;
      if (auto d = graph_.document(ev.doc); d && !d->title.empty()) out_ << " (" << d->title << ")";
      out_ << ", bytes " << ev.begin << "-" << ev.end << ", rule " << ev.rule << ", confidence " << std::setprecision(2)
           << ev.confidence << "\n";
    }
  }
  for (auto v : nodes) {
    const auto& docs = graph_.node(v).docs;
    if (docs.empty()) continue;
    out_ << entity_text(graph_, v) << " is mentioned in:";
    for (auto d : docs)
      if (d < graph_.documents().size()) out_ << " " << graph_.documents()[d].id;
    out_ << "\n";
  }
}

void Shell::read(const Args& args) {
  if (read_depth_ >= kMaxReadDepth) throw UserError(":read nested too deeply (a script reading itself?)");
  std::ifstream in(args[0]);
  if (!in) throw UserError("cannot read " + args[0]);
  ++read_depth_;
  auto failed = run_script(in, args[0]);
  --read_depth_;
  if (failed) throw UserError(std::to_string(failed) + " statement(s) in " + args[0] + " failed");
}

void Shell::who(const Args& args) {
  std::string name;
  graph::SupportOptions options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--since") {
      if (i + 1 >= args.size()) throw UserError("usage: :who NAME [--since 2023|2023-07|2023-07-28]");
      options.since_days = since_day(args[++i]);
      continue;
    }
    name += (name.empty() ? "" : " ") + args[i];
  }
  options.max_hops = kWhoMaxHops;
  out_ << who_report(graph_, resolve_entity(graph_, name), options);
}

void Shell::path(const Args& args) {
  auto from = resolve_entity(graph_, args[0]);
  auto to = resolve_entity(graph_, args[1]);
  out_ << path_report(graph_, from, to);
}

}  // namespace bangfu::cli
