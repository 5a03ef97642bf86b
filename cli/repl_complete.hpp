// Completion: what Tab offers in the shell — keywords, node labels and relation types with their
// Chinese aliases, node names and colon commands — for the word under the cursor. Works on UTF-8
// text: words are split on ASCII punctuation only, so Chinese names complete whole.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "graph/graph.hpp"

namespace bangfu::cli {

struct AliasEntry {
  std::string kind;  // "label" or "type"
  std::string alias, canonical;
};

// The query alias table (data/query_aliases.tsv from `data_dir`, else $BANGFU_DATA, else the built-in
// data folder). A missing file gives an empty table: completion then offers canonical names only.
std::vector<AliasEntry> load_alias_table(const std::string& data_dir);

// Characters that end a word for completion (readline's word breaks must be the same).
inline constexpr const char* kWordBreaks = " \t\n()[]{},;:.=<>-+*/%|'\"`$!";

struct Completion {
  std::vector<std::string> candidates;  // sorted, unique
  bool files = false;                   // the word is a file name: let the terminal complete paths
};

// Candidates for the word line[start, end) given what precedes it on the line (and, for statements
// continued over several lines, `before` = the earlier lines).
Completion complete(const graph::Graph& graph, const std::vector<AliasEntry>& aliases, std::string_view line,
                    std::size_t start, std::size_t end, std::string_view before = {});

}  // namespace bangfu::cli
