// Finding the article in a crawled page: each line classified as main text, related listing or noise,
// plus the title, date and source the page states. Cues come from data/body/boilerplate.tsv.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/document.hpp"

namespace bangfu::ingest {

enum class ParagraphKind { main, related, noise };

const char* to_string(ParagraphKind kind);

struct Paragraph {
  std::uint32_t begin = 0, end = 0;  // byte range in NormalizedText::text (one line, trimmed)
  ParagraphKind kind = ParagraphKind::main;
  bool kept = false;                 // what split_sentences reads: main, and related blocks that are on-topic
  const char* why = "";              // the rule that decided, e.g. "byline", "repeated", "snapshot", "timestamp"
};

struct ArticleBody {
  std::string title, date, source;   // what the page states; date as YYYY-MM-DD[ HH:MM[:SS]]
  std::vector<Paragraph> paragraphs;  // every non-empty line, in order
};

// The cue lists and topic words; load once and share (immutable, thread-safe).
class BodyRules {
 public:
  // Reads `boilerplate` (kind, where, cue) and `topic_words` (one word a line); throws naming file:line.
  static BodyRules from_files(const std::string& boilerplate, const std::vector<std::string>& topic_words);
  // data_dir/body/boilerplate.tsv and data_dir/topic_keywords.txt, plus any `extra_topic_words` files.
  static BodyRules from_data_dir(const std::string& data_dir, const std::vector<std::string>& extra_topic_words = {});
  // From BANGFU_DATA_DIR (or $BANGFU_DATA), loaded on first use.
  static const BodyRules& defaults();

  struct Cue {
    std::string kind, where, text;
  };
  std::vector<Cue> cues;
  std::vector<std::string> topic_words;

  bool on_topic(std::string_view text) const;
};

// The rules compiled once (into tries of their cue words) and applied to many documents.
class BodyExtractor {
 public:
  explicit BodyExtractor(const BodyRules& rules);
  ~BodyExtractor();
  BodyExtractor(BodyExtractor&&) noexcept;
  BodyExtractor& operator=(BodyExtractor&&) noexcept;

  ArticleBody extract(const NormalizedText& text, const Document& doc) const;

 private:
  struct Compiled;
  std::unique_ptr<const Compiled> compiled_;
};

ArticleBody extract_body(const NormalizedText& text, const Document& doc, const BodyRules& rules);
ArticleBody extract_body(const NormalizedText& text, const Document& doc);  // with BodyRules::defaults()

// Copies title/date/source found on the page into `doc` where the loader left them empty.
void fill_metadata(Document& doc, const ArticleBody& body);

// Finds a date at the start of `s` (2024-12-01, 2024/12/1, 2024.12.01, 2024年12月1日, optional time);
// returns its length in bytes (0 if none) and writes the ISO form.
std::size_t parse_date(std::string_view s, std::string& iso);

}  // namespace bangfu::ingest
