// bench_graph_load: how long a saved graph takes to load and how many bytes a node, an edge and an
// evidence cost in memory.
//
// Imports nodes.csv/edges.csv (from bench_gen_graph), saves three graphs — nodes only, nodes + edges,
// and the same with one evidence per edge — and loads each in a fresh child process, which reports the
// load time and its resident-memory growth. Differences between the three give bytes per node, per edge
// and per evidence as the process really holds them (allocator overhead and index included).
// With --snapshot the same graphs are also saved as binary snapshots (graph/snapshot.hpp) and opened
// the same way: open time, and the memory a graph opened from a mapping holds (its evidence texts stay
// in the mapped file, in the page cache, not on the heap).
#include <malloc.h>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "graph/csv_import.hpp"
#include "graph/graph.hpp"
#include "graph/snapshot.hpp"
#include "graph/storage.hpp"

namespace fs = std::filesystem;
using bangfu::graph::Graph;

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }
// CPU seconds of this process: on a shared, busy machine it tracks the work better than wall time.
double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + ts.tv_nsec * 1e-9;
}

// Resident and peak resident set of this process, in bytes, from /proc/self/status.
struct Memory {
  long long rss = 0, peak = 0;
};
Memory memory_now() {
  Memory m;
  std::ifstream in("/proc/self/status");
  std::string key;
  long long kb;
  while (in >> key) {
    if (key == "VmRSS:" && in >> kb) m.rss = kb * 1024;
    else if (key == "VmHWM:" && in >> kb) m.peak = kb * 1024;
    in.ignore(1 << 20, '\n');
  }
  return m;
}

// Bytes the allocator has handed out and not taken back (small-chunk arena plus mmapped blocks): a
// counting figure next to RSS, blind to pages that are resident but free.
long long heap_in_use() {
  struct mallinfo2 mi = mallinfo2();
  return static_cast<long long>(mi.uordblks + mi.hblkhd);
}

// Snapshots open in place (graph/snapshot_view.hpp) unless --built asks for the adjacency list on open.
bool g_built = false;

// Child mode: load `path` `repeat` times; print "min median cpu_median rss_delta peak nodes edges heap_delta
// walk_s", walk_s being one pass over every node's outgoing edges after the last load (its first touch).
int measure_load(const std::string& path, int repeat) {
  malloc_trim(0);
  Memory before = memory_now();
  long long heap_before = heap_in_use();
  std::vector<double> times, cpu;
  long long delta = 0, heap_delta = 0;
  std::size_t nodes = 0, edges = 0;
  double walk = 0;
  for (int i = 0; i < repeat; ++i) {
    auto t0 = Clock::now();
    double c0 = cpu_seconds();
    Graph g = g_built && bangfu::graph::is_snapshot_file(path) ? bangfu::graph::load_snapshot(path, {.in_place = false})
                                                              : bangfu::graph::load_graph(path);
    times.push_back(seconds_since(t0));
    cpu.push_back(cpu_seconds() - c0);
    malloc_trim(0);  // hand back the parser's buffers so RSS shows what the graph itself holds
    delta = memory_now().rss - before.rss;
    heap_delta = heap_in_use() - heap_before;
    nodes = g.node_count();
    edges = g.edge_count();
    if (i + 1 == repeat) {
      auto w0 = Clock::now();
      std::size_t seen = 0;
      for (auto v : g.vertices())
        for (auto e : g.out_edges(v)) seen += Graph::target(e) != v;
      walk = seconds_since(w0);
      if (seen > edges) return 1;
    }
  }
  std::sort(times.begin(), times.end());
  std::sort(cpu.begin(), cpu.end());
  std::printf("%.6f %.6f %.6f %lld %lld %zu %zu %lld %.6f\n", times.front(), times[times.size() / 2], cpu[cpu.size() / 2],
              delta, memory_now().peak - before.rss, nodes, edges, heap_delta, walk);
  return 0;
}

