// Hostile graph files and write targets: deep nesting, devices, FIFOs, symlinks, stale temp files, two writers.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>

#include "graph/export_file.hpp"
#include "graph/graphml.hpp"
#include "graph/json_depth.hpp"
#include "graph/load_checked.hpp"
#include "graph/load_stream.hpp"
#include "graph/replace_file.hpp"
#include "graph/storage.hpp"
#include "graph/write_lock.hpp"
#include "tests/graph/test_util.hpp"

using namespace bangfu::graph;
using bangfu::testing::read_file;
using bangfu::testing::TempDir;
using bangfu::testing::write_file;
namespace fs = std::filesystem;

namespace {

Graph small_graph() {
  Graph g;
  DocumentInfo info;
  info.id = "a.txt";
  g.add_document(info);
  auto p = g.upsert_entity("江南省", EntityType::Province, {}, "a.txt");
  auto h = g.upsert_entity("北岭县人民医院", EntityType::Hospital, {}, "a.txt");
  g.upsert_relation(p, h, RelType::supports, {}, {"a.txt", "江南省帮扶北岭县人民医院。", 0, 10, "r", 1.0f});
  return g;
}

std::string nested(std::size_t depth, const std::string& inner = "1") {
  return std::string(depth, '[') + inner + std::string(depth, ']');
}

}  // namespace

TEST_CASE("a graph file nesting 100 000 arrays is a clear error in both readers, not a stack overflow",
          "[graph][writers][depth]") {
  TempDir dir;
  std::string path = dir.file("d.json");
  std::string head = "{\"format\":\"bangfu-graph\",\"version\":1,\"next_node_id\":1,\"next_edge_id\":0,"
                     "\"labels\":[],\"types\":[],\"documents\":[],";
  // In save_graph's layout (the streaming reader's), inside a property; under an unknown key; at the top.
  for (std::string text : {head + "\"nodes\":[{\"id\":0,\"props\":{\"p\":" + nested(100000) + "}}],\"edges\":[]}",
                           head + "\"junk\":" + nested(100000) + ",\"nodes\":[],\"edges\":[]}",
                           nested(100000)}) {
    write_file(path, text);
    CHECK_THROWS_WITH(load_graph(path), Catch::Contains(path) && Catch::Contains("nested deeper than 512 levels"));
    CHECK_THROWS_WITH(graph_from_json(text), Catch::Contains("nested deeper than 512 levels"));
  }
  // A property list nested 100 deep is fine and round-trips.
  write_file(path, head + "\"nodes\":[{\"id\":0,\"props\":{\"p\":" + nested(100) + "}}],\"edges\":[]}");
  Graph g = load_graph(path);
  CHECK(g.node_count() == 1);
}

TEST_CASE("save refuses a property value nested deeper than the readers take, and leaves no temp file",
          "[graph][writers][depth]") {
  TempDir dir;
  Graph g = small_graph();
  PropValue v(std::int64_t{1});
  for (unsigned i = 0; i < kMaxJsonDepth; ++i) v = PropValue(PropList{std::move(v)});
  g.set_node_property(*g.find_canonical("江南省"), "deep", std::move(v));
  std::string path = dir.file("g.json");
  CHECK_THROWS_WITH(save_graph(g, path), Catch::Contains("nests lists deeper than"));
  CHECK_FALSE(fs::exists(path));
  CHECK(fs::is_empty(dir.path()));
}

TEST_CASE("saves and exports never replace a device, FIFO or folder, and name what is there",
          "[graph][writers][special]") {
  TempDir dir;
  Graph g = small_graph();
  std::string fifo = dir.file("fifo");
  REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
  CHECK_THROWS_WITH(save_graph(g, fifo), Catch::Contains("FIFO") && Catch::Contains("not a regular file"));
  CHECK_THROWS_WITH(export_graphml(g, fifo), Catch::Contains("FIFO") && Catch::Contains("refusing to replace"));
  CHECK(fs::is_fifo(fifo));
  for (std::string device : {"/dev/null", "/dev/full"}) {
    CHECK_THROWS_WITH(save_graph(g, device), Catch::Contains("character device"));
    CHECK_THROWS_WITH(export_graphml(g, device), Catch::Contains("character device"));
    CHECK(fs::is_character_file(device));
  }
  CHECK_THROWS_WITH(save_graph(g, dir.path().string()), Catch::Contains("a folder"));
  // A /proc magic link to a pipe is a FIFO too.
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  std::string proc_link = "/proc/self/fd/" + std::to_string(fds[1]);
  CHECK_THROWS_WITH(export_graphml(g, proc_link), Catch::Contains("FIFO"));
  ::close(fds[0]);
  ::close(fds[1]);
  CHECK(std::count_if(fs::directory_iterator(dir.path()), fs::directory_iterator(), [](auto&) { return true; }) == 1);
}

