// Rendering of query results: an aligned table for people, JSON / JSONL / CSV for programs.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "graph/graph.hpp"
#include "query/engine.hpp"
#include "query/value.hpp"

namespace bangfu::query {

enum class Format { Table, Json, Jsonl, Csv };

std::optional<Format> parse_format(std::string_view name);  // "table", "json", "jsonl", "csv"
std::string_view to_string(Format f);

struct FormatOptions {
  Format format = Format::Table;
  std::size_t max_rows = 0;         // 0: every row; else the rest is dropped with a note
  std::size_t max_col_width = 48;   // table only, in terminal columns; longer cells end with "…"
  bool footer = true;               // table only: row count, notes, update counts
};

// The whole result in the chosen format, ending with a newline.
std::string format_result(const graph::Graph& graph, const QueryResult& result, const FormatOptions& options = {});

// Cypher-literal text of a value as the TCK writes it: 'str', [1, 2], {k: 1}, (:L {k: 1}), [:T], <(a)-[:T]->(b)>.
// With quote_strings false a top-level string is written bare (for table cells); nested ones stay quoted.
std::string value_text(const graph::Graph& graph, const Value& value, bool quote_strings = true);
std::string prop_text(const graph::PropValue& value);

// One value as JSON (nodes: {"id","labels","properties"}; relationships: {"id","type","start","end",
// "properties"}; paths: {"nodes","relationships"}; NaN and infinities: null).
std::string value_json(const graph::Graph& graph, const Value& value);

// Terminal columns taken by UTF-8 text: East Asian wide and full-width characters count 2,
// combining marks 0.
std::size_t display_width(std::string_view text);
// Cuts `text` to at most `width` columns, ending with "…" when something was cut.
std::string truncate_to_width(std::string_view text, std::size_t width);

}  // namespace bangfu::query
