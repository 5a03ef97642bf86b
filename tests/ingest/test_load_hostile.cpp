// Loading hostile inputs: deeply nested JSON, documents over the size limit, folders with symlink loops,
// dangling links and FIFOs. Each is an issue for its file or record; the rest still loads.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "ingest/evaluate.hpp"
#include "ingest/load.hpp"
#include "tests/graph/test_util.hpp"

using namespace bangfu::ingest;
using bangfu::testing::TempDir;
using bangfu::testing::write_file;
namespace fs = std::filesystem;

namespace {

std::string deep(std::size_t n) { return "{\"text\":\"正文\",\"x\":" + std::string(n, '[') + std::string(n, ']') + "}"; }

}  // namespace

TEST_CASE("load: JSON nested 100 000 deep is an issue for that file or line, the rest of the folder loads",
          "[load][json][hostile]") {
  TempDir dir;
  write_file(dir.file("a.txt"), "第一篇。\n");
  write_file(dir.file("b.json"), deep(100000));
  write_file(dir.file("c.jsonl"), "{\"id\":\"r1\",\"text\":\"一\"}\n" + deep(100000) + "\n{\"id\":\"r3\",\"text\":\"三\"}\n");
  write_file(dir.file("d.json"), deep(50));  // deep but within the bound
  std::vector<LoadIssue> issues;
  auto docs = load_documents({dir.path().string()}, issues);
  REQUIRE(docs.size() == 4);
  CHECK(docs[0].id == "a.txt");
  CHECK(docs[1].id == "r1");
  CHECK(docs[2].id == "r3");
  CHECK(docs[3].id == "d.json");
  REQUIRE(issues.size() == 2);
  CHECK(to_string(issues[0]) == dir.file("b.json") + ": JSON nested deeper than 512 levels (at byte 532)");
  CHECK(to_string(issues[1]).starts_with(dir.file("c.jsonl") + ":2: JSON nested deeper than 512 levels"));
  // The bound is a setting.
  LoadLimits tight;
  tight.max_json_depth = 10;
  issues.clear();
  int n = 0;
  for_each_document({dir.file("d.json")}, [&](Document&&) { ++n; }, issues, tight);
  CHECK(n == 0);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].message.starts_with("JSON nested deeper than 10 levels"));
}

TEST_CASE("load: a document over the size limit is skipped with a warning, without being read whole",
          "[load][hostile][size]") {
  TempDir dir;
  LoadLimits limits;
  limits.max_document_bytes = 1000;
  write_file(dir.file("big.txt"), std::string(5000, 'x'));
  write_file(dir.file("small.txt"), "小文件。");
  write_file(dir.file("r.jsonl"),
             "{\"id\":\"a\",\"text\":\"" + std::string(2000, 'y') + "\"}\n{\"id\":\"b\",\"text\":\"二\"}\n");
  std::vector<LoadIssue> issues;
  std::vector<std::string> ids;
  for_each_document({dir.path().string()}, [&](Document&& d) { ids.push_back(d.id); }, issues, limits);
  CHECK(ids == std::vector<std::string>{"b", "small.txt"});
  REQUIRE(issues.size() == 2);
  CHECK(issues[0].path == dir.file("big.txt"));
  CHECK(issues[0].message.starts_with("file of 0.0 MiB larger than the 0.0 MiB limit for one document skipped"));
  CHECK(issues[1].path == dir.file("r.jsonl") + ":1");
  CHECK(issues[1].message.starts_with("record larger than"));
  // The default is a safe size.
  CHECK(LoadLimits{}.max_document_bytes == std::size_t{32} << 20);
}

TEST_CASE("load: symlink loops, dangling links, linked folders and FIFOs in a folder are warnings, not aborts",
          "[load][hostile][folder]") {
  TempDir dir;
  write_file(dir.file("a.txt"), "第一篇。\n");
  write_file(dir.file("z.txt"), "最后一篇。\n");
  fs::create_symlink("loop2.txt", dir.file("loop1.txt"));
  fs::create_symlink("loop1.txt", dir.file("loop2.txt"));
  fs::create_symlink("self", dir.file("self"));
  fs::create_symlink("missing.txt", dir.file("dangling.txt"));
  fs::create_symlink("a.txt", dir.file("m.txt"));  // a link to a file is read
  fs::create_directory(dir.file("sub"));
  fs::create_directory_symlink("..", dir.file("sub/up"));  // would loop if followed
  REQUIRE(::mkfifo(dir.file("pipe.txt").c_str(), 0644) == 0);
  std::vector<LoadIssue> issues;
  auto docs = load_documents({dir.path().string()}, issues);
  REQUIRE(docs.size() == 3);
  CHECK(docs[0].id == "a.txt");
  CHECK(docs[1].id == "m.txt");
  CHECK(docs[2].id == "z.txt");
  std::vector<std::string> seen;
  for (const auto& i : issues) seen.push_back(to_string(i));
  std::sort(seen.begin(), seen.end());
  CHECK(seen == std::vector<std::string>{
                    dir.file("dangling.txt") + ": dangling symbolic link skipped (its target does not exist)",
                    dir.file("loop1.txt") + ": symbolic link loop skipped",
                    dir.file("loop2.txt") + ": symbolic link loop skipped",
                    dir.file("pipe.txt") + ": not a regular file skipped",
                    dir.file("self") + ": symbolic link loop skipped",
                    dir.file("sub/up") + ": symbolic link to a folder not followed",
                });
}

TEST_CASE("load: an unreadable subfolder or file is a warning and the rest loads", "[load][hostile][folder]") {
  if (::geteuid() == 0) {
    WARN("running as root: permission bits do not apply; skipped");
    return;
  }
  TempDir dir;
  write_file(dir.file("a.txt"), "第一篇。\n");
  fs::create_directory(dir.file("locked"));
  write_file(dir.file("locked/b.txt"), "看不到。\n");
  write_file(dir.file("c.txt"), "读不了。\n");
  ::chmod(dir.file("locked").c_str(), 0);
  ::chmod(dir.file("c.txt").c_str(), 0);
  std::vector<LoadIssue> issues;
  auto docs = load_documents({dir.path().string()}, issues);
  ::chmod(dir.file("locked").c_str(), 0755);
  REQUIRE(docs.size() == 1);
  REQUIRE(issues.size() == 2);
  CHECK(issues[0].path == dir.file("locked"));
  CHECK(issues[0].message.starts_with("cannot list folder"));
  CHECK(issues[1].path == dir.file("c.txt"));
}

TEST_CASE("eval: a gold file nesting 100 000 deep is an error naming the bound", "[evaluate][hostile]") {
  TempDir dir;
  std::string path = dir.file("gold.json");
  write_file(path, "{\"doc\":\"a\",\"entities\":" + std::string(100000, '[') + std::string(100000, ']') + "}");
  CHECK_THROWS_WITH(read_extraction_json(path), Catch::Contains("JSON nested deeper than 512 levels"));
}