TEST_CASE("saves follow symlinks: the link stays, its target gets the graph", "[graph][writers][symlink]") {
  TempDir dir;
  fs::create_directory(dir.file("real"));
  std::string real = dir.file("real/g.json"), link = dir.file("link.json");
  save_graph(Graph(), real);
  fs::create_symlink("real/g.json", link);  // relative, as `ln -s` makes them
  save_graph(small_graph(), link);
  CHECK(fs::is_symlink(link));
  CHECK(load_graph(real).node_count() == 2);
  // A dangling link: the file it names is created.
  std::string dangling = dir.file("dangling.json");
  fs::create_symlink("real/new.json", dangling);
  export_graphml(small_graph(), dangling);
  CHECK(fs::is_symlink(dangling));
  CHECK(read_file(dir.file("real/new.json")).find("<graphml") != std::string::npos);
  CHECK(write_target(dangling) == dir.file("real/new.json"));
  // A loop is an error, not a hang.
  fs::create_symlink("loop2", dir.file("loop1"));
  fs::create_symlink("loop1", dir.file("loop2"));
  CHECK_THROWS_WITH(save_graph(small_graph(), dir.file("loop1")), Catch::Contains("symbolic links"));
  // A replaced file keeps its permission bits.
  ::chmod(real.c_str(), 0640);
  save_graph(small_graph(), link);
  struct stat st;
  REQUIRE(::stat(real.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0640);
}

TEST_CASE("temp files of writers that are gone are removed by the next save, live ones stay",
          "[graph][writers][tmp]") {
  TempDir dir;
  std::string path = dir.file("g.json");
  // A PID far above pid_max cannot be running; our parent's is.
  std::string dead = path + ".tmp.2147483600", live = path + ".tmp." + std::to_string(::getppid());
  write_file(dead, "half a graph");
  write_file(live, "someone else's");
  write_file(path + ".tmp.notapid", "x");
  save_graph(small_graph(), path);
  CHECK_FALSE(fs::exists(dead));
  CHECK(fs::exists(live));
  CHECK(fs::exists(path + ".tmp.notapid"));
  CHECK(load_graph(path).node_count() == 2);
}

TEST_CASE("a write that fails midway leaves the old file and no temp file", "[graph][writers]") {
  TempDir dir;
  std::string path = dir.file("out.graphml");
  write_file(path, "old");
  CHECK_THROWS_AS(write_export_file(path, [](std::ostream& out) {
                    out << "partial";
                    throw GraphError("stopped");
                  }),
                  GraphError);
  CHECK(read_file(path) == "old");
  CHECK(std::count_if(fs::directory_iterator(dir.path()), fs::directory_iterator(), [](auto&) { return true; }) == 1);
}

TEST_CASE("one writer at a time: a second lock waits, names the holder's PID, and gets it once released",
          "[graph][writers][lock]") {
  using namespace std::chrono_literals;
  TempDir dir;
  std::string path = dir.file("g.json"), link = dir.file("link.json");
  fs::create_symlink("g.json", link);
  long busy_pid = -1;
  {
    WriteLock first(path, 0ms);
    CHECK(first.lock_path() == path + ".lock");
    CHECK(WriteLock::holder(first.lock_path()) == ::getpid());
    // flock locks belong to open files, so a second one in this process contends like another process.
    auto start = std::chrono::steady_clock::now();
    CHECK_THROWS_WITH(WriteLock(link, 200ms, [&](long pid) { busy_pid = pid; }),
                      Catch::Contains("is being written by PID " + std::to_string(::getpid())) &&
                          Catch::Contains("--wait"));
    CHECK(std::chrono::steady_clock::now() - start >= 200ms);
    CHECK(busy_pid == ::getpid());
  }
  CHECK_FALSE(fs::exists(path + ".lock"));  // the holder removes it as it lets go
  WriteLock again(link, 0ms);
  CHECK(fs::exists(path + ".lock"));
}

TEST_CASE("fuzz finding: numbers read exactly by both graph readers, 0E0200 included", "[graph][fuzz][numbers]") {
  // RapidJSON 1.1's full-precision parse read `0E0200` as -4.5e74 (clz(0) in its DiyFp code); the readers
  // now take numbers as text and read them with std::from_chars (graph/json_numbers.hpp).
  std::string head = "{\"format\":\"bangfu-graph\",\"version\":1,\"next_node_id\":1,\"next_edge_id\":0,"
                     "\"labels\":[],\"types\":[],\"documents\":[],\"nodes\":[{\"id\":0,\"props\":{\"p\":";
  std::string tail = "}}],\"edges\":[]}";
  auto read_both = [&](const std::string& number) {
    std::vector<PropValue> out;
    std::string text = head + number + tail;
    Graph a;
    REQUIRE(load_stream(text.data(), text.size(), a));
    out.push_back(a.node_property(0, "p"));
    Graph b;
    std::string copy = text;  // load_checked parses in place
    load_checked(copy.data(), copy.size(), "t", b);
    out.push_back(b.node_property(0, "p"));
    return out;
  };
  auto as_double = [](const PropValue& v) { return std::get<double>(v.v); };
  for (const char* zero : {"0E0200", "0e-400", "0.000E300", "-0E0200"}) {
    INFO(zero);
    for (const auto& v : read_both(zero)) CHECK(as_double(v) == 0.0);
  }
  for (const auto& v : read_both("-0E0200")) CHECK(std::signbit(as_double(v)));
  // Doubles come back to the last bit, as with the full-precision flag.
  for (double d : {0.1, 1.0 / 3, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, -123456.789e-10}) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", d);
    INFO(buf);
    for (const auto& v : read_both(buf)) CHECK(as_double(v) == d);
  }
  for (const auto& v : read_both("1e-400")) CHECK(as_double(v) == 0.0);
  for (const auto& v : read_both("NaN")) CHECK(std::isnan(as_double(v)));
  for (const auto& v : read_both("-Infinity")) CHECK(as_double(v) == -std::numeric_limits<double>::infinity());
  // Integers keep their types: int64 at both ends; beyond int64 a double, as before.
  for (const auto& v : read_both("-9223372036854775808")) CHECK(std::get<std::int64_t>(v.v) == INT64_MIN);
  for (const auto& v : read_both("9223372036854775807")) CHECK(std::get<std::int64_t>(v.v) == INT64_MAX);
  for (const auto& v : read_both("-0")) CHECK(std::get<std::int64_t>(v.v) == 0);
  // A number beyond a double is an error in both readers.
  std::string big = head + "1e400" + tail;
  Graph g;
  CHECK_FALSE(load_stream(big.data(), big.size(), g));
  CHECK_THROWS_AS(graph_from_json(big), GraphError);
}