struct LoadFigures {
  double min_s = 0, median_s = 0, cpu_s = 0;
  long long rss_delta = 0, peak_delta = 0, heap_delta = 0;
  std::size_t nodes = 0, edges = 0;
  double walk_s = 0;
};

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += (c == '\'') ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Loads in a fresh process so earlier graphs and allocator state do not blur the memory figures.
LoadFigures load_in_child(const std::string& path, int repeat) {
  std::string self = fs::read_symlink("/proc/self/exe").string();
  std::string cmd = shell_quote(self) + " --measure-load " + shell_quote(path) + " --repeat " + std::to_string(repeat) +
                    (g_built ? " --built" : "");
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), &pclose);
  if (!pipe) throw std::runtime_error("cannot start " + cmd);
  LoadFigures f;
  if (std::fscanf(pipe.get(), "%lf %lf %lf %lld %lld %zu %zu %lld %lf", &f.min_s, &f.median_s, &f.cpu_s, &f.rss_delta,
                  &f.peak_delta, &f.nodes, &f.edges, &f.heap_delta, &f.walk_s) != 9)
    throw std::runtime_error("loading " + path + " failed (see the message above)");
  return f;
}

// A sentence of typical length for one evidence (Chinese news sentences run 30-60 characters).
std::string evidence_sentence(const Graph& g, Graph::Edge e) {
  return g.node(Graph::source(e)).name + "在" + g.node(Graph::target(e)).name +
         "开展组团式帮扶，派驻专家团队常驻开展远程会诊和带教查房，累计投入资金" +
         std::to_string(g.edge(e).id % 97 + 1) + "00万元。";
}

std::size_t add_evidence_everywhere(Graph& g, std::size_t& text_bytes) {
  std::vector<Graph::Edge> all;
  for (auto ei : g.edges()) all.push_back(ei);
  for (auto e : all) {
    bangfu::graph::Evidence ev;
    ev.doc = "news_" + std::to_string(g.edge(e).id / 20) + ".txt";  // ~20 facts per article
    ev.sentence = evidence_sentence(g, e);
    ev.begin = 100;
    ev.end = 100 + static_cast<std::uint32_t>(ev.sentence.size());
    ev.rule = "supports.active.assist";
    text_bytes += ev.doc.size() + ev.sentence.size() + ev.rule.size();
    g.add_evidence(e, std::move(ev));
  }
  return all.size();
}

struct Row {
  std::string what;
  fs::path file;
  std::uintmax_t file_bytes = 0;
  double save_s = 0;
  LoadFigures load;
};

struct RunOptions {
  std::string dir;
  fs::path work;
  std::string graph;  // a saved graph of the same CSVs: measured as is instead of importing again
  int repeat = 3;
  bool evidence = true, keep = false, snapshot = false, json = true;
};


