#include "ingest/normalize.hpp"

#include <opencc/Lexicon.hpp>
#include <opencc/MarisaDict.hpp>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <bitset>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ingest/utf8.hpp"

namespace bangfu::ingest {

namespace {

constexpr const char* kOpenCCDir = "/usr/share/opencc/";
constexpr char32_t kTableSize = 0x30000;  // BMP and the CJK supplementary planes

bool is_zero_width(char32_t cp) { return (cp >= 0x200B && cp <= 0x200F) || cp == 0xFEFF || cp == 0x2060 || cp == 0xAD; }

// What the normalizer needs to know per code point, computed once from ICU and OpenCC themselves.
class Tables {
 public:
  static const Tables& get() {
    static const Tables tables;
    return tables;
  }

  const icu::Normalizer2& nfkc() const { return *nfkc_; }
  bool changes_in_t2s(char32_t cp) const { return cp < kTableSize && t2s_changed_[cp]; }
  // A BMP ideograph copied as is and left alone by t2s: nearly every character of a Simplified article.
  bool settled_cjk(char32_t cp) const { return cp < 0x10000 && settled_cjk_[cp]; }
  // Copied as is: NFKC leaves it alone and it is neither space, control nor zero-width.
  bool plain(char32_t cp) const { return cp < 0x10000 && plain_[cp]; }
  const std::string* single_nfkc(char32_t cp) const {
    return cp < 0x10000 && has_single_[cp] ? &single_[cp] : nullptr;
  }

  // OpenCC's t2s on one run of Chinese, code point for code point (every entry of its two dictionaries
  // keeps the length of its key): at each position the longest TSPhrases key, else the TSCharacters entry.
  // This is what OpenCC's max-match segmentation followed by its dictionary-group conversion computes; doing
  // it here over hash tables costs a fraction of OpenCC's per-call set-up and marisa-trie walks.
  void t2s(std::vector<char32_t>& run) const {
    for (std::size_t i = 0; i < run.size();) {
      std::size_t matched = longest_phrase(run, i);
      if (matched > 0) {
        const std::u32string& value = phrases_.at(std::u32string(run.begin() + long(i), run.begin() + long(i + matched)));
        std::copy(value.begin(), value.end(), run.begin() + long(i));
        i += matched;
        continue;
      }
      if (auto it = characters_.find(run[i]); it != characters_.end()) run[i] = it->second;
      ++i;
    }
  }

 private:
  Tables() {
    UErrorCode status = U_ZERO_ERROR;
    nfkc_ = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU NFKC unavailable: ") + u_errorName(status));
    read_dictionary("TSCharacters.ocd2", [&](std::u32string key, std::u32string value) {
      if (key.size() == 1 && value.size() == 1 && key != value) characters_.emplace(key[0], value[0]);
    });
    read_dictionary("TSPhrases.ocd2", [&](std::u32string key, std::u32string value) {
      if (key.size() != value.size()) return;  // never in OpenCC's files; kept out so offsets stay 1:1
      max_phrase_ = std::max(max_phrase_, key.size());
      phrase_starts_.insert(key[0]);
      phrases_.emplace(std::move(key), std::move(value));
    });
    derive_nfkc_tables();
    settled_cjk_.assign(0x10000, false);
    for (char32_t cp = 0; cp < 0x10000; ++cp) settled_cjk_[cp] = utf8::is_cjk(cp) && plain(cp) && !changes_in_t2s(cp);
  }

