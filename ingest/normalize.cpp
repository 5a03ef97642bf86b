#include "ingest/normalize.hpp"

#include <opencc/Lexicon.hpp>
#include <opencc/MarisaDict.hpp>
#include <opencc/SimpleConverter.hpp>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <bitset>
#include <cstdio>
#include <memory>
#include <stdexcept>
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
  const opencc::SimpleConverter& t2s() const { return *t2s_; }
  // Copied as is: NFKC leaves it alone and it is neither space, control nor zero-width.
  bool plain(char32_t cp) const { return cp < 0x10000 && plain_[cp]; }
  bool changes_in_t2s(char32_t cp) const { return cp < kTableSize && t2s_changed_[cp]; }
  const std::string* single_nfkc(char32_t cp) const {
    return cp < 0x10000 && has_single_[cp] ? &single_[cp] : nullptr;
  }

 private:
  Tables() {
    UErrorCode status = U_ZERO_ERROR;
    nfkc_ = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU NFKC unavailable: ") + u_errorName(status));
    std::string config = std::string(kOpenCCDir) + "t2s.json";
    try {
      t2s_ = std::make_unique<opencc::SimpleConverter>(config);
    } catch (const std::exception& e) {
      throw std::runtime_error("cannot load OpenCC config " + config + ": " + e.what());
    }
    derive_t2s_set();
    derive_nfkc_tables();
  }

  // A character t2s changes on its own, or where a phrase entry differs from its key. Read from the two
  // dictionaries t2s.json chains; converting every CJK code point through OpenCC instead gives the same
  // set but took a quarter of a second at every start, and is kept only for when the files are elsewhere.
  void derive_t2s_set() {
    if (!mark_differences("TSCharacters.ocd2")) probe_characters();
    mark_differences("TSPhrases.ocd2");  // without it, characters alone still convert
  }

  bool mark_differences(const std::string& name) {
    std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen((std::string(kOpenCCDir) + name).c_str(), "rb"), std::fclose);
    if (!file) return false;
    auto dict = opencc::MarisaDict::NewFromFile(file.get());
    for (const auto& entry : *dict->GetLexicon()) {
      std::string key = entry->Key(), value = entry->GetDefault();
      for (std::size_t i = 0, j = 0; i < key.size() && j < value.size();) {
        char32_t a = utf8::next(key, i), b = utf8::next(value, j);
        if (a != b && a < kTableSize) t2s_changed_[a] = true;
      }
    }
    return true;
  }

  void probe_characters() {
    std::string probe;
    std::vector<char32_t> cps;
    auto add_range = [&](char32_t lo, char32_t hi) {
      for (char32_t cp = lo; cp <= hi; ++cp) {
        cps.push_back(cp);
        utf8::append(probe, cp);
        probe += '\n';
      }
    };
    add_range(0x2E80, 0x2FDF);
    add_range(0x3000, 0x9FFF);
    add_range(0xF900, 0xFAFF);
    add_range(0xFE30, 0xFE4F);
    add_range(0x20000, 0x2FFFF);
    std::string converted = t2s_->Convert(probe);
    std::size_t pos = 0;
    for (char32_t cp : cps) {
      std::size_t nl = converted.find('\n', pos);
      if (nl == std::string::npos) break;
      std::size_t i = pos;
      if (!(nl - pos == utf8::seq_len(static_cast<unsigned char>(converted[pos])) && utf8::next(converted, i) == cp))
        t2s_changed_[cp] = true;
      pos = nl + 1;
    }
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
  std::unique_ptr<opencc::SimpleConverter> t2s_;
  std::bitset<kTableSize> t2s_changed_;
  std::vector<bool> plain_, has_single_;
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

  // Converts the finished run of Chinese as a whole, so OpenCC's phrase table sees the context.
  void close_run() {
    if (run_begin_ == kNoRun) return;
    std::size_t begin = run_begin_;
    run_begin_ = kNoRun;
    if (!run_needs_t2s_) return;
    run_needs_t2s_ = false;
    std::string original = out_.text.substr(begin);
    std::string converted = tables_.t2s().Convert(original);
    if (converted == original) return;
    std::vector<std::uint32_t> starts;  // source offset of each original code point
    for (std::size_t i = 0; i < original.size(); i += utf8::seq_len(static_cast<unsigned char>(original[i])))
      starts.push_back(out_.to_source[begin + i]);
    std::size_t n_conv = utf8::length(converted);
    out_.text.resize(begin);
    out_.to_source.resize(begin);
    std::size_t k = 0;
    for (std::size_t i = 0; i < converted.size(); ++k) {
      std::size_t len = utf8::seq_len(static_cast<unsigned char>(converted[i]));
      // One-to-one in nearly every case; otherwise spread the converted characters over the original ones.
      std::uint32_t src = starts.size() == n_conv ? starts[k] : starts[k * starts.size() / n_conv];
      out_.text.append(converted, i, len);
      out_.to_source.resize(out_.text.size(), src);
      i += len;
    }
  }

  const Tables& tables_;
  NormalizedText out_;
  bool pending_space_ = false;
  std::uint32_t pending_space_src_ = 0;
  std::size_t run_begin_ = kNoRun;
  bool run_needs_t2s_ = false;
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

}  // namespace

NormalizedText normalize(std::string_view source) {
  const Tables& tables = Tables::get();
  Builder builder(tables, source.size());
  const std::size_t n = source.size();
  std::size_t i = 0;
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(source[i]);
    auto src = static_cast<std::uint32_t>(i);
    if (c < 0x80) {
      if (c > 0x20 && c != 0x7F) {
        builder.ascii(static_cast<char>(c), src);
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