// The table and the per-element figures of one format's rows; `prefix` starts every figure line.
void report(const char* prefix, const std::vector<Row>& rows, std::size_t evidences, std::size_t text_bytes) {
  std::printf("%s%-18s %9s %9s %9s %8s %9s %9s %9s %9s %9s %9s\n", prefix, "graph", "nodes", "edges", "file MB", "save s",
              "load min", "load med", "load cpu", "RSS MB", "peak MB", "heap MB");
  for (const auto& r : rows)
    std::printf("%s%-18s %9zu %9zu %9.1f %8.2f %9.3f %9.3f %9.3f %9.1f %9.1f %9.1f\n", prefix, r.what.c_str(), r.load.nodes,
                r.load.edges, r.file_bytes / 1e6, r.save_s, r.load.min_s, r.load.median_s, r.load.cpu_s,
                r.load.rss_delta / 1e6, r.load.peak_delta / 1e6, r.load.heap_delta / 1e6);

  double n = static_cast<double>(std::max<std::size_t>(rows[0].load.nodes, 1));
  double m = static_cast<double>(std::max<std::size_t>(rows[1].load.edges, 1));
  double per_node = rows[0].load.rss_delta / n, heap_node = rows[0].load.heap_delta / n;
  double per_edge = (rows[1].load.rss_delta - rows[0].load.rss_delta) / m;
  double heap_edge = (rows[1].load.heap_delta - rows[0].load.heap_delta) / m;
  // The floor of the layout: Boost keeps each edge in the global edge list (a std::list node holding
  // both ends and EdgeData) and as one stored edge (target + list iterator) in each end's out/in vector.
  std::size_t stored_edge = sizeof(Graph::Vertex) + sizeof(void*);
  std::size_t list_node = 2 * sizeof(void*) + 2 * sizeof(Graph::Vertex) + sizeof(bangfu::graph::EdgeData);
  std::size_t floor_bytes = 2 * stored_edge + list_node;
  std::printf("%sbytes per node (RSS): %.1f\n", prefix, per_node);
  std::printf("%sbytes per edge without evidence (RSS): %.1f  (layout floor %zu: list node + out/in entries)\n", prefix,
              per_edge, floor_bytes);
  std::printf("%sbytes per node / per edge (heap in use, mallinfo2): %.1f / %.1f\n", prefix, heap_node, heap_edge);
  std::printf("%sbytes per edge with its share of nodes (RSS): %.1f  (whole graph / edges)\n", prefix,
              rows[1].load.rss_delta / m);
  if (rows.size() > 2) {
    double evs = static_cast<double>(std::max<std::size_t>(evidences, 1));
    double per_evidence = (rows[2].load.rss_delta - rows[1].load.rss_delta) / evs;
    std::printf("%sbytes per evidence (RSS): %.1f  (of which text %.1f: doc id, sentence, rule; heap %.1f)\n", prefix,
                per_evidence, text_bytes / evs, (rows[2].load.heap_delta - rows[1].load.heap_delta) / evs);
    std::printf("%sbytes per edge with 1 evidence (RSS): %.1f\n", prefix, per_edge + per_evidence);
  }
  std::printf("%sload time per million edges: %.3f s wall, %.3f s CPU (nodes + edges, median)\n", prefix,
              rows[1].load.median_s * 1e6 / m, rows[1].load.cpu_s * 1e6 / m);
}

