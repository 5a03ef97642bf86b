// bench_segment_dump: the segmenter's words for every sentence of the given files or folders, one sentence
// a line, words separated by single spaces (what bench/segment_agreement compares with jieba itself).
//
//   build/bench/bench_segment_dump PATH... [--dict PATH]
#include <cstdio>
#include <string>
#include <vector>

#include "ingest/body.hpp"
#include "ingest/load.hpp"
#include "ingest/normalize.hpp"
#include "ingest/segment.hpp"
#include "ingest/sentences.hpp"

using namespace bangfu::ingest;

int main(int argc, char** argv) {
  std::vector<std::string> paths;
  std::string dict = Segmenter::kDefaultDictionary;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--dict" && i + 1 < argc) dict = argv[++i];
    else paths.push_back(arg);
  }
  if (paths.empty()) {
    std::fprintf(stderr, "usage: bench_segment_dump PATH... [--dict PATH]\n");
    return 2;
  }
  Segmenter segmenter = Segmenter::load(dict);
  BodyExtractor extractor(BodyRules::defaults());
  std::vector<LoadIssue> issues;
  std::vector<Token> tokens;
  for_each_document(paths, [&](Document&& doc) {
    NormalizedText text = normalize(doc.text);
    for (const auto& sentence : split_sentences(text, extractor.extract(text, doc))) {
      tokens.clear();
      segmenter.segment(sentence.text, tokens);
      std::string line;
      for (const auto& t : tokens) {
        if (!line.empty()) line += ' ';
        line.append(sentence.text, t.begin, t.end - t.begin);
      }
      std::printf("%s\n", line.c_str());
    }
  }, issues);
  for (const auto& issue : issues) std::fprintf(stderr, "%s\n", to_string(issue).c_str());
  return 0;
}
