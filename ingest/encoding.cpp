#include "ingest/encoding.hpp"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

namespace bangfu::ingest {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr const char* kUndecodable = "binary or undecodable file skipped";

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// Strict conversion: any illegal or unmappable sequence makes it fail, so a wrong guess is noticed.
bool convert(std::string_view bytes, const char* charset, std::string& out) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> conv(ucnv_open(charset, &status), ucnv_close);
  if (U_FAILURE(status)) return false;
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::unique_ptr<UConverter, decltype(&ucnv_close)> utf8(ucnv_open("UTF-8", &status), ucnv_close);
  if (U_FAILURE(status)) return false;
  out.assign(bytes.size() * 2 + 16, '\0');
  char* target = out.data();
  const char* source = bytes.data();
  ucnv_convertEx(utf8.get(), conv.get(), &target, out.data() + out.size(), &source, bytes.data() + bytes.size(),
                 nullptr, nullptr, nullptr, nullptr, true, true, &status);
  if (U_FAILURE(status)) return false;
  out.resize(static_cast<std::size_t>(target - out.data()));
  return true;
}

// Control characters other than tab/newline/form feed are a sign of a binary file, not of text.
bool is_control(unsigned char c) { return c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B; }

bool too_many_controls(std::size_t controls, std::size_t size) { return controls > size / 100 + 2; }

bool looks_binary(std::string_view text) {
  std::size_t controls = 0;
  for (unsigned char c : text) {
    if (c == 0) return true;
    if (is_control(c)) ++controls;
  }
  return too_many_controls(controls, text.size());
}

std::uint32_t le32(std::uint32_t w) {
  if constexpr (std::endian::native == std::endian::big) return __builtin_bswap32(w);
  return w;
}

constexpr std::uint64_t kHighBits = 0x8080808080808080ull;
constexpr std::uint64_t kSpaces = 0x2020202020202020ull;

// Eight ASCII bytes none of which is below 0x20: nothing to validate or count in them. Most bytes of a
// page's markup and of the ASCII in Chinese text pass here instead of one by one.
bool plain_ascii_word(const unsigned char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, sizeof w);
  return (w & kHighBits) == 0 && ((w - kSpaces) & ~w & kHighBits) == 0;
}

// Length of the well-formed UTF-8 sequence (lead byte >= 0x80) at p, 0 if it is not one: no overlong
// forms, surrogates or code points past U+10FFFF.
std::size_t any_multibyte_length(const unsigned char* p, std::size_t left) {
  unsigned char c = p[0];
  std::size_t len;
  char32_t cp;
  if ((c >> 5) == 0x6) len = 2, cp = c & 0x1F;
  else if ((c >> 4) == 0xE) len = 3, cp = c & 0x0F;
  else if ((c >> 3) == 0x1E) len = 4, cp = c & 0x07;
  else return 0;
  if (len > left) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    if ((p[k] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (p[k] & 0x3F);
  }
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return len;
}

// Chinese text is nearly all three-byte sequences: those are checked inline.
[[gnu::always_inline]] inline std::size_t multibyte_length(const unsigned char* p, std::size_t left) {
  if ((p[0] & 0xF0) == 0xE0 && left >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
    unsigned cp = ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
    return cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF) ? 3 : 0;
  }
  return any_multibyte_length(p, left);
}

// Past a run of well-formed three-byte sequences starting at i, four bytes read at a time (little-endian:
// the lead byte is the low one). Chinese text is mostly such runs; anything else stops the run.
std::size_t skip_three_byte_run(const unsigned char* p, std::size_t i, std::size_t n) {
  while (i + 4 <= n) {
    std::uint32_t w;
    std::memcpy(&w, p + i, sizeof w);
    w = le32(w);
    if ((w & 0xC0C0F0u) != 0x8080E0u) break;  // 1110xxxx 10xxxxxx 10xxxxxx
    std::uint32_t low = w & 0x200Fu;        // the lead's low bits, and 0x20 of the second byte
    if (low == 0 || low == 0x200Du) break;   // E0 80..9F: overlong; ED A0..BF: surrogate
    i += 3;
  }
  return i;
}

enum class Kind { utf8, binary, other };

// looks_binary and is_valid_utf8 in one pass, as every file is read: the verdict looks_binary gives,
// else whether the bytes are UTF-8.
Kind classify(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t n = s.size(), i = 0, controls = 0;
  while (i < n) {
    if (i + 8 <= n && plain_ascii_word(p + i)) {
      i += 8;
      continue;
    }
    unsigned char c = p[i];
    if (c < 0x80) {
      if (c == 0) return Kind::binary;
      controls += is_control(c);
      ++i;
      continue;
    }
    if (std::size_t past = skip_three_byte_run(p, i, n); past != i) {
      i = past;
      continue;
    }
    std::size_t len = multibyte_length(p + i, n - i);
    if (len == 0) return looks_binary(s) ? Kind::binary : Kind::other;  // rare: a legacy charset or junk
    i += len;
  }
  return too_many_controls(controls, n) ? Kind::binary : Kind::utf8;
}

