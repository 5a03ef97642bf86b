// `bangfu extract`: writes what extraction found in each document as a SCHEMA.md gold-format JSON file.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>

#include "cli/command.hpp"
#include "cli/corpus_run.hpp"
#include "cli/extract_jsonl.hpp"
#include "ingest/evaluate.hpp"

namespace bangfu::cli {
namespace {

namespace fs = std::filesystem;

struct ExtractArgs {
  std::vector<std::string> paths;
  std::string out;
  bool jsonl = false, list_files = false;
  unsigned jobs = 0;  // one per core: the graph is the same for any count
};

// Like the gold files: the document id without its extension, plus .json. Ids of jsonl records may
// hold characters a file name cannot; two documents differing only in extension keep the full id.
std::string file_name_for(const std::string& id, std::set<std::string>& used) {
  std::string name = id;
  for (char& c : name)
    if (c == '/' || c == '\\' || c == ':') c = '_';
  if (name.empty() || name == "." || name == "..") name = "_" + name;
  std::string stem = fs::path(name).stem().string();
  std::string file = (stem.empty() ? name : stem) + ".json";
  if (!used.insert(file).second) used.insert(file = name + ".json");
  return file;
}

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw UserError("cannot write " + path.string());
}

int run_extract(const ExtractArgs& args) {
  if (args.list_files) return run_list_files(args.paths);
  if (args.jsonl) {
    if (!args.out.empty()) throw UserError("--jsonl writes to stdout; leave out --out");
    return run_extract_jsonl(args.paths, args.jobs);
  }
  if (args.out.empty()) throw UserError("say where to write: --out DIR (gold format) or --jsonl (fact lines on stdout)");
  std::error_code ec;
  fs::create_directories(args.out, ec);
  if (ec || !fs::is_directory(args.out)) throw UserError("cannot create output folder " + args.out + ": " + ec.message());
  ingest::Pipeline pipeline = make_pipeline();
  std::size_t entities = 0, relations = 0;
  std::set<std::string> used;
  auto counts = read_corpus(args.paths, [&](ingest::Document&& doc) {
    auto x = pipeline.extract(doc);
    entities += x.entities.size();
    relations += x.relations.size();
    write_text(fs::path(args.out) / file_name_for(doc.id, used), ingest::to_extraction_json(x));
  });
  std::printf("extracted %zu documents to %s: %zu entities, %zu relations\n", counts.documents, args.out.c_str(),
              entities, relations);
  return 0;
}

Registrar reg{"extract", "Write each document's extraction as gold-format JSON (SCHEMA.md) or as fact lines", [](CLI::App& sub) -> Runner {
  auto args = std::make_shared<ExtractArgs>();
  sub.add_option("PATH", args->paths, "Files or folders to read; with --jsonl or --list-files, - reads paths from stdin")
      ->required();
  sub.add_option("-o,--out", args->out, "Folder for the gold-format JSON files (created if missing)");
  sub.add_flag("--jsonl", args->jsonl, "Write one fact line per document to stdout (the mapper `bangfu merge` reads)");
  sub.add_flag("--list-files", args->list_files, "Only print the document files under PATH, in reading order");
  sub.add_option("-j,--jobs", args->jobs, "With --jsonl: threads extracting at once (default 0: one per core)")
      ->check(CLI::Range(0u, 256u));
  sub.footer("With --out: one file per document, named like the document with .json, in the format the gold\n"
             "files use, so any scorer can read it. Example: bangfu extract examples/corpus --out /tmp/extracted\n"
             "With --jsonl: one JSON line per document (id, content hash, metadata, entities, relations with\n"
             "evidence, offsets, rule) in reading order; a warning line on stderr per unreadable document and\n"
             "exit status 3 when there was one. Example: find corpus -name '*.txt' | bangfu extract --jsonl - > f.jsonl");
  return [args] { return run_extract(*args); };
}};

}  // namespace
}  // namespace bangfu::cli