int run(const RunOptions& o) {
  fs::create_directories(o.work);
  auto nodes_csv = (fs::path(o.dir) / "nodes.csv").string(), edges_csv = (fs::path(o.dir) / "edges.csv").string();
  auto no_edges = (o.work / "no_edges.csv").string();
  std::ofstream(no_edges) << "src,dst,rel\n";

  // Every file is written first and the graph freed, then each is loaded in a child: the parent's
  // graph must not share the machine's memory with the child's (100M edges take ~11 GB each).
  std::vector<Row> rows, snap;  // JSON files, and the same graphs as snapshots (--snapshot)
  auto save = [&](std::vector<Row>& to, const std::string& what, const Graph& g, const fs::path& file) {
    Row r;
    r.what = what;
    auto t0 = Clock::now();
    bangfu::graph::save_graph(g, file.string());  // a snapshot when the name ends in .bfs
    r.save_s = seconds_since(t0);
    r.file_bytes = fs::file_size(file);
    r.file = file;
    to.push_back(r);
  };
  auto save_both = [&](const std::string& what, const Graph& g, const std::string& stem) {
    if (o.json) save(rows, what, g, o.work / (stem + ".graph.json"));
    if (o.snapshot) save(snap, what, g, o.work / (stem + ".bfs"));
  };
  {
    Graph g;
    bangfu::graph::import_csv(g, nodes_csv, no_edges);
    save_both("nodes only", g, "nodes");
  }
  bangfu::graph::CsvImportCounts counts;
  double import_s = 0;
  std::size_t text_bytes = 0, evidences = 0;
  if (!o.graph.empty() && !o.evidence) {
    if (o.json) {
      Row r;
      r.what = "nodes + edges";
      r.file_bytes = fs::file_size(o.graph);
      r.file = o.graph;
      rows.push_back(r);
    }
    if (o.snapshot) {
      // The snapshot of the given graph is kept beside the work files and reused while newer than it.
      fs::path bfs = o.work / (fs::path(o.graph).parent_path().filename().string() + ".bfs");
      std::error_code ec;
      Row s;
      s.what = "nodes + edges";
      if (!fs::exists(bfs, ec) || fs::last_write_time(bfs, ec) < fs::last_write_time(o.graph, ec)) {
        Graph g = bangfu::graph::load_graph(o.graph);
        auto t0 = Clock::now();
        bangfu::graph::save_snapshot(g, bfs.string());
        s.save_s = seconds_since(t0);
      }
      s.file_bytes = fs::file_size(bfs);
      s.file = bfs;
      snap.push_back(s);
    }
  } else {
    Graph g;
    auto t0 = Clock::now();
    counts = bangfu::graph::import_csv(g, nodes_csv, edges_csv);
    import_s = seconds_since(t0);
    save_both("nodes + edges", g, "edges");
    if (o.evidence) {
      evidences = add_evidence_everywhere(g, text_bytes);
      save_both("+ 1 evidence/edge", g, "evidence");
    }
  }
  for (auto* list : {&rows, &snap})
    for (auto& r : *list) r.load = load_in_child(r.file.string(), o.repeat);

  if (import_s > 0)
    std::printf("CSV import (import_csv): %zu nodes, %zu edges in %.2f s (%.0f edges/s)\n", counts.nodes, counts.edges,
                import_s, counts.edges / std::max(import_s, 1e-9));
  if (o.json) report("", rows, evidences, text_bytes);
  if (o.snapshot) {
    std::printf("snapshot files (bangfu snapshot; opened by mapping, %s):\n",
                g_built ? "adjacency list built on open (--built)" : "records read in place until the first edit");
    report("snapshot ", snap, evidences, text_bytes);
    std::printf("snapshot open, nodes + edges: %.3f s wall (min), %.3f s CPU; %.1f file bytes per edge\n", snap[1].load.min_s,
                snap[1].load.cpu_s, snap[1].file_bytes / static_cast<double>(std::max<std::size_t>(snap[1].load.edges, 1)));
    std::printf("snapshot first walk over every outgoing edge after open: %.3f s (JSON-loaded graph: %.3f s)\n",
                snap[1].load.walk_s, rows.size() > 1 ? rows[1].load.walk_s : 0.0);
  }
  if (!o.keep)
    for (auto f : {"nodes.graph.json", "edges.graph.json", "evidence.graph.json", "no_edges.csv", "nodes.bfs", "edges.bfs",
                   "evidence.bfs"})
      fs::remove(o.work / f);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Times load_graph and measures bytes per node/edge/evidence for a generated graph"};
  RunOptions o;
  std::string work = "/tmp/bangfu-bench/graph_load", measure;
  bool no_evidence = false;
  app.add_option("--dir", o.dir, "Folder with nodes.csv and edges.csv (from bench_gen_graph)");
  app.add_option("--work", work, "Where the graph files are written");
  app.add_option("--graph", o.graph, "Saved graph of the same CSVs (bangfu import): load it instead of importing again");
  app.add_option("--repeat", o.repeat, "Loads per graph (min and median are reported)")->check(CLI::Range(1, 100));
  app.add_flag("--no-evidence", no_evidence, "Skip the graph with one evidence per edge (saves time on big graphs)");
  app.add_flag("--keep", o.keep, "Keep the saved graph files");
  app.add_flag("--snapshot", o.snapshot, "Also save and open every graph as a binary snapshot (.bfs)");
  bool snapshot_only = false;
  app.add_flag("--snapshot-only", snapshot_only, "Only snapshots, no JSON files (for graphs too big for JSON)");
  app.add_flag("--built", g_built, "Open snapshots into the adjacency list (as before reading in place), for comparison");
  app.add_option("--measure-load", measure, "(internal) load FILE in this process and print the figures");
  CLI11_PARSE(app, argc, argv);
  o.work = work;
  o.evidence = !no_evidence;
  if (snapshot_only) {
    o.snapshot = true;
    o.json = false;
  }
  try {
    if (!measure.empty()) return measure_load(measure, o.repeat);
    if (o.dir.empty()) throw std::runtime_error("--dir is required");
    return run(o);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_graph_load: %s\n", e.what());
    return 1;
  }
}