std::string canonical_charset(std::string_view name) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "gbk" || lower == "gb2312" || lower == "gb18030" || lower == "x-gbk" || lower == "cp936")
    return "GB18030";  // a superset of both, so one converter reads all three
  if (lower == "big5" || lower == "big5-hkscs" || lower == "x-big5") return "Big5";
  if (lower == "utf-8" || lower == "utf8") return "UTF-8";
  return std::string(name);
}

// Share of the decoded text that is common CJK or ASCII: wrong guesses produce rare or private-use characters.
double plausibility(std::string_view utf8_text) {
  std::size_t good = 0, total = 0;
  for (std::size_t i = 0; i < utf8_text.size();) {
    unsigned char c = static_cast<unsigned char>(utf8_text[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
    char32_t cp = c < 0x80 ? c : 0;
    if (n == 3 && i + 2 < utf8_text.size())
      cp = ((c & 0x0F) << 12) | ((utf8_text[i + 1] & 0x3F) << 6) | (utf8_text[i + 2] & 0x3F);
    ++total;
    if (cp < 0x80 || (cp >= 0x4E00 && cp <= 0x9FA5) || (cp >= 0x3000 && cp <= 0x303F) ||
        (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x2010 && cp <= 0x2027))
      ++good;
    i += n;
  }
  return total ? double(good) / double(total) : 0.0;
}

}  // namespace

bool is_valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t i = 0, n = s.size();
  while (i < n) {
    if (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, p + i, sizeof w);
      if ((w & kHighBits) == 0) {
        i += 8;
        continue;
      }
    }
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    if (std::size_t past = skip_three_byte_run(p, i, n); past != i) {
      i = past;
      continue;
    }
    std::size_t len = multibyte_length(p + i, n - i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

namespace {

// `owned`, when given, holds `bytes` and may be taken as the text: most files are UTF-8 already.
Decoded decode(std::string_view bytes, std::string_view hint, std::string* owned) {
  Decoded result;
  if (starts_with(bytes, "\xFF\xFE") || starts_with(bytes, "\xFE\xFF")) {
    const char* charset = bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
    if (convert(bytes.substr(2), charset, result.text) && !looks_binary(result.text)) {
      result.ok = true;
      result.encoding = charset;
    } else {
      result.error = kUndecodable;
    }
    return result;
  }
  bool bom = starts_with(bytes, kUtf8Bom);
  if (bom) bytes.remove_prefix(kUtf8Bom.size());
  Kind kind = classify(bytes);
  if (kind == Kind::binary) {
    result.error = kUndecodable;
    return result;
  }
  if (kind == Kind::utf8) {
    result.ok = true;
    result.encoding = "UTF-8";
    if (!owned) {
      result.text.assign(bytes);
    } else {
      if (bom) owned->erase(0, kUtf8Bom.size());
      result.text = std::move(*owned);
    }
    return result;
  }

  // Candidates in order: the declared charset, what ICU's detector proposes, then the Chinese legacy charsets.
  std::vector<std::string> candidates;
  if (!hint.empty()) candidates.push_back(canonical_charset(hint));
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> detector(ucsdet_open(&status), ucsdet_close);
  if (U_SUCCESS(status)) {
    ucsdet_setText(detector.get(), bytes.data(), static_cast<int32_t>(std::min<std::size_t>(bytes.size(), 1 << 20)),
                   &status);
    int32_t count = 0;
    const UCharsetMatch** matches = ucsdet_detectAll(detector.get(), &count, &status);
    for (int32_t i = 0; U_SUCCESS(status) && i < count; ++i) {
      std::string name = canonical_charset(ucsdet_getName(matches[i], &status));
      if (name == "GB18030" || name == "Big5") candidates.push_back(name);
    }
  }
  candidates.push_back("GB18030");
  candidates.push_back("Big5");

  // Big5 and GBK byte ranges overlap; keep the reading that looks most like Chinese text.
  double best = -1.0;
  std::string text;
  for (const auto& charset : candidates) {
    if (!convert(bytes, charset.c_str(), text) || looks_binary(text)) continue;
    double score = plausibility(text);
    if (score > best + 0.02) {
      best = score;
      result.text = std::move(text);
      result.encoding = charset;
    }
  }
  if (best < 0.6) {
    result.text.clear();
    result.error = kUndecodable;
    return result;
  }
  result.ok = true;
  return result;
}

}  // namespace

Decoded decode_to_utf8(std::string_view bytes, std::string_view hint) { return decode(bytes, hint, nullptr); }

Decoded decode_owned_to_utf8(std::string&& bytes, std::string_view hint) { return decode(bytes, hint, &bytes); }

}  // namespace bangfu::ingest