  // Reads one of the dictionaries t2s.json chains, marking every character an entry changes.
  template <typename Add>
  void read_dictionary(const std::string& name, Add add) {
    std::string path = std::string(kOpenCCDir) + name;
    std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), std::fclose);
    if (!file) throw std::runtime_error("cannot open OpenCC dictionary " + path + " (Debian package opencc)");
    std::shared_ptr<opencc::MarisaDict> dict;
    try {
      dict = opencc::MarisaDict::NewFromFile(file.get());
    } catch (const std::exception& e) {
      throw std::runtime_error("cannot read OpenCC dictionary " + path + ": " + e.what());
    }
    for (const auto& entry : *dict->GetLexicon()) {
      std::u32string key = decode(entry->Key()), value = decode(entry->GetDefault());
      for (std::size_t i = 0; i < key.size() && i < value.size(); ++i)
        if (key[i] != value[i] && key[i] < kTableSize) t2s_changed_[key[i]] = true;
      add(std::move(key), std::move(value));
    }
  }

  static std::u32string decode(const std::string& s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) out += utf8::next(s, i);
    return out;
  }

  std::size_t longest_phrase(const std::vector<char32_t>& run, std::size_t i) const {
    if (!phrase_starts_.count(run[i])) return 0;
    for (std::size_t n = std::min(max_phrase_, run.size() - i); n >= 2; --n)
      if (phrases_.count(std::u32string(run.begin() + long(i), run.begin() + long(i + n)))) return n;
    return 0;
  }

  void derive_nfkc_tables() {
    plain_.assign(0x10000, false);
    has_single_.assign(0x10000, false);
    single_.resize(0x10000);
    for (char32_t cp = 0x80; cp < 0x10000; ++cp) {
      if (cp >= 0xD800 && cp <= 0xDFFF) continue;
      bool special = is_zero_width(cp) || cp < 0xA0 || cp == 0x2028 || cp == 0x2029;
      if (nfkc_->isInert(cp)) {
        plain_[cp] = !special;
        continue;
      }
      if (!nfkc_->hasBoundaryBefore(cp) || !nfkc_->hasBoundaryAfter(cp)) continue;
      UErrorCode status = U_ZERO_ERROR;
      icu::UnicodeString out = nfkc_->normalize(icu::UnicodeString(static_cast<UChar32>(cp)), status);
      if (U_FAILURE(status)) continue;
      out.toUTF8String(single_[cp]);
      has_single_[cp] = true;
    }
  }

  const icu::Normalizer2* nfkc_ = nullptr;
  std::bitset<kTableSize> t2s_changed_;
  std::unordered_map<char32_t, char32_t> characters_;        // TSCharacters: one character to one
  std::unordered_map<std::u32string, std::u32string> phrases_;  // TSPhrases
  std::unordered_set<char32_t> phrase_starts_;
  std::size_t max_phrase_ = 0;
  std::vector<bool> plain_, has_single_, settled_cjk_;
  std::vector<std::string> single_;
};

// Builds the output and its offset map; tracks the current run of Chinese for t2s.
class Builder {
 public:
  Builder(const Tables& tables, std::size_t source_size) : tables_(tables) {
    out_.text.reserve(source_size);
    out_.to_source.reserve(source_size + 1);
  }

  void ascii(char c, std::uint32_t src) {
    close_run();
    flush_space();
    out_.text += c;
    out_.to_source.push_back(src);
  }

  void space(std::uint32_t src) {
    if (!pending_space_) pending_space_src_ = src;
    pending_space_ = true;
  }

  void newline(std::uint32_t src) {
    close_run();
    pending_space_ = false;
    out_.text += '\n';
    out_.to_source.push_back(src);
  }

  // A code point after NFKC; whitespace and controls it may have become are handled here.
  void code_point(char32_t cp, std::uint32_t src) {
    if (cp < 0x80) {
      if (cp == ' ' || cp == '\t') return space(src);
      if (cp == '\n') return newline(src);
      if (cp < 0x20 || cp == 0x7F) return;
      return ascii(static_cast<char>(cp), src);
    }
    if (is_zero_width(cp) || cp < 0xA0) return;
    if (cp == 0xA0 || cp == 0x3000) return space(src);
    if (cp == 0x2028 || cp == 0x2029) return newline(src);
    if (utf8::is_cjk(cp)) {
      flush_space();
      if (run_begin_ == kNoRun) run_begin_ = out_.text.size();
      run_needs_t2s_ = run_needs_t2s_ || tables_.changes_in_t2s(cp);
    } else {
      close_run();
      flush_space();
    }
    utf8::append(out_.text, cp);
    out_.to_source.resize(out_.text.size(), src);
  }

