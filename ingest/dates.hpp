// Dates on facts: the document's publication date and the rule that found it (metadata first, then
// the page text), and the date a sentence gives its fact (7月25日上午, 2013年8月, 今年, 近日), resolved
// against the document's date. Dates are ISO text; a partial date stays partial ("2013-08", "2013").
#pragma once
#include <string>
#include <string_view>

#include "ingest/document.hpp"

namespace bangfu::ingest {

struct FoundDate {
  std::string iso;   // "YYYY-MM-DD", "YYYY-MM" or "YYYY"; empty when none was found
  std::string rule;  // json:date, json:publish_time, html:meta, html:time, text:cue, text:header, sentence:…
};

// A metadata value as a date: "2023-07-28 10:00", "2023-07-28T10:00:00+08:00", "2023/7/28", "2023.07.28",
// "2023年7月28日", "20230728", full-width or Traditional forms. Empty when it is not one.
std::string normalize_date(std::string_view value);

// JSON/JSONL record fields that hold a publication date, in order of trust ("date" first).
bool is_date_field(std::string_view key);

// Notes a date from an HTML tag: <meta name|property|itemprop="…published…|pubdate|date" content="…">
// or <time datetime="…">. `tag` is the tag's name in lower case, `markup` the whole tag.
void note_html_date(std::string_view tag, std::string_view markup, FoundDate& found);

// The document's date: its metadata (doc.date with doc.date_rule), else what the page text states
// (`text_date`, found by the body stage in the normalized text; `normalized` says whether behind a cue).
FoundDate document_date(const Document& doc, std::string_view text_date, std::string_view normalized);

// The first date the (normalized) sentence gives, completed from the document date (YYYY-MM-DD or "").
FoundDate event_date(std::string_view sentence, std::string_view doc_date);

}  // namespace bangfu::ingest