  // Printable ASCII other than space, copied as is: source bytes [src, src + bytes.size()).
  void ascii_span(std::string_view bytes, std::uint32_t src) {
    close_run();
    flush_space();
    out_.text.append(bytes);
    std::size_t at = out_.to_source.size();
    out_.to_source.resize(at + bytes.size());
    for (std::size_t k = 0; k < bytes.size(); ++k) out_.to_source[at + k] = src + static_cast<std::uint32_t>(k);
  }

  // Three-byte ideographs that stay as they are (settled_cjk): source bytes [src, src + bytes.size()).
  void settled_cjk_span(std::string_view bytes, std::uint32_t src) {
    flush_space();
    if (run_begin_ == kNoRun) run_begin_ = out_.text.size();
    out_.text.append(bytes);
    std::size_t at = out_.to_source.size();
    out_.to_source.resize(at + bytes.size());
    std::uint32_t* map = out_.to_source.data() + at;
    for (std::size_t k = 0; k < bytes.size(); k += 3)
      map[k] = map[k + 1] = map[k + 2] = src + static_cast<std::uint32_t>(k);
  }

  // Bytes of one source character already known to be normalized (copied without decoding twice).
  void copy(std::string_view bytes, char32_t cp, std::uint32_t src) {
    if (utf8::is_cjk(cp)) {
      flush_space();
      if (run_begin_ == kNoRun) run_begin_ = out_.text.size();
      run_needs_t2s_ = run_needs_t2s_ || tables_.changes_in_t2s(cp);
    } else {
      close_run();
      flush_space();
    }
    out_.text.append(bytes);
    out_.to_source.resize(out_.text.size(), src);
  }

  NormalizedText finish(std::uint32_t source_size) {
    close_run();
    out_.to_source.push_back(source_size);
    return std::move(out_);
  }

 private:
  static constexpr std::size_t kNoRun = static_cast<std::size_t>(-1);

  void flush_space() {
    if (!pending_space_) return;
    pending_space_ = false;
    if (out_.text.empty() || out_.text.back() == '\n') return;
    out_.text += ' ';
    out_.to_source.push_back(pending_space_src_);
  }

  // Converts the finished run of Chinese as a whole, so the phrase table sees the context. Conversion keeps
  // the number of code points, so each converted one keeps the source offset of the one it replaces.
  void close_run() {
    if (run_begin_ == kNoRun) return;
    std::size_t begin = run_begin_;
    run_begin_ = kNoRun;
    if (!run_needs_t2s_) return;
    run_needs_t2s_ = false;
    run_.clear();
    starts_.clear();
    for (std::size_t i = begin; i < out_.text.size();) {
      starts_.push_back(out_.to_source[i]);
      run_.push_back(utf8::next(out_.text, i));
    }
    tables_.t2s(run_);
    out_.text.resize(begin);
    out_.to_source.resize(begin);
    for (std::size_t k = 0; k < run_.size(); ++k) {
      utf8::append(out_.text, run_[k]);
      out_.to_source.resize(out_.text.size(), starts_[k]);
    }
  }

  const Tables& tables_;
  NormalizedText out_;
  bool pending_space_ = false;
  std::uint32_t pending_space_src_ = 0;
  std::size_t run_begin_ = kNoRun;
  bool run_needs_t2s_ = false;
  std::vector<char32_t> run_;          // the run being converted
  std::vector<std::uint32_t> starts_;  // source offset of each of its code points
};

void normalize_segment(const Tables& tables, std::string_view source, std::size_t begin, std::size_t end,
                       Builder& builder) {
  icu::UnicodeString input = icu::UnicodeString::fromUTF8(icu::StringPiece(source.data() + begin, end - begin));
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString output = tables.nfkc().normalize(input, status);
  std::string bytes;
  (U_FAILURE(status) ? input : output).toUTF8String(bytes);
  // Map each output character to the input character of the same index, or to the segment start.
  std::vector<std::uint32_t> starts;
  for (std::size_t i = begin; i < end;) {
    starts.push_back(static_cast<std::uint32_t>(i));
    utf8::next(source, i);
  }
  std::size_t n_out = utf8::length(bytes);
  std::size_t k = 0;
  for (std::size_t i = 0; i < bytes.size(); ++k) {
    char32_t cp = utf8::next(bytes, i);
    builder.code_point(cp, n_out == starts.size() ? starts[k] : starts.front());
  }
}

// The end of the run of settled three-byte ideographs starting at `i` (i itself when there is none).
std::size_t settled_cjk_end(const Tables& tables, std::string_view s, std::size_t i) {
  while (i + 2 < s.size()) {
    auto c0 = static_cast<unsigned char>(s[i]), c1 = static_cast<unsigned char>(s[i + 1]),
         c2 = static_cast<unsigned char>(s[i + 2]);
    if ((c0 & 0xF0) != 0xE0 || (c1 & 0xC0) != 0x80 || (c2 & 0xC0) != 0x80) break;
    char32_t cp = (char32_t(c0 & 0x0F) << 12) | (char32_t(c1 & 0x3F) << 6) | char32_t(c2 & 0x3F);
    if (!tables.settled_cjk(cp)) break;
    i += 3;
  }
  return i;
}

}  // namespace

NormalizedText normalize(std::string_view source) {
  const Tables& tables = Tables::get();
  Builder builder(tables, source.size());
  const std::size_t n = source.size();
  std::size_t i = 0;
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(source[i]);
    auto src = static_cast<std::uint32_t>(i);
    if (std::size_t end = settled_cjk_end(tables, source, i); end > i) {
      builder.settled_cjk_span(source.substr(i, end - i), src);
      i = end;
      continue;
    }
    if (c < 0x80) {
      if (c > 0x20 && c != 0x7F) {
        std::size_t end = i + 1;
        while (end < n && static_cast<unsigned char>(source[end]) > 0x20 && static_cast<unsigned char>(source[end]) < 0x7F)
          ++end;
        builder.ascii_span(source.substr(i, end - i), src);
        i = end;
        continue;
      } else if (c == ' ' || c == '\t') {
        builder.space(src);
      } else if (c == '\n') {
        builder.newline(src);
      } else if (c == '\r') {
        if (i + 1 < n && source[i + 1] == '\n') {
          ++i;
          continue;  // the LF that follows makes the line break
        }
        builder.newline(src);
      }
      ++i;
      continue;
    }
    std::size_t start = i;
    char32_t cp = utf8::next(source, i);
    if (tables.plain(cp) && !tables.changes_in_t2s(cp)) {
      builder.copy(source.substr(start, i - start), cp, src);
      continue;
    }
    // Extend to the end of the normalization segment (combining marks that follow).
    std::size_t end = i;
    while (end < n) {
      std::size_t probe = end;
      char32_t next = utf8::next(source, probe);
      if (next < 0x80 || tables.nfkc().hasBoundaryBefore(static_cast<UChar32>(next))) break;
      end = probe;
    }
    if (end == i) {
      if (const std::string* single = tables.single_nfkc(cp)) {
        for (std::size_t k = 0; k < single->size();) builder.code_point(utf8::next(*single, k), src);
        continue;
      }
      if (tables.plain(cp)) {  // plain, but part of a Traditional run
        builder.code_point(cp, src);
        continue;
      }
    }
    normalize_segment(tables, source, start, end, builder);
    i = end;
  }
  return builder.finish(static_cast<std::uint32_t>(n));
}

std::string normalize_string(std::string_view source) { return normalize(source).text; }

}  // namespace bangfu::ingest
